/**
 * The one text normalizer used both when the matcher index is built and when a page is scanned, so an alias and the
 * article text it should match always go through the same folding.
 *
 * Every output code unit comes from exactly one input code unit (folds never change length per code unit); input
 * units may be dropped (combining marks, tatweel, zero-width characters) or merged (whitespace runs). `map` leads
 * back to the original offsets.
 */

import { isWordCodePoint, isWordCodeUnit } from './char-class';
import { HASH_SEED, hashStep } from './word-hash';

/** Offsets into the original string: `map[i]` is where normalized unit `i` came from; `map[length]` = original length. */
export type OffsetMap = Uint32Array;

export interface NormalizedText {
  text: string;
  /** Absent when the normalized text has the same offsets as the original (nothing dropped or merged). */
  map?: OffsetMap;
}

/** Maximal runs of word units in the normalized text: run `w` is `[starts[w], ends[w])` with hash `hashes[w]`. */
export interface WordRuns {
  count: number;
  starts: Int32Array;
  ends: Int32Array;
  /** `wordHash` of the run's code units. */
  hashes: Int32Array;
  /**
   * The runs a finder may start from, in order (`notableCount` of them): those beginning with a digit or at or above
   * U+0600 (Arabic script and beyond), those followed by an apostrophe, and those whose hash is in `watch`. Finders
   * that start only from such runs visit this list instead of every run of the page.
   */
  notable: Int32Array;
  notableCount: number;
  /** The watched hashes `notable` was built with (see `makeWordWatch`), if any. */
  watch: WordWatch | undefined;
}

/** An open-addressing set of word hashes (0 marks an empty slot; a hash of 0 is stored as 1). */
export type WordWatch = Int32Array;

export function makeWordWatch(hashes: Iterable<number>): WordWatch {
  const unique = new Set<number>();
  for (const h of hashes) unique.add(h === 0 ? 1 : h);
  let size = 16;
  while (size < unique.size * 4) size <<= 1;
  const table = new Int32Array(size);
  for (const h of unique) {
    let slot = h & (size - 1);
    while (table[slot] !== 0) slot = (slot + 1) & (size - 1);
    table[slot] = h;
  }
  return table;
}

export function watchHas(watch: WordWatch, hash: number): boolean {
  const h = hash === 0 ? 1 : hash;
  const mask = watch.length - 1;
  for (let slot = h & mask; ; slot = (slot + 1) & mask) {
    const v = watch[slot]!;
    if (v === h) return true;
    if (v === 0) return false;
  }
}

/**
 * The runs a finder has to visit when it starts only from notable runs and from runs hashed to one of `hashes`:
 * the notable list when `words` was built watching all of them, else every run (`list` undefined: run `k` is `k`).
 */
export function runsToVisit(words: WordRuns, hashes: readonly number[]): { list: Int32Array | undefined; count: number } {
  const watch = words.watch;
  const watched = hashes.every((h) => watch !== undefined && watchHas(watch, h));
  return watched ? { list: words.notable, count: words.notableCount } : { list: undefined, count: words.count };
}

/** Where normalized offsets came from: `at(i)` for `0 ≤ i ≤ length`, `at(length)` being the original length. */
export interface OriginalOffsets {
  at(i: number): number;
}

/**
 * Offsets from the fold's dropped ranges: normalized `i` came from `i` plus the units dropped before it. The scan
 * uses these instead of a per-unit map, whose 4 bytes per unit cost more to write than the few lookups save.
 */
class DropOffsets implements OriginalOffsets {
  /** From normalized `positions[k]` on, `shifts[k]` units had been dropped (both increasing). */
  private readonly positions: Int32Array;
  private readonly shifts: Int32Array;

  constructor(edits: FoldEdits) {
    let drops = 0;
    for (let e = 0; e < edits.count; e++) if (edits.codes[e]! < 0) drops++;
    this.positions = new Int32Array(drops);
    this.shifts = new Int32Array(drops);
    let k = 0;
    let dropped = 0;
    for (let e = 0; e < edits.count; e++) {
      if (edits.codes[e]! >= 0) continue;
      dropped += edits.ends[e]! - edits.starts[e]!;
      this.positions[k] = edits.ends[e]! - dropped;
      this.shifts[k++] = dropped;
    }
  }

