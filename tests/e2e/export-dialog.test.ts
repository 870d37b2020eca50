/*
 * The export dialog end to end — choosing cases, parts and citation style, the save location, the progress bar fed by
 * progress events over the bridge, opening the finished file — with a small stand-in for the dossier
 * engine, so the dialog is tested whether or not the engine is in this build. The real engine's output is
 * checked in app.test.ts.
 */
import { execFileSync } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { screenshots, useApp } from './harness';

const requests: unknown[] = [];

const app = useApp({
  overrides: (core) => ({
    'dossier:export': async (input, context) => {
      requests.push(input);
      const doc = await PDFDocument.create();
      const font = await doc.embedFont(StandardFonts.Helvetica);
      const titles = (await Promise.all(input.cases.map((caseId) => core['cases:get']({ caseId })))).map((c) => c.case.title);
      for (const [i, title] of titles.entries()) {
        context?.progress?.({ phase: 'pages', done: i, total: titles.length });
        await new Promise((r) => setTimeout(r, 1000)); // slow enough for the test to see each step of the progress bar
        const page = doc.addPage();
        page.drawText(`${input.marking ?? ''} ${title} ${input.bates ? `${input.bates.prefix}-${String(i + 1).padStart(6, '0')}` : ''} cited in ${input.citationStyle}`, { x: 50, y: 700, size: 14, font });
      }
      context?.progress?.({ phase: 'save', done: 1, total: 1 });
      const bytes = await doc.save();
      await writeFile(input.outputPath, bytes);
      return { path: input.outputPath, pages: titles.length, size: bytes.length, sha256: '0'.repeat(64), warnings: [{ code: 'EXHIBIT_MISSING', message: 'Exhibit EV-2 is missing from the library; a placeholder page stands in for it.' }], pageMap: [] };
    },
  }),
});

describe('the export dialog', () => {
  it('exports the chosen cases with a progress bar, reports warnings, and opens the file', async () => {
    const { page } = app;
    await page.locator('[data-case="baker"]').click();
    await page.getByRole('button', { name: 'Export dossier' }).click();
    const dialog = page.getByRole('dialog', { name: 'Export dossier' });
    await dialog.getByRole('checkbox', { name: 'Stephen Port: inquests' }).check();
    await dialog.getByRole('checkbox', { name: 'Tag index' }).uncheck();
    await dialog.getByRole('combobox', { name: 'Marking' }).fill('CONFIDENTIAL');
    await dialog.getByRole('textbox', { name: 'Bates prefix' }).fill('JB');
    await dialog.getByRole('textbox', { name: 'Title' }).fill('Deaths after police contact');
    const style = dialog.getByRole('combobox', { name: 'Citation style' });
    expect(await style.inputValue()).toBe('OSCOLA');
    await style.click();
    await page.getByRole('option', { name: 'APA 7th edition' }).waitFor();
    await screenshots(page, '29-export-citation-style');
    await page.getByRole('option', { name: 'APA 7th edition' }).click();
    expect(await style.inputValue()).toBe('APA 7th edition');
    const paper = dialog.getByRole('combobox', { name: 'Paper' });
    expect(await paper.inputValue()).toBe('A4 (210 × 297 mm)');
    await paper.click();
    await page.getByRole('option', { name: 'US Letter (8½ × 11 in)' }).click();
    // A prefix the contract refuses is refused here, with the contract's own sentence, before a file is chosen.
    await dialog.getByRole('textbox', { name: 'Bates prefix' }).fill('-JB');
    await dialog.getByRole('button', { name: 'Export…' }).click();
    await dialog.getByText('A Bates prefix is 1–24 letters, digits, spaces, dots, slashes or hyphens, starting with a letter or digit.').waitFor();
    expect(requests).toHaveLength(0);
    await dialog.getByRole('textbox', { name: 'Bates prefix' }).fill('JB');
    await dialog.getByRole('button', { name: 'Export…' }).click();
    await dialog.getByText('Writing pages…').waitFor();
    await dialog.getByText('1 of 2').waitFor();
    await screenshots(page, '14-export-progress');
    await dialog.getByText('Dossier exported').waitFor();
    await dialog.getByText('Exhibit EV-2 is missing').waitFor();
    await screenshots(page, '15-export-done');

    expect(requests).toHaveLength(1);
    const sent = requests[0] as { cases: string[]; sections: string[]; marking: string; bates: { prefix: string; start: number }; title: string; outputPath: string; citationStyle: string };
    expect(sent.cases.map((id) => app.lib.requireCase(id).case.slug)).toEqual(['baker', 'port']);
    expect(sent.sections).not.toContain('tag-index');
    expect(sent).toMatchObject({ marking: 'CONFIDENTIAL', bates: { prefix: 'JB', start: 1 }, title: 'Deaths after police contact', citationStyle: 'apa', paperSize: 'Letter' });
    expect(sent.outputPath).toMatch(/exports[\\/]Deaths after police contact – dossier \d{4}-\d{2}-\d{2}\.pdf$/);

    const popup = page.waitForEvent('popup');
    await dialog.getByRole('button', { name: 'Open dossier' }).click();
    const opened = await popup;
    expect(opened.url()).toMatch(/\/download\/[A-Za-z0-9_-]+$/);
    const text = execFileSync('pdftotext', [sent.outputPath, '-'], { encoding: 'utf8' });
    expect(text).toContain('CONFIDENTIAL Jermaine Baker JB-000001 cited in apa');
    expect(text).toContain('Stephen Port: inquests JB-000002 cited in apa');
    await opened.close();
  });

  it('ran without a Content-Security-Policy violation', () => {
    expect(app.problems).toEqual([]);
  });
});
