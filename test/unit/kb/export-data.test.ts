import { afterEach, describe, expect, it } from 'vitest';
import { exportAll, importAll, planImport, type KbExport } from '@/utils/kb/export-data';
import { importPack } from '@/utils/kb/import-pack';
import { loadPacks } from '@/utils/kb/load-packs';
import type { KbDatabase } from '@/utils/kb/db';
import { dumpKb, failWrites, freshKb, quotaError, smallPack } from './kb-test-helpers';

const open: KbDatabase[] = [];
function kb(): KbDatabase {
  const db = freshKb();
  open.push(db);
  return db;
}
afterEach(async () => {
  await Promise.all(open.splice(0).map((db) => db.delete()));
});

async function seeded(): Promise<KbDatabase> {
  const db = kb();
  await importPack(db, smallPack(), 'bundled', ['entities[0].nickname: unknown key dropped']);
  await db.sourceConfigs.put({ id: 'feed-a', kind: 'feed', url: 'https://a.example/rss', title: 'A', enabled: false, intervalMinutes: 30, etag: 'W/"1"' });
  await db.settings.bulkPut([{ key: 'underline', value: 'dotted' }, { key: 'kinds', value: { person: true, figure: false } }]);
  await db.suppressions.put({ site: 'news.example', mentionId: 'geneva', createdAt: 5 });
  await db.notes.put({ id: 'n1', refKind: 'person', refId: 'ana-north', text: 'Check her title.', updatedAt: 6 });
  await db.seen.put({ key: 'latest-round', value: 'round-2', at: 7 });
  await db.meta.put({ key: 'matcher-index', value: 'cache' });
  return db;
}

describe('exportAll / importAll', () => {
  it('round-trips sources, settings, user tables and packs into an empty KB', async () => {
    const source = await seeded();
    const exported = JSON.parse(JSON.stringify(await exportAll(source))) as KbExport;
    expect(exported).toMatchObject({ format: 'backstory-export', version: 1 });
    expect(exported.packs).toEqual([{ sourceId: 'bundled', pack: smallPack() }]);

    const target = kb();
    const result = await importAll(target, exported);
    expect(result).toEqual({ ok: true, summary: { sources: 2, packs: 1, settings: 2, suppressions: 1 }, warnings: [] });
    const [a, b] = [await dumpKb(source), await dumpKb(target)];
    for (const table of ['sourceConfigs', 'settings', 'suppressions', 'notes', 'seen', 'entities', 'rounds', 'positions']) {
      expect(b[table], table).toEqual(a[table]);
    }
    expect(b.meta).toEqual([{ key: 'kb-revision', value: 1 }]); // caches are not exported; the import bumped the revision
    expect(await loadPacks(target)).toEqual([smallPack()]);
  });

  it('plans without writing and reports what it would write', async () => {
    const exported = await exportAll(await seeded());
    const target = kb();
    const before = await dumpKb(target);
    const planned = planImport(exported);
    expect(planned.ok && planned.plan.summary).toEqual({ sources: 2, packs: 1, settings: 2, suppressions: 1 });
    expect(await dumpKb(target)).toStrictEqual(before);
  });

  it('keeps rows not in the import and replaces those with the same key', async () => {
    const target = await seeded();
    const result = await importAll(target, {
      format: 'backstory-export',
      version: 1,
      settings: [{ key: 'underline', value: 'wavy' }],
      suppressions: [{ site: 'other.example', mentionId: 'ana-north', createdAt: 9 }],
    });
    expect(result.ok).toBe(true);
    expect(await target.settings.get('underline')).toEqual({ key: 'underline', value: 'wavy' });
    expect(await target.settings.count()).toBe(2);
    expect(await target.suppressions.count()).toBe(2);
  });

  it.each([
    ['a pack with a javascript: source', (e: KbExport) => { e.packs[0]!.pack.sources[0]!.url = 'javascript:alert(1)'; }, /^packs\[0\]\.pack\.sources\[0\]\.url: /],
    ['an http feed URL', (e: KbExport) => { e.sourceConfigs[1]!.url = 'http://a.example/rss'; }, /^sourceConfigs\[1\]\.url: .*must be https/],
    ['a duplicate source', (e: KbExport) => { e.sourceConfigs.push({ ...e.sourceConfigs[0]! }); }, /^sourceConfigs\[2\]: duplicate id "bundled"/],
    ['a wrong format marker', (e: KbExport) => { (e as { format: string }).format = 'something-else'; }, /^format: this is not a Backstory export/],
    ['a non-JSON setting', (e: KbExport) => { e.settings[0]!.value = 10n; }, /^settings\[\d\]\.value: is not a JSON value/],
  ])('refuses %s and writes nothing', async (_name, spoil, message) => {
    const exported = await exportAll(await seeded());
    spoil(exported);
    const target = await seeded();
    const before = await dumpKb(target);
    const result = await importAll(target, exported);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.some((e) => message.test(e)), result.errors.join('\n')).toBe(true);
    expect(await dumpKb(target)).toStrictEqual(before);
  });

  it('writes nothing when a write fails part-way through the import', async () => {
    const exported = await exportAll(await seeded());
    const target = kb();
    await target.settings.put({ key: 'underline', value: 'solid' });
    const before = await dumpKb(target);
    const restore = failWrites(target.suppressions, quotaError());
    await expect(importAll(target, exported)).rejects.toThrow(/quota/);
    restore();
    expect(await dumpKb(target)).toStrictEqual(before);
  });
});
