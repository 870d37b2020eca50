/*
 * A case exported for Zotero with its files: a RIS file whose L1 lines name each attached file relative to it
 * (what Zotero's RIS import attaches), the files byte for byte, and their SHA-256 sums; nothing written over.
 */
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { splitRis } from '../../../src/core/interchange/ris';
import { casefolio } from '../../helpers/cli';
import { tempDir, tempLibrary } from '../../helpers/temp-library';

const sha256 = (b: Uint8Array | string) => createHash('sha256').update(b).digest('hex');
const PDF = '%PDF-1.4\n%%EOF\n';

async function caseWithFiles() {
  const t = await tempLibrary();
  const c = await t.api['cases:create']({ fields: { title: 'Northtown inquiry', slug: 'northtown' } });
  const article = await t.api['sources:create']({ caseId: c.id, fields: { kind: 'journal-article', title: 'Policing and the duty of care', containerTitle: 'The British Journal of Criminology', volume: '59', issue: '5', pages: '1123-1145', doi: '10.1093/bjc/azz010', issn: '0007-0955', publishedDate: { value: '2019-09' } } });
  const report = await t.api['sources:create']({ caseId: c.id, fields: { kind: 'official-report', title: 'Inspection report', publisher: 'Office for Policing Standards' } });
  await t.api['attachments:add']({ caseId: c.id, sourceId: article.id, fileName: 'article.pdf', contentBase64: Buffer.from(PDF).toString('base64') });
  // Two files with one name, and a name no Windows folder accepts: each keeps its bytes under a name that works everywhere.
  await t.api['attachments:add']({ caseId: c.id, sourceId: report.id, fileName: 'notes: draft?.txt', contentBase64: Buffer.from('first').toString('base64') });
  await t.api['attachments:add']({ caseId: c.id, sourceId: report.id, fileName: 'notes: draft?.txt', contentBase64: Buffer.from('second').toString('base64') });
  return { ...t, caseId: c.id };
}

describe('exporting a case for Zotero with its files', () => {
  it('writes RIS with each file as an L1 path beside it, the files byte for byte, and SHA256SUMS', async () => {
    const { api, caseId } = await caseWithFiles();
    const out = path.join(await tempDir(), 'for-zotero');
    const result = await api['sources:exportBundle']({ caseId, format: 'ris', dir: out });
    expect(result).toMatchObject({ sources: 2, files: 3, file: path.join(out, 'northtown.ris') });
    const ris = await readFile(result.file, 'utf8');
    const records = splitRis(ris);
    expect(records[0].tags?.get('L1')).toEqual(['files/S1/article.pdf']);
    expect(records[0].tags?.get('DO')).toEqual(['10.1093/bjc/azz010']);
    expect(records[1].tags?.get('L1')).toEqual(['files/S2/notes_ draft_.txt', 'files/S2/notes_ draft_ (2).txt']);
    for (const record of records) {
      for (const rel of record.tags?.get('L1') ?? []) expect((await readFile(path.join(out, rel))).length).toBeGreaterThan(0);
    }
    expect(await readFile(path.join(out, 'files/S1/article.pdf'), 'utf8')).toBe(PDF);
    const sums = (await readFile(path.join(out, 'SHA256SUMS'), 'utf8')).trim().split('\n');
    expect(sums).toEqual([`${sha256(PDF)}  files/S1/article.pdf`, `${sha256('first')}  files/S2/notes_ draft_.txt`, `${sha256('second')}  files/S2/notes_ draft_ (2).txt`]);
    for (const line of sums) {
      const [hash, rel] = line.split('  ');
      expect(sha256(await readFile(path.join(out, rel)))).toBe(hash);
    }
  });

  it('refuses a folder that exists, writing nothing there; works from the command line as CSL-JSON too', async () => {
    const { api, caseId, dir } = await caseWithFiles();
    const existing = await tempDir();
    await expect(api['sources:exportBundle']({ caseId, format: 'ris', dir: existing })).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(await readdir(existing)).toEqual([]);
    const out = path.join(await tempDir(), 'json-export');
    const run = await casefolio(['export-bundle', 'northtown', out, '--format', 'csl-json', '--library', dir]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/Wrote 2 sources and 3 files/);
    const items = JSON.parse(await readFile(path.join(out, 'northtown.json'), 'utf8'));
    expect(items[0]).toMatchObject({ type: 'article-journal', DOI: '10.1093/bjc/azz010', ISSN: '0007-0955', volume: '59', issue: '5', page: '1123-1145' });
    expect((await readdir(path.dirname(out))).filter((n) => n.includes('.partial-'))).toEqual([]);
  });
});
