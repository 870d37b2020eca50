/*
 * Web capture: a page fetched and kept as evidence. The HTML is stored as an attachment like any other
 * file (content-addressed, hashed, text extracted for search), with the capture's facts on the attachment:
 * when (UTC), the address asked for and the one that answered after redirects, each redirect, the HTTP
 * status, the declared content type, and archive.org's lookup address for the page.
 *
 * The only code in Casefolio that touches the network, and only when a person asks for a capture. Nothing
 * is written until the whole response is in memory and within limits (time, size, redirects): offline, or
 * on any network error, the caller gets one clear sentence and the library is untouched.
 *
 * In the desktop app the window also renders the page to PDF (Electron's webContents.printToPDF, on the
 * desktop side); `attachRendering` stores those bytes beside the HTML capture they render.
 */
import { Attachment, CaptureInfo, HttpUrl, SourceRecord } from '../../shared/domain';
import { ApiError } from '../../shared/errors';
import type { CaseLibrary } from '../case-library';
import { attachStoredFile, discardUnusedFile, storeFile } from '../services/attachments';
import { findRecord, SOURCE_KIND } from '../services/records';
import { plain } from '../storage/copy-on-write';
import { decodeText, documentTitle } from './html-text';

/** WACZ has no registered media type; this is the one its specification and replay tools use. */
export const WACZ_MEDIA_TYPE = 'application/wacz';

export interface CaptureOptions {
  /** For the whole capture: every redirect and the full body. */
  timeoutMs?: number;
  maxBytes?: number;
  maxRedirects?: number;
  /** Keep a page the server answered with an error status (404, 500 …) rather than refusing it. */
  keepErrorPage?: boolean;
  fetch?: typeof fetch;
}

