/*
 * The audit journal: the chain of custody of a case. Every saved change is appended, as one JSON line, to
 *   <library>/cases/<case-id>/journal.jsonl   (changes to that case)
 *   <library>/journal.jsonl                   (changes to the library itself: settings, tags, purged cases)
 * saying when, who (the library's configured user name), what (the change's label), which records, and
 * the SHA-256 of every file attached or detached. It is fed by CaseLibrary.onChange, so it sees every
 * change in the order it was saved, whichever edge (window, CLI, bridge) made it.
 *
 * Append-only and crash-tolerant: each line is written with one append. A case's line rides with the save
 * itself (carried in the case's change log, storage/change-log.ts), so it is written without an fsync of its
 * own, just after the save is acknowledged (CaseLibrary.onAcknowledged; readers wait for it): a crash before it reaches the journal is repaired from the log when the library is next opened, and a
 * read-only opening shows it from the log (readCaseJournal). Other lines (the library's journal, a repair)
 * are fsynced. A crash mid-append can leave a torn last line; a reader skips it and reports it, and the next
 * append starts on a fresh line, so one torn line never hides the rest of the journal.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { JournalEntry, JournalFileChange, JournalListing, JournalProblem, JournalRecordChange } from '../../shared/api/types';
import { RecordId, Sha256, Timestamp, type CaseFile, type SourceRecord } from '../../shared/domain';
import type { CaseLibrary, LibraryChange } from '../case-library';
import { fsyncDirectory, isErrno } from '../storage/durable-write';
import { identityOf } from '../storage/local-identity';
import { diffRecordLists } from '../storage/record-diff';
import { sameData } from '../same-data';

export const JOURNAL_FILE = 'journal.jsonl';

const RecordChange = z.object({
  kind: z.enum(['case', 'source', 'note', 'event']),
  id: z.string(),
  title: z.string(),
  op: z.enum(['created', 'updated', 'deleted', 'restored', 'removed', 'purged']),
  fields: z.array(z.string()).optional(),
});
const FileChange = z.object({ op: z.enum(['attached', 'detached', 'restored']), sha256: Sha256, fileName: z.string(), sourceId: z.string(), attachmentId: z.string() });
export const JournalEntrySchema = z.object({
  at: Timestamp,
  who: z.string().nullable(),
  action: z.string(),
  undo: z.boolean().optional(),
  caseId: RecordId.optional(),
  records: z.array(RecordChange),
  files: z.array(FileChange),
}) satisfies z.ZodType<JournalEntry>;

export function caseJournalPath(lib: CaseLibrary, caseId: string): string {
  return path.join(lib.read.caseDir(caseId), JOURNAL_FILE);
}

export function libraryJournalPath(lib: CaseLibrary): string {
  return path.join(lib.dir, JOURNAL_FILE);
}

/**
 * Appends one line and, unless `durable` is false (the line was carried by the save), fsyncs it. Starts a
 * fresh line first if the file ends in a torn one.
 */
export async function appendJournalLine(file: string, entry: JournalEntry | string, durable = true): Promise<void> {
  const line = `${typeof entry === 'string' ? entry : JSON.stringify(entry)}\n`;
  let created = false;
  let handle: fs.FileHandle;
  try {
    handle = await fs.open(file, 'r+');
  } catch (error) {
    if (!isErrno(error, 'ENOENT')) throw error;
    handle = await fs.open(file, 'a+', 0o644);
    created = true;
  }
  try {
    const { size } = await handle.stat();
    let prefix = '';
    if (size > 0) {
      const last = Buffer.alloc(1);
      await handle.read(last, 0, 1, size - 1);
      if (last[0] !== 0x0a) prefix = '\n';
    }
    await handle.write(prefix + line, size);
    if (durable) await handle.sync();
  } finally {
    await handle.close();
  }
  if (created) await fsyncDirectory(path.dirname(file));
}

/** Reads a journal: every whole line that parses, and a note of each that does not. A missing file is an empty journal. */
export async function readJournal(file: string): Promise<JournalListing> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (error) {
    if (isErrno(error, 'ENOENT')) return { entries: [], problems: [] };
    throw error;
  }
  return parseJournal(text);
}

