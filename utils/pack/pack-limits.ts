/** Caps that keep a hostile or broken pack from exhausting memory. Stated in messages, so authors know them. */
export const PACK_LIMITS = {
  /** Whole pack text (UTF-8 bytes). */
  textBytes: 5 * 1024 * 1024,
  /** Any one string, in characters (100 kB of ASCII). */
  stringChars: 100_000,
  /** Items in a top-level collection (entities, rounds…). */
  collectionItems: 20_000,
  /** Items in a nested list (aliases, roles, source ids, claims…). */
  listItems: 1_000,
  /** Ids and short codes. */
  idChars: 100,
} as const;
