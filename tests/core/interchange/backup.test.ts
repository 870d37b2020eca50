import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CaseLibrary } from '../../../src/core/case-library';
import { writeBackup } from '../../../src/core/interchange/backup';
import { restoreBackup } from '../../../src/core/interchange/restore';
import { verifyLibrary } from '../../../src/core/evidence/verify';
import { casefolio } from '../../helpers/cli';
import { pdfWithPages } from '../../helpers/pdf-fixtures';
import { tempDir, tempLibrary } from '../../helpers/temp-library';
import { listTree } from '../../helpers/tree';

/** What a backup must carry: the library's own files, not derived or local ones (text cache, rolling backups, lock). */
const libraryPart = (tree: string[]) => tree.filter((line) => !/^\.(cache|backups|casefolio\.lock)/.test(line));

async function libraryWorthBackingUp() {
  const t = await tempLibrary();
  await t.api['library:updateSettings']({ userName: 'Backup tester' });
  await t.api['tags:define']({ path: 'theme/custody', color: '#336699' });
  const a = await t.api['cases:create']({ fields: { title: 'Case with evidence', summary: 'Ünïcödé **summary**', tags: ['theme/custody'] } });
  const s = await t.api['sources:create']({ caseId: a.id, fields: { title: 'Report', kind: 'official-report', authors: [{ literal: 'Office for Policing Standards' }] } });
  await t.api['attachments:add']({ caseId: a.id, sourceId: s.id, fileName: 'report.pdf', contentBase64: Buffer.from(await pdfWithPages(['one', 'two'])).toString('base64') });
  // A binary file of every byte value, and an empty one.
  await t.api['attachments:add']({ caseId: a.id, sourceId: s.id, fileName: 'bytes.bin', contentBase64: Buffer.from(Array.from({ length: 256 * 40 }, (_, i) => i % 256)).toString('base64') });
  await t.api['attachments:add']({ caseId: a.id, sourceId: s.id, fileName: 'empty.txt', contentBase64: '' });
  const b = await t.api['cases:create']({ fields: { title: 'Case in the trash' } });
  await t.api['cases:delete']({ caseId: b.id });
  return { ...t, caseA: a.id };
}

