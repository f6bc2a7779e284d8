/**
 * Writes one validated pack into the KB in a single read-write transaction: the pack's previous rows are deleted
 * and the new ones written, or — if anything throws (quota, a bad row) — Dexie aborts and the previous data stays
 * exactly as it was. The reader's own tables are outside the transaction, so an import cannot touch them.
 */
import type { StoryPack } from '../model/pack';
import { bumpKbRevision } from './active-packs';
import type { KbDatabase } from './db';
import { PACK_CONTENT_TABLES, type PackContentTable, type PackRow, type SourceConfigRow } from './records';

export interface ImportSummary {
  packId: string;
  version: string;
  sourceId: string;
  counts: Record<PackContentTable, number>;
  warnings: string[];
}

/** Default refresh interval of a remote pack source created by its first import. */
const DEFAULT_PACK_INTERVAL_MINUTES = 24 * 60;

/** The part of a row's primary key after `packId`: positions are keyed by their place in the pack. */
function rowKey(table: PackContentTable, row: PackRow<object>): string | number {
  return table === 'positions' ? row.ord : (row as PackRow<{ id: string }>).id;
}

function toRows<T extends object>(packId: string, items: readonly T[]): PackRow<T>[] {
  return items.map((item, ord) => ({ ...item, packId, ord }));
}

export async function importPack(
  db: KbDatabase,
  pack: StoryPack,
  sourceId: string,
  warnings: string[] = [],
): Promise<ImportSummary> {
  const packId = pack.id;
  const rows = {
    sources: toRows(packId, pack.sources),
    entities: toRows(packId, pack.entities),
    tracks: toRows(packId, pack.tracks),
    rounds: toRows(packId, pack.rounds),
    figures: toRows(packId, pack.figures),
    issues: toRows(packId, pack.issues),
    positions: toRows(packId, pack.positions),
  };
  const now = Date.now();
  const tables = [...PACK_CONTENT_TABLES.map((name) => db.table(name)), db.packs, db.sourceConfigs, db.meta];

  await db.transaction('rw', tables, async () => {
    for (const name of PACK_CONTENT_TABLES) {
      const table = db.table(name);
      // Rows whose key comes back are overwritten by bulkPut; only the keys that disappear need deleting,
      // which makes re-importing a mostly unchanged pack about as cheap as the first import.
      const keep = new Set(rows[name].map((row) => String(rowKey(name, row))));
      const stale = (await table.where('packId').equals(packId).primaryKeys()).filter(
        (key) => !keep.has(String((key as [string, string | number])[1])),
      );
      await table.bulkDelete(stale);
      await table.bulkPut(rows[name]);
    }
    await db.packs.put({
      id: packId,
      version: pack.version,
      title: pack.title,
      asOf: pack.asOf,
      description: pack.description,
      reportUrl: pack.reportUrl,
      talks: pack.talks,
      sides: pack.sides,
      sourceId,
      importedAt: now,
      warnings: [...warnings],
    });
    const config = await db.sourceConfigs.get(sourceId);
    if (config) {
      await db.sourceConfigs.update(sourceId, { lastSuccess: now, lastError: undefined });
    } else {
      // The first import of a source (e.g. the bundled pack on install) registers it, so it shows up in the list.
      const created: SourceConfigRow = {
        id: sourceId,
        kind: sourceId === 'bundled' ? 'bundled' : 'pack',
        title: pack.title,
        enabled: true,
        intervalMinutes: sourceId === 'bundled' ? 0 : DEFAULT_PACK_INTERVAL_MINUTES,
        lastAttempt: now,
        lastSuccess: now,
      };
      await db.sourceConfigs.put(created);
    }
    await bumpKbRevision(db);
  });

  const counts = Object.fromEntries(PACK_CONTENT_TABLES.map((name) => [name, rows[name].length])) as Record<
    PackContentTable,
    number
  >;
  return { packId, version: pack.version, sourceId, counts, warnings: [...warnings] };
}
