import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import {
  KB_VERSION,
  MIGRATIONS,
  SCHEMA_V1,
  applyMigrations,
  checkMigrations,
  migrateRecords,
  type KbMigration,
} from '@/utils/kb/migrations';
import { openKb } from '@/utils/kb/db';

describe('migration list', () => {
  it('is strictly increasing from 1 and ends at the current version', () => {
    expect(() => checkMigrations(MIGRATIONS)).not.toThrow();
    expect(KB_VERSION).toBe(MIGRATIONS.length);
    expect(() => checkMigrations([{ version: 1, stores: {} }, { version: 3, stores: {} }])).toThrow(/expected 2/);
  });

  it('the versions together declare every table the KB uses: v1 all but the network log, which v2 adds', async () => {
    const db = openKb('migrations-v1-tables');
    await db.open();
    expect(db.verno).toBe(KB_VERSION);
    expect(db.tables.map((t) => t.name).sort()).toEqual([...Object.keys(SCHEMA_V1), 'networkLog'].sort());
    expect(MIGRATIONS[1]).toEqual({ version: 2, stores: { networkLog: '++id, at' } });
    db.close();
    await db.delete();
  });
});

describe('record transforms', () => {
  // A made-up next migration: renames a field and drops rows without a site. Proves the machinery, not a real change.
  const renameCreated = (record: unknown) => {
    const r = record as { site?: string; createdAt?: number };
    if (!r.site) return null;
    const { createdAt, ...rest } = r;
    return { ...rest, at: createdAt };
  };

  it('are pure functions of records', () => {
    const input = [{ site: 'a', mentionId: 'x', createdAt: 1 }, { site: '', mentionId: 'y', createdAt: 2 }];
    const snapshot = structuredClone(input);
    expect(migrateRecords(renameCreated, input)).toEqual([{ site: 'a', mentionId: 'x', at: 1 }]);
    expect(input).toEqual(snapshot);
  });

  it('run in the upgrade transaction when a database at the current version opens at the next', async () => {
    const name = 'migrations-next-run';
    const v1 = openKb(name);
    await v1.suppressions.bulkPut([
      { site: 'a.example', mentionId: 'x', createdAt: 1 },
      { site: '', mentionId: 'y', createdAt: 2 },
    ]);
    v1.close();

    const next = KB_VERSION + 1;
    const v2Migrations: KbMigration[] = [...MIGRATIONS, { version: next, stores: {}, transforms: { suppressions: renameCreated } }];
    const v2 = new Dexie(name);
    applyMigrations(v2, v2Migrations);
    await v2.open();
    expect(v2.verno).toBe(next);
    expect(await v2.table('suppressions').toArray()).toEqual([{ site: 'a.example', mentionId: 'x', at: 1 }]);
    v2.close();
    await Dexie.delete(name);
  });
});
