/**
 * Finds the disputed figures a text states: a number in a figure's plausible range, in a sentence that says what is
 * counted (a measure word) and a paragraph that says which event (a topic word), then picks the claim it matches.
 */
import type { Bound } from '../model/pack';
import type { IndexedClaim, IndexedFigure } from '../matcher/matcher-index';
import { containsWord, findWord, isWholeWordAt, paragraphSpans, sentenceAround, type Span } from '../text/segments';
import type { WordRuns } from '../text/normalize';
import { figureWordsIn, firstRunFrom, type FigureWordsFound } from './figure-words';
import { isWordAtIn } from '../text/char-class';
import { wordHashIn } from '../text/word-hash';
import { readNumbers, type NumberReading } from './read-number';

export interface FigureHit {
  /** Offsets into the text given (normalized text when called by the matcher). */
  start: number;
  end: number;
  figure: number;
  claimId?: string;
  value?: number;
}

/** Units that say the number counts something else (time, distance, money, weapons). */
const FOREIGN_UNITS = new Set([
  'day', 'days', 'hour', 'hours', 'week', 'weeks', 'month', 'months', 'year', 'years', 'minute', 'minutes',
  'km', 'kilometres', 'kilometers', 'miles', 'metres', 'meters', 'dollars', 'euros', 'rials', 'tomans', 'jets',
  'missiles', 'drones', 'targets', 'points', 'centrifuges', 'pages', 'rounds', 'times', 'bn', 'am', 'pm',
]);

function readingValue(r: NumberReading): number {
  if (r.value !== undefined) return r.value;
  if (r.low !== undefined && r.high !== undefined) return (r.low + r.high) / 2;
  return r.low ?? r.high ?? 0;
}

function claimValue(c: IndexedClaim): number | undefined {
  if (c.value !== undefined) return c.value;
  if (c.low !== undefined && c.high !== undefined) return (c.low + c.high) / 2;
  return c.low ?? c.high;
}

function inRange(r: NumberReading, f: IndexedFigure): boolean {
  if (r.value !== undefined) return r.value >= f.min && r.value <= f.max;
  // A vague range fits when it overlaps the plausible range.
  return (r.high ?? Infinity) >= f.min && (r.low ?? 0) <= f.max;
}

function unitFits(r: NumberReading, f: IndexedFigure): boolean {
  const acceptsPercent = f.unitWords.includes('%') || f.unitWords.includes('percent') || f.unitWords.includes('per cent');
  if (r.percent) return acceptsPercent;
  if (r.unit === '' || f.unitWords.includes(r.unit)) return true;
  return !FOREIGN_UNITS.has(r.unit);
}

/** A place in a sentence where claimants of one figure are named ("HRANA" names every HRANA claim). */
export interface ClaimantSpot {
  start: number;
  end: number;
  claims: IndexedClaim[];
}

/** Per figure, each distinct claimant name with the claims it names (several HRANA claims share "hrana"). */
const namesByFigure = new WeakMap<IndexedFigure, [string, IndexedClaim[]][]>();

/**
 * The same names by the hash of their first word, so a sentence's word runs find them with one lookup each; names
 * that do not start with a word character (none in the bundled pack) are listed apart and searched for.
 */
interface NamesByFirstWord {
  byHash: Map<number, [string, IndexedClaim[]][]>;
  others: [string, IndexedClaim[]][];
}
const namesByFirstWord = new WeakMap<IndexedFigure, NamesByFirstWord>();
function claimantNamesByFirstWord(f: IndexedFigure): NamesByFirstWord {
  let found = namesByFirstWord.get(f);
  if (!found) {
    found = { byHash: new Map(), others: [] };
    for (const entry of claimantNamesOf(f)) {
      const name = entry[0];
      let end = 0;
      while (end < name.length && isWordAtIn(name, end)) end++;
      if (end === 0) {
        found.others.push(entry);
        continue;
      }
      const hash = wordHashIn(name, 0, end);
      const list = found.byHash.get(hash);
      if (list) list.push(entry);
      else found.byHash.set(hash, [entry]);
    }
    namesByFirstWord.set(f, found);
  }
  return found;
}
function claimantNamesOf(f: IndexedFigure): [string, IndexedClaim[]][] {
  let names = namesByFigure.get(f);
  if (!names) {
    const byName = new Map<string, IndexedClaim[]>();
    for (const c of f.claims) {
      for (const n of c.claimantNames) {
        const claims = byName.get(n);
        if (!claims) byName.set(n, [c]);
        else if (!claims.includes(c)) claims.push(c);
      }
    }
    names = [...byName];
    namesByFigure.set(f, names);
  }
  return names;
}