  at(i: number): number {
    let lo = 0;
    let hi = this.positions.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.positions[mid]! <= i) lo = mid + 1;
      else hi = mid;
    }
    return lo === 0 ? i : i + this.shifts[lo - 1]!;
  }
}

export interface NormalizedCodes {
  codes: Uint16Array;
  length: number;
  /** Always present; identity when nothing was dropped or merged. */
  map: OffsetMap;
  identity: boolean;
}

/** What the page scan reads: the normalized text, where its offsets came from, and its word runs. */
export interface ScanText {
  text: string;
  map: OriginalOffsets;
  /** Whether nothing was dropped or merged (normalized offsets are original offsets). */
  identity: boolean;
  words: WordRuns;
}

/**
 * The places where the normalized text is not simply the original lower-cased, as original ranges
 * `[starts[e], ends[e])` in order: dropped or merged units (`codes[e]` = -1), or one unit folded to `codes[e]`.
 */
interface FoldEdits {
  count: number;
  starts: Int32Array;
  ends: Int32Array;
  codes: Int32Array;
  /** Whether some edit keeps a surrogate, which decoding may turn into U+FFFD when it is unpaired. */
  surrogates: boolean;
}

export interface NormalizeOptions {
  /** Fold case (default true). Off only to compare case-sensitive aliases such as `US`. */
  foldCase?: boolean;
}

export interface ScanOptions {
  /** Word hashes whose runs are listed as notable. */
  watch?: WordWatch;
  /**
   * Return word runs in the normalizer's own buffers, reused by the next call that asks for them: valid until then,
   * so only for a caller that is done with them before it returns (allocating and zeroing fresh arrays for every
   * page cost more than a tenth of a scan).
   */
  scratch?: boolean;
}

const SPACE = 0x20;
const NEWLINE = 0x0a;
/** Sentinels in the fold table; real folds are stored as code + 1 so 0 can mean "not computed yet". */
const UNKNOWN = 0;
const DROP = -1;
const WHITESPACE = -2;

/** Explicit folds that Unicode decomposition does not give us (punctuation and Arabic-script letter variants). */
const EXPLICIT_FOLDS: ReadonlyArray<readonly [string, string]> = [
  // Quotes and apostrophes.
  ['\u2018\u2019\u201A\u201B\u2032\u00B4\u0060\u02BC\u02BB\uFF07', "'"],
  ['\u201C\u201D\u201E\u201F\u2033\u00AB\u00BB\uFF02', '"'],
  // Hyphens, dashes and minus.
  ['\u2010\u2011\u2012\u2013\u2014\u2015\u2212\uFE58\uFE63\uFF0D', '-'],
  // Arabic-script letter variants: Arabic yeh and alef maksura → Persian yeh, Arabic kaf → keheh, teh marbuta → heh,
  // hamza carriers → bare letter, heh with yeh above → heh.
  ['\u064A\u0649\u0626\u06D2', '\u06CC'],
  ['\u0643', '\u06A9'],
  ['\u0629\u06C0\u06C1\u06D5', '\u0647'],
  ['\u0623\u0625\u0622\u0671', '\u0627'],
  ['\u0624', '\u0648'],
  // Arabic-Indic and Persian digits → ASCII digits; Arabic thousands and decimal separators.
  ['\u0660\u06F0', '0'], ['\u0661\u06F1', '1'], ['\u0662\u06F2', '2'], ['\u0663\u06F3', '3'], ['\u0664\u06F4', '4'],
  ['\u0665\u06F5', '5'], ['\u0666\u06F6', '6'], ['\u0667\u06F7', '7'], ['\u0668\u06F8', '8'], ['\u0669\u06F9', '9'],
  ['\u066C', ','], ['\u066B', '.'],
  // ZWNJ separates parts of one Persian word ("می‌گوید"); treating it as a space makes `X‌ها` still end at `X`.
  ['\u200C', ' '],
];

