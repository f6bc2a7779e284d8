import { describe, expect, it } from 'vitest';
import { isAllowedReportUrl, isAllowedSourceUrl, toSafeLink, toSafeReportUrl } from '@/utils/pack/safe-url';

describe('toSafeLink', () => {
  it.each([
    ['https://www.example.com/a?b#c', 'www.example.com'],
    ['http://news.example.org/x', 'news.example.org'],
    ['HTTPS://EXAMPLE.COM', 'example.com'],
  ])('keeps %s', (url, host) => {
    expect(toSafeLink(url)?.host).toBe(host);
  });
  it.each(['javascript:alert(1)', 'JaVaScRiPt:alert(1)', ' javascript:alert(1)', 'data:text/html,x', 'vbscript:x', 'file:///etc/passwd', 'mailto:a@b.c', '/relative', '', 'not a url', 42, null])(
    'drops %s',
    (url) => {
      expect(toSafeLink(url)).toBeNull();
    },
  );
});

describe('isAllowedSourceUrl', () => {
  it('allows https anywhere and plain http only on localhost', () => {
    expect(isAllowedSourceUrl('https://example.com/pack.json')).toBe(true);
    expect(isAllowedSourceUrl('http://localhost:8080/pack.json')).toBe(true);
    expect(isAllowedSourceUrl('http://127.0.0.1/pack.json')).toBe(true);
    expect(isAllowedSourceUrl('http://example.com/pack.json')).toBe(false);
    expect(isAllowedSourceUrl('http://localhost.example.com/')).toBe(false);
    expect(isAllowedSourceUrl('ftp://example.com/')).toBe(false);
    expect(isAllowedSourceUrl('javascript:alert(1)')).toBe(false);
  });
});

describe('report URLs', () => {
  it('accept https and mailto with an address', () => {
    expect(isAllowedReportUrl('mailto:facts@example.org')).toBe(true);
    expect(isAllowedReportUrl('mailto:')).toBe(false);
    expect(isAllowedReportUrl('mailto:%E0%A4%A')).toBe(false);
    expect(isAllowedReportUrl('http://example.org/report')).toBe(false);
    expect(toSafeReportUrl('mailto:facts@example.org')).toBe('mailto:facts@example.org');
    expect(toSafeReportUrl('javascript:alert(1)')).toBeUndefined();
  });
});

/** Hostile URLs generated from categories (scheme × disguise × payload) rather than a pasted list. */
describe('hostile URLs by category', () => {
  const schemes = ['javascript', 'data', 'vbscript', 'file', 'blob', 'about', 'chrome-extension', 'moz-extension', 'ftp', 'ws', 'filesystem'];
  const disguises: [string, (scheme: string) => string][] = [
    ['as is', (s) => s],
    ['upper case', (s) => s.toUpperCase()],
    ['mixed case', (s) => [...s].map((c, i) => (i % 2 ? c.toUpperCase() : c)).join('')],
    ['leading space', (s) => ` ${s}`],
    ['leading control character', (s) => `\u0001${s}`],
    ['tab inside the scheme', (s) => `${s.slice(0, 2)}\t${s.slice(2)}`],
    ['newline inside the scheme', (s) => `${s.slice(0, 2)}\n${s.slice(2)}`],
  ];
  const payloads = ['alert(1)', '//example.com/%0Aalert(1)', 'text/html;base64,PHNjcmlwdD4='];
  const cases: (readonly [string, string])[] = schemes.flatMap((scheme) =>
    disguises.flatMap(([disguise, apply]) => payloads.map((payload) => [`${scheme}, ${disguise}`, `${apply(scheme)}:${payload}`] as const)),
  );
  // Encoded separators turn the URL into a relative one, which has no base here.
  cases.push(['encoded colon', 'javascript%3Aalert(1)'], ['HTML entity colon', 'javascript&#58;alert(1)']);

  it.each(cases)('%s: %j is never a link, a source or a report address', (_category, url) => {
    expect(toSafeLink(url)).toBeNull();
    expect(isAllowedSourceUrl(url)).toBe(false);
    expect(isAllowedReportUrl(url)).toBe(false);
  });

  it.each([
    'http://localhost.evil.example/',
    'http://127.0.0.1.evil.example/',
    'http://evil.example/#localhost',
    'http://evil.example/?host=127.0.0.1',
    'http://localhost@evil.example/',
    'http://127.0.0.1@evil.example/',
  ])('plain http disguised as localhost is refused: %s', (url) => {
    expect(isAllowedSourceUrl(url)).toBe(false);
  });

  it('shows the real host of a URL with user info', () => {
    expect(toSafeLink('https://trusted.example@evil.example/x')?.host).toBe('evil.example');
    expect(toSafeLink('https://user:pass@evil.example/x')?.url).toBe('https://evil.example/x');
  });
});
