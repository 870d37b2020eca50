/*
 * The PDF dossier engine: case files in, a court-ready PDF out. Plain Node, no Electron, no file system writes:
 * callers decide where the bytes go.
 */
export { buildDossier } from './build';
export { DossierOptionsSchema, DossierSectionSchema, batesLabel } from './options';
export {
  DOSSIER_SECTIONS,
  type DossierInput,
  type DossierOptions,
  type DossierPhase,
  type DossierProgress,
  type DossierResult,
  type DossierSection,
  type DossierWarning,
  type DossierWarningCode,
  type PageMapEntry,
  type PageMapKind,
} from './types';
