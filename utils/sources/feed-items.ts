/**
 * Feed items to article records, and the caps that keep the articles table small: per source only the newest N,
 * and nothing older than a number of days.
 */
import type { FeedItem } from './parsed-feed';

export interface FeedArticle {
  /** `sourceId` + the item's id: the same story from two feeds is two articles, from one feed only one. */
  id: string;
  sourceId: string;
  url: string;
  title: string;
  /** ISO 8601; the fetch time when the feed gave no date, so undated items still age out. */
  date: string;
  summary: string;
}

export interface ArticleCaps {
  perSource: number;
  maxAgeDays: number;
  now: number;
}

export const DEFAULT_ARTICLE_CAPS = { perSource: 100, maxAgeDays: 60 } as const;

/** A date this far ahead of now is a feed's mistake; such items are dated now rather than pinned to the top. */
const FUTURE_TOLERANCE_MS = 24 * 60 * 60 * 1000;

export function toArticles(items: readonly FeedItem[], sourceId: string, now: number): FeedArticle[] {
  const articles: FeedArticle[] = [];
  const fetchedAt = new Date(now).toISOString();
  for (const item of items) {
    // An article is something to open: items without a web link are not kept.
    if (item.link === undefined) continue;
    const dated = item.date !== undefined ? Date.parse(item.date) : Number.NaN;
    const date = Number.isFinite(dated) && dated <= now + FUTURE_TOLERANCE_MS ? (item.date as string) : fetchedAt;
    articles.push({
      id: `${sourceId}|${item.id}`,
      sourceId,
      url: item.link,
      title: item.title || item.link,
      date,
      summary: item.summary,
    });
  }
  return articles;
}

/** Newest first; per source at most `perSource`, none older than `maxAgeDays`; duplicate ids kept once (newest). */
export function capArticles(articles: readonly FeedArticle[], caps: ArticleCaps): FeedArticle[] {
  const oldest = caps.now - caps.maxAgeDays * 24 * 60 * 60 * 1000;
  const sorted = articles
    .map((article) => ({ article, time: Date.parse(article.date) }))
    .filter(({ time }) => Number.isFinite(time) && time >= oldest)
    .sort((a, b) => b.time - a.time || (a.article.id < b.article.id ? -1 : a.article.id > b.article.id ? 1 : 0));
  const seen = new Set<string>();
  const perSource = new Map<string, number>();
  const kept: FeedArticle[] = [];
  for (const { article } of sorted) {
    if (seen.has(article.id)) continue;
    const count = perSource.get(article.sourceId) ?? 0;
    if (count >= caps.perSource) continue;
    seen.add(article.id);
    perSource.set(article.sourceId, count + 1);
    kept.push(article);
  }
  return kept;
}
