/*
 * Issue 18, in Chromium through the bridge: the export dialog reorders its cases from the keyboard, names
 * a dossier of several cases sensibly, never puts a colon in a file name, and in a browser hands the file
 * over as a download; quick search shows text rather than Markdown and one passage of a shared file once;
 * the Filters popover gets out of the way of the "Save as search" dialog. The dossier engine is stood in
 * for (as in export-dialog.test.ts), so what is checked is what the dialog sends and what the browser gets.
 */
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { screenshots, useApp } from './harness';

const requests: { cases: string[]; outputPath: string; title?: string }[] = [];

const app = useApp({
  overrides: (core) => ({
    'dossier:export': async (input) => {
      requests.push(input);
      const doc = await PDFDocument.create();
      const font = await doc.embedFont(StandardFonts.Helvetica);
      for (const caseId of input.cases) doc.addPage().drawText((await core['cases:get']({ caseId })).case.title, { x: 50, y: 700, size: 14, font });
      const bytes = await doc.save();
      await writeFile(input.outputPath, bytes);
      return { path: input.outputPath, pages: input.cases.length, size: bytes.length, sha256: '0'.repeat(64), warnings: [], pageMap: [] };
    },
  }),
});

describe('the export dialog', () => {
  it('titles a dossier of several cases after them, reorders them from the keyboard, and saves a Windows-safe file as a download', async () => {
    const { page } = app;
    await page.locator('[data-case="baker"]').click();
    await page.getByRole('button', { name: 'Export dossier' }).click();
    const dialog = page.getByRole('dialog', { name: 'Export dossier' });
    const title = dialog.getByRole('textbox', { name: 'Title' });
    expect(await title.inputValue()).toBe('Jermaine Baker');
    await dialog.getByRole('checkbox', { name: 'Child Q: strip search' }).check();
    expect(await title.inputValue()).toBe('Jermaine Baker and Child Q: strip search');
    await dialog.getByRole('checkbox', { name: 'Stephen Port: inquests' }).check();
    expect(await title.inputValue()).toBe('Jermaine Baker, Child Q: strip search and 1 more case');

    // Stephen Port to the top with the keyboard alone: its Up button, Enter twice (focus stays on it).
    await dialog.getByRole('button', { name: 'Move Stephen Port: inquests up' }).focus();
    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter');
    // Child Q down with Alt+↓ on its row.
    await dialog.locator('.case-order-row', { hasText: 'Child Q' }).focus();
    await page.keyboard.press('Alt+ArrowDown');
    const order = await dialog.locator('.case-order-row').allTextContents();
    expect(order).toEqual(['1. Stephen Port: inquests', '2. Jermaine Baker', '3. Child Q: strip search']);
    await screenshots(page, '45-export-order');

    await dialog.getByRole('button', { name: 'Export…' }).click();
    await dialog.getByText('Dossier exported').waitFor();
    const sent = requests[requests.length - 1];
    expect(sent.cases.map((id) => app.lib.requireCase(id).case.slug)).toEqual(['port', 'baker', 'child-q']);
    expect(sent.title).toBe('Jermaine Baker, Child Q: strip search and 1 more case');
    const fileName = path.basename(sent.outputPath);
    expect(fileName).toMatch(/^Jermaine Baker, Child Q - strip search and 1 more case – dossier \d{4}-\d{2}-\d{2}\.pdf$/);
    expect(fileName).not.toMatch(/[<>:"/\\|?*]/);

    const download = page.waitForEvent('download');
    await dialog.getByRole('button', { name: 'Download…' }).click();
    const got = await download;
    expect(got.suggestedFilename()).toBe(fileName);
    const saved = path.join(await mkdtemp(path.join(os.tmpdir(), 'casefolio-download-')), got.suggestedFilename());
    await got.saveAs(saved);
    expect(Buffer.compare(await readFile(saved), await readFile(sent.outputPath))).toBe(0);
    const text = execFileSync('pdftotext', [saved, '-'], { encoding: 'utf8' });
    expect(text.indexOf('Stephen Port')).toBeLessThan(text.indexOf('Jermaine Baker'));
    await dialog.getByRole('button', { name: 'Close' }).first().click();
  });

  it('keeps a title the person typed when more cases are ticked', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'Export dossier' }).click();
    const dialog = page.getByRole('dialog', { name: 'Export dossier' });
    await dialog.getByRole('textbox', { name: 'Title' }).fill('Deaths after police contact');
    await dialog.getByRole('checkbox', { name: 'Richard Okorogheye' }).check();
    expect(await dialog.getByRole('textbox', { name: 'Title' }).inputValue()).toBe('Deaths after police contact');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
  });
});

describe('quick search', () => {
  it('shows the text of Markdown, not its markup', async () => {
    const { page, api } = app;
    await api['notes:create']({
      caseId: 'everard',
      fields: { title: 'Panel findings (test)', body: '## Findings\n\nThe panel counted *twelve* **separate** failings; see [the panel report](https://example.org/report).' },
    });
    await page.keyboard.press('Control+k');
    await page.getByRole('textbox', { name: 'Search the library' }).fill('twelve separate failings');
    const hit = page.locator('.search-hit', { hasText: 'Panel findings (test)' });
    await hit.waitFor();
    const passage = (await hit.locator('.search-hit-text').textContent()) ?? '';
    expect(passage).toContain('The panel counted twelve separate failings; see the panel report.');
    expect(passage).not.toMatch(/##|\*|\]\(|https:/);
    await screenshots(page, '46-search-markdown');
    await page.keyboard.press('Escape');
  });

  it('shows a passage of a file attached in nine cases once, saying which other cases hold it', async () => {
    const { page } = app;
    await page.keyboard.press('Control+k');
    await page.getByRole('textbox', { name: 'Search the library' }).fill('"scandalous failures"');
    await page.locator('.search-hit').first().waitFor();
    const files = page.locator('.search-hit', { hasText: 'the-met-is-in-special-measures.txt' });
    await expect.poll(() => files.count()).toBe(1);
    expect(await files.first().locator('.search-also-in').textContent()).toMatch(/^Also in [^,]+, [^,]+ and \d+ more cases$/);
    await screenshots(page, '47-search-shared-file');
    await page.keyboard.press('Escape');
  });
});

describe('filters', () => {
  it('closes the Filters popover when “Save as search” opens, so nothing covers the dialog’s buttons', async () => {
    const { page } = app;
    await page.locator('[data-case="everard"]').click();
    await page.locator('.tag-node[data-tag="institution"] .tag-name').click();
    await page.getByRole('button', { name: 'Filters' }).click();
    await page.getByRole('button', { name: 'Save as search…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Save this search' });
    await dialog.waitFor();
    await page.locator('.mantine-Popover-dropdown[role="dialog"]', { has: page.getByRole('button', { name: 'Save as search…' }) }).waitFor({ state: 'hidden' });
    const save = dialog.getByRole('button', { name: 'Save search' });
    const box = (await save.boundingBox())!;
    // What is under the middle of the Save button is the Save button.
    expect(await page.evaluate(`document.elementFromPoint(${box.x + box.width / 2}, ${box.y + box.height / 2})?.closest('button')?.textContent`)).toBe('Save search');
    await page.getByRole('textbox', { name: 'Name' }).fill('Institutions');
    await save.click();
    await page.locator('.saved-search', { hasText: 'Institutions' }).waitFor();
  });

  it('ran without a Content-Security-Policy violation or page error', () => {
    expect(app.problems).toEqual([]);
  });
});
