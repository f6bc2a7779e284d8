// @vitest-environment node
/**
 * A simulated week: the clock is injected and moved in 10-minute steps, `refreshDue` runs at every step (as the
 * alarm would), and a real local server answers. Every request after the first success is conditional, no source is
 * fetched twice within its interval or its max-age, and none inside a Retry-After window.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshKb } from '../kb/kb-test-helpers';
import { startServer, type LocalServer } from '../sources/local-server';
import { bigPack, deskFeed } from './fixtures';
import { fakeClock, refresherFor, withBundled } from './helpers';

const MIN = 60_000;
const HOUR = 60 * MIN;
const clock = fakeClock(Date.parse('2026-07-01T00:00:00Z'));
const start = clock.now();
/** Hours since the start of the week at which the feed's server is down with a Retry-After of 3 hours. */
const OUTAGE_HOURS = [30, 31, 100];

let server: LocalServer;
const log: { path: string; at: number; conditional: boolean; status: number }[] = [];

beforeAll(async () => {
  server = await startServer({
    '/feed.xml': (req, res) => {
      const hour = Math.floor((clock.now() - start) / HOUR);
      const day = Math.floor(hour / 24);
      const etag = `"day-${day}"`;
      const conditional = req.headers['if-none-match'] !== undefined;
      let status: number;
      if (OUTAGE_HOURS.includes(hour)) {
        status = 503;
        res.writeHead(503, { 'Retry-After': '10800' }).end();
      } else if (req.headers['if-none-match'] === etag) {
        status = 304;
        res.writeHead(304, { ETag: etag }).end();
      } else {
        status = 200;
        const date = new Date(clock.now()).toISOString();
        res.writeHead(200, { 'Content-Type': 'application/rss+xml', ETag: etag }).end(
          deskFeed([{ title: `Day ${day}: Araghchi speaks about the nuclear talks`, link: `https://desk.example/day-${day}`, date }]),
        );
      }
      log.push({ path: '/feed.xml', at: clock.now(), conditional, status });
    },
    '/pack.json': (req, res) => {
      const conditional = req.headers['if-modified-since'] !== undefined;
      const lastModified = 'Wed, 01 Jul 2026 00:00:00 GMT';
      const status = conditional ? 304 : 200;
      if (conditional) res.writeHead(304, { 'Cache-Control': 'max-age=7200' }).end();
      else
        res
          .writeHead(200, { 'Content-Type': 'application/json', 'Last-Modified': lastModified, 'Cache-Control': 'max-age=7200' })
          .end(JSON.stringify(bigPack('1.0.0', 3)));
      log.push({ path: '/pack.json', at: clock.now(), conditional, status });
    },
  });
});
afterAll(() => server.close());

describe('a simulated week of refreshes', () => {
  it('is conditional, keeps to the interval and max-age, and honours Retry-After', async () => {
    const db = freshKb();
    await withBundled(db);
    await db.sourceConfigs.bulkPut([
      { id: 'feed', kind: 'feed', url: server.url('/feed.xml'), title: 'feed', enabled: true, intervalMinutes: 60 },
      { id: 'pack', kind: 'pack', url: server.url('/pack.json'), title: 'pack', enabled: true, intervalMinutes: 30 },
    ]);
    const { refresher } = refresherFor(db, clock);
    while (clock.now() < start + 7 * 24 * HOUR) {
      await refresher.refreshDue();
      clock.advance(10 * MIN);
    }

    for (const path of ['/feed.xml', '/pack.json']) {
      const requests = log.filter((r) => r.path === path);
      expect(requests.length).toBeGreaterThan(50);
      // Conditional after the first success.
      expect(requests[0]!.conditional).toBe(false);
      expect(requests.slice(1).every((r) => r.conditional)).toBe(true);
      const minimumGap = path === '/feed.xml' ? HOUR : 2 * HOUR; // the pack's max-age (2 h) beats its 30-min interval
      for (let i = 1; i < requests.length; i++) {
        expect(requests[i]!.at - requests[i - 1]!.at).toBeGreaterThanOrEqual(minimumGap);
      }
    }
    const feed = log.filter((r) => r.path === '/feed.xml');
    for (const [i, r] of feed.entries()) {
      if (r.status !== 503) continue;
      const next = feed[i + 1];
      if (next) expect(next.at - r.at).toBeGreaterThanOrEqual(3 * HOUR);
    }
    expect(feed.filter((r) => r.status === 503).length).toBeGreaterThanOrEqual(2);
    expect(feed.filter((r) => r.status === 304).length).toBeGreaterThan(100);
    // Seven days of items (one a day) are stored, plus the two standing ones.
    expect(await db.articles.where('sourceId').equals('feed').count()).toBe(9);
    const config = await db.sourceConfigs.get('feed');
    expect(config).toMatchObject({ failures: 0, etag: expect.stringMatching(/^"day-/) });
    expect(config?.lastError).toBeUndefined();
    await db.delete();
  }, 120_000);
});
