import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { importPack } from '@/utils/kb/import-pack';
import { loadPacks } from '@/utils/kb/load-packs';
import { getLatestRound } from '@/utils/kb/latest-round';
import { getCardData } from '@/utils/kb/card-data';
import type { StoryPack } from '@/utils/model/pack';
import { freshKb } from './kb-test-helpers';

const bundledPath = join(import.meta.dirname, '../../../data/us-iran-talks.pack.json');

it.skipIf(!existsSync(bundledPath))('imports the bundled pack and builds a card for each of its entities', async () => {
  const { $schema: _schema, ...pack } = JSON.parse(readFileSync(bundledPath, 'utf8')) as StoryPack & { $schema?: string };
  const db = freshKb();
  const summary = await importPack(db, pack, 'bundled');
  expect(summary.counts.entities).toBe(pack.entities.length);
  expect(await loadPacks(db)).toEqual([pack]);
  for (const entity of pack.entities) {
    const card = await getCardData(db, { kind: entity.kind, id: entity.id });
    expect(card, entity.id).toMatchObject({ type: 'entity', name: entity.name });
  }
  if (pack.rounds.some((r) => r.type === 'round')) expect(await getLatestRound(db)).not.toBeNull();
  await db.delete();
});
