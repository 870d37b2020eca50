/*
 * Where a save's wall time goes, save by save: before the change log's durable write, the write itself (one
 * O_DSYNC write, or write + fsync where the system lacks O_DSYNC), and from it to the acknowledgement, with
 * the garbage collections that ran inside each save. `npx tsx bench/tasks/save-phases.ts <library> [edits]`
 * on a copy of a library bench:saves generates (it edits the first case, as bench/tasks/save.ts does). Prints
 * each phase's p50/p95, then the slowest 5 % of saves with their phases and collections, which is what sets a
 * p95: a slow durable write is the disk, a collection is allocation, a slow phase without either is the CPU
 * being taken (neighbours) or code.
 */
import { open } from 'node:fs/promises';
import path from 'node:path';
import { PerformanceObserver } from 'node:perf_hooks';
import { openLibrary } from '../../src/core/library-session';

const [dir, countArg] = process.argv.slice(2);
const count = Number(countArg ?? 300);
const probe = await open(path.join(dir, '.phases-probe'), 'a');
const proto = Object.getPrototypeOf(probe) as { write: (...a: unknown[]) => Promise<unknown>; writeFile: (...a: unknown[]) => Promise<void>; sync: () => Promise<void> };
await probe.close();
const { write, writeFile, sync } = proto;
let writeStart = 0;
let durableEnd = 0;
// The change log is written with write (writeFile before 4 December); either is timed.
proto.write = async function (this: unknown, ...args: unknown[]) {
  writeStart = performance.now();
  const result = await write.apply(this, args);
  durableEnd = performance.now();
  return result;
};
proto.writeFile = async function (this: unknown, ...args: unknown[]) {
  writeStart = performance.now();
  await writeFile.apply(this, args);
  durableEnd = performance.now();
};
proto.sync = async function (this: unknown) {
  await sync.call(this);
  durableEnd = performance.now();
};
const KINDS: Record<number, string> = { 1: 'scavenge', 2: 'mark-compact', 4: 'incremental', 8: 'weak-callbacks' };
const collections: { start: number; ms: number; kind: string }[] = [];
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) collections.push({ start: e.startTime, ms: e.duration, kind: KINDS[(e as { detail?: { kind?: number } }).detail?.kind ?? 0] ?? 'gc' });
}).observe({ entryTypes: ['gc'] });

const session = await openLibrary(dir);
const { lib, api } = session;
await session.search.ready();
await lib.read.warm();
const caseId = lib.read.caseIds()[0];
const file = lib.read.caseFile(caseId)!;
interface Row { i: number; pre: number; durable: number; post: number; total: number; gc: string; gcMs: number }
const rows: Row[] = [];
for (let i = 0; i < count; i++) {
  const t = performance.now();
  if (i % 3 === 0) {
    const note = file.notes[i % file.notes.length];
    await api['notes:update']({ caseId, noteId: note.id, patch: { body: `${note.body}\n\nEdit ${i}: checked.` } });
  } else if (i % 3 === 1) {
    const s = file.sources[i % file.sources.length];
    await api['sources:update']({ caseId, sourceId: s.id, patch: { title: `${s.title} (edit ${i})` } });
  } else {
    const e = file.events[i % file.events.length];
    await api['events:update']({ caseId, eventId: e.id, patch: { description: `Edit ${i}: confirmed.` } });
  }
  const end = performance.now();
  const [pre, durable, post] = [writeStart - t, durableEnd - writeStart, end - durableEnd];
  await (session.search as unknown as { settled(): Promise<void> }).settled();
  await lib.settled();
  const inside = collections.filter((c) => c.start >= t && c.start < end);
  rows.push({ i, pre, durable, post, total: end - t, gc: inside.map((c) => `${c.kind} ${c.ms.toFixed(2)}`).join(', '), gcMs: inside.reduce((a, c) => a + c.ms, 0) });
}
const q = (values: number[], p: number) => {
  const sorted = [...values].sort((x, y) => x - y);
  return sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)].toFixed(3);
};
for (const key of ['pre', 'durable', 'post', 'total'] as const) console.log(key.padEnd(8), 'p50', q(rows.map((r) => r[key]), 0.5), 'p95', q(rows.map((r) => r[key]), 0.95));
console.log(`collections inside saves: ${rows.filter((r) => r.gc).length} of ${count} saves, ${rows.reduce((a, r) => a + r.gcMs, 0).toFixed(1)} ms; in all ${collections.length}`);
console.log('slowest 5 %:');
for (const r of [...rows].sort((a, b) => b.total - a.total).slice(0, Math.ceil(count * 0.05))) {
  console.log(`  #${r.i} ${r.total.toFixed(2)} ms: before ${r.pre.toFixed(2)}, durable write ${r.durable.toFixed(2)}, after ${r.post.toFixed(2)}${r.gc ? `; gc ${r.gc}` : ''}`);
}
await session.close();
