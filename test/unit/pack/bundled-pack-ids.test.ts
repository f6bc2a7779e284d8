/**
 * Ids are public (stored reader state, corpus labels, other packs): a new version of the bundled pack may add ids but
 * never drop one or move it to another collection. The fixture is the id list of pack 1.0.3, generated from that file.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { StoryPack } from '@/utils/model/pack';
import { compareVersions } from '@/utils/pack/compare-versions';

const root = join(import.meta.dirname, '../../..');
const pack = JSON.parse(readFileSync(join(root, 'data/us-iran-talks.pack.json'), 'utf8')) as StoryPack;
const old = JSON.parse(readFileSync(join(root, 'test/fixtures/packs/us-iran-talks-1.0.3.ids.json'), 'utf8')) as {
  pack: string;
  version: string;
  claims: Record<string, string[]>;
} & Record<'sides' | 'sources' | 'entities' | 'tracks' | 'rounds' | 'issues' | 'figures', string[]>;

const COLLECTIONS = ['sides', 'sources', 'entities', 'tracks', 'rounds', 'issues', 'figures'] as const;

describe('the bundled pack keeps every id of 1.0.3', () => {
  it('is the same story, at a later version', () => {
    expect(pack.id).toBe(old.pack);
    expect(compareVersions(pack.version, old.version)).toBeGreaterThan(0);
  });

  it.each(COLLECTIONS)('%s: every old id is still in the same collection', (collection) => {
    expect(old[collection].length).toBeGreaterThan(0);
    const now = new Set(pack[collection].map((item) => item.id));
    expect(old[collection].filter((id) => !now.has(id))).toEqual([]);
  });

  it('claims: every old claim id is still a claim of the same figure', () => {
    const missing: string[] = [];
    for (const [figureId, claimIds] of Object.entries(old.claims)) {
      const figure = pack.figures.find((f) => f.id === figureId);
      const now = new Set(figure?.claims.map((c) => c.id));
      for (const id of claimIds) if (!now.has(id)) missing.push(`${figureId}#${id}`);
    }
    expect(Object.keys(old.claims)).toHaveLength(old.figures.length);
    expect(missing).toEqual([]);
  });
});
