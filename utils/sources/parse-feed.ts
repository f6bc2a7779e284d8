/**
 * RSS 2.0 (and 1.0), Atom 1.0 and JSON Feed to one plain-text shape, without DOMParser (MV3 service workers have
 * none). Every string that leaves here is plain text; links are absolute http(s) or absent.
 */
import { parseFeedDate } from './feed-dates';
import { capText, collapseWhitespace, htmlToText } from './html-to-text';
import { HTML_INSTEAD_OF_FEED, looksLikeHtml } from './looks-like-html';
import { parseJsonFeed } from './parse-json-feed';
import {
  FEED_LIMITS,
  type FeedItem,
  type ParsedFeed,
  type ParseFeedOptions,
  type ParseFeedResult,
} from './parsed-feed';
import { toWebLink } from './source-url';
import { childElement, childElements, parseXmlTree, textContent, type XmlElement } from './xml-tree';

export type { FeedItem, ParsedFeed, ParseFeedOptions, ParseFeedResult } from './parsed-feed';
export { FEED_LIMITS } from './parsed-feed';
export { ENTITIES_REFUSED } from './xml-tree';

export function parseFeed(text: string, opts: ParseFeedOptions = {}): ParseFeedResult {
  const body = text.replace(/^\uFEFF/, '').trim();
  if (body === '') return { ok: false, error: 'The feed is empty' };
  if (body.startsWith('{')) return parseJsonFeed(body, opts);
  if (looksLikeHtml(body, '')) return { ok: false, error: HTML_INSTEAD_OF_FEED };
  if (!body.startsWith('<')) return { ok: false, error: 'This is neither XML nor JSON, so it is not a feed' };

  const tree = parseXmlTree(body);
  if (!tree.ok) return tree;
  const root = tree.root;
  if (root.local === 'rss' || root.local === 'RDF') return { ok: true, feed: readRss(root, opts.baseUrl) };
  if (root.local === 'feed') return { ok: true, feed: readAtom(root, opts.baseUrl) };
  if (root.local === 'html') return { ok: false, error: HTML_INSTEAD_OF_FEED };
  return { ok: false, error: `This is XML but not an RSS or Atom feed (its root element is <${root.name.slice(0, 40)}>)` };
}

// RSS 2.0, and RSS 1.0 (RDF) whose items sit beside the channel rather than inside it.
function readRss(root: XmlElement, baseUrl: string | undefined): ParsedFeed {
  const channel = childElement(root, 'channel') ?? root;
  const link = toWebLink(ownText(channel, 'link'), baseUrl);
  const itemBase = link ?? baseUrl;
  const items: FeedItem[] = [];
  const itemElements = [...childElements(channel, 'item'), ...(channel === root ? [] : childElements(root, 'item'))];
  for (const element of itemElements.slice(0, FEED_LIMITS.items)) {
    const item = readRssItem(element, itemBase);
    if (item) items.push(item);
  }
  return { title: plainTitle(ownText(channel, 'title')), ...(link ? { link } : {}), items };
}

function readRssItem(item: XmlElement, baseUrl: string | undefined): FeedItem | undefined {
  const guidElement = childElement(item, 'guid');
  const guid = guidElement ? textContent(guidElement).trim() : undefined;
  const guidIsLink = guidElement !== undefined && guidElement.attrs.isPermaLink !== 'false';
  const atomLink = childElements(item, 'link').find((el) => el.name !== 'link' && el.attrs.href);
  const link =
    toWebLink(ownText(item, 'link'), baseUrl) ??
    // A permalink guid must be absolute: "item-42" is an id, not a path to resolve.
    (guidIsLink ? toWebLink(guid) : undefined) ??
    toWebLink(atomLink?.attrs.href, baseUrl);
  // Descriptions are HTML in practice (escaped or in CDATA); titles too often carry entities or tags.
  const title = plainTitle(ownText(item, 'title'));
  const summary = htmlToText(
    ownText(item, 'description') ?? ownText(item, 'content:encoded') ?? ownText(item, 'dc:description') ?? '',
    FEED_LIMITS.summaryLength,
  );
  const date = parseFeedDate(ownText(item, 'pubDate') ?? ownText(item, 'dc:date') ?? ownText(item, 'a10:updated'));
  const id = itemId(guid || link || ownText(item, 'link')?.trim(), title, date);
  if (id === undefined) return undefined;
  return { id, title, ...(link ? { link } : {}), ...(date ? { date } : {}), summary };
}

