/**
 * Which stored packs are in use: a pack counts unless the reader disabled the source it came from. Disabling a
 * source must take its names off pages and its cards away without deleting its data.
 */
import type { KbDatabase } from './db';
import type { PackInfoRow } from './records';

/** The active packs' info rows by pack id. */
export async function getActivePacks(db: KbDatabase): Promise<Map<string, PackInfoRow>> {
  const [packs, configs] = await Promise.all([db.packs.toArray(), db.sourceConfigs.toArray()]);
  const disabled = new Set(configs.filter((c) => !c.enabled).map((c) => c.id));
  return new Map(packs.filter((p) => !disabled.has(p.sourceId)).map((p) => [p.id, p]));
}

export async function getActivePackIds(db: KbDatabase): Promise<Set<string>> {
  return new Set((await getActivePacks(db)).keys());
}

/** Bumped in the same transaction as every pack import, so a cached matcher index can tell it is stale. */
const KB_REVISION_KEY = 'kb-revision';

export async function getKbRevision(db: KbDatabase): Promise<number> {
  const row = await db.meta.get(KB_REVISION_KEY);
  return typeof row?.value === 'number' ? row.value : 0;
}

/** Call inside a rw transaction that includes `meta`, or on its own. */
export async function bumpKbRevision(db: KbDatabase): Promise<number> {
  const next = (await getKbRevision(db)) + 1;
  await db.meta.put({ key: KB_REVISION_KEY, value: next });
  return next;
}
