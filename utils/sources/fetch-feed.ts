/**
 * One feed refresh's I/O and parsing, for the background to store: fetch (conditional, capped), refuse a web page
 * served in place of the feed, parse against the final address. Storing is the caller's (one transaction per source).
 */
import { fetchSource, type FetchResult, type FetchSourceOptions } from './fetch-source';
import { HTML_INSTEAD_OF_FEED, looksLikeHtml } from './looks-like-html';
import { parseFeed } from './parse-feed';
import type { ParsedFeed } from './parsed-feed';

export type FetchFeedResult =
  | {
      status: 'ok';
      finalUrl: string;
      feed: ParsedFeed;
      etag?: string;
      lastModified?: string;
      maxAgeSeconds?: number;
    }
  | Exclude<FetchResult, { status: 'ok' }>;

export async function fetchFeed(url: string, opts: FetchSourceOptions = {}): Promise<FetchFeedResult> {
  const fetched = await fetchSource(url, opts);
  if (fetched.status !== 'ok') return fetched;
  const { body, contentType, ...rest } = fetched;
  if (looksLikeHtml(body, contentType)) return { status: 'error', error: HTML_INSTEAD_OF_FEED };
  const parsed = parseFeed(body, { baseUrl: fetched.finalUrl });
  if (!parsed.ok) return { status: 'error', error: parsed.error };
  return { ...rest, feed: parsed.feed };
}
