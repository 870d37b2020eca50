/*
 * The loopback bridge: the built renderer and the real contract over HTTP, on 127.0.0.1 only, so the
 * same app runs in a browser (and the end-to-end tests drive it there).
 *
 *   GET  /, /assets/…        the built renderer, with the same CSP headers as the Electron window
 *   POST /api/call/<name>    one contract call: JSON body in, a Result out, through `dispatch`
 *   GET  /api/events         the contract's events (progress…) as Server-Sent Events
 *   GET  /download/<ticket>  a dossier the page exported, once, by the one-time ticket dossier:open gave it
 * (paths, header names and event framing are declared once, in shared/api/bridge-wire.ts, for both sides)
 *
 * Every request must name this server in its Host header (127.0.0.1:PORT or localhost:PORT), which
 * defeats DNS rebinding; a request with a foreign Origin is refused. API requests must carry the per-run
 * token in a header, which the page gets from the URL the bridge prints (in its #fragment, so it is never
 * sent to any server or logged). No CORS headers are ever sent, so no other site can read an answer.
 */
import { readFile } from 'node:fs/promises';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { dispatch, type Handlers } from '../shared/api/dispatch';
import type { EventName, EventPayload, EventSink } from '../shared/api/events';
import { contentSecurityPolicy } from '../shared/csp';
import type { Result } from '../shared/errors';
import { staticHeaders, staticRelativePath } from '../shared/static-files';
import { TaskId } from '../shared/api/events';
import { addressWithToken, API_PREFIX, callNameOf, downloadTicketOf, EVENTS_PATH, eventFrame, TASK_HEADER, TOKEN_HEADER } from '../shared/api/bridge-wire';
import { hostAllowed, originAllowed, tokenMatches } from './security';
import type { Download } from './shell';

/** Large enough for the biggest attachment the contract accepts (64 MiB, as base64), and no larger. */
export const MAX_BODY_BYTES = 96 * 1024 * 1024;

/**
 * How long a client may take to send a request: its headers, then all of it (body included). A local
 * program that opens a connection and sends nothing, or half a body, is cut off instead of holding the
 * connection forever. The event stream is not affected: its request (a GET) is complete at once, and
 * these limits cover receiving a request, not answering it.
 */
export const DEFAULT_TIMEOUTS = { headersMs: 10_000, requestMs: 120_000 } as const;

export interface BridgeOptions {
  /** Overrides DEFAULT_TIMEOUTS (tests use short ones). */
  timeouts?: { headersMs: number; requestMs: number };
  handlers: () => Handlers;
  rendererDir: string;
  token: string;
  port?: number;
  /** Turns a one-time download ticket into the file it stands for. */
  redeem?: (ticket: string) => Download | undefined;
}

export interface Bridge {
  url: string;
  port: number;
  /** Delivers an event to every page listening on /api/events. */
  emit: EventSink;
  close(): Promise<void>;
}

const API_HEADERS = {
  'Content-Type': 'application/json; charset=utf-8',
  'Cache-Control': 'no-store',
  'X-Content-Type-Options': 'nosniff',
};

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, API_HEADERS).end(JSON.stringify(body));
}

function sendError(res: ServerResponse, status: number, code: string, message: string): void {
  sendJson(res, status, { ok: false, error: { code, message } });
}

class BodyTooLarge extends Error {}

