import type { ArticleView, ChangesView, SourceView } from '@/utils/messaging/views';

export const HOSTILE = '<img src=x onerror=alert(1)><script>alert(2)</script>';

export const article: ArticleView = {
  id: 'a1',
  title: 'Talks resume in Muscat',
  url: 'https://news.example/a1',
  host: 'news.example',
  date: '2026-02-06',
  sourceTitle: 'Example News',
};

export const changes: ChangesView = {
  since: Date.parse('2026-07-09T12:00:00Z'),
  rounds: [{ id: 'r9', label: 'Round 9 (Doha)', dateStart: '2026-07-08', reported: true }],
  claims: [{ figureId: 'toll', figureLabel: 'Death toll', claimant: 'HRANA', value: 'more than 3,500', asOf: '2026-07-01' }],
  positions: [{ party: 'Iran', issue: 'Enrichment', stance: 'Not negotiable', date: '2026-07-02' }],
  articles: [article],
};

export const NOW = Date.parse('2026-07-10T12:00:00Z');

export const bundled: SourceView = {
  id: 'bundled',
  kind: 'bundled',
  title: 'US–Iran nuclear talks',
  version: '2026.7.1',
  lastUpdated: NOW - 2 * 3_600_000,
  enabled: true,
  items: 120,
};

export const feed: SourceView = {
  id: 'feed-1',
  kind: 'feed',
  title: 'Example feed',
  url: 'https://feeds.example/rss.xml',
  lastUpdated: NOW - 30 * 60_000,
  nextDue: NOW + 30 * 60_000,
  enabled: true,
  intervalMinutes: 60,
  items: 25,
};

export const broken: SourceView = {
  id: 'pack-2',
  kind: 'pack',
  title: 'Broken pack',
  url: 'https://packs.example/p.json',
  enabled: true,
  intervalMinutes: 180,
  error: 'The server answered 404 (not found)',
  warnings: ['entities[3].colour: unknown key, dropped'],
  heldUpdate: { version: '2.0.0', entities: 10, currentEntities: 120 },
};
