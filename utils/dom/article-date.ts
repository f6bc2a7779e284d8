/**
 * Reads the article's publication date from the page's metadata. Everything read here is page data: it is parsed
 * defensively and accepted only as a real calendar date.
 */

import type { IsoDate } from '../model/pack';
import { pickArticleRoot } from './pick-article-root';

const META_PROPERTIES = ['article:published_time', 'og:article:published_time', 'og:published_time'];
/** Compared lowercased: `DC.date` and `dc.date` both occur. */
const META_NAMES = [
  'date', 'pubdate', 'publish-date', 'dc.date', 'dc.date.issued', 'dcterms.created', 'article.published',
  'parsely-pub-date', 'sailthru.date', 'original-publish-date', 'article:published_time',
];

const MIN_YEAR = 1990;
const MAX_YEAR = 2100;
/** Longer strings are not dates; a bound also keeps hostile pages from making us parse megabytes. */
const MAX_DATE_CHARS = 64;
const MAX_JSON_LD_CHARS = 500_000;
const MAX_JSON_LD_NODES = 2_000;

function validDate(year: number, month: number, day: number): IsoDate | undefined {
  if (year < MIN_YEAR || year > MAX_YEAR) return undefined;
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) {
    return undefined;
  }
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/**
 * `YYYY-MM-DD` from an ISO date or date-time (the date as the publisher wrote it, not converted to UTC),
 * `YYYYMMDD`, or another format `Date.parse` understands (converted to UTC).
 */
export function parseArticleDate(value: unknown): IsoDate | undefined {
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  if (trimmed === '' || trimmed.length > MAX_DATE_CHARS) return undefined;
  const iso = /^(\d{4})-(\d{2})-(\d{2})(?:$|[T\s])/.exec(trimmed) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(trimmed);
  if (iso) return validDate(Number(iso[1]), Number(iso[2]), Number(iso[3]));
  // Bare numbers would parse as years or timestamps; a date needs at least a month name or separators.
  if (!/[a-z]/i.test(trimmed) && !/[-/.]/.test(trimmed)) return undefined;
  const time = Date.parse(trimmed);
  if (!Number.isFinite(time)) return undefined;
  const date = new Date(time);
  return validDate(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate());
}

function fromMeta(doc: Document): IsoDate | undefined {
  const metas = Array.from(doc.querySelectorAll('meta[content]'));
  const find = (attribute: string, key: string): IsoDate | undefined => {
    for (const meta of metas) {
      if ((meta.getAttribute(attribute) ?? '').trim().toLowerCase() !== key) continue;
      const date = parseArticleDate(meta.getAttribute('content'));
      if (date) return date;
    }
    return undefined;
  };
  for (const key of META_PROPERTIES) {
    const date = find('property', key);
    if (date) return date;
  }
  const itemprop = find('itemprop', 'datepublished');
  if (itemprop) return itemprop;
  for (const key of META_NAMES) {
    const date = find('name', key);
    if (date) return date;
  }
  return undefined;
}

function isArticleType(type: unknown): boolean {
  const types = Array.isArray(type) ? type : [type];
  return types.some((t) => typeof t === 'string' && /Article|BlogPosting|Report/i.test(t));
}

/** Walks parsed JSON-LD (arrays, `@graph`, nested objects), preferring dates on article-typed nodes. */
function fromJsonLdValue(root: unknown): { date: IsoDate; article: boolean } | undefined {
  let fallback: IsoDate | undefined;
  const queue: unknown[] = [root];
  for (let visited = 0; queue.length > 0 && visited < MAX_JSON_LD_NODES; visited++) {
    const value = queue.shift();
    if (Array.isArray(value)) {
      queue.push(...value);
      continue;
    }
    if (typeof value !== 'object' || value === null) continue;
    const record = value as Record<string, unknown>;
    const date = parseArticleDate(record['datePublished']);
    if (date && isArticleType(record['@type'])) return { date, article: true };
    fallback ??= date;
    for (const child of Object.values(record)) {
      if (typeof child === 'object' && child !== null) queue.push(child);
    }
  }
  return fallback ? { date: fallback, article: false } : undefined;
}

function fromJsonLd(doc: Document): IsoDate | undefined {
  let fallback: IsoDate | undefined;
  for (const script of Array.from(doc.querySelectorAll('script[type="application/ld+json" i]'))) {
    const source = script.textContent ?? '';
    if (source.length > MAX_JSON_LD_CHARS) continue;
    let parsed: unknown;
    try {
      parsed = JSON.parse(source);
    } catch {
      continue; // Malformed JSON-LD is common; other sources may still have the date.
    }
    const found = fromJsonLdValue(parsed);
    if (found?.article) return found.date;
    fallback ??= found?.date;
  }
  return fallback;
}

function fromTimeElement(doc: Document): IsoDate | undefined {
  const marked = doc.querySelector('time[itemprop="datePublished"][datetime], time[pubdate][datetime]');
  const markedDate = parseArticleDate(marked?.getAttribute('datetime'));
  if (markedDate) return markedDate;
  // Only inside the article: a page's sidebar lists the times of other stories, so `body` is no place to look.
  const root = pickArticleRoot(doc);
  const article = root === doc.body || root === doc.documentElement ? doc.querySelector('article') : root;
  for (const time of Array.from(article?.querySelectorAll('time[datetime]') ?? [])) {
    const date = parseArticleDate(time.getAttribute('datetime'));
    if (date) return date;
  }
  return undefined;
}

/** The publication date as `YYYY-MM-DD`, or undefined when the page declares none we can trust. */
export function readArticleDate(doc: Document): IsoDate | undefined {
  try {
    return fromMeta(doc) ?? fromJsonLd(doc) ?? fromTimeElement(doc);
  } catch {
    return undefined;
  }
}
