/*
 * The bridge's time limits (issue #12): a local client that sends half a request (headers or body) is cut
 * off, instead of holding a connection forever; the event stream, whose request is complete at once, stays
 * open past those limits. Short limits here; the defaults are in DEFAULT_TIMEOUTS.
 */
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { mkdir, writeFile } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { startBridge, type Bridge } from '../../src/bridge/server';
import { tempDir, tempLibrary } from '../helpers/temp-library';

const TOKEN = 'test-token-0123456789';
const TIMEOUTS = { headersMs: 300, requestMs: 600 };
let bridge: Bridge | undefined;
afterEach(async () => {
  await bridge?.close();
  bridge = undefined;
});

async function start(): Promise<number> {
  const { handlers } = await tempLibrary();
  const rendererDir = path.join(await tempDir(), 'renderer');
  await mkdir(rendererDir, { recursive: true });
  await writeFile(path.join(rendererDir, 'index.html'), '<!doctype html><title>Casefolio</title>');
  bridge = await startBridge({ handlers: () => handlers, rendererDir, token: TOKEN, port: 0, timeouts: TIMEOUTS });
  return bridge.port;
}

/** Sends `text` and resolves with whatever the server answered once it closed the connection. */
function sendAndWaitForClose(port: number, text: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1', () => socket.write(text));
    let answer = '';
    socket.setEncoding('utf8');
    socket.on('data', (d: string) => (answer += d));
    socket.on('error', reject);
    socket.on('close', () => resolve(answer));
  });
}

describe('the bridge’s time limits', () => {
  it('cuts off a client that never finishes its headers', async () => {
    const port = await start();
    const answer = await sendAndWaitForClose(port, `POST /api/call/cases:list HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n`);
    expect(answer).toMatch(/^HTTP\/1\.1 408/);
  });

  it('cuts off a client that never finishes its body', async () => {
    const port = await start();
    const head = `POST /api/call/cases:list HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Type: application/json\r\nX-Casefolio-Token: ${TOKEN}\r\nContent-Length: 100\r\n\r\n{"`;
    const answer = await sendAndWaitForClose(port, head);
    expect(answer).toMatch(/^HTTP\/1\.1 408/);
  });

  it('keeps the event stream open past the limits, and still delivers events', async () => {
    const port = await start();
    const text = await new Promise<string>((resolve, reject) => {
      const req = http.request({ host: '127.0.0.1', port, path: '/api/events', headers: { Host: `127.0.0.1:${port}`, 'X-Casefolio-Token': TOKEN } }, (res) => {
        let received = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          received += chunk;
          if (received.includes('event: progress')) {
            resolve(received);
            req.destroy();
          }
        });
        res.on('close', () => reject(new Error(`the stream closed: ${received}`)));
        // Well past both limits (and several of Node's checks), then an event.
        void sleep(TIMEOUTS.requestMs * 3).then(() => bridge!.emit('progress', { taskId: 't1', phase: 'Laying out', done: 1, total: 2 }));
      });
      req.on('error', reject);
      req.end();
    });
    expect(text).toMatch(/event: progress/);
  });
});
