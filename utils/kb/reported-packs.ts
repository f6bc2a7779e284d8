/**
 * Reported packs: what a feed reports (a new round, a new number) and no story pack confirms yet is stored as a
 * synthetic pack `reported-<sourceId>` (written by utils/refresh/). Story packs come first wherever ids repeat, and
 * the timeline shows reported rounds beside the story's own.
 */
import type { KbDatabase } from './db';
import type { RoundRow } from './records';

export const REPORTED_PACK_PREFIX = 'reported-';

export function isReportedPackId(packId: string): boolean {
  return packId.startsWith(REPORTED_PACK_PREFIX);
}

/** Story packs before reported ones, otherwise in the given order (for "first pack wins" lookups). */
export function storyPacksFirst<T extends { packId?: string; id?: string }>(a: T, b: T): number {
  const key = (row: T) => Number(isReportedPackId(row.packId ?? row.id ?? ''));
  return key(a) - key(b);
}

/**
 * The first item for each key, in order: several feeds reporting the same round or claim write it into each of
 * their reported packs, and the reader should see it once.
 */
export function firstOfEach<T>(items: readonly T[], key: (item: T) => string): T[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    const k = key(item);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/**
 * The rounds on a round card's timeline: its own pack's, plus the active reported packs' for a story pack, or the
 * active story packs' for a reported pack. Needs `packs`, `sourceConfigs` and `rounds` in the transaction.
 */
export async function timelineRounds(db: KbDatabase, packId: string): Promise<RoundRow[]> {
  // One round of reads (no await between requests): a read transaction shared with Promise.all siblings must never
  // sit idle, or IndexedDB commits it under them.
  const [packs, configs, rows] = await Promise.all([db.packs.toArray(), db.sourceConfigs.toArray(), db.rounds.toArray()]);
  const disabled = new Set(configs.filter((c) => !c.enabled).map((c) => c.id));
  const active = new Set(packs.filter((p) => !disabled.has(p.sourceId)).map((p) => p.id));
  const reported = isReportedPackId(packId);
  const own = rows.filter((r) => r.packId === packId);
  const others = rows.filter(
    (r) => r.packId !== packId && active.has(r.packId) && (reported ? !isReportedPackId(r.packId) : isReportedPackId(r.packId)),
  );
  const ownIds = new Set(own.map((r) => r.id));
  return [...own, ...firstOfEach(others, (r) => r.id).filter((r) => !ownIds.has(r.id))];
}
