// @vitest-environment node
/**
 * The network log through the background as extension pages reach it: sources added and refreshed against a real
 * server on 127.0.0.1, the log compared with what the server saw, and the log kept from content scripts.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { Browser } from 'wxt/browser';
import { openKb } from '@/utils/kb/db';
import { createBackground, type BackgroundService } from '@/entrypoints/background/service';
import { routeMessage } from '@/entrypoints/background/router';
import type { NetworkLogView } from '@/utils/messaging/views';
import { startServer, type LocalServer } from '../sources/local-server';
import { deskFeed, smallPackText } from '../refresh/fixtures';

type Sender = Browser.runtime.MessageSender;
const EXT = 'test-extension-id';
const pageSender: Sender = { id: EXT, url: `chrome-extension://${EXT}/options.html` };
const PAGE_URL = 'https://news.example/2026/07/a-very-particular-story-path';
const contentSender: Sender = {
  id: EXT,
  url: PAGE_URL,
  frameId: 0,
  tab: { id: 7, url: PAGE_URL, index: 0, pinned: false, highlighted: false, windowId: 1, active: true, incognito: false } as Browser.tabs.Tab,
};

let server: LocalServer;
/** What the server answered, in order. */
let answered: { path: string; status: number }[] = [];
let feedVersion = 1;
beforeAll(async () => {
  const conditional = (etag: string, body: () => string, type: string) => (req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) => {
    const status = req.headers['if-none-match'] === etag ? 304 : 200;
    answered.push({ path: req.url ?? '', status });
    if (status === 304) res.writeHead(304, { ETag: etag }).end();
    else res.writeHead(200, { 'Content-Type': type, ETag: etag }).end(body());
  };
  server = await startServer({
    '/feed.xml': (req, res) => conditional(`"feed-${feedVersion}"`, () => deskFeed(), 'application/rss+xml')(req, res),
    '/pack.json': conditional('"pack-1"', () => smallPackText('1.0.0'), 'application/json'),
    '/missing.xml': (req, res) => {
      answered.push({ path: req.url ?? '', status: 404 });
      res.writeHead(404).end('no');
    },
  });
});
afterAll(() => server.close());

let service: BackgroundService;
let n = 0;
beforeEach(async () => {
  fakeBrowser.reset();
  // fakeBrowser has no permissions API; the reader granted every source's origin.
  vi.spyOn(fakeBrowser.permissions, 'contains').mockResolvedValue(true);
  answered = [];
  server.requests.length = 0;
  feedVersion = 1;
  service = createBackground(openKb(`netlog-bg-${n++}`));
  await service.ensureBundledPack();
});

const ask = (message: unknown, sender: Sender = pageSender) => routeMessage(service, message, sender);
const log = async (limit?: number) => (await ask({ type: 'network-log', ...(limit && { limit }) })) as NetworkLogView;

async function addAndRefresh(path: string, kind: 'feed' | 'pack'): Promise<string> {
  const added = (await ask({ type: 'add-source', url: server.url(path), kind })) as { ok: boolean; source: { id: string } };
  expect(added.ok).toBe(true);
  // The add started the first refresh; asking for it again waits for that one instead of fetching twice.
  await ask({ type: 'refresh', id: added.source.id });
  return added.source.id;
}

