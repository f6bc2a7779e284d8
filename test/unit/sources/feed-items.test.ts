// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { capArticles, toArticles, type FeedArticle } from '../../../utils/sources/feed-items';

const NOW = Date.parse('2026-03-01T12:00:00Z');
const DAY = 24 * 60 * 60 * 1000;
const iso = (ms: number) => new Date(ms).toISOString();

function article(sourceId: string, n: number, ageDays: number): FeedArticle {
  return { id: `${sourceId}|${n}`, sourceId, url: `https://${sourceId}.example/${n}`, title: `t${n}`, date: iso(NOW - ageDays * DAY), summary: '' };
}

describe('toArticles', () => {
  it('makes one article per linked item, keyed by source and item id', () => {
    const articles = toArticles(
      [
        { id: 'g1', title: 'Muscat round', link: 'https://wire.example/1', date: '2026-02-06T06:00:00.000Z', summary: 's' },
        { id: 'g2', title: 'No link', summary: '' },
        { id: 'g3', title: '', link: 'https://wire.example/3', summary: '' },
      ],
      'wire',
      NOW,
    );
    expect(articles).toEqual([
      { id: 'wire|g1', sourceId: 'wire', url: 'https://wire.example/1', title: 'Muscat round', date: '2026-02-06T06:00:00.000Z', summary: 's' },
      { id: 'wire|g3', sourceId: 'wire', url: 'https://wire.example/3', title: 'https://wire.example/3', date: iso(NOW), summary: '' },
    ]);
  });

  it('dates undated items and items from the far future at the fetch time', () => {
    const [undated, future, soon] = toArticles(
      [
        { id: 'a', title: 'a', link: 'https://x.example/a', summary: '' },
        { id: 'b', title: 'b', link: 'https://x.example/b', date: '2099-01-01T00:00:00.000Z', summary: '' },
        { id: 'c', title: 'c', link: 'https://x.example/c', date: iso(NOW + 3600_000), summary: '' },
      ],
      'x',
      NOW,
    );
    expect(undated?.date).toBe(iso(NOW));
    expect(future?.date).toBe(iso(NOW));
    expect(soon?.date).toBe(iso(NOW + 3600_000));
  });
});

describe('capArticles', () => {
  it('keeps the newest N per source, drops old ones, newest first', () => {
    const articles = [
      ...Array.from({ length: 30 }, (_, i) => article('wire', i, i)),
      ...Array.from({ length: 5 }, (_, i) => article('desk', i, i * 20)),
    ];
    const kept = capArticles(articles, { perSource: 10, maxAgeDays: 45, now: NOW });
    expect(kept.filter((a) => a.sourceId === 'wire').map((a) => a.id)).toEqual(Array.from({ length: 10 }, (_, i) => `wire|${i}`));
    expect(kept.filter((a) => a.sourceId === 'desk').map((a) => a.id)).toEqual(['desk|0', 'desk|1', 'desk|2']);
    const times = kept.map((a) => Date.parse(a.date));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
  });

  it('keeps a duplicated id once and drops unreadable dates', () => {
    const older = article('wire', 1, 3);
    const newer = { ...article('wire', 1, 1), title: 'updated' };
    const broken = { ...article('wire', 2, 1), date: 'yesterday' };
    expect(capArticles([older, newer, broken], { perSource: 10, maxAgeDays: 30, now: NOW })).toEqual([newer]);
  });
});
