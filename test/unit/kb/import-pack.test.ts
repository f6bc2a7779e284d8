import { afterEach, describe, expect, it } from 'vitest';
import { importPack } from '@/utils/kb/import-pack';
import { loadPacks } from '@/utils/kb/load-packs';
import { getKbRevision } from '@/utils/kb/active-packs';
import { getCardData } from '@/utils/kb/card-data';
import { getLatestRound } from '@/utils/kb/latest-round';
import type { KbDatabase } from '@/utils/kb/db';
import { dumpKb, failWrites, freshKb, quotaError, smallPack } from './kb-test-helpers';

let db: KbDatabase;
afterEach(async () => {
  await db?.delete();
});

describe('importPack', () => {
  it('writes every collection and reassembles the identical pack', async () => {
    db = freshKb();
    const pack = smallPack();
    const summary = await importPack(db, pack, 'bundled', ['a warning']);
    expect(summary.counts).toEqual({ sources: 3, entities: 5, tracks: 1, rounds: 3, figures: 1, issues: 2, positions: 3 });
    expect(await loadPacks(db)).toEqual([pack]);
    const info = await db.packs.get('test-talks');
    expect(info).toMatchObject({ version: '1.0.0', sourceId: 'bundled', warnings: ['a warning'] });
  });

  it('registers a first-time source and updates lastSuccess of a known one', async () => {
    db = freshKb();
    await importPack(db, smallPack(), 'bundled');
    expect(await db.sourceConfigs.get('bundled')).toMatchObject({ kind: 'bundled', enabled: true });
    await db.sourceConfigs.put({ id: 'remote', kind: 'pack', title: 'Remote', enabled: false, intervalMinutes: 60, lastError: 'boom' });
    const before = Date.now();
    await importPack(db, { ...smallPack(), id: 'other' }, 'remote');
    const remote = await db.sourceConfigs.get('remote');
    expect(remote?.lastSuccess).toBeGreaterThanOrEqual(before);
    expect(remote?.lastError).toBeUndefined();
    expect(remote?.enabled).toBe(false); // the reader's choice survives an import
  });

  it('replaces a pack: rows removed from the new version disappear, other packs and user tables stay', async () => {
    db = freshKb();
    await importPack(db, smallPack(), 'bundled');
    await importPack(db, { ...smallPack(), id: 'other' }, 'remote');
    await db.suppressions.put({ site: 'example.com', mentionId: 'ana-north', createdAt: 1 });
    await db.settings.put({ key: 'underline', value: 'dotted' });

    const v2 = smallPack();
    v2.version = '2.0.0';
    v2.entities = v2.entities.slice(0, 2);
    v2.entities[0]!.name = 'Ana N. North';
    v2.positions = [];
    await importPack(db, v2, 'bundled');

    expect(await db.entities.where('packId').equals('test-talks').count()).toBe(2);
    expect((await db.entities.get(['test-talks', 'ana-north']))?.name).toBe('Ana N. North');
    expect(await db.positions.where('packId').equals('test-talks').count()).toBe(0);
    expect(await db.entities.where('packId').equals('other').count()).toBe(5);
    expect(await db.suppressions.count()).toBe(1);
    expect(await db.settings.get('underline')).toEqual({ key: 'underline', value: 'dotted' });
    expect((await db.packs.get('test-talks'))?.version).toBe('2.0.0');
  });

  it('leaves previous data exactly as it was when a write fails half-way', async () => {
    db = freshKb();
    await importPack(db, smallPack(), 'bundled');
    await db.suppressions.put({ site: 'example.com', mentionId: 'x', createdAt: 1 });
    const before = await dumpKb(db);

    // Simulate the disk filling up while the rounds are written, after sources and entities were replaced.
    const restore = failWrites(db.rounds, quotaError());
    const v2 = { ...smallPack(), version: '2.0.0', entities: smallPack().entities.slice(0, 1) };
    await expect(importPack(db, v2, 'bundled')).rejects.toThrow(/quota/);
    restore();

    expect(await dumpKb(db)).toStrictEqual(before);
  });
});

describe('active packs and the KB revision', () => {
  it('bumps the revision with every import, not with a failed one', async () => {
    db = freshKb();
    expect(await getKbRevision(db)).toBe(0);
    await importPack(db, smallPack(), 'bundled');
    await importPack(db, smallPack(), 'bundled');
    expect(await getKbRevision(db)).toBe(2);
    const restore = failWrites(db.entities, quotaError());
    await expect(importPack(db, smallPack(), 'bundled')).rejects.toThrow(/quota/);
    restore();
    expect(await getKbRevision(db)).toBe(2);
  });

  it('a disabled source takes its pack out of loadPacks, cards and the latest round', async () => {
    db = freshKb();
    await importPack(db, smallPack(), 'remote');
    expect(await loadPacks(db)).toHaveLength(1);
    await db.sourceConfigs.update('remote', { enabled: false });
    expect(await loadPacks(db)).toEqual([]);
    expect(await loadPacks(db, { includeDisabled: true })).toHaveLength(1);
    expect(await getCardData(db, { kind: 'person', id: 'ana-north' })).toBeNull();
    expect(await getLatestRound(db)).toBeNull();
  });

  it('with the same entity id in two packs, the card comes from the active one', async () => {
    db = freshKb();
    const other = { ...smallPack(), id: 'other-pack', title: 'Other pack' };
    await importPack(db, other, 'remote');
    await importPack(db, smallPack(), 'bundled');
    expect(await getCardData(db, { kind: 'person', id: 'ana-north' })).toMatchObject({ packTitle: 'Other pack' });
    await db.sourceConfigs.update('remote', { enabled: false });
    expect(await getCardData(db, { kind: 'person', id: 'ana-north' })).toMatchObject({ packTitle: 'Test talks' });
  });
});
