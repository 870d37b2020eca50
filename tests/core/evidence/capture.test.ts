import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { captureUrl } from '../../../src/core/evidence/capture';
import { readCachedText } from '../../../src/core/storage/text-cache';
import { sha256Hex } from '../../../src/core/services/attachments';
import { pdfWithPages } from '../../helpers/pdf-fixtures';
import { tempLibrary } from '../../helpers/temp-library';
import { listTree } from '../../helpers/tree';

const PAGE = `<!doctype html><html><head><meta charset="utf-8"><title>Met officer dismissed &amp; barred</title></head>
<body><article><h1>Met officer dismissed</h1><p>The panel found gross misconduct proven.</p></article></body></html>`;

interface Loopback {
  url: (p: string) => string;
  close: () => Promise<void>;
}

const servers: Loopback[] = [];
afterEach(async () => {
  while (servers.length) await servers.pop()!.close();
});

/** A web server on 127.0.0.1 with the pages a capture meets: redirects, a 404, a page that never answers. */
async function loopbackServer(): Promise<Loopback> {
  const sockets = new Set<Socket>();
  const routes: Record<string, (res: ServerResponse) => void> = {
    '/page': (res) => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(PAGE),
    '/old': (res) => res.writeHead(301, { location: '/moved' }).end(),
    '/moved': (res) => res.writeHead(302, { location: `/page` }).end(),
    '/missing': (res) => res.writeHead(404, { 'content-type': 'text/html' }).end('<html><title>Not found</title><p>This page has been removed.</p></html>'),
    '/loop': (res) => res.writeHead(302, { location: '/loop' }).end(),
    '/huge': (res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end(Buffer.alloc(300 * 1024, 0x61));
    },
    '/hang': () => undefined, // accepts the request and never answers
  };
  const server: Server = createServer((req, res) => (routes[req.url ?? ''] ?? ((r: ServerResponse) => r.writeHead(500).end()))(res));
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const loopback = {
    url: (p: string) => `http://127.0.0.1:${port}${p}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
  servers.push(loopback);
  return loopback;
}

async function setup() {
  const t = await tempLibrary();
  await t.api['library:updateSettings']({ userName: 'Capture tester' });
  const c = await t.api['cases:create']({ fields: { title: 'Misconduct hearings' } });
  return { ...t, caseId: c.id };
}

describe('capturing a web page', () => {
  it('stores the HTML, the capture time, the final address after redirects, the status and the hash', async () => {
    const { api, dir, caseId } = await setup();
    const web = await loopbackServer();
    const { source, attachment, webArchive } = await api['capture:url']({ caseId, url: web.url('/old') });

    expect(source).toMatchObject({ kind: 'web-page', title: 'Met officer dismissed & barred', url: web.url('/page') });
    expect(source.accessedDate?.value).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(attachment).toMatchObject({ mediaType: 'text/html', fileName: '127.0.0.1-page.html', size: Buffer.byteLength(PAGE), sha256: sha256Hex(Buffer.from(PAGE)) });
    expect(attachment.capture).toEqual({
      capturedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/),
      requestedUrl: web.url('/old'),
      finalUrl: web.url('/page'),
      status: 200,
      redirects: [
        { url: web.url('/old'), status: 301 },
        { url: web.url('/moved'), status: 302 },
      ],
      contentType: 'text/html; charset=utf-8',
      archiveLookupUrl: `https://web.archive.org/web/*/${web.url('/old')}`,
    });
    // The stored bytes are exactly what the server sent, named by their hash.
    expect(await readFile(path.join(dir, 'cases', caseId, 'files', attachment.sha256), 'utf8')).toBe(PAGE);
    // Its text is ready for search, and its custody is journalled.
    expect((await readCachedText(dir, attachment.sha256))?.pages[0].text).toContain('gross misconduct proven');
    const journal = await api['journal:list']({ caseId, sourceId: source.id });
    expect(journal.entries).toEqual([
      expect.objectContaining({
        who: 'Capture tester',
        action: `Capture ${web.url('/page')}`,
        files: [expect.objectContaining({ op: 'attached', sha256: attachment.sha256 }), expect.objectContaining({ op: 'attached', sha256: webArchive!.sha256 })],
      }),
    ]);
    expect((await api['evidence:verify']({})).ok).toBe(true);
  });

  it('adds a capture to an existing source when one is named', async () => {
    const { api, caseId } = await setup();
    const web = await loopbackServer();
    const existing = await api['sources:create']({ caseId, fields: { title: 'Hearing outcome', kind: 'police-statement' } });
    const { source, attachment, webArchive } = await api['capture:url']({ caseId, url: web.url('/page'), sourceId: existing.id });
    expect(source.id).toBe(existing.id);
    expect(source.kind).toBe('police-statement');
    // The page, and beside it its web archive (see web-archive.test.ts).
    expect(source.attachments).toEqual([attachment, webArchive]);
    expect(webArchive).toMatchObject({ mediaType: 'application/wacz', fileName: '127.0.0.1-page.wacz', capture: { webArchiveOf: attachment.id } });
    expect(attachment.capture?.redirects).toBeUndefined();
  });

  for (const [what, pathOrUrl, code, message] of [
    ['a 404', '/missing', 'NOT_FOUND', /^The server answered 404 Not Found for http:\/\/127\.0\.0\.1:\d+\/missing; nothing was captured\./],
    ['a redirect loop', '/loop', 'NETWORK_ERROR', /redirects more than 10 times; nothing was captured\./],
    ['a page over the size limit', '/huge', 'TOO_LARGE', /is larger than/],
  ] as const) {
    it(`refuses ${what} with a clear message and writes nothing`, async () => {
      const { lib, dir, caseId } = await setup();
      const web = await loopbackServer();
      const before = await listTree(dir);
      await expect(captureUrl(lib, caseId, { url: web.url(pathOrUrl) }, { maxBytes: 100 * 1024 })).rejects.toMatchObject({ code, message: expect.stringMatching(message) });
      expect(await listTree(dir)).toEqual(before);
    });
  }

  it('keeps an error page as evidence when asked, with its status', async () => {
    const { api, caseId } = await setup();
    const web = await loopbackServer();
    const { attachment, source } = await api['capture:url']({ caseId, url: web.url('/missing'), keepErrorPage: true });
    expect(attachment.capture).toMatchObject({ status: 404, finalUrl: web.url('/missing') });
    expect(source.title).toBe('Not found');
  });

  it('says the server refused the connection, and writes nothing', async () => {
    const { api, dir, caseId } = await setup();
    const web = await loopbackServer();
    const refused = web.url('/page');
    await web.close();
    servers.pop();
    const before = await listTree(dir);
    await expect(api['capture:url']({ caseId, url: refused })).rejects.toMatchObject({
      code: 'NETWORK_ERROR',
      message: expect.stringMatching(/^127\.0\.0\.1:\d+ refused the connection; nothing was captured\.$/),
    });
    expect(await listTree(dir)).toEqual(before);
  });

  it('gives up on a server that never answers, and writes nothing', async () => {
    const { lib, dir, caseId } = await setup();
    const web = await loopbackServer();
    const before = await listTree(dir);
    await expect(captureUrl(lib, caseId, { url: web.url('/hang') }, { timeoutMs: 300 })).rejects.toMatchObject({
      code: 'NETWORK_ERROR',
      message: expect.stringMatching(/^127\.0\.0\.1:\d+ did not answer within 0\.3 s; nothing was captured\.$/),
    });
    expect(await listTree(dir)).toEqual(before);
  });

  it('says so plainly when the computer is offline or the name does not resolve, and writes nothing', async () => {
    const { lib, dir, caseId } = await setup();
    const before = await listTree(dir);
    for (const [code, message] of [
      ['ENOTFOUND', /^news\.example\.com could not be found: check the address, and that this computer is online\. Nothing was captured\.$/],
      ['ENETUNREACH', /^news\.example\.com cannot be reached: this computer appears to be offline\. Nothing was captured\.$/],
      ['CERT_HAS_EXPIRED', /security certificate could not be verified \(CERT_HAS_EXPIRED\)/],
    ] as const) {
      // What Node's fetch throws for these: a TypeError whose cause carries the system error code.
      const offline = (async () => {
        throw Object.assign(new TypeError('fetch failed'), { cause: Object.assign(new Error(code), { code }) });
      }) as typeof fetch;
      await expect(captureUrl(lib, caseId, { url: 'https://news.example.com/story' }, { fetch: offline })).rejects.toMatchObject({ code: 'NETWORK_ERROR', message: expect.stringMatching(message) });
    }
    expect(await listTree(dir)).toEqual(before);
  });

  it('stores the desktop’s PDF rendering of a captured page beside its HTML', async () => {
    const { api, caseId } = await setup();
    const web = await loopbackServer();
    const { source, attachment } = await api['capture:url']({ caseId, url: web.url('/page') });
    const pdf = await pdfWithPages(['Met officer dismissed']);
    const rendering = await api['capture:attachRendering']({ caseId, sourceId: source.id, attachmentId: attachment.id, contentBase64: Buffer.from(pdf).toString('base64') });
    expect(rendering).toMatchObject({ mediaType: 'application/pdf', fileName: '127.0.0.1-page.pdf', capture: { ...attachment.capture, renderingOf: attachment.id } });
    await expect(
      api['capture:attachRendering']({ caseId, sourceId: source.id, attachmentId: attachment.id, contentBase64: Buffer.from('<html>').toString('base64') }),
    ).rejects.toMatchObject({ code: 'INVALID_INPUT' });
  });
});
