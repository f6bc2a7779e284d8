/**
 * Reads the numbers a news text states, with the words that qualify them: `more than 3,000`, `3.1k`, `some 600`,
 * `tens of thousands`, `60 per cent`, `440.9kg`, `three thousand`, `at least 12,000`.
 *
 * Works on any case; offsets are into the string given.
 */
import type { Bound } from '../model/pack';
import { runsToVisit, type WordRuns } from '../text/normalize';
import { wordHash } from '../text/word-hash';

export interface NumberReading {
  /** Span of qualifier + number (+ `%`/`per cent`). */
  start: number;
  end: number;
  /** Start of the number itself, after any qualifier. */
  numberStart: number;
  value?: number;
  /** Vague amounts ("tens of thousands") are a range. */
  low?: number;
  high?: number;
  bound: Bound;
  percent: boolean;
  /** The word right after the number (a unit such as `kg`, `people`, `days`), lower-cased; '' when none. */
  unit: string;
}

const QUALIFIER_BOUNDS: ReadonlyArray<readonly [string, Bound]> = [
  ['more than', 'more-than'], ['over', 'more-than'], ['upwards of', 'more-than'], ['in excess of', 'more-than'],
  ['just over', 'more-than'], ['well over', 'more-than'], ['above', 'more-than'],
  ['at least', 'at-least'], ['no fewer than', 'at-least'], ['no less than', 'at-least'],
  ['almost', 'about'], ['nearly', 'about'], ['about', 'about'], ['around', 'about'], ['some', 'about'],
  ['roughly', 'about'], ['approximately', 'about'], ['close to', 'about'], ['an estimated', 'about'],
  ['just under', 'about'], ['an estimated', 'about'], ['approx.', 'about'],
  ['no more than', 'up-to'], ['up to', 'up-to'], ['as many as', 'up-to'], ['fewer than', 'up-to'], ['less than', 'up-to'],
];
const QUALIFIER_BOUND = new Map(QUALIFIER_BOUNDS);

const UNITS: Record<string, number> = {
  zero: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11,
  twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18, nineteen: 19,
};
const TENS: Record<string, number> = {
  twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90,
};
const SCALES: Record<string, number> = { hundred: 100, thousand: 1000, million: 1e6, billion: 1e9 };
const SUFFIX_SCALES: Record<string, number> = { k: 1000, bn: 1e9, million: 1e6, thousand: 1000, billion: 1e9 };

/** Vague amounts, as ranges. */
const VAGUE: ReadonlyArray<readonly [string, number, number]> = [
  ['hundreds of thousands', 200_000, 999_999],
  ['tens of thousands', 20_000, 99_999],
  ['thousands', 2_000, 9_999],
  ['hundreds', 200, 999],
  ['dozens', 24, 99],
];

const MONTHS = new Set([
  'january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november',
  'december', 'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec',
]);

const WORD_NUMBER = `(?:${[...Object.keys(TENS), ...Object.keys(UNITS)].join('|')})`;
const QUALIFIER = `(?:${QUALIFIER_BOUNDS.map(([q]) => q.replace('.', '\\.')).join('|')})`;
// Static patterns (never built from pack data). A cheap ASCII pattern finds where a number may start; the full
// pattern then runs anchored there, which is ~5× faster than one Unicode-aware pattern over the whole text.
const CANDIDATE = new RegExp(
  String.raw`[0-9]|\b(?:an? (?:hundred|thousand|million)|${WORD_NUMBER}|hundreds|thousands|dozens|tens)\b`,
  'gi',
);
const CORE = new RegExp(
  String.raw`(?:(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?(?: ?(k|bn|million|thousand|billion)(?![\p{L}\p{N}]))?` +
    String.raw`|(${VAGUE.map(([v]) => v).join('|')})(?![\p{L}])` +
    String.raw`|((?:a|an|${WORD_NUMBER})(?:[- ]${WORD_NUMBER})?(?: (?:hundred|thousand|million|billion))*)(?![\p{L}])` +
    String.raw`)(?![\p{N}]|,\d)( ?(?:%|per ?cent(?![\p{L}])|percent(?![\p{L}])))?`,
  'iuy',
);
// Spaces, not \s: a number and its qualifier never reach across a block boundary (`\n`).
const QUALIFIER_BEFORE = new RegExp(String.raw`(?<![\p{L}\p{N}])(${QUALIFIER}) $`, 'iu');
const NOT_BEFORE_NUMBER = /[\p{L}\p{N}.,$£€]/u;
const NEXT_WORD = /^ ?([\p{L}%]+)/u;
const PREV_WORD = /([\p{L}]+)\s*$/u;
const SUB_COUNT = /(?:including|of them|of whom|among them)\s*$/u;

