/**
 * Schema versions as an append-only list keyed by target version (after WXT storage versioning and yomitan's
 * options-util). Never edit a shipped entry: add the next one. A migration's record changes are pure functions
 * (`transforms`, per table) so they are unit-tested on plain records; `applyMigrations` runs them in Dexie's
 * upgrade transaction.
 */
import type Dexie from 'dexie';

/** Dexie store specs: primary key first, then indexes; null deletes a table. */
type StoreSpecs = Record<string, string | null>;

/** Returns the upgraded record, or null to drop it. */
type RecordTransform = (record: unknown) => unknown;

export interface KbMigration {
  version: number;
  stores: StoreSpecs;
  transforms?: Record<string, RecordTransform>;
}

export const SCHEMA_V1: StoreSpecs = {
  packs: 'id, sourceId',
  sources: '[packId+id], packId, id',
  entities: '[packId+id], packId, id, kind',
  tracks: '[packId+id], packId, id',
  rounds: '[packId+id], packId, id, dateStart',
  figures: '[packId+id], packId, id',
  issues: '[packId+id], packId, id',
  positions: '[packId+ord], packId, [packId+party]',
  sourceConfigs: 'id, kind, nextDue',
  articles: 'id, sourceId, date, *entityIds',
  suppressions: '[site+mentionId], site',
  notes: 'id, [refKind+refId]',
  seen: 'key',
  settings: 'key',
  meta: 'key',
};

export const MIGRATIONS: readonly KbMigration[] = [
  { version: 1, stores: SCHEMA_V1 },
  // The network log (utils/kb/network-log.ts): one row per request, newest found by time. Nothing else changes.
  { version: 2, stores: { networkLog: '++id, at' } },
];

export const KB_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;

/** Applies one table's transform to records (null or undefined drops one); pure, used by the upgrade and its tests. */
export function migrateRecords(transform: RecordTransform, records: readonly unknown[]): unknown[] {
  const out: unknown[] = [];
  for (const record of records) {
    const next = transform(record);
    if (next !== null && next !== undefined) out.push(next);
  }
  return out;
}

/** Throws when the list is not strictly increasing from 1: a broken list must never reach users. */
export function checkMigrations(migrations: readonly KbMigration[]): void {
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`migration #${i} has version ${m.version}, expected ${i + 1}`);
  });
}

export function applyMigrations(db: Dexie, migrations: readonly KbMigration[] = MIGRATIONS): void {
  checkMigrations(migrations);
  for (const migration of migrations) {
    const version = db.version(migration.version).stores(migration.stores);
    const transforms = migration.transforms;
    if (!transforms) continue;
    version.upgrade(async (tx) => {
      for (const [table, transform] of Object.entries(transforms)) {
        await tx
          .table(table)
          .toCollection()
          .modify((record, ctx) => {
            // The same rule as on plain records: a transform answering null or undefined drops the record.
            const [next] = migrateRecords(transform, [record]);
            if (next === undefined) delete (ctx as { value?: unknown }).value;
            else ctx.value = next;
          });
      }
    });
  }
}
