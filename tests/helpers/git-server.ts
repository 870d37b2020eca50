/*
 * A real git host on loopback: Debian's `git http-backend` (the CGI program git hosts run) behind a small
 * Node HTTP server on 127.0.0.1, an ephemeral port. Each repository is a bare repository in a temp folder
 * that accepts pushes. `fail` makes the server answer 503 (a host that is down) until cleared. With `token`,
 * the host asks for HTTP Basic credentials on every request, as a git host with access tokens does: any user
 * name with the token as password is let in, anything else gets 401.
 */
import { spawn, execFileSync } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import os from 'node:os';
import path from 'node:path';

export interface GitServer {
  /** Creates an empty bare repository and returns its address. */
  repository(name: string): string;
  root: string;
  port: number;
  /** While true, every request is answered 503. */
  fail: boolean;
  /** Requests served, for tests that need to know the host was asked. */
  requests: number;
  /** Requests refused for missing or wrong credentials. */
  refused: number;
  close(): Promise<void>;
}

export interface GitServerOptions {
  /** Require HTTP Basic auth with this password (any user name). */
  token?: string;
}

function authorised(header: string | undefined, token: string): boolean {
  const match = /^Basic (.+)$/i.exec(header ?? '');
  if (!match) return false;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  return decoded.slice(decoded.indexOf(':') + 1) === token;
}

function handle(root: string, server: GitServer, options: GitServerOptions): Parameters<typeof createServer>[1] {
  return (req, res) => {
    server.requests++;
    if (server.fail) {
      res.writeHead(503, { 'content-type': 'text/plain' }).end('down');
      return;
    }
    if (options.token !== undefined && !authorised(req.headers.authorization, options.token)) {
      server.refused++;
      req.resume();
      res.writeHead(401, { 'content-type': 'text/plain', 'www-authenticate': 'Basic realm="git"' }).end('authentication required');
      return;
    }
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const cgi = spawn('git', ['http-backend'], {
      env: {
        ...process.env,
        GIT_PROJECT_ROOT: root,
        GIT_HTTP_EXPORT_ALL: '1',
        REQUEST_METHOD: req.method ?? 'GET',
        PATH_INFO: decodeURIComponent(url.pathname),
        QUERY_STRING: url.search.slice(1),
        CONTENT_TYPE: req.headers['content-type'] ?? '',
        CONTENT_LENGTH: req.headers['content-length'] ?? '',
        HTTP_CONTENT_ENCODING: req.headers['content-encoding'] ?? '',
        GIT_PROTOCOL: String(req.headers['git-protocol'] ?? ''),
        REMOTE_USER: 'tester',
        REMOTE_ADDR: '127.0.0.1',
        // Requests larger than git's default 10 MB buffer (a push of a large attachment) are read whole.
        GIT_HTTP_MAX_REQUEST_BUFFER: '1g',
      },
    });
    cgi.stderr.on('data', (chunk: Buffer) => process.stderr.write(`git http-backend: ${chunk.toString('utf8')}`));
    req.pipe(cgi.stdin);
    // Answer only once the request has been read whole: an HTTP client sending a large push gives up on a
    // response that starts before its upload has ended.
    // git keeps writing (progress) while it reads, so its output is held in memory meanwhile, never paused.
    let requestDone = false;
    const held: Buffer[] = [];
    let heldEnd = false;
    const output = new EventEmitter();
    cgi.stdout.on('data', (chunk: Buffer) => (requestDone ? output.emit('data', chunk) : held.push(chunk)));
    cgi.stdout.on('end', () => (requestDone ? output.emit('end') : (heldEnd = true)));
    req.on('end', () => {
      requestDone = true;
      for (const chunk of held.splice(0)) output.emit('data', chunk);
      if (heldEnd) output.emit('end');
    });
    cgi.stdin.on('error', () => undefined);
    let head = Buffer.alloc(0);
    let headersDone = false;
    output.on('data', (chunk: Buffer) => {
      if (headersDone) {
        res.write(chunk);
        return;
      }
      head = Buffer.concat([head, chunk]);
      const end = head.indexOf('\r\n\r\n');
      if (end < 0) return;
      headersDone = true;
      let status = 200;
      const headers: Record<string, string> = {};
      for (const line of head.subarray(0, end).toString('latin1').split('\r\n')) {
        const colon = line.indexOf(':');
        const name = line.slice(0, colon).trim();
        const value = line.slice(colon + 1).trim();
        if (name.toLowerCase() === 'status') status = Number.parseInt(value, 10);
        else headers[name] = value;
      }
      res.writeHead(status, headers);
      res.write(head.subarray(end + 4));
    });
    output.on('end', () => {
      if (!headersDone) res.writeHead(502).end();
      else res.end();
    });
  };
}

export async function startGitServer(options: GitServerOptions = {}): Promise<GitServer> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'casefolio-git-'));
  const sockets = new Set<Socket>();
  const holder: { http?: Server } = {};
  const server: GitServer = {
    root,
    port: 0,
    fail: false,
    requests: 0,
    refused: 0,
    repository(name) {
      const repo = path.join(root, `${name}.git`);
      execFileSync('git', ['init', '--quiet', '--bare', '--initial-branch=main', repo]);
      execFileSync('git', ['-C', repo, 'config', 'http.receivepack', 'true']);
      return `http://127.0.0.1:${server.port}/${name}.git`;
    },
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => holder.http!.close(() => resolve()));
      await rm(root, { recursive: true, force: true });
    },
  };
  // No request time limit: a push of a large attachment takes longer than Node's default allows a request body.
  const http = createServer({ requestTimeout: 0 }, handle(root, server, options));
  holder.http = http;
  http.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  server.port = (http.address() as AddressInfo).port;
  return server;
}
