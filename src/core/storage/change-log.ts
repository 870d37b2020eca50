/*
 * A case's change log: <library>/cases/<case-id>/changes.jsonl, the fast half of a save.
 *
 * Rewriting a whole case file for one edit costs time in proportion to the case (a 5,000-record case is
 * megabytes), so a save appends one line holding just what changed, as whole records, and fsyncs it once.
 * The log is folded into case.json (an atomic rewrite) when it grows past the case file's own size, when the
 * library closes, and on demand (`LibraryStore.checkpoint`, which sync calls before committing to git).
 *
 * One line:  <sha256 of the JSON, hex> <JSON>\n
 * The JSON:  { v: schema version, case?: the case record, sources|notes|events?: { put?: records, del?: ids,
 *              order?: ids }, sidecar?: { file, line, since } }
 * Whole records (never field patches) make replay idempotent: replaying a line onto a case file that
 * already holds it changes nothing, so a fold killed between writing case.json and removing the log loses
 * and duplicates nothing. `order` is written only when the records' order changed in a way "removed ones
 * go, new ones are appended" does not describe.
 *
 * A sidecar is a line for another append-only file of the case (the audit journal) that this save
 * carries: that file is then appended without its own fsync, and a fold or a replay appends any carried line
 * missing from it (a kill between the log's fsync and the journal's write) before the log is removed.
 * `since` is the sidecar file's size when the log was started, so only lines written since are compared.
 *
 * Reading: a last line without its newline is a save killed mid-append (never acknowledged) and is ignored.
 * Any other line whose checksum, JSON or records do not hold is reported and skipped; the lines after it are
 * still applied, since each holds whole records.
 */
import { hash } from 'node:crypto';
import { constants as fsFlags, promises as fs } from 'node:fs';
import path from 'node:path';
import { CaseRecord, CURRENT_SCHEMA_VERSION, EventRecord, NoteRecord, SourceRecord, type CaseFile } from '../../shared/domain';
import { sameData } from '../same-data';
import { fsyncDirectory, isErrno, type WriteOps } from './durable-write';
import { diffRecordLists } from './record-diff';

export const CHANGE_LOG = 'changes.jsonl';

const COLLECTIONS = [
  ['sources', SourceRecord],
  ['notes', NoteRecord],
  ['events', EventRecord],
] as const;
type CollectionKey = (typeof COLLECTIONS)[number][0];

export interface CollectionDelta {
  put?: { id: string }[];
  del?: string[];
  order?: string[];
}

export interface Sidecar {
  /** A plain file name in the case's folder (journal.jsonl). */
  file: string;
  /** The line, without its newline. */
  line: string;
  /** The sidecar file's size when the log was started. */
  since?: number;
}

export interface CaseDelta {
  v: number;
  case?: unknown;
  sources?: CollectionDelta;
  notes?: CollectionDelta;
  events?: CollectionDelta;
  sidecar?: Sidecar;
}

export interface LogDamage {
  line: number;
  reason: string;
}

export interface ParsedLog {
  deltas: CaseDelta[];
  damaged: LogDamage[];
  /** SHA-256 of the last valid line, which names the state the log brings the case to. */
  lastSum?: string;
}

/** Node's one-shot digest (every Node `engines` allows has it) makes no Hash object per line. */
function sha256(text: string): string {
  return hash('sha256', text, 'hex');
}

function collectionDelta(before: { id: string }[], after: { id: string }[]): CollectionDelta | undefined {
  const { pairs, inPlace } = diffRecordLists(before, after);
  // Records two versions share are skipped by identity; those left are compared by content.
  const put = pairs.filter((p) => p.after && !(p.before && sameData(p.before, p.after))).map((p) => p.after!);
  const del = pairs.filter((p) => !p.after).map((p) => p.id);
  if (put.length === 0 && del.length === 0 && inPlace) return undefined;
  return { ...(put.length ? { put } : {}), ...(del.length ? { del } : {}), ...(inPlace ? {} : { order: after.map((r) => r.id) }) };
}

/** What changed from `before` to `after`, as whole records; undefined when the schema version changed (fold instead). */
export function deltaOf(before: CaseFile, after: CaseFile): CaseDelta | undefined {
  if (before.schemaVersion !== after.schemaVersion || before.case.id !== after.case.id) return undefined;
  const delta: CaseDelta = { v: after.schemaVersion };
  if (before.case !== after.case && !sameData(before.case, after.case)) delta.case = after.case;
  for (const [key] of COLLECTIONS) {
    const change = collectionDelta(before[key], after[key]);
    if (change) delta[key] = change;
  }
  return delta;
}

