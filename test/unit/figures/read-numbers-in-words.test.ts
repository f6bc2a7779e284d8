import { describe, expect, it } from 'vitest';
import { readNumbers, readNumbersInWords } from '../../../utils/figures/read-number';
import { normalizeForScan } from '../../../utils/text/normalize';
import { seededRandom } from '../seeded-random';

describe('readNumbersInWords', () => {
  it('reads the same numbers as the pattern over the whole text', () => {
    const rand = seededRandom(5);
    const fragments = [
      '3,000', '3.1k', '7,002', 'more than', 'almost', 'some', 'tens of thousands', 'hundreds', 'a hundred', 'an', 'a',
      'thousand', 'sixty', 'per cent', '%', '60', '440.9kg', 'three', 'twenty-five', 'in 2025', 'January', '12', '-day',
      '$', '.', ',', 'people', 'killed', 'including', 'f16', '_', '۳۰۰۰', 'seventeen', 'ten', 'tens', 'dozens', 'one',
      'million', 'bn', 'A Thousand', 'Seven',
    ];
    let readings = 0;
    for (let r = 0; r < 3000; r++) {
      let text = '';
      const n = 1 + rand(14);
      for (let k = 0; k < n; k++) text += fragments[rand(fragments.length)]! + (rand(3) > 0 ? ' ' : '');
      const normalized = normalizeForScan(text);
      const folded = normalized.text;
      const expected = readNumbers(folded);
      expect(readNumbersInWords(folded, normalized.words), folded).toEqual(expected);
      readings += expected.length;
    }
    expect(readings).toBeGreaterThan(3000);
  });
});
