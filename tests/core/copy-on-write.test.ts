/*
 * Drafts are copied on write, record by record (storage/copy-on-write.ts): what a change does to a draft must
 * never reach the stored version (shared with undo and the search index), unchanged records keep their
 * identity, and nothing a change returns is a stand-in (results cross IPC by structured clone).
 */
import { describe, expect, it } from 'vitest';
import { tempLibrary } from '../helpers/temp-library';

describe('copy-on-write drafts', () => {
  it('keep nested changes and thrown changes off the stored version, and share what did not change', async () => {
    const { lib, api } = await tempLibrary();
    const c = await api['cases:create']({ fields: { title: 'Case', summary: '', status: 'open', tags: [] } });
    const a = await api['sources:create']({ caseId: c.id, fields: { title: 'A', tags: ['x'] } });
    await api['sources:create']({ caseId: c.id, fields: { title: 'B' } });
    const before = lib.read.caseFile(c.id)!;

    // A change that reaches into a record's array and then throws changes nothing stored.
    await expect(
      lib.mutate('fails', (draft) => {
        const source = draft.case(c.id).sources.find((s) => s.id === a.id)!;
        source.tags.push('y');
        source.title = 'changed';
        throw new Error('no');
      }),
    ).rejects.toThrow('no');
    expect(lib.read.caseFile(c.id)).toBe(before);
    expect(before.sources[0]).toMatchObject({ title: 'A', tags: ['x'] });

    // A change to one record: the stored version before it is untouched, the other record is shared.
    const returned = await lib.mutate('edit', (draft) => {
      const source = draft.case(c.id).sources.find((s) => s.id === a.id)!;
      source.tags.push('y');
      return source;
    });
    const after = lib.read.caseFile(c.id)!;
    expect(before.sources[0].tags).toEqual(['x']);
    expect(after.sources[0].tags).toEqual(['x', 'y']);
    expect(after.sources[1]).toBe(before.sources[1]);
    expect(structuredClone(returned)).toEqual(after.sources[0]);
  });
});
