/*
 * Script injection through the real window (issue #7). A corpus of XSS payloads is stored through the
 * contract in every text field a user can fill, then every screen that shows those fields is opened in
 * Chromium. Each payload tries to prove it ran: by setting `top.__xss`, opening an alert, or loading a
 * resource from a loopback server this test counts. After each screen: nothing ran, nothing loaded, no
 * dangerous element, attribute or link is in the page, and the payloads are on screen as text.
 *
 * The corpus runs twice: once as the app ships, and once with the page's Content-Security-Policy ignored,
 * so the markup layer (React's escaping, markdown-it and DOMPurify) is tested on its own and a payload
 * cannot pass only because the CSP blocked it.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { screenshots, useApp, type AppHarness } from './harness';

/** Each payload, shown as a user would type it; `BEACON` is replaced by the counting server's address. */
const HTML_PAYLOADS = [
  '<script>top.__xss=1</script>',
  '<img src=x onerror=top.__xss=1>',
  '<img src="BEACON/img">',
  '<svg onload=alert(1)>',
  '<svg><script>top.__xss=1</script></svg>',
  '<body onload=top.__xss=1>',
  '<iframe srcdoc="<script>top.__xss=1</script>"></iframe>',
  '<embed src="data:text/html,<script>top.__xss=1</script>">',
  '<object data="javascript:top.__xss=1"></object>',
  '<math><mtext><table><mglyph><style><img src=x onerror=top.__xss=1>',
  '<noscript><p title="</noscript><img src=x onerror=top.__xss=1>">',
  '"><img src=x onerror=top.__xss=1>',
  "'><svg onload=top.__xss=1>",
  '<details open ontoggle=top.__xss=1>',
  '<a href="javascript:top.__xss=1">click</a>',
  "<style>@import 'BEACON/css';</style>",
  "<link rel=stylesheet href='BEACON/link'>",
  "{{constructor.constructor('top.__xss=1')()}}",
  '${top.__xss=1}',
  'javascript:top.__xss=1',
  'data:text/html,<script>top.__xss=1</script>',
  // Mantine quotes a search group's label (the case title) into a CSS custom property.
  "x'; content: url(BEACON/css-label); x: '",
];

/** Markdown that would make a link, image or raw HTML if the renderer let it. */
const MARKDOWN_PAYLOADS = [
  '[md-js](javascript:top.__xss=1)',
  '[md-js-case](JaVaScRiPt:top.__xss=1)',
  '[md-entity](&#x6A;avascript:top.__xss=1)',
  '[md-data](data:text/html;base64,PHNjcmlwdD50b3AuX194c3M9MTwvc2NyaXB0Pg==)',
  '[md-vbscript](vbscript:msgbox(1))',
  '[md-file](file:///etc/passwd)',
  '<javascript:top.__xss=1>',
  '![md-img](BEACON/md-img)',
  '[md-ref][r]\n\n[r]: javascript:top.__xss=1',
  '[md-title](https://example.org/ "\\"onmouseover=top.__xss=1")',
  'https://example.org/?q=<script>top.__xss=1</script>',
  '[md-safe](https://example.org/safe)',
];

/** Text that must be visible, unchanged, wherever a payload is shown as plain text or rendered Markdown. */
const VISIBLE_IN_MARKDOWN = ['<script>top.__xss=1</script>', '<img src=x onerror=top.__xss=1>', '<iframe srcdoc=', '[md-js](javascript:top.__xss=1)', '<javascript:top.__xss=1>'];

const CASE_SLUG = 'xss-corpus';
const TAGS = ['xss/<img src=x onerror=top.__xss=1>', 'xss/"><svg onload=top.__xss=1>', 'xss/<script>top.__xss=1</script>'];

/** The href of each link matching `selector`, "(none)" where a link has none. (Expressions as strings: tsconfig.node has no DOM types.) */
const hrefsIn = async (page: Page, selector: string) =>
  (await page.evaluate(`[...document.querySelectorAll(${JSON.stringify(selector)})].map((a) => a.getAttribute('href') ?? '(none)')`)) as string[];

