import { describe, expect, it } from 'vitest';
import { readNumbers } from '../../../utils/figures/read-number';

function one(text: string) {
  const r = readNumbers(text);
  expect(r).toHaveLength(1);
  const { start, end, value, low, high, bound, percent, unit } = r[0]!;
  return { span: text.slice(start, end), value, low, high, bound, percent, unit };
}

describe('readNumbers', () => {
  it.each([
    ['3,000', { span: '3,000', value: 3000, bound: 'exact' }],
    ['3.1k', { span: '3.1k', value: 3100, bound: 'exact' }],
    ['7,002', { span: '7,002', value: 7002, bound: 'exact' }],
    ['more than 3,000', { span: 'more than 3,000', value: 3000, bound: 'more-than' }],
    ['almost 7,000', { span: 'almost 7,000', value: 7000, bound: 'about' }],
    ['some 600', { span: 'some 600', value: 600, bound: 'about' }],
    ['at least 12,000', { span: 'at least 12,000', value: 12000, bound: 'at-least' }],
    ['three thousand', { span: 'three thousand', value: 3000, bound: 'exact' }],
    ['twenty-two', { span: 'twenty-two', value: 22, bound: 'exact' }],
    ['up to 1.5 million', { span: 'up to 1.5 million', value: 1_500_000, bound: 'up-to' }],
  ] as const)('reads %s', (text, expected) => {
    expect(one(text)).toMatchObject(expected);
  });

  it('reads vague amounts as ranges', () => {
    expect(one('tens of thousands')).toMatchObject({ low: 20_000, high: 99_999, bound: 'about', value: undefined });
    expect(one('hundreds')).toMatchObject({ low: 200, high: 999 });
  });

  it('reads percentages', () => {
    expect(one('60 per cent')).toMatchObject({ span: '60 per cent', value: 60, percent: true });
    expect(one('60%')).toMatchObject({ span: '60%', value: 60, percent: true });
  });

  it('reads a glued or spaced unit without taking it into the span', () => {
    expect(one('440.9kg')).toMatchObject({ span: '440.9', value: 440.9, unit: 'kg' });
    expect(one('over 400 kilograms')).toMatchObject({ span: 'over 400', value: 400, bound: 'more-than', unit: 'kilograms' });
  });

  it('leaves out years, dates, money, sub-counts and words that only contain a number word', () => {
    expect(readNumbers('In 2025, on 12 January and January 13, $12bn, including 214 guards; someone, tension, often.')).toEqual([]);
  });

  it('gives offsets relative to the whole text when reading a slice', () => {
    const text = 'xx. HRANA said 7,002 died.';
    const [r] = readNumbers(text, 4);
    expect(text.slice(r!.start, r!.end)).toBe('7,002');
  });
});
