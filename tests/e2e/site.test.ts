/*
 * `casefolio site`: the pages opened in Chromium from the folder itself. Script-injection payloads stored in the
 * case's text are shown as text and never run, no link other than http(s), mailto, in-page or a file beside the
 * pages appears, nothing breaks the pages' Content-Security-Policy, and the pages link to each other.
 */
import { pathToFileURL } from 'node:url';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeSite } from '../../src/core/site/build-site';
import { tempDir, tempLibrary } from '../helpers/temp-library';
import { launchChromium, screenshots } from './harness';

const PAYLOADS = [
  '<script>top.__xss=1</script>',
  '<img src=x onerror=top.__xss=1>',
  '<svg onload=top.__xss=1>',
  '<iframe srcdoc="<script>top.__xss=1</script>"></iframe>',
  '"><img src=x onerror=top.__xss=1>',
  '<a href="javascript:top.__xss=1">click</a>',
];
const MARKDOWN = ['[md-js](javascript:top.__xss=1)', '[md-data](data:text/html;base64,PHNjcmlwdD50b3AuX194c3M9MTwvc2NyaXB0Pg==)', '<javascript:top.__xss=1>', '[md-safe](https://example.org/safe)'];

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
}, 120_000);
afterAll(async () => browser?.close());

describe('the static site of a case', () => {
  it('shows hostile text as text, runs nothing, keeps its CSP, and its pages link to each other', async () => {
    const { api, lib } = await tempLibrary();
    const text = [...PAYLOADS, ...MARKDOWN].join('\n\n');
    const c = await api['cases:create']({ fields: { title: `A case ${PAYLOADS[1]}`, summary: text } });
    const s = await api['sources:create']({ caseId: c.id, fields: { title: `Source ${PAYLOADS[0]}`, url: 'https://example.org/report', description: text } });
    await api['attachments:add']({ caseId: c.id, sourceId: s.id, fileName: '<img src=x onerror=top.__xss=1>.txt', contentBase64: Buffer.from('hello').toString('base64') });
    await api['notes:create']({ caseId: c.id, fields: { title: `Note ${PAYLOADS[2]}`, body: text, quotations: [{ sourceId: s.id, quote: PAYLOADS[0], pinpoint: { kind: 'paragraph', value: '3' } }] } });
    await api['events:create']({ caseId: c.id, fields: { date: { value: '2021-03' }, title: `Event ${PAYLOADS[4]}`, description: text, sources: [{ sourceId: s.id }] } });
    const dir = path.join(await tempDir(), 'site');
    const report = await writeSite(lib, c.id, { output: dir, date: '2026-01-01' });
    expect(report).toMatchObject({ pages: 4, files: 1 });

    const page = await browser.newPage();
    const violations: string[] = [];
    page.on('console', (m) => {
      if (/Content Security Policy|Refused to/i.test(m.text())) violations.push(m.text());
    });
    page.on('dialog', (d) => {
      violations.push(`dialog: ${d.message()}`);
      void d.dismiss();
    });
    for (const name of ['index', 'chronology', 'sources', 'notes']) {
      await page.goto(pathToFileURL(path.join(dir, `${name}.html`)).href);
      expect(await page.evaluate('typeof top.__xss'), name).toBe('undefined');
      const hrefs = (await page.evaluate(`[...document.querySelectorAll('a')].map((a) => a.getAttribute('href'))`)) as string[];
      for (const href of hrefs) expect(href, `${name}: ${href}`).toMatch(/^(https?:|mailto:|#|[a-z-]+\.html(#S\d+)?$|files\/)/);
      expect(await page.locator('script, iframe, img, svg, object, embed').count(), name).toBe(0);
      const body = (await page.textContent('main')) ?? '';
      if (name !== 'chronology') expect(body, name).toContain('<script>top.__xss=1</script>');
      await screenshots(page, `site-${name}`);
    }
    expect(violations).toEqual([]);

    // Sources are numbered and linked from the chronology; the attachment's copy opens from its link.
    await page.goto(pathToFileURL(path.join(dir, 'chronology.html')).href);
    await page.click('text=[S1]');
    expect(page.url()).toMatch(/sources\.html#S1$/);
    const fileHref = (await page.getAttribute('.files a', 'href'))!;
    expect(decodeURIComponent(fileHref)).toBe('files/_img src=x onerror=top.__xss=1_.txt');
    expect(await page.textContent('.files a')).toBe('<img src=x onerror=top.__xss=1>.txt');
    await page.close();
  }, 120_000);
});
