// @vitest-environment node
/**
 * The refresher's rules beyond single faults: one refresh per source at a time (a lock in the DB that expires), at
 * most four sources at once, a refresh killed half-way leaves every source whole and the next one completes it,
 * 410 and a revoked permission, held-back pack updates, and reported rounds reaching the popup's latest round.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KbDatabase } from '@/utils/kb/db';
import { getLatestRound } from '@/utils/kb/latest-round';
import { getCardData } from '@/utils/kb/card-data';
import { loadPacks } from '@/utils/kb/load-packs';
import { buildIndex } from '@/utils/matcher/build-index';
import { freshKb, dumpKb } from '../kb/kb-test-helpers';
import { startServer, type LocalServer } from '../sources/local-server';
import { bigPack, deskFeed } from './fixtures';
import { bundledPack, fakeClock, refresherFor, withBundled } from './helpers';

const packToll = () => bundledPack().figures.find((f) => f.id === 'protest-death-toll')!;
import { GONE_ERROR, LOCK_TTL_MS } from '@/utils/refresh/refresher';
import { listSourceViews } from '@/utils/refresh/source-views';
import { whatsNew } from '@/utils/refresh/whats-new';

let server: LocalServer;
let inFlight = 0;
let maxInFlight = 0;
let maxPerPath = 0;
const perPath = new Map<number, number>();
const bodies: Record<string, { type: string; body: string; status?: number }> = {};

beforeAll(async () => {
  const routes: Record<string, (req: unknown, res: import('node:http').ServerResponse) => void> = {};
  for (let i = 0; i < 20; i++) {
    routes[`/feed-${i}.xml`] = (_req, res) => {
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      perPath.set(i, (perPath.get(i) ?? 0) + 1);
      maxPerPath = Math.max(maxPerPath, perPath.get(i)!);
      setTimeout(() => {
        inFlight--;
        perPath.set(i, perPath.get(i)! - 1);
        res.writeHead(200, { 'Content-Type': 'application/rss+xml' }).end(
          deskFeed([{ title: `Item ${i}: Araghchi on the nuclear talks`, link: `https://desk.example/i-${i}`, date: '2026-06-30T12:00:00Z' }]),
        );
      }, 60);
    };
  }
  for (const path of ['/a', '/b', '/w', '/pack.json', '/gone']) {
    routes[path] = (_req, res) => {
      const b = bodies[path] ?? { type: 'text/plain', body: 'none', status: 404 };
      res.writeHead(b.status ?? 200, { 'Content-Type': b.type }).end(b.body);
    };
  }
  server = await startServer(routes as never);
});
afterAll(() => server.close());

async function dbWith(configs: { id: string; kind: 'feed' | 'pack'; path: string }[]): Promise<KbDatabase> {
  const db = freshKb();
  await withBundled(db);
  await db.sourceConfigs.bulkPut(
    configs.map((c) => ({ id: c.id, kind: c.kind, url: server.url(c.path), title: c.id, enabled: true, intervalMinutes: 60 })),
  );
  return db;
}

describe('refresher', () => {
  it('refreshes at most four sources at once, and a source never twice at once', async () => {
    const db = await dbWith(Array.from({ length: 20 }, (_, i) => ({ id: `f${i}`, kind: 'feed' as const, path: `/feed-${i}.xml` })));
    const { refresher, events } = refresherFor(db, fakeClock());
    maxInFlight = 0;
    const [a, b] = await Promise.all([refresher.refresh(), refresher.refresh()]);
    expect(maxInFlight).toBeLessThanOrEqual(4);
    expect(maxInFlight).toBeGreaterThan(1);
    expect(maxPerPath).toBe(1);
    const updated = new Set([...a!, ...b!].filter((o) => o.status === 'updated').map((o) => o.id));
    expect(updated.size).toBe(20);
    // Progress: a start and an end per source refreshed.
    const starts = events.filter((e) => e.phase === 'start').length;
    expect(starts).toBeGreaterThanOrEqual(20);
    expect(events.filter((e) => e.phase === 'end')).toHaveLength(starts);
    await db.delete();
  });

  it('honours a live lock from another refresher and takes over an expired one', async () => {
    const db = await dbWith([{ id: 'a', kind: 'feed', path: '/feed-1.xml' }]);
    const clock = fakeClock();
    await db.sourceConfigs.update('a', { refreshingSince: clock.now(), refreshOwner: 'someone-else' });
    const { refresher } = refresherFor(db, clock);
    expect(await refresher.refresh('a')).toEqual([{ id: 'a', status: 'skipped', reason: 'locked' }]);
    expect((await listSourceViews(db, clock.now())).find((s) => s.id === 'a')?.refreshing).toBe(true);
    clock.advance(LOCK_TTL_MS + 1);
    expect(await refresher.refresh('a')).toEqual([{ id: 'a', status: 'updated' }]);
    // In the extension only one worker runs: a lock of an earlier worker life is stale at once.
    await db.sourceConfigs.update('a', { refreshingSince: clock.now(), refreshOwner: 'dead-worker' });
    const { refresher: exclusive } = refresherFor(db, clock, { exclusive: true });
    expect(await exclusive.refresh('a')).toEqual([{ id: 'a', status: 'updated' }]);
    await db.delete();
  });

  it('a refresh killed half-way leaves no source half-written; the next one completes it', async () => {
    const sources = Array.from({ length: 8 }, (_, i) => ({ id: `f${i}`, kind: 'feed' as const, path: `/feed-${i}.xml` }));
    const db = await dbWith(sources);
    const clock = fakeClock();
    const before = await dumpKb(db);
    let writes = 0;
    // Dies inside the fourth source's write transaction, after earlier sources were written.
    const { refresher } = refresherFor(db, clock, {
      beforeWrite: async (id) => {
        writes++;
        const url = `https://half.example/${id}`;
        await db.articles.put({ id: `${id}|${url}`, url, sourceId: id, title: 'half-written', date: '2026-07-01T00:00:00Z', summary: '' });
        if (writes >= 4) throw new Error('worker stopped');
      },
    });
    await refresher.refresh();
    const after = await db.articles.toArray();
    expect(after.some((a) => a.title === 'half-written' && !['f0', 'f1', 'f2'].includes(a.sourceId))).toBe(false);
    for (const { id } of sources) {
      const rows = after.filter((a) => a.sourceId === id && a.title !== 'half-written');
      // Each source has either its old (no) data or the whole new set: never part of it.
      expect([0, 3]).toContain(rows.length);
    }
    expect(before.packs).toEqual(await db.packs.toArray());

    // Abandoned: a refresh that never finishes (the worker was stopped while fetching) keeps its locks...
    const stuck = refresherFor(db, clock, { fetchImpl: () => new Promise<Response>(() => {}), timeoutMs: 60 * 60_000 });
    void stuck.refresher.refresh();
    await new Promise((resolve) => setTimeout(resolve, 200));
    const { refresher: next } = refresherFor(db, clock);
    const blocked = await next.refresh();
    expect(blocked.some((o) => o.status === 'skipped')).toBe(true);
    // ...until they expire; then a new refresher completes every source.
    clock.advance(LOCK_TTL_MS + 1);
    const done = await next.refresh();
    expect(done.every((o) => o.status === 'updated')).toBe(true);
    for (const { id } of sources) {
      expect(await db.articles.where('sourceId').equals(id).filter((a) => a.title !== 'half-written').count()).toBe(3);
    }
    await db.delete();
  });

  it('marks a 410 source as gone and a source without permission as such, without fetching it', async () => {
    bodies['/gone'] = { type: 'text/plain', body: '', status: 410 };
    const db = await dbWith([
      { id: 'gone', kind: 'feed', path: '/gone' },
      { id: 'denied', kind: 'feed', path: '/a' },
    ]);
    const { refresher } = refresherFor(db, fakeClock(), { hasOriginPermission: async (url) => !url.endsWith('/a') });
    const before = server.requests.length;
    await refresher.refresh();
    expect(server.requests.slice(before).map((r) => r.path)).toEqual(['/gone']);
    expect(await db.sourceConfigs.get('gone')).toMatchObject({ enabled: false, lastError: GONE_ERROR });
    const denied = (await listSourceViews(db, 0)).find((s) => s.id === 'denied');
    expect(denied).toMatchObject({ permissionMissing: true, error: `Backstory no longer has permission to read ${new URL(server.origin).host}` });
    await db.delete();
  });

  it('holds back a pack update that drops most entities until it is confirmed', async () => {
    bodies['/pack.json'] = { type: 'application/json', body: JSON.stringify(bigPack('1.0.0', 30)) };
    const db = await dbWith([{ id: 'p', kind: 'pack', path: '/pack.json' }]);
    const clock = fakeClock();
    const { refresher } = refresherFor(db, clock);
    expect(await refresher.refresh('p')).toEqual([{ id: 'p', status: 'updated' }]);
    bodies['/pack.json'] = { type: 'application/json', body: JSON.stringify(bigPack('2.0.0', 1)) };
    expect(await refresher.refresh('p')).toEqual([{ id: 'p', status: 'held' }]);
    expect((await db.packs.get('test-big'))?.version).toBe('1.0.0');
    const view = (await listSourceViews(db, clock.now())).find((s) => s.id === 'p');
    expect(view?.heldUpdate).toEqual({ version: '2.0.0', entities: 6, currentEntities: 35 });
    expect(await refresher.confirmPackUpdate('p')).toEqual({ ok: true });
    expect((await db.packs.get('test-big'))?.version).toBe('2.0.0');
    expect(await db.entities.where('packId').equals('test-big').count()).toBe(6);
    expect((await listSourceViews(db, clock.now())).find((s) => s.id === 'p')?.heldUpdate).toBeUndefined();
    expect(await refresher.confirmPackUpdate('p')).toMatchObject({ ok: false });
    await db.delete();
  });

  it('a remote version of the bundled pack supersedes it', async () => {
    const db = await dbWith([{ id: 'remote', kind: 'pack', path: '/b' }]);
    const bundled = (await import('./helpers')).bundledPack();
    const araghchi = bundled.entities.find((e) => e.id === 'abbas-araghchi')!;
    araghchi.summary = 'Updated summary from the remote pack.';
    // One patch past the bundled copy, so the test follows the bundled pack's version.
    const newer = bundled.version.replace(/\d+$/, (patch) => String(Number(patch) + 1));
    bodies['/b'] = { type: 'application/json', body: JSON.stringify({ ...bundled, version: newer }) };
    const { refresher } = refresherFor(db, fakeClock());
    expect(await refresher.refresh('remote')).toEqual([{ id: 'remote', status: 'updated' }]);
    expect(await db.packs.get('us-iran-talks')).toMatchObject({ version: newer, sourceId: 'remote' });
    expect((await db.entities.get(['us-iran-talks', 'abbas-araghchi']))?.summary).toBe('Updated summary from the remote pack.');
    // An older remote copy never replaces a newer one held by another source.
    const other = await dbWith([{ id: 'old', kind: 'pack', path: '/b' }]);
    bodies['/b'] = { type: 'application/json', body: JSON.stringify({ ...bundled, version: '0.9.0' }) };
    await refresherFor(other, fakeClock()).refresher.refresh('old');
    expect(await other.packs.get('us-iran-talks')).toMatchObject({ sourceId: 'bundled' });
    expect((await other.sourceConfigs.get('old'))?.lastError).toMatch(/older than the copy in use/);
    await other.delete();
    await db.delete();
  });

  // The feed news below is dated after the bundled pack's facts (asOf 29 Sep 2026), so it is news to the pack.
  it('a round and a claim reported by two feeds show once in the timeline, the figure card and what changed', async () => {
    const db = await dbWith([{ id: 'desk', kind: 'feed', path: '/a' }, { id: 'wire', kind: 'feed', path: '/w' }]);
    await db.sourceConfigs.update('wire', { enabled: true });
    const clock = fakeClock(Date.parse('2026-10-20T08:00:00Z'));
    const { refresher } = refresherFor(db, clock);
    await whatsNew(db, true, clock.now());
    const items = [
      { title: 'Third round of US-Iran nuclear talks opens in Geneva', link: 'https://desk.example/geneva-3', date: '2026-10-18T09:00:00Z' },
      { title: 'Protest crackdown death toll rises to 7,450, HRANA says', link: 'https://desk.example/toll', date: '2026-10-17T09:00:00Z' },
    ];
    bodies['/a'] = { type: 'application/rss+xml', body: deskFeed(items) };
    bodies['/w'] = { type: 'application/rss+xml', body: deskFeed(items.map((i) => ({ ...i, link: i.link.replace('desk', 'wire') }))) };
    expect(await refresher.refresh()).toEqual(
      expect.arrayContaining([{ id: 'desk', status: 'updated' }, { id: 'wire', status: 'updated' }]),
    );
    // Both feeds did report them: each has its reported pack.
    expect((await db.packs.toArray()).filter((p) => p.id.startsWith('reported-')).map((p) => p.id).sort()).toEqual(['reported-desk', 'reported-wire']);
    const latest = await getLatestRound(db);
    expect(latest?.round.id).toBe('reported-2026-10-18-geneva');
    expect(latest?.round.timeline.filter((t) => t.id === 'reported-2026-10-18-geneva')).toHaveLength(1);
    // From the story pack's side too.
    const story = await getCardData(db, { kind: 'round', id: 'r2026-3' });
    expect(story?.type === 'round' && story.timeline.filter((t) => t.id === 'reported-2026-10-18-geneva')).toHaveLength(1);
    const figure = await getCardData(db, { kind: 'figure', id: 'protest-death-toll' });
    if (figure?.type !== 'figure') throw new Error('no figure card');
    expect(figure.claims.filter((c) => c.reported && c.value === 7450)).toHaveLength(1);
    const changes = await whatsNew(db, false, clock.now());
    expect(changes.rounds.filter((r) => r.id === 'reported-2026-10-18-geneva')).toHaveLength(1);
    expect(changes.claims.filter((c) => c.value === '7,450')).toHaveLength(1);
    await db.delete();
  });

  it('a feed item about a new round becomes the reported latest round, until a pack confirms it', async () => {
    const db = await dbWith([{ id: 'desk', kind: 'feed', path: '/a' }, { id: 'remote', kind: 'pack', path: '/b' }]);
    await db.sourceConfigs.update('remote', { enabled: true });
    const clock = fakeClock(Date.parse('2026-10-20T08:00:00Z'));
    const { refresher } = refresherFor(db, clock);
    await whatsNew(db, true, clock.now());
    bodies['/a'] = {
      type: 'application/rss+xml',
      body: deskFeed([
        { title: 'Third round of US-Iran nuclear talks opens in Geneva', link: 'https://desk.example/geneva-3', date: '2026-10-18T09:00:00Z' },
        { title: 'Protest crackdown death toll rises to 7,450, HRANA says', link: 'https://desk.example/toll', date: '2026-10-17T09:00:00Z' },
      ]),
    };
    expect(await refresher.refresh('desk')).toEqual([{ id: 'desk', status: 'updated' }]);
    const latest = await getLatestRound(db);
    expect(latest?.round).toMatchObject({ reported: true, dateStart: '2026-10-18', status: 'held' });
    const changes = await whatsNew(db, false, clock.now());
    expect(changes.rounds.map((r) => r.reported)).toEqual([true]);
    expect(changes.claims).toEqual([expect.objectContaining({ figureId: 'protest-death-toll', value: '7,450', reported: true })]);
    expect(changes.articles.map((a) => a.url)).toContain('https://desk.example/geneva-3');
    expect(await db.articles.get('desk|https://desk.example/geneva-3')).toBeDefined();
    // Cards: the figure card lists the reported claim beside the pack's; the timeline shows the reported round.
    const figure = await getCardData(db, { kind: 'figure', id: 'protest-death-toll' });
    if (figure?.type !== 'figure') throw new Error('no figure card');
    expect(figure.packTitle).not.toMatch(/^Reported/);
    expect(figure.claims.filter((c) => c.reported && c.value === 7450)).toHaveLength(1);
    expect(figure.claims.length).toBeGreaterThan(10);
    expect(latest?.round.timeline.some((t) => t.reported && t.current)).toBe(true);
    expect(latest?.round.timeline.some((t) => t.id === 'r2026-3')).toBe(true);
    const round = await getCardData(db, { kind: 'round', id: 'r2026-3' });
    expect(round?.type === 'round' && round.timeline.some((t) => t.reported)).toBe(true);
    // The matcher index keeps the story pack's figure (all its claims), not the reported copy.
    const index = buildIndex(await loadPacks(db));
    expect(index.figures.find((f) => f.id === 'protest-death-toll')!.claims.length).toBe(packToll().claims.length);
    const coverage = await getCardData(db, { kind: 'person', id: 'abbas-araghchi' });
    expect(coverage?.type === 'entity' && coverage.coverage.map((c) => c.url)).toContain('https://desk.example/araghchi-ready');
    const araghchi = await db.articles.get('desk|https://desk.example/araghchi-ready');
    expect(araghchi?.entityIds).toContain('abbas-araghchi');

    // A pack update with the round and the claim makes the reported ones disappear.
    const bundled = (await import('./helpers')).bundledPack();
    bundled.version = bundled.version.replace(/\d+$/, (patch) => String(Number(patch) + 1));
    bundled.rounds.push({
      ...bundled.rounds.find((r) => r.id === 'r2026-2')!,
      id: 'r2026-geneva-october',
      label: 'Geneva, October',
      dateStart: '2026-10-18',
      ordinal: undefined as never,
    });
    delete (bundled.rounds[bundled.rounds.length - 1] as { ordinal?: number }).ordinal;
    const toll = bundled.figures.find((f) => f.id === 'protest-death-toll')!;
    toll.claims.push({ ...toll.claims[0]!, id: 'hrana-7450', value: 7450, asOf: '2026-10-17' });
    bodies['/b'] = { type: 'application/json', body: JSON.stringify(bundled) };
    expect(await refresher.refresh('remote')).toEqual([{ id: 'remote', status: 'updated' }]);
    expect(await db.packs.get('reported-desk')).toBeUndefined();
    expect((await getLatestRound(db))?.round).toMatchObject({ id: 'r2026-geneva-october' });
    expect((await getLatestRound(db))?.round.reported).toBeUndefined();
    await db.delete();
  });
});