/**
 * A case's journal as the library knows it: the file, plus any line a save carried that a crash kept from
 * reaching it (seen only when the library was opened read-only since; a writer restores them on opening).
 */
export async function readCaseJournal(lib: CaseLibrary, caseId: string): Promise<JournalListing> {
  await lib.settled(); // the lines of acknowledged saves are appended just after them (recordCarried)
  const listing = await readJournal(caseJournalPath(lib, caseId));
  const carried = lib.read.unrestoredLines(caseId, JOURNAL_FILE);
  if (carried.length === 0) return listing;
  const extra = parseJournal(`${carried.join('\n')}\n`);
  return { entries: [...listing.entries, ...extra.entries], problems: [...listing.problems, ...extra.problems] };
}

function parseJournal(text: string): JournalListing {
  const entries: JournalEntry[] = [];
  const problems: JournalProblem[] = [];
  const lines = text.split('\n');
  const endsWhole = text.endsWith('\n');
  lines.forEach((line, i) => {
    if (line.trim() === '') return;
    const isLast = i === lines.length - 1;
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch {
      problems.push({ line: i + 1, reason: isLast && !endsWhole ? 'the last line is incomplete (a write was interrupted); it is ignored' : 'the line is not valid JSON; it is ignored' });
      return;
    }
    const valid = JournalEntrySchema.safeParse(parsed);
    if (valid.success) entries.push(valid.data);
    else problems.push({ line: i + 1, reason: `the line is not a journal entry (${valid.error.issues[0]?.message ?? 'wrong shape'}); it is ignored` });
  });
  return { entries, problems };
}

type Titled = { id: string; title: string; deletedAt?: string; updatedAt?: string };

function changedFields(before: object, after: object, ignore: string[]): string[] {
  const b = before as Record<string, unknown>;
  const a = after as Record<string, unknown>;
  // Compared as data (no serialising of each field twice per save); a key only one side has is a change.
  const changed: string[] = [];
  for (const k of Object.keys(b)) if (!ignore.includes(k) && !sameData(b[k], a[k])) changed.push(k);
  for (const k of Object.keys(a)) if (!ignore.includes(k) && !Object.prototype.hasOwnProperty.call(b, k) && a[k] !== undefined) changed.push(k);
  return changed.sort();
}

function diffRecord(kind: JournalRecordChange['kind'], before: Titled | undefined, after: Titled | undefined, ignore: string[]): JournalRecordChange | undefined {
  if (!before && after) return { kind, id: after.id, title: after.title, op: 'created' };
  if (before && !after) return { kind, id: before.id, title: before.title, op: 'removed' };
  if (!before || !after || before === after) return undefined; // an unchanged record is shared between versions
  if (!before.deletedAt && after.deletedAt) return { kind, id: after.id, title: after.title, op: 'deleted' };
  if (before.deletedAt && !after.deletedAt) return { kind, id: after.id, title: after.title, op: 'restored' };
  const fields = changedFields(before, after, ['updatedAt', ...ignore]);
  return fields.length > 0 ? { kind, id: after.id, title: after.title, op: 'updated', fields } : undefined;
}

function byId<T extends { id: string }>(list: T[] | undefined): Map<string, T> {
  return new Map((list ?? []).map((r) => [r.id, r]));
}

/** The records of two versions of a list that are not the same object, by id (see storage/record-diff.ts). */
function differing<T extends { id: string }>(old: T[] = [], now: T[] = []): { old: Map<string, T>; now: Map<string, T> } {
  const before = new Map<string, T>();
  const after = new Map<string, T>();
  for (const pair of diffRecordLists(old, now).pairs) {
    if (pair.before) before.set(pair.id, pair.before);
    if (pair.after) after.set(pair.id, pair.after);
  }
  return { old: before, now: after };
}