function readAtom(feed: XmlElement, baseUrl: string | undefined): ParsedFeed {
  const feedBase = withXmlBase(feed, baseUrl);
  const link = alternateLink(feed, feedBase);
  const items: FeedItem[] = [];
  for (const entry of childElements(feed, 'entry').slice(0, FEED_LIMITS.items)) {
    const item = readAtomEntry(entry, withXmlBase(entry, feedBase));
    if (item) items.push(item);
  }
  return { title: atomText(childElements(feed, 'title')[0], FEED_LIMITS.titleLength), ...(link ? { link } : {}), items };
}

function readAtomEntry(entry: XmlElement, baseUrl: string | undefined): FeedItem | undefined {
  const link = alternateLink(entry, baseUrl);
  const title = atomText(childElements(entry, 'title')[0], FEED_LIMITS.titleLength);
  const content = childElements(entry, 'content').find((el) => el.attrs.src === undefined);
  const summary = atomText(childElements(entry, 'summary')[0] ?? content, FEED_LIMITS.summaryLength);
  const date = parseFeedDate(localText(entry, 'published') ?? localText(entry, 'updated'));
  const id = itemId(localText(entry, 'id')?.trim() || link, title, date);
  if (id === undefined) return undefined;
  return { id, title, ...(link ? { link } : {}), ...(date ? { date } : {}), summary };
}

/** Atom text constructs (RFC 4287 §3.1): `text` (default), `html` (escaped markup) or `xhtml` (inline elements). */
function atomText(element: XmlElement | undefined, maxLength: number): string {
  if (element === undefined) return '';
  const type = (element.attrs.type ?? 'text').toLowerCase();
  if (type === 'html' || type === 'text/html') return htmlToText(textContent(element), maxLength);
  return capText(collapseWhitespace(textContent(element)), maxLength);
}

function alternateLink(element: XmlElement, baseUrl: string | undefined): string | undefined {
  const links = childElements(element, 'link').filter((el) => (el.attrs.rel ?? 'alternate') === 'alternate');
  const preferred = links.find((el) => (el.attrs.type ?? 'text/html').includes('html')) ?? links[0];
  return toWebLink(preferred?.attrs.href, baseUrl);
}

function withXmlBase(element: XmlElement, baseUrl: string | undefined): string | undefined {
  return toWebLink(element.attrs['xml:base'], baseUrl) ?? baseUrl;
}

/** Text of the first child with exactly this qualified name (so `link` is not `atom:link`). */
function ownText(parent: XmlElement, name: string): string | undefined {
  const element = childElement(parent, name);
  return element ? textContent(element) : undefined;
}

/** Text of the first child with this local name, whatever its prefix (Atom is sometimes prefixed). */
function localText(parent: XmlElement, local: string): string | undefined {
  const element = childElements(parent, local)[0];
  return element ? textContent(element) : undefined;
}

function plainTitle(text: string | undefined): string {
  return htmlToText(text ?? '', FEED_LIMITS.titleLength).replace(/\s*\n\s*/g, ' ');
}

function itemId(preferred: string | undefined, title: string, date: string | undefined): string | undefined {
  if (preferred) return preferred.slice(0, FEED_LIMITS.idLength);
  // Neither guid nor link: the title and date are the best identity left, and enough to avoid duplicates.
  if (title === '') return undefined;
  return `${title}|${date ?? ''}`.slice(0, FEED_LIMITS.idLength);
}
