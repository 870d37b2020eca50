/*
 * Sources that keep what they are, in the window (Chromium through the bridge): the editor shows the fields that
 * fit the kind (a journal article's journal, volume, issue, pages, DOI and ISSN; a judgment's court and neutral
 * citation), and a Zotero library is imported from the header's dialog with a progress bar and a report.
 * Screenshots, light and dark, in test-results/screenshots/.
 */
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/temp-library';
import { writeZoteroDatabase } from '../core/interchange/zotero/zotero-db';
import { screenshots, useApp } from './harness';

let slug: string;
const app = useApp({
  setUp: async ({ api }) => {
    const c = await api['cases:create']({ fields: { title: 'Duty of care' } });
    slug = c.slug;
    await api['sources:create']({
      caseId: c.id,
      fields: { kind: 'journal-article', title: 'In Defence of Due Deference', authors: [{ family: 'Young', given: 'Alison L' }], containerTitle: 'Modern Law Review', containerTitleShort: 'MLR', volume: '72', issue: '4', pages: '554-580', doi: '10.1111/j.1468-2230.2009.00757.x', issn: '0026-7961', publishedDate: { value: '2009-07' } },
    });
  },
});

describe('the source editor', () => {
  it('shows a journal article’s journal, volume, issue, pages, DOI and ISSN, and a judgment’s court and neutral citation when the kind changes', async () => {
    const { page } = app;
    await page.reload();
    await page.locator(`[data-case="${slug}"]`).click();
    await page.locator('.record-row', { hasText: 'In Defence of Due Deference' }).click();
    const field = (name: string) => page.getByRole('textbox', { name, exact: true });
    expect(await field('Journal').inputValue()).toBe('Modern Law Review');
    expect(await field('Journal abbreviation').inputValue()).toBe('MLR');
    expect(await field('Volume').inputValue()).toBe('72');
    expect(await field('Issue').inputValue()).toBe('4');
    expect(await field('Pages').inputValue()).toBe('554-580');
    expect(await field('DOI').inputValue()).toBe('10.1111/j.1468-2230.2009.00757.x');
    expect(await field('ISSN').inputValue()).toBe('0026-7961');
    expect(await field('Court').count()).toBe(0);
    expect(await page.getByRole('textbox', { name: 'Publisher' }).count()).toBe(0);
    await screenshots(page, 'source-editor-journal-article');

    await field('DOI').fill('https://doi.org/10.1111/x');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText(/A DOI starts “10\.”/).waitFor();
    await field('DOI').fill('10.1111/j.1468-2230.2009.00757.x');

    expect(app.problems).toEqual([]);
    await page.getByRole('combobox', { name: 'Kind' }).click();
    await page.getByRole('option', { name: 'Court judgment' }).click();
    await field('Neutral citation').waitFor();
    expect(await field('Court').count()).toBe(1);
    expect(await field('Journal').count()).toBe(0);
    await screenshots(page, 'source-editor-court-judgment');
    expect(app.problems).toEqual([]);
  });
});

describe('importing a Zotero library from the window', () => {
  it('shows progress item by item, then what came in', async () => {
    const dir = await tempDir('zotero-e2e-');
    await writeZoteroDatabase(dir, {
      collections: [{ key: 'COLLE2E1', name: 'Imported inquiry' }],
      items: Array.from({ length: 3000 }, (_, i) => ({ key: `E${String(i).padStart(7, '0')}`, type: 'report', fields: { title: `Report ${i}`, institution: 'Office for Policing Standards', date: '2021-03-00 March 2021' }, collections: ['COLLE2E1'] })),
    });
    const { page } = app;
    await page.getByRole('button', { name: 'Import from Zotero…' }).click();
    await page.getByRole('textbox', { name: 'Zotero data folder' }).fill(dir);
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await page.locator('.zotero-progress').waitFor();
    await page.locator('.zotero-report').waitFor({ timeout: 120_000 });
    await page.getByText('3000 sources, 0 notes and 0 files from 3000 items.').waitFor();
    await page.getByText('New case “Imported inquiry”: 3000 sources, 0 notes').waitFor();
    await screenshots(page, 'zotero-import-report');
    await page.getByRole('button', { name: 'Close' }).click();
    await page.locator('[data-case="imported-inquiry"]').waitFor();
    expect(app.problems).toEqual([]);
  }, 180_000);
});
