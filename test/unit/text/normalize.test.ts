import { describe, expect, it } from 'vitest';
import { normalizeForMatch, toOriginalSpan } from '../../../utils/text/normalize';

const norm = (s: string) => normalizeForMatch(s).text;

describe('normalizeForMatch', () => {
  it('folds case without changing length and leaves identity text without a map', () => {
    const r = normalizeForMatch('Abbas ARAGHCHI');
    expect(r.text).toBe('abbas araghchi');
    expect(r.map).toBeUndefined();
  });

  it('keeps characters whose lower case is longer than one code unit', () => {
    // U+0130 lower-cases to two code units; only its dot (a combining mark after NFD) is folded away.
    expect(norm('\u0130stanbul')).toBe('istanbul');
    expect(norm('\u0130stanbul').length).toBe(8);
  });

  it('removes diacritics, precomposed or combining, and maps back to the original span', () => {
    expect(norm('Genève')).toBe('geneve');
    const decomposed = 'Gene\u0300ve talks';
    const r = normalizeForMatch(decomposed);
    expect(r.text).toBe('geneve talks');
    const [s, e] = toOriginalSpan(r.map, 0, 6);
    expect(decomposed.slice(s, e)).toBe('Gene\u0300ve');
  });

  it('folds quotes, apostrophes and dashes', () => {
    expect(norm('Araghchi’s “deal” – US‑Iran — talks')).toBe(`araghchi's "deal" - us-iran - talks`);
  });

  it('collapses whitespace runs and NBSP to one space but keeps \\n as the block boundary', () => {
    const r = normalizeForMatch('Abbas\u00A0\u00A0 Araghchi\n\nWitkoff\tsaid');
    expect(r.text).toBe('abbas araghchi\n\nwitkoff said');
    const [s, e] = toOriginalSpan(r.map, 6, 14);
    expect('Abbas\u00A0\u00A0 Araghchi\n\nWitkoff\tsaid'.slice(s, e)).toBe('Araghchi');
  });

  it('folds Arabic-script letter variants to one form', () => {
    expect(norm('عراقجي')).toBe(norm('عراقجی'));
    expect(norm('كوشنر')).toBe(norm('کوشنر'));
    expect(norm('مدرسة')).toBe(norm('مدرسه'));
    expect(norm('أحمد')).toBe('احمد');
    expect(norm('إيران')).toBe(norm('ایران'));
    expect(norm('آمریکا')).toBe('امریکا');
    expect(norm('مؤتمر')).toBe('موتمر');
    expect(norm('رئيس')).toBe(norm('رییس'));
  });

  it('drops harakat and tatweel, and maps the span back over them', () => {
    const s = 'عَرَاقـچی';
    const r = normalizeForMatch(s);
    expect(r.text).toBe('عراقچی');
    const [a, b] = toOriginalSpan(r.map, 0, r.text.length);
    expect(s.slice(a, b)).toBe(s);
  });

  it('treats ZWNJ as a space so a suffix after it does not glue to the name', () => {
    expect(norm('ایران\u200Cها')).toBe('ایران ها');
  });

  it('reads Persian and Arabic-Indic digits as ASCII digits', () => {
    expect(norm('۷٬۰۰۲ و ٣٠٠٠')).toBe('7,002 و 3000');
  });

  it('can keep case for case-sensitive aliases', () => {
    expect(normalizeForMatch('US\u00A0talks', { foldCase: false }).text).toBe('US talks');
  });
});