/** Counts every request a payload manages to make. */
async function startBeacon() {
  const hits: string[] = [];
  const server = http.createServer((req, res) => {
    hits.push(req.url ?? '');
    res.setHeader('Access-Control-Allow-Origin', '*');
    res.end('');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, hits, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** Everything in the page that would mean a payload became markup; [] when the page is inert. */
const DANGEROUS_DOM = `(() => {
  const found = [];
  const root = document.getElementById('root') ?? document.body;
  for (const el of [document.documentElement, document.body, ...root.querySelectorAll('*')]) {
    const tag = el.tagName.toLowerCase();
    if (['script', 'iframe', 'object', 'embed', 'frame', 'style', 'link', 'base', 'meta', 'math', 'noscript', 'details', 'form'].includes(tag)) found.push('<' + tag + '>');
    if (tag === 'img' && !el.closest('.mantine-Avatar-root')) found.push('<img src=' + el.getAttribute('src') + '>');
    for (const attr of el.attributes) {
      const name = attr.name.toLowerCase();
      if (name.startsWith('on')) found.push(tag + '[' + name + ']');
      if (name === 'srcdoc') found.push(tag + '[srcdoc]');
      if (['href', 'src', 'action', 'formaction', 'data', 'xlink:href'].includes(name) && /^\\s*(javascript|data|vbscript|file):/i.test(attr.value)) found.push(tag + '[' + name + '=' + attr.value + ']');
    }
  }
  return found;
})()`;

for (const bypassCsp of [false, true]) {
  describe(`XSS payloads in every field are shown as text${bypassCsp ? ', with the CSP switched off' : ''}`, () => {
    let beacon: Awaited<ReturnType<typeof startBeacon>>;
    const dialogs: string[] = [];
    const consoleXss: string[] = [];
    const withBeacon = (s: string) => s.replaceAll('BEACON', beacon.url);
    let html: string[];
    let markdown: string;

    beforeAll(async () => {
      beacon = await startBeacon();
      html = HTML_PAYLOADS.map(withBeacon);
      markdown = [...MARKDOWN_PAYLOADS, ...HTML_PAYLOADS].map(withBeacon).join('\n\n');
    });
    const app = useApp({
      bypassCsp,
      setUp: async () => {
        app.page.on('dialog', (d) => {
          dialogs.push(`${d.type()}: ${d.message()}`);
          void d.dismiss();
        });
        app.page.on('console', (m) => {
          if (/XSS/.test(m.text())) consoleXss.push(m.text());
        });
        await seed(app, html, markdown);
        await app.page.reload();
        await app.page.locator(`[data-case="${CASE_SLUG}"]`).waitFor();
      },
    });
    afterAll(async () => {
      await beacon?.close();
    });

    /** Nothing ran, nothing loaded, nothing dangerous is in the page. */
    async function expectInert(page: Page) {
      await page.waitForTimeout(200); // an onerror or a stylesheet load fires shortly after rendering
      expect(await page.evaluate('typeof top.__xss')).toBe('undefined');
      expect(dialogs).toEqual([]);
      expect(consoleXss).toEqual([]);
      expect(beacon.hits).toEqual([]);
      expect(await page.evaluate(DANGEROUS_DOM)).toEqual([]);
    }

    async function expectVisible(page: Page, texts: string[]) {
      const shown = (await page.evaluate('document.body.innerText')) as string;
      for (const text of texts) expect(shown, `"${text}" on screen`).toContain(text);
    }

    /** The Markdown preview shows the payloads as text; the one safe link stays a link, every other is text. */
    async function expectMarkdownShownAsText(page: Page) {
      // The previous record's preview stays on screen until the clicked one renders: wait for the payload's.
      const preview = page.locator('.markdown-preview').filter({ hasText: VISIBLE_IN_MARKDOWN[0] });
      await preview.waitFor();
      const rendered = await preview.innerText();
      for (const text of VISIBLE_IN_MARKDOWN) expect(rendered).toContain(text);
      const hrefs = await hrefsIn(page, '.markdown-preview a');
      expect(hrefs).toContain('https://example.org/safe');
      // linkify makes links of the http addresses inside payloads: harmless, and still only http
      for (const href of hrefs) expect(href).toMatch(/^https?:\/\//);
    }

    /** Lists are virtualised: every row drawn shows one payload, whole, as text. */
    async function expectRowsShowPayloads(page: Page, selector: string) {
      // The timeline's events are SVG, which has no innerText: their text (label and title) is read instead.
      const rows = await page.locator(selector).evaluateAll((nodes) =>
        nodes.map((n) => {
          const node = n as unknown as { innerText?: string; textContent: string | null };
          return node.innerText ?? node.textContent ?? '';
        }),
      );
      expect(rows.length).toBeGreaterThan(4);
      for (const row of rows) expect(html.some((p) => row.includes(p)), `row "${row}" shows a payload`).toBe(true);
    }

    async function openTab(page: Page, name: RegExp) {
      await page.getByRole('tab', { name }).click();
      await page.locator('.record-row').first().waitFor();
    }

    it('lists cases with payload titles, and shows the case with its summary rendered', async () => {
      const { page } = app;
      await expectVisible(page, html.map((p) => `Case ${p}`));
      await page.locator(`[data-case="${CASE_SLUG}"]`).click();
      await expectMarkdownShownAsText(page);
      await expectInert(page);
      if (!bypassCsp) await screenshots(page, '20-xss-case');
    });

    it('shows payload sources in the list and in the editor, and links only to http(s)', async () => {
      const { page } = app;
      await openTab(page, /Sources/);
      await expectRowsShowPayloads(page, '.record-row');
      const row = page.locator('.record-row').first();
      await row.click();
      const title = await page.getByRole('textbox', { name: 'Title' }).inputValue();
      expect(html).toContain(title);
      expect(await page.getByRole('textbox', { name: 'Publisher' }).inputValue()).toBe(title);
      expect(await page.getByRole('textbox', { name: 'Description' }).inputValue()).toBe(title);
      expect(await page.getByRole('textbox', { name: 'Web address' }).inputValue()).toMatch(/^https:\/\/example\.org\//);
      for (const href of await hrefsIn(page, 'a[href]')) expect(href).toMatch(/^(https?:\/\/|#)/);
      await expectInert(page);
      if (!bypassCsp) await screenshots(page, '21-xss-sources');
    });

    it('renders a payload note in the preview as text, with its quotations', async () => {
      const { page } = app;
      await openTab(page, /Notes/);
      await expectRowsShowPayloads(page, '.record-row');
      await page.locator('.record-row').first().click();
      await expectMarkdownShownAsText(page);
      expect(await page.getByRole('textbox', { name: 'Quotation 1' }).inputValue()).toBe(html[0]);
      await expectInert(page);
      if (!bypassCsp) await screenshots(page, '22-xss-note');
    });

    it('shows payload events in the chronology table and timeline', async () => {
      const { page } = app;
      await page.getByRole('tab', { name: /Chronology/ }).click();
      await page.locator('.mantine-SegmentedControl-label', { hasText: 'Table' }).click();
      await page.locator('.record-row').first().waitFor();
      await expectRowsShowPayloads(page, '.record-row');
      await expectInert(page);
      await page.locator('.mantine-SegmentedControl-label', { hasText: 'Timeline' }).click();
      await page.locator('.timeline-item').first().waitFor();
      await expectRowsShowPayloads(page, '.timeline-item');
      await page.locator('.timeline-item').first().click();
      expect(html).toContain(await page.getByRole('textbox', { name: 'What happened' }).inputValue());
      await expectInert(page);
      if (!bypassCsp) await screenshots(page, '23-xss-timeline');
    });

    it('shows payload tags in the tag tree, and refuses a tag the schema does not allow with a clear error', async () => {
      const { page } = app;
      await page.locator('.tag-node[data-tag="xss"] .tag-chevron').click();
      for (const tag of TAGS) await page.locator('.tag-node', { hasText: tag.split('/')[1] }).first().waitFor();
      await expectInert(page);
      await expect(app.api['tags:define']({ path: 'xss/<svg onload=top.__xss=1> ' })).rejects.toMatchObject({ code: 'INVALID_INPUT', message: expect.stringContaining('none starting or ending with a space') });
    });

    it('refuses javascript: and data: web addresses with the field’s message', async () => {
      for (const url of ['javascript:top.__xss=1', 'JAVASCRIPT:top.__xss=1', ' javascript:top.__xss=1', 'data:text/html,<script>top.__xss=1</script>', 'vbscript:msgbox(1)']) {
        for (const field of ['url', 'archiveUrl'] as const) {
          await expect(app.api['sources:create']({ caseId: CASE_SLUG, fields: { title: 'refused', [field]: url } })).rejects.toMatchObject({ code: 'INVALID_INPUT', message: expect.stringContaining('Use a full web address starting with http:// or https://.') });
        }
      }
    });

    it('shows payloads in search results with the matches marked as text', async () => {
      const { page } = app;
      await page.locator('.case-title').click();
      await page.keyboard.press('Control+k');
      await page.getByRole('textbox', { name: 'Search the library' }).fill('onerror');
      const hits = page.locator('.search-hit');
      await hits.first().waitFor();
      expect(await hits.count()).toBeGreaterThan(3);
      expect(await page.locator('mark.search-mark').allTextContents()).toContain('onerror');
      await expectVisible(page, ['<img src=x onerror=top.__xss=1>']);
      // The group's label is the case title, as text.
      const labels = await page.locator('.search-group-label').allTextContents();
      expect(labels.some((label) => label.startsWith("Case corpus x'; content: url("))).toBe(true);
      await expectInert(page);
      if (!bypassCsp) await screenshots(page, '24-xss-search');
      await page.keyboard.press('Escape');
    });

    it('shows trashed payload records in the trash', async () => {
      const { page } = app;
      await page.locator('.trash-link').first().click();
      await page.getByRole('button', { name: `Restore Trashed ${html[1]}` }).waitFor();
      await expectVisible(page, [`Trashed ${html[1]}`, `Trashed ${html[0]}`]);
      await expectInert(page);
    });

    it('logged no page error', () => {
      expect(app.problems.filter((p) => p.startsWith('page error'))).toEqual([]);
    });
  });
}

/** The corpus, stored through the contract in every text field of every kind of record. */
async function seed({ api }: AppHarness, html: string[], markdown: string) {
  for (const [i, payload] of html.entries()) await api['cases:create']({ fields: { title: `Case ${payload}`, slug: `xss-${i}`, summary: payload, location: payload } });
  const { slug } = await api['cases:create']({ fields: { title: `Case corpus ${html.at(-1)}`, slug: CASE_SLUG, summary: markdown, location: html[1], tags: TAGS } });
  for (const tag of TAGS) await api['tags:define']({ path: tag, description: html[0] });
  const sources = [];
  for (const [i, payload] of html.entries()) {
    sources.push(
      await api['sources:create']({
        caseId: slug,
        fields: {
          title: payload,
          publisher: payload,
          description: payload,
          authors: [{ literal: payload }, { family: payload, given: payload }],
          // Valid web addresses that carry a payload in their path and fragment.
          url: `https://example.org/${i}/"><img src=x onerror=top.__xss=1>`,
          archiveUrl: `https://web.archive.org/web/2022/https://example.org/#<script>top.__xss=1</script>`,
          tags: [TAGS[i % TAGS.length]],
        },
      }),
    );
  }
  for (const payload of html) {
    await api['notes:create']({
      caseId: slug,
      fields: { title: payload, body: markdown, tags: TAGS, quotations: [{ sourceId: sources[0].id, quote: html[0], pinpoint: { kind: 'page', value: payload } }] },
    });
    await api['events:create']({ caseId: slug, fields: { title: payload, description: markdown, date: { value: '2021-03', certainty: 'exact' }, tags: TAGS, sources: [{ sourceId: sources[0].id }] } });
  }
  const trashedSource = await api['sources:create']({ caseId: slug, fields: { title: `Trashed ${html[1]}` } });
  await api['sources:delete']({ caseId: slug, sourceId: trashedSource.id });
  const trashedNote = await api['notes:create']({ caseId: slug, fields: { title: `Trashed ${html[0]}`, body: markdown } });
  await api['notes:delete']({ caseId: slug, noteId: trashedNote.id });
}
