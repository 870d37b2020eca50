/*
 * A source's chain of custody in the window, in Chromium through the bridge: the journal's entries for
 * the source, newest first, with who and the files' hashes; each file's integrity now, which turns to
 * "Changed" when a byte of the stored file is flipped behind the app's back; a web page captured from
 * the source (the bridge stores the HTML and says it makes no PDF rendering); and a torn journal line
 * reported, not fatal. Screenshots, light and dark, in test-results/screenshots/.
 */
import { appendFile, open, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { caseJournalPath } from '../../src/core/evidence/journal';
import { screenshots, useApp } from './harness';

const PAGE = '<!doctype html><html><head><meta charset="utf-8"><title>Vigil policing review</title></head><body><p>The review’s findings.</p></body></html>';

let web: Server;
let webUrl: string;
let caseId: string;
let slug: string;
const app = useApp({
  setUp: async () => {
    await app.api['library:updateSettings']({ userName: 'A. Researcher' });
    ({ id: caseId, slug } = await app.api['cases:create']({ fields: { title: 'Custody test case' } }));
    await app.api['sources:create']({ caseId, fields: { title: 'Custody test source', kind: 'official-report' } });
    // As a library from before the journal was kept: nothing recorded for the source. (The journal's lines
    // follow a save's acknowledgement, so they are let land first.)
    await app.lib.settled();
    await writeFile(caseJournalPath(app.lib, caseId), '');
    web = createServer((req, res) => (req.url === '/review' ? res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(PAGE) : res.writeHead(404).end()));
    await new Promise<void>((resolve) => web.listen(0, '127.0.0.1', resolve));
    webUrl = `http://127.0.0.1:${(web.address() as AddressInfo).port}`;
  },
});
afterAll(async () => {
  if (web) await new Promise((resolve) => web.close(resolve));
});

const testCase = () => app.api['cases:get']({ caseId });
const testSource = async () => (await testCase()).sources[0];

describe('a source’s chain of custody in the window', () => {
  it('says when nothing has been recorded yet', async () => {
    const { page } = app;
    // The case was made after the page loaded: a reload shows it.
    await page.reload();
    await page.locator(`[data-case="${slug}"]`).click();
    await page.locator('.record-row', { hasText: 'Custody test source' }).click();
    await page.getByRole('tab', { name: 'Chain of custody' }).click();
    await page.getByText('No changes recorded yet.').waitFor();
    await page.getByText('No files attached.').waitFor();
  });

  it('lists the edits and the attachment newest first, with who, the hash and the file’s integrity', async () => {
    const { page } = app;
    await page.getByRole('tab', { name: 'Details' }).click();
    await page.getByRole('textbox', { name: 'Institution' }).fill('Test publisher for custody');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('All changes saved').waitFor();
    await page.locator('[data-testid="attachment-dropzone"] input[type="file"]').setInputFiles({ name: 'witness-note.txt', mimeType: 'text/plain', buffer: Buffer.from('A witness note attached by the custody test.') });
    await page.locator('.attachment-row', { hasText: 'witness-note.txt' }).waitFor();
    const { attachments, title } = await testSource();
    const sha = attachments[0].sha256;

    await page.getByRole('tab', { name: 'Chain of custody' }).click();
    const entries = page.locator('.journal-entry');
    await expect.poll(() => entries.count()).toBe(2);
    await expect.poll(() => entries.nth(0).innerText()).toContain('Attach “witness-note.txt”');
    expect(await entries.nth(0).innerText()).toContain('A. Researcher');
    expect(await entries.nth(0).locator(`[data-sha256="${sha}"]`).innerText()).toBe(`sha256 ${sha.slice(0, 12)}…`);
    expect(await entries.nth(1).innerText()).toContain(`Edit source “${title}”`);
    expect(await entries.nth(1).innerText()).toContain('publisher');
    // Local time shown, UTC in the markup and on hover.
    expect(await entries.nth(0).locator('time').getAttribute('datetime')).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/);

    const file = page.locator('.custody-file', { hasText: 'witness-note.txt' });
    await expect.poll(() => file.locator('.integrity-badge').innerText()).toMatch(/intact/i);
    expect(await file.innerText()).toContain('The stored file matches its SHA-256.');
    expect(await file.innerText()).toContain('by A. Researcher');
    await screenshots(page, '25-source-custody');

    // One byte flipped in the stored file, behind the app's back.
    const stored = path.join(app.lib.read.filesDir(caseId), sha);
    const handle = await open(stored, 'r+');
    const byte = Buffer.alloc(1);
    await handle.read(byte, 0, 1, 0);
    await handle.write(Buffer.from([byte[0] ^ 0x01]), 0, 1, 0);
    await handle.close();
    await page.getByRole('button', { name: 'Check again' }).click();
    await expect.poll(() => file.locator('.integrity-badge').innerText()).toMatch(/changed/i);
    expect(await file.innerText()).toContain('The stored file no longer matches the SHA-256 it was stored under.');
    expect(await file.getAttribute('data-integrity')).toBe('changed');
    await screenshots(page, '26-source-custody-changed');
  });

  it('captures a web page onto the source, and says the browser makes no PDF rendering', async () => {
    const { page } = app;
    await page.getByRole('tab', { name: 'Details' }).click();
    await page.getByRole('button', { name: 'Capture web page…' }).click();
    const address = page.getByRole('textbox', { name: 'Address of the page' });
    await address.fill('not a web address');
    await page.getByRole('button', { name: 'Capture', exact: true }).click();
    await page.getByText(/web address/i).first().waitFor();
    expect((await testSource()).attachments).toHaveLength(1);

    // A closed port: the core's sentence and its code, nothing stored.
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const closedUrl = `http://127.0.0.1:${(closed.address() as AddressInfo).port}/gone`;
    await new Promise((resolve) => closed.close(resolve));
    await address.fill(closedUrl);
    await page.getByRole('button', { name: 'Capture', exact: true }).click();
    await page.getByRole('alert').filter({ hasText: 'refused the connection' }).waitFor();
    await page.getByText('Error code: NETWORK_ERROR').waitFor();
    await screenshots(page, '27-capture-failed');

    await address.fill(`${webUrl}/review`);
    await page.getByRole('button', { name: 'Capture', exact: true }).click();
    await page.getByText('only the desktop app renders captured pages').waitFor();
    await page.locator('.attachment-row', { hasText: '127.0.0.1-review.html' }).waitFor();
    // The page, and beside it its web archive (WACZ).
    expect((await testSource()).attachments.map((a) => a.mediaType)).toEqual(['text/plain', 'text/html', 'application/wacz']);
    await page.getByRole('tab', { name: 'Chain of custody' }).click();
    const captured = page.locator('.custody-file', { hasText: '127.0.0.1-review.html' });
    await expect.poll(() => captured.innerText()).toContain(`from ${webUrl}/review · HTTP 200`);
    expect(await captured.locator('.integrity-badge').innerText()).toMatch(/intact/i);
    await expect.poll(() => page.locator('.journal-entry').first().innerText()).toContain(`Capture ${webUrl}/review`);
  });

  it('reports a torn journal line and still shows the rest', async () => {
    const { page } = app;
    await appendFile(caseJournalPath(app.lib, caseId), '{"at":"2026-01-');
    await page.getByRole('button', { name: 'Check again' }).click();
    await page.getByText('Some lines of the journal could not be read').waitFor();
    expect(await page.locator('.journal-entry').count()).toBe(3);
    await screenshots(page, '28-source-custody-torn-journal');
    expect(app.problems).toEqual([]);
  });
});
