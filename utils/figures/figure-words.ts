/**
 * Finds the figures' topic and measure words in a stretch of text from the normalizer's word runs: one hash lookup
 * per word instead of one search per figure word. Same matches as `findWord` (whole words, a plural s/es allowed).
 */
import type { IndexedFigure } from '../matcher/matcher-index';
import { isWordUnitAt } from '../text/char-class';
import type { WordRuns } from '../text/normalize';
import { findWord, isWholeWordAt } from '../text/segments';
import { wordHash } from '../text/word-hash';

interface FigureWord {
  figure: number;
  topic: boolean;
  word: string;
}

interface Lookup {
  /** By the hash of the word's first run; a one-run word also under its plural forms. */
  byHash: Map<number, FigureWord[]>;
  /** Words that start with a non-word character, looked for the slow way. */
  unhashed: FigureWord[];
}

export interface FigureWordsFound {
  /** Per figure: a topic word occurs. */
  topical: boolean[];
  /** Per figure: start/end pairs of its measure words. */
  measures: number[][];
}

const lookups = new WeakMap<readonly IndexedFigure[], Lookup>();

function lookupFor(figures: readonly IndexedFigure[]): Lookup {
  let lookup = lookups.get(figures);
  if (lookup) return lookup;
  lookup = { byHash: new Map(), unhashed: [] };
  const add = (hash: number, entry: FigureWord) => {
    const list = lookup!.byHash.get(hash);
    if (list) list.push(entry);
    else lookup!.byHash.set(hash, [entry]);
  };
  figures.forEach((f, figure) => {
    const entries = [
      ...f.topicWords.map((word) => ({ figure, topic: true, word })),
      ...f.measureWords.map((word) => ({ figure, topic: false, word })),
    ];
    for (const entry of entries) {
      const units = Array.from(entry.word, (c) => c.charCodeAt(0));
      let run = 0;
      while (run < units.length && isWordUnitAt(units, run, units.length)) run++;
      if (run === 0) {
        lookup.unhashed.push(entry);
        continue;
      }
      add(wordHash(units, 0, run), entry);
      if (run === units.length) {
        add(wordHash([...units, 0x73], 0, run + 1), entry);
        add(wordHash([...units, 0x65, 0x73], 0, run + 2), entry);
      }
    }
  });
  lookups.set(figures, lookup);
  return lookup;
}

/** Index of the first run that starts at or after `pos`. */
/** The first word run starting at or after `pos`. */
export function firstRunFrom(words: WordRuns, pos: number): number {
  let lo = 0;
  let hi = words.count;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (words.starts[mid]! < pos) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The figure words in `text[from, to)`. */
export function figureWordsIn(
  text: string,
  figures: readonly IndexedFigure[],
  words: WordRuns,
  from: number,
  to: number,
): FigureWordsFound {
  const { byHash, unhashed } = lookupFor(figures);
  const found: FigureWordsFound = { topical: figures.map(() => false), measures: figures.map(() => []) };
  const record = (entry: FigureWord, at: number) => {
    if (entry.topic) found.topical[entry.figure] = true;
    else found.measures[entry.figure]!.push(at, at + entry.word.length);
  };
  for (let w = firstRunFrom(words, from); w < words.count && words.starts[w]! < to; w++) {
    const entries = byHash.get(words.hashes[w]!);
    if (!entries) continue;
    const at = words.starts[w]!;
    for (const entry of entries) {
      if (at + entry.word.length <= to && text.startsWith(entry.word, at) && isWholeWordAt(text, entry.word, at, to)) record(entry, at);
    }
  }
  for (const entry of unhashed) {
    for (let at = findWord(text, entry.word, from, to); at >= 0; at = findWord(text, entry.word, at + 1, to)) record(entry, at);
  }
  return found;
}
