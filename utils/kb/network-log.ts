/**
 * The network log: every request Backstory made (one row each, written by the background as `fetchSource` reports
 * it), kept for a week and capped in rows, so the reader can see that only their own sources are contacted and a
 * runaway refresh cannot fill the disk. Pruned on every write and when the worker wakes.
 */
import type { NetworkLogEntryView, NetworkLogView } from '../messaging/views';
import type { SourceRequest } from '../sources/request-record';
import type { KbDatabase } from './db';

export const NETWORK_LOG_MAX_AGE_MS = 7 * 24 * 60 * 60_000;
export const NETWORK_LOG_MAX_ROWS = 5_000;

interface NetworkLogLimits {
  maxAgeMs: number;
  maxRows: number;
}

const DEFAULT_LIMITS: NetworkLogLimits = { maxAgeMs: NETWORK_LOG_MAX_AGE_MS, maxRows: NETWORK_LOG_MAX_ROWS };

/** Adds one request and prunes, in one transaction. */
export async function appendNetworkLog(
  db: KbDatabase,
  request: SourceRequest,
  now: number,
  limits: NetworkLogLimits = DEFAULT_LIMITS,
): Promise<void> {
  await db.transaction('rw', db.networkLog, async () => {
    await db.networkLog.add({ ...request });
    await prune(db, now, limits);
  });
}

/** Drops rows older than the age limit (and rows dated in the future past it: a clock set back) and the oldest over the cap. */
export async function pruneNetworkLog(db: KbDatabase, now: number, limits: NetworkLogLimits = DEFAULT_LIMITS): Promise<number> {
  return db.transaction('rw', db.networkLog, () => prune(db, now, limits));
}

async function prune(db: KbDatabase, now: number, limits: NetworkLogLimits): Promise<number> {
  let removed = await db.networkLog.where('at').below(now - limits.maxAgeMs).delete();
  removed += await db.networkLog.where('at').above(now + limits.maxAgeMs).delete();
  const over = (await db.networkLog.count()) - limits.maxRows;
  if (over > 0) {
    const oldest = await db.networkLog.orderBy('at').limit(over).primaryKeys();
    await db.networkLog.bulkDelete(oldest);
    removed += oldest.length;
  }
  return removed;
}

/**
 * The newest `limit` requests, newest first (by the time they were sent; the same millisecond by the order they
 * were written), with each source's current title when it is still configured.
 */
export async function readNetworkLog(db: KbDatabase, limit: number, limits: NetworkLogLimits = DEFAULT_LIMITS): Promise<NetworkLogView> {
  return db.transaction('r', db.networkLog, db.sourceConfigs, async () => {
    const rows = await db.networkLog.orderBy('at').reverse().limit(Math.max(0, limit)).toArray();
    const titles = new Map((await db.sourceConfigs.toArray()).map((c) => [c.id, c.title]));
    const entries = rows.map((row): NetworkLogEntryView => {
      const { id, sourceTitle, ...rest } = row;
      return { ...rest, id: id ?? 0, sourceTitle: titles.get(row.sourceId) ?? sourceTitle };
    });
    return {
      entries,
      total: await db.networkLog.count(),
      notModified: await db.networkLog.filter((r) => r.outcome === 'not-modified').count(),
      keptDays: Math.round(limits.maxAgeMs / 86_400_000),
      maxRows: limits.maxRows,
    };
  });
}

export async function clearNetworkLog(db: KbDatabase): Promise<void> {
  await db.networkLog.clear();
}