function wordsValue(phrase: string): number | undefined {
  let total = 0;
  let current = 0;
  let sawNumber = false;
  for (const w of phrase.toLowerCase().split(/[-\s]+/)) {
    if (w === 'a' || w === 'an') current = 1;
    else if (w in UNITS) {
      current += UNITS[w]!;
      sawNumber = true;
    } else if (w in TENS) {
      current += TENS[w]!;
      sawNumber = true;
    } else if (w in SCALES) {
      const scale = SCALES[w]!;
      if (scale === 100) current = (current || 1) * 100;
      else {
        total += (current || 1) * scale;
        current = 0;
      }
      sawNumber = true;
    } else return undefined;
  }
  return sawNumber ? total + current : undefined;
}

/**
 * Reads the number that starts at `numberStart` of `slice`, if any. Returns the end of what the full pattern matched
 * (the caller skips candidates before it, read or not) and the reading, unless it is a date, a year, money, a
 * compound adjective or a sub-count.
 */
function readAt(slice: string, numberStart: number, from: number): { end: number; reading?: NumberReading } | undefined {
  if (numberStart > 0 && NOT_BEFORE_NUMBER.test(slice[numberStart - 1]!)) return undefined;
  CORE.lastIndex = numberStart;
  const m = CORE.exec(slice);
  if (!m) return undefined;
  const end = numberStart + m[0].length;
  const [, intPart, fracPart, suffix, vague, words, percentPart] = m;
  const qualifier = QUALIFIER_BEFORE.exec(slice.slice(Math.max(0, numberStart - 24), numberStart))?.[1];
  const start = qualifier ? numberStart - qualifier.length - 1 : numberStart;
  const bound: Bound = qualifier ? QUALIFIER_BOUND.get(qualifier.toLowerCase())! : 'exact';
  const reading: NumberReading = { start, end, numberStart, bound, percent: !!percentPart, unit: '' };

  if (intPart !== undefined) {
    let value = Number(intPart.replace(/,/g, '') + (fracPart ? `.${fracPart}` : ''));
    if (suffix) value *= SUFFIX_SCALES[suffix.toLowerCase()]!;
    // A bare year ("in 2025") is not a count.
    if (!qualifier && !suffix && !intPart.includes(',') && !fracPart && value >= 1900 && value <= 2100) return { end };
    reading.value = Math.round(value * 1000) / 1000;
  } else if (vague !== undefined) {
    const [, low, high] = VAGUE.find(([v]) => v === vague.toLowerCase())!;
    reading.low = low;
    reading.high = high;
    if (!qualifier) reading.bound = 'about';
  } else if (words !== undefined) {
    const value = wordsValue(words);
    // A lone article ("a", "an") is not a number.
    if (value === undefined || /^an?$/i.test(words)) return { end };
    reading.value = value;
  } else return { end };

  const before = slice.slice(Math.max(0, numberStart - 24), numberStart);
  const after = slice.slice(end, end + 24);
  const prevWord = PREV_WORD.exec(before)?.[1]?.toLowerCase();
  const nextWord = NEXT_WORD.exec(after)?.[1]?.toLowerCase() ?? '';
  // Dates: "12 January", "January 12".
  if (MONTHS.has(nextWord) || (prevWord !== undefined && MONTHS.has(prevWord) && !qualifier)) return { end };
  // Compound adjectives ("12-day war", "60-day ceasefire") are not counts.
  if (/^-\p{L}/u.test(after)) return { end };
  // Sub-counts ("including 214 security personnel") restate part of another number.
  if (SUB_COUNT.test(before)) return { end };
  reading.unit = reading.percent ? '' : nextWord;
  reading.start = start + from;
  reading.end = end + from;
  reading.numberStart = numberStart + from;
  return { end, reading };
}

