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
const TERMINATORS = new Set(['.', '!', '?', '\u061F', '\u06D4']);

function endsAbbreviation(text: string, dot: number, from: number): boolean {
  let ws = dot;
  while (ws > from && isWordBeforeIn(text, ws)) ws--;
  const word = text.slice(ws, dot);
  // A single letter before the dot (`U.S.`, `J. D.`) or a title abbreviation.
  return word.length === 1 || ABBREVIATIONS.has(word);
}

/** Sentence spans inside `[from, to)` of a normalized (lower-cased) text. */
export function sentenceSpans(text: string, from = 0, to = text.length): Span[] {
  const out: Span[] = [];
  let start = from;
  for (let i = from; i < to; i++) {
    if (!TERMINATORS.has(text[i]!)) continue;
    const next = i + 1;
    if (next < to && text[next] !== ' ' && text[next] !== '"' && text[next] !== "'") continue;
    if (text[i] === '.' && endsAbbreviation(text, i, start)) continue;
    out.push({ start, end: next });
    start = next;
    while (start < to && text[start] === ' ') start++;
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
  if (word === '') return -1;
  let at = text.indexOf(word, from);
  while (at >= 0 && at + word.length <= to) {
    let end = at + word.length;
    if (text.startsWith('es', end) && !isWordAtIn(text, end + 2, to)) end += 2;
    else if (text[end] === 's' && !isWordAtIn(text, end + 1, to)) end += 1;
    const leftOk = !isWordBeforeIn(text, at) || !isWordAtIn(text, at, to);
    const rightOk = !isWordAtIn(text, end, to) || !isWordBeforeIn(text, end);
    if (leftOk && rightOk) return at;
    at = text.indexOf(word, at + 1);
  }
  return -1;
}
