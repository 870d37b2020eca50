/*
 * Link watching: is each source's web address still there, still where it was, and still what was captured?
 *
 * Politeness is built in, because a check may touch hundreds of addresses on a few sites: a site's robots.txt
 * is read first and obeyed (for Casefolio's user agent; its Crawl-delay lengthens the wait), requests to one site
 * go one at a time with a delay between them, and at most a few sites are visited at once. Offline, nothing is
 * requested and the report says so. Nothing here writes to the library; link-status.ts keeps the results.
 */
import { createHash } from 'node:crypto';
import os from 'node:os';
import robotsParser from 'robots-parser';
import type { CaseFile, SourceRecord } from '../../shared/domain';
import { ApiError } from '../../shared/errors';
import { fetchPage } from '../evidence/capture';
import type { LinkReport, LinkResult, LinkVerdict } from '../../shared/links';

export interface LinkCheckOptions {
  now: () => Date;
  fetch?: typeof fetch;
  /** Wait between two requests to the same site (robots.txt's Crawl-delay may ask for more). */
  perHostDelayMs?: number;
  /** Sites visited at once. */
  parallelHosts?: number;
  timeoutMs?: number;
  maxBytes?: number;
  /** Whether the computer has a network; by default, whether any network interface other than loopback is up. */
  isOnline?: () => boolean;
  /** Waits `ms` (tests pass one that records instead of sleeping). */
  sleep?: (ms: number) => Promise<void>;
}

export const LINK_CHECK_DEFAULTS = { perHostDelayMs: 2000, parallelHosts: 4, timeoutMs: 20_000, maxBytes: 20 * 1024 * 1024 } as const;
const USER_AGENT = 'Casefolio';
const MAX_CRAWL_DELAY_MS = 60_000;

export function hasNetwork(): boolean {
  return Object.values(os.networkInterfaces()).some((addresses) => addresses?.some((a) => !a.internal));
}

interface Target {
  caseId: string;
  source: SourceRecord;
  url: string;
}

/** The sources with a web address, in case order. */
export function linkTargets(cases: readonly CaseFile[]): Target[] {
  return cases.flatMap((c) => c.sources.filter((s) => !s.deletedAt && s.url).map((source) => ({ caseId: c.case.id, source, url: source.url! })));
}

export async function checkLinks(cases: readonly CaseFile[], options: LinkCheckOptions): Promise<LinkReport> {
  const checkedAt = options.now().toISOString();
  const targets = linkTargets(cases);
  if (!(options.isOnline ?? hasNetwork)()) {
    return { checkedAt, offline: true, message: `This computer appears to be offline, so none of the ${targets.length} web addresses was checked. Nothing was changed.`, results: [] };
  }
  const byHost = new Map<string, Target[]>();
  for (const t of targets) {
    const origin = new URL(t.url).origin;
    byHost.set(origin, [...(byHost.get(origin) ?? []), t]);
  }
  const results = new Map<Target, LinkResult>();
  const queue = [...byHost];
  const worker = async () => {
    for (let next = queue.shift(); next; next = queue.shift()) {
      const [origin, list] = next;
      for (const [t, r] of await checkHost(origin, list, options)) results.set(t, r);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.parallelHosts ?? LINK_CHECK_DEFAULTS.parallelHosts) }, worker));
  const ordered = targets.map((t) => results.get(t)!);
  const count = (v: LinkVerdict) => ordered.filter((r) => r.verdict === v).length;
  const message = `Checked ${ordered.length} web addresses: ${count('ok')} unchanged, ${count('moved')} moved, ${count('changed')} changed, ${count('gone')} gone, ${count('failed')} failed, ${count('skipped')} not checked (robots.txt).`;
  return { checkedAt, offline: false, message, results: ordered };
}

async function checkHost(origin: string, targets: Target[], options: LinkCheckOptions): Promise<[Target, LinkResult][]> {
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const robots = await readRobots(origin, options);
  const crawlDelay = Math.min(MAX_CRAWL_DELAY_MS, (robots?.getCrawlDelay(USER_AGENT) ?? 0) * 1000);
  const delay = Math.max(options.perHostDelayMs ?? LINK_CHECK_DEFAULTS.perHostDelayMs, crawlDelay);
  const out: [Target, LinkResult][] = [];
  let requested = true; // robots.txt was the first request to this site
  for (const target of targets) {
    const base = { caseId: target.caseId, sourceId: target.source.id, sourceTitle: target.source.title, url: target.url, checkedAt: options.now().toISOString() };
    if (robots && robots.isAllowed(target.url, USER_AGENT) === false) {
      out.push([target, { ...base, verdict: 'skipped', message: `Not checked: ${origin}/robots.txt asks programs not to fetch this address.` }]);
      continue;
    }
    if (requested && delay > 0) await sleep(delay);
    requested = true;
    out.push([target, await checkOne(target, base, options)]);
  }
  return out;
}