export const CAPTURE_DEFAULTS = { timeoutMs: 30_000, maxBytes: 50 * 1024 * 1024, maxRedirects: 10 } as const;
const USER_AGENT = 'Mozilla/5.0 (compatible; Casefolio evidence capture)';
const REQUEST_HEADERS = { 'user-agent': USER_AGENT, accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' };
const REDIRECT_BODY_BYTES = 256 * 1024;
const REDIRECTS = new Set([301, 302, 303, 307, 308]);

export type { FetchedPage, HttpExchange } from './fetched-page';
import type { FetchedPage, HttpExchange } from './fetched-page';

export function archiveLookupUrl(url: string): string {
  return `https://web.archive.org/web/*/${url}`;
}

function describeNetworkError(error: unknown, url: string, timeoutMs: number): string {
  const host = new URL(url).host;
  const name = (error as { name?: string })?.name;
  if (name === 'TimeoutError' || name === 'AbortError') return `${host} did not answer within ${Math.round(timeoutMs / 100) / 10} s; nothing was captured.`;
  const cause = (error as { cause?: { code?: string; message?: string } })?.cause;
  const code = cause?.code ?? (error as { code?: string })?.code;
  switch (code) {
    case 'ECONNREFUSED':
      return `${host} refused the connection; nothing was captured.`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `${host} could not be found: check the address, and that this computer is online. Nothing was captured.`;
    case 'ENETUNREACH':
    case 'EHOSTUNREACH':
      return `${host} cannot be reached: this computer appears to be offline. Nothing was captured.`;
    case 'ECONNRESET':
    case 'UND_ERR_SOCKET':
      return `${host} closed the connection before the page was received; nothing was captured.`;
    default:
      if (code && /CERT|SSL|TLS/.test(code)) return `${host}’s security certificate could not be verified (${code}); nothing was captured.`;
      return `${host} could not be reached (${code ?? cause?.message ?? (error instanceof Error ? error.message : String(error))}); nothing was captured.`;
  }
}

async function readCapped(response: Response, maxBytes: number, url: string): Promise<Uint8Array> {
  const declared = Number(response.headers.get('content-length'));
  const tooLarge = () => new ApiError('TOO_LARGE', `The page at ${url} is larger than ${Math.round(maxBytes / 2 ** 20)} MiB; nothing was captured.`);
  if (Number.isFinite(declared) && declared > maxBytes) {
    await response.body?.cancel().catch(() => undefined);
    throw tooLarge();
  }
  if (!response.body) return new Uint8Array(0);
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge();
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

/** Fetches a page, following redirects itself so each one is recorded. Writes nothing. */
export async function fetchPage(url: string, now: () => Date, options: CaptureOptions = {}): Promise<FetchedPage> {
  const requestedUrl = HttpUrl.parse(url);
  const timeoutMs = options.timeoutMs ?? CAPTURE_DEFAULTS.timeoutMs;
  const maxBytes = options.maxBytes ?? CAPTURE_DEFAULTS.maxBytes;
  const maxRedirects = options.maxRedirects ?? CAPTURE_DEFAULTS.maxRedirects;
  const doFetch = options.fetch ?? fetch;
  const signal = AbortSignal.timeout(timeoutMs);
  const redirects: FetchedPage['redirects'] = [];
  const exchanges: HttpExchange[] = [];
  let current = requestedUrl;
  try {
    for (;;) {
      const response = await doFetch(current, { redirect: 'manual', signal, headers: REQUEST_HEADERS });
      const exchange = (body: Uint8Array): HttpExchange => ({
        url: current,
        at: now().toISOString(),
        requestHeaders: Object.entries(REQUEST_HEADERS),
        status: response.status,
        statusText: response.statusText,
        responseHeaders: [...response.headers],
        body,
      });
      const location = response.headers.get('location');
      if (REDIRECTS.has(response.status) && location) {
        // A redirect's own body (usually a line of HTML) is kept for the web archive, within a small limit.
        exchanges.push(exchange(await readCapped(response, REDIRECT_BODY_BYTES, current).catch(() => new Uint8Array(0))));
        const next = new URL(location, current).href;
        if (!HttpUrl.safeParse(next).success) throw new ApiError('UNSUPPORTED', `${current} redirects to ${next.slice(0, 200)}, which is not a web address; nothing was captured.`);
        redirects.push({ url: current, status: response.status });
        if (redirects.length > maxRedirects) throw new ApiError('NETWORK_ERROR', `${requestedUrl} redirects more than ${maxRedirects} times; nothing was captured.`);
        current = next;
        continue;
      }
      const capturedAt = now().toISOString();
      if (response.status >= 400 && !options.keepErrorPage) {
        await response.body?.cancel().catch(() => undefined);
        const what = `${response.status}${response.statusText ? ` ${response.statusText}` : ''}`;
        throw new ApiError(
          response.status === 404 || response.status === 410 ? 'NOT_FOUND' : 'NETWORK_ERROR',
          `The server answered ${what} for ${current}; nothing was captured. To keep the error page as evidence, capture it with “keep error page”.`,
          { status: response.status, finalUrl: current },
        );
      }
      const bytes = await readCapped(response, maxBytes, current);
      const contentType = response.headers.get('content-type') ?? undefined;
      exchanges.push({ ...exchange(bytes), at: capturedAt });
      return { exchanges, requestedUrl, finalUrl: current, status: response.status, statusText: response.statusText, redirects, contentType, capturedAt, bytes };
    }
  } catch (error) {
    if (error instanceof ApiError) throw error;
    throw new ApiError('NETWORK_ERROR', describeNetworkError(error, current, timeoutMs));
  }
}

/** "www.example.org-news-item-42.html": a readable display name from the address; never a path. */
export function captureFileName(url: string, contentType: string | undefined): string {
  const u = new URL(url);
  const stem = `${u.hostname}${u.pathname}`.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/-+/g, '-').replace(/^-|-$/g, '').slice(0, 120) || 'page';
  const type = (contentType ?? 'text/html').split(';')[0].trim().toLowerCase();
  const ext = type === 'text/html' || type === 'application/xhtml+xml' ? '.html' : type === 'application/pdf' ? '.pdf' : type.startsWith('text/') ? '.txt' : '';
  return stem.endsWith(ext) ? stem : `${stem}${ext}`;
}

function pageTitle(bytes: Uint8Array): string | undefined {
  const html = decodeText(bytes.subarray(0, 256 * 1024), true);
  const raw = documentTitle(html);
  if (!raw) return undefined;
  const title = raw
    // eslint-disable-next-line no-control-regex -- control characters are not allowed in titles
    .replace(/[\s\u0000-\u001f\u007f-\u009f]+/g, ' ')
    .trim();
  return title ? title.slice(0, 500) : undefined;
}

export interface CaptureRequest {
  url: string;
  /** Attach the capture to this source; without it, a new web-page source is made from the page. */
  sourceId?: string;
}

export interface CaptureResult {
  source: SourceRecord;
  attachment: Attachment;
  /** The WACZ web archive of the capture, stored beside the page. */
  webArchive: Attachment;
}

export async function captureUrl(lib: CaseLibrary, caseKey: string, request: CaptureRequest, options: CaptureOptions = {}): Promise<CaptureResult> {
  const caseId = lib.requireCase(caseKey).case.id;
  if (request.sourceId) findRecord(lib.requireCase(caseId), SOURCE_KIND, request.sourceId);
  const page = await fetchPage(request.url, lib.now, options);
  const capture = CaptureInfo.parse({
    capturedAt: page.capturedAt,
    requestedUrl: page.requestedUrl,
    finalUrl: page.finalUrl,
    status: page.status,
    ...(page.redirects.length ? { redirects: page.redirects } : {}),
    ...(page.contentType ? { contentType: page.contentType.slice(0, 300) } : {}),
    archiveLookupUrl: archiveLookupUrl(page.requestedUrl),
  });
  const fileName = captureFileName(page.finalUrl, page.contentType);
  const title = pageTitle(page.bytes);
  // Loaded when a capture is made, not by every command that touches the library.
  const { captureWacz } = await import('./web-archive');
  const wacz = await captureWacz(page, title);
  const stored = await storeFile(lib, caseId, { fileName, bytes: page.bytes, mediaType: page.contentType?.split(';')[0].trim() });
  const archived = await storeFile(lib, caseId, { fileName: `${fileName.replace(/\.[a-z]+$/, '')}.wacz`, bytes: wacz, mediaType: WACZ_MEDIA_TYPE });
  try {
    return await lib.mutate(`Capture ${page.finalUrl}`, (draft) => {
      const file = draft.case(caseId);
      let source: SourceRecord;
      if (request.sourceId) source = findRecord(file, SOURCE_KIND, request.sourceId);
      else {
        source = SourceRecord.parse({
          id: lib.newId('src'),
          createdAt: draft.now,
          updatedAt: draft.now,
          kind: 'web-page',
          title: title ?? page.finalUrl.slice(0, 500),
          url: page.finalUrl,
          accessedDate: { value: page.capturedAt.slice(0, 10) },
        });
        file.sources.push(source);
      }
      const attachment = attachStoredFile(lib, draft, stored, source.id, capture);
      const webArchive = attachStoredFile(lib, draft, { ...archived, mediaType: WACZ_MEDIA_TYPE }, source.id, { ...capture, webArchiveOf: attachment.id });
      return { source: structuredClone(plain(findRecord(file, SOURCE_KIND, source.id))), attachment, webArchive };
    });
  } catch (error) {
    await discardUnusedFile(lib, stored);
    await discardUnusedFile(lib, archived);
    throw error;
  }
}

export interface RenderingInput {
  /** The HTML capture this PDF renders. */
  attachmentId: string;
  pdfBytes: Uint8Array;
  /** When the window loaded the page it printed, if not at the HTML capture's moment. */
  capturedAt?: string;
  finalUrl?: string;
  status?: number;
}

/** Stores a PDF rendering of a captured page (made by the desktop window) beside its HTML capture. */
export async function attachRendering(lib: CaseLibrary, caseKey: string, sourceId: string, input: RenderingInput): Promise<Attachment> {
  const file = lib.requireCase(caseKey);
  const source = findRecord(file, SOURCE_KIND, sourceId);
  const html = source.attachments.find((a) => a.id === input.attachmentId);
  if (!html?.capture) throw new ApiError('NOT_FOUND', `The source “${source.title}” has no web capture ${input.attachmentId} for a rendering to go with.`);
  if (Buffer.from(input.pdfBytes.subarray(0, 5)).toString('latin1') !== '%PDF-') throw new ApiError('INVALID_INPUT', 'A rendering must be a PDF file.');
  const capture = CaptureInfo.parse({
    ...html.capture,
    ...(input.capturedAt ? { capturedAt: input.capturedAt } : {}),
    ...(input.finalUrl ? { finalUrl: input.finalUrl } : {}),
    ...(input.status ? { status: input.status } : {}),
    renderingOf: html.id,
  });
  const stem = html.fileName.replace(/\.x?html?$/i, '');
  const stored = await storeFile(lib, file.case.id, { fileName: `${stem}.pdf`, bytes: input.pdfBytes, mediaType: 'application/pdf' });
  try {
    return await lib.mutate(`Attach rendering “${stored.fileName}”`, (draft) => attachStoredFile(lib, draft, stored, sourceId, capture));
  } catch (error) {
    await discardUnusedFile(lib, stored);
    throw error;
  }
}
