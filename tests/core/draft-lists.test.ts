/*
 * A draft's lists note which positions a change replaced (copy-on-write.ts), and every reader of a change
 * (validation, the change log, the journal, the digest, the search index) then visits only those. Whatever a
 * change does to a list, the quick answer must be the one a full walk gives, and what is saved must be what
 * a reopened library reads back.
 */
import { describe, expect, it } from 'vitest';
import type { CaseFile } from '../../src/shared/domain';
import { diffRecordLists, replacedPositions } from '../../src/core/storage/record-diff';
import { openTempLibrary, tempLibrary } from '../helpers/temp-library';

type Change = (sources: CaseFile['sources'], stored: CaseFile['sources']) => void;

const changes: [string, Change][] = [
  ['replaces a record by its index', (list, stored) => (list[3] = { ...stored[3], title: 'replaced' })],
  ['writes a field through a stand-in', (list) => (list[5].title = 'through the stand-in')],
  ['reads records without changing them', (list) => void list.find((s) => s.title === 'nothing')],
  ['puts the same record back', (list, stored) => (list[2] = stored[2])],
  ['appends a record', (list, stored) => void list.push({ ...stored[0], id: 'src_appended00000', title: 'appended' })],
  ['removes the last record', (list) => void list.pop()],
  ['removes one from the middle', (list) => void list.splice(4, 1)],
  ['sorts the list', (list) => void list.sort((a, b) => b.title.localeCompare(a.title))],
  ['swaps two records', (list) => ([list[1], list[6]] = [list[6], list[1]])],
  ['cuts the length and writes back', (list, stored) => {
    list.length = 7;
    list.push({ ...stored[7], title: 'written back' });
  }],
  ['defines a position', (list, stored) => void Object.defineProperty(list, 1, { value: { ...stored[1], title: 'defined' }, writable: true, enumerable: true, configurable: true })],
  ['replaces a record with one of another id', (list, stored) => (list[2] = { ...stored[2], id: 'src_otherid000000' })],
];

describe('a draft list that says which positions it replaced', () => {
  it('gives every reader the answer a full walk gives, and saves what a reopened library reads', async () => {
    const { lib, api, dir, session } = await tempLibrary();
    const c = await api['cases:create']({ fields: { title: 'Case', summary: '', status: 'open', tags: [] } });
    for (let i = 0; i < 10; i++) await api['sources:create']({ caseId: c.id, fields: { title: `Source ${i}` } });
    let quick = 0;
    for (const [, change] of changes) {
      const before = lib.read.caseFile(c.id)!;
      await lib.mutate('change', (draft) => change(draft.case(c.id).sources, before.sources));
      const after = lib.read.caseFile(c.id)!;
      if (replacedPositions(before.sources, after.sources)) quick++;
      // The same two lists, the second without its note: the full walk.
      const walked = diffRecordLists(before.sources, [...after.sources]);
      expect(diffRecordLists(before.sources, after.sources)).toEqual(walked);
      // Unchanged records keep their identity wherever the walk finds them.
      for (const s of after.sources) if (!walked.pairs.some((p) => p.id === s.id)) expect(before.sources).toContain(s);
    }
    // The edits in place took the quick path (otherwise this test would prove nothing about it).
    expect(quick).toBeGreaterThanOrEqual(3);
    const inMemory = structuredClone(lib.read.caseFile(c.id));
    await session.close();
    const reopened = await openTempLibrary(dir);
    expect(reopened.lib.read.caseFile(c.id)).toEqual(inMemory);
  });
});
