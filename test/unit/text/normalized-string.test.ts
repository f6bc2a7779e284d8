import { describe, expect, it } from 'vitest';
import { codesToString, normalizeCodes, normalizedString } from '../../../utils/text/normalize';
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

/** Whether `normalizedString` builds from the lower-cased text rather than decoding (its documented conditions). */
function takesLowerCasePath(text: string, n: ReturnType<typeof normalizeCodes>): boolean {
  const e = n.edits!;
  return !e.surrogates && e.count <= (n.length >> 5) + 8 && text.toLowerCase().length === text.length;
}

describe('normalizedString', () => {
  it('is the decoded fold of the text, whichever way it is built, with the plain fold\'s offsets', () => {
    const random = seededRandom(20261127);
    let lowerCased = 0;
    for (let i = 0; i < 3000; i++) {
      const text = sample(random);
      const n = normalizeCodes(text, { words: true });
      if (takesLowerCasePath(text, n)) lowerCased++;
      expect(normalizedString(text, n), JSON.stringify(text)).toBe(codesToString(n.codes, n.length));
      // The scan's offsets (from the dropped ranges) are the plain fold's per-unit map.
      const plain = normalizeCodes(text);
      const offsets = (m: typeof n) => Array.from({ length: m.length + 1 }, (_, k) => m.map.at(k));
      expect(offsets(n), JSON.stringify(text)).toEqual(offsets(plain));
    }
    // Both ways are exercised.
    expect(lowerCased).toBeGreaterThan(1000);
    expect(lowerCased).toBeLessThan(3000);
  });

  it('builds from the lower-cased text when the edits are few, and still folds what toLowerCase does not', () => {
    const text = 'ΟΔΟΣ  Araghchi’s — Straße\u00A0São Paulo\tcafé';
    const n = normalizeCodes(text, { words: true });
    expect(n.edits!.count).toBeGreaterThan(0);
    // Final sigma stays σ, the space run is one space, the apostrophe and dash are plain, NBSP and tab are spaces.
    expect(normalizedString(text, n)).toBe('οδοσ araghchi\'s - straße sao paulo cafe');
  });

  it('decodes instead when toLowerCase changes the length, or when a surrogate is kept', () => {
    for (const text of ['İzmir talks', 'talks 😀 in Muscat', 'lone \uD800 half']) {
      const n = normalizeCodes(text, { words: true });
      expect(normalizedString(text, n)).toBe(codesToString(n.codes, n.length));
    }
  });
});