export function encodeLine(delta: CaseDelta): string {
  const json = JSON.stringify(delta);
  return `${sha256(json)} ${json}\n`;
}

/** Why a line written at the current schema version cannot be applied; undefined when it can. */
function invalidRecords(delta: CaseDelta, caseId: string): string | undefined {
  if (delta.case !== undefined) {
    const parsed = CaseRecord.safeParse(delta.case);
    if (!parsed.success) return `its case record is not valid (${parsed.error.issues[0]?.message})`;
    if (parsed.data.id !== caseId) return `its case record is for another case (${parsed.data.id})`;
  }
  for (const [key, schema] of COLLECTIONS) {
    for (const record of delta[key]?.put ?? []) {
      const parsed = schema.safeParse(record);
      if (!parsed.success) return `a record in ${key} is not valid (${parsed.error.issues[0]?.path.join('.')}: ${parsed.error.issues[0]?.message})`;
    }
  }
  return undefined;
}

function isDelta(value: unknown): value is CaseDelta {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const d = value as Record<string, unknown>;
  if (typeof d.v !== 'number') return false;
  for (const [key] of COLLECTIONS) {
    const c = d[key] as CollectionDelta | undefined;
    if (c === undefined) continue;
    if (typeof c !== 'object' || c === null) return false;
    if (c.put !== undefined && (!Array.isArray(c.put) || c.put.some((r) => typeof r !== 'object' || r === null || typeof r.id !== 'string'))) return false;
    for (const ids of [c.del, c.order]) if (ids !== undefined && (!Array.isArray(ids) || ids.some((id) => typeof id !== 'string'))) return false;
  }
  const s = d.sidecar as Sidecar | undefined;
  if (s !== undefined && (typeof s !== 'object' || s === null || !isSidecarName(s.file) || typeof s.line !== 'string' || s.line.includes('\n'))) return false;
  return true;
}

/** Sidecars are plain .jsonl names in the case folder: a log line can never name a path elsewhere. */
function isSidecarName(name: unknown): boolean {
  return typeof name === 'string' && /^[a-z][a-z0-9-]*\.jsonl$/.test(name) && name !== CHANGE_LOG;
}

/**
 * Reads a log's text. `schemaVersion` is the version of the case file the lines are replayed onto: a
 * line for another version is reported and skipped; lines at the current version have their records validated.
 */
export function parseLog(text: string, caseId: string, schemaVersion: number): ParsedLog {
  const result: ParsedLog = { deltas: [], damaged: [] };
  const lines = text.split('\n');
  const tail = lines.pop(); // '' when the log ends in a newline; otherwise a save killed mid-append
  lines.forEach((line, i) => {
    const damage = (reason: string) => result.damaged.push({ line: i + 1, reason });
    const space = line.indexOf(' ');
    const sum = line.slice(0, space);
    const json = line.slice(space + 1);
    if (space !== 64 || sha256(json) !== sum) return damage('its checksum does not match (the line was damaged)');
    let value: unknown;
    try {
      value = JSON.parse(json);
    } catch {
      return damage('it is not valid JSON');
    }
    if (!isDelta(value)) return damage('it is not a change-log entry');
    if (value.v !== schemaVersion) return damage(`it was written for schema version ${value.v}, not the case file's ${schemaVersion}`);
    if (value.v === CURRENT_SCHEMA_VERSION) {
      const invalid = invalidRecords(value, caseId);
      if (invalid) return damage(invalid);
    }
    result.deltas.push(value);
    result.lastSum = sum;
  });
  void tail;
  return result;
}

