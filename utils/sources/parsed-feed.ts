/** What a feed parser returns, whatever the format (RSS 2.0/1.0, Atom 1.0, JSON Feed 1.x). Strings are plain text. */

export interface FeedItem {
  /** The item's guid/id, else its link: stable across fetches, so the same story is not stored twice. */
  id: string;
  title: string;
  /** Absolute `http(s)` address; other schemes are dropped. */
  link?: string;
  /** ISO 8601 (UTC) publication date, when the feed gives one we can read. */
  date?: string;
  summary: string;
}

export interface ParsedFeed {
  title: string;
  link?: string;
  items: FeedItem[];
}

export type ParseFeedResult = { ok: true; feed: ParsedFeed } | { ok: false; error: string };

export interface ParseFeedOptions {
  /** The address the feed was fetched from (after redirects): relative links resolve against it. */
  baseUrl?: string;
}

/** Limits on what one feed may hand us: a feed is a list of headlines, not an archive. */
export const FEED_LIMITS = {
  items: 500,
  titleLength: 300,
  summaryLength: 1000,
  idLength: 1000,
} as const;