/** What one change did to one case: the records it created, changed, trashed or removed, and the files it attached or detached. */
export function diffCase(before: CaseFile | undefined, after: CaseFile | undefined): { records: JournalRecordChange[]; files: JournalFileChange[] } {
  const records: JournalRecordChange[] = [];
  const files: JournalFileChange[] = [];
  if (before && !after) {
    records.push({ kind: 'case', id: before.case.id, title: before.case.title, op: 'purged' });
    return { records, files };
  }
  const caseChange = diffRecord('case', before?.case, after?.case, []);
  if (caseChange) records.push(caseChange);
  let sources: { old: Map<string, SourceRecord>; now: Map<string, SourceRecord> } | undefined;
  for (const [kind, key] of [['source', 'sources'], ['note', 'notes'], ['event', 'events']] as const) {
    const lists = differing<Titled>(before?.[key], after?.[key]);
    if (key === 'sources') sources = lists as typeof sources; // the same pairs give the attachments, below
    const { old, now } = lists;
    for (const id of new Set([...old.keys(), ...now.keys()])) {
      // Attachments are reported as files, below, not as a changed field of their source.
      const change = diffRecord(kind, old.get(id), now.get(id), kind === 'source' ? ['attachments'] : []);
      if (change) records.push(change);
    }
  }
  const { old: oldSources, now: newSources } = sources!;
  for (const sourceId of new Set([...oldSources.keys(), ...newSources.keys()])) {
    const old = byId(oldSources.get(sourceId)?.attachments);
    const now = byId(newSources.get(sourceId)?.attachments);
    for (const [id, a] of now) if (!old.has(id)) files.push({ op: 'attached', sha256: a.sha256, fileName: a.fileName, sourceId, attachmentId: id });
    for (const [id, a] of old) if (!now.has(id)) files.push({ op: 'detached', sha256: a.sha256, fileName: a.fileName, sourceId, attachmentId: id });
  }
  return { records, files };
}

export const ERASED = '(erased)';

/**
 * An erasure is journalled as what was erased (kind, id, file hash) but never what it said: titles and file
 * names are personal data as often as not, and the point of erasing is that they are gone.
 */
function withoutContent(diff: { records: JournalRecordChange[]; files: JournalFileChange[] }): { records: JournalRecordChange[]; files: JournalFileChange[] } {
  return {
    records: diff.records.map((r) => ({ kind: r.kind, id: r.id, title: ERASED, op: r.op === 'removed' ? 'purged' : r.op, ...(r.fields ? { fields: r.fields } : {}) })),
    files: diff.files.map((f) => ({ ...f, fileName: ERASED })),
  };
}

export class AuditJournal {
  /** Appends that failed: the change itself was saved, but its journal line could not be written. */
  readonly failures: { at: string; action: string; file: string; reason: string }[] = [];
  /**
   * Each change's case entries, made before it is saved (to be carried) and appended after, each with its line as
   * serialised for the change log: a carried line is appended as it is, never serialised twice.
   */
  private readonly prepared = new WeakMap<LibraryChange, Map<string, { entry: JournalEntry; line: string }>>();

  constructor(private readonly lib: CaseLibrary) {}

  /** The lines to carry with a change's saves: each touched case's entry, as it will be appended. */
  linesToCarry(change: LibraryChange): Map<string, { file: string; line: string }> {
    if (change.origin === 'sync') return new Map(); // recorded by nobody here (see record)
    const prepared = new Map([...this.caseEntries(change)].map(([caseId, entry]) => [caseId, { entry, line: JSON.stringify(entry) }]));
    this.prepared.set(change, prepared);
    return new Map([...prepared].map(([caseId, { line }]) => [caseId, { file: JOURNAL_FILE, line }]));
  }

  private caseEntries(change: LibraryChange): Map<string, JournalEntry> {
    const who = this.who();
    const action = change.undo ? `Undo: ${change.label}` : change.label;
    const base = { at: change.at, who, action, ...(change.undo ? { undo: true } : {}) };
    const entries = new Map<string, JournalEntry>();
    for (const { caseId, before, after } of change.cases) {
      if (!after) continue;
      const { records, files } = change.erasure ? withoutContent(diffCase(before, after)) : diffCase(before, after);
      entries.set(caseId, { ...base, caseId, records, files });
    }
    return entries;
  }

  private who(): string | null {
    return identityOf(this.lib).name ?? null;
  }

  /**
   * Records a change made to a case's files outside `mutate` (`check --repair` restoring an attachment
   * from an identical copy), so the chain of custody shows it like any other change.
   */
  async recordFileRepair(caseId: string, action: string, files: JournalFileChange[]): Promise<void> {
    await this.append(caseJournalPath(this.lib, caseId), { at: this.lib.now().toISOString(), who: this.who(), action, caseId, records: [], files });
  }

