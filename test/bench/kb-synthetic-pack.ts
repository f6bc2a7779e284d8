/**
 * A deterministic synthetic pack for the KB benchmark and the v1 database fixture: `entities` entities with
 * `aliasesPerEntity` aliases each, plus a few sources, rounds, figures and positions so every table has rows.
 */
import type { Entity, StoryPack } from '../../utils/model/pack';

const SYLLABLES = ['ar', 'ba', 'ch', 'da', 'el', 'fa', 'gh', 'ha', 'ir', 'ja', 'ka', 'la', 'ma', 'na', 'om', 'pa', 'qa', 'ra', 'sa', 'ta'];

/** A small seeded PRNG (mulberry32), so the same options always give the same pack. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface SyntheticOptions {
  entities: number;
  aliasesPerEntity: number;
  seed?: number;
  packId?: string;
}

export function makeSyntheticPack({ entities, aliasesPerEntity, seed = 1, packId = 'synthetic' }: SyntheticOptions): StoryPack {
  const random = prng(seed);
  const word = (n: number) => Array.from({ length: n }, () => SYLLABLES[Math.floor(random() * SYLLABLES.length)]).join('');
  const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
  const sources = Array.from({ length: 50 }, (_, i) => ({
    id: `src-${i}`,
    url: `https://news${i % 7}.example.com/story/${i}`,
    publisher: `Publisher ${i % 7}`,
    date: `2025-${String((i % 12) + 1).padStart(2, '0')}-10`,
    tier: 'outlet' as const,
  }));
  const kinds = ['person', 'org', 'place', 'event', 'term'] as const;
  const list: Entity[] = Array.from({ length: entities }, (_, i) => {
    const name = `${cap(word(2))} ${cap(word(3))}`;
    return {
      id: `e-${i}`,
      kind: kinds[i % kinds.length]!,
      name,
      aliases: Array.from({ length: aliasesPerEntity }, (_, j) => ({
        text: j === 0 ? name : `${cap(word(2))} ${cap(word(2))}`,
        ...(j % 3 === 1 ? { lang: 'fa', script: 'Arab' } : {}),
        ...(j % 4 === 3 ? { ambiguous: true } : {}),
      })),
      roles: i % 2 === 0 ? [{ title: `Minister of ${cap(word(2))}`, from: '2024-01-01', sources: [`src-${i % 50}`] }] : [],
      side: i % 3 === 0 ? 'a' : 'b',
      summary: `Synthetic entity ${i}: ${word(6)} ${word(5)} ${word(4)}.`,
      salience: i % 10 === 0 ? 'core' : 'context',
      sources: [`src-${i % 50}`, `src-${(i * 7) % 50}`],
    };
  });
  const rounds = Array.from({ length: 20 }, (_, i) => ({
    id: `round-${i + 1}`,
    label: `Round ${i + 1}`,
    track: 'main',
    ordinal: i + 1,
    type: 'round' as const,
    dateStart: `2025-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 27) + 1).padStart(2, '0')}`,
    venue: `City ${i}`,
    places: [],
    mediators: [`e-${i}`],
    delegations: [
      { side: 'a', head: `e-${(i * 3) % entities}`, members: [`e-${(i * 5) % entities}`] },
      { side: 'b', head: `e-${(i * 11) % entities}`, members: [] },
    ],
    status: 'held' as const,
    sources: [`src-${i}`],
  }));
  return {
    format: 1,
    id: packId,
    version: '1.0.0',
    title: 'Synthetic pack',
    asOf: '2026-01-01',
    description: 'Generated for benchmarks and fixtures.',
    reportUrl: 'https://example.org/report',
    talks: { label: 'The synthetic talks', phrases: ['the talks'] },
    sides: [
      { id: 'a', label: 'Side A' },
      { id: 'b', label: 'Side B' },
    ],
    sources,
    entities: list,
    tracks: [{ id: 'main', label: 'Main track', mediators: ['e-0'], from: '2025-01-01', sources: ['src-0'] }],
    rounds,
    figures: [
      {
        id: 'fig-1',
        label: 'A disputed number',
        unit: 'people',
        recognise: { measureWords: ['killed'], topicWords: ['crackdown'], min: 10, max: 100000 },
        claims: [
          { id: 'c1', claimant: 'One side', value: 100, bound: 'exact', asOf: '2025-05-01', sources: ['src-1'] },
          { id: 'c2', claimant: 'Other side', low: 300, high: 500, bound: 'about', asOf: '2025-05-02', sources: ['src-2'] },
        ],
      },
    ],
    issues: [{ id: 'issue-1', label: 'Issue one' }],
    positions: Array.from({ length: 30 }, (_, i) => ({
      party: `e-${i}`,
      issue: 'issue-1',
      stance: `Stance ${word(3)}`,
      date: '2025-06-01',
      sources: [`src-${i}`],
    })),
  };
}
