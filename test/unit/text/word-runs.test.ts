import { describe, expect, it } from 'vitest';
import { isWordUnitAt } from '../../../utils/text/char-class';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { readNumbersInWords } from '../../../utils/figures/read-number';
import { buildIndex } from '../../../utils/matcher/build-index';
import { findRounds } from '../../../utils/matcher/find-rounds';
import { SCAN_WATCH } from '../../../utils/matcher/match-mentions';
import { resolveEntities } from '../../../utils/matcher/resolve-entities';
import { scanAliases } from '../../../utils/matcher/scan-aliases';
import type { StoryPack } from '../../../utils/model/pack';
import { codesToString, makeWordWatch, normalizeCodes, normalizeForScan, runsToVisit, type WordRuns } from '../../../utils/text/normalize';
import { paragraphSpans } from '../../../utils/text/segments';
import { wordHash } from '../../../utils/text/word-hash';

const ROOT = resolve(import.meta.dirname, '../../..');

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


describe('normalizeForScan', () => {
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
      const n = normalizeForScan(text);
      const words = n.words;
      const got = Array.from({ length: words.count }, (_, w) => [words.starts[w], words.ends[w], words.hashes[w]]);
      const units = Array.from({ length: n.text.length }, (_, i) => n.text.charCodeAt(i));
      expect(got, text).toEqual(runsOf(Uint16Array.from(units), units.length));
    }
  });

  it('lends its scratch buffers to one caller at a time and folds the same into them', () => {
    const first = normalizeForScan('Araghchi met Witkoff in a long sentence', { scratch: true });
    const firstRuns = first.words.count;
    const second = normalizeForScan('Short one', { scratch: true });
    expect(second.words).toBe(first.words);
    expect(firstRuns).toBe(7);
    expect(second.words.count).toBe(2);
    expect(second.text).toBe('short one');
    const fresh = normalizeForScan('Short one');
    expect(fresh.words).not.toBe(second.words);
  });

  it('folds exactly as the plain fold, offsets included', () => {
    for (const text of texts) {
      const a = normalizeCodes(text);
      const b = normalizeForScan(text);
      expect(b.text).toBe(codesToString(a.codes, a.length));
      expect(Array.from({ length: a.length + 1 }, (_, i) => b.map.at(i))).toEqual(Array.from(a.map.subarray(0, a.length + 1)));
      expect(b.identity).toBe(a.identity);
    }
  });
});

describe('notable word runs', () => {
  const text = 'Round 2: the round’s end, 3,000 killed; two rounds, عراقچی spoke, TALKS ended. Week’s news';
  const watch = makeWordWatch([wordHash([...'round'].map((c) => c.charCodeAt(0)), 0, 5), wordHash([...'talks'].map((c) => c.charCodeAt(0)), 0, 5)]);

  it('lists runs starting with a digit or at or above U+0600, runs followed by an apostrophe and watched runs, in order', () => {
    const n = normalizeForScan(text, { watch });
    const words = n.words;
    const normalized = n.text;
    const notable = Array.from(words.notable.subarray(0, words.notableCount), (w) => normalized.slice(words.starts[w], words.ends[w]));
    expect(notable).toEqual(['round', '2', 'round', '3', '000', 'عراقچی', 'talks', 'week']);
  });

  it('visits the notable runs only when the watch holds every hash a finder starts from', () => {
    const words = normalizeForScan(text, { watch }).words;
    const round = wordHash([...'round'].map((c) => c.charCodeAt(0)), 0, 5);
    const session = wordHash([...'session'].map((c) => c.charCodeAt(0)), 0, 7);
    expect(runsToVisit(words, [round])).toEqual({ list: words.notable, count: words.notableCount });
    expect(runsToVisit(words, [round, session])).toEqual({ list: undefined, count: words.count });
    const unwatched = normalizeForScan(text).words;
    expect(runsToVisit(unwatched, [round])).toEqual({ list: undefined, count: unwatched.count });
    // Digit, Arabic-script and possessive runs are notable whatever the watch.
    expect(runsToVisit(unwatched, []).count).toBe(6);
  });

  it('gives the number and round finders the same results as visiting every run, on every labelled article of the four sets', () => {
    const pack = JSON.parse(readFileSync(join(ROOT, 'data/us-iran-talks.pack.json'), 'utf8')) as StoryPack;
    const index = buildIndex([pack]);
    let checked = 0;
    for (const dir of ['articles', 'articles-heldout', 'articles-heldout-2', 'articles-heldout-3']) {
      for (const file of readdirSync(join(ROOT, 'test/fixtures', dir)).filter((f) => f.endsWith('.txt'))) {
        const raw = readFileSync(join(ROOT, 'test/fixtures', dir, file), 'utf8');
        const watched = normalizeForScan(raw, { watch: SCAN_WATCH });
        const all = normalizeForScan(raw);
        const normalized = all.text;
        expect(readNumbersInWords(normalized, watched.words), file).toEqual(readNumbersInWords(normalized, all.words));
        const hits = scanAliases(index, { ...all, original: raw });
        const { entities, talks } = resolveEntities(index, hits, normalized, { date: '2026-02-18' }, { text: raw, map: all.map });
        const rounds = (words: WordRuns) => findRounds(index, normalized, entities, talks, { date: '2026-02-18' }, paragraphSpans(normalized), words);
        expect(rounds(watched.words), file).toEqual(rounds(all.words));
        checked++;
      }
    }
    expect(checked).toBeGreaterThanOrEqual(47);
  });
});