/** Dropped outright: tatweel, zero-width space/joiner, soft hyphen, BOM, word joiner, bidi marks. */
const DROPPED = '\u0640\u200B\u200D\u00AD\uFEFF\u2060\u200E\u200F\u061C';

/** Whitespace other than `\n`, which stays as the block separator. */
const OTHER_WHITESPACE = '\t\r\f\v\u00A0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200A\u2028\u2029\u202F\u205F\u3000\u0085';

const MARK = /^\p{M}$/u;
const TRAILING_MARKS = /^\p{M}+$/u;

/** Lazily filled per code unit: 0 unknown, -1 drop, -2 whitespace, else folded code + 1. */
const foldTable = new Int32Array(0x10000);
const caseKeepTable = new Int32Array(0x10000);

function seedTables(): void {
  for (const table of [foldTable, caseKeepTable]) {
    for (const [from, to] of EXPLICIT_FOLDS) {
      for (let i = 0; i < from.length; i++) table[from.charCodeAt(i)] = to.charCodeAt(0) + 1;
    }
    for (let i = 0; i < DROPPED.length; i++) table[DROPPED.charCodeAt(i)] = DROP;
    for (let i = 0; i < OTHER_WHITESPACE.length; i++) table[OTHER_WHITESPACE.charCodeAt(i)] = WHITESPACE;
    table[SPACE] = WHITESPACE;
    table[NEWLINE] = NEWLINE + 1;
  }
  // ASCII fast path computed eagerly.
  for (let c = 0x21; c < 0x80; c++) {
    foldTable[c] = (c >= 0x41 && c <= 0x5a ? c + 32 : c) + 1;
    caseKeepTable[c] = c + 1;
  }
}
seedTables();

function computeFold(code: number, foldCase: boolean): number {
  if (code >= 0xd800 && code <= 0xdfff) return code + 1; // surrogate halves pass through untouched
  const ch = String.fromCharCode(code);
  if (MARK.test(ch)) return DROP;
  if (/^\s$/u.test(ch)) return WHITESPACE;
  let out = ch;
  const decomposed = ch.normalize('NFD');
  if (decomposed.length > 1 && TRAILING_MARKS.test(decomposed.slice(1))) out = decomposed.charAt(0);
  if (foldCase) {
    const lower = out.toLowerCase();
    if (lower.length === 1) out = lower;
  }
  // A decomposed base may itself have an explicit fold (e.g. hamza-on-yeh decomposes to Arabic yeh).
  const table = foldCase ? foldTable : caseKeepTable;
  const base = out.charCodeAt(0);
  if (base !== code && table[base]! > 0) return table[base]!;
  return base + 1;
}

function foldOf(code: number, foldCase: boolean): number {
  const table = foldCase ? foldTable : caseKeepTable;
  let f = table[code]!;
  if (f === UNKNOWN) {
    f = computeFold(code, foldCase);
    table[code] = f;
  }
  return f;
}

/** Whether the unit at `i` of `s` (already folded to `code`) belongs to a word; pairs answer for their code point. */
function isWordUnitIn(s: string, i: number, code: number): boolean {
  if (code < 0xd800 || code > 0xdfff) return isWordCodeUnit(code);
  const cp = s.codePointAt(code <= 0xdbff ? i : i - 1)!;
  return cp > 0xffff && (code <= 0xdbff || (i > 0 && s.charCodeAt(i - 1) <= 0xdbff)) ? isWordCodePoint(cp) : isWordCodePoint(code);
}

