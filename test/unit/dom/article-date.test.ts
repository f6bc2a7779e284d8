import { describe, expect, it } from 'vitest';
import { parseArticleDate, readArticleDate } from '@/utils/dom/article-date';
import { parseHtml } from './load-fixture';

function page(head: string, body = ''): Document {
  return parseHtml(`<html><head>${head}</head><body>${body}</body></html>`);
}

function jsonLd(value: string): string {
  return `<script type="application/ld+json">${value}</script>`;
}

describe('parseArticleDate', () => {
  it.each([
    ['2026-02-06', '2026-02-06'],
    ['2026-02-06T23:30:00+03:30', '2026-02-06'],
    ['2026-02-06 08:00', '2026-02-06'],
    ['20260206', '2026-02-06'],
    ['Fri, 06 Feb 2026 10:00:00 GMT', '2026-02-06'],
    ['  2025-04-12T10:00:00Z ', '2025-04-12'],
  ])('reads %j', (input, expected) => {
    expect(parseArticleDate(input)).toBe(expected);
  });

  it.each([['2026-02-30'], ['2026-13-01'], ['1850-01-01'], ['yesterday'], ['1700000000'], [''], ['2026'], [
    '2026-02-06'.padEnd(100, 'x'),
  ]])('rejects %j', (input) => {
    expect(parseArticleDate(input)).toBeUndefined();
  });

  it('rejects non-strings', () => {
    expect(parseArticleDate(20260206)).toBeUndefined();
    expect(parseArticleDate(null)).toBeUndefined();
    expect(parseArticleDate({ toString: () => '2026-02-06' })).toBeUndefined();
  });
});

describe('readArticleDate', () => {
  it('reads article:published_time', () => {
    expect(readArticleDate(page('<meta property="article:published_time" content="2026-02-06T09:00:00Z">'))).toBe(
      '2026-02-06',
    );
  });

  it.each(['date', 'pubdate', 'publish-date', 'DC.date', 'parsely-pub-date'])('reads meta name=%s', (name) => {
    expect(readArticleDate(page(`<meta name="${name}" content="2026-04-11">`))).toBe('2026-04-11');
  });

  it('skips an invalid meta value and uses the next source', () => {
    const doc = page(
      `<meta property="article:published_time" content="not a date">${jsonLd('{"@type":"NewsArticle","datePublished":"2026-03-01"}')}`,
    );
    expect(readArticleDate(doc)).toBe('2026-03-01');
  });

  it('reads JSON-LD in arrays and @graph, preferring article nodes', () => {
    const graph = jsonLd(
      JSON.stringify({
        '@context': 'https://schema.org',
        '@graph': [
          { '@type': 'WebPage', datePublished: '2020-01-01' },
          { '@type': ['NewsArticle'], datePublished: '2026-02-28T12:00:00+01:00' },
        ],
      }),
    );
    expect(readArticleDate(page(graph))).toBe('2026-02-28');
    const array = jsonLd(JSON.stringify([{ '@type': 'Organization' }, { '@type': 'Article', datePublished: '2025-05-23' }]));
    expect(readArticleDate(page(array))).toBe('2025-05-23');
  });

  it('survives malformed JSON-LD and reads the next script', () => {
    const doc = page(`${jsonLd('{"datePublished": "2026-01-01",')}${jsonLd('{"@type":"Article","datePublished":"2026-01-02"}')}`);
    expect(readArticleDate(doc)).toBe('2026-01-02');
  });

  it('uses a non-article JSON-LD date only when nothing better exists', () => {
    expect(readArticleDate(page(jsonLd('{"@type":"WebPage","datePublished":"2026-01-03"}')))).toBe('2026-01-03');
  });

  it('reads <time datetime> inside the article, not in the sidebar', () => {
    const doc = page(
      '',
      '<aside><time datetime="2019-01-01">old</time></aside><article><p>Body</p><time datetime="2026-02-06">6 Feb</time></article>',
    );
    expect(readArticleDate(doc)).toBe('2026-02-06');
  });

  it('ignores <time> outside any article', () => {
    expect(readArticleDate(page('', '<div><time datetime="2026-02-06">6 Feb</time></div>'))).toBeUndefined();
    expect(readArticleDate(page('', '<time itemprop="datePublished" datetime="2026-02-07">7 Feb</time>'))).toBe(
      '2026-02-07',
    );
  });

  it('returns undefined when the page declares no usable date', () => {
    expect(readArticleDate(page('<meta name="date" content="soon">', '<time datetime="2026-99-99">x</time>'))).toBeUndefined();
  });
});
