/*
 * The dossier engine's public types: what goes in, what comes out. What also crosses the contract (sections,
 * warnings, the page map) is declared in shared/dossier.ts and re-exported here.
 */
import type { CustodySummary } from '../../shared/api/types';
import type { CitationStyleId } from '../../shared/citation-styles';
import type { CaseFile, LibraryFile } from '../../shared/domain';
import type { DossierProgress, DossierSection, DossierWarning, PageMapEntry } from '../../shared/dossier';

export {
  DOSSIER_SECTIONS,
  type DossierProgress,
  type DossierSection,
  type DossierWarning,
  type DossierWarningCode,
  type PageMapEntry,
  type PageMapKind,
} from '../../shared/dossier';

export type DossierPhase = DossierProgress['phase'];

export interface DossierInput {
  /** Tag vocabulary and settings.userName (the default "compiled by"). */
  library: LibraryFile;
  /** In the order they appear in the dossier. */
  cases: CaseFile[];
  /** Bytes of an attachment stored at <library>/cases/<caseId>/files/<sha256>; undefined if missing. */
  readAttachment(caseId: string, sha256: string): Promise<Uint8Array | undefined>;
  /**
   * The chain of custody of each case's files, from its audit journal (core/evidence/custody), for the integrity
   * appendix. The engine reads no journal itself; without this the appendix gives no custody details.
   */
  custody?: CustodySummary[];
}

export interface DossierOptions {
  title: string;
  /** Which parts to include; default all. Parts always appear in the order of DOSSIER_SECTIONS. */
  sections?: DossierSection[];
  /** Defaults to the library's userName. */
  compiledBy?: string;
  /** YYYY-MM-DD; the only date the output depends on, so a rebuild is byte-identical. */
  buildDate: string;
  /** e.g. "CONFIDENTIAL" or "DRAFT": on the cover and on every page. */
  marking?: string;
  /** Bates stamp on every page: prefix, a hyphen unless the prefix ends in a separator, and a zero-padded number. */
  bates?: { prefix: string; start?: number; digits?: number };
  /** How sources are cited in the sources lists; default OSCOLA. */
  citationStyle?: CitationStyleId;
  /** An archival PDF/A-1b file (see pdfa.ts). */
  pdfa?: boolean;
  onProgress?: (progress: DossierProgress) => void;
}

export interface DossierResult {
  /** The PDF as chunks to write in order: streams' contents are not copied into one buffer, so a large dossier is not held twice. */
  chunks: readonly Uint8Array[];
  /** The PDF's size in bytes. */
  size: number;
  /** The PDF in one buffer, joined when first asked for (tests, callers that need it whole). */
  readonly bytes: Uint8Array;
  warnings: DossierWarning[];
  pageMap: PageMapEntry[];
}
