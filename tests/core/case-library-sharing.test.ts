import { describe, expect, it } from 'vitest';
import { tempLibrary } from '../helpers/temp-library';

describe('versions of a case share unchanged records', () => {
  it('keeps the previous objects for records an edit did not touch, and undo still restores the old version', async () => {
    const { api, lib } = await tempLibrary();
    const c = await api['cases:create']({ fields: { title: 'Shared' } });
    const a = await api['notes:create']({ caseId: c.id, fields: { title: 'A', body: 'first' } });
    await api['notes:create']({ caseId: c.id, fields: { title: 'B', body: 'second' } });
    const source = await api['sources:create']({ caseId: c.id, fields: { title: 'S' } });
    const before = lib.read.caseFile(c.id)!;
    await api['notes:update']({ caseId: c.id, noteId: a.id, patch: { body: 'changed' } });
    const after = lib.read.caseFile(c.id)!;
    expect(after).not.toBe(before);
    expect(after.notes[0]).not.toBe(before.notes[0]);
    expect(after.notes[0].body).toBe('changed');
    expect(after.notes[1]).toBe(before.notes[1]);
    expect(after.sources[0]).toBe(before.sources[0]);
    expect(after.case).toBe(before.case);
    expect(before.notes[0].body).toBe('first');
    await api['history:undo']({});
    expect(lib.read.caseFile(c.id)!.notes[0].body).toBe('first');
    expect(lib.read.caseFile(c.id)!.sources[0].id).toBe(source.id);
  });

  it('still validates what changed: an invalid record is refused with the path a full validation gives, and nothing is written', async () => {
    const { api, lib } = await tempLibrary();
    const c = await api['cases:create']({ fields: { title: 'Checked' } });
    await api['sources:create']({ caseId: c.id, fields: { title: 'First' } });
    await api['sources:create']({ caseId: c.id, fields: { title: 'Second' } });
    const before = lib.read.caseFile(c.id)!;
    const attempt = lib.mutate('Break a title', (draft) => {
      draft.case(c.id).sources[1].title = '   ';
    });
    await expect(attempt).rejects.toMatchObject({ issues: expect.arrayContaining([expect.objectContaining({ path: ['sources', 1, 'title'] })]) });
    expect(lib.read.caseFile(c.id)).toBe(before);
    const added = lib.mutate('Add a malformed record', (draft) => {
      draft.case(c.id).notes.push({ id: 'note_bad', title: 42 } as never);
    });
    await expect(added).rejects.toMatchObject({ issues: expect.arrayContaining([expect.objectContaining({ path: ['notes', 0, 'createdAt'] })]) });
    expect(lib.read.caseFile(c.id)).toBe(before);
  });
});