  /**
   * Records a change in its turn, before it is acknowledged: every line no change log carries (the
   * library's journal, a case written whole), fsynced. The carried lines follow in `recordCarried`.
   */
  async record(change: LibraryChange): Promise<void> {
    if (change.origin === 'sync') return; // the merged journals already hold the lines of those who made it
    // The usual save: every line rides in a change log (recordCarried writes them), nothing to write now.
    if (!change.libraryChanged && change.carried && change.cases.every((c) => c.after && change.carried!.has(c.caseId))) return;
    const who = this.who();
    const action = change.undo ? `Undo: ${change.label}` : change.label;
    const base = { at: change.at, who, action, ...(change.undo ? { undo: true } : {}) };
    const purged: JournalRecordChange[] = [];
    const prepared = this.prepared.get(change);
    let made: Map<string, JournalEntry> | undefined;
    const entryOf = (caseId: string) => (prepared ? prepared.get(caseId)?.entry : (made ??= this.caseEntries(change)).get(caseId));
    for (const { caseId, before, after } of change.cases) {
      if (!after) {
        // The case folder, journal included, is gone: the purge is recorded in the library's journal.
        const { records } = change.erasure ? withoutContent(diffCase(before, after)) : diffCase(before, after);
        purged.push(...records);
        continue;
      }
      const entry = entryOf(caseId);
      if (entry && !change.carried?.has(caseId)) await this.append(caseJournalPath(this.lib, caseId), entry);
    }
    if (change.libraryChanged || purged.length > 0) await this.append(libraryJournalPath(this.lib), { ...base, records: purged, files: [] });
  }

  /**
   * Appends, once the change is acknowledged, the lines its saves carried in their change logs: they are
   * durable there already, so they are written without an fsync and without keeping the save waiting. A
   * kill before this runs loses nothing: the next open (or fold) restores them from the log.
   */
  async recordCarried(change: LibraryChange): Promise<void> {
    if (change.origin === 'sync' || !change.carried) return;
    const prepared = this.prepared.get(change);
    for (const caseId of change.carried) {
      const carried = prepared?.get(caseId);
      // A carried line is written exactly as carried, so the fold can tell it arrived.
      if (carried) await this.append(caseJournalPath(this.lib, caseId), carried.entry, false, carried.line);
    }
  }

  private async append(file: string, entry: JournalEntry, durable = true, line?: string): Promise<void> {
    try {
      await appendJournalLine(file, line ?? entry, durable);
    } catch (error) {
      // The change is already saved; failing it now would tell the user it was not. Keep the gap visible instead.
      this.failures.push({ at: entry.at, action: entry.action, file, reason: error instanceof Error ? error.message : String(error) });
    }
  }
}

const journals = new WeakMap<CaseLibrary, AuditJournal>();

/** Starts journalling a library's changes (once per open library; later calls return the same journal). */
export function ensureAuditJournal(lib: CaseLibrary): AuditJournal {
  let journal = journals.get(lib);
  if (!journal) {
    const created = new AuditJournal(lib);
    journal = created;
    journals.set(lib, created);
    if (!lib.read.readOnly) {
      lib.carryWithSaves((change) => created.linesToCarry(change));
      lib.onChange((change) => created.record(change));
      lib.onAcknowledged((change) => created.recordCarried(change));
    }
  }
  return journal;
}

/** A case's journal, optionally only the entries that touch one source (its record or its files). */
export async function listJournal(lib: CaseLibrary, caseKey: string, sourceId?: string): Promise<JournalListing> {
  const file = lib.requireCase(caseKey, { includeDeleted: true });
  const journalFile = caseJournalPath(lib, file.case.id);
  const listing = await readCaseJournal(lib, file.case.id);
  const failures = (journals.get(lib)?.failures ?? []).filter((f) => f.file === journalFile);
  const problems = [...listing.problems, ...failures.map((f) => ({ line: 0, reason: `the change “${f.action}” at ${f.at} was saved but could not be journalled (${f.reason})` }))];
  if (!sourceId) return { entries: listing.entries, problems };
  const entries = listing.entries.filter((e) => e.records.some((r) => r.kind === 'source' && r.id === sourceId) || e.files.some((f) => f.sourceId === sourceId));
  return { entries, problems };
}
