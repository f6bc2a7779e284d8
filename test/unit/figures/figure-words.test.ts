import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { figureWordsIn } from '../../../utils/figures/figure-words';
import { matchFigures } from '../../../utils/figures/match-figures';
import { readNumbersInWords } from '../../../utils/figures/read-number';
import { buildIndex } from '../../../utils/matcher/build-index';
import type { StoryPack } from '../../../utils/model/pack';
import { normalizeForScan } from '../../../utils/text/normalize';
import { paragraphSpans } from '../../../utils/text/segments';
import { seededRandom } from '../seeded-random';

const pack = JSON.parse(readFileSync(resolve(import.meta.dirname, '../../../data/us-iran-talks.pack.json'), 'utf8')) as StoryPack;
const index = buildIndex([pack]);

function normalized(text: string) {
  const n = normalizeForScan(text);
  return { text: n.text, words: n.words };
}

describe('figureWordsIn', () => {
  it('finds topic and measure words whole, plurals included, and not inside other words', () => {
    const figure = index.figures.findIndex((f) => f.measureWords.includes('killed'));
    expect(figure).toBeGreaterThanOrEqual(0);
    const { text, words } = normalized('Protesters killed? No: unkilled, killedx. They were killed, killeds.');
    const found = figureWordsIn(text, index.figures, words, 0, text.length);
    const starts = found.measures[figure]!.filter((_, k) => k % 2 === 0).map((at) => text.slice(at, at + 6));
    expect(starts).toEqual(['killed', 'killed', 'killed']);
  });

  it('makes matchFigures find exactly what the word-by-word search finds', () => {
    const vocabulary = [...new Set(index.figures.flatMap((f) => [...f.topicWords, ...f.measureWords]))];
    const numbers = ['3,000', 'more than 3,000', '7,000', 'some 600', 'tens of thousands', '60%', '440.9kg', '1,200', 'at least 400', '12'];
    const other = ['.', ',', '\n', 'people', 'said', 'the', 'HRANA', 'government', 'Iran'];
    const rand = seededRandom(3);
    let withHits = 0;
    for (let r = 0; r < 1500; r++) {
      let raw = '';
      const n = 3 + rand(25);
      for (let k = 0; k < n; k++) {
        const pick = rand(3);
        const pool = pick === 0 ? vocabulary : pick === 1 ? numbers : other;
        let token = pool[rand(pool.length)]!;
        if (pool === vocabulary && rand(3) === 0) token += rand(2) ? 's' : 'es';
        raw += token + (rand(5) > 0 ? ' ' : '');
      }
      const { text, words } = normalized(raw);
      const paragraphs = paragraphSpans(text);
      const read = readNumbersInWords(text, words);
      const expected = matchFigures(text, index.figures, '2026-02-18', paragraphs, read);
      expect(matchFigures(text, index.figures, '2026-02-18', paragraphs, read, words), text).toEqual(expected);
      if (expected.length > 0) withHits++;
    }
    expect(withHits).toBeGreaterThan(300);
  });
});
