/**
 * The hash of a word's normalized code units, shared by the normalizer (which hashes words as it folds them) and
 * the matcher index (which hashes the first word of every alias), so both always agree.
 */

export const HASH_SEED = 0x811c9dc5 | 0;
const HASH_PRIME = 0x01000193;

/** FNV-1a style hash of one more code unit; start from `HASH_SEED`. */
export function hashStep(h: number, code: number): number {
  return Math.imul(h ^ code, HASH_PRIME);
}

/** Hash of the code units `[from, to)`. */
export function wordHash(codes: ArrayLike<number>, from: number, to: number): number {
  let h = HASH_SEED;
  for (let i = from; i < to; i++) h = hashStep(h, codes[i]!);
  return h;
}

/** Hash of the code units `[from, to)` of a string. */
export function wordHashIn(text: string, from: number, to: number): number {
  let h = HASH_SEED;
  for (let i = from; i < to; i++) h = hashStep(h, text.charCodeAt(i));
  return h;
}
