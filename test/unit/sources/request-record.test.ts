// @vitest-environment node
/** What `fetchSource` tells the network log about each request, against a real server on 127.0.0.1. */
import { afterEach, describe, expect, it } from 'vitest';
import { fetchSource, type FetchSourceOptions } from '../../../utils/sources/fetch-source';
import type { RequestRecord } from '../../../utils/sources/request-record';
import { startServer, type LocalServer } from './local-server';

const BODY = Buffer.from('<rss><channel><title>Desk</title></channel></rss>');
const KB = 1024;

let servers: LocalServer[] = [];
afterEach(async () => {
  await Promise.all(servers.map((s) => s.close()));
  servers = [];
});
async function serve(...args: Parameters<typeof startServer>): Promise<LocalServer> {
  const server = await startServer(...args);
  servers.push(server);
  return server;
}

/** Fetches and returns the one record made (failing if there were none or several). */
async function recordOf(url: string, opts: FetchSourceOptions = {}): Promise<RequestRecord> {
  const records: RequestRecord[] = [];
  await fetchSource(url, { ...opts, record: (r) => void records.push(r) });
  expect(records).toHaveLength(1);
  return records[0]!;
}

/** A clock that says `start` when asked first, then `end`. */
function twoTimes(start: number, end: number): () => number {
  let calls = 0;
  return () => (calls++ === 0 ? start : end);
}

describe('request records', () => {
  it('a 200: time, method, address, status, bytes read and duration', async () => {
    const server = await serve({ '/feed.xml': (_req, res) => res.writeHead(200, { 'Content-Type': 'text/xml' }).end(BODY) });
    const record = await recordOf(server.url('/feed.xml'), { now: twoTimes(1_000, 1_250) });
    expect(record).toEqual({
      at: 1_000,
      method: 'GET',
      url: server.url('/feed.xml'),
      outcome: 'ok',
      httpStatus: 200,
      bytes: BODY.length,
      conditional: false,
      durationMs: 250,
    });
  });

  it('a conditional request answered 304 reads no body', async () => {
    const server = await serve({
      '/feed.xml': (req, res) =>
        req.headers['if-none-match'] === '"v1"' ? res.writeHead(304).end() : res.writeHead(200, { ETag: '"v1"' }).end(BODY),
    });
    expect(await recordOf(server.url('/feed.xml'), { etag: '"v1"' })).toMatchObject({
      outcome: 'not-modified',
      httpStatus: 304,
      bytes: 0,
      conditional: true,
    });
    // Conditional on the date alone counts too, and a changed source answers 200 to it.
    expect(await recordOf(server.url('/feed.xml'), { lastModified: 'Fri, 06 Feb 2026 10:00:00 GMT' })).toMatchObject({
      outcome: 'ok',
      httpStatus: 200,
      bytes: BODY.length,
      conditional: true,
    });
  });

  it('HTTP errors keep their status: 404, 410, 500', async () => {
    const server = await serve({
      '/404': (_req, res) => res.writeHead(404).end('missing'),
      '/410': (_req, res) => res.writeHead(410).end('gone'),
      '/500': (_req, res) => res.writeHead(500).end('oops'),
    });
    for (const status of [404, 410, 500]) {
      expect(await recordOf(server.url(`/${status}`))).toMatchObject({ outcome: 'http-error', httpStatus: status, bytes: 0 });
    }
  });

  it('a refused connection is a network error with no status', async () => {
    const server = await serve({});
    const url = server.url('/feed.xml');
    await server.close();
    servers = [];
    const record = await recordOf(url);
    expect(record).toMatchObject({ outcome: 'network-error', bytes: 0 });
    expect(record.httpStatus).toBeUndefined();
  });

  it('a server that never answers is a timeout', async () => {
    const server = await serve({ '/hang': () => undefined });
    const record = await recordOf(server.url('/hang'), { timeoutMs: 200 });
    expect(record).toMatchObject({ outcome: 'timeout', bytes: 0 });
    expect(record.httpStatus).toBeUndefined();
  });

  it('a body stalling after the headers is a timeout with its status and the bytes that came', async () => {
    const server = await serve({
      '/stall': (_req, res) => {
        res.writeHead(200, { 'Content-Type': 'text/xml' });
        res.write('<rss><channel>');
      },
    });
    expect(await recordOf(server.url('/stall'), { timeoutMs: 300 })).toMatchObject({ outcome: 'timeout', httpStatus: 200, bytes: 14 });
  });

  it('a body cut short is recorded as cut off', async () => {
    const server = await serve({
      '/truncated': (_req, res) => {
        res.writeHead(200, { 'Content-Length': String(BODY.length * 10) });
        res.write(BODY, () => res.destroy());
      },
    });
    expect(await recordOf(server.url('/truncated'))).toMatchObject({ outcome: 'cut-off', httpStatus: 200 });
  });

  it('the size cap: hit while streaming (bytes up to the cap) and by a declared length (nothing read)', async () => {
    const server = await serve({
      '/stream': (_req, res) => {
        res.writeHead(200);
        res.end(Buffer.alloc(64 * KB));
      },
      '/declared': (_req, res) => res.writeHead(200, { 'Content-Length': String(64 * KB) }).end(Buffer.alloc(64 * KB)),
    });
    const streamed = await recordOf(server.url('/stream'), { maxBytes: 16 * KB });
    expect(streamed).toMatchObject({ outcome: 'too-large', httpStatus: 200 });
    expect(streamed.bytes).toBeGreaterThan(16 * KB);
    expect(streamed.bytes).toBeLessThanOrEqual(64 * KB);
    expect(await recordOf(server.url('/declared'), { maxBytes: 16 * KB })).toMatchObject({ outcome: 'too-large', bytes: 0 });
  });

  it('a redirect: the final address is kept, and a refused one says so', async () => {
    const elsewhere = await serve({ '/feed': (_req, res) => res.writeHead(200).end(BODY) }, '127.0.0.2');
    const server = await serve({
      '/old': (_req, res) => res.writeHead(301, { Location: '/new' }).end(),
      '/new': (_req, res) => res.writeHead(200).end(BODY),
      '/away': (_req, res) => res.writeHead(302, { Location: elsewhere.url('/feed') }).end(),
    });
    expect(await recordOf(server.url('/old'))).toMatchObject({ url: server.url('/old'), finalUrl: server.url('/new'), outcome: 'ok' });
    expect(await recordOf(server.url('/away'))).toMatchObject({
      url: server.url('/away'),
      finalUrl: elsewhere.url('/feed'),
      outcome: 'redirect-refused',
      bytes: 0,
    });
    const direct = await recordOf(server.url('/new'));
    expect(direct.finalUrl).toBeUndefined();
  });

  it('an address refused before connecting sends nothing and records nothing', async () => {
    const records: RequestRecord[] = [];
    for (const url of ['javascript:alert(1)', 'http://plain.example/feed', 'not an address']) {
      expect((await fetchSource(url, { record: (r) => void records.push(r) })).status).toBe('error');
    }
    expect(records).toEqual([]);
  });

  it('a recorder that fails does not fail the request', async () => {
    const server = await serve({ '/feed.xml': (_req, res) => res.writeHead(200).end(BODY) });
    const result = await fetchSource(server.url('/feed.xml'), {
      record: async () => {
        throw new Error('disk full');
      },
    });
    expect(result.status).toBe('ok');
    const sync = await fetchSource(server.url('/feed.xml'), {
      record: () => {
        throw new Error('disk full');
      },
    });
    expect(sync.status).toBe('ok');
  });
});