describe('backup and restore', () => {
  it('round-trips a whole library exactly: case files, library file, journals and attachments, byte for byte', async () => {
    const { dir, lib } = await libraryWorthBackingUp();
    await lib.close();
    const out = path.join(await tempDir(), 'library-backup.json');
    const report = await writeBackup(dir, out);
    expect(report).toMatchObject({ cases: 2, warnings: [] });
    // It is one JSON document.
    expect(JSON.parse(await readFile(out, 'utf8'))).toMatchObject({ format: 'casefolio-backup', version: 1, fileCount: report.files });

    const restored = path.join(await tempDir(), 'restored');
    const result = await restoreBackup(out, restored);
    expect(result).toMatchObject({ cases: 2, attachments: 3, files: report.files, warnings: [] });
    expect(await listTree(restored)).toEqual(libraryPart(await listTree(dir)));

    const reopened = await CaseLibrary.open(restored, { readOnly: true });
    expect(reopened.read.problems).toEqual([]);
    expect((await verifyLibrary(reopened)).ok).toBe(true);
    await reopened.close();
  });

  it('restores into a folder that exists and is empty, but writes nothing into one that is not', async () => {
    const { dir, lib } = await libraryWorthBackingUp();
    await lib.close();
    const out = path.join(await tempDir(), 'b.json');
    await writeBackup(dir, out);
    const empty = path.join(await tempDir(), 'empty');
    await mkdir(empty);
    await expect(restoreBackup(out, empty)).resolves.toMatchObject({ cases: 2 });

    const busy = path.join(await tempDir(), 'busy');
    await mkdir(busy);
    await writeFile(path.join(busy, 'notes.txt'), 'mine');
    const parent = path.dirname(busy);
    const before = await listTree(parent);
    await expect(restoreBackup(out, busy)).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringMatching(/is not an empty folder.*Nothing was written/) });
    expect(await listTree(parent)).toEqual(before);
  });

  it('refuses a damaged, truncated or hostile backup, and leaves no trace', async () => {
    const { dir, lib } = await libraryWorthBackingUp();
    await lib.close();
    const work = await tempDir();
    const out = path.join(work, 'b.json');
    await writeBackup(dir, out);
    const text = await readFile(out, 'utf8');
    const lines = text.split('\n');
    const chunkLine = lines.findIndex((l) => /^"[A-Za-z0-9+/]{40}/.test(l));
    const flipped = [...lines];
    flipped[chunkLine] = flipped[chunkLine].replace(/^"(.)/, (_, c: string) => `"${c === 'A' ? 'B' : 'A'}`);
    const hostile = text.replace(/"path":"cases\/([^/"]+)\/case\.json"/, '"path":"cases/$1/../../../escaped.json"');
    const absolute = text.replace(/"path":"library\.json"/, '"path":"/tmp/evil.json"');
    const nul = text.replace(/"path":"library\.json"/, '"path":"library.json\\u0000x"');
    // A case file that is not valid, with its hash and size made to match, so only validation can catch it.
    const caseLine = lines.findIndex((l) => l.includes('"encoding":"utf8"') && /"path":"cases\/[^/]+\/case\.json"/.test(l));
    const entry = JSON.parse(lines[caseLine].replace(/,$/, ''));
    const caseJson = JSON.parse(entry.text);
    caseJson.case.title = 42;
    entry.text = JSON.stringify(caseJson);
    entry.size = Buffer.byteLength(entry.text);
    entry.sha256 = createHash('sha256').update(entry.text).digest('hex');
    const invalid = [...lines];
    invalid[caseLine] = `${JSON.stringify(entry)},`;
    const badCase = invalid.join('\n');
    for (const [what, content, reason] of [
      ['a flipped character in an attachment', flipped.join('\n'), /do not match the hash and size recorded/],
      ['a cut-off file', text.slice(0, Math.floor(text.length / 2)), /ends too soon|layout/],
      ['a path that climbs out of the library', hostile, /is not one a library contains/],
      ['an absolute path', absolute, /is not one a library contains/],
      ['a NUL in a path', nul, /is not one a library contains/],
      ['an invalid case file', badCase, /is not a valid case file \(case\.title: /],
      ['something that is not a backup', '{"hello": "world"}\n', /not a Casefolio backup/],
    ] as const) {
      const damaged = path.join(work, 'damaged.json');
      await writeFile(damaged, content);
      const target = path.join(work, 'target');
      const before = await listTree(work);
      await expect(restoreBackup(damaged, target), what).rejects.toMatchObject({ code: 'INVALID_INPUT', message: expect.stringMatching(reason) });
      expect(await listTree(work), what).toEqual(before);
    }
    expect(await readdir(path.dirname(work))).not.toContain('escaped.json');
  });

  it('backs up a damaged attachment as it is, with a warning, and restores it exactly', async () => {
    const { dir, lib, caseA } = await libraryWorthBackingUp();
    const file = lib.requireCase(caseA).sources[0].attachments[1];
    await lib.close();
    const stored = path.join(dir, 'cases', caseA, 'files', file.sha256);
    const bytes = await readFile(stored);
    bytes[3] ^= 0xff;
    await writeFile(stored, bytes);
    const out = path.join(await tempDir(), 'b.json');
    const report = await writeBackup(dir, out);
    expect(report.warnings).toEqual([expect.stringContaining('its content no longer matches its name')]);
    const restored = path.join(await tempDir(), 'r');
    const result = await restoreBackup(out, restored);
    expect(result.warnings).toEqual([expect.stringContaining('does not match its name')]);
    expect(await readFile(path.join(restored, 'cases', caseA, 'files', file.sha256))).toEqual(bytes);
  });

  it('casefolio backup and restore', async () => {
    const { dir, lib } = await libraryWorthBackingUp();
    await lib.close();
    const work = await tempDir();
    const out = path.join(work, 'backup.json');
    const backup = await casefolio(['backup', '-o', out, '--library', dir]);
    expect(backup.code).toBe(0);
    expect(backup.stdout).toMatch(/^Backed up \d+ files \(2 cases, [\d.]+ MiB\) to /);
    expect((await casefolio(['backup', '-o', out, '--library', dir])).stderr).toMatch(/already exists/);
    const restore = await casefolio(['restore', out, path.join(work, 'copy')]);
    expect(restore.code).toBe(0);
    expect(restore.stdout).toMatch(/^Restored 2 cases and 3 attachments/);
    const again = await casefolio(['restore', out, path.join(work, 'copy')]);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/is not an empty folder/);
    expect((await casefolio(['verify', '--library', path.join(work, 'copy')])).code).toBe(0);
  });
});