/** Folds `s` into `codes`/`map` (which must hold `s.length` and `s.length + 1` entries); returns the length. */
function foldInto(s: string, codes: Uint16Array, map: Uint32Array, foldCase: boolean): { length: number; identity: boolean } {
  const n = s.length;
  let len = 0;
  let identity = true;
  let lastWasSpace = false;
  for (let i = 0; i < n; i++) {
    const f = foldOf(s.charCodeAt(i), foldCase);
    if (f === DROP) {
      identity = false;
      continue;
    }
    if (f === WHITESPACE || f === SPACE + 1) {
      if (lastWasSpace) {
        identity = false;
        continue;
      }
      if (i !== len) identity = false;
      codes[len] = SPACE;
      map[len++] = i;
      lastWasSpace = true;
      continue;
    }
    lastWasSpace = false;
    if (i !== len) identity = false;
    codes[len] = f - 1;
    map[len++] = i;
  }
  map[len] = n;
  return { length: len, identity };
}

/**
 * The scan's table, one lookup per code unit: the folded unit in the low 16 bits and WORD when it is a word
 * character. SPECIAL marks every unit the common path cannot take as it is, so that path tests one bit: not yet
 * computed (UNKNOWN_KIND), dropped (DROP_KIND), folded to a space (SPACE_KIND: spaces, other whitespace, ZWNJ), a
 * fold that is not what `toLowerCase` makes of the unit in a whole string (EDIT_KIND), or a surrogate, whose word
 * class depends on its pair (SURROGATE_KIND).
 */
const scanTable = new Int32Array(0x10000);
const CODE_MASK = 0xffff;
const WORD = 1 << 16;
const SPECIAL = 1 << 17;
const UNKNOWN_KIND = 1 << 18;
const DROP_KIND = 1 << 19;
const SPACE_KIND = 1 << 20;
const EDIT_KIND = 1 << 21;
const SURROGATE_KIND = 1 << 22;
scanTable.fill(SPECIAL | UNKNOWN_KIND);
/** Greek capital sigma: a whole-string `toLowerCase` makes it final ς at a word end, the fold always σ. */
const CAPITAL_SIGMA = 0x3a3;

function computeScanEntry(unit: number): number {
  const f = foldOf(unit, true);
  let v: number;
  if (f === DROP) v = SPECIAL | DROP_KIND;
  else if (f === WHITESPACE || f === SPACE + 1) v = SPECIAL | SPACE_KIND | SPACE;
  else {
    const code = f - 1;
    v = code;
    if (code >= 0xd800 && code <= 0xdfff) v |= SPECIAL | SURROGATE_KIND;
    else if (isWordCodeUnit(code)) v |= WORD;
    // Surrogates: a whole-string toLowerCase folds some pairs (Deseret, Osage), which the fold leaves as they are.
    const lower = String.fromCharCode(unit).toLowerCase();
    const surrogate = unit >= 0xd800 && unit <= 0xdfff;
    if (surrogate || unit === CAPITAL_SIGMA || lower.length !== 1 || lower.charCodeAt(0) !== code) v |= SPECIAL | EDIT_KIND;
  }
  scanTable[unit] = v;
  return v;
}

function addEdit(edits: FoldEdits, start: number, end: number, code: number): void {
  const e = edits.count;
  // A dropped unit right after a dropped range extends it (a run of spaces, marks after a letter).
  if (code < 0 && e > 0 && edits.ends[e - 1] === start && edits.codes[e - 1]! < 0) {
    edits.ends[e - 1] = end;
    return;
  }
  if (e === edits.starts.length) {
    const grow = (a: Int32Array): Int32Array => {
      const bigger = new Int32Array(Math.max(64, a.length * 2));
      bigger.set(a);
      return bigger;
    };
    edits.starts = grow(edits.starts);
    edits.ends = grow(edits.ends);
    edits.codes = grow(edits.codes);
  }
  edits.starts[e] = start;
  edits.ends[e] = end;
  edits.codes[e] = code;
  edits.count = e + 1;
  if (code >= 0xd800 && code <= 0xdfff) edits.surrogates = true;
}

/**
 * The scan's fold: the same folding as `foldInto`, but it records the word runs and the edits instead of writing
 * the folded units and an offset map (the scan reads the normalized string, built from the edits). A separate loop
 * rather than a flag in one: one loop serving both callers was deoptimized by V8 and ran twice as slowly.
 */
