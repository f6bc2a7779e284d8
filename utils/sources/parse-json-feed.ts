/** JSON Feed 1.0/1.1 (https://jsonfeed.org/version/1.1). Every field is checked: the JSON is untrusted. */
import { toWebLink } from './source-url';
import { parseFeedDate } from './feed-dates';
import { collapseWhitespace, capText, htmlToText } from './html-to-text';
import { FEED_LIMITS, type FeedItem, type ParseFeedOptions, type ParseFeedResult } from './parsed-feed';

export function parseJsonFeed(text: string, opts: ParseFeedOptions = {}): ParseFeedResult {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (thrown) {
    const detail = thrown instanceof Error ? thrown.message : String(thrown);
    return { ok: false, error: `The feed is not valid JSON: ${detail}` };
  }
  if (!isRecord(data) || typeof data.version !== 'string' || !data.version.startsWith('https://jsonfeed.org/version/1')) {
    return { ok: false, error: 'This is JSON but not a JSON Feed (no "version": "https://jsonfeed.org/version/1.1")' };
  }
  if (!Array.isArray(data.items)) return { ok: false, error: 'The JSON Feed has no "items" list' };
  const baseUrl = toWebLink(stringOf(data.feed_url), opts.baseUrl) ?? opts.baseUrl;
  const items: FeedItem[] = [];
  for (const raw of data.items.slice(0, FEED_LIMITS.items)) {
    const item = readItem(raw, baseUrl);
    if (item) items.push(item);
  }
  const link = toWebLink(stringOf(data.home_page_url), baseUrl);
  return {
    ok: true,
    feed: {
      title: capText(collapseWhitespace(stringOf(data.title) ?? ''), FEED_LIMITS.titleLength),
      ...(link ? { link } : {}),
      items,
    },
  };
}

function readItem(raw: unknown, baseUrl: string | undefined): FeedItem | undefined {
  if (!isRecord(raw)) return undefined;
  const link = toWebLink(stringOf(raw.url) ?? stringOf(raw.external_url), baseUrl);
  const rawId = typeof raw.id === 'number' ? String(raw.id) : stringOf(raw.id);
  const id = (rawId?.trim() || link)?.slice(0, FEED_LIMITS.idLength);
  if (!id) return undefined;
  const summaryText = stringOf(raw.summary) ?? stringOf(raw.content_text);
  const summary =
    summaryText !== undefined
      ? capText(collapseWhitespace(summaryText), FEED_LIMITS.summaryLength)
      : htmlToText(stringOf(raw.content_html) ?? '', FEED_LIMITS.summaryLength);
  const title = capText(collapseWhitespace(stringOf(raw.title) ?? ''), FEED_LIMITS.titleLength);
  const date = parseFeedDate(stringOf(raw.date_published) ?? stringOf(raw.date_modified));
  return { id, title, ...(link ? { link } : {}), ...(date ? { date } : {}), summary };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function stringOf(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}
