import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CaseLibrary } from '../../src/core/case-library';
import { checkLibrary } from '../../src/core/check';
import { readJournal } from '../../src/core/evidence/journal';
import { createLibrary } from '../../src/core/library-session';
import { repairLibrary } from '../../src/core/repair';
import { tempDir } from '../helpers/temp-library';

async function libraryWithHistory() {
  const dir = path.join(await tempDir(), 'lib');
  let clock = Date.UTC(2026, 0, 1);
  const deps = { now: () => new Date((clock += 60_000)), backups: { keep: 5, intervalMs: 0 } };
  const { lib, api } = await createLibrary(dir, 'Repair', { ...deps, warm: false });
  const a = await api['cases:create']({ fields: { title: 'Alpha' } });
  const b = await api['cases:create']({ fields: { title: 'Beta' } });
  const sa = await api['sources:create']({ caseId: a.id, fields: { title: 'Report' } });
  const sb = await api['sources:create']({ caseId: b.id, fields: { title: 'Same report' } });
  const content = Buffer.from('the same evidence in two cases').toString('base64');
  const att = await api['attachments:add']({ caseId: a.id, sourceId: sa.id, fileName: 'r.txt', contentBase64: content });
  await api['attachments:add']({ caseId: b.id, sourceId: sb.id, fileName: 'r.txt', contentBase64: content });
  await api['cases:update']({ caseId: a.id, patch: { summary: 'last edit' } });
  await lib.close();
  return { dir, deps, a, b, sha: att.sha256 };
}

describe('check --repair', () => {
  it('backs up first, restores a damaged case from its rolling backup and evidence from an identical copy', async () => {
    const { dir, deps, a, sha } = await libraryWithHistory();
    const caseFile = path.join(dir, 'cases', a.id, 'case.json');
    await writeFile(caseFile, '{"truncated": ');
    await writeFile(path.join(dir, 'cases', a.id, 'files', sha), 'tampered');
    expect((await checkLibrary(dir)).problems.map((p) => p.kind)).toEqual(['unusable-file']);

    const report = await repairLibrary(dir, deps);
    expect(await readFile(path.join(report.backupDir, 'cases', a.id, 'case.json'), 'utf8')).toBe('{"truncated": ');
    expect(report.repaired, JSON.stringify(report, null, 1)).toHaveLength(2);
    expect(report.repaired[0]).toMatch(/restored from the backup taken .*edits made after that may be lost/);
    expect(report.repaired[1]).toMatch(/restored from an identical copy/);
    expect(report.remaining).toEqual([]);

    const after = await CaseLibrary.open(dir, { readOnly: true });
    const restored = after.requireCase(a.id);
    expect(restored.sources[0].title).toBe('Report'); // the backup predates only the last summary edit
    expect(restored.case.summary).toBe('');
    await after.close();
    expect((await checkLibrary(dir)).problems).toEqual([]);
    expect((await readdir(path.join(dir, 'cases', a.id))).some((n) => n.startsWith('case.json.corrupt-'))).toBe(true);

    // Each repair is in the case's chain of custody, after the edits it was made on.
    const { entries } = await readJournal(path.join(dir, 'cases', a.id, 'journal.jsonl'));
    const repairs = entries.slice(-2);
    expect(repairs.map((e) => e.action)).toEqual(['Restore a case from its backup', 'Restore an attachment from an identical copy']);
    expect(repairs[1].files).toEqual([{ op: 'restored', sha256: sha, fileName: 'r.txt', sourceId: expect.any(String), attachmentId: expect.any(String) }]);
    expect(entries.length).toBeGreaterThan(2); // the journal written before the damage is kept, not started afresh
    expect((await readdir(path.join(dir, 'cases', a.id, 'files'))).some((n) => n.startsWith(`${sha}.corrupt-`))).toBe(true);
  });

  it('reports what it cannot repair, and changes nothing it cannot justify', async () => {
    const { dir, deps, b } = await libraryWithHistory();
    const caseFile = path.join(dir, 'cases', b.id, 'case.json');
    const data = JSON.parse(await readFile(caseFile, 'utf8'));
    data.notes.push({ id: 'note_x', title: 'Orphan quote', body: '', tags: ['new/tag'], createdAt: data.case.createdAt, updatedAt: data.case.createdAt, quotations: [{ id: 'quo_x', sourceId: 'src_gone', quote: 'q' }] });
    await writeFile(caseFile, JSON.stringify(data));
    const report = await repairLibrary(dir, deps);
    expect(report.repaired).toEqual(['added 1 tag to the vocabulary: new/tag']);
    const library = await readJournal(path.join(dir, 'journal.jsonl'));
    expect(library.entries.at(-1)).toMatchObject({ action: 'Add missing tags to the vocabulary', records: [], files: [] });
    // The hand-written note also has no journal entry: check compares the journal with the case files.
    expect(report.remaining.map((p) => p.kind)).toEqual(['dangling-reference', 'journal-mismatch']);
  });
});
