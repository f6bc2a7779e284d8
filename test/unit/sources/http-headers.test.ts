// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { decodeBody, sniffCharset } from '../../../utils/sources/decode-body';
import { charsetFromContentType, parseMaxAge, parseRetryAfter } from '../../../utils/sources/http-headers';

const NOW = Date.parse('2026-02-06T10:00:00Z');

describe('parseMaxAge', () => {
  it.each([
    ['max-age=900', 900],
    ['public, max-age=60, must-revalidate', 60],
    ['MAX-AGE = 30', 30],
    ['max-age="120"', 120],
    ['s-maxage=600', undefined],
    ['max-age=-1', undefined],
    ['max-age=abc', undefined],
    ['no-cache, max-age=600', undefined],
    ['max-age=600, no-store', undefined],
    ['', undefined],
  ])('%j → %s', (header, seconds) => {
    expect(parseMaxAge(header)).toBe(seconds);
  });
  it('is undefined without the header', () => expect(parseMaxAge(null)).toBeUndefined());
});

describe('parseRetryAfter', () => {
  it.each([
    ['120', 120],
    [' 0 ', 0],
    ['Fri, 06 Feb 2026 11:30:00 GMT', 5400],
    ['Friday, 06-Feb-26 10:01:00 GMT', 60],
    ['Thu, 05 Feb 2026 10:00:00 GMT', 0],
    ['-5', undefined],
    ['1.5', undefined],
    ['soon', undefined],
    ['2026', 2026],
  ])('%j → %s', (header, seconds) => {
    expect(parseRetryAfter(header, NOW)).toBe(seconds);
  });
});

describe('charsets', () => {
  it('reads the charset parameter', () => {
    expect(charsetFromContentType('text/xml; charset="Windows-1256"')).toBe('windows-1256');
    expect(charsetFromContentType('application/rss+xml;charset=utf-8')).toBe('utf-8');
    expect(charsetFromContentType('application/rss+xml')).toBeUndefined();
  });

  it('orders BOM, header, XML declaration, meta, then UTF-8', () => {
    const xml1256 = new TextEncoder().encode('<?xml version="1.0" encoding="windows-1256"?><rss/>');
    expect(sniffCharset(Uint8Array.from([0xef, 0xbb, 0xbf, ...xml1256]), 'text/xml; charset=iso-8859-1')).toBe('utf-8');
    expect(sniffCharset(xml1256, 'text/xml; charset=iso-8859-1')).toBe('iso-8859-1');
    expect(sniffCharset(xml1256, 'text/xml')).toBe('windows-1256');
    expect(sniffCharset(new TextEncoder().encode('<html><meta charset="windows-1256">'), 'text/html')).toBe('windows-1256');
    expect(sniffCharset(new TextEncoder().encode('<rss/>'), null)).toBe('utf-8');
  });

  it('ignores a charset label TextDecoder does not know', () => {
    expect(sniffCharset(new TextEncoder().encode('<?xml version="1.0" encoding="klingon"?>'), 'text/xml; charset=bogus')).toBe('utf-8');
  });

  it('decodes UTF-16 with a BOM and replaces invalid UTF-8 instead of failing', () => {
    const utf16 = Uint8Array.from([0xff, 0xfe, 0x3c, 0x00, 0x61, 0x00, 0x2f, 0x00, 0x3e, 0x00]);
    expect(decodeBody(utf16, 'text/xml')).toBe('<a/>');
    expect(decodeBody(Uint8Array.from([0x61, 0xff, 0x62]), 'text/xml; charset=utf-8')).toBe('a\uFFFDb');
  });

  it('decodes Persian from windows-1256 bytes', () => {
    // "Iran" in windows-1256. The code page has no Persian yeh (U+06CC): 0xED is the Arabic yeh (U+064A), which the
    // text normalizer has to equate with the Persian one.
    expect(decodeBody(Uint8Array.from([0xc7, 0xed, 0xd1, 0xc7, 0xe4]), 'text/plain; charset=windows-1256')).toBe('ا\u064Aران');
  });
});
