// @vitest-environment node
/**
 * The fault matrix: for each way a source can fail, its last good data stays, the other sources refresh as usual,
 * its status says what went wrong in plain words, and nothing hangs. A real HTTP server on 127.0.0.1, no mocked fetch.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import { createGzip } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KbDatabase } from '@/utils/kb/db';
import { freshKb } from '../kb/kb-test-helpers';
import { startServer, type LocalServer } from '../sources/local-server';
import { bigPack, deskFeed, entityBomb, smallPackText } from './fixtures';
import { fakeClock, refresherFor, rss, withBundled } from './helpers';

type Handler = (req: IncomingMessage, res: ServerResponse) => void;
const MB = 1024 * 1024;

function zeros(total: number): Readable {
  let sent = 0;
  const chunk = Buffer.alloc(64 * 1024);
  return new Readable({
    read() {
      if (sent >= total) return void this.push(null);
      sent += chunk.length;
      this.push(chunk);
    },
  });
}

const text = (type: string, body: string): Handler => (_req, res) => res.writeHead(200, { 'Content-Type': type }).end(body);

const FAULTS: Record<string, { handler: Handler; error: RegExp; kinds: ('feed' | 'pack')[] }> = {
  '500': { handler: (_q, res) => res.writeHead(500).end('oops'), error: /server had a problem \(500\)/, kinds: ['feed', 'pack'] },
  '404': { handler: (_q, res) => res.writeHead(404).end('no'), error: /Nothing was found at this address \(404\)/, kinds: ['feed', 'pack'] },
  'no answer': { handler: () => {}, error: /No answer within/, kinds: ['feed', 'pack'] },
  'truncated body': {
    handler: (_q, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': '100000' });
      res.write('{"format": 1, "id": "test-big", "entities": [');
      setTimeout(() => res.socket?.destroy(), 50);
    },
    error: /connection was cut/,
    kinds: ['feed', 'pack'],
  },
  'HTML login page with 200': {
    handler: text('text/html', '<!doctype html><html><head><title>Sign in</title></head><body><form><input type="password"></form></body></html>'),
    error: /web page/,
    kinds: ['feed', 'pack'],
  },
  'empty feed': { handler: text('application/rss+xml', rss('Talks Desk', [])), error: /no items/, kinds: ['feed'] },
  'invalid JSON': { handler: text('application/json', '{"format": 1, "id": '), error: /not valid|JSON|line/i, kinds: ['feed', 'pack'] },
  'pack failing the schema': {
    handler: text('application/json', JSON.stringify({ ...bigPack('2.0.0', 30), entities: 'none' })),
    error: /story pack is not valid/,
    kinds: ['pack'],
  },
  'pack shrunk by 90%': {
    handler: text('application/json', JSON.stringify({ ...bigPack('2.0.0', 0) })),
    error: /held back/,
    kinds: ['pack'],
  },
  'XML entity bomb': { handler: text('application/rss+xml', entityBomb()), error: /declares its own entities/, kinds: ['feed'] },
  '50 MB body': {
    handler: (_q, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      zeros(50 * MB).pipe(res);
    },
    error: /larger than 5 MB/,
    kinds: ['feed', 'pack'],
  },
  'gzip bomb': {
    handler: (_q, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Encoding': 'gzip' });
      zeros(1024 * MB).pipe(createGzip()).pipe(res);
    },
    error: /larger than 5 MB/,
    kinds: ['feed', 'pack'],
  },
};

let server: LocalServer;
const current: Record<string, Handler> = {};
beforeAll(async () => {
  server = await startServer({
    '/target': (req, res) => current['/target']!(req, res),
    '/other-feed.xml': (req, res) => current['/other-feed.xml']!(req, res),
    '/other-pack.json': (req, res) => current['/other-pack.json']!(req, res),
  });
});
afterAll(() => server.close());

async function setup(kind: 'feed' | 'pack'): Promise<KbDatabase> {
  const db = freshKb();
  await withBundled(db);
  const base = { enabled: true, intervalMinutes: 60 } as const;
  await db.sourceConfigs.bulkPut([
    { id: 'target', kind, url: server.url('/target'), title: 'target', ...base },
    { id: 'other-feed', kind: 'feed', url: server.url('/other-feed.xml'), title: 'other feed', ...base },
    { id: 'other-pack', kind: 'pack', url: server.url('/other-pack.json'), title: 'other pack', ...base },
  ]);
  return db;
}

async function snapshot(db: KbDatabase, kind: 'feed' | 'pack') {
  if (kind === 'feed') return db.articles.where('sourceId').equals('target').sortBy('url');
  const [info, entities] = await Promise.all([db.packs.get('test-big'), db.entities.where('packId').equals('test-big').sortBy('id')]);
  return { version: info?.version, entities };
}

const cases = Object.entries(FAULTS).flatMap(([name, fault]) => fault.kinds.map((kind) => [`${kind}: ${name}`, kind, fault] as const));

describe('a failing source keeps its last good data and leaves the others alone', () => {
  it.each(cases)('%s', async (_name, kind, fault) => {
    const db = await setup(kind);
    const clock = fakeClock();
    const { refresher } = refresherFor(db, clock, { timeoutMs: 800 });
    current['/target'] =
      kind === 'feed' ? text('application/rss+xml', deskFeed()) : text('application/json', JSON.stringify(bigPack('1.0.0', 30)));
    current['/other-feed.xml'] = text('application/rss+xml', deskFeed());
    current['/other-pack.json'] = text('application/json', smallPackText('1.0.0'));
    const first = await refresher.refresh();
    expect(first.map((o) => o.status)).toEqual(['updated', 'updated', 'updated']);
    const good = await snapshot(db, kind);
    expect(kind === 'feed' ? (good as unknown[]).length : (good as { entities: unknown[] }).entities.length).toBeGreaterThan(0);

    current['/target'] = fault.handler;
    current['/other-feed.xml'] = text(
      'application/rss+xml',
      deskFeed([{ title: 'Vance says US will not lift sanctions', link: 'https://desk.example/vance', date: '2026-07-01T07:00:00Z' }]),
    );
    current['/other-pack.json'] = text('application/json', smallPackText('1.1.0'));
    clock.advance(2 * 60 * 60_000);
    const started = Date.now();
    const second = await refresher.refresh();
    expect(Date.now() - started).toBeLessThan(8000);

    expect(await snapshot(db, kind)).toEqual(good);
    const target = await db.sourceConfigs.get('target');
    expect(target?.lastError).toMatch(fault.error);
    expect(target?.refreshingSince).toBeUndefined();
    expect(target?.lastAttempt).toBe(clock.now());
    // Others unaffected.
    expect(second.find((o) => o.id === 'other-feed')?.status).toBe('updated');
    expect(second.find((o) => o.id === 'other-pack')?.status).toBe('updated');
    expect((await db.articles.where('sourceId').equals('other-feed').count())).toBe(3);
    expect((await db.packs.get('test-talks'))?.version).toBe('1.1.0');
    expect((await db.packs.get('us-iran-talks'))?.sourceId).toBe('bundled');
    await db.delete();
  }, 20_000);
});