function foldWordsInto(s: string, words: WordRuns, edits: FoldEdits): number {
  const n = s.length;
  let len = 0;
  /** `len` right after the last space written: a space when nothing was written since is merged into it. */
  let lenAfterSpace = -1;
  let wordStart = -1;
  let hash = HASH_SEED;
  let first = 0;
  for (let i = 0; i < n; i++) {
    const unit = s.charCodeAt(i);
    let v = scanTable[unit]!;
    if (v & SPECIAL) {
      if (v & UNKNOWN_KIND) v = computeScanEntry(unit);
      if (v & DROP_KIND) {
        addEdit(edits, i, i + 1, -1);
        continue;
      }
      if (v & SPACE_KIND) {
        if (lenAfterSpace === len) {
          addEdit(edits, i, i + 1, -1);
          continue;
        }
        if (unit !== SPACE) addEdit(edits, i, i + 1, SPACE);
        if (wordStart >= 0) {
          addWord(words, wordStart, len, hash, first, SPACE);
          wordStart = -1;
        }
        lenAfterSpace = ++len;
        continue;
      }
      if (v & EDIT_KIND) addEdit(edits, i, i + 1, v & CODE_MASK);
      if (v & SURROGATE_KIND) v = isWordUnitIn(s, i, v & CODE_MASK) ? v | WORD : v & ~WORD;
    }
    const code = v & CODE_MASK;
    if (v & WORD) {
      if (wordStart < 0) {
        wordStart = len;
        hash = HASH_SEED;
        first = code;
      }
      hash = hashStep(hash, code);
    } else if (wordStart >= 0) {
      addWord(words, wordStart, len, hash, first, code);
      wordStart = -1;
    }
    len++;
  }
  if (wordStart >= 0) addWord(words, wordStart, len, hash, first, -1);
  return len;
}

/** `first`: the run's first code unit; `next`: the unit right after it (-1 at the end of the text). */
function addWord(words: WordRuns, start: number, end: number, hash: number, first: number, next: number): void {
  const w = words.count++;
  if (w === words.starts.length) growRuns(words);
  words.starts[w] = start;
  words.ends[w] = end;
  words.hashes[w] = hash;
  if ((first >= 0x30 && first <= 0x39) || first >= 0x600 || next === 0x27 || (words.watch !== undefined && watchHas(words.watch, hash))) {
    const k = words.notableCount++;
    if (k === words.notable.length) {
      const bigger = new Int32Array(Math.max(16, k * 2));
      bigger.set(words.notable);
      words.notable = bigger;
    }
    words.notable[k] = w;
  }
}

function growRuns(words: WordRuns): void {
  const grow = (a: Int32Array): Int32Array => {
    const bigger = new Int32Array(a.length * 2);
    bigger.set(a);
    return bigger;
  };
  words.starts = grow(words.starts);
  words.ends = grow(words.ends);
  words.hashes = grow(words.hashes);
}

/** Buffers lent out by `normalizeCodes(…, { scratch: true })`; they only grow. */
const scratchText = {
  words: newRuns(0),
  edits: newEdits(),
};

function newEdits(): FoldEdits {
  return { count: 0, starts: new Int32Array(64), ends: new Int32Array(64), codes: new Int32Array(64), surrogates: false };
}

function newRuns(capacity: number): WordRuns {
  return {
    count: 0,
    starts: new Int32Array(capacity),
    ends: new Int32Array(capacity),
    hashes: new Int32Array(capacity),
    notable: new Int32Array(Math.max(16, capacity >> 4)),
    notableCount: 0,
    watch: undefined,
  };
}

/** Normalizes into code units plus the offset map. */
export function normalizeCodes(s: string, options: NormalizeOptions = {}): NormalizedCodes {
  const codes = new Uint16Array(s.length);
  const map = new Uint32Array(s.length + 1);
  const { length, identity } = foldInto(s, codes, map, options.foldCase !== false);
  return { codes, length, map, identity };
}

