/*
 * Deleting from the trash for good (trash:erase), on real files: what goes from disk, what stays, what the
 * journal says, and that nothing can bring it back.
 */
import { access, readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CaseLibrary } from '../../src/core/case-library';
import { textCachePath } from '../../src/core/storage/text-cache';
import { ApiError } from '../../src/shared/errors';
import { fixedDeps, tempLibrary } from '../helpers/temp-library';

const exists = (file: string) => access(file).then(() => true, () => false);
const base64 = (text: string) => Buffer.from(text).toString('base64');

async function libraryWithEvidence() {
  const t = await tempLibrary();
  const c = await t.api['cases:create']({ fields: { title: 'Complaint by Jane Witness' } });
  const kept = await t.api['sources:create']({ caseId: c.id, fields: { title: 'Public report' } });
  const gone = await t.api['sources:create']({ caseId: c.id, fields: { title: 'Statement of Jane Witness, home address' } });
  const shared = await t.api['attachments:add']({ caseId: c.id, sourceId: kept.id, fileName: 'report.txt', contentBase64: base64('the public report') });
  await t.api['attachments:add']({ caseId: c.id, sourceId: gone.id, fileName: 'report-copy.txt', contentBase64: base64('the public report') });
  const personal = await t.api['attachments:add']({ caseId: c.id, sourceId: gone.id, fileName: 'jane-witness-statement.txt', contentBase64: base64('I live at 1 Example Road') });
  return { ...t, c, kept, gone, shared, personal };
}

