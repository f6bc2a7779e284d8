/**
 * Word-character tests by code point (`\p{L}`, `\p{N}`, `\p{M}`), used for explicit match boundaries instead of `\b`
 * (which only knows ASCII), so `Oman` ≠ `woman` and `عراقچی` stays whole in Arabic script.
 */

const WORD = /^[\p{L}\p{N}\p{M}]$/u;
const ARABIC_LETTER = /^\p{Script=Arabic}$/u;

/** 0 unknown, 1 no, 2 yes. */
const wordTable = new Uint8Array(0x10000);
const arabicTable = new Uint8Array(0x10000);

for (let c = 0; c < 0x80; c++) {
  const isWord = (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
  wordTable[c] = isWord ? 2 : 1;
  arabicTable[c] = 1;
}

function lookup(table: Uint8Array, test: RegExp, code: number): boolean {
  let v = table[code]!;
  if (v === 0) {
    v = test.test(String.fromCharCode(code)) ? 2 : 1;
    table[code] = v;
  }
  return v === 2;
}

/** Whether the code point is a letter, digit or combining mark. */
export function isWordCodePoint(cp: number): boolean {
  if (cp < 0x10000) return lookup(wordTable, WORD, cp);
  return WORD.test(String.fromCodePoint(cp));
}

/** Whether the code point is written in Arabic script (Arabic, Persian, Urdu letters). */
export function isArabicScriptCode(code: number): boolean {
  return code < 0x10000 && lookup(arabicTable, ARABIC_LETTER, code);
}

/** Word test for the code point ending right before `index` in a UTF-16 array (handles surrogate pairs). */
export function isWordBefore(codes: ArrayLike<number>, index: number): boolean {
  if (index <= 0) return false;
  const c = codes[index - 1]!;
  if (c >= 0xdc00 && c <= 0xdfff && index >= 2) {
    const hi = codes[index - 2]!;
    if (hi >= 0xd800 && hi <= 0xdbff) return isWordCodePoint(((hi - 0xd800) << 10) + (c - 0xdc00) + 0x10000);
  }
  return isWordCodePoint(c);
}

/** Word test for the code point starting at `index` in a UTF-16 array of length `length`. */
export function isWordAt(codes: ArrayLike<number>, index: number, length: number): boolean {
  if (index >= length) return false;
  const c = codes[index]!;
  if (c >= 0xd800 && c <= 0xdbff && index + 1 < length) {
    const lo = codes[index + 1]!;
    if (lo >= 0xdc00 && lo <= 0xdfff) return isWordCodePoint(((c - 0xd800) << 10) + (lo - 0xdc00) + 0x10000);
  }
  return isWordCodePoint(c);
}

/** Word test for the code point ending right before `index` in a string. */
export function isWordBeforeIn(text: string, index: number): boolean {
  if (index <= 0) return false;
  const cp = text.codePointAt(index - 1)!;
  if (cp >= 0xdc00 && cp <= 0xdfff && index >= 2) return isWordCodePoint(text.codePointAt(index - 2)!);
  return isWordCodePoint(cp);
}

/** Word test for the code point starting at `index` in a string, treating `limit` as its end. */
export function isWordAtIn(text: string, index: number, limit = text.length): boolean {
  if (index >= limit || index >= text.length) return false;
  return isWordCodePoint(text.codePointAt(index)!);
}

/** Word test for a code unit that is not a surrogate (the hot path of the normalizer and the scan). */
export function isWordCodeUnit(c: number): boolean {
  const v = wordTable[c]!;
  return v === 0 ? lookup(wordTable, WORD, c) : v === 2;
}

/**
 * Whether the code unit at `index` belongs to a word character: both halves of a surrogate pair answer for the
 * code point they form. The hot loops of the matcher call this once per unit.
 */
export function isWordUnitAt(codes: ArrayLike<number>, index: number, length: number): boolean {
  const c = codes[index]!;
  if (c < 0xd800 || c > 0xdfff) {
    const v = wordTable[c]!;
    return v === 0 ? lookup(wordTable, WORD, c) : v === 2;
  }
  return c <= 0xdbff ? isWordAt(codes, index, length) : isWordBefore(codes, index + 1);
}
