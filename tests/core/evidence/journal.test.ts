import { appendFile, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readJournal } from '../../../src/core/evidence/journal';
import { sha256Hex } from '../../../src/core/services/attachments';
import { openTempLibrary, tempLibrary } from '../../helpers/temp-library';

const b64 = (text: string) => Buffer.from(text).toString('base64');

describe('the audit journal', () => {
  it('records who changed what, when, in which record, with the hash of every file, in order', async () => {
    const { api, dir } = await tempLibrary();
    await api['library:updateSettings']({ userName: 'A. Researcher' });
    const c = await api['cases:create']({ fields: { title: 'Stephen Port' } });
    const s = await api['sources:create']({ caseId: c.id, fields: { title: 'Inquest findings', kind: 'inquiry-finding' } });
    const att = await api['attachments:add']({ caseId: c.id, sourceId: s.id, fileName: 'findings.txt', contentBase64: b64('unlawful killing') });
    await api['sources:update']({ caseId: c.id, sourceId: s.id, patch: { title: 'Inquest findings (2021)', reliability: 'A' } });
    await api['sources:delete']({ caseId: c.id, sourceId: s.id });
    await api['trash:restore']({ id: s.id, caseId: c.id });
    await api['attachments:remove']({ caseId: c.id, sourceId: s.id, attachmentId: att.id });
    await api['history:undo']({});

    const { entries, problems } = await api['journal:list']({ caseId: c.id });
    expect(problems).toEqual([]);
    expect(entries.map((e) => e.action)).toEqual([
      'Create case “Stephen Port”',
      'Add source “Inquest findings”',
      'Attach “findings.txt”',
      'Edit source “Inquest findings”',
      'Delete source “Inquest findings (2021)”',
      'Restore source “Inquest findings (2021)”',
      'Detach “findings.txt”',
      'Undo: Detach “findings.txt”',
    ]);
    expect(entries.every((e) => e.who === 'A. Researcher' && e.caseId === c.id)).toBe(true);
    expect(entries.map((e) => e.at)).toEqual([...entries.map((e) => e.at)].sort());
    expect(entries[0].records).toEqual([{ kind: 'case', id: c.id, title: 'Stephen Port', op: 'created' }]);
    expect(entries[2].files).toEqual([{ op: 'attached', sha256: sha256Hex(Buffer.from('unlawful killing')), fileName: 'findings.txt', sourceId: s.id, attachmentId: att.id }]);
    expect(entries[2].records).toEqual([]);
    expect(entries[3].records).toEqual([{ kind: 'source', id: s.id, title: 'Inquest findings (2021)', op: 'updated', fields: ['reliability', 'title'] }]);
    expect(entries[4].records[0].op).toBe('deleted');
    expect(entries[5].records[0].op).toBe('restored');
    expect(entries[6].files[0]).toMatchObject({ op: 'detached', sha256: att.sha256 });
    expect(entries[7]).toMatchObject({ undo: true, files: [{ op: 'attached', sha256: att.sha256 }] });

    // On disk: one JSON object per line, in the case folder.
    const lines = (await readFile(path.join(dir, 'cases', c.id, 'journal.jsonl'), 'utf8')).trimEnd().split('\n');
    expect(lines).toHaveLength(8);
    expect(JSON.parse(lines[2]).files[0].sha256).toBe(att.sha256);
  });

  it('names the fields an edit set, changed or cleared, and none it left as they were', async () => {
    const { api } = await tempLibrary();
    const c = await api['cases:create']({ fields: { title: 'Fields' } });
    const s = await api['sources:create']({ caseId: c.id, fields: { title: 'Report', url: 'https://example.org/a', tags: ['x'] } });
    await api['sources:update']({ caseId: c.id, sourceId: s.id, patch: { url: null, publisher: 'IOPC', tags: ['x'] } });
    const { entries } = await api['journal:list']({ caseId: c.id });
    expect(entries.at(-1)!.records).toEqual([{ kind: 'source', id: s.id, title: 'Report', op: 'updated', fields: ['publisher', 'url'] }]);
  });

  it('shows the entries for one source', async () => {
    const { api } = await tempLibrary();
    const c = await api['cases:create']({ fields: { title: 'Child Q' } });
    const a = await api['sources:create']({ caseId: c.id, fields: { title: 'Review' } });
    const b = await api['sources:create']({ caseId: c.id, fields: { title: 'BBC report' } });
    await api['attachments:add']({ caseId: c.id, sourceId: a.id, fileName: 'review.txt', contentBase64: b64('review') });
    await api['sources:update']({ caseId: c.id, sourceId: b.id, patch: { url: 'https://www.bbc.co.uk/news/x' } });
    const forA = await api['journal:list']({ caseId: c.id, sourceId: a.id });
    expect(forA.entries.map((e) => e.action)).toEqual(['Add source “Review”', 'Attach “review.txt”']);
    const forB = await api['journal:list']({ caseId: c.id, sourceId: b.id });
    expect(forB.entries.map((e) => e.action)).toEqual(['Add source “BBC report”', 'Edit source “BBC report”']);
  });

  it('records a source moved between cases in both cases’ journals, with its files', async () => {
    const { api } = await tempLibrary();
    const from = await api['cases:create']({ fields: { title: 'From' } });
    const to = await api['cases:create']({ fields: { title: 'To' } });
    const s = await api['sources:create']({ caseId: from.id, fields: { title: 'Moving source' } });
    const att = await api['attachments:add']({ caseId: from.id, sourceId: s.id, fileName: 'x.txt', contentBase64: b64('x') });
    await api['sources:transfer']({ caseId: from.id, sourceId: s.id, toCaseId: to.id, mode: 'move' });
    const out = (await api['journal:list']({ caseId: from.id })).entries.at(-1)!;
    const into = (await api['journal:list']({ caseId: to.id })).entries.at(-1)!;
    expect(out).toMatchObject({ action: 'Move source “Moving source” to “To”', records: [{ op: 'removed', id: s.id }], files: [{ op: 'detached', sha256: att.sha256 }] });
    expect(into).toMatchObject({ records: [{ op: 'created', id: s.id }], files: [{ op: 'attached', sha256: att.sha256 }] });
  });

  it('records library-wide changes in the library’s own journal, with no user name when none is set', async () => {
    const { api, dir } = await tempLibrary();
    await api['tags:define']({ path: 'theme/misogyny', color: '#aa0000' });
    const { entries } = await readJournal(path.join(dir, 'journal.jsonl'));
    expect(entries).toEqual([expect.objectContaining({ who: null, action: expect.stringContaining('theme/misogyny') })]);
  });

  it('survives a torn last line: it is reported and skipped, and the next change starts a new line', async () => {
    const { api, dir, lib } = await tempLibrary();
    const c = await api['cases:create']({ fields: { title: 'Torn' } });
    const journal = path.join(dir, 'cases', c.id, 'journal.jsonl');
    // A crash mid-append leaves half a line with no newline.
    await appendFile(journal, '{"at":"2026-01-01T00:00:09.000Z","who":null,"action":"Add so');
    await lib.close();

    const reopened = await openTempLibrary(dir);
    const api2 = reopened.api;
    await api2['sources:create']({ caseId: c.id, fields: { title: 'After the crash' } });
    const { entries, problems } = await api2['journal:list']({ caseId: c.id });
    expect(entries.map((e) => e.action)).toEqual(['Create case “Torn”', 'Add source “After the crash”']);
    expect(problems).toEqual([{ line: 2, reason: expect.stringMatching(/not valid JSON/) }]);
    await reopened.close();

    // A torn line at the very end is named as an interrupted write.
    await appendFile(journal, '{"at":');
    const again = await readJournal(journal);
    expect(again.entries).toHaveLength(2);
    expect(again.problems.at(-1)).toEqual({ line: 4, reason: expect.stringMatching(/incomplete \(a write was interrupted\)/) });
  });
});
