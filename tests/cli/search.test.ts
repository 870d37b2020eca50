import { stat } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { indexPath } from '../../src/core/search/persist';
import type { SearchResults } from '../../src/shared/api/search-types';
import { tempDir } from '../helpers/temp-library';
import { casefolio as runCasefolio } from '../helpers/cli';

const casefolio = (args: string[]) => runCasefolio(args, { NO_COLOR: '1' });



describe('casefolio search', () => {
  it('finds a phrase across a no-break space in the sample library, grouped by case with the passage', async () => {
    const dir = path.join(await tempDir(), 'sample');
    expect((await casefolio(['sample', dir])).code).toBe(0);
    const result = await casefolio(['search', 'murdered sisters', '--library', dir]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^\d+ records in \d+ cases match “murdered sisters”\./);
    // The case itself ranks first; the article attached to every case matches too, cited by page.
    expect(result.stdout).toMatch(/^[^\n]+\n\nBibaa Henry and Nicole Smallman {2}\(henry-smallman, \w+\) — \d+ matches\n {2}case {3}Bibaa Henry/);
    expect(result.stdout).toMatch(/selfies with the dead bodies of murdered sisters Bibaa Henry/);
    expect(result.stdout).toMatch(/\n {2}file {3}the-met-is-in-special-measures\.txt {2}\(\[2022\], p\. 1 of “The Met is in special measures/);

    const json = JSON.parse((await casefolio(['search', '"murdered sisters"', '--json', '--library', dir])).stdout) as SearchResults;
    const hit = json.groups[0].hits.find((h) => h.passage)!;
    const [match] = hit.passage!.matches;
    expect(hit.passage!.text.slice(match.start, match.end)).toBe('murdered sisters');
    expect(json.groups[0].slug).toBe('henry-smallman');

    const filtered = JSON.parse((await casefolio(['search', 'strip search kind:event', '--json', '--flat', '--library', dir])).stdout) as SearchResults;
    expect(filtered.groups).toEqual([]);
    expect(filtered.hits!.length).toBeGreaterThan(0);
    expect(filtered.hits!.every((h) => h.kind === 'event')).toBe(true);

    const typo = await casefolio(['search', 'inqeusts', '--library', dir]);
    expect(typo.stdout).toMatch(/Stephen Port/);

    const nothing = await casefolio(['search', 'zzzqqq date:whenever', '--library', dir]);
    expect(nothing.code).toBe(0);
    expect(nothing.stdout).toMatch(/^Note: “whenever” is not a date/);
    expect(nothing.stdout).toMatch(/Nothing matches “zzzqqq date:whenever”\./);
  });

  it('opens the library read-only and writes no index; reindex builds and saves one', async () => {
    const dir = path.join(await tempDir(), 'sample');
    await casefolio(['sample', dir]);
    await casefolio(['search', 'police', '--library', dir]);
    await expect(stat(indexPath(dir))).rejects.toMatchObject({ code: 'ENOENT' });
    const reindex = await casefolio(['reindex', '--library', dir]);
    expect(reindex.code).toBe(0);
    expect(reindex.stdout).toMatch(/^Indexed \d+ records in \d+ ms\./);
    expect((await stat(indexPath(dir))).size).toBeGreaterThan(0);
  });

  it('rejects a bad option with usage help', async () => {
    const dir = path.join(await tempDir(), 'lib');
    await casefolio(['init', dir]);
    const bad = await casefolio(['search', 'x', '--sort', 'alphabetical', '--library', dir]);
    expect(bad.code).toBe(2);
    const badLimit = await casefolio(['search', 'x', '--limit', 'ten', '--library', dir]);
    expect(badLimit.code).toBe(2);
    expect(badLimit.stderr).toMatch(/Use a whole number/);
    const help = await casefolio(['search', '--help']);
    expect(help.stdout).toMatch(/--per-case <n>/);
    expect(help.stdout).toMatch(/reliability:A,B/);
    expect(help.stdout).toMatch(/Examples:/);
  });
});
