/*
 * The merge of two versions of a library (ours: this machine's last commit; theirs: the shared repository's)
 * against their merge base, file by file, computed in memory before anything on disk changes:
 *   - library.json and each case.json: merged by record and field (merge-json.ts);
 *   - journals (*.jsonl): the union of both sides' lines, ordered by time, each line once;
 *   - attachments (files/<sha256>): taken from whichever side has them, after checking that the bytes hash
 *     to the name; a file that does not is refused and reported;
 *   - anything else: ours where we changed it, else theirs.
 * The result says what to write, what the run would delete (for the guard), what came in and from whom,
 * and the conflicts.
 */
import { createHash } from 'node:crypto';
import type { CaseFile, LibraryFile } from '../../shared/domain';
import type { SyncConflict, SyncConflictSide } from '../../shared/sync';
import { sameData } from '../same-data';
import { CASE_FILE, CASES_DIR, FILES_DIR, LIBRARY_FILE } from '../storage/library-store';
import { mergeDocument, type RawConflict } from './merge-json';
import { lastAuthorSince } from './history';
import { readBlob, treeFiles } from './repo';

export interface MergePlan {
  /** Case files to write (undefined: the case is gone on both sides' merge). */
  cases: Map<string, CaseFile | undefined>;
  library?: LibraryFile;
  journals: Map<string, string>;
  attachments: Map<string, Uint8Array>;
  refused: string[];
  conflicts: SyncConflict[];
  incoming: Map<string, { author: { name: string; email: string }; counts: Record<string, number> }>;
  deletions: { records: number; of: number; cases: string[] };
}

const CASE_PATH = new RegExp(`^${CASES_DIR}/([^/]+)/${CASE_FILE.replace('.', '\\.')}$`);
const ATTACHMENT_PATH = new RegExp(`^${CASES_DIR}/[^/]+/${FILES_DIR}/([0-9a-f]{64})$`);
const RECORD_COLLECTIONS: Record<string, string> = { case: 'case', sources: 'source', notes: 'note', events: 'event', tags: 'tag', people: 'person', savedSearches: 'search', settings: 'library', document: 'library' };
const COUNT_NAMES: Record<string, string> = { case: 'cases', sources: 'sources', notes: 'notes', events: 'events', tags: 'tags', people: 'people', savedSearches: 'searches' };

type Obj = Record<string, unknown>;

async function readJsonBlob(dir: string, oid: string | undefined): Promise<Obj | undefined> {
  if (!oid) return undefined;
  return JSON.parse(Buffer.from(await readBlob(dir, oid)).toString('utf8')) as Obj;
}

async function readText(dir: string, oid: string | undefined): Promise<string> {
  return oid ? Buffer.from(await readBlob(dir, oid)).toString('utf8') : '';
}

/** The union of journal lines, ordered by their time (then by text, so every machine orders alike); torn lines dropped. */
export function unionJournal(...texts: string[]): string {
  const lines = new Map<string, string>();
  for (const text of texts) {
    for (const line of text.split('\n')) {
      if (!line.trim() || lines.has(line)) continue;
      try {
        const at = (JSON.parse(line) as { at?: unknown }).at;
        lines.set(line, typeof at === 'string' ? at : '');
      } catch {
        // A torn last line (a writer killed mid-append): not an entry.
      }
    }
  }
  const ordered = [...lines.entries()].sort(([a, atA], [b, atB]) => (atA < atB ? -1 : atA > atB ? 1 : a < b ? -1 : a > b ? 1 : 0));
  return ordered.map(([line]) => `${line}\n`).join('');
}

export function conflictId(parts: unknown[]): string {
  return `cf_${createHash('sha256').update(JSON.stringify(parts)).digest('hex').slice(0, 16)}`;
}

/** Live (not trashed) records of a case file, by kind and id. */
function liveRecords(file: Obj | undefined): Set<string> {
  const live = new Set<string>();
  if (!file) return live;
  const record = file.case as Obj | undefined;
  if (record && !record.deletedAt) live.add(`case:${String(record.id)}`);
  for (const key of Object.keys(file)) {
    const list = file[key];
    if (!Array.isArray(list)) continue;
    for (const r of list as Obj[]) if (r && typeof r.id === 'string' && !r.deletedAt) live.add(`${key}:${r.id}`);
  }
  return live;
}

/** Records (of a document's collections) added or changed in `after` compared with `before`, counted by kind. */
function changedCounts(before: Obj | undefined, after: Obj | undefined): Record<string, number> {
  const counts: Record<string, number> = {};
  if (!after) return counts;
  for (const [key, value] of Object.entries(after)) {
    const name = COUNT_NAMES[key];
    if (!name) continue;
    const old = before?.[key];
    if (Array.isArray(value)) {
      const oldById = new Map(((old as Obj[] | undefined) ?? []).map((r) => [String(r.id ?? r.path), r]));
      const n = (value as Obj[]).filter((r) => !sameData(oldById.get(String(r.id ?? r.path)), r)).length;
      if (n) counts[name] = (counts[name] ?? 0) + n;
    } else if (!sameData(old, value)) counts[name] = (counts[name] ?? 0) + 1;
  }
  return counts;
}

