/* `casefolio site` and `casefolio links check` through the real command line, on the sample library. */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { casefolio } from '../helpers/cli';
import { tempDir } from '../helpers/temp-library';

describe('casefolio site and links', () => {
  it('writes a case’s site, refuses a folder that is not empty, and checks links (none in the sample)', async () => {
    const work = await tempDir();
    const library = path.join(work, 'sample');
    expect((await casefolio(['sample', library])).code).toBe(0);
    const out = path.join(work, 'everard-site');
    const run = await casefolio(['site', 'everard', '-o', out, '--library', library, '--date', '2026-01-01']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/Wrote .*everard-site: 4 pages and 1 attached file\./);
    expect((await readdir(out)).sort()).toEqual(['chronology.html', 'files', 'index.html', 'notes.html', 'sources.html', 'style.css']);
    expect(await readFile(path.join(out, 'index.html'), 'utf8')).toContain('<h1>Sarah Everard</h1>');
    const again = await casefolio(['site', 'everard', '-o', out, '--library', library]);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/is not empty/);

    const links = await casefolio(['links', 'check', '--library', library]);
    expect(links.code).toBe(0);
    expect(links.stdout.trim()).toMatch(/^(Checked 0 web addresses|This computer appears to be offline)/);
  }, 300_000);
});
