/*
 * The BagIt module: the Library of Congress conformance cases give the expected verdicts, and a bag written here
 * round-trips (write, verify, flip one byte, verify names the file), as a folder and as a zip.
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { unzipBag, zipBag } from '../../../src/core/archive/bag-zip';
import { verifyBag } from '../../../src/core/archive/bagit-verify';
import { writeBag } from '../../../src/core/archive/bagit-write';
import { uniqueFileName } from '../../../src/core/archive/safe-names';
import { verifyPackage } from '../../../src/core/archive/verify-package';
import { tempDir } from '../../helpers/temp-library';
import { CONFORMANCE_CASES, writeSpec } from './conformance-cases';

describe('BagIt conformance suite', () => {
  for (const c of CONFORMANCE_CASES) {
    it(`${c.name}: ${c.valid ? 'valid' : 'invalid'}`, async () => {
      const root = path.join(await tempDir(), 'bag');
      await writeSpec(root, c.spec);
      const report = await verifyBag(root);
      expect(report.valid, JSON.stringify(report.errors)).toBe(c.valid);
      if (c.valid) expect(report.errors).toEqual([]);
      else expect(report.errors.some((e) => e.file === c.names || e.message.includes(c.names!)), JSON.stringify(report.errors)).toBe(true);
      if (c.name.includes('/warning/')) expect(report.warnings.length + (c.name.endsWith('special-system-files') ? 1 : 0)).toBeGreaterThan(0);
    });
  }
  it('reads tag files in the encoding bagit.txt names', async () => {
    const latin = CONFORMANCE_CASES.find((c) => c.name.endsWith('ISO-8859-1-encoded-tag-files'))!;
    const root = path.join(await tempDir(), 'bag');
    await writeSpec(root, latin.spec);
    expect((await verifyBag(root)).info).toContainEqual(['Contact-Name', 'Zoë Brontë']);
  });
});

const FILES = [
  { path: 'cases/a/case.json', bytes: Buffer.from('{"title":"A case"}\n') },
  { path: 'cases/a/attachments/Report 2021 (final).pdf', bytes: Buffer.from('%PDF-1.4 pretend\n') },
  { path: 'cases/a/attachments/100% line\nbreak.txt', bytes: Buffer.from('a name with a percent sign and a line break\n') },
  { path: 'index.html', bytes: Buffer.from('<!doctype html><title>x</title>\n') },
];

describe('a bag written by Casefolio', () => {
  it('verifies, and after one flipped byte the report names the changed file', async () => {
    const dir = path.join(await tempDir(), 'package');
    const summary = await writeBag(dir, FILES, [['Contact-Name', 'Zoë Łukasz'], ['Bagging-Date', '2026-01-01']]);
    expect(summary.files).toBe(4);
    const ok = await verifyBag(dir);
    expect(ok.errors).toEqual([]);
    expect(ok.valid).toBe(true);
    expect(ok.algorithms.sort()).toEqual(['sha256', 'sha512']);
    expect(ok.info).toContainEqual(['Payload-Oxum', `${FILES.reduce((n, f) => n + f.bytes.length, 0)}.4`]);
    expect(await readFile(path.join(dir, 'manifest-sha256.txt'), 'utf8')).toContain('data/cases/a/attachments/100%25 line%0Abreak.txt');

    const target = path.join(dir, 'data', 'cases', 'a', 'attachments', 'Report 2021 (final).pdf');
    const bytes = await readFile(target);
    bytes[3] ^= 0x01;
    await writeFile(target, bytes);
    const broken = await verifyBag(dir);
    expect(broken.valid).toBe(false);
    expect(broken.errors.map((e) => e.file)).toEqual(['data/cases/a/attachments/Report 2021 (final).pdf', 'data/cases/a/attachments/Report 2021 (final).pdf']);
    expect(broken.errors[0].message).toMatch(/checksum does not match manifest-sha(256|512)\.txt/);
  });

  it('a changed tag file is named too', async () => {
    const dir = path.join(await tempDir(), 'package');
    await writeBag(dir, FILES, [['Bagging-Date', '2026-01-01']]);
    await writeFile(path.join(dir, 'bag-info.txt'), (await readFile(path.join(dir, 'bag-info.txt'), 'utf8')).replace('2026', '2027'));
    const report = await verifyBag(dir);
    expect(report.valid).toBe(false);
    expect(report.errors.every((e) => e.file === 'bag-info.txt')).toBe(true);
  });

  it('round-trips through a zip with one top folder', async () => {
    const work = await tempDir();
    const dir = path.join(work, 'bag');
    await writeBag(dir, FILES, [['Bagging-Date', '2026-01-01']]);
    const zip = path.join(work, 'met-package.zip');
    await zipBag(dir, zip, 'met-package');
    expect((await verifyPackage(zip)).valid).toBe(true);
    const { bagDir, cleanup } = await unzipBag(zip);
    expect(path.basename(bagDir)).toBe('met-package');
    await cleanup();
  });

  it('refuses to write into a folder that is not empty, and leaves it as it was', async () => {
    const dir = await tempDir();
    await writeFile(path.join(dir, 'keep.txt'), 'mine');
    await expect(writeBag(dir, FILES, [])).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(await readFile(path.join(dir, 'keep.txt'), 'utf8')).toBe('mine');
  });

  it('gives attachments safe, unique names', () => {
    const taken = new Set<string>();
    expect(uniqueFileName('report.pdf', taken)).toBe('report.pdf');
    expect(uniqueFileName('Report.PDF', taken)).toBe('Report (2).PDF');
    expect(uniqueFileName('../../etc/passwd', taken)).toBe('_.._etc_passwd');
    expect(uniqueFileName('CON.txt', taken)).toBe('_CON.txt');
    expect(uniqueFileName('evil\u202Etxt.exe', taken)).toBe('evil_txt.exe');
    expect(uniqueFileName('', taken)).toBe('attachment');
    expect(Buffer.byteLength(uniqueFileName(`${'é'.repeat(300)}.pdf`, taken))).toBeLessThanOrEqual(200);
  });
});