/**
 * Normalizes a page for scanning: the normalized text (case always folded), its word runs, and its offsets back
 * into `s`. The text is `s` lower-cased by the native `toLowerCase` with the fold's edits applied (a few slices),
 * which beats writing and decoding every code unit (about 0.9 against 2.3 ms for a 50k-word page in Chromium).
 * When `toLowerCase` changes the length (U+0130), a surrogate is kept (decoding replaces unpaired ones), or the edits
 * are very many, the text is folded unit by unit instead. Both give the same string.
 */
export function normalizeForScan(s: string, options: ScanOptions = {}): ScanText {
  const scratch = options.scratch === true;
  // Prose averages a run per 6–7 units; start at one per 6 and grow (zeroing room for the worst case, one per 2,
  // cost more than the scan saved).
  const capacity = Math.max(16, Math.ceil(s.length / 6));
  let words: WordRuns;
  if (scratch && scratchText.words.starts.length >= capacity) {
    words = scratchText.words;
    words.count = 0;
    words.notableCount = 0;
  } else words = newRuns(capacity);
  words.watch = options.watch;
  const edits = scratch ? scratchText.edits : newEdits();
  edits.count = 0;
  edits.surrogates = false;
  const length = foldWordsInto(s, words, edits);
  if (scratch) scratchText.words = words;
  return { text: textFromEdits(s, edits, length), map: new DropOffsets(edits), identity: length === s.length, words };
}

function foldedText(s: string): string {
  const { codes, length } = normalizeCodes(s);
  return codesToString(codes, length);
}

function textFromEdits(s: string, edits: FoldEdits, length: number): string {
  const lower = edits.surrogates || edits.count > (s.length >> 2) + 8 ? undefined : s.toLowerCase();
  if (lower === undefined || lower.length !== s.length) return foldedText(s);
  if (edits.count === 0) return lower;
  const parts: string[] = [];
  let from = 0;
  for (let e = 0; e < edits.count; e++) {
    const start = edits.starts[e]!;
    if (start > from) parts.push(lower.slice(from, start));
    const code = edits.codes[e]!;
    if (code >= 0) parts.push(String.fromCharCode(code));
    from = edits.ends[e]!;
  }
  if (from < lower.length) parts.push(lower.slice(from));
  const text = parts.join('');
  // Cannot differ unless toLowerCase maps a unit in context in a way the fold table does not know: fold instead.
  return text.length === length ? text : foldedText(s);
}

/** Scratch space for short strings (aliases at index build), so building 100k keys allocates no typed arrays. */
const SHORT = 256;
const scratchCodes = new Uint16Array(SHORT);
const scratchMap = new Uint32Array(SHORT + 1);

const utf16 = new TextDecoder('utf-16le');

/** The normalized code units as a string (one code unit each; a lone surrogate becomes U+FFFD, length kept). */
export function codesToString(codes: Uint16Array, length: number): string {
  if (length === 0) return '';
  return utf16.decode(codes.subarray(0, length));
}

/** Normalizes for matching; see the module comment for what is folded. */
export function normalizeForMatch(s: string, options: NormalizeOptions = {}): NormalizedText {
  if (s.length <= SHORT) {
    const { length, identity } = foldInto(s, scratchCodes, scratchMap, options.foldCase !== false);
    const text = String.fromCharCode.apply(null, scratchCodes.subarray(0, length) as unknown as number[]);
    return identity ? { text } : { text, map: scratchMap.slice(0, length + 1) };
  }
  const { codes, length, map, identity } = normalizeCodes(s, options);
  const text = codesToString(codes, length);
  return identity ? { text } : { text, map: map.slice(0, length + 1) };
}

/** Original span of the normalized span `[start, end)`; dropped units right after the span (marks) are included. */
export function toOriginalSpan(map: OffsetMap | undefined, start: number, end: number): [number, number] {
  if (!map) return [start, end];
  return [map[start]!, map[end]!];
}
