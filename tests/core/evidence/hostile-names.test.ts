import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { captureFileName } from '../../../src/core/evidence/capture';
import { displayFileName } from '../../../src/core/services/attachments';
import { casefolio } from '../../helpers/cli';
import { tempDir, tempLibrary } from '../../helpers/temp-library';
import { listTree } from '../../helpers/tree';

const HOSTILE_NAMES = [
  '../../x',
  '../../../../../../etc/passwd',
  '/etc/passwd',
  'C:\\Windows\\System32\\x.dll',
  '\\\\server\\share\\x.pdf',
  'a\u0000b.pdf',
  `${'a'.repeat(300)}.pdf`,
  `${'é'.repeat(299)}😀.pdf`,
  `${'😀'.repeat(200)}.txt`,
  '.',
  '..',
  '...',
  '. .',
  'invoice\u202Etxt.exe',
  'x/../../y.txt',
  '%2e%2e%2fx',
  '~/.ssh/id_rsa',
  'CON',
  '',
  '\u0007\u001b[31mred\u001b[0m.txt',
];

/**
 * Everything a change may add or alter: the case's record, journal and stored files, and derived data (the
 * text cache, the catalogue of validated case files, the search index).
 */
function allowedChange(line: string, caseId: string): boolean {
  const rel = line.split(' ')[0];
  return (
    rel === `library/cases/${caseId}/case.json` ||
    rel === `library/cases/${caseId}/journal.jsonl` ||
    rel === `library/cases/${caseId}/changes.jsonl` ||
    rel === `library/cases/${caseId}/files/` ||
    /^library\/cases\/[^/]+\/files\/[0-9a-f]{64}$/.test(rel) ||
    /^library\/\.cache\/(text\/([0-9a-f]{64}\.json)?)?$/.test(rel) ||
    rel === 'library/.cache/catalogue.json' ||
    /^library\/\.index\/(search-index\.bin)?$/.test(rel) ||
    /^library\/\.backups\/(cases\/([^/]+\/(case-\d{8}T\d{9}Z\.json)?)?)?$/.test(rel)
  );
}

describe('hostile file names', () => {
  it('never become paths: nothing is written outside the case folder, and the stored name is display text only', async () => {
    const { api, dir } = await tempLibrary();
    const root = path.dirname(dir); // the whole temp tree, library and all around it
    const c = await api['cases:create']({ fields: { title: 'Hostile names' } });
    const s = await api['sources:create']({ caseId: c.id, fields: { title: 'Source' } });
    for (const [i, fileName] of HOSTILE_NAMES.entries()) {
      const before = await listTree(root);
      const attempt = api['attachments:add']({ caseId: c.id, sourceId: s.id, fileName, contentBase64: Buffer.from(`content ${i}`).toString('base64') });
      if (fileName === '') {
        await expect(attempt, 'an empty name is refused by the contract').rejects.toMatchObject({ code: 'INVALID_INPUT' });
        expect(await listTree(root)).toEqual(before);
        continue;
      }
      const att = await attempt;
      const after = await listTree(root);
      const changed = after.filter((line) => !before.includes(line));
      expect(changed.length, JSON.stringify(fileName)).toBeGreaterThan(0);
      for (const line of changed) expect(allowedChange(line, c.id), `${JSON.stringify(fileName)} wrote ${line}`).toBe(true);
      expect(before.filter((line) => !after.includes(line)).every((line) => allowedChange(line, c.id))).toBe(true);

      // eslint-disable-next-line no-control-regex -- control characters are what must not be there
      expect(att.fileName, JSON.stringify(fileName)).not.toMatch(/[/\\\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
      expect(att.fileName.length).toBeLessThanOrEqual(255);
      expect(att.fileName).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/); // no half surrogate pair
      expect(att.fileName).not.toMatch(/^[.\s]*$/);
    }
    const names = (await api['cases:get']({ caseId: c.id })).sources[0].attachments.map((a) => a.fileName);
    expect(names).toEqual([
      'x',
      'passwd',
      'passwd',
      'x.dll',
      'x.pdf',
      'ab.pdf',
      `${'a'.repeat(251)}.pdf`,
      `${'é'.repeat(251)}.pdf`,
      `${'😀'.repeat(125)}.txt`,
      'attachment',
      'attachment',
      'attachment',
      'attachment',
      'invoicetxt.exe',
      'y.txt',
      '%2e%2e%2fx',
      'id_rsa',
      'CON',
      '[31mred[0m.txt',
    ]);
    expect((await api['evidence:verify']({})).ok).toBe(true);
  });

  it('make safe display names', () => {
    expect(displayFileName('report\u202Efdp.exe')).toBe('reportfdp.exe');
    expect(displayFileName('\u2066evil\u2069.pdf')).toBe('evil.pdf');
    expect(displayFileName('....')).toBe('attachment');
  });

  it('through the command line: a file with a hostile name attaches as display text only', async () => {
    const { api, dir, lib } = await tempLibrary();
    const c = await api['cases:create']({ fields: { title: 'CLI names', slug: 'cli-names' } });
    const s = await api['sources:create']({ caseId: c.id, fields: { title: 'Source' } });
    await lib.close();
    const work = await tempDir();
    const root = path.dirname(dir);
    for (const name of ['...', 'invoice\u202Etxt.exe', `${'n'.repeat(250)}.txt`, '-rf']) {
      const file = path.join(work, name);
      await writeFile(file, `file called ${name}`);
      const before = await listTree(root);
      const run = await casefolio(['attach', 'cli-names', s.id, file, '--json', '--library', dir]);
      expect(run.code, run.stderr).toBe(0);
      expect(JSON.parse(run.stdout).fileName).not.toMatch(/[\u202e]|^\.+$/);
      const changed = (await listTree(root)).filter((line) => !before.includes(line));
      for (const line of changed) expect(allowedChange(line, c.id), line).toBe(true);
    }
  });

  it('on import: a BibTeX “file” field naming paths is not followed, and nothing is written outside the case', async () => {
    const { api, dir } = await tempLibrary();
    const root = path.dirname(dir);
    const c = await api['cases:create']({ fields: { title: 'Import names' } });
    const before = await listTree(root);
    const bib = '@misc{x, title = {Entry with files}, file = {../../../etc/passwd;/tmp/x.pdf;C:\\\\Windows\\\\x}, url = {https://example.org/x}}\n';
    const report = await api['sources:import']({ caseId: c.id, text: bib, format: 'bibtex' });
    expect(report.imported).toHaveLength(1);
    const source = (await api['cases:get']({ caseId: c.id })).sources[0];
    expect(source.attachments).toEqual([]);
    for (const line of (await listTree(root)).filter((l) => !before.includes(l))) expect(allowedChange(line, c.id), line).toBe(true);
  });

  it('in a captured address: the stored name is made from the address, never a path', () => {
    expect(captureFileName('https://example.org/../../etc/passwd', 'text/html')).toBe('example.org-etc-passwd.html');
    expect(captureFileName('https://example.org/a%2F..%2F..%2Fx?y=/../z', 'text/html')).toBe('example.org-a-2F..-2F..-2Fx.html');
    expect(captureFileName(`https://example.org/${'p'.repeat(400)}`, 'application/pdf')).toMatch(/^example\.org-p+\.pdf$/);
    expect(captureFileName(`https://example.org/${'p'.repeat(400)}`, 'application/pdf').length).toBeLessThanOrEqual(255);
  });
});
