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
