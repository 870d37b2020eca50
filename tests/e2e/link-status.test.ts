/*
 * A source's link in the window, in Chromium through the bridge: captured from a loopback site that then
 * deletes the page; "Check now" shows it gone with the server's answer; "Record archived copy" fills the
 * source's archived copy with the Wayback Machine's copy nearest to the capture. Screenshots in test-results/.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { loopbackSite, type LoopbackSite } from '../helpers/loopback';
import { screenshots, useApp } from './harness';

let site: LoopbackSite;
let caseId: string;
let slug: string;
const app = useApp({
  setUp: async () => {
    site = await loopbackSite({
      '/statement': (res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>Force statement (fictional)</title><p>A statement.</p>'),
    });
    ({ id: caseId, slug } = await app.api['cases:create']({ fields: { title: 'Link watching test case' } }));
    await app.api['capture:url']({ caseId, url: site.url('/statement') });
    site.routes.set('/statement', (res) => res.writeHead(404, { 'content-type': 'text/html' }).end('<p>Removed.</p>'));
  },
});
afterAll(async () => {
  await site?.close();
});

describe('a source’s link in the window', () => {
  it('shows a deleted page as gone, and records an archived copy in one click', async () => {
    const { page } = app;
    await page.reload();
    await page.locator(`[data-case="${slug}"]`).click();
    await page.locator('.record-row', { hasText: 'Force statement (fictional)' }).click();
    const panel = page.locator('.link-status');
    await panel.getByText('not checked yet').waitFor();
    await panel.getByRole('button', { name: 'Check now' }).click();
    await page.locator('.link-status[data-verdict="gone"]').waitFor();
    await panel.getByText('Gone: the site answers 404 Not Found.', { exact: false }).waitFor();
    await screenshots(page, 'link-status-gone');

    await panel.getByRole('button', { name: 'Record archived copy' }).click();
    const source = (await app.api['cases:get']({ caseId })).sources[0];
    await expect.poll(async () => (await app.api['cases:get']({ caseId })).sources[0].archiveUrl).toMatch(/^https:\/\/web\.archive\.org\/web\/\d{14}\/http:\/\/127\.0\.0\.1:\d+\/statement$/);
    expect(source.attachments.map((a) => a.mediaType)).toEqual(['text/html', 'application/wacz']);
    await expect.poll(() => page.getByRole('textbox', { name: 'Archived copy' }).inputValue()).toMatch(/^https:\/\/web\.archive\.org\/web\//);
    expect(app.problems).toEqual([]);
  }, 120_000);
});
