import { describe, expect, it } from 'vitest';
import { isWordUnitAt } from '../../../utils/text/char-class';
import { normalizeCodes } from '../../../utils/text/normalize';
import { wordHash } from '../../../utils/text/word-hash';

/** Word runs the slow way: unit by unit over the normalized codes. */
function runsOf(codes: Uint16Array, length: number): [number, number, number][] {
  const out: [number, number, number][] = [];
  let start = -1;
  for (let i = 0; i <= length; i++) {
    const word = i < length && isWordUnitAt(codes, i, length);
    if (word && start < 0) start = i;
    if (!word && start >= 0) {
      out.push([start, i, wordHash(codes, start, i)]);
      start = -1;
    }
  }
  return out;
}

describe('normalizeCodes with word runs', () => {
  const texts = [
    'Abbas Araghchi’s team met Badr al-Busaidi in Muscat.',
    'عباس‌عراقچی و البوسعيدي، مذاکرات.',
    'soft\u00ADhyphen, zero\u200Bwidth, e\u0301tude, 𝐀𝐁 math, 😀 emoji, lone \uD800 surrogate',
    '  leading and trailing  \n\n new block ',
    '',
    '3,000 people; 60% — “quoted” U.S.',
  ];

  it('finds the same runs and hashes as a unit-by-unit pass over its own output', () => {
    for (const text of texts) {
      const n = normalizeCodes(text, { words: true });
      const words = n.words!;
      const got = Array.from({ length: words.count }, (_, w) => [words.starts[w], words.ends[w], words.hashes[w]]);
      expect(got, text).toEqual(runsOf(n.codes, n.length));
    }
  });

  it('lends its scratch buffers to one caller at a time and folds the same into them', () => {
    const first = normalizeCodes('Araghchi met Witkoff in a long sentence', { words: true, scratch: true });
    const firstRuns = first.words!.count;
    const second = normalizeCodes('Short one', { words: true, scratch: true });
    expect(second.codes).toBe(first.codes);
    expect(second.words).toBe(first.words);
    expect(firstRuns).toBe(7);
    expect(second.words!.count).toBe(2);
    expect(String.fromCharCode(...second.codes.subarray(0, second.length))).toBe('short one');
    const fresh = normalizeCodes('Short one', { words: true });
    expect(fresh.codes).not.toBe(second.codes);
  });

  it('folds exactly as without runs', () => {
    for (const text of texts) {
      const a = normalizeCodes(text);
      const b = normalizeCodes(text, { words: true });
      expect(Array.from(b.codes.subarray(0, b.length))).toEqual(Array.from(a.codes.subarray(0, a.length)));
      expect(Array.from(b.map.subarray(0, b.length + 1))).toEqual(Array.from(a.map.subarray(0, a.length + 1)));
      expect(a.words).toBeUndefined();
    }
  });
});
