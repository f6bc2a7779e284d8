/**
 * Finds the aliases in normalized text: leftmost-longest hits whose edges fall on word boundaries.
 */
import { normalizeForMatch, type ScanText } from '../text/normalize';
import { isArabicScriptCode, isWordAtIn, isWordBeforeIn } from '../text/char-class';
import { wordHashIn } from '../text/word-hash';
import { hasFirstWord } from './trie';
import {
  FLAG_ARABIC_SCRIPT,
  FLAG_CASE_SENSITIVE,
  type MatcherIndex,
} from './matcher-index';

/** A selected alias hit in normalized offsets; `payloads` are indexes into the index's payload arrays. */
export interface AliasHit {
  start: number;
  end: number;
  payloads: number[];
}

/** The page as `normalizeForScan` gives it, with the original text (case-sensitive aliases are checked there). */
export interface ScanInput extends ScanText {
  original: string;
}

/** Arabic-script clitics that attach to a name: conjunctions و ف, prepositions ب ل ک, the article ال, and لل. */
const ARABIC_CLITIC_PREFIX = /^(?:[\u0648\u0641]?[\u0628\u0644\u06A9]?(?:\u0627\u0644)?|[\u0648\u0641]?\u0644\u0644)$/;

function cliticPrefixOk(input: ScanInput, start: number): boolean {
  let ws = start;
  while (ws > 0 && start - ws <= 4 && isWordBeforeIn(input.text, ws)) ws--;
  if (ws === start || start - ws > 4 || isWordBeforeIn(input.text, ws)) return false;
  let prefix = '';
  for (let i = ws; i < start; i++) {
    const c = input.text.charCodeAt(i);
    if (!isArabicScriptCode(c)) return false;
    prefix += String.fromCharCode(c);
  }
  return ARABIC_CLITIC_PREFIX.test(prefix);
}

/**
 * Whether `cased` is the all-caps form of a case-sensitive alias written in mixed case ("MUSCAT" for "Muscat"):
 * datelines and headlines set names in capitals, and the alias was case-sensitive only to keep the lower-case
 * common word ("muscat", the grape) out. Aliases that are all capitals themselves ("US", "IAEA") stay exact, so an
 * all-caps "US" in a headline is still the acronym and "Us" or "us" are still not.
 */
function isAllCapsOf(cased: string, alias: string): boolean {
  if (cased.length !== alias.length) return false;
  const upper = alias.toUpperCase();
  return upper !== alias && cased === upper;
}

function payloadsFor(index: MatcherIndex, input: ScanInput, key: number, start: number, end: number, leftOk: boolean): number[] {
  const out: number[] = [];
  let cased: string | undefined;
  for (let p = index.keyPayloadStart[key]!; p < index.keyPayloadStart[key + 1]!; p++) {
    const flags = index.payloadFlags[p]!;
    if (!leftOk && !(flags & FLAG_ARABIC_SCRIPT)) continue;
    if (flags & FLAG_CASE_SENSITIVE) {
      cased ??= normalizeForMatch(input.original.slice(input.map.at(start), input.map.at(end)), { foldCase: false }).text;
      if (cased !== index.payloadCased[p] && !isAllCapsOf(cased, index.payloadCased[p]!)) continue;
    }
    out.push(p);
  }
  return out;
}

/** Candidate ends of the current walk (reused: a walk is never nested). */
const candidateKeys: number[] = [];
const candidateEnds: number[] = [];

/**
 * Walks the trie from `start` and keeps the longest key that ends on a word boundary and has a payload allowed
 * here; returns its end, or -1.
 */
function longestAt(index: MatcherIndex, input: ScanInput, hits: AliasHit[], start: number, leftOk: boolean): number {
  const { rootNext, edgeStart, edgeChar, edgeTarget, keyAt } = index.trie;
  const { text } = input;
  const length = text.length;
  let node = rootNext[text.charCodeAt(start)]!;
  let count = 0;
  let j = start + 1;
  while (node !== 0) {
    if (keyAt[node]! >= 0 && !(isWordBeforeIn(text, j) && isWordAtIn(text, j, length))) {
      candidateKeys[count] = keyAt[node]!;
      candidateEnds[count++] = j;
    }
    if (j >= length) break;
    const c = text.charCodeAt(j++);
    let lo = edgeStart[node]!;
    let hi = edgeStart[node + 1]! - 1;
    node = 0;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const m = edgeChar[mid]!;
      if (m === c) {
        node = edgeTarget[mid]!;
        break;
      }
      if (m < c) lo = mid + 1;
      else hi = mid - 1;
    }
  }
  for (let k = count - 1; k >= 0; k--) {
    const end = candidateEnds[k]!;
    const payloads = payloadsFor(index, input, candidateKeys[k]!, start, end, leftOk);
    if (payloads.length === 0) continue;
    hits.push({ start, end, payloads });
    return end;
  }
  return -1;
}

/** The hit starting in the word `[start, end)` (hashed to `hash`), at its start or after a clitic; its end or -1. */
function matchWord(index: MatcherIndex, input: ScanInput, hits: AliasHit[], start: number, end: number, hash: number): number {
  const { firstWords } = index.trie;
  const { text } = input;
  if (hasFirstWord(firstWords, hash)) {
    const matched = longestAt(index, input, hits, start, true);
    if (matched > 0) return matched;
  }
  const first = text.charCodeAt(start);
  if (first < 0x600 || !isArabicScriptCode(first)) return -1;
  for (let s = start + 1; s <= start + 4 && s < end; s++) {
    if (!hasFirstWord(firstWords, wordHashIn(text, s, end)) || !cliticPrefixOk(input, s)) continue;
    const matched = longestAt(index, input, hits, s, false);
    if (matched > 0) return matched;
  }
  return -1;
}

/** Tries the keys that start with a non-word character at each position of `[from, to)` not yet covered. */
function scanGap(index: MatcherIndex, input: ScanInput, hits: AliasHit[], from: number, to: number, resumeAt: number): number {
  const { rootNext } = index.trie;
  for (let i = Math.max(from, resumeAt); i < to; i++) {
    if (i < resumeAt || rootNext[input.text.charCodeAt(i)]! === 0) continue;
    const end = longestAt(index, input, hits, i, true);
    if (end > 0) resumeAt = end;
  }
  return resumeAt;
}

/**
 * Leftmost-longest alias hits whose edges fall on word boundaries. Goes through the text's word runs (found by the
 * normalizer in the same pass as folding) and walks the trie only from words that begin some alias (see trie.ts).
 */
export function scanAliases(index: MatcherIndex, input: ScanInput): AliasHit[] {
  const { nonWordStart, firstWords } = index.trie;
  const { text } = input;
  const { count, starts, ends, hashes } = input.words;
  const hits: AliasHit[] = [];
  /** Text before this offset is inside a hit already taken. */
  let resumeAt = 0;
  let gapStart = 0;
  for (let w = 0; w < count; w++) {
    const start = starts[w]!;
    if (nonWordStart) resumeAt = scanGap(index, input, hits, gapStart, start, resumeAt);
    gapStart = ends[w]!;
    if (start < resumeAt) continue;
    // Most words begin no alias and are not Arabic script (where a clitic may hide one).
    const hash = hashes[w]!;
    if (!hasFirstWord(firstWords, hash) && text.charCodeAt(start) < 0x600) continue;
    const end = matchWord(index, input, hits, start, gapStart, hash);
    if (end > 0) resumeAt = end;
  }
  if (nonWordStart) scanGap(index, input, hits, gapStart, text.length, resumeAt);
  return hits;
}
