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
import { codesToString, makeWordWatch, normalizeCodes, runsToVisit, type WordRuns } from '../../../utils/text/normalize';
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
      const offsets = (n: typeof a) => Array.from({ length: n.length + 1 }, (_, i) => n.map.at(i));
      expect(offsets(b)).toEqual(offsets(a));
      expect(a.words).toBeUndefined();
    }
  });
});

describe('notable word runs', () => {
  const text = 'Round 2: the round’s end, 3,000 killed; two rounds, عراقچی spoke, TALKS ended. Week’s news';
  const watch = makeWordWatch([wordHash([...'round'].map((c) => c.charCodeAt(0)), 0, 5), wordHash([...'talks'].map((c) => c.charCodeAt(0)), 0, 5)]);

  it('lists runs starting with a digit or at or above U+0600, runs followed by an apostrophe and watched runs, in order', () => {
    const n = normalizeCodes(text, { words: true, watch });
    const words = n.words!;
    const normalized = String.fromCharCode(...n.codes.subarray(0, n.length));
    const notable = Array.from(words.notable.subarray(0, words.notableCount), (w) => normalized.slice(words.starts[w], words.ends[w]));
    expect(notable).toEqual(['round', '2', 'round', '3', '000', 'عراقچی', 'talks', 'week']);
  });

  it('visits the notable runs only when the watch holds every hash a finder starts from', () => {
    const words = normalizeCodes(text, { words: true, watch }).words!;
    const round = wordHash([...'round'].map((c) => c.charCodeAt(0)), 0, 5);
    const session = wordHash([...'session'].map((c) => c.charCodeAt(0)), 0, 7);
    expect(runsToVisit(words, [round])).toEqual({ list: words.notable, count: words.notableCount });
    expect(runsToVisit(words, [round, session])).toEqual({ list: undefined, count: words.count });
    const unwatched = normalizeCodes(text, { words: true }).words!;
    expect(runsToVisit(unwatched, [round])).toEqual({ list: undefined, count: unwatched.count });
    // Digit, Arabic-script and possessive runs are notable whatever the watch.
    expect(runsToVisit(unwatched, []).count).toBe(6);
  });

  it('gives the number and round finders the same results as visiting every run, on every labelled article', () => {
    const pack = JSON.parse(readFileSync(join(ROOT, 'data/us-iran-talks.pack.json'), 'utf8')) as StoryPack;
    const index = buildIndex([pack]);
    let checked = 0;
    for (const dir of ['articles', 'articles-heldout', 'articles-heldout-2']) {
      for (const file of readdirSync(join(ROOT, 'test/fixtures', dir)).filter((f) => f.endsWith('.txt'))) {
        const raw = readFileSync(join(ROOT, 'test/fixtures', dir, file), 'utf8');
        const watched = normalizeCodes(raw, { words: true, watch: SCAN_WATCH });
        const all = normalizeCodes(raw, { words: true });
        const normalized = codesToString(all.codes, all.length);
        expect(readNumbersInWords(normalized, watched.words!), file).toEqual(readNumbersInWords(normalized, all.words!));
        const hits = scanAliases(index, { codes: all.codes, length: all.length, map: all.map, words: all.words!, original: raw });
        const { entities, talks } = resolveEntities(index, hits, normalized, { date: '2026-02-18' }, { text: raw, map: all.map });
        const rounds = (words: WordRuns) => findRounds(index, normalized, entities, talks, { date: '2026-02-18' }, paragraphSpans(normalized), words);
        expect(rounds(watched.words!), file).toEqual(rounds(all.words!));
        checked++;
      }
    }
    expect(checked).toBeGreaterThanOrEqual(35);
  });
});
