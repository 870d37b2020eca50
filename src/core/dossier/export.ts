/*
 * dossier:export and dossier:preview — compile cases into a PDF dossier and write it where the caller says. The engine
 * (the rest of core/dossier) knows nothing of files; this service finds the cases, reads their attachments and each case's
 * chain of custody (audit journal, files checked now) from the library, and writes the result durably (temp
 * file, fsync, rename), so a crash never leaves half a PDF.
 */
import { createHash } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { buildDossier } from './build';
import { startRedaction, type Redaction, type RedactionLog, type RedactionLogEntry, type RedactorHooks } from './redaction';
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

export async function compileDossier(lib: CaseLibrary, input: DossierBuildInput, onProgress?: (p: DossierProgress) => void, redactionHooks?: RedactorHooks) {
  // A redacted dossier is given redacted data (redaction/): the engine typesets whatever it is given.
  const redaction = input.redact ? startRedaction(lib.read.library, redactionHooks) : undefined;
  try {
    return await compileWith(lib, input, redaction, onProgress);
  } finally {
    // The redaction's pdf.js worker ends with the export, whether it is written, refused or failed.
    await redaction?.close();
  }
}

async function compileWith(lib: CaseLibrary, input: DossierBuildInput, redaction: Redaction | undefined, onProgress?: (p: DossierProgress) => void) {
  const stored = input.cases.map((key) => lib.requireCase(key));
  const cases = redaction ? redaction.cases(stored) : stored;
  // Only the integrity appendix shows custody; it checks every attached file, so it is not read for nothing. It is
  // made once the exhibits are read: an exhibit's file is then reported with the digest of the bytes the build read
  // and used (one read, one hash), and only the files the dossier does not hold are read and hashed for it.
  const withCustody = !input.sections || input.sections.includes('integrity');
  const hashedByBuild = new Map<string, string>();
  const storedFile = (caseId: string, storedAs: string) => `${caseId}/${storedAs}`;
  const custody = withCustody
    ? async () => {
        const summaries = await Promise.all(cases.map((c) => custodySummary(lib, c.case.id, { hashedBy: (caseId, storedAs) => hashedByBuild.get(storedFile(caseId, storedAs)) })));
        return redaction ? redaction.custody(summaries) : summaries;
      }
    : undefined;
  // Every dossier setting of the contract (DossierSettings) passes through as it is: a new option needs no line here.
  const { cases: _keys, outputPath: _path, ...settings } = input as DossierBuildInput & { outputPath?: string };
  const options = {
    ...settings,
    title: input.title ?? defaultDossierTitle(cases.map((c) => c.case.title)),
    compiledBy: settings.compiledBy ?? identityOf(lib).name,
    buildDate: input.buildDate ?? lib.now().toISOString().slice(0, 10),
    onProgress,
  };
  const result = await buildDossier(
    {
      library: redaction ? redaction.library(lib.read.library) : lib.read.library,
      cases,
      readAttachment: (caseId, sha256) => readAttachment(lib, caseId, sha256),
      fingerprintAttachment: (caseId, sha256) => fingerprintAttachment(lib, caseId, sha256),
      attachmentHashed: (caseId, storedAs, sha256) => hashedByBuild.set(storedFile(caseId, storedAs), sha256),
      custody,
    },
    redaction ? redaction.settings(options) : options,
    redaction?.exhibits,
  );
  // Not `{ ...result }`: a spread reads the lazy `bytes` getter, which joins the whole output into one more copy of
  // it (52 MB more at the peak for a dossier of 52 MB of scans). The redacted path reads the bytes anyway, to verify.
  if (!redaction) return Object.assign(result, { redaction });
  await redaction.verify(result.bytes);
  return { ...result, warnings: [...result.warnings, ...redaction.warnings], redaction: { ...redaction, title: options.title, buildDate: options.buildDate } };
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

export async function exportDossier(
  lib: CaseLibrary,
  input: ParsedInput<'dossier:export'>,
  onProgress?: (p: DossierProgress) => void,
  redactionHooks?: RedactorHooks,
): Promise<DossierExport> {
  const result = await compileDossier(lib, input, onProgress, redactionHooks);
  const written: string[] = [];
  try {
    await writeFileDurably(input.outputPath, result.chunks);
    written.push(input.outputPath);
    if (result.redaction) {
      // Beside the PDF, never inside it: the log names the people the dossier leaves out.
      const { redaction } = result;
      for (const [file, text] of [
        [`${input.outputPath}.redaction-log.txt`, redaction.log.toText(redaction.rules, redaction)],
        [`${input.outputPath}.redaction-log.json`, redaction.log.toJson(redaction.rules, redaction)],
      ]) {
        await writeFileDurably(file, [Buffer.from(text, 'utf8')]);
        written.push(file);
      }
    }
  } catch (error) {
    // A redacted dossier without its log cannot be checked: all of it, or nothing.
    await Promise.all(written.map((file) => rm(file, { force: true })));
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
    ...(result.redaction ? { redactionLog: redactionSummary(input.outputPath, result.redaction.log) } : {}),
  };
}

function redactionSummary(outputPath: string, log: RedactionLog): NonNullable<DossierExport['redactionLog']> {
  const count = (action: RedactionLogEntry['action']) => log.entries.filter((e) => e.action === action).length;
  return {
    textPath: `${outputPath}.redaction-log.txt`,
    jsonPath: `${outputPath}.redaction-log.json`,
    replaced: count('replaced'),
    pagesRebuilt: new Set(log.entries.filter((e) => e.action === 'page-rebuilt').map((e) => e.place)).size,
    reviewByHand: count('review-by-hand'),
  };
}