/** All numbers in `text[from, to)`, in order. Dates, years and money are left out. */
export function readNumbers(text: string, from = 0, to = text.length): NumberReading[] {
  const slice = from === 0 && to === text.length ? text : text.slice(from, to);
  const out: NumberReading[] = [];
  CANDIDATE.lastIndex = 0;
  for (let c = CANDIDATE.exec(slice); c; c = CANDIDATE.exec(slice)) {
    const read = readAt(slice, c.index, from);
    if (!read) continue;
    CANDIDATE.lastIndex = Math.max(CANDIDATE.lastIndex, read.end);
    if (read.reading) out.push(read.reading);
  }
  return out;
}

/** Words a number may start with (besides digits), lower-cased: what `CANDIDATE` looks for. */
const NUMBER_START_WORDS = [...Object.keys(TENS), ...Object.keys(UNITS), 'hundreds', 'thousands', 'dozens', 'tens', 'a', 'an'];
/** Their word hashes in an open-addressing table (slot → index + 1), probed once per word of the page. */
const NUMBER_WORD_SLOTS = new Int32Array(256);
/** Exported so the scan can have the normalizer list the runs with these hashes as notable. */
export const NUMBER_WORD_HASHES = NUMBER_START_WORDS.map((w) => wordHash(Array.from(w, (c) => c.charCodeAt(0)), 0, w.length));
NUMBER_WORD_HASHES.forEach((h, i) => {
  let slot = h & 255;
  while (NUMBER_WORD_SLOTS[slot] !== 0) slot = (slot + 1) & 255;
  NUMBER_WORD_SLOTS[slot] = i + 1;
});

function numberWordOf(hash: number): string | undefined {
  for (let slot = hash & 255; ; slot = (slot + 1) & 255) {
    const entry = NUMBER_WORD_SLOTS[slot]!;
    if (entry === 0) return undefined;
    if (NUMBER_WORD_HASHES[entry - 1] === hash) return NUMBER_START_WORDS[entry - 1];
  }
}
const AFTER_ARTICLE = / (?:hundred|thousand|million)(?![A-Za-z0-9_])/y;

/**
 * The same numbers as `readNumbers`, for normalized (lower-cased) text whose word runs the normalizer already
 * found: candidates come from the runs (a digit, a number word, "a hundred") instead of a pattern over every
 * position.
 */
export function readNumbersInWords(text: string, words: WordRuns): NumberReading[] {
  const out: NumberReading[] = [];
  const { starts, ends, hashes } = words;
  // A number starts with a digit or a number word: the notable runs, when the normalizer watched for number words.
  const { list, count } = runsToVisit(words, NUMBER_WORD_HASHES);
  let free = 0;
  for (let k = 0; k < count; k++) {
    const w = list ? list[k]! : k;
    const start = starts[w]!;
    if (start < free) continue;
    const first = text.charCodeAt(start);
    const end = ends[w]!;
    let candidate = first >= 0x30 && first <= 0x39;
    if (!candidate) {
      const word = end - start <= 9 ? numberWordOf(hashes[w]!) : undefined;
      // `CANDIDATE` wants an ASCII word boundary on both sides, which `_` (not a word character here) breaks.
      const bounded = word !== undefined && text.charCodeAt(start - 1) !== 0x5f && text.charCodeAt(end) !== 0x5f;
      if (bounded && end - start === word.length && text.startsWith(word, start)) {
        AFTER_ARTICLE.lastIndex = end;
        candidate = (word !== 'a' && word !== 'an') || AFTER_ARTICLE.test(text);
      }
    }
    if (!candidate) continue;
    const read = readAt(text, start, 0);
    if (!read) continue;
    free = read.end;
    if (read.reading) out.push(read.reading);
  }
  return out;
}