/**
 * Where a figure's claimants are named in `text[from, to)`, sorted; a name inside a longer one is dropped. With the
 * text's word runs, names are looked up from each word of the sentence; without, each name is searched for.
 */
export function claimantSpots(text: string, f: IndexedFigure, from: number, to: number, words?: WordRuns): ClaimantSpot[] {
  const found: ClaimantSpot[] = [];
  const search = (names: readonly [string, IndexedClaim[]][]) => {
    if (names.length === 0) return;
    // One slice per sentence, searched for each distinct name (findWord would slice it again for every name).
    const sentence = text.slice(from, to);
    for (const [n, claims] of names) {
      for (let rel = sentence.indexOf(n); rel >= 0; rel = sentence.indexOf(n, rel + 1)) {
        if (isWholeWordAt(text, n, from + rel, to)) found.push({ start: from + rel, end: from + rel + n.length, claims });
      }
    }
  };
  if (words) {
    // A whole-word name that starts with a word character starts where a word run does, and its first word is that
    // run, or the run less a plural "s" or "es" (which a one-word name may take).
    const { byHash, others } = claimantNamesByFirstWord(f);
    const tryNames = (names: readonly [string, IndexedClaim[]][] | undefined, at: number) => {
      if (!names) return;
      for (const [n, claims] of names) {
        if (at + n.length <= to && text.startsWith(n, at) && isWholeWordAt(text, n, at, to)) found.push({ start: at, end: at + n.length, claims });
      }
    };
    for (let w = firstRunFrom(words, from); w < words.count && words.starts[w]! < to; w++) {
      const at = words.starts[w]!;
      const end = words.ends[w]!;
      tryNames(byHash.get(words.hashes[w]!), at);
      if (end - at > 1 && text.charCodeAt(end - 1) === 0x73) {
        tryNames(byHash.get(wordHashIn(text, at, end - 1)), at);
        if (end - at > 2 && text.charCodeAt(end - 2) === 0x65) tryNames(byHash.get(wordHashIn(text, at, end - 2)), at);
      }
    }
    search(others);
  } else search(claimantNamesOf(f));
  if (found.length < 2) return found;
  // "Health ministry spokesman Hossein Kermanpour" is not also "the health ministry": longest names first.
  found.sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start);
  const kept: ClaimantSpot[] = [];
  for (const x of found) if (!kept.some((k) => x.start < k.end && k.start < x.end)) kept.push(x);
  return kept.sort((a, b) => a.start - b.start);
}

/** Clause breaks: a comma (not a thousands separator), a semicolon, or a spaced dash. */
function isClauseBreak(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c === 0x3b) return true;
  if (c === 0x2d) return text.charCodeAt(i - 1) === 0x20 && text.charCodeAt(i + 1) === 0x20;
  if (c !== 0x2c) return false;
  const digit = (k: number) => {
    const d = text.charCodeAt(k);
    return d >= 0x30 && d <= 0x39;
  };
  return !(digit(i - 1) && digit(i + 1));
}

/** Running count of clause breaks over a sentence: `counts[i - from]` breaks before offset `i`. */
function clauseBreakCounts(text: string, from: number, to: number): Int32Array {
  const counts = new Int32Array(to - from + 1);
  for (let i = from; i < to; i++) counts[i - from + 1] = counts[i - from]! + (isClauseBreak(text, i) ? 1 : 0);
  return counts;
}

/**
 * The claims of the claimant nearest the number, counting clause breaks first and then distance, so in "X said at
 * least 3,000, while Y put it at 7,000" each number goes to the claimant of its own clause. A claimant before the
 * number wins a tie ("X said N"). `spots` sorted; `breaks` from `clauseBreakCounts` over the sentence from `from`.
 */
function nearestClaimant(spots: readonly ClaimantSpot[], r: { start: number; end: number }, breaks: Int32Array, from: number): IndexedClaim[] {
  let lo = 0;
  let hi = spots.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (spots[mid]!.start < r.start) lo = mid + 1;
    else hi = mid;
  }
  const before = spots[lo - 1];
  const after = spots[lo];
  const score = (a: number, b: number) => 1_000_000 * (breaks[b - from]! - breaks[a - from]!) + (b - a);
  const beforeScore = before ? score(Math.min(before.end, r.start), r.start) : Infinity;
  const afterScore = after ? score(r.end, Math.max(r.end, after.start)) : Infinity;
  return (beforeScore <= afterScore ? before : after)!.claims;
}