export interface PlanOptions {
  /**
   * The live records of a case as this library holds it (its catalogue digest), which is `ours` once the run's
   * commit step has committed the library: the deletion guard's whole-library count then reads only the case
   * files the merge changes, not every case file of the tree. Undefined (or no answer): read from `ours`.
   */
  liveRecordsOf?: (caseId: string) => number | undefined;
}

export async function planMerge(dir: string, refs: { base?: string; ours: string; theirs: string }, identity: { name: string; email: string }, options: PlanOptions = {}): Promise<MergePlan> {
  const [base, ours, theirs] = await Promise.all([treeFiles(dir, refs.base), treeFiles(dir, refs.ours), treeFiles(dir, refs.theirs)]);
  const plan: MergePlan = { cases: new Map(), journals: new Map(), attachments: new Map(), refused: [], conflicts: [], incoming: new Map(), deletions: { records: 0, of: 0, cases: [] } };
  const paths = new Set([...base.keys(), ...ours.keys(), ...theirs.keys()]);
  const countIncoming = async (filepath: string, counts: Record<string, number>) => {
    if (!Object.keys(counts).length) return;
    const author = await lastAuthorSince(dir, refs.theirs, refs.ours, filepath);
    const key = `${author.name}\u0000${author.email}`;
    const entry = plan.incoming.get(key) ?? { author: { name: author.name, email: author.email }, counts: {} };
    for (const [kind, n] of Object.entries(counts)) entry.counts[kind] = (entry.counts[kind] ?? 0) + n;
    plan.incoming.set(key, entry);
  };

  for (const filepath of [...paths].sort()) {
    const b = base.get(filepath);
    const o = ours.get(filepath);
    const t = theirs.get(filepath);
    const caseMatch = CASE_PATH.exec(filepath);
    const theirsNew = o !== t && t !== b;
    // Whole-library counts for the deletion guard, over every case file: a file the merge reads anyway is
    // counted from ours; the others from the library's digest, and from ours only where the library has none.
    if (!theirsNew) {
      if (caseMatch && o) plan.deletions.of += options.liveRecordsOf?.(caseMatch[1]) ?? liveRecords(await readJsonBlob(dir, o)).size;
      continue;
    }
    const attachment = ATTACHMENT_PATH.exec(filepath);
    if (attachment) {
      if (!t || o) continue; // attachments are never changed in place; one removed there stays here until its records go
      const bytes = await readBlob(dir, t);
      if (createHash('sha256').update(bytes).digest('hex') !== attachment[1]) plan.refused.push(filepath);
      else {
        plan.attachments.set(filepath, bytes);
        await countIncoming(filepath, { attachments: 1 });
      }
      continue;
    }
    if (filepath.endsWith('.jsonl')) {
      if (!t) continue; // a journal is never removed by itself (a purged case's folder goes with the case)
      const merged = o === b ? await readText(dir, t) : unionJournal(await readText(dir, o), await readText(dir, t));
      if (merged !== (await readText(dir, o))) plan.journals.set(filepath, merged);
      continue;
    }
    if (!caseMatch && filepath !== LIBRARY_FILE) continue; // .gitignore and the like: ours
    const [bDoc, oDoc, tDoc] = await Promise.all([readJsonBlob(dir, b), readJsonBlob(dir, o), readJsonBlob(dir, t)]);
    const caseId = caseMatch?.[1];
    const caseTitle = String(((oDoc ?? tDoc ?? bDoc)?.case as Obj | undefined)?.title ?? '');
    const { merged, conflicts } = mergeDocument(bDoc, oDoc, tDoc, caseId ? { collection: 'case', recordId: caseId, recordTitle: caseTitle } : { collection: 'library', recordId: 'library', recordTitle: 'Library' });
    if (conflicts.length) {
      const [oursBy, theirsBy] = await Promise.all([lastAuthorSince(dir, refs.ours, refs.theirs, filepath), lastAuthorSince(dir, refs.theirs, refs.ours, filepath)]);
      for (const c of conflicts) plan.conflicts.push(toConflict(c, caseId, caseTitle, { ...oursBy, name: oursBy.name || identity.name }, theirsBy));
    }
    if (caseId) plan.deletions.of += liveRecords(oDoc).size;
    if (sameData(merged, oDoc)) continue;
    await countIncoming(filepath, changedCounts(oDoc, merged));
    if (caseId) {
      plan.cases.set(caseId, merged as CaseFile | undefined);
      const before = liveRecords(oDoc);
      const after = liveRecords(merged);
      const gone = [...before].filter((r) => !after.has(r));
      plan.deletions.records += gone.length;
      if (gone.includes(`case:${caseId}`)) plan.deletions.cases.push(caseTitle || caseId);
    } else if (merged) plan.library = merged as LibraryFile;
  }
  return plan;
}

function toConflict(c: RawConflict, caseId: string | undefined, caseTitle: string, oursBy: SyncConflictSide, theirsBy: SyncConflictSide): SyncConflict {
  const kind = RECORD_COLLECTIONS[c.collection] ?? c.collection;
  return {
    id: conflictId([caseId ?? '', c.collection, c.recordId, c.field ?? '', c.ours ?? null, c.theirs ?? null]),
    ...(caseId ? { caseId, caseTitle } : {}),
    kind,
    recordId: c.recordId,
    recordTitle: c.recordTitle,
    ...(c.field ? { field: c.field } : {}),
    ours: c.ours ?? null,
    theirs: c.theirs ?? null,
    oursBy,
    theirsBy,
  };
}