type RobotsRules = ReturnType<typeof robotsParser>;

/** The site's robots rules; undefined when it has none (or they cannot be read: then everything is allowed). */
async function readRobots(origin: string, options: LinkCheckOptions): Promise<RobotsRules | undefined> {
  const url = `${origin}/robots.txt`;
  try {
    const page = await fetchPage(url, options.now, { keepErrorPage: true, fetch: options.fetch, timeoutMs: options.timeoutMs ?? LINK_CHECK_DEFAULTS.timeoutMs, maxBytes: 512 * 1024 });
    // A missing robots.txt allows everything; RFC 9309 treats 5xx as "disallow all", which robots-parser cannot say.
    if (page.status >= 500) return robotsParser(url, 'User-agent: *\nDisallow: /\n');
    return page.status >= 400 ? robotsParser(url, '') : robotsParser(page.finalUrl, Buffer.from(page.bytes).toString('utf8'));
  } catch {
    return robotsParser(url, '');
  }
}

const sameAddress = (a: string, b: string) => {
  try {
    return new URL(a).href === new URL(b).href;
  } catch {
    return a === b;
  }
};

/** The newest capture of the source's address (not a rendering or a web archive), to compare with. */
function latestCapture(source: SourceRecord, url: string) {
  return source.attachments
    .filter((a) => a.capture && !a.capture.renderingOf && !a.capture.webArchiveOf && (sameAddress(a.capture.requestedUrl, url) || sameAddress(a.capture.finalUrl, url)))
    .sort((a, b) => (a.capture!.capturedAt < b.capture!.capturedAt ? 1 : -1))[0];
}

async function checkOne(target: Target, base: Omit<LinkResult, 'verdict' | 'message'>, options: LinkCheckOptions): Promise<LinkResult> {
  let page;
  try {
    page = await fetchPage(target.url, options.now, {
      keepErrorPage: true,
      fetch: options.fetch,
      timeoutMs: options.timeoutMs ?? LINK_CHECK_DEFAULTS.timeoutMs,
      maxBytes: options.maxBytes ?? LINK_CHECK_DEFAULTS.maxBytes,
    });
  } catch (error) {
    const why = error instanceof ApiError ? error.message.replace(/;? ?nothing was captured\.?$/i, '.') : String(error);
    return { ...base, verdict: 'failed', message: why };
  }
  const sha256 = createHash('sha256').update(page.bytes).digest('hex');
  const found = { status: page.status, finalUrl: page.finalUrl, sha256 };
  if (page.status === 404 || page.status === 410) return { ...base, ...found, verdict: 'gone', message: `Gone: the site answers ${page.status}${page.statusText ? ` ${page.statusText}` : ''}.` };
  if (page.status >= 400) return { ...base, ...found, verdict: 'failed', message: `The site answers ${page.status}${page.statusText ? ` ${page.statusText}` : ''}.` };
  const capture = latestCapture(target.source, target.url);
  const comparedWith = capture ? { attachmentId: capture.id, sha256: capture.sha256, capturedAt: capture.capture!.capturedAt } : undefined;
  const changed = capture ? capture.sha256 !== sha256 : false;
  const since = capture ? ` since the capture of ${capture.capture!.capturedAt.slice(0, 10)}` : '';
  if (!sameAddress(page.finalUrl, target.url)) {
    return { ...base, ...found, comparedWith, verdict: 'moved', message: `Moved: the address now leads to ${page.finalUrl}${changed ? `, and the page there differs from the one captured${since}` : ''}.` };
  }
  if (changed) return { ...base, ...found, comparedWith, verdict: 'changed', message: `Changed${since}: the page is there, but its content differs from the capture.` };
  return { ...base, ...found, comparedWith, verdict: 'ok', message: capture ? `Unchanged${since}.` : 'There, and answering; no capture to compare its content with.' };
}
