import { copyFile, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { sha256Hex } from '../../../src/core/services/attachments';
import { casefolio } from '../../helpers/cli';
import { tempLibrary } from '../../helpers/temp-library';

const b64 = (text: string) => Buffer.from(text).toString('base64');

async function libraryWithEvidence() {
  const t = await tempLibrary();
  await t.api['library:updateSettings']({ userName: 'Archivist' });
  const c = await t.api['cases:create']({ fields: { title: 'Jermaine Baker', slug: 'baker' } });
  const s = await t.api['sources:create']({ caseId: c.id, fields: { title: 'IOPC report', kind: 'iopc-report' } });
  const report = await t.api['attachments:add']({ caseId: c.id, sourceId: s.id, fileName: 'report.txt', contentBase64: b64('The officer fired a single shot.') });
  const photo = await t.api['attachments:add']({ caseId: c.id, sourceId: s.id, fileName: 'scene.txt', contentBase64: b64('scene notes') });
  const filesDir = path.join(t.dir, 'cases', c.id, 'files');
  return { ...t, caseId: c.id, sourceId: s.id, report, photo, filesDir };
}

describe('casefolio verify', () => {
  it('passes a library whose files are all intact, and exits 0', async () => {
    const { api, dir, lib } = await libraryWithEvidence();
    const report = await api['evidence:verify']({});
    expect(report).toMatchObject({ ok: true, cases: 1, attachmentsChecked: 2, filesHashed: 2, missing: [], changed: [], orphaned: [] });
    await lib.close();
    const run = await casefolio(['verify', '--library', dir]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Verified 2 attachments \(2 files hashed\) in 1 case\.\nAll files intact\.\n$/);
  });

  it('catches a single flipped byte in an attachment, and exits non-zero', async () => {
    const { api, dir, lib, report, filesDir } = await libraryWithEvidence();
    const stored = path.join(filesDir, report.sha256);
    const bytes = await readFile(stored);
    bytes[7] ^= 0x01; // "fired" → "fhred": one bit of one byte
    await writeFile(stored, bytes);

    const result = await api['evidence:verify']({});
    expect(result.ok).toBe(false);
    expect(result.changed).toEqual([
      expect.objectContaining({ sha256: report.sha256, actualSha256: sha256Hex(bytes), fileName: 'report.txt', sourceTitle: 'IOPC report', message: expect.stringContaining('has changed since it was added') }),
    ]);
    expect(result.missing).toEqual([]);
    await lib.close();

    const run = await casefolio(['verify', '--library', dir]);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(new RegExp(`^CHANGED   cases/[^/]+/files/${report.sha256}: the file “report\\.txt” attached to “IOPC report” has changed`, 'm'));
    expect(run.stdout).toMatch(/^Problems: 1 changed\.$/m);
    // check agrees (it shares the verification)
    expect((await casefolio(['check', '--library', dir])).code).toBe(1);
  });

  it('reports a missing file and orphaned files, and exits non-zero', async () => {
    const { api, lib, dir, photo, filesDir } = await libraryWithEvidence();
    await rm(path.join(filesDir, photo.sha256));
    const strayBytes = Buffer.from('dropped in by hand');
    await writeFile(path.join(filesDir, sha256Hex(strayBytes)), strayBytes);
    await writeFile(path.join(filesDir, 'notes.docx'), 'not stored by Casefolio');
    await writeFile(path.join(filesDir, '.abc.123.casefolio-tmp'), 'half a write');
    await mkdir(path.join(filesDir, 'sub'));

    const result = await api['evidence:verify']({});
    expect(result.ok).toBe(false);
    expect(result.missing).toEqual([expect.objectContaining({ sha256: photo.sha256, fileName: 'scene.txt', message: expect.stringContaining('is missing') })]);
    expect(result.orphaned.map((o) => path.basename(o.file)).sort()).toEqual(['.abc.123.casefolio-tmp', 'notes.docx', sha256Hex(strayBytes), 'sub'].sort());
    await lib.close();
    const run = await casefolio(['verify', '--json', '--library', dir]);
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout)).toMatchObject({ ok: false, missing: [{ sha256: photo.sha256 }] });
  });

  it('does not call a detached file an orphan: the journal explains it', async () => {
    const { api, caseId, sourceId, photo, filesDir } = await libraryWithEvidence();
    await api['attachments:remove']({ caseId, sourceId, attachmentId: photo.id });
    const result = await api['evidence:verify']({});
    expect(result.ok).toBe(true);
    expect(result.detached).toEqual([expect.objectContaining({ sha256: photo.sha256, fileName: 'scene.txt' })]);
    // …but the same bytes copied into another case's folder, with no journal record there, are an orphan.
    const other = await api['cases:create']({ fields: { title: 'Other' } });
    const otherFiles = path.join(path.dirname(filesDir), '..', other.id, 'files');
    await mkdir(otherFiles, { recursive: true });
    await copyFile(path.join(filesDir, photo.sha256), path.join(otherFiles, photo.sha256));
    expect((await api['evidence:verify']({})).orphaned).toEqual([expect.objectContaining({ caseId: other.id, sha256: photo.sha256 })]);
  });
});

describe('the custody summary', () => {
  it('gives each file’s hash, who added it and when, its integrity now and later changes', async () => {
    const { api, caseId, sourceId, report, filesDir } = await libraryWithEvidence();
    await api['sources:update']({ caseId, sourceId, patch: { reliability: 'B' } });
    await writeFile(path.join(filesDir, report.sha256), 'tampered');
    const summary = await api['evidence:custody']({ caseId });
    expect(summary.journal).toMatchObject({ entries: 5, problems: [] });
    expect(summary.exhibits).toEqual([
      expect.objectContaining({ fileName: 'report.txt', sha256: report.sha256, addedAt: report.addedAt, addedBy: 'Archivist', integrity: 'changed', history: [expect.objectContaining({ action: 'Edit source “IOPC report”', who: 'Archivist' })] }),
      expect.objectContaining({ fileName: 'scene.txt', integrity: 'intact' }),
    ]);
  });
});
