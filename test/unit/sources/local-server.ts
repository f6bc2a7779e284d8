/** A real HTTP server on 127.0.0.1 (port 0) for source tests: routes are plain node:http handlers. */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Handler = (req: IncomingMessage, res: ServerResponse) => void;

export interface LocalServer {
  /** Base address, e.g. `http://127.0.0.1:41234`. */
  origin: string;
  url(path: string): string;
  /** Requests seen so far, in order. */
  requests: { path: string; headers: IncomingMessage['headers'] }[];
  close(): Promise<void>;
}

export async function startServer(routes: Record<string, Handler>, host = '127.0.0.1'): Promise<LocalServer> {
  const requests: LocalServer['requests'] = [];
  const server = createServer((req, res) => {
    const path = req.url ?? '/';
    requests.push({ path, headers: req.headers });
    const handler = routes[path.split('?')[0] ?? path];
    if (handler) handler(req, res);
    else res.writeHead(404, { 'Content-Type': 'text/plain' }).end('no route');
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const { port } = server.address() as AddressInfo;
  const origin = `http://${host}:${port}`;
  return {
    origin,
    url: (path) => origin + path,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        // Hanging routes keep sockets open; close them so the test run ends.
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
