import { describe, expect, it } from 'vitest';
import {
  NETWORK_LOG_MAX_AGE_MS,
  NETWORK_LOG_MAX_ROWS,
  appendNetworkLog,
  clearNetworkLog,
  pruneNetworkLog,
  readNetworkLog,
} from '@/utils/kb/network-log';
import type { SourceRequest } from '@/utils/sources/request-record';
import { freshKb } from './kb-test-helpers';

const DAY = 86_400_000;
const NOW = Date.parse('2026-07-20T08:00:00Z');

function request(at: number, extra: Partial<SourceRequest> = {}): SourceRequest {
  return {
    at,
    method: 'GET',
    url: `https://feeds.example/${at}.xml`,
    outcome: 'ok',
    httpStatus: 200,
    bytes: 1200,
    conditional: false,
    durationMs: 40,
    sourceId: 'src-feed',
    sourceTitle: 'Feed at the time',
    ...extra,
  };
}

describe('network log', () => {
  it('keeps every field and answers newest first by the time sent', async () => {
    const db = freshKb();
    // Written out of order, as concurrent requests finish.
    await appendNetworkLog(db, request(NOW - 3_000), NOW);
    await appendNetworkLog(db, request(NOW - 1_000, { outcome: 'not-modified', httpStatus: 304, bytes: 0, conditional: true }), NOW);
    await appendNetworkLog(db, request(NOW - 2_000, { outcome: 'timeout', bytes: 0, httpStatus: undefined, durationMs: 20_000 }), NOW);
    const log = await readNetworkLog(db, 10);
    expect(log.entries.map((e) => e.at)).toEqual([NOW - 1_000, NOW - 2_000, NOW - 3_000]);
    expect(log.entries[0]).toMatchObject({ outcome: 'not-modified', httpStatus: 304, bytes: 0, conditional: true, url: `https://feeds.example/${NOW - 1_000}.xml` });
    expect(log.entries[1]).toMatchObject({ outcome: 'timeout', durationMs: 20_000 });
    expect(log).toMatchObject({ total: 3, keptDays: 7, maxRows: NETWORK_LOG_MAX_ROWS });
    expect(new Set(log.entries.map((e) => e.id)).size).toBe(3);
  });

  it('requests sent in the same millisecond come newest-written first', async () => {
    const db = freshKb();
    await appendNetworkLog(db, request(NOW, { url: 'https://a.example/first' }), NOW);
    await appendNetworkLog(db, request(NOW, { url: 'https://a.example/second' }), NOW);
    expect((await readNetworkLog(db, 10)).entries.map((e) => e.url)).toEqual(['https://a.example/second', 'https://a.example/first']);
  });

  it('answers at most the limit, with the total kept', async () => {
    const db = freshKb();
    for (let i = 0; i < 5; i++) await appendNetworkLog(db, request(NOW - i * 1000), NOW);
    const log = await readNetworkLog(db, 2);
    expect(log.entries.map((e) => e.at)).toEqual([NOW, NOW - 1000]);
    expect(log.total).toBe(5);
  });

  it('shows a source by its current title, and by the recorded one once it is removed', async () => {
    const db = freshKb();
    await db.sourceConfigs.put({ id: 'src-feed', kind: 'feed', url: 'https://feeds.example/x.xml', title: 'Talks Desk', enabled: true, intervalMinutes: 60 });
    await appendNetworkLog(db, request(NOW), NOW);
    await appendNetworkLog(db, request(NOW - 1, { sourceId: 'src-gone', sourceTitle: 'A removed feed' }), NOW);
    expect((await readNetworkLog(db, 10)).entries.map((e) => e.sourceTitle)).toEqual(['Talks Desk', 'A removed feed']);
  });

  it('drops requests older than a week when it writes', async () => {
    const db = freshKb();
    await appendNetworkLog(db, request(NOW - 8 * DAY), NOW - 8 * DAY);
    await appendNetworkLog(db, request(NOW - 6 * DAY), NOW - 6 * DAY);
    expect(await db.networkLog.count()).toBe(2);
    await appendNetworkLog(db, request(NOW), NOW);
    expect((await readNetworkLog(db, 10)).entries.map((e) => e.at)).toEqual([NOW, NOW - 6 * DAY]);
  });

  it('prunes by age on its own (the worker waking), also rows dated past a clock set back', async () => {
    const db = freshKb();
    await db.networkLog.bulkAdd([
      request(NOW - NETWORK_LOG_MAX_AGE_MS - 1),
      request(NOW - NETWORK_LOG_MAX_AGE_MS + 1),
      request(NOW),
      request(NOW + 30 * DAY),
    ]);
    expect(await pruneNetworkLog(db, NOW)).toBe(2);
    expect((await db.networkLog.toArray()).map((r) => r.at).sort()).toEqual([NOW - NETWORK_LOG_MAX_AGE_MS + 1, NOW]);
    expect(await pruneNetworkLog(db, NOW)).toBe(0);
  });

  it(`keeps at most ${NETWORK_LOG_MAX_ROWS} rows, dropping the oldest`, async () => {
    const db = freshKb();
    const rows = Array.from({ length: NETWORK_LOG_MAX_ROWS + 10 }, (_, i) => request(NOW - 60_000 - i));
    await db.networkLog.bulkAdd(rows);
    await appendNetworkLog(db, request(NOW), NOW);
    expect(await db.networkLog.count()).toBe(NETWORK_LOG_MAX_ROWS);
    const kept = (await db.networkLog.orderBy('at').toArray()).map((r) => r.at);
    expect(kept[kept.length - 1]).toBe(NOW);
    // The 11 oldest went: the oldest kept is the 5,000th newest.
    expect(kept[0]).toBe(NOW - 60_000 - (NETWORK_LOG_MAX_ROWS - 2));
  });

  it('a smaller cap and age can be given (a runaway source fills nothing)', async () => {
    const db = freshKb();
    const limits = { maxRows: 3, maxAgeMs: DAY };
    for (let i = 0; i < 10; i++) await appendNetworkLog(db, request(NOW + i), NOW + i, limits);
    expect((await readNetworkLog(db, 10, limits)).entries.map((e) => e.at)).toEqual([NOW + 9, NOW + 8, NOW + 7]);
  });

  it('clears', async () => {
    const db = freshKb();
    await appendNetworkLog(db, request(NOW), NOW);
    await clearNetworkLog(db);
    expect(await readNetworkLog(db, 10)).toMatchObject({ entries: [], total: 0 });
  });
});
