import { mkdir, writeFile } from 'node:fs/promises';
import http from 'node:http';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startBridge, type Bridge } from '../../src/bridge/server';
import { contentSecurityPolicy } from '../../src/shared/csp';
import { tempDir, tempLibrary } from '../helpers/temp-library';

const TOKEN = 'test-token-0123456789';
let bridge: Bridge | undefined;
afterEach(async () => {
  await bridge?.close();
  bridge = undefined;
});

async function start() {
  const { handlers, api } = await tempLibrary();
  const rendererDir = path.join(await tempDir(), 'renderer');
  await mkdir(path.join(rendererDir, 'assets'), { recursive: true });
  await writeFile(path.join(rendererDir, 'index.html'), '<!doctype html><title>Casefolio</title>');
  await writeFile(path.join(rendererDir, 'assets', 'app.js'), 'export {}');
  bridge = await startBridge({ handlers: () => handlers, rendererDir, token: TOKEN, port: 0 });
  return { api, port: bridge.port };
}

interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** Raw HTTP, so the test controls the Host header (fetch does not let it be set). */
function request(port: number, options: { method?: string; path: string; headers?: Record<string, string>; body?: string }): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method: options.method ?? 'GET', path: options.path, headers: { Host: `127.0.0.1:${port}`, ...options.headers } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

const call = (port: number, name: string, input: unknown, headers: Record<string, string> = {}) =>
  request(port, { method: 'POST', path: `/api/call/${name}`, headers: { 'Content-Type': 'application/json', 'X-Casefolio-Token': TOKEN, ...headers }, body: JSON.stringify(input) });

describe('the loopback bridge', () => {
  it('prints an address on 127.0.0.1 carrying the token in its fragment', async () => {
    const { port } = await start();
    expect(bridge!.url).toBe(`http://127.0.0.1:${port}/#token=${TOKEN}`);
  });

  it('serves the real contract to a request with the token', async () => {
    const { port, api } = await start();
    await api['cases:create']({ fields: { title: 'Child Q' } });
    const reply = await call(port, 'cases:list', {});
    expect(reply.status).toBe(200);
    expect(JSON.parse(reply.body)).toMatchObject({ ok: true, value: [{ title: 'Child Q', slug: 'child-q' }] });
  });

  it('validates input and returns errors as values', async () => {
    const { port } = await start();
    expect(JSON.parse((await call(port, 'cases:create', { fields: { title: '' } })).body)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(JSON.parse((await call(port, 'cases:get', { caseId: 'nope' })).body)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('answers 401 to an API request without the token, or with a wrong one', async () => {
    const { port } = await start();
    expect((await call(port, 'cases:list', {}, { 'X-Casefolio-Token': '' })).status).toBe(401);
    expect((await call(port, 'cases:list', {}, { 'X-Casefolio-Token': 'test-token-0123456788' })).status).toBe(401);
    expect((await request(port, { path: '/api/events' })).status).toBe(401);
  });

  it('refuses a Host header that is not its own loopback address (DNS rebinding)', async () => {
    const { port } = await start();
    expect((await call(port, 'cases:list', {}, { Host: `evil.example:${port}` })).status).toBe(421);
    expect((await request(port, { path: '/', headers: { Host: `evil.example:${port}` } })).status).toBe(421);
    expect((await request(port, { path: '/', headers: { Host: `127.0.0.1:${port + 1}` } })).status).toBe(421);
    expect((await request(port, { path: '/', headers: { Host: `localhost:${port}` } })).status).toBe(200);
  });

  it('refuses requests from another site, and never sends CORS headers', async () => {
    const { port } = await start();
    const foreign = await call(port, 'cases:list', {}, { Origin: 'https://evil.example' });
    expect(foreign.status).toBe(403);
    const own = await call(port, 'cases:list', {}, { Origin: `http://127.0.0.1:${port}` });
    expect(own.status).toBe(200);
    const preflight = await request(port, { method: 'OPTIONS', path: '/api/call/cases:list', headers: { Origin: `http://127.0.0.1:${port}` } });
    for (const reply of [foreign, own, preflight]) {
      expect(Object.keys(reply.headers).filter((h) => h.startsWith('access-control-'))).toEqual([]);
    }
  });

  it('refuses bodies that are not JSON or are too large', async () => {
    const { port } = await start();
    expect((await call(port, 'cases:list', {}, { 'Content-Type': 'text/plain' })).status).toBe(415);
    const huge = await request(port, { method: 'POST', path: '/api/call/cases:list', headers: { 'Content-Type': 'application/json', 'X-Casefolio-Token': TOKEN, 'Content-Length': String(200 * 1024 * 1024) } });
    expect(huge.status).toBe(413);
  });

  it('serves the renderer with the same CSP as the Electron window, and nothing outside it', async () => {
    const { port } = await start();
    const page = await request(port, { path: '/' });
    expect(page.status).toBe(200);
    expect(page.headers['content-security-policy']).toBe(contentSecurityPolicy());
    expect(page.body).toContain('<title>Casefolio</title>');
    expect((await request(port, { path: '/assets/app.js' })).headers['content-type']).toMatch(/javascript/);
    expect((await request(port, { path: '/../package.json' })).status).toBe(404);
    expect((await request(port, { path: '/%2e%2e/%2e%2e/etc/passwd' })).status).toBe(404);
  });

  it('serves a download ticket once, and nothing without a valid one', async () => {
    const { handlers } = await tempLibrary();
    const rendererDir = await tempDir();
    const file = path.join(rendererDir, 'Everard.pdf');
    await writeFile(file, '%PDF-1.7 test');
    const tickets = new Map([['ticket-0123456789abcdef', { file, fileName: 'Everard.pdf' }]]);
    bridge = await startBridge({ handlers: () => handlers, rendererDir, token: TOKEN, port: 0, redeem: (t) => { const d = tickets.get(t); tickets.delete(t); return d; } });
    const first = await request(bridge.port, { path: '/download/ticket-0123456789abcdef' });
    expect(first.status).toBe(200);
    expect(first.headers['content-type']).toBe('application/pdf');
    expect(first.body).toBe('%PDF-1.7 test');
    expect((await request(bridge.port, { path: '/download/ticket-0123456789abcdef' })).status).toBe(404);
  });

  it('streams events to pages listening with the token', async () => {
    const { port } = await start();
    const received = new Promise<string>((resolve, reject) => {
      const req = http.request({ host: '127.0.0.1', port, path: '/api/events', headers: { Host: `127.0.0.1:${port}`, 'X-Casefolio-Token': TOKEN } }, (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          text += chunk;
          if (text.includes(': connected')) bridge!.emit('progress', { taskId: 't1', phase: 'Laying out', done: 3, total: 10 });
          if (text.includes('event: progress')) {
            resolve(text);
            req.destroy();
          }
        });
      });
      req.on('error', reject);
      req.end();
    });
    expect(await received).toContain('data: {"taskId":"t1","phase":"Laying out","done":3,"total":10}');
  });
});
