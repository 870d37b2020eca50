/* `check` compares the audit journal with the case files (issue #12): a lost save is never "No problems". */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkLibrary } from '../../../src/core/check';
import { casefolio } from '../../helpers/cli';
import { tempLibrary } from '../../helpers/temp-library';

async function libraryWithJournalledWork() {
  const { dir, api, lib } = await tempLibrary();
  const c = await api['cases:create']({ fields: { title: 'Journalled' } });
  const kept = await api['notes:create']({ caseId: c.id, fields: { title: 'Kept note', body: 'x' } });
  const lost = await api['notes:create']({ caseId: c.id, fields: { title: 'Acknowledged then lost', body: 'y' } });
  // Ordinary history that must not look like a loss: trash and restore, undo of a create, an edit.
  const source = await api['sources:create']({ caseId: c.id, fields: { title: 'A source' } });
  await api['sources:delete']({ caseId: c.id, sourceId: source.id });
  await api['trash:restore']({ id: source.id, caseId: c.id });
  await api['events:create']({ caseId: c.id, fields: { title: 'Undone', date: { value: '2020' } } });
  await api['history:undo']({});
  await api['notes:update']({ caseId: c.id, noteId: kept.id, patch: { body: 'edited' } });
  await lib.close();
  return { dir, caseId: c.id, kept, lost, caseFile: path.join(dir, 'cases', c.id, 'case.json') };
}

describe('check compares the journal with the case files', () => {
  it('finds nothing wrong after ordinary work (create, trash, restore, undo, edit)', async () => {
    const { dir } = await libraryWithJournalledWork();
    expect((await checkLibrary(dir)).problems).toEqual([]);
  });

  it('reports a journalled note missing from its case file, and the CLI exits non-zero', async () => {
    const { dir, caseFile, lost } = await libraryWithJournalledWork();
    const file = JSON.parse(await readFile(caseFile, 'utf8'));
    file.notes = file.notes.filter((n: { id: string }) => n.id !== lost.id);
    await writeFile(caseFile, JSON.stringify(file, null, 2));
    const report = await checkLibrary(dir);
    expect(report.problems).toEqual([expect.objectContaining({ kind: 'journal-mismatch', reason: expect.stringMatching(/note “Acknowledged then lost”.*not in the case file/) })]);
    const cli = await casefolio(['check', '--library', dir]);
    expect(cli.code).toBe(1);
    expect(cli.stdout).not.toMatch(/No problems/);
    expect(cli.stdout).toMatch(/Acknowledged then lost/);
  });

  it('reports a record in the case file that the journal never saw', async () => {
    const { dir, caseFile, kept } = await libraryWithJournalledWork();
    const file = JSON.parse(await readFile(caseFile, 'utf8'));
    file.notes.push({ ...file.notes.find((n: { id: string }) => n.id === kept.id), id: 'note_unjournalled', title: 'Written behind the journal’s back', createdAt: '2030-01-01T00:00:00.000Z', updatedAt: '2030-01-01T00:00:00.000Z' });
    await writeFile(caseFile, JSON.stringify(file, null, 2));
    const report = await checkLibrary(dir);
    expect(report.problems).toEqual([expect.objectContaining({ kind: 'journal-mismatch', reason: expect.stringMatching(/note “Written behind the journal’s back” \(note_unjournalled\).*no entry in the journal/) })]);
  });
});