async function readBody(req: IncomingMessage): Promise<string> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > MAX_BODY_BYTES) throw new BodyTooLarge();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new BodyTooLarge();
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export async function startBridge(options: BridgeOptions): Promise<Bridge> {
  const csp = contentSecurityPolicy();
  const listeners = new Set<ServerResponse>();
  let port = options.port ?? 0;

  const emit: EventSink = <K extends EventName>(name: K, payload: EventPayload<K>) => {
    const frame = eventFrame(name, payload);
    for (const res of listeners) res.write(frame);
  };

  async function serveStatic(req: IncomingMessage, res: ServerResponse, pathname: string): Promise<void> {
    const relative = staticRelativePath(pathname);
    const root = path.resolve(options.rendererDir);
    const file = relative ? path.resolve(root, ...relative.split('/')) : undefined;
    if (!relative || !file || !file.startsWith(root + path.sep)) return void res.writeHead(404, { 'Content-Type': 'text/plain' }).end('Not found');
    try {
      const body = await readFile(file);
      res.writeHead(200, staticHeaders(relative, csp)).end(req.method === 'HEAD' ? undefined : body);
    } catch {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('Not found');
    }
  }

  async function serveCall(req: IncomingMessage, res: ServerResponse, name: string): Promise<void> {
    if (!String(req.headers['content-type'] ?? '').startsWith('application/json')) {
      return sendError(res, 415, 'INVALID_INPUT', 'Send the call’s input as application/json.');
    }
    let payload: unknown;
    try {
      const text = await readBody(req);
      payload = text.length ? JSON.parse(text) : {};
    } catch (error) {
      if (error instanceof BodyTooLarge) return sendError(res, 413, 'TOO_LARGE', 'The request is too large.');
      return sendError(res, 400, 'INVALID_INPUT', 'The request body is not valid JSON.');
    }
    // A long call (dossier:export) reports progress as events, tagged with the task id the page chose.
    const task = TaskId.safeParse(req.headers[TASK_HEADER]);
    const progress = task.success ? (p: { phase: string; done: number; total: number }) => emit('progress', { taskId: task.data, ...p }) : undefined;
    const result: Result<unknown> = await dispatch(options.handlers(), name, payload, { progress });
    sendJson(res, 200, result);
  }

  async function serveDownload(res: ServerResponse, ticket: string): Promise<void> {
    const download = options.redeem?.(ticket);
    if (!download) return void res.writeHead(404, { 'Content-Type': 'text/plain' }).end('This download address has expired. Open the dossier again from Casefolio.');
    const body = await readFile(download.file);
    res
      .writeHead(200, {
        'Content-Type': 'application/pdf',
        'Content-Disposition': `inline; filename*=UTF-8''${encodeURIComponent(download.fileName)}`,
        'X-Content-Type-Options': 'nosniff',
        'Cache-Control': 'no-store',
      })
      .end(body);
  }

  function serveEvents(req: IncomingMessage, res: ServerResponse): void {
    res.writeHead(200, { 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' });
    res.write(': connected\n\n');
    listeners.add(res);
    req.on('close', () => listeners.delete(res));
  }

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!hostAllowed(req.headers.host, port)) return sendError(res, 421, 'FORBIDDEN', 'This server answers only as 127.0.0.1 or localhost.');
    if (!originAllowed(req.headers.origin, port)) return sendError(res, 403, 'FORBIDDEN', 'Requests from other sites are refused.');
    const { pathname } = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (pathname.startsWith(API_PREFIX)) {
      if (!tokenMatches(options.token, req.headers[TOKEN_HEADER])) return sendError(res, 401, 'FORBIDDEN', 'Missing or wrong token: open the address the bridge printed.');
      const call = callNameOf(pathname);
      if (call && req.method === 'POST') return serveCall(req, res, call);
      if (pathname === EVENTS_PATH && req.method === 'GET') return serveEvents(req, res);
      return sendError(res, 404, 'NOT_FOUND', 'No such API route.');
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return void res.writeHead(405, { Allow: 'GET, HEAD' }).end();
    const download = downloadTicketOf(pathname);
    if (download) return serveDownload(res, download);
    return serveStatic(req, res, pathname);
  }

  const timeouts = options.timeouts ?? DEFAULT_TIMEOUTS;
  const server = http.createServer(
    {
      headersTimeout: timeouts.headersMs,
      requestTimeout: timeouts.requestMs,
      // Node checks the two limits above on this interval (30 s by default, too coarse for a 10 s limit).
      connectionsCheckingInterval: Math.min(1000, Math.ceil(timeouts.headersMs / 4)),
    },
    (req, res) => {
      route(req, res).catch(() => {
        if (!res.headersSent) sendError(res, 500, 'INTERNAL', 'The bridge failed to answer.');
        else res.end();
      });
    },
  );
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;


  return {
    port,
    url: addressWithToken(`http://127.0.0.1:${port}`, options.token),
    emit,
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of listeners) res.end();
        listeners.clear();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
