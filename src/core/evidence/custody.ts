/*
 * The chain of custody of a case's evidence, summarised: for each attached file, when and by whom it was
 * added (from the audit journal), how it was captured, whether the stored file still matches its hash
 * now, and what happened to it or its source since. The dossier's integrity appendix is built from this.
 */
import path from 'node:path';
import type { CustodySummary, ExhibitCustody } from '../../shared/api/types';
import type { CaseLibrary } from '../case-library';
import { readCaseJournal } from './journal';
import { hashFile } from './verify';

export interface CustodyOptions {
  /** Only these sources (in this order); default: every source not in the trash, in case order. */
  sourceIds?: string[];
  /**
   * The SHA-256 of a stored file (by case id and the name it is stored under) when the caller has just read and
   * hashed it, as a dossier's build does its exhibits: that digest, of the bytes the caller used, is reported
   * instead of reading the file again. Undefined: the file is read and hashed here.
   */
  hashedBy?: (caseId: string, storedAs: string) => string | undefined;
}

export async function custodySummary(lib: CaseLibrary, caseKey: string, options: CustodyOptions = {}): Promise<CustodySummary> {
  const file = lib.requireCase(caseKey);
  const { entries, problems } = await readCaseJournal(lib, file.case.id);
  const sources = options.sourceIds
    ? options.sourceIds.map((id) => file.sources.find((s) => s.id === id)).filter((s) => s !== undefined)
    : file.sources.filter((s) => !s.deletedAt);
  const hashes = new Map<string, string | undefined>();
  const exhibits: ExhibitCustody[] = [];
  for (const source of sources) {
    for (const a of source.attachments) {
      if (!hashes.has(a.sha256)) hashes.set(a.sha256, options.hashedBy?.(file.case.id, a.sha256) ?? (await hashFile(path.join(lib.read.filesDir(file.case.id), a.sha256))));
      const actual = hashes.get(a.sha256);
      const added = entries.find((e) => e.files.some((f) => f.op === 'attached' && f.attachmentId === a.id));
      const history = entries
        .filter((e) => e !== added && (!added || e.at >= added.at))
        .filter((e) => e.files.some((f) => f.attachmentId === a.id) || e.records.some((r) => r.kind === 'source' && r.id === source.id && r.op !== 'created'))
        .map((e) => ({ at: e.at, who: e.who, action: e.action }));
      exhibits.push({
        sourceId: source.id,
        sourceTitle: source.title,
        attachmentId: a.id,
        fileName: a.fileName,
        mediaType: a.mediaType,
        size: a.size,
        sha256: a.sha256,
        addedAt: a.addedAt,
        ...(added ? { addedBy: added.who } : {}),
        ...(a.capture ? { capture: a.capture } : {}),
        integrity: actual === undefined ? 'missing' : actual === a.sha256 ? 'intact' : 'changed',
        history,
      });
    }
  }
  return {
    caseId: file.case.id,
    caseTitle: file.case.title,
    checkedAt: lib.now().toISOString(),
    journal: { entries: entries.length, firstAt: entries[0]?.at, lastAt: entries.at(-1)?.at, problems },
    exhibits,
  };
}