/** The claim the number matches: among the claims of the claimant named for it (`named`), else all, the closest value. */
export function pickClaim(f: IndexedFigure, value: number, bound: Bound | undefined, named: readonly IndexedClaim[]): IndexedClaim | undefined {
  const pool = named.length > 0 ? named : f.claims;
  let best: IndexedClaim | undefined;
  let bestDistance = Infinity;
  for (const c of pool) {
    const v = claimValue(c);
    if (v === undefined || v <= 0 || value <= 0) continue;
    // The same bound ("more than 400" vs a "more than 400" claim) breaks ties between equal values.
    const distance = Math.abs(Math.log(value / v)) + (bound !== undefined && c.bound !== bound ? 1e-9 : 0);
    if (distance < bestDistance) {
      best = c;
      bestDistance = distance;
    }
  }
  // Claims without a number ("set back a few months") are picked only by a named claimant.
  return best ?? (named.length > 0 ? named[0] : undefined);
}

/** Start/end pairs of a figure's measure words in a sentence, found once per sentence. */
function measureSpans(text: string, f: IndexedFigure, from: number, to: number): number[] {
  const spans: number[] = [];
  for (const w of f.measureWords) {
    for (let at = findWord(text, w, from, to); at >= 0; at = findWord(text, w, at + 1, to)) spans.push(at, at + w.length);
  }
  return spans;
}

/** Distance from the reading to the nearest measure word span, or -1 when there is none. */
function measureDistance(spans: readonly number[], r: NumberReading): number {
  let best = -1;
  for (let k = 0; k < spans.length; k += 2) {
    const start = spans[k]!;
    const end = spans[k + 1]!;
    const d = start >= r.end ? start - r.end : Math.max(0, r.start - end);
    if (best < 0 || d < best) best = d;
  }
  return best;
}

/** Four-digit years (1900–2099) named in `text[from, to)`. */
function yearsIn(text: string, from: number, to: number): number[] {
  const years: number[] = [];
  YEAR.lastIndex = 0;
  const sentence = text.slice(from, to);
  for (let m = YEAR.exec(sentence); m; m = YEAR.exec(sentence)) years.push(Number(m[0]));
  return years;
}
const YEAR = /(?<![\p{L}\p{N},.])(?:19|20)\d\d(?![\p{L}\p{N}]|[,.]\d)/gu;

/** The years a figure's claims were made in. */
const claimYears = new WeakMap<IndexedFigure, ReadonlySet<number>>();
function claimYearsOf(f: IndexedFigure): ReadonlySet<number> {
  let years = claimYears.get(f);
  if (!years) claimYears.set(f, (years = new Set(f.claims.map((c) => Number(c.asOf.slice(0, 4))))));
  return years;
}

function daysToNearestClaim(f: IndexedFigure, date: string): number {
  const day = Date.parse(date);
  let best = Infinity;
  for (const c of f.claims) {
    const d = Math.abs(Date.parse(c.asOf) - day) / 86_400_000;
    if (d < best) best = d;
  }
  return best;
}

/** Per figure, days from `date` to its nearest claim; the same few dates recur, so kept per figure list. */
const agesByFigures = new WeakMap<readonly IndexedFigure[], Map<string, number[]>>();
function agesOf(figures: readonly IndexedFigure[], date: string | undefined): number[] {
  if (date === undefined) return figures.map(() => 0);
  let byDate = agesByFigures.get(figures);
  if (!byDate) agesByFigures.set(figures, (byDate = new Map()));
  let ages = byDate.get(date);
  if (!ages) {
    ages = figures.map((f) => daysToNearestClaim(f, date));
    if (byDate.size < 1000) byDate.set(date, ages);
  }
  return ages;
}

