/*
 * The dossier preview and the built-in viewer, with the real engine through the bridge: the export dialog shows
 * the first pages and the contents drawn by pdf.js before anything is saved, and the finished file opens in the
 * app with its bookmarks, a bookmark jumping to its page. No CSP violation on the way (pdf.js's worker included).
 */
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { screenshots, useApp } from './harness';

const app = useApp();

/** How many pixels of a drawn canvas are not white: a blank canvas has none. */
const inkOf = (page: Page, selector: string) =>
  page.evaluate(`(() => {
    const canvas = document.querySelector(${JSON.stringify(selector)});
    const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
    let ink = 0;
    for (let i = 0; i < data.length; i += 4) if (data[i] < 200 || data[i + 1] < 200 || data[i + 2] < 200) ink++;
    return ink;
  })()`) as Promise<number>;

describe('the dossier preview and viewer', () => {
  it('previews the first pages and the contents before exporting, saving nothing', async () => {
    const { page } = app;
    await page.locator('[data-case="everard"]').click();
    await page.getByRole('button', { name: 'Export dossier' }).click();
    const dialog = page.getByRole('dialog', { name: 'Export dossier' });
    await dialog.getByRole('switch', { name: 'Timeline figure before each chronology' }).check();
    await dialog.getByRole('button', { name: 'Preview first pages' }).click();
    const pages = dialog.locator('.dossier-preview-page canvas[data-state="drawn"]');
    await expect.poll(() => pages.count(), { timeout: 60_000 }).toBeGreaterThanOrEqual(4);
    for (let i = 1; i <= 4; i++) expect(await inkOf(page, `.dossier-preview-page:nth-child(${i}) canvas`), `page ${i}`).toBeGreaterThan(150);
    await dialog.getByText(/The first \d+ of \d+ pages, with the contents/).waitFor();
    expect(await dialog.getByRole('img', { name: /^Page 2 of \d+$/ }).count()).toBe(1);
    await screenshots(page, '42-dossier-preview');
    const exports = path.join(app.dir, 'library', 'exports');
    expect(await readdir(exports).catch(() => [])).toEqual([]);
    // A change of settings withdraws a preview made with the old ones.
    await dialog.getByRole('checkbox', { name: 'Tag index' }).uncheck();
    await expect.poll(() => pages.count()).toBe(0);
    expect(app.problems).toEqual([]);
  }, 240_000);

  it('opens the exported dossier in the app, lists its bookmarks and jumps to a page', async () => {
    const { page } = app;
    const dialog = page.getByRole('dialog', { name: 'Export dossier' });
    await dialog.getByRole('button', { name: 'Export…' }).click();
    await dialog.getByText('Dossier exported').waitFor({ timeout: 60_000 });
    await dialog.getByRole('button', { name: 'View in Casefolio' }).click();
    const viewer = page.getByRole('dialog', { name: /Sarah Everard/ }).last();
    const bookmarks = viewer.getByRole('navigation', { name: 'Bookmarks' });
    await bookmarks.locator('.dossier-bookmark', { hasText: 'Integrity appendix' }).first().waitFor({ timeout: 30_000 });
    await viewer.getByText(/^Page 1 of \d+$/).waitFor();
    const exported = (await readdir(path.join(app.dir, 'library', 'exports'))).filter((f) => f.endsWith('.pdf'));
    expect(exported).toHaveLength(1);

    // The case's bookmark opens its children; "Sources" goes to the page the engine's page map says.
    await bookmarks.locator('.dossier-bookmark', { hasText: 'Sarah Everard' }).first().click();
    await bookmarks.locator('.dossier-bookmark', { hasText: 'Sources' }).first().click();
    const sourcesPage = Number(/p\. (\d+)/.exec((await bookmarks.locator('.dossier-bookmark', { hasText: 'Sources' }).first().textContent()) ?? '')?.[1]);
    expect(sourcesPage).toBeGreaterThan(1);
    await viewer.getByText(new RegExp(`^Page ${sourcesPage} of \\d+$`)).waitFor();
    await expect.poll(() => viewer.locator('canvas[data-state="drawn"]').count()).toBe(1);
    expect(await inkOf(page, '.dossier-viewer-page canvas')).toBeGreaterThan(500);
    await viewer.getByRole('button', { name: 'Next page' }).click();
    await viewer.getByText(new RegExp(`^Page ${sourcesPage + 1} of \\d+$`)).waitFor();
    await screenshots(page, '43-dossier-viewer');
    expect(app.problems).toEqual([]);
  }, 240_000); // exporting a dossier takes seconds here: CI runs 3–5× slower
});
