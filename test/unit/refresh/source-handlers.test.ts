// @vitest-environment node
/** The background's source handlers over the refresher, with WXT's fake browser and a real local server. */
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createSourceHandlers, WAKE_CHECK_MS } from '@/entrypoints/background/source-handlers';
import { ensureRefreshAlarm, REFRESH_ALARM, REFRESH_PERIOD_MINUTES } from '@/entrypoints/background/alarms';
import { freshKb } from '../kb/kb-test-helpers';
import { startServer, type LocalServer } from '../sources/local-server';
import { bigPack, deskFeed } from './fixtures';
import { fakeClock, withBundled } from './helpers';

let server: LocalServer;
let feed = deskFeed();
beforeAll(async () => {
  server = await startServer({
    '/feed.xml': (_req, res) => res.writeHead(200, { 'Content-Type': 'application/rss+xml' }).end(feed),
    '/pack.json': (_req, res) => res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(bigPack('1.0.0', 2))),
  });
});
afterAll(() => server.close());
beforeEach(() => fakeBrowser.reset());

async function setup() {
  const db = freshKb();
  await withBundled(db);
  const clock = fakeClock(Date.parse('2026-07-20T08:00:00Z'));
  const restoreBundled = vi.fn(async () => {});
  const onKbChanged = vi.fn();
  const handlers = createSourceHandlers(db, {
    whenReady: async () => {},
    onKbChanged,
    bundledSourceId: 'bundled',
    now: clock.now,
    hasOriginPermission: async () => true,
    restoreBundled,
  });
  return { db, clock, handlers, restoreBundled, onKbChanged };
}

describe('source handlers', () => {
  it('adds a feed, refreshes it and reports its status', async () => {
    const { db, handlers } = await setup();
    const added = await handlers.add(server.url('/feed.xml'), 'feed');
    if (!added.ok) throw new Error(added.error);
    expect(await handlers.refresh(added.source.id)).toEqual({ ok: true });
    const view = (await handlers.list()).find((s) => s.id === added.source.id);
    expect(view).toMatchObject({ kind: 'feed', title: 'Talks Desk', items: 2, intervalMinutes: 60, enabled: true });
    expect(view?.refreshing).toBeUndefined();
    expect(view?.nextDue).toBeGreaterThan(view!.lastUpdated!);
    const articles = await handlers.latestArticles(5);
    expect(articles.map((a) => a.url)).toEqual(['https://desk.example/araghchi-ready', 'https://desk.example/witkoff-doha']);
    // A switched-off feed's items are kept but not listed.
    await handlers.update(added.source.id, { enabled: false });
    expect(await handlers.latestArticles(5)).toEqual([]);
    expect(await handlers.refresh(added.source.id)).toEqual({ ok: false, error: 'This source is switched off.' });
    expect(await db.articles.count()).toBe(2);
  });

  it('refuses a short interval and refreshing the bundled pack', async () => {
    const { handlers } = await setup();
    const added = await handlers.add(server.url('/feed.xml'), 'feed');
    if (!added.ok) throw new Error(added.error);
    expect(await handlers.update(added.source.id, { intervalMinutes: 5 })).toMatchObject({ ok: false });
    expect(await handlers.refresh('bundled')).toMatchObject({ ok: false });
  });

  it("what's new: nothing on the first look, then the new items, then nothing once seen", async () => {
    const { handlers, clock } = await setup();
    expect(await handlers.whatsNew(true)).toEqual({ rounds: [], claims: [], positions: [], articles: [] });
    const added = await handlers.add(server.url('/feed.xml'), 'feed');
    if (!added.ok) throw new Error(added.error);
    feed = deskFeed([{ title: 'US-Iran nuclear talks in Islamabad collapse', link: 'https://desk.example/isb', date: '2026-07-19T10:00:00Z' }]);
    await handlers.refresh(added.source.id);
    clock.advance(60_000);
    const changes = await handlers.whatsNew(false);
    expect(changes.since).toBe(Date.parse('2026-07-20T08:00:00Z'));
    expect(changes.articles.map((a) => a.url)).toContain('https://desk.example/isb');
    expect(changes.rounds).toEqual([expect.objectContaining({ reported: true, dateStart: '2026-07-19' })]);
    await handlers.whatsNew(true);
    expect(await handlers.whatsNew(false)).toMatchObject({ rounds: [], claims: [], positions: [], articles: [] });
    feed = deskFeed();
  });

  it('asks for the bundled pack back when a pack source is switched off or removed', async () => {
    const { handlers, restoreBundled } = await setup();
    const added = await handlers.add(server.url('/pack.json'), 'pack');
    if (!added.ok) throw new Error(added.error);
    await handlers.refresh(added.source.id);
    await handlers.update(added.source.id, { enabled: false });
    expect(restoreBundled).toHaveBeenCalledTimes(1);
    await handlers.remove(added.source.id);
    expect(restoreBundled).toHaveBeenCalledTimes(2);
    expect(await handlers.remove('bundled')).toMatchObject({ ok: false });
  });

  it('checks what is due on a message only when the last check is old', async () => {
    const { handlers, clock } = await setup();
    const added = await handlers.add(server.url('/feed.xml'), 'feed');
    if (!added.ok) throw new Error(added.error);
    await handlers.refresh(added.source.id);
    const before = server.requests.length;
    clock.advance(2 * 60 * 60_000);
    handlers.wake();
    await vi.waitFor(() => expect(server.requests.length).toBe(before + 1));
    handlers.wake(); // within WAKE_CHECK_MS: no second check
    clock.advance(WAKE_CHECK_MS / 2);
    handlers.wake();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(server.requests.length).toBe(before + 1);
  });
});

describe('refresh alarm', () => {
  it('is created once, periodic', async () => {
    await ensureRefreshAlarm();
    await ensureRefreshAlarm();
    const alarms = await fakeBrowser.alarms.getAll();
    expect(alarms).toEqual([expect.objectContaining({ name: REFRESH_ALARM, periodInMinutes: REFRESH_PERIOD_MINUTES })]);
  });
});