/** Figure hits in a normalized (lower-cased) text, sorted by start. */
export function matchFigures(
  text: string,
  figures: readonly IndexedFigure[],
  date?: string,
  paragraphs: readonly Span[] = paragraphSpans(text),
  numbers?: readonly NumberReading[],
  /** The text's word runs, when the caller has them: figure words are then found by hash. */
  words?: WordRuns,
): FigureHit[] {
  if (figures.length === 0) return [];
  // Numbers first: most paragraphs have none, and reading them is cheaper than looking for topic words.
  numbers ??= readNumbers(text);
  if (numbers.length === 0) return [];
  const hits: FigureHit[] = [];
  const ages = agesOf(figures, date);
  let n = 0;
  let previousParagraph = -2;
  let previousHits = new Set<number>();
  for (let p = 0; p < paragraphs.length && n < numbers.length; p++) {
    const para = paragraphs[p]!;
    while (n < numbers.length && numbers[n]!.start < para.start) n++;
    const inPara: NumberReading[] = [];
    while (n < numbers.length && numbers[n]!.end <= para.end) inPara.push(numbers[n++]!);
    if (inPara.length === 0) continue;
    // A paragraph that goes on about a figure the previous one stated keeps its topic ("The government gave …").
    const carried = previousParagraph === p - 1 ? previousHits : new Set<number>();
    const hitsHere = new Set<number>();
    previousParagraph = p;
    previousHits = hitsHere;
    // Topic words are looked up only for figures whose range and unit fit a number here, once per paragraph.
    let wordsHere: FigureWordsFound | undefined;
    const figureWords = (): FigureWordsFound => (wordsHere ??= figureWordsIn(text, figures, words!, para.start, para.end));
    const topical: (boolean | undefined)[] = [];
    const isTopical = (i: number): boolean =>
      (topical[i] ??=
        carried.has(i) ||
        (words ? figureWords().topical[i]! : figures[i]!.topicWords.some((w) => containsWord(text, w, para.start, para.end))));
    const measuresIn = (i: number, sentence: Span): number[] => {
      if (!words) return measureSpans(text, figures[i]!, sentence.start, sentence.end);
      const all = figureWords().measures[i]!;
      const spans: number[] = [];
      for (let k = 0; k < all.length; k += 2) {
        if (all[k]! >= sentence.start && all[k + 1]! <= sentence.end) spans.push(all[k]!, all[k + 1]!);
      }
      return spans;
    };
    let s: Span = { start: 0, end: 0 };
    // Per sentence, computed once: measure word spans and named claimants by figure (a table flattened into one
    // long sentence has thousands of numbers).
    let measures: (number[] | undefined)[] = [];
    let spots: (ClaimantSpot[] | undefined)[] = [];
    let breaks: Int32Array | undefined;
    for (const r of inPara) {
      const fitting = figures.map((f, i) => (inRange(r, f) && unitFits(r, f) && isTopical(i) ? i : -1)).filter((i) => i >= 0);
      if (fitting.length === 0) continue;
      if (r.start < s.start || r.start >= s.end) {
        s = sentenceAround(text, r.start, para.start, para.end);
        measures = [];
        spots = [];
        breaks = undefined;
      }
      let bestFigure = -1;
      let bestDistance = Infinity;
      let bestAge = Infinity;
      let namedYears: readonly number[] | undefined;
      /** 1 when the sentence names a year in which one of the figure's claims was made ("the 12-day war of 2025"). */
      const yearFit = (i: number): number => {
        namedYears ??= yearsIn(text, s.start, s.end);
        const years = claimYearsOf(figures[i]!);
        return namedYears.some((y) => years.has(y)) ? 1 : 0;
      };
      fitting.forEach((i) => {
        const d = measureDistance((measures[i] ??= measuresIn(i, s)), r);
        if (d < 0) return;
        // Equally close figures (the 2025 and the 2026 war tolls) are told apart by a year the sentence names, else
        // by the article's date.
        const age = ages[i]!;
        let better = d < bestDistance;
        if (!better && d === bestDistance) {
          const fit = yearFit(i) - yearFit(bestFigure);
          better = fit > 0 || (fit === 0 && age < bestAge);
        }
        if (better) {
          bestFigure = i;
          bestDistance = d;
          bestAge = age;
        }
      });
      if (bestFigure < 0) continue;
      hitsHere.add(bestFigure);
      const figure = figures[bestFigure]!;
      const named = (spots[bestFigure] ??= claimantSpots(text, figure, s.start, s.end, words));
      // Several claimants named in the sentence: the one nearest the number, within its clause.
      const pool = named.length === 0 ? [] : named.length === 1 ? named[0]!.claims : nearestClaimant(named, r, (breaks ??= clauseBreakCounts(text, s.start, s.end)), s.start);
      const claim = pickClaim(figure, readingValue(r), r.bound, pool);
      hits.push({
        start: r.start,
        end: r.end,
        figure: bestFigure,
        ...(claim ? { claimId: claim.id } : {}),
        ...(r.value !== undefined ? { value: r.value } : {}),
      });
    }
  }
  return hits;
}
