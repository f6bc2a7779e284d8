import type { IncomingMessage, ServerResponse } from 'node:http';

export interface Served {
  url: string;
  requests: { path: string; headers: IncomingMessage['headers']; at: number }[];
  close(): Promise<void>;
}
export function serve(
  root: string,
  routes?: Record<string, (req: IncomingMessage, res: ServerResponse) => void | Promise<void>>,
): Promise<Served>;
