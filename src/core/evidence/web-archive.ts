/*
 * A web capture as a web archive, so that it opens in standard replay tools (ReplayWeb.page, pywb) and can be
 * handed to web archivists: WARC records written by warcio (the Webrecorder project's library) and bundled as
 * a WACZ file (Web Archive Collection Zipped, 1.1.1): the WARC, a CDXJ index made by warcio's indexer, a pages
 * list and a datapackage.json with the SHA-256 of each part. warcio has no WACZ writer of its own; the zip is
 * written with yazl, as the WACZ specification lays it out.
 *
 * Records, per HTTP exchange (each redirect, then the page): a request record with the headers Casefolio sent
 * and a response record with the status line, headers and body; then one metadata record saying which address
 * was asked for, where it ended and the redirect chain. Node's fetch hands over bodies already decompressed,
 * so a response's Content-Encoding is kept under another name (X-Casefolio-Original-Content-Encoding), its
 * Transfer-Encoding dropped and its Content-Length set to the body stored: the record then says what it holds.
 */
import { createHash } from 'node:crypto';
import yazl from 'yazl';
import { CDXIndexer, WARCRecord, WARCSerializer } from 'warcio';
import type { FetchedPage, HttpExchange } from './fetched-page';

const WARC_VERSION = 'WARC/1.1';
const WARC_NAME = 'data.warc.gz';

/** Headers as stored: what the body now is, not how it travelled. */
function storedResponseHeaders(exchange: HttpExchange): [string, string][] {
  const out: [string, string][] = [];
  for (const [name, value] of exchange.responseHeaders) {
    const lower = name.toLowerCase();
    if (lower === 'transfer-encoding' || lower === 'content-length') continue;
    out.push(lower === 'content-encoding' ? ['X-Casefolio-Original-Content-Encoding', value] : [name, value]);
  }
  out.push(['Content-Length', String(exchange.body.length)]);
  return out;
}

const requestPath = (url: string) => {
  const u = new URL(url);
  return `${u.pathname}${u.search}`;
};

async function serialize(record: WARCRecord): Promise<Uint8Array> {
  return WARCSerializer.serialize(record, { gzip: true });
}

/** The capture's WARC records, each gzipped on its own (so an index can point into the file). */
export async function captureWarc(page: FetchedPage): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  const info = WARCRecord.createWARCInfo({ filename: WARC_NAME, warcVersion: WARC_VERSION }, { software: 'Casefolio evidence capture', format: 'WARC File Format 1.1' });
  parts.push(await serialize(info));
  for (const exchange of page.exchanges) {
    const date = exchange.at;
    const response = WARCRecord.create(
      { url: exchange.url, date, type: 'response', warcVersion: WARC_VERSION, statusline: `HTTP/1.1 ${exchange.status} ${exchange.statusText}`.trimEnd(), httpHeaders: storedResponseHeaders(exchange) },
      [exchange.body],
    );
    const responseId = response.warcHeaders.headers.get('WARC-Record-ID') ?? undefined;
    const host = new URL(exchange.url).host;
    const request = WARCRecord.create(
      {
        url: exchange.url,
        date,
        type: 'request',
        warcVersion: WARC_VERSION,
        statusline: `GET ${requestPath(exchange.url)} HTTP/1.1`,
        httpHeaders: [['Host', host], ...exchange.requestHeaders],
        warcHeaders: responseId ? { 'WARC-Concurrent-To': responseId } : {},
      },
      [],
    );
    parts.push(await serialize(response), await serialize(request));
  }
  const fields = [
    `requested-url: ${page.requestedUrl}`,
    `final-url: ${page.finalUrl}`,
    `final-status: ${page.status}`,
    ...page.redirects.map((r, i) => `redirect: ${r.status} ${r.url} -> ${page.redirects[i + 1]?.url ?? page.finalUrl}`),
    `captured-at: ${page.capturedAt}`,
  ];
  const metadata = WARCRecord.create(
    { url: page.requestedUrl, date: page.capturedAt, type: 'metadata', warcVersion: WARC_VERSION, warcHeaders: { 'Content-Type': 'application/warc-fields' } },
    [Buffer.from(`${fields.join('\r\n')}\r\n`, 'utf8')],
  );
  parts.push(await serialize(metadata));
  return Buffer.concat(parts);
}

const sha256 = (bytes: Uint8Array) => `sha256:${createHash('sha256').update(bytes).digest('hex')}`;

/** A WACZ file holding the capture's WARC, its index, its one page and the package description. */
export async function captureWacz(page: FetchedPage, title: string | undefined): Promise<Uint8Array> {
  const warc = await captureWarc(page);
  const indexer = new CDXIndexer({ format: 'cdxj' });
  const lines: string[] = [];
  for await (const entry of indexer.iterIndex([{ filename: WARC_NAME, reader: (async function* () { yield warc; })() }])) lines.push(indexer.serializeCDXJ(entry));
  const cdx = Buffer.from(lines.sort().join(''), 'utf8');
  const pages = Buffer.from(
    [{ format: 'json-pages-1.0', id: 'pages', title: 'All Pages' }, { id: createHash('sha256').update(page.requestedUrl).digest('hex').slice(0, 32), url: page.finalUrl, ts: page.capturedAt, ...(title ? { title } : {}) }]
      .map((line) => JSON.stringify(line))
      .join('\n') + '\n',
    'utf8',
  );
  const files: [string, Uint8Array][] = [
    [`archive/${WARC_NAME}`, warc],
    ['indexes/index.cdx', cdx],
    ['pages/pages.jsonl', pages],
  ];
  const datapackage = Buffer.from(
    JSON.stringify(
      {
        profile: 'data-package',
        wacz_version: '1.1.1',
        title: title ?? page.finalUrl,
        created: page.capturedAt,
        software: 'Casefolio evidence capture',
        mainPageUrl: page.finalUrl,
        mainPageDate: page.capturedAt,
        resources: files.map(([path, bytes]) => ({ name: path.split('/').pop(), path, hash: sha256(bytes), bytes: bytes.length })),
      },
      null,
      2,
    ),
    'utf8',
  );
  const digest = Buffer.from(JSON.stringify({ path: 'datapackage.json', hash: sha256(datapackage) }, null, 2), 'utf8');
  return zipInMemory([...files, ['datapackage.json', datapackage], ['datapackage-digest.json', digest]], new Date(page.capturedAt));
}

/** A zip of small files, built in memory; entries are stored, not deflated, as WACZ asks (the WARC is gzipped already). */
function zipInMemory(files: [string, Uint8Array][], mtime: Date): Promise<Uint8Array> {
  const zip = new yazl.ZipFile();
  for (const [name, bytes] of files) zip.addBuffer(Buffer.from(bytes), name, { compress: false, mtime });
  zip.end();
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    zip.outputStream.on('data', (c: Buffer) => chunks.push(c));
    zip.outputStream.on('end', () => resolve(Buffer.concat(chunks)));
    zip.outputStream.on('error', reject);
  });
}