/** Applies one line to a case file's parsed JSON (any schema version), in place. */
export function applyDelta(raw: Record<string, unknown>, delta: CaseDelta): void {
  if (delta.case !== undefined) raw.case = delta.case;
  for (const [key] of COLLECTIONS) {
    const change = delta[key];
    if (!change) continue;
    let records = (Array.isArray(raw[key]) ? raw[key] : []) as { id: string }[];
    if (change.del?.length) {
      const gone = new Set(change.del);
      records = records.filter((r) => !gone.has(r?.id));
    }
    if (change.put?.length) {
      records = [...records];
      const at = new Map(records.map((r, i) => [r?.id, i]));
      for (const record of change.put) {
        const i = at.get(record.id);
        if (i === undefined) {
          at.set(record.id, records.length);
          records.push(record);
        } else records[i] = record;
      }
    }
    if (change.order) {
      const byId = new Map(records.map((r) => [r?.id, r]));
      const ordered = change.order.map((id) => byId.get(id)).filter((r): r is { id: string } => r !== undefined);
      const placed = new Set(change.order);
      records = [...ordered, ...records.filter((r) => !placed.has(r?.id))];
    }
    raw[key as CollectionKey] = records;
  }
}

/** The log's size in bytes, or 0 when there is none. */
export async function logSize(file: string): Promise<number> {
  try {
    return (await fs.stat(file)).size;
  } catch (error) {
    if (isErrno(error, 'ENOENT')) return 0;
    throw error;
  }
}

/** A case's change log held open between saves, so a save costs one durable write (no open, no close). */
export interface OpenLog {
  handle?: Awaited<ReturnType<WriteOps['open']>>;
}

/** Closes a log held open (before it is folded and removed, or when the library closes). */
export async function closeLog(open: OpenLog): Promise<void> {
  const handle = open.handle;
  open.handle = undefined;
  await handle?.close().catch(() => undefined);
}

/**
 * The log is opened with O_DSYNC where the system has it (not Windows): each write returns once its bytes
 * (and the file's new size) are on the disk, as write + fsync would, in one trip through libuv's thread
 * pool instead of two. Elsewhere it is written, then fsynced.
 */
const DSYNC = fsFlags.O_DSYNC as number | undefined;
export const LOG_OPEN_FLAGS: string | number = DSYNC === undefined ? 'a' : fsFlags.O_WRONLY | fsFlags.O_APPEND | fsFlags.O_CREAT | DSYNC;

/**
 * Appends one line durably (the save's only synchronous write: O_DSYNC, or write + fsync). `size` is the
 * log's size before; when the append fails the log is cut back to it (best effort), so a save reported as
 * failed never reappears on replay. The log is opened for appending by the first save and held open in
 * `open` by the caller until it is folded; after a failure it is closed, and the next save opens it again.
 */
export async function appendLogLine(file: string, line: string, size: number, ops: WriteOps, open: OpenLog = {}): Promise<void> {
  try {
    // With the log already open, the write is issued before this function first yields, so the caller can
    // do its own work (CaseLibrary's bookkeeping) while the bytes go to the disk.
    open.handle ??= await ops.open(file, LOG_OPEN_FLAGS, 0o644);
    await writeWhole(open.handle, Buffer.from(line));
    if (DSYNC === undefined) await open.handle.sync();
    // A new log's name must survive a power cut too; later appends change only its content.
    if (size === 0) await fsyncDirectory(path.dirname(file), ops);
  } catch (error) {
    await closeLog(open);
    await cutBack(file, size);
    throw error;
  }
}

/**
 * One write of the whole buffer, as FileHandle.writeFile would do with fewer steps around it; a short write
 * (a full disk, a signal) continues with the rest, and an error fails the append, which is then cut back.
 */
async function writeWhole(handle: NonNullable<OpenLog['handle']>, bytes: Buffer): Promise<void> {
  for (let done = 0; done < bytes.length; ) {
    const { bytesWritten } = await handle.write(bytes, done, bytes.length - done, null);
    if (bytesWritten <= 0) throw new Error('the disk accepted none of the change log line');
    done += bytesWritten;
  }
}

