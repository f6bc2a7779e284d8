import { describe, expect, it } from 'vitest';
import { codesToString, normalizeCodes, normalizeForScan } from '../../../utils/text/normalize';
import { seededRandom } from '../seeded-random';

/** Pieces a page may hold: every kind of unit the fold treats apart, and plain text around them. */
const PIECES = [
  'the ', 'Talks ', 'ROUND', ' ', '  ', '\n', '\t', '\u00A0', '\u200C', '\u200B', '\u00AD', 'Araghchi', '’s', '“', '”', '—',
  'É', 'é', 'e\u0301', 'ÀÉÎÕÜ', 'Straße', 'ΟΔΟΣ ', 'Σ', 'σ', 'ς', 'İstanbul', 'ı', 'ǅ', 'Ⅻ', 'Ⓐ', 'ＡＢＣ', 'Ωμέγα',
  'Москва', 'ՀԱՅ', 'ᏣᎳᎩ', 'Ⴀ', 'عراقچی', 'عراقجي', 'البوسعيدي', 'ـ', 'ً', 'ة', 'أ', 'ك', '٣٬٠٠٠', '۳۰۰۰', '3,000',
  '😀', '𐐀𐐨', '\uD800', '\uDC00', 'x\uD83D', '\uFEFF', '\u2060', '\u200E', '',
];

const PLAIN = ['the ', 'nuclear ', 'talks ', 'in ', 'Muscat ', 'said ', 'Witkoff. ', 'round ', 'of '];

/** Mostly plain words with a few special pieces, so most samples take the lower-cased path and some do not. */
function sample(random: (k: number) => number): string {
  let s = '';
  const n = 1 + random(80);
  for (let i = 0; i < n; i++) s += random(15) === 0 ? PIECES[random(PIECES.length)] : PLAIN[random(PLAIN.length)];
  return s;
}

/** Whether the scan builds its text from the lower-cased original (no surrogate kept, length kept by toLowerCase). */
function takesLowerCasePath(text: string): boolean {
  return !/[\uD800-\uDFFF]/.test(text) && text.toLowerCase().length === text.length;
}

describe('normalizeForScan text and offsets', () => {
  it('are the plain fold decoded and its offset map, whichever way the text is built', () => {
    const random = seededRandom(20261127);
    let lowerCased = 0;
    for (let i = 0; i < 3000; i++) {
      const text = sample(random);
      const scan = normalizeForScan(text);
      const plain = normalizeCodes(text);
      if (takesLowerCasePath(text)) lowerCased++;
      expect(scan.text, JSON.stringify(text)).toBe(codesToString(plain.codes, plain.length));
      // The scan's offsets (from the dropped ranges) are the plain fold's per-unit map.
      const offsets = Array.from({ length: plain.length + 1 }, (_, k) => scan.map.at(k));
      expect(offsets, JSON.stringify(text)).toEqual(Array.from(plain.map.subarray(0, plain.length + 1)));
    }
    // Both ways are exercised.
    expect(lowerCased).toBeGreaterThan(1000);
    expect(lowerCased).toBeLessThan(3000);
  });

  it('fold what toLowerCase does not: final sigma, space runs, quotes, dashes, NBSP, tabs and diacritics', () => {
    expect(normalizeForScan('ΟΔΟΣ  Araghchi’s — Straße\u00A0São Paulo\tcafé').text).toBe('οδοσ araghchi\'s - straße sao paulo cafe');
  });

  it('are right when toLowerCase changes the length or a surrogate is kept', () => {
    for (const text of ['İzmir talks', 'talks 😀 in Muscat', 'lone \uD800 half']) {
      const plain = normalizeCodes(text);
      expect(normalizeForScan(text).text).toBe(codesToString(plain.codes, plain.length));
    }
  });
});
