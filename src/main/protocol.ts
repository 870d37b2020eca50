/*
 * The app protocol: the built renderer is served from casefolio://app/ out of the app's own files, with
 * the CSP as a response header. Registered as a standard, secure scheme so the page gets a real origin
 * (needed for the sender check and for 'self' in the CSP) without being a file:// page, which would
 * share an origin with every other local file.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Protocol } from 'electron';
import { staticHeaders, staticRelativePath } from '../shared/static-files';
import { APP_HOST, APP_SCHEME } from './security';

export function registerAppScheme(protocol: Pick<Protocol, 'registerSchemesAsPrivileged'>): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
  ]);
}

/** Answers one request for the app scheme from rootDir; anything outside it, or any other host, is 404. */
export async function serveAppRequest(request: Pick<Request, 'url' | 'method'>, rootDir: string, csp: string): Promise<Response> {
  const url = new URL(request.url);
  if (url.host !== APP_HOST || (request.method !== 'GET' && request.method !== 'HEAD')) return new Response('Not found', { status: 404 });
  const relative = staticRelativePath(url.pathname);
  if (!relative) return new Response('Not found', { status: 404 });
  const root = path.resolve(rootDir);
  const file = path.resolve(root, ...relative.split('/'));
  if (!file.startsWith(root + path.sep)) return new Response('Not found', { status: 404 });
  try {
    const body = await readFile(file);
    return new Response(request.method === 'HEAD' ? null : body, { status: 200, headers: staticHeaders(relative, csp) });
  } catch {
    return new Response('Not found', { status: 404 });
  }
}

export function handleAppProtocol(protocol: Pick<Protocol, 'handle'>, rootDir: string, csp: string): void {
  protocol.handle(APP_SCHEME, (request) => serveAppRequest(request, rootDir, csp));
}
