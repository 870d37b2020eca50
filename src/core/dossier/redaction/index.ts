/*
 * A redacted dossier, in one place: the data the engine is given is redacted before anything is typeset (case
 * files, tags, custody, the options' texts), exhibits are redacted as they are read (exhibits.ts), and the
 * finished file is checked for any name left (verify.ts). The engine itself knows nothing of people: whatever
 * section, header, bookmark or metadata field it makes from the data, it makes from data with ciphers in it.
 */
import type { CustodySummary } from '../../../shared/api/types';
import type { CaseFile, LibraryFile } from '../../../shared/domain';
import { ApiError } from '../../../shared/errors';
import { PdfWorker } from '../../evidence/pdf-worker-host';
import { RENDER_LIMITS } from '../exhibits/pdf-render';
import type { ExhibitRedactor } from '../exhibits/exhibit-content';
import type { DossierWarning } from '../types';
import { exhibitRedactor } from './exhibits';
import { INSPECT_LIMITS } from './pdf-inspect';
import { RedactionLog } from './log';
import { textRedactor, type RedactorHooks } from './redact-text';
import { redactionRules, type RedactionRule } from './rules';
import { verifyRedacted } from './verify';

export { RedactionLog, type RedactionLogEntry } from './log';
export type { RedactorHooks } from './redact-text';
export { findLeftoverNames } from './verify';

export interface Redaction {
  rules: readonly RedactionRule[];
  log: RedactionLog;
  /** Scans and pictures to review by hand, exhibits left out: added to the dossier's own warnings. */
  warnings: DossierWarning[];
  cases(files: CaseFile[]): CaseFile[];
  library(library: LibraryFile): LibraryFile;
  custody(custody: CustodySummary[] | undefined): CustodySummary[] | undefined;
  /** The options' own texts (title, compiled by, marking) with names replaced. */
  settings<T extends { title: string; compiledBy?: string; marking?: string }>(settings: T): T;
  exhibits: ExhibitRedactor;
  /** Throws an ApiError listing the places when a name is left in the finished file. */
  verify(bytes: Uint8Array): Promise<void>;
  /** Ends the pdf.js worker the exhibits and the check share: call it when the export ends, however it ends. */
  close(): Promise<void>;
}

export function startRedaction(library: LibraryFile, hooks: RedactorHooks = {}): Redaction {
  const rules = redactionRules(library);
  if (!rules.length) {
    throw new ApiError(
      'INVALID_INPUT',
      'No one in the library is anonymised, so a redacted copy would name everyone. Set a cipher for each person who must not be named (casefolio person add … --anonymise CIPHER, or on the person’s page) and export again.',
    );
  }
  const log = new RedactionLog();
  const warnings: DossierWarning[] = [];
  const text = textRedactor(rules, log, hooks);
  // One pdf.js worker reads and renders every exhibit and reads the finished file back: starting pdf.js once a
  // file cost most of a redacted export's time. Its heap is the larger of the two jobs' caps.
  const worker = new PdfWorker(Math.max(INSPECT_LIMITS.maxHeapMb, RENDER_LIMITS.maxHeapMb));
  return {
    rules,
    log,
    warnings,
    cases: (files) =>
      files.map((file) => {
        const at = `case ${file.case.slug}`;
        return {
          ...file,
          case: text.deep(file.case, at),
          sources: file.sources.map((r) => text.deep(r, `${at} › source “${r.title}”`)),
          notes: file.notes.map((r) => text.deep(r, `${at} › note “${r.title}”`)),
          events: file.events.map((r) => text.deep(r, `${at} › event “${r.title}”`)),
        };
      }),
    // Only what the engine prints from the library: its tags and settings (the user name that compiles it).
    library: (lib) => ({ ...lib, tags: text.deep(lib.tags, 'tags'), settings: text.deep(lib.settings, 'library settings') }),
    custody: (custody) => custody?.map((c) => text.deep(c, `chain of custody of case ${c.caseId}`)),
    settings: (settings) => ({
      ...settings,
      title: text.text(settings.title, 'dossier title'),
      ...(settings.compiledBy === undefined ? {} : { compiledBy: text.text(settings.compiledBy, 'compiled by') }),
      ...(settings.marking === undefined ? {} : { marking: text.text(settings.marking, 'marking') }),
    }),
    exhibits: exhibitRedactor(rules, text, log, warnings, hooks, worker),
    verify: (bytes) => verifyRedacted(bytes, rules, worker),
    close: () => worker.close(),
  };
}
