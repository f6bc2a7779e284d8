/**
 * Runs the automaton over normalized text and keeps leftmost-longest hits whose edges fall on word boundaries.
 */
import { normalizeForMatch } from '../text/normalize';
import { isWordAt, isWordBefore, isArabicScriptCode } from '../text/char-class';
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

export interface ScanInput {
  codes: Uint16Array;
  length: number;
  map: Uint32Array;
  original: string;
}

/** Arabic-script clitics that attach to a name: conjunctions و ف, prepositions ب ل ک, the article ال, and لل. */
const ARABIC_CLITIC_PREFIX = /^(?:[\u0648\u0641]?[\u0628\u0644\u06A9]?(?:\u0627\u0644)?|[\u0648\u0641]?\u0644\u0644)$/;

function cliticPrefixOk(input: ScanInput, start: number): boolean {
  let ws = start;
  while (ws > 0 && start - ws <= 4 && isWordBefore(input.codes, ws)) ws--;
  if (ws === start || start - ws > 4 || isWordBefore(input.codes, ws)) return false;
  let prefix = '';
  for (let i = ws; i < start; i++) {
    const c = input.codes[i]!;
    if (!isArabicScriptCode(c)) return false;
    prefix += String.fromCharCode(c);
  }
  return ARABIC_CLITIC_PREFIX.test(prefix);
}

function payloadsFor(index: MatcherIndex, input: ScanInput, key: number, start: number, end: number, leftOk: boolean): number[] {
  const out: number[] = [];
  let cased: string | undefined;
  for (let p = index.keyPayloadStart[key]!; p < index.keyPayloadStart[key + 1]!; p++) {
    const flags = index.payloadFlags[p]!;
    if (!leftOk && !(flags & FLAG_ARABIC_SCRIPT)) continue;
    if (flags & FLAG_CASE_SENSITIVE) {
      cased ??= normalizeForMatch(input.original.slice(input.map[start], input.map[end]), { foldCase: false }).text;
      if (cased !== index.payloadCased[p]) continue;
    }
    out.push(p);
  }
  return out;
}

/** All boundary-respecting hits, then leftmost-longest selection (ties on start go to the longer hit). */
export function scanAliases(index: MatcherIndex, input: ScanInput): AliasHit[] {
  const a = index.automaton;
  // Locals, not property reads: this loop is the matcher's hot path.
  const { rootNext, edgeStart, edgeChar, edgeTarget, fail, keyAt, outLink, keyLength, asciiRow, asciiNext } = a;
  const { codes, length } = input;
  const starts: number[] = [];
  const ends: number[] = [];
  const keysHit: number[] = [];
  let state = 0;
  for (let i = 0; i < length; i++) {
    const c = codes[i]!;
    const row = c < 128 ? asciiRow[state]! : -1;
    if (row >= 0) state = asciiNext[(row << 7) | c]!;
    else for (;;) {
      let t = 0;
      if (state === 0) t = rootNext[c]!;
      else {
        let lo = edgeStart[state]!;
        let hi = edgeStart[state + 1]! - 1;
        while (lo <= hi) {
          const mid = (lo + hi) >> 1;
          const m = edgeChar[mid]!;
          if (m === c) {
            t = edgeTarget[mid]!;
            break;
          }
          if (m < c) lo = mid + 1;
          else hi = mid - 1;
        }
      }
      if (t > 0) {
        state = t;
        break;
      }
      if (state === 0) break;
      state = fail[state]!;
    }
    if (state === 0) continue;
    let node = keyAt[state]! >= 0 ? state : outLink[state]!;
    if (node < 0) continue;
    const end = i + 1;
    // Every key ending here ends with the same unit, so one right-boundary test covers them all.
    if (isWordBefore(codes, end) && isWordAt(codes, end, length)) continue;
    while (node >= 0) {
      const key = keyAt[node]!;
      starts.push(end - keyLength[key]!);
      ends.push(end);
      keysHit.push(key);
      node = outLink[node]!;
    }
  }

  const order = starts.map((_, i) => i);
  order.sort((x, y) => starts[x]! - starts[y]! || ends[y]! - ends[x]!);
  const hits: AliasHit[] = [];
  let covered = 0;
  for (const h of order) {
    const start = starts[h]!;
    const end = ends[h]!;
    if (start < covered) continue;
    const leftOk = !(isWordAt(codes, start, length) && isWordBefore(codes, start));
    if (!leftOk && !cliticPrefixOk(input, start)) continue;
    const payloads = payloadsFor(index, input, keysHit[h]!, start, end, leftOk);
    if (payloads.length === 0) continue;
    hits.push({ start, end, payloads });
    covered = end;
  }
  return hits;
}
