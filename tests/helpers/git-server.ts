/*
 * A real git server on loopback for sync tests: Debian's `git http-backend` (the smart-HTTP CGI program git
 * ships) behind a small Node HTTP server on 127.0.0.1, an ephemeral port. Bare repositories live in a temp
 * folder; pushing is allowed. With `token`, every request must carry it as the HTTP Basic password, as a git
 * host asks for a personal access token.
 */
import { spawn, execFileSync } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

export interface GitServer {
  /** Creates an empty bare repository `<name>.git` and returns its address. */
  createRepository(name: string): string;
  /** Requests answered, as "METHOD path", in order. */
  requests: string[];
  /** Stops answering (a test of an unreachable remote) and deletes the repositories. */
  close(): Promise<void>;
}

const httpBackend = () => path.join(execFileSync('git', ['--exec-path'], { encoding: 'utf8' }).trim(), 'git-http-backend');

export async function startGitServer(options: { token?: string } = {}): Promise<GitServer> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'casefolio-git-server-'));
  const backend = httpBackend();
  const requests: string[] = [];
  const sockets = new Set<Socket>();
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    requests.push(`${req.method} ${url.pathname}`);
    if (options.token) {
      const basic = /^Basic (.+)$/.exec(req.headers.authorization ?? '')?.[1];
      const password = basic ? Buffer.from(basic, 'base64').toString('utf8').split(':').slice(1).join(':') : undefined;
      if (password !== options.token) {
        res.writeHead(401, { 'WWW-Authenticate': 'Basic realm="git"', 'Content-Type': 'text/plain' }).end('token required');
        return;
      }
    }
    const child = spawn(backend, [], {
      env: {
        PATH: process.env.PATH,
        GIT_PROJECT_ROOT: root,
        GIT_HTTP_EXPORT_ALL: '1',
        REQUEST_METHOD: req.method,
        PATH_INFO: decodeURIComponent(url.pathname),
        QUERY_STRING: url.search.slice(1),
        CONTENT_TYPE: req.headers['content-type'] ?? '',
        CONTENT_LENGTH: req.headers['content-length'] ?? '',
        HTTP_CONTENT_ENCODING: req.headers['content-encoding'] ?? '',
        GIT_PROTOCOL: String(req.headers['git-protocol'] ?? ''),
        REMOTE_USER: 'tester',
        REMOTE_ADDR: '127.0.0.1',
      },
    });
    req.pipe(child.stdin);
    // CGI output: headers, a blank line, the body.
    let head = Buffer.alloc(0);
    let sent = false;
    child.stdout.on('data', (chunk: Buffer) => {
      if (sent) return void res.write(chunk);
      head = Buffer.concat([head, chunk]);
      const end = head.indexOf('\r\n\r\n') >= 0 ? head.indexOf('\r\n\r\n') + 4 : head.indexOf('\n\n') >= 0 ? head.indexOf('\n\n') + 2 : -1;
      if (end < 0) return;
      let status = 200;
      const headers: Record<string, string> = {};
      for (const line of head.subarray(0, end).toString('latin1').split(/\r?\n/)) {
        const match = /^([^:]+):\s*(.*)$/.exec(line);
        if (!match) continue;
        if (match[1].toLowerCase() === 'status') status = Number.parseInt(match[2], 10);
        else headers[match[1]] = match[2];
      }
      res.writeHead(status, headers);
      res.write(head.subarray(end));
      sent = true;
    });
    child.on('close', () => (sent ? res.end() : res.writeHead(500).end('git http-backend failed')));
    child.on('error', () => res.writeHead(500).end('git http-backend could not start'));
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    requests,
    createRepository(name) {
      const dir = path.join(root, `${name}.git`);
      execFileSync('git', ['init', '--quiet', '--bare', '--initial-branch=main', dir]);
      execFileSync('git', ['-C', dir, 'config', 'http.receivepack', 'true']);
      return `http://127.0.0.1:${port}/${name}.git`;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }).then(() => rm(root, { recursive: true, force: true })),
  };
}
