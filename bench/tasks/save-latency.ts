/*
 * Durable saves of single edits in the library's one case, through the contract as the window makes them
 * (journal and search index attached), each followed in turn by the floor: one durable write of just the
 * edit's bytes (the changed record's JSON, written and fsynced to a file kept open on the same disk).
 * Alternating the two means both see the same disk and the same neighbours on a shared machine.
 * Usage: save-latency <library-dir> <count>
 */
import { open } from 'node:fs/promises';
import path from 'node:path';
import { openLibrary } from '../../src/core/library-session';
import { report, summarise } from '../lib/report';

const [dir, countArg] = process.argv.slice(2);
const count = Number(countArg ?? 100);
const session = await openLibrary(dir);
const { lib, api } = session;
const search = session.search;
await search.ready();
await lib.read.warm();
const caseId = lib.read.caseIds()[0];
const file = lib.read.caseFile(caseId)!;
const records = file.sources.length + file.notes.length + file.events.length;
const floorFile = await open(path.join(dir, '.floor-probe'), 'a');
const save: number[] = [];
const floor: number[] = [];
const total: number[] = [];
for (let i = 0; i < count; i++) {
  const t = performance.now();
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
  const indexMs = search.status().lastUpdateMs ?? 0;
  total.push(ms);
  save.push(ms - indexMs);
  const bytes = `${JSON.stringify(changed)}\n`;
  const f = performance.now();
  await floorFile.write(bytes);
  await floorFile.sync();
  floor.push(performance.now() - f);
}
await floorFile.close();
const found = await api['search:query']({ query: `"edit ${count - 2}"` });
if (found.total === 0) throw new Error('the last edits were not found by search');
const closeStart = performance.now();
await session.close();
report({ records, caseBytes: JSON.stringify(file, null, 2).length, save: summarise(save), floor: summarise(floor), total: summarise(total), closeMs: performance.now() - closeStart });
