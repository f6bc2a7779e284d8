/**
 * The schema-upgrade test over real v1 data: the committed fixture is loaded through raw IndexedDB with the v1
 * store definitions it carries (not through current code), then opened with the current `openKb`. Every record
 * must survive — passed through the record transforms of every later migration.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openKb, type KbDatabase } from '@/utils/kb/db';
import Dexie from 'dexie';
import { KB_VERSION, MIGRATIONS, applyMigrations, migrateRecords } from '@/utils/kb/migrations';
import { getCardData } from '@/utils/kb/card-data';
import { loadPacks } from '@/utils/kb/load-packs';
import { appendNetworkLog, clearNetworkLog, readNetworkLog } from '@/utils/kb/network-log';
import type { RawDbFixture } from '../../fixtures/db/make-v1-fixture';

const fixture = JSON.parse(
  gunzipSync(readFileSync(join(import.meta.dirname, '../../fixtures/db/kb-v1.json.gz'))).toString('utf8'),
) as RawDbFixture;

/** Recreates the v1 database byte for byte with plain IndexedDB. */
async function loadRaw(name: string): Promise<void> {
  const idb = await new Promise<IDBDatabase>((resolve, reject) => {
    const req = indexedDB.open(name, fixture.idbVersion);
    req.onupgradeneeded = () => {
      for (const s of fixture.stores) {
        const store = req.result.createObjectStore(s.name, { keyPath: s.keyPath, autoIncrement: s.autoIncrement });
        for (const index of s.indexes) store.createIndex(index.name, index.keyPath, { unique: index.unique, multiEntry: index.multiEntry });
      }
    };
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
  const tx = idb.transaction(fixture.stores.map((s) => s.name), 'readwrite');
  for (const s of fixture.stores) for (const record of s.records) tx.objectStore(s.name).put(record);
  await new Promise<void>((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
  });
  idb.close();
}

function checksum(records: readonly unknown[]): string {
  return createHash('sha256').update(JSON.stringify(records)).digest('hex');
}

/** What a table should hold after the upgrade: the fixture's records through every later migration's transform. */
function expectedRecords(table: string, records: readonly unknown[]): unknown[] {
  let out = [...records];
  for (const migration of MIGRATIONS.filter((m) => m.version > fixture.kbVersion)) {
    const transform = migration.transforms?.[table];
    if (transform) out = migrateRecords(transform, out);
  }
  return out;
}

/** The raw store definitions a schema version creates, read back from IndexedDB. */
async function rawDefinitions(name: string): Promise<Omit<RawDbFixture['stores'][number], 'records'>[]> {
  const idb = await new Promise<IDBDatabase>((resolve, reject) => {
    const req = indexedDB.open(name);
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
  const names = [...idb.objectStoreNames];
  const tx = idb.transaction(names, 'readonly');
  const defs = names.map((storeName) => {
    const store = tx.objectStore(storeName);
    return {
      name: storeName,
      keyPath: store.keyPath,
      autoIncrement: store.autoIncrement,
      indexes: [...store.indexNames].map((indexName) => {
        const index = store.index(indexName);
        return { name: index.name, keyPath: index.keyPath, unique: index.unique, multiEntry: index.multiEntry };
      }),
    };
  });
  idb.close();
  return defs;
}

it('the v1 entry of the migration list still creates exactly the fixture\'s stores (shipped entries are never edited)', async () => {
  const name = 'v1-definitions';
  const db = new Dexie(name);
  applyMigrations(db, MIGRATIONS.slice(0, 1));
  await db.open();
  db.close();
  const defs = await rawDefinitions(name);
  await Dexie.delete(name);
  expect(defs).toEqual(fixture.stores.map(({ records: _records, ...def }) => def));
});

describe('upgrade from the v1 fixture', () => {
  const name = 'upgrade-from-v1';
  let db: KbDatabase;
  beforeAll(async () => {
    await loadRaw(name);
    db = openKb(name);
    await db.open();
  }, 60_000);
  afterAll(async () => {
    await db.delete();
  });

  it('is a real v1 database with at least 10,000 entities', () => {
    expect(fixture.kbVersion).toBe(1);
    expect(fixture.stores.find((s) => s.name === 'entities')?.records.length).toBeGreaterThanOrEqual(10_000);
  });

  it('opens at the current version', () => {
    expect(db.verno).toBe(KB_VERSION);
  });

  it.each(fixture.stores.map((s) => [s.name, s] as const))('keeps every record of %s (count and checksum)', async (table, store) => {
    const expected = expectedRecords(table, store.records);
    const actual = await db.table(table).toArray();
    expect(actual.length).toBe(expected.length);
    expect(checksum(actual)).toBe(checksum(expected));
  });

  it('gains the network log (v2), empty and working, next to the untouched v1 tables', async () => {
    expect(db.tables.map((t) => t.name)).toContain('networkLog');
    expect(fixture.stores.map((s) => s.name)).not.toContain('networkLog');
    expect(await db.networkLog.count()).toBe(0);
    const at = Date.parse('2026-07-20T08:00:00Z');
    await appendNetworkLog(db, {
      at,
      method: 'GET',
      url: 'https://feeds.example.com/rss',
      outcome: 'not-modified',
      httpStatus: 304,
      bytes: 0,
      conditional: true,
      durationMs: 12,
      sourceId: 'feed-1',
      sourceTitle: 'at the time',
    }, at);
    // The v1 source row names the request's source.
    expect((await readNetworkLog(db, 10)).entries).toEqual([expect.objectContaining({ sourceId: 'feed-1', sourceTitle: 'Feed one', httpStatus: 304 })]);
    await clearNetworkLog(db);
  });

  it('serves cards and packs from the upgraded data', async () => {
    expect(await getCardData(db, { kind: 'org', id: 'e-1' })).toMatchObject({ type: 'entity', id: 'e-1' });
    const [pack] = await loadPacks(db);
    expect(pack?.entities).toHaveLength(10_000);
  });
});
