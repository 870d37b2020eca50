/*
 * A PDF decompression bomb, through the command line as a user would meet it: a 1 MB file whose content stream
 * inflates to 1 GiB (built here by deflating spaces as a stream). It once took 63 s and 2.2 GB to attach and
 * 2.1 GB to bundle. Now it attaches (its text is not extracted, with the reason) and is bundled as a placeholder
 * with a warning, with the process's peak memory measured in the child: the bound here is generous, the real
 * figure is in bench/README.md.
 */
import { execFileSync } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { casefolio, measuredCasefolio } from '../helpers/cli';
import { pdfBomb } from '../helpers/hostile-files';
import { tempDir } from '../helpers/temp-library';

describe('a PDF decompression bomb', () => {
  it('attaches with its text refused and bundles as a placeholder, each in far less memory than it expands to', { timeout: 300_000 }, async () => {
    const work = await tempDir();
    const bomb = path.join(work, 'report.pdf');
    await writeFile(bomb, await pdfBomb(1024 * 1024 * 1024));
    const library = path.join(work, 'lib');
    expect((await casefolio(['init', library])).code).toBe(0);
    expect((await casefolio(['new', 'Bombed', '--slug', 'bombed', '--library', library])).code).toBe(0);
    const sourceId = (await casefolio(['add', 'source', 'bombed', '--title', 'A report', '--library', library])).stdout.trim();

    const attach = await measuredCasefolio(['attach', 'bombed', sourceId, bomb, '--json', '--library', library]);
    expect(attach.code).toBe(0);
    expect(attach.maxRssMb).toBeLessThan(600);
    const { sha256 } = JSON.parse(attach.stdout);
    const text = JSON.parse(await readFile(path.join(library, '.cache', 'text', `${sha256}.json`), 'utf8'));
    expect(text.pages).toEqual([]);
    expect(text.error.message).toContain('a compressed stream in it expands to more than 64 MiB');

    const out = path.join(work, 'dossier.pdf');
    const dossier = await measuredCasefolio(['dossier', 'bombed', '-o', out, '--quiet', '--library', library]);
    expect(dossier.code).toBe(0);
    expect(dossier.maxRssMb).toBeLessThan(600);
    expect(dossier.stderr).toMatch(/warning: EV-1 \(“report\.pdf”, source S1 of “Bombed”\) was not included: the PDF was not bundled: a compressed stream in it expands to more than 64 MiB.*\[EXHIBIT_TOO_LARGE\]/);
    // The placeholder page says why, in the dossier itself.
    const pages = execFileSync('pdftotext', ['-layout', out, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    expect(pages).toContain('decompression bomb');
  });
});
