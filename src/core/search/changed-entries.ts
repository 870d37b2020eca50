/*
 * The index entries one saved change affects, found without visiting the records it did not reach: the
 * versions before and after share those records as objects (storage/record-diff.ts), so only the records
 * left over are compared, by content. A save of one edit in a 5,000-record case used to list every record's
 * entry twice (before and after) to find the one that changed.
 */
import type { CaseFile } from '../../shared/domain';
import { sameData } from '../same-data';
import { diffRecordLists } from '../storage/record-diff';
import { caseDocument, eventDocument, noteDocument, sourceDocuments, type AttachmentTextLookup, type CaseRecordEntry, type RecordKey } from './documents';

export interface ChangedEntries {
  /** Entries to (re)index: new or changed live records. */
  put: CaseRecordEntry[];
  /** Keys to take out: records removed or moved to the trash. */
  remove: RecordKey[];
}

const live = (record: { deletedAt?: string } | undefined): boolean => record !== undefined && !record.deletedAt;

/** What to reindex for a case changed from `before` to `after` (both stored versions, never drafts). */
export function changedEntries(before: CaseFile, after: CaseFile, texts: AttachmentTextLookup): ChangedEntries {
  const put: CaseRecordEntry[] = [];
  const remove: RecordKey[] = [];
  if (before.case !== after.case && !sameData(before.case, after.case)) {
    put.push({ key: `c:${after.case.id}`, record: after.case, documents: () => [caseDocument(after)] });
  }
  const kinds = [
    ['s', before.sources, after.sources, (s: CaseFile['sources'][number]) => sourceDocuments(s, texts)],
    ['n', before.notes, after.notes, (n: CaseFile['notes'][number]) => [noteDocument(n)]],
    ['e', before.events, after.events, (e: CaseFile['events'][number]) => [eventDocument(e)]],
  ] as const;
  for (const [prefix, old, now, documents] of kinds) {
    for (const { id, before: was, after: is } of diffRecordLists<{ id: string; deletedAt?: string }>(old, now).pairs) {
      const key: RecordKey = `${prefix}:${id}`;
      if (live(is) && !(live(was) && sameData(was, is))) {
        put.push({ key, record: is, documents: () => (documents as (r: unknown) => ReturnType<typeof documents>)(is) });
      } else if (live(was) && !live(is)) remove.push(key);
    }
  }
  return { put, remove };
}
