/**
 * Paragraph and sentence spans of a normalized text. Paragraphs are the text between `\n`s (the content script's
 * block boundaries); sentences end at `.`, `!`, `?` (and their Arabic-script forms) before a space, unless the dot
 * ends an abbreviation such as `U.S.` or `Dr.`.
 */
import { isWordAtIn, isWordBeforeIn } from './char-class';

export interface Span {
  start: number;
  end: number;
}

/** Paragraph spans, in order, covering the text except the `\n`s themselves. */
export function paragraphSpans(text: string): Span[] {
  const out: Span[] = [];
  let start = 0;
  for (;;) {
    const nl = text.indexOf('\n', start);
    const end = nl < 0 ? text.length : nl;
    if (end > start) out.push({ start, end });
    if (nl < 0) return out;
    start = nl + 1;
  }
}

const ABBREVIATIONS = new Set(['mr', 'mrs', 'ms', 'dr', 'gen', 'adm', 'sen', 'rep', 'st', 'no', 'vs', 'col', 'lt', 'gov', 'prof', 'jr', 'sr']);
/** `.`, `!`, `?` and the Arabic question mark and full stop. */
function isTerminator(c: number): boolean {
  return c === 0x2e || c === 0x21 || c === 0x3f || c === 0x061f || c === 0x06d4;
}

function endsAbbreviation(text: string, dot: number, from: number): boolean {
  let ws = dot;
  while (ws > from && ws > dot - 5 && isWordBeforeIn(text, ws)) ws--;
  if (ws > from && isWordBeforeIn(text, ws)) return false; // a long word: not an abbreviation
  // A single letter before the dot (`U.S.`, `J. D.`) or a title abbreviation.
  return dot - ws === 1 || ABBREVIATIONS.has(text.slice(ws, dot));
}

/** Sentence spans inside `[from, to)` of a normalized (lower-cased) text. */
export function sentenceSpans(text: string, from = 0, to = text.length): Span[] {
  const out: Span[] = [];
  let start = from;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (!isTerminator(c)) continue;
    const next = i + 1;
    if (next < to) {
      const n = text.charCodeAt(next);
      if (n !== 0x20 && n !== 0x22 && n !== 0x27) continue;
    }
    if (c === 0x2e && endsAbbreviation(text, i, start)) continue;
    out.push({ start, end: next });
    start = next;
    while (start < to && text.charCodeAt(start) === 0x20) start++;
  }
  if (start < to) out.push({ start, end: to });
  return out;
}

/** Whether `word` occurs in `text[from, to)` with word boundaries on both sides (a plural `s`/`es` is allowed). */
export function containsWord(text: string, word: string, from = 0, to = text.length): boolean {
  return findWord(text, word, from, to) >= 0;
}

/** Start of the first whole-word occurrence of `word` in `text[from, to)`, or -1. */
export function findWord(text: string, word: string, from = 0, to = text.length): number {
  if (word === '' || to - from < word.length) return -1;
  // Search a slice of the range, not the rest of the page: `indexOf` over the whole text per word was quadratic.
  const haystack = text.slice(from, to);
  let rel = haystack.indexOf(word);
  while (rel >= 0) {
    const at = from + rel;
    if (isWholeWordAt(text, word, at, to)) return at;
    rel = haystack.indexOf(word, rel + 1);
  }
  return -1;
}

/**
 * Whether `word` occurs at `at` as a whole word within `text[.., to)`, a plural `s`/`es` allowed. The caller has
 * checked that the text there is `word`.
 */
export function isWholeWordAt(text: string, word: string, at: number, to: number): boolean {
  let end = at + word.length;
  if (text.startsWith('es', end) && !isWordAtIn(text, end + 2, to)) end += 2;
  else if (text[end] === 's' && !isWordAtIn(text, end + 1, to)) end += 1;
  const leftOk = !isWordBeforeIn(text, at) || !isWordAtIn(text, at, to);
  const rightOk = !isWordAtIn(text, end, to) || !isWordBeforeIn(text, end);
  return leftOk && rightOk;
}

/** Whether a sentence ends at the terminator at `i` (followed by a space or quote, and not an abbreviation's dot). */
function endsSentenceAt(text: string, i: number, from: number, to: number): boolean {
  const c = text.charCodeAt(i);
  if (!isTerminator(c)) return false;
  if (i + 1 < to) {
    const n = text.charCodeAt(i + 1);
    if (n !== 0x20 && n !== 0x22 && n !== 0x27) return false;
  }
  return c !== 0x2e || !endsAbbreviation(text, i, from);
}

/**
 * The sentence around `pos` within the paragraph `[from, to)`, found by walking to the nearest sentence ends on
 * either side instead of splitting the whole paragraph. Same boundaries as `sentenceSpans`.
 */
export function sentenceAround(text: string, pos: number, from: number, to: number): Span {
  let start = from;
  for (let i = pos - 1; i >= from; i--) {
    if (endsSentenceAt(text, i, from, to)) {
      start = i + 1;
      break;
    }
  }
  while (start < to && text.charCodeAt(start) === 0x20) start++;
  let end = to;
  for (let i = Math.max(pos, start); i < to; i++) {
    if (endsSentenceAt(text, i, start, to)) {
      end = i + 1;
      break;
    }
  }
  return { start, end };
}
