/*
 * dossier:export and dossier:preview — compile cases into a PDF dossier and write it where the caller says. The engine
 * (the rest of core/dossier) knows nothing of files; this service finds the cases, reads their attachments and each case's
 * chain of custody (audit journal, files checked now) from the library, and writes the result durably (temp
 * file, fsync, rename), so a crash never leaves half a PDF.
 */
import { createHash } from 'node:crypto';
import { buildDossier } from './build';
import type { DossierProgress } from './types';
import type { ParsedInput } from '../../shared/api/contract';
import type { DossierExport } from '../../shared/api/types';
import type { DossierWarning } from '../../shared/dossier';
import { LIMITS } from '../../shared/domain';
import { ApiError } from '../../shared/errors';
import type { CaseLibrary } from '../case-library';
import { custodySummary } from '../evidence/custody';
import { writeFileDurably } from '../storage/durable-write';
import { fingerprintAttachment, readAttachment } from '../services/attachments';
import { identityOf } from '../storage/local-identity';
import { openConflictsIn } from '../sync/state';

/** "Sarah Everard", or "Sarah Everard, Child Q and Stephen Port" — within the length a title may have. */
export function defaultDossierTitle(titles: string[]): string {
  const joined = titles.length <= 1 ? (titles[0] ?? 'Dossier') : `${titles.slice(0, -1).join(', ')} and ${titles[titles.length - 1]}`;
  return joined.length <= LIMITS.title ? joined : `${joined.slice(0, LIMITS.title - 1)}…`;
}

/** What dossier:export and dossier:preview share: the cases found, their custody read, the engine run in memory. */
export type DossierBuildInput = Omit<ParsedInput<'dossier:export'>, 'outputPath'>;

export async function compileDossier(lib: CaseLibrary, input: DossierBuildInput, onProgress?: (p: DossierProgress) => void) {
  const cases = input.cases.map((key) => lib.requireCase(key));
  // Only the integrity appendix shows custody; it re-hashes every attached file, so it is not read for nothing.
  const withCustody = !input.sections || input.sections.includes('integrity');
  const custody = withCustody ? await Promise.all(cases.map((c) => custodySummary(lib, c.case.id))) : undefined;
  // Every dossier setting of the contract (DossierSettings) passes through as it is: a new option needs no line here.
  const { cases: _keys, outputPath: _path, ...settings } = input as DossierBuildInput & { outputPath?: string };
  return buildDossier(
    {
      library: lib.read.library,
      cases,
      readAttachment: (caseId, sha256) => readAttachment(lib, caseId, sha256),
      fingerprintAttachment: (caseId, sha256) => fingerprintAttachment(lib, caseId, sha256),
      custody,
    },
    {
      ...settings,
      title: input.title ?? defaultDossierTitle(cases.map((c) => c.case.title)),
      compiledBy: settings.compiledBy ?? identityOf(lib).name,
      buildDate: input.buildDate ?? lib.now().toISOString().slice(0, 10),
      onProgress,
    },
  );
}

/** A dossier made while a sync conflict in its cases is open shows one of two versions: say so. */
async function conflictWarnings(lib: CaseLibrary, caseKeys: string[]): Promise<DossierWarning[]> {
  const cases = caseKeys.map((key) => lib.requireCase(key).case);
  const open = await openConflictsIn(lib.dir, cases.map((c) => c.id));
  return cases.flatMap((c) => {
    const n = open.filter((conflict) => conflict.caseId === c.id).length;
    return n ? [{ code: 'SYNC_CONFLICT_OPEN' as const, caseId: c.id, message: `“${c.title}” has ${n} unresolved sync conflict${n === 1 ? '' : 's'}: the dossier shows this computer’s version. Resolve them (casefolio sync conflicts) and export again.` }] : [];
  });
}

export async function exportDossier(lib: CaseLibrary, input: ParsedInput<'dossier:export'>, onProgress?: (p: DossierProgress) => void): Promise<DossierExport> {
  const result = await compileDossier(lib, input, onProgress);
  try {
    await writeFileDurably(input.outputPath, result.chunks);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new ApiError('IO_ERROR', `The dossier could not be written to ${input.outputPath} (${code}). Check that the folder exists and is writable.`);
  }
  return {
    path: input.outputPath,
    pages: result.pageMap.reduce((max, e) => Math.max(max, e.endPage), 0),
    size: result.size,
    sha256: result.chunks.reduce((hash, chunk) => hash.update(chunk), createHash('sha256')).digest('hex'),
    warnings: [...result.warnings, ...(await conflictWarnings(lib, input.cases))],
    pageMap: result.pageMap,
  };
}
