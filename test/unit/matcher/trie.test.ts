import { describe, expect, it } from 'vitest';
import { buildIndex } from '../../../utils/matcher/build-index';
import { scanAliases } from '../../../utils/matcher/scan-aliases';
import { buildTrie, child, hasFirstWord, type Trie } from '../../../utils/matcher/trie';
import { wordHash } from '../../../utils/text/word-hash';
import { isArabicScriptCode, isWordAt, isWordBefore } from '../../../utils/text/char-class';
import { normalizeCodes, normalizeForMatch, normalizeForScan } from '../../../utils/text/normalize';
import { miniPack } from './mini-pack';
import { seededRandom } from '../seeded-random';

function walk(t: Trie, key: string): number {
  let node = 0;
  for (let i = 0; i < key.length && (i === 0 || node !== 0); i++) node = child(t, node, key.charCodeAt(i));
  return node;
}

const units = (s: string) => Array.from(s, (c) => c.charCodeAt(0));

describe('buildTrie', () => {
  const keys = ['iran', 'iran talks', 'irani', 'al-busaidi', 'عراقچی', '"quoted', 'us', 'u.s.'].sort();
  const trie = buildTrie(keys);

  it('ends every key at a node that names it, and nothing else', () => {
    keys.forEach((k, id) => expect(trie.keyAt[walk(trie, k)]).toBe(id));
    expect(trie.keyAt[walk(trie, 'ira')]).toBe(-1);
    expect(walk(trie, 'tehran')).toBe(0);
  });

  it('gates on the first word of every key and rejects other words', () => {
    for (const first of ['iran', 'irani', 'al', 'عراقچی', 'us', 'u']) expect(hasFirstWord(trie.firstWords, wordHash(units(first), 0, first.length))).toBe(true);
    for (const other of ['iranian', 'busaidi', 'talks', 'woman', 'quoted']) expect(hasFirstWord(trie.firstWords, wordHash(units(other), 0, other.length))).toBe(false);
    expect(trie.nonWordStart).toBe(true);
    expect(buildTrie(['iran']).nonWordStart).toBe(false);
  });

  it('is plain structured-cloneable data', () => {
    const copy = structuredClone(trie);
    keys.forEach((k, id) => expect(copy.keyAt[walk(copy, k)]).toBe(id));
  });
});

interface NaiveKey {
  key: string;
  /** For case-sensitive aliases: the case the text must have. */
  cased?: string;
}

/**
 * The selection rule written out the slow way: every occurrence of every key, kept when its right edge is a word
 * boundary and its left edge is one too (or, for Arabic-script keys, follows a clitic prefix), then leftmost-longest.
 */
function naiveSpans(keys: readonly NaiveKey[], text: string): [number, number][] {
  const { codes, length, map } = normalizeCodes(text);
  const folded = String.fromCharCode(...codes.subarray(0, length));
  const clitic = /^(?:[\u0648\u0641]?[\u0628\u0644\u06A9]?(?:\u0627\u0644)?|[\u0648\u0641]?\u0644\u0644)$/;
  const found: [number, number][] = [];
  for (const { key, cased } of keys) {
    for (let at = folded.indexOf(key); at >= 0; at = folded.indexOf(key, at + 1)) {
      const end = at + key.length;
      if (isWordBefore(codes, end) && isWordAt(codes, end, length)) continue;
      if (cased !== undefined && normalizeForMatch(text.slice(map[at], map[end]), { foldCase: false }).text !== cased) continue;
      if (isWordAt(codes, at, length) && isWordBefore(codes, at)) {
        let ws = at;
        while (ws > 0 && isWordBefore(codes, ws)) ws--;
        const prefix = folded.slice(ws, at);
        const arabic = [...prefix].every((c) => isArabicScriptCode(c.charCodeAt(0)));
        if (!isArabicScriptCode(key.charCodeAt(0)) || at - ws > 4 || !arabic || !clitic.test(prefix)) continue;
      }
      found.push([at, end]);
    }
  }
  found.sort((x, y) => x[0] - y[0] || y[1] - x[1]);
  const kept: [number, number][] = [];
  let covered = 0;
  for (const [s, e] of found) {
    if (s < covered) continue;
    kept.push([s, e]);
    covered = e;
  }
  return kept;
}

describe('scanAliases', () => {
  const index = buildIndex([miniPack]);
  const plain = [...miniPack.entities.flatMap((e) => [e.name, ...e.aliases.filter((a) => !a.caseSensitive).map((a) => a.text), ...(e.excludes ?? [])]), ...miniPack.talks.phrases];
  const keys: NaiveKey[] = [
    ...[...new Set(plain.map((a) => normalizeForMatch(a).text.trim()))].map((key) => ({ key })),
    ...miniPack.entities.flatMap((e) => e.aliases.filter((a) => a.caseSensitive))
      .map((a) => ({ key: normalizeForMatch(a.text).text.trim(), cased: normalizeForMatch(a.text, { foldCase: false }).text.trim() })),
  ];
  const scan = (text: string) => {
    return scanAliases(index, { ...normalizeForScan(text), original: text }).map((h) => [h.start, h.end]);
  };

  it('finds names across punctuation, possessives and clitics, and not inside other words', () => {
    const text = 'Araghchi’s team met al-Busaidi; والبوسعيدي و لعراقجي. A woman in Tirana read about Witkoffs.';
    expect(scan(text)).toEqual(naiveSpans(keys, text));
    expect(scan(text).length).toBeGreaterThanOrEqual(4);
  });

  it('agrees with the naive selection on random text built from alias fragments', () => {
    const rand = seededRandom(11);
    const fragments = [
      'Araghchi', 'Araghchi’s', 'و', 'ال', 'ب', 'ل', 'لل', 'ف', 'بوسعیدی', 'عراقچی', 'عراقجي', 'Iran', 'Tirana', ' ', ' ',
      ' ', '-', '.', ',', '\n', 'the', 'talks', 'nuclear', 'Oman', 'woman', 'Kushner', 'Jared', 'Witkoff', 'Steve', 'Steven',
      '𝐀', '😀', 'Muscat', 'al-Busaidi', 'Badr', 'Trump', 'Tower', 'indirect', 'US-Iran', 'US', 'us', 'U.S.', 'IAEA', 'iaea',
    ];
    let compared = 0;
    let withHits = 0;
    for (let r = 0; r < 2000; r++) {
      let text = '';
      const n = 1 + rand(25);
      // Mostly spaced, sometimes glued, so words both stay whole and run into each other.
      for (let k = 0; k < n; k++) text += fragments[rand(fragments.length)]! + (rand(3) > 0 ? ' ' : '');
      const expected = naiveSpans(keys, text);
      expect(scan(text), text).toEqual(expected);
      compared++;
      if (expected.length > 0) withHits++;
    }
    expect(compared).toBe(2000);
    expect(withHits).toBeGreaterThan(500);
  });
});
