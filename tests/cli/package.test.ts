/*
 * `casefolio package` and `casefolio package verify` on the sample library, through the real command line.
 */
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { casefolio } from '../helpers/cli';
import { tempDir } from '../helpers/temp-library';

describe('casefolio package', () => {
  it('writes a bag of the cases that verifies, and names the file after one byte is flipped', async () => {
    const work = await tempDir();
    const library = path.join(work, 'sample');
    expect((await casefolio(['sample', library])).code).toBe(0);
    const out = path.join(work, 'met-package');
    const run = await casefolio(['package', 'everard', 'child-q', '-o', out, '--library', library, '--date', '2026-01-01']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/Wrote .*met-package: 2 cases/);

    const data = path.join(out, 'data');
    expect((await readdir(data)).sort()).toEqual(['cases', 'dossier.pdf', 'index.html']);
    expect((await readdir(path.join(data, 'cases', 'everard'))).sort()).toEqual(['attachments', 'case.json', 'journal.jsonl']);
    const caseJson = JSON.parse(await readFile(path.join(data, 'cases', 'everard', 'case.json'), 'utf8'));
    expect(caseJson.case.slug).toBe('everard');
    const [attachment] = await readdir(path.join(data, 'cases', 'everard', 'attachments'));
    expect(attachment).toBe(caseJson.sources.find((s: { attachments: unknown[] }) => s.attachments.length).attachments[0].fileName);
    const dossier = await readFile(path.join(data, 'dossier.pdf'), 'latin1');
    expect(dossier).toContain('<pdfaid:part>1</pdfaid:part>');
    const index = await readFile(path.join(data, 'index.html'), 'utf8');
    expect(index).toContain('<h2>Sarah Everard</h2>');
    expect(index).toContain(`href="cases/everard/attachments/${encodeURIComponent(attachment)}"`);
    const info = await readFile(path.join(out, 'bag-info.txt'), 'utf8');
    expect(info).toMatch(/^Bagging-Date: 2026-01-01$/m);
    expect(info).toMatch(/^External-Identifier: casefolio:\S+ \(everard\)$/m);
    expect(info).toMatch(/^Payload-Oxum: \d+\.8$/m);

    const verified = await casefolio(['package', 'verify', out]);
    expect(verified.code).toBe(0);
    expect(verified.stdout).toMatch(/is a valid bag \(BagIt 1\.0\): 8 payload files/);

    const file = path.join(data, 'cases', 'everard', 'attachments', attachment);
    const bytes = await readFile(file);
    bytes[100] ^= 0x20;
    await writeFile(file, bytes);
    const broken = await casefolio(['package', 'verify', out]);
    expect(broken.code).toBe(1);
    expect(broken.stdout).toContain(`ERROR    data/cases/everard/attachments/${attachment}: Its sha256 checksum does not match`);
    expect(broken.stdout).toMatch(/is not a valid bag: 2 problems/);
  }, 300_000);

  it('writes a .zip that verifies; refuses a non-empty folder and a missing -o', async () => {
    const work = await tempDir();
    const library = path.join(work, 'sample');
    expect((await casefolio(['sample', library])).code).toBe(0);
    const zip = path.join(work, 'baker.zip');
    expect((await casefolio(['package', 'baker', '-o', zip, '--library', library])).code).toBe(0);
    const verified = await casefolio(['package', 'verify', zip]);
    expect(verified.stdout).toMatch(/baker\.zip is a valid bag/);

    const refused = await casefolio(['package', 'baker', '-o', library, '--library', library]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/is not empty/);
    const noOutput = await casefolio(['package', 'baker', '--library', library]);
    expect(noOutput.code).not.toBe(0);
    expect(noOutput.stderr).toMatch(/-o DIR/);
    const notABag = await casefolio(['package', 'verify', library]);
    expect(notABag.code).toBe(1);
    expect(notABag.stdout).toMatch(/no bagit\.txt/);
  }, 300_000);
});
