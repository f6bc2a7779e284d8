import { afterEach, expect, it } from 'vitest';
import { listSources } from '@/utils/kb/list-sources';
import { importPack } from '@/utils/kb/import-pack';
import type { KbDatabase } from '@/utils/kb/db';
import { freshKb, smallPack } from './kb-test-helpers';

let db: KbDatabase;
afterEach(async () => {
  await db.delete();
});

it('lists the bundled source first, with the imported version and errors', async () => {
  db = freshKb();
  await db.sourceConfigs.bulkPut([
    { id: 'feed-a', kind: 'feed', url: 'https://a.example/rss', title: 'A feed', enabled: true, intervalMinutes: 30, lastError: 'HTTP 500' },
    { id: 'alpha', kind: 'pack', url: 'https://p.example/pack.json', title: 'Alpha pack', enabled: false, intervalMinutes: 60 },
  ]);
  await importPack(db, smallPack(), 'bundled');
  const list = await listSources(db);
  expect(list.map((s) => s.id)).toEqual(['bundled', 'alpha', 'feed-a']);
  expect(list[0]).toMatchObject({ kind: 'bundled', version: '1.0.0', enabled: true, title: 'Test talks' });
  expect(list[0]!.lastUpdated).toEqual(expect.any(Number));
  expect(list[2]).toEqual({ id: 'feed-a', kind: 'feed', url: 'https://a.example/rss', title: 'A feed', enabled: true, error: 'HTTP 500' });
});
