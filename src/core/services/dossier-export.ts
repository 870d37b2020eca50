/*
 * dossier:export — compile cases into a PDF dossier and write it where the caller says. The engine
 * (core/dossier) knows nothing of files; this service finds the cases, reads their attachments and each case's
 * chain of custody (audit journal, files checked now) from the library, and writes the result durably (temp
 * file, fsync, rename), so a crash never leaves half a PDF.
 */
import { createHash } from 'node:crypto';
import { buildDossier, type DossierProgress } from '../dossier';
import type { ParsedInput } from '../../shared/api/contract';
import type { DossierExport } from '../../shared/api/types';
import { LIMITS } from '../../shared/domain';
import { ApiError } from '../../shared/errors';
import type { CaseLibrary } from '../case-library';
import { custodySummary } from '../evidence/custody';
import { writeFileDurably } from '../storage/durable-write';
import { readAttachment } from './attachments';

/** "Sarah Everard", or "Sarah Everard, Child Q and Stephen Port" — within the length a title may have. */
export function defaultDossierTitle(titles: string[]): string {
  const joined = titles.length <= 1 ? (titles[0] ?? 'Dossier') : `${titles.slice(0, -1).join(', ')} and ${titles[titles.length - 1]}`;
  return joined.length <= LIMITS.title ? joined : `${joined.slice(0, LIMITS.title - 1)}…`;
}

export async function exportDossier(lib: CaseLibrary, input: ParsedInput<'dossier:export'>, onProgress?: (p: DossierProgress) => void): Promise<DossierExport> {
  const cases = input.cases.map((key) => lib.requireCase(key));
  // Only the integrity appendix shows custody; it re-hashes every attached file, so it is not read for nothing.
  const withCustody = !input.sections || input.sections.includes('integrity');
  const custody = withCustody ? await Promise.all(cases.map((c) => custodySummary(lib, c.case.id))) : undefined;
  const result = await buildDossier(
    { library: lib.store.library, cases, readAttachment: (caseId, sha256) => readAttachment(lib, caseId, sha256), custody },
    {
      title: input.title ?? defaultDossierTitle(cases.map((c) => c.case.title)),
      sections: input.sections,
      compiledBy: input.compiledBy,
      buildDate: input.buildDate ?? lib.now().toISOString().slice(0, 10),
      marking: input.marking,
      bates: input.bates,
      citationStyle: input.citationStyle,
      pdfa: input.pdfa,
      onProgress,
    },
  );
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
    warnings: result.warnings,
    pageMap: result.pageMap,
  };
}
