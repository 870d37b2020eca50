/*
 * A capture also writes a web archive: a WACZ whose WARC records warcio reads back with the right headers and
 * payload digests, from a loopback server that redirects twice and sends its page gzip-compressed.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { WARCParser, type WARCRecord } from 'warcio';
import yauzl from 'yauzl';
import { afterEach, describe, expect, it } from 'vitest';
import { loopbackSite, type LoopbackSite } from '../../helpers/loopback';
import { tempLibrary } from '../../helpers/temp-library';

const PAGE = '<!doctype html><html><head><meta charset="utf-8"><title>Hearing outcome (fictional)</title></head><body><p>Gross misconduct proven.</p></body></html>';
let site: LoopbackSite | undefined;
afterEach(async () => site?.close());

/** Every entry of a zip held in memory. */
async function unzip(bytes: Buffer): Promise<Map<string, Buffer>> {
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) => yauzl.fromBuffer(bytes, { lazyEntries: true }, (e, z) => (e ? reject(e) : resolve(z))));
  const out = new Map<string, Buffer>();
  await new Promise<void>((resolve, reject) => {
    zip.on('entry', (entry: yauzl.Entry) =>
      zip.openReadStream(entry, (error, stream) => {
        if (error) return reject(error);
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          out.set(entry.fileName, Buffer.concat(chunks));
          zip.readEntry();
        });
      }),
    );
    zip.on('end', resolve);
    zip.readEntry();
  });
  return out;
}

const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

describe('web captures as web archives', () => {
  it('writes request, response and metadata records that warcio reads back, bundled as WACZ', async () => {
    site = await loopbackSite({
      '/old': (res) => res.writeHead(301, { location: '/moved', 'content-type': 'text/html' }).end('<a href="/moved">Moved</a>'),
      '/moved': (res) => res.writeHead(302, { location: '/page' }).end(),
      '/page': (res) => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-encoding': 'gzip', 'x-served-by': 'loopback' }).end(gzipSync(PAGE)),
    });
    const { api, dir } = await tempLibrary();
    const { id: caseId } = await api['cases:create']({ fields: { title: 'Misconduct hearings' } });
    const outcome = await api['capture:url']({ caseId, url: site.url('/old') });
    const wacz = outcome.webArchive!;
    expect(wacz).toMatchObject({ mediaType: 'application/wacz', capture: { webArchiveOf: outcome.attachment.id, finalUrl: site.url('/page') } });
    const bytes = await readFile(path.join(dir, 'cases', caseId, 'files', wacz.sha256));
    expect(sha256(bytes)).toBe(wacz.sha256);

    const entries = await unzip(bytes);
    expect([...entries.keys()].sort()).toEqual(['archive/data.warc.gz', 'datapackage-digest.json', 'datapackage.json', 'indexes/index.cdx', 'pages/pages.jsonl']);
    const datapackage = JSON.parse(entries.get('datapackage.json')!.toString('utf8'));
    for (const resource of datapackage.resources) expect(resource.hash, resource.path).toBe(`sha256:${sha256(entries.get(resource.path)!)}`);
    expect(JSON.parse(entries.get('datapackage-digest.json')!.toString()).hash).toBe(`sha256:${sha256(entries.get('datapackage.json')!)}`);
    expect(datapackage).toMatchObject({ wacz_version: '1.1.1', mainPageUrl: site.url('/page') });
    const pages = entries.get('pages/pages.jsonl')!.toString('utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(pages[1]).toMatchObject({ url: site.url('/page'), title: 'Hearing outcome (fictional)' });
    const cdx = entries.get('indexes/index.cdx')!.toString('utf8');
    expect(cdx).toContain(`"url":"${site.url('/page')}"`);
    expect(cdx).toContain('"status":"301"');

    const records: { record: WARCRecord; payload: Uint8Array }[] = [];
    for await (const record of WARCParser.iterRecords([entries.get('archive/data.warc.gz')!])) records.push({ record, payload: await record.readFully(false) });
    expect(records.map(({ record }) => `${record.warcType} ${record.warcTargetURI ?? ''}`.trim())).toEqual([
      'warcinfo',
      `response ${site.url('/old')}`,
      `request ${site.url('/old')}`,
      `response ${site.url('/moved')}`,
      `request ${site.url('/moved')}`,
      `response ${site.url('/page')}`,
      `request ${site.url('/page')}`,
      `metadata ${site.url('/old')}`,
    ]);
    const [, first, firstRequest, , , page, pageRequest, metadata] = records;
    expect(first.record.httpHeaders?.statusCode).toBe(301);
    expect(first.record.httpHeaders?.headers.get('location')).toBe('/moved');
    expect(Buffer.from(first.payload).toString()).toBe('<a href="/moved">Moved</a>');
    expect(firstRequest.record.httpHeaders?.headers.get('user-agent')).toMatch(/Casefolio/);
    expect(firstRequest.record.warcHeader('WARC-Concurrent-To')).toBe(first.record.warcHeader('WARC-Record-ID'));

    // The page as the server meant it: the decompressed HTML, its digest, its headers (the encoding renamed).
    expect(page.record.httpHeaders?.statusCode).toBe(200);
    expect(Buffer.from(page.payload).toString('utf8')).toBe(PAGE);
    expect(page.record.warcPayloadDigest).toBe(`sha256:${sha256(Buffer.from(PAGE))}`);
    expect(page.record.warcPayloadDigest).toBe(`sha256:${outcome.attachment.sha256}`);
    expect(page.record.httpHeaders?.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.record.httpHeaders?.headers.get('x-served-by')).toBe('loopback');
    expect(page.record.httpHeaders?.headers.get('content-encoding')).toBeNull();
    expect(page.record.httpHeaders?.headers.get('x-casefolio-original-content-encoding')).toBe('gzip');
    expect(page.record.httpHeaders?.headers.get('content-length')).toBe(String(Buffer.byteLength(PAGE)));
    expect(pageRequest.record.httpHeaders?.headers.get('host')).toBe(site.host);
    // The block digest covers the HTTP headers and the payload, as stored.
    for (const { record } of records.slice(1)) expect(record.warcBlockDigest).toMatch(/^sha256:[0-9a-f]{64}$/);

    const fields = Buffer.from(metadata.payload).toString('utf8');
    expect(metadata.record.warcContentType).toBe('application/warc-fields');
    expect(fields).toContain(`final-url: ${site.url('/page')}`);
    expect(fields).toContain(`redirect: 301 ${site.url('/old')} -> ${site.url('/moved')}`);
    expect(fields).toContain(`redirect: 302 ${site.url('/moved')} -> ${site.url('/page')}`);

    // The archive is evidence like any other file: verified, and left out of dossiers (the page stands for it).
    expect((await api['evidence:verify']({})).ok).toBe(true);
  });
});