describe('trash:erase', () => {
  it('erases a trashed source, its files nothing else uses and their extracted text; keeps a file another source holds', async () => {
    const { api, lib, dir, c, gone, shared, personal } = await libraryWithEvidence();
    const filesDir = lib.read.filesDir(c.id);
    expect(await exists(textCachePath(dir, personal.sha256))).toBe(true);
    await api['sources:delete']({ caseId: c.id, sourceId: gone.id });

    const report = await api['trash:erase']({ items: [{ caseId: c.id, kind: 'source', id: gone.id }] });

    expect(report).toEqual({ items: 1, files: 1 });
    expect((await readdir(filesDir)).sort()).toEqual([shared.sha256]);
    expect(await exists(textCachePath(dir, personal.sha256))).toBe(false);
    expect(await exists(textCachePath(dir, shared.sha256))).toBe(true);
    const onDisk = await readFile(path.join(lib.read.caseDir(c.id), 'case.json'), 'utf8');
    expect(onDisk).not.toContain('Jane Witness, home address');
    expect(await api['trash:list']({})).toEqual([]);
  });

  it('journals the erasure by kind, id and hash, without titles or file names, and leaves nothing to undo', async () => {
    const { api, lib, c, gone, personal } = await libraryWithEvidence();
    await api['sources:delete']({ caseId: c.id, sourceId: gone.id });
    await api['trash:erase']({ items: [{ caseId: c.id, kind: 'source', id: gone.id }] });

    const { entries } = await api['journal:list']({ caseId: c.id });
    const last = entries[entries.length - 1];
    expect(last.action).toBe('Delete permanently one item from the trash');
    expect(last.records).toEqual([{ kind: 'source', id: gone.id, title: '(erased)', op: 'purged' }]);
    expect(last.files.map((f) => [f.op, f.sha256, f.fileName])).toContainEqual(['detached', personal.sha256, '(erased)']);
    expect(JSON.stringify(last)).not.toMatch(/Jane|statement/i);
    await expect(api['history:undo']({})).rejects.toMatchObject({ code: 'NOTHING_TO_UNDO' });
    expect(await readdir(lib.read.backupsDir(c.id)).catch(() => [])).toEqual([]);
  });

  it('erases a whole case: its folder and backups go, the library journal records it without its title', async () => {
    const { api, lib, dir, c } = await libraryWithEvidence();
    await api['cases:update']({ caseId: c.id, patch: { summary: 'changed, so a rolling backup exists' } });
    await api['cases:delete']({ caseId: c.id });
    expect(await exists(lib.read.backupsDir(c.id))).toBe(true);

    expect(await api['trash:erase']({ items: [{ caseId: c.id, kind: 'case', id: c.id }] })).toEqual({ items: 1, files: 2 });

    expect(await exists(lib.read.caseDir(c.id))).toBe(false);
    expect(await exists(lib.read.backupsDir(c.id))).toBe(false);
    const journal = await readFile(path.join(dir, 'journal.jsonl'), 'utf8');
    expect(journal).toContain(`"id":"${c.id}","title":"(erased)","op":"purged"`);
    expect(journal).not.toContain('Jane Witness');
    await lib.close();
    const reopened = await CaseLibrary.open(dir, fixedDeps());
    expect(reopened.findCase(c.id)).toBeUndefined();
    await reopened.close();
  });

  it('refuses, changing nothing, an item not in the trash or a source a remaining event cites', async () => {
    const { api, c, kept, gone } = await libraryWithEvidence();
    await expect(api['trash:erase']({ items: [{ caseId: c.id, kind: 'source', id: kept.id }] })).rejects.toThrow('The source “Public report” is not in the trash. Move it to the trash first.');
    await api['events:create']({ caseId: c.id, fields: { date: { value: '2021' }, title: 'Statement taken', sources: [{ sourceId: gone.id }] } });
    await api['sources:delete']({ caseId: c.id, sourceId: gone.id });
    const refused = await api['trash:erase']({ items: [{ caseId: c.id, kind: 'source', id: gone.id }] }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ApiError);
    expect((refused as ApiError).message).toBe(
      'The source “Statement of Jane Witness, home address” is still cited by the event “Statement taken”. Remove those citations, or delete those records too, before deleting it permanently.',
    );
    expect((await api['trash:list']({})).map((i) => i.title)).toEqual(['Statement of Jane Witness, home address']);
  });

  it('lists a person of the register in the trash and erases them from library.json; a live person is refused', async () => {
    const { api, lib, dir } = await libraryWithEvidence();
    const witness = await api['people:create']({ fields: { name: 'Jane Witness', aliases: ['J. Witness'] } });
    const officer = await api['people:create']({ fields: { name: 'PC John Smith' } });
    await api['people:delete']({ personId: witness.id });

    const trash = await api['trash:list']({});
    expect(trash).toEqual([{ ref: { kind: 'person', id: witness.id }, title: 'Jane Witness', deletedAt: expect.any(String) }]);
    await expect(api['trash:erase']({ items: [{ kind: 'person', id: officer.id }] })).rejects.toThrow('“PC John Smith” is not in the trash. Move them to the trash first.');

    expect(await api['trash:erase']({ items: [trash[0].ref] })).toEqual({ items: 1, files: 0 });

    expect(await api['trash:list']({})).toEqual([]);
    expect((await api['people:list']({ includeDeleted: true })).map((p) => p.name)).toEqual(['PC John Smith']);
    await lib.close();
    const onDisk = await readFile(path.join(dir, 'library.json'), 'utf8');
    expect(onDisk).not.toContain('Witness');
    expect(onDisk).toContain('PC John Smith');
    const journal = (await readFile(path.join(dir, 'journal.jsonl'), 'utf8')).trim().split('\n');
    expect(JSON.parse(journal[journal.length - 1])).toMatchObject({ action: 'Delete permanently one item from the trash' });
    const reopened = await CaseLibrary.open(dir, fixedDeps());
    expect(reopened.read.library.people.map((p) => p.name)).toEqual(['PC John Smith']);
    await reopened.close();
  });

  it('erases a person and records in one go, and leaves nothing to undo', async () => {
    const { api, c, gone } = await libraryWithEvidence();
    const witness = await api['people:create']({ fields: { name: 'Jane Witness' } });
    await api['people:delete']({ personId: witness.id });
    await api['sources:delete']({ caseId: c.id, sourceId: gone.id });
    const items = (await api['trash:list']({})).map((i) => i.ref);
    expect(items).toHaveLength(2);

    expect(await api['trash:erase']({ items })).toEqual({ items: 2, files: 1 });
    await expect(api['history:undo']({})).rejects.toMatchObject({ code: 'NOTHING_TO_UNDO' });
    await expect(api['people:restore']({ personId: witness.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
