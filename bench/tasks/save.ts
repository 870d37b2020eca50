/*
 * Durable saves of single edits in the library's first case, through the contract as the window makes
 * them, with the search index following each. The index's own time is reported apart; where the index is
 * updated after the save is acknowledged, the floor is measured once it has caught up, so the two never overlap.
 *
 * Each save is followed by the floor (bench:saves compares against it): one durable write of just the
 * edit's bytes (the changed record's JSON, written and fsynced to a file kept open on the same disk).
 * Alternating the two means both see the same disk and the same neighbours on a shared machine.
 */
import { open } from 'node:fs/promises';
import path from 'node:path';
import { openLibrary } from '../../src/core/library-session';
import { report, summarise } from '../lib/report';

const [dir, countArg] = process.argv.slice(2);
const count = Number(countArg ?? 100);
// Opened as the window opens it: journal and search index attached, so each save is journalled as in the app.
const session = await openLibrary(dir);
const { lib, api } = session;
const search = session.search;
await search.ready();
const settled = (search as { settled?: () => Promise<void> }).settled;
// Steady state: the app has read every case file in the background by the time someone edits.
await lib.read.warm();
const caseId = lib.read.caseIds()[0];
const file = lib.read.caseFile(caseId)!;
const records = file.sources.length + file.notes.length + file.events.length;
const total: number[] = [];
const index: number[] = [];
const save: number[] = [];
const cpu: number[] = [];
const floor: number[] = [];
const floorFile = await open(path.join(dir, '.floor-probe'), 'a');
for (let i = 0; i < count; i++) {
  const t = performance.now();
  const cpuStart = process.cpuUsage();
  let changed: unknown;
  if (i % 3 === 0) {
    const note = file.notes[i % file.notes.length];
    changed = await api['notes:update']({ caseId, noteId: note.id, patch: { body: `${note.body}\n\nEdit ${i}: checked against the footage.` } });
  } else if (i % 3 === 1) {
    const source = file.sources[i % file.sources.length];
    changed = await api['sources:update']({ caseId, sourceId: source.id, patch: { title: `${source.title} (edit ${i})` } });
  } else {
    const event = file.events[i % file.events.length];
    changed = await api['events:update']({ caseId, eventId: event.id, patch: { description: `Edit ${i}: the time was confirmed by a second witness.` } });
  }
  const ms = performance.now() - t;
  // Where the index is updated after the save is acknowledged (`settled`), the call's time is the save's
  // own; where it is updated inside the save's turn (code before that), its time is taken off, as before.
  const deferred = typeof settled === 'function';
  if (deferred) await settled.call(search);
  // Where the journal's line (and a fold of a large log) follows the acknowledgement too, it is waited for
  // here, so the CPU column counts it and the floor never overlaps it.
  await (lib as { settled?: () => Promise<void> }).settled?.();
  const used = process.cpuUsage(cpuStart);
  cpu.push((used.user + used.system) / 1000);
  const indexMs = search.status().lastUpdateMs ?? 0;
  total.push(deferred ? ms + indexMs : ms);
  index.push(indexMs);
  save.push(deferred ? ms : ms - indexMs);
  const f = performance.now();
  await floorFile.write(`${JSON.stringify(changed)}\n`);
  await floorFile.sync();
  floor.push(performance.now() - f);
}
await floorFile.close();
const found = await api['search:query']({ query: `"edit ${count - 1}"` });
if (found.total === 0) throw new Error('the last edit was not found by search');
const closeStart = performance.now();
await session.close();
const closeMs = performance.now() - closeStart;
report({ records, caseBytes: JSON.stringify(file, null, 2).length, save: summarise(save), index: summarise(index), total: summarise(total), cpu: summarise(cpu), floor: summarise(floor), closeMs });
