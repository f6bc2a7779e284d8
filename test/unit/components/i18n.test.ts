import { describe, expect, it } from 'vitest';
import en from '@/components/ui/locales/en.json';
import fa from '@/components/ui/locales/fa.json';
import ar from '@/components/ui/locales/ar.json';
import { baseLanguage, bundledLookup, makeT, PLURAL_SUFFIXES, textDirection } from '@/components/ui/i18n';
import { originPattern } from '@/components/ui/origin-pattern';
import { relativeDays, relativeTime, formatBytes } from '@/components/ui/relative-time';
import { safeHref } from '@/components/ui/safe-href';
import { SUGGESTED_SOURCES } from '@/components/ui/suggested-sources';

type Table = Record<string, { message: string }>;
const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort().join(',');

describe('interface words', () => {
  it('falls back to English for keys the lookup lacks, and fills {placeholders}', () => {
    const t = makeT((key) => (key === 'refresh_now' ? 'تازه کن' : ''));
    expect(t('refresh_now')).toBe('تازه کن');
    expect(t('remove')).toBe('Remove');
    expect(t('time_min_ago', { n: 5 })).toBe('5 min ago');
    expect(t('kb_as_of')).toContain('{date}');
  });

  it('survives a lookup that throws (no i18n API)', () => {
    const t = makeT(() => {
      throw new Error('no browser');
    });
    expect(t('remove')).toBe('Remove');
  });

  it('picks the bundled table by the UI language, English for others', () => {
    expect(bundledLookup('fa-IR')('remove')).toBe((fa as Table).remove?.message);
    expect(bundledLookup('ar')('remove')).toBe((ar as Table).remove?.message);
    expect(bundledLookup('de-DE')('remove')).toBe('Remove');
    expect(baseLanguage('pt_BR')).toBe('pt');
  });

  it('writes Persian and Arabic right to left', () => {
    expect(textDirection('fa')).toBe('rtl');
    expect(textDirection('ar-EG')).toBe('rtl');
    expect(textDirection('en-US')).toBe('ltr');
  });

  it.each([
    ['fa', fa as Table],
    ['ar', ar as Table],
  ])('%s has only English keys (or plural forms of one), the same placeholders, and no browser $ syntax', (_lang, table) => {
    for (const [key, { message }] of Object.entries(table)) {
      expect(message, key).not.toContain('$');
      const form = new RegExp(`^(.+)_(${PLURAL_SUFFIXES.join('|')})$`).exec(key);
      const base = form && form[1]! in en ? form[1]! : null;
      if (base) {
        // A plural form of a counted message: it may leave the number out ("two days" is one word in Arabic).
        const counted = (en as Table)[base]?.message ?? '';
        expect(counted, key).toContain('{n}');
        const allowed = placeholders(counted).split(',');
        for (const name of placeholders(message).split(',').filter(Boolean)) expect(allowed, key).toContain(name);
        continue;
      }
      expect(Object.keys(en), key).toContain(key);
      expect(placeholders(message), key).toBe(placeholders((en as Table)[key]?.message ?? ''));
    }
  });

  it('picks the plural form of the UI language, falling back to the message itself', () => {
    const en1 = makeT(bundledLookup('en'), 'en');
    expect(en1('ago_days', { n: 1 })).toBe('1 day ago');
    expect(en1('ago_days', { n: 12 })).toBe('12 days ago');
    const ar1 = makeT(bundledLookup('ar'), 'ar');
    expect(ar1('ago_days', { n: 2 })).toBe('قبل يومين');
    expect(ar1('ago_days', { n: 3 })).toBe('قبل 3 أيام');
    expect(ar1('ago_days', { n: 11 })).toBe('قبل 11 يومًا');
    expect(ar1('ago_days', { n: 100 })).toBe('قبل 100 يوم');
    // Persian has one form: its own message, never the English singular through the fallback.
    const fa1 = makeT(bundledLookup('fa'), 'fa');
    expect(fa1('ago_days', { n: 1 })).toBe('1 روز پیش');
    // A language without a table gets English, with English rules.
    expect(makeT(bundledLookup('de'), 'de-DE')('ago_months', { n: 1 })).toBe('1 month ago');
  });

  it('says how long ago a date was in days, months and years', () => {
    const t = makeT(bundledLookup('en'), 'en');
    expect([0, 1, 2, 44, 45, 69, 364, 365, 800].map((d) => relativeDays(d, t))).toEqual([
      'today',
      'yesterday',
      '2 days ago',
      '44 days ago',
      '1 month ago',
      '2 months ago',
      '12 months ago',
      '1 year ago',
      '2 years ago',
    ]);
  });

  it('keys are valid browser message names', () => {
    for (const key of Object.keys(en)) expect(key).toMatch(/^[A-Za-z0-9_]+$/);
    for (const { message } of Object.values(en as Table)) expect(message).not.toContain('$');
  });
});

describe('source addresses', () => {
  it.each([
    ['javascript:alert(1)', 'scheme'],
    ['data:text/html,x', 'scheme'],
    ['http://example.com/feed', 'plain-http'],
    ['not a url', 'not-url'],
    ['', 'not-url'],
    ['https://user:pw@example.com/feed', 'credentials'],
  ])('refuses %j (%s)', (input, reason) => {
    expect(originPattern(input)).toEqual({ ok: false, reason });
  });

  it('asks for the origin only, without port or path', () => {
    expect(originPattern(' https://Feeds.Example.com:8443/a/rss.xml?x=1 ')).toMatchObject({
      ok: true,
      host: 'feeds.example.com',
      pattern: 'https://feeds.example.com/*',
    });
    expect(originPattern('http://127.0.0.1:5173/pack.json')).toMatchObject({ ok: true, pattern: 'http://127.0.0.1/*' });
    expect(originPattern('http://localhost/feed')).toMatchObject({ ok: true, pattern: 'http://localhost/*' });
  });

  it('suggests only https sources, one pack and real feeds', () => {
    for (const s of SUGGESTED_SOURCES) expect(originPattern(s.url).ok && s.url.startsWith('https://')).toBe(true);
    expect(SUGGESTED_SOURCES.filter((s) => s.kind === 'pack').map((s) => s.url)).toEqual([
      'https://backstory-news.github.io/packs/us-iran-talks.json',
    ]);
  });
});

describe('small formatters', () => {
  const t = makeT();
  const now = Date.parse('2026-07-10T12:00:00Z');
  it('says how long ago or how soon', () => {
    expect(relativeTime(now - 10_000, now, t)).toBe('just now');
    expect(relativeTime(now - 5 * 60_000, now, t)).toBe('5 min ago');
    expect(relativeTime(now - 3 * 3_600_000, now, t)).toBe('3 h ago');
    expect(relativeTime(now - 4 * 86_400_000, now, t)).toBe('4 days ago');
    expect(relativeTime(now + 20 * 60_000, now, t)).toBe('in 20 min');
  });
  it('formats bytes', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(2048)).toBe('2.0 KB');
    expect(formatBytes(50 * 1024 * 1024)).toBe('50 MB');
  });
  it('keeps only http(s) links', () => {
    expect(safeHref('javascript:alert(1)')).toBeUndefined();
    expect(safeHref('https://a.example/x')).toBe('https://a.example/x');
    expect(safeHref('nonsense')).toBeUndefined();
  });
});
