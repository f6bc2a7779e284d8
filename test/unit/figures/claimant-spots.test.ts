import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { claimantSpots } from '../../../utils/figures/match-figures';
import { buildIndex } from '../../../utils/matcher/build-index';
import type { StoryPack } from '../../../utils/model/pack';
import { normalizeForScan } from '../../../utils/text/normalize';
import { paragraphSpans, sentenceSpans } from '../../../utils/text/segments';

const ROOT = resolve(import.meta.dirname, '../../..');
const pack = JSON.parse(readFileSync(join(ROOT, 'data/us-iran-talks.pack.json'), 'utf8')) as StoryPack;
const index = buildIndex([pack]);

const spans = (text: string, words?: Parameters<typeof claimantSpots>[4]) => (f: number, from: number, to: number) =>
  claimantSpots(text, index.figures[f]!, from, to, words).map((s) => [s.start, s.end, s.claims.map((c) => c.id)]);

describe('claimantSpots', () => {
  it('finds the same claimants from the word runs as by searching every name, in every sentence of the labelled articles', () => {
    let named = 0;
    for (const dir of ['articles', 'articles-heldout', 'articles-heldout-2', 'articles-heldout-3']) {
      for (const file of readdirSync(join(ROOT, 'test/fixtures', dir)).filter((f) => f.endsWith('.txt'))) {
        const scan = normalizeForScan(readFileSync(join(ROOT, 'test/fixtures', dir, file), 'utf8'));
        const byWords = spans(scan.text, scan.words);
        const bySearch = spans(scan.text);
        for (const p of paragraphSpans(scan.text)) {
          for (const s of sentenceSpans(scan.text, p.start, p.end)) {
            for (let f = 0; f < index.figures.length; f++) {
              const expected = bySearch(f, s.start, s.end);
              expect(byWords(f, s.start, s.end), `${file} ${scan.text.slice(s.start, s.end)}`).toEqual(expected);
              named += expected.length;
            }
          }
        }
      }
    }
    expect(named).toBeGreaterThan(50);
  });

  it('finds a name as whole words (a plural allowed) and inside the sentence only', () => {
    const text = 'hrana said. the hranas? not prehrana, but iran human rights (ihr) and ihrngo said so';
    const scan = normalizeForScan(text);
    const f = index.figures.findIndex((x) => x.id === 'protest-death-toll');
    const found = spans(scan.text, scan.words)(f, 12, scan.text.length);
    expect(found.map(([start, end]) => scan.text.slice(start as number, end as number))).toEqual(['hrana', 'iran human rights (ihr)', 'ihrngo']);
    expect(found[0]![0]).toBe(scan.text.indexOf('hranas'));
    expect(found).toEqual(spans(scan.text)(f, 12, scan.text.length));
  });
});
