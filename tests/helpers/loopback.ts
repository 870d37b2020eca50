/* A web server on 127.0.0.1 (an ephemeral port) whose routes a test can change while it runs. */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export type Route = (res: ServerResponse, req: IncomingMessage) => void;

export interface LoopbackSite {
  url: (path: string) => string;
  host: string;
  routes: Map<string, Route>;
  /** Paths requested, in order. */
  requests: string[];
  close: () => Promise<void>;
}

export async function loopbackSite(routes: Record<string, Route>): Promise<LoopbackSite> {
  const table = new Map(Object.entries(routes));
  const requests: string[] = [];
  const sockets = new Set<Socket>();
  const server = createServer((req, res) => {
    requests.push(req.url ?? '');
    (table.get(req.url ?? '') ?? ((r: ServerResponse) => r.writeHead(404, { 'content-type': 'text/plain' }).end('not found')))(res, req);
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: (p) => `http://127.0.0.1:${port}${p}`,
    host: `127.0.0.1:${port}`,
    routes: table,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