async function cutBack(file: string, size: number): Promise<void> {
  try {
    const handle = await fs.open(file, 'r+');
    try {
      await handle.truncate(size);
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // Left as it is: replay reads the torn or extra line as an unacknowledged save (see parseLog).
  }
}

/**
 * The carried lines not found in their file among the lines written since the log was started (compared
 * as a multiset, so repeated identical lines are counted), and whether the file ends in a torn line.
 */
async function missingLines(file: string, sidecars: Sidecar[]): Promise<{ missing: string[]; endsTorn: boolean }> {
  let bytes = Buffer.alloc(0);
  try {
    bytes = await fs.readFile(file);
  } catch (error) {
    if (!isErrno(error, 'ENOENT')) throw error;
  }
  const since = sidecars[0].since ?? 0;
  const text = (since <= bytes.length ? bytes.subarray(since) : bytes).toString('utf8');
  const present = new Map<string, number>();
  for (const line of text.split('\n')) present.set(line, (present.get(line) ?? 0) + 1);
  const missing: string[] = [];
  for (const { line } of sidecars) {
    const n = present.get(line) ?? 0;
    if (n > 0) present.set(line, n - 1);
    else missing.push(line);
  }
  return { missing, endsTorn: bytes.length > 0 && bytes[bytes.length - 1] !== 0x0a };
}

function sidecarsByFile(deltas: CaseDelta[]): Map<string, Sidecar[]> {
  const byFile = new Map<string, Sidecar[]>();
  for (const d of deltas) if (d.sidecar) byFile.set(d.sidecar.file, [...(byFile.get(d.sidecar.file) ?? []), d.sidecar]);
  return byFile;
}

/** For a library opened read-only: per sidecar file, the carried lines it lacks (shown, never written). */
export async function unrestoredSidecars(caseDir: string, deltas: CaseDelta[]): Promise<Map<string, string[]>> {
  const result = new Map<string, string[]>();
  for (const [name, sidecars] of sidecarsByFile(deltas)) {
    const { missing } = await missingLines(path.join(caseDir, name), sidecars);
    if (missing.length > 0) result.set(name, missing);
  }
  return result;
}

/**
 * Makes sure every sidecar line the log carries is in its file, durably: appends those missing (written
 * since the log was started, compared as a multiset so repeated identical lines are counted) and fsyncs.
 * Run before the log is removed; running it twice appends nothing the second time.
 */
export async function restoreSidecars(caseDir: string, deltas: CaseDelta[], ops: WriteOps): Promise<number> {
  let restored = 0;
  for (const [name, sidecars] of sidecarsByFile(deltas)) {
    const file = path.join(caseDir, name);
    const { missing, endsTorn } = await missingLines(file, sidecars);
    const prefix = endsTorn && missing.length > 0 ? '\n' : '';
    const handle = await ops.open(file, 'a', 0o644);
    try {
      if (missing.length > 0) await handle.writeFile(`${prefix}${missing.join('\n')}\n`);
      await handle.sync();
    } finally {
      await handle.close();
    }
    restored += missing.length;
  }
  return restored;
}

/** The state a case's log brings it to, for fingerprints: its case file's fingerprint and the last line's checksum. */
export function loggedFingerprint(fileFingerprint: string | undefined, lastSum: string): string {
  return sha256(`${fileFingerprint ?? ''}+${lastSum}`);
}

/**
 * A file of a case folder as the acknowledged saves left it, for code that copies the folder without
 * opening the library (a backup, possibly while the window has it open): case.json with the change log
 * replayed, a sidecar (the journal) with the lines the log carries that it lacks. Without a log, or when the
 * files cannot be read as JSON, the bytes as they are. The log is read first: if a fold runs in between,
 * replaying it onto the folded case.json changes nothing.
 */
export async function readAsSaved(caseDir: string, name: string): Promise<Buffer> {
  const logText = await fs.readFile(path.join(caseDir, CHANGE_LOG), 'utf8').catch(() => undefined);
  const bytes = await fs.readFile(path.join(caseDir, name));
  if (logText === undefined) return bytes;
  try {
    const caseBytes = name === CASE_FILE_NAME ? bytes : await fs.readFile(path.join(caseDir, CASE_FILE_NAME));
    const raw = JSON.parse(caseBytes.toString('utf8')) as Record<string, unknown>;
    const { deltas } = parseLog(logText, path.basename(caseDir), typeof raw.schemaVersion === 'number' ? raw.schemaVersion : -1);
    if (name === CASE_FILE_NAME) {
      for (const delta of deltas) applyDelta(raw, delta);
      return Buffer.from(`${JSON.stringify(raw, null, 2)}\n`);
    }
    const missing = (await unrestoredSidecars(caseDir, deltas)).get(name) ?? [];
    if (missing.length === 0) return bytes;
    const torn = bytes.length > 0 && bytes[bytes.length - 1] !== 0x0a;
    return Buffer.concat([bytes, Buffer.from(`${torn ? '\n' : ''}${missing.join('\n')}\n`)]);
  } catch {
    return bytes;
  }
}

/** case.json's name, as library-store.ts declares it (that module imports this one). */
const CASE_FILE_NAME = 'case.json';