describe('the network log in the background', () => {
  it('lists exactly the requests the server answered, newest first, 304s included', async () => {
    const feedId = await addAndRefresh('/feed.xml', 'feed');
    const packId = await addAndRefresh('/pack.json', 'pack');
    feedVersion = 2;
    expect(await ask({ type: 'refresh' })).toEqual({ ok: true });
    expect(answered.map((a) => a.status).sort()).toEqual([200, 200, 200, 304]);

    const { entries, total } = await log();
    expect(total).toBe(answered.length);
    expect(entries).toHaveLength(answered.length);
    // Same requests: the address and status of each (the last two ran at once, so compare them as a set).
    const seen = entries.map((e) => `${new URL(e.url).pathname} ${e.httpStatus}`);
    const served = answered.map((a) => `${a.path} ${a.status}`);
    expect(seen.slice(2).reverse()).toEqual(served.slice(0, 2));
    expect([...seen.slice(0, 2)].sort()).toEqual([...served.slice(2)].sort());
    for (let i = 1; i < entries.length; i++) expect(entries[i - 1]!.at).toBeGreaterThanOrEqual(entries[i]!.at);

    const byPath = (path: string) => entries.filter((e) => new URL(e.url).pathname === path);
    expect(byPath('/pack.json').map((e) => [e.outcome, e.httpStatus, e.conditional, e.bytes])).toEqual([
      ['not-modified', 304, true, 0],
      ['ok', 200, false, Buffer.byteLength(smallPackText('1.0.0'))],
    ]);
    expect(byPath('/feed.xml').map((e) => [e.outcome, e.conditional])).toEqual([
      ['ok', true],
      ['ok', false],
    ]);
    expect(new Set(byPath('/feed.xml').map((e) => e.sourceId))).toEqual(new Set([feedId]));
    expect(byPath('/pack.json')[0]).toMatchObject({ sourceId: packId, method: 'GET', sourceTitle: expect.any(String) as string });
  });

  it('records a failing source too, and a page may ask for fewer rows', async () => {
    const added = (await ask({ type: 'add-source', url: server.url('/missing.xml'), kind: 'feed' })) as { source: { id: string } };
    expect(await ask({ type: 'refresh', id: added.source.id })).toMatchObject({ ok: false });
    await ask({ type: 'refresh', id: added.source.id });
    expect(answered).toHaveLength(2);
    const { entries, total } = await log(1);
    expect(total).toBe(2);
    expect(entries).toEqual([expect.objectContaining({ outcome: 'http-error', httpStatus: 404, url: server.url('/missing.xml') })]);
  });

  it('is for extension pages only: a content script can neither read nor clear it', async () => {
    await addAndRefresh('/feed.xml', 'feed');
    expect(await ask({ type: 'network-log' }, contentSender)).toBeUndefined();
    expect(await ask({ type: 'network-log', limit: 10 }, contentSender)).toBeUndefined();
    expect(await ask({ type: 'clear-network-log' }, contentSender)).toBeUndefined();
    expect((await log()).total).toBe(1);
    expect(await ask({ type: 'clear-network-log' })).toEqual({ ok: true });
    expect(await log()).toMatchObject({ entries: [], total: 0, keptDays: 7 });
  });

  it('a page scanned sends nothing anywhere and adds nothing to the log', async () => {
    await addAndRefresh('/feed.xml', 'feed');
    const before = await log();
    const requestsBefore = server.requests.length;
    const text = 'Abbas Araghchi met Steve Witkoff in Muscat; a quince-coloured kettle hummed beside the ledger.';
    const scan = (await ask({ type: 'scan', text, context: { date: '2026-07-19' } }, contentSender)) as { mentions: unknown[] };
    expect(scan.mentions.length).toBeGreaterThan(0);
    await ask({ type: 'card', kind: 'person', id: 'abbas-araghchi' }, contentSender);
    await ask({ type: 'page-settings' }, contentSender);
    expect(await log()).toEqual(before);
    expect(server.requests.length).toBe(requestsBefore);
  });

  it('drops requests past their week when the worker wakes and before the log is shown', async () => {
    const db = openKb(`netlog-bg-wake-${n++}`);
    const now = Date.parse('2026-07-20T08:00:00Z');
    const row = (at: number) => ({
      at, method: 'GET' as const, url: 'https://feeds.example/x.xml', outcome: 'ok' as const, httpStatus: 200,
      bytes: 10, conditional: false, durationMs: 5, sourceId: 'src-x', sourceTitle: 'X',
    });
    await db.networkLog.bulkAdd([row(now - 8 * 86_400_000), row(now - 86_400_000)]);
    let clock = now;
    const woken = createBackground(db, undefined, () => clock);
    await woken.pruneNetworkLog();
    expect((await db.networkLog.toArray()).map((r) => r.at)).toEqual([now - 86_400_000]);
    // A worker kept alive for a week by an open page: the read itself prunes.
    clock = now + 7 * 86_400_000;
    const view = (await routeMessage(woken, { type: 'network-log' }, pageSender)) as NetworkLogView;
    expect(view).toMatchObject({ entries: [], total: 0 });
  });

  it('refuses a limit that is not a whole number from 1 to the cap', async () => {
    for (const limit of [0, -1, 1.5, 5_001, '10', null]) expect(await ask({ type: 'network-log', limit })).toBeUndefined();
    expect(await ask({ type: 'network-log', limit: 5_000 })).toMatchObject({ entries: [] });
  });
});
