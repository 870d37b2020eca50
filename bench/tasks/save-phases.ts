/*
 * Where a save's wall time goes: before the change log's fsync, the fsync itself, and from it to the
 * acknowledgement (FileHandle.sync timed from inside). `npx tsx bench/tasks/save-phases.ts <library> [edits]`
 * on a copy of a library bench:saves generates (it edits the first case, as bench/tasks/save.ts does).
 */
import { open } from 'node:fs/promises';
import path from 'node:path';
import { openLibrary } from '../../src/core/library-session';

const [dir, countArg] = process.argv.slice(2);
const count = Number(countArg ?? 300);
const probe = await open(path.join(dir, '.p'), 'a');
const proto = Object.getPrototypeOf(probe);
const origSync = proto.sync;
let syncStart = 0, syncEnd = 0;
proto.sync = async function (this: unknown) { syncStart = performance.now(); const r = await origSync.call(this); syncEnd = performance.now(); return r; };
const session = await openLibrary(dir);
const { lib, api } = session;
await session.search.ready();
await lib.read.warm();
const caseId = lib.read.caseIds()[0];
const file = lib.read.caseFile(caseId)!;
const pre: number[] = [], sync: number[] = [], post: number[] = [], tot: number[] = [];
for (let i = 0; i < count; i++) {
  const t = performance.now();
  if (i % 3 === 0) { const note = file.notes[i % file.notes.length]; await api['notes:update']({ caseId, noteId: note.id, patch: { body: `${note.body}\n\nEdit ${i}: checked.` } }); }
  else if (i % 3 === 1) { const s = file.sources[i % file.sources.length]; await api['sources:update']({ caseId, sourceId: s.id, patch: { title: `${s.title} (edit ${i})` } }); }
  else { const e = file.events[i % file.events.length]; await api['events:update']({ caseId, eventId: e.id, patch: { description: `Edit ${i}: confirmed.` } }); }
  const end = performance.now();
  pre.push(syncStart - t); sync.push(syncEnd - syncStart); post.push(end - syncEnd); tot.push(end - t);
  await (session.search as unknown as { settled(): Promise<void> }).settled();
  await lib.settled();
}
const q = (a: number[], p: number) => { const s = [...a].sort((x, y) => x - y); return s[Math.min(s.length - 1, Math.floor(p * s.length))].toFixed(3); };
for (const [n, a] of [['pre-fsync', pre], ['fsync', sync], ['fsync→ack', post], ['total', tot]] as const) console.log(n.padEnd(10), 'p50', q(a, 0.5), 'p95', q(a, 0.95));
await session.close();
