/*
 * Link watching against a loopback site whose pages move, change and disappear after they were captured.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { runLinkCheck } from '../../../src/core/links/link-service';
import { formatLinkReport } from '../../../src/cli/commands/links';
import { loopbackSite, type LoopbackSite } from '../../helpers/loopback';
import path from 'node:path';
import { CaseLibrary } from '../../../src/core/case-library';
import { createHandlers } from '../../../src/core/handlers';
import { createClient } from '../../../src/shared/api/client';
import { dispatch } from '../../../src/shared/api/dispatch';
import { fixedDeps, tempDir, tempLibrary } from '../../helpers/temp-library';

const html = (title: string, body: string) => `<!doctype html><html><head><title>${title}</title></head><body><p>${body}</p></body></html>`;
let site: LoopbackSite | undefined;
afterEach(async () => site?.close());

async function capturedSite() {
  site = await loopbackSite({
    '/robots.txt': (res) => res.writeHead(200, { 'content-type': 'text/plain' }).end('User-agent: *\nDisallow: /private\n'),
    '/stable': (res) => res.writeHead(200, { 'content-type': 'text/html' }).end(html('Stable (fictional)', 'This page never changes.')),
    '/moving': (res) => res.writeHead(200, { 'content-type': 'text/html' }).end(html('Moving (fictional)', 'This page will move.')),
    '/changing': (res) => res.writeHead(200, { 'content-type': 'text/html' }).end(html('Changing (fictional)', 'The first version.')),
    '/deleting': (res) => res.writeHead(200, { 'content-type': 'text/html' }).end(html('Deleting (fictional)', 'This page will be removed.')),
    '/erroring': (res) => res.writeHead(200, { 'content-type': 'text/html' }).end(html('Erroring (fictional)', 'This site will break.')),
  });
  const t = await tempLibrary();
  const { id: caseId } = await t.api['cases:create']({ fields: { title: 'Watched pages' } });
  const sources: Record<string, string> = {};
  for (const p of ['/stable', '/moving', '/changing', '/deleting', '/erroring']) sources[p] = (await t.api['capture:url']({ caseId, url: site.url(p) })).source.id;
  sources['/private/memo'] = (await t.api['sources:create']({ caseId, fields: { title: 'A private memo (fictional)', kind: 'web-page', url: site.url('/private/memo') } })).id;
  // Then the web moves on.
  site.routes.set('/moving', (res) => res.writeHead(301, { location: '/new-home' }).end());
  site.routes.set('/new-home', (res) => res.writeHead(200, { 'content-type': 'text/html' }).end(html('Moving (fictional)', 'This page will move.')));
  site.routes.set('/changing', (res) => res.writeHead(200, { 'content-type': 'text/html' }).end(html('Changing (fictional)', 'A second, edited version.')));
  site.routes.set('/deleting', (res) => res.writeHead(404, { 'content-type': 'text/html' }).end(html('Not found', 'No such page.')));
  site.routes.set('/erroring', (res) => res.writeHead(503).end());
  return { ...t, caseId, sources, site };
}

describe('links check', () => {
  it('reports each page as unchanged, moved, changed, gone, failed or kept away by robots.txt', async () => {
    const { lib, api, caseId, sources, site } = await capturedSite();
    const before = site.requests.length;
    const waits: number[] = [];
    const report = await runLinkCheck(lib, caseId, { perHostDelayMs: 1500, sleep: async (ms) => void waits.push(ms) });
    expect(report.offline).toBe(false);
    const verdicts = Object.fromEntries(report.results.map((r) => [new URL(r.url).pathname, r.verdict]));
    expect(verdicts).toEqual({ '/stable': 'ok', '/moving': 'moved', '/changing': 'changed', '/deleting': 'gone', '/erroring': 'failed', '/private/memo': 'skipped' });

    const by = (p: string) => report.results.find((r) => r.sourceId === sources[p])!;
    expect(by('/stable').message).toMatch(/^Unchanged since the capture of \d{4}-\d{2}-\d{2}\.$/);
    expect(by('/moving')).toMatchObject({ status: 200, finalUrl: site.url('/new-home') });
    expect(by('/moving').message).toContain(`now leads to ${site.url('/new-home')}`);
    expect(by('/changing').sha256).not.toBe(by('/changing').comparedWith?.sha256);
    expect(by('/deleting')).toMatchObject({ status: 404, message: 'Gone: the site answers 404 Not Found.' });
    expect(by('/erroring').status).toBe(503);
    expect(by('/private/memo').message).toMatch(/robots\.txt asks programs not to fetch/);
    expect(report.message).toBe('Checked 6 web addresses: 1 unchanged, 1 moved, 1 changed, 1 gone, 1 failed, 1 not checked (robots.txt).');

    // Polite: robots.txt first, the disallowed page never requested, and a wait before every request after the first.
    const made = site.requests.slice(before);
    expect(made[0]).toBe('/robots.txt');
    expect(made).not.toContain('/private/memo');
    expect(made).toEqual(['/robots.txt', '/stable', '/moving', '/new-home', '/changing', '/deleting', '/erroring']);
    expect(waits).toEqual([1500, 1500, 1500, 1500, 1500]);

    // The results are kept for the sources' panels, and the printed report lists problems first.
    const status = await api['links:status']({ caseId });
    expect(status.map((r) => r.verdict).sort()).toEqual(['changed', 'failed', 'gone', 'moved', 'ok', 'skipped']);
    const printed = formatLinkReport(report).split('\n');
    expect(printed[0]).toBe(`GONE     ${site.url('/deleting')}`);
    expect(printed[2]).toBe(`MOVED    ${site.url('/moving')}`);
  });

  it('waits as long as robots.txt’s Crawl-delay asks', async () => {
    const { lib, caseId, site } = await capturedSite();
    site.routes.set('/robots.txt', (res) => res.writeHead(200).end('User-agent: *\nCrawl-delay: 7\n'));
    const waits: number[] = [];
    await runLinkCheck(lib, caseId, { perHostDelayMs: 100, sleep: async (ms) => void waits.push(ms) });
    expect(waits.length).toBe(6);
    expect(new Set(waits)).toEqual(new Set([7000]));
  });

  it('offline, requests nothing, changes nothing and says so', async () => {
    const { lib, api, caseId, site } = await capturedSite();
    const before = site.requests.length;
    const report = await runLinkCheck(lib, caseId, { isOnline: () => false });
    expect(report).toMatchObject({ offline: true, results: [] });
    expect(report.message).toBe('This computer appears to be offline, so none of the 6 web addresses was checked. Nothing was changed.');
    expect(site.requests.length).toBe(before);
    expect(await api['links:status']({ caseId })).toEqual([]);
    expect(formatLinkReport(report)).toBe(report.message);
  });
});

describe('the scheduled link check', () => {
  it('is off by default, runs when turned on and due, and waits for its interval', async () => {
    const { LinkWatch } = await import('../../../src/core/links/link-watch');
    let now = new Date('2026-03-01T09:00:00Z');
    const lib = await CaseLibrary.create(path.join(await tempDir(), 'library'), 'Watched', { ...fixedDeps(), now: () => now });
    const api = createClient((name, payload) => dispatch(createHandlers(lib), name, payload));
    const checks: string[] = [];
    const ticks: (() => void)[] = [];
    const watch = new LinkWatch(lib, async (l) => {
      checks.push(l.now().toISOString());
      return runLinkCheck(l, undefined, { isOnline: () => true });
    }, {
      setInterval: (fn) => ticks.push(fn),
      clearInterval: () => undefined,
    });
    watch.start();
    expect(ticks).toHaveLength(1);
    await watch.tick();
    expect(checks).toEqual([]); // off by default

    await api['library:updateSettings']({ linkWatch: { enabled: true, intervalHours: 24 } });
    await watch.tick();
    expect(checks).toEqual(['2026-03-01T09:00:00.000Z']);
    now = new Date('2026-03-01T20:00:00Z');
    await watch.tick();
    expect(checks).toHaveLength(1); // not yet due
    now = new Date('2026-03-02T09:00:01Z');
    await watch.tick();
    expect(checks).toHaveLength(2);

    await api['library:updateSettings']({ linkWatch: null });
    now = new Date('2026-03-09T09:00:00Z');
    await watch.tick();
    expect(checks).toHaveLength(2);
    await watch.stop();
    await lib.close();
  });
});
