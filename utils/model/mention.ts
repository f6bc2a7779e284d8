import type { EntityKind, Id } from './pack';

export type MentionKind = EntityKind | 'talks' | 'round' | 'figure';

/** A span of article text that refers to something in the knowledge base. Offsets are UTF-16, end-exclusive. */
export interface Mention {
  start: number;
  end: number;
  text: string;
  kind: MentionKind;
  /** Entity, round or figure id; `talks` for the talks in general. */
  id: Id;
  /** Display name of what the mention refers to. */
  label: string;
  /** Figures: the claim the article's number matches best. */
  claimId?: Id;
  /** Figures: the number read from the text. */
  value?: number;
}

/** What the matcher needs to know about the page besides its text. */
export interface ScanContext {
  /** Publication date of the article, `YYYY-MM-DD`, when the page declares one. */
  date?: string;
  /**
   * The page is already known to be about the story (its first scan had marks): new text on it (an infinite-scroll
   * page's next paragraphs) is not put through the relevance gate again on its own.
   */
  relevant?: true;
  /** The page's language (BCP 47, lower case: `en`, `fa`, `ar-eg`), from `<html lang>` or the browser's detection. */
  lang?: string;
}
