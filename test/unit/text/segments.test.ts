import { describe, expect, it } from 'vitest';
import { containsWord, findWord, paragraphSpans, sentenceAround, sentenceSpans } from '../../../utils/text/segments';

const text = 'the u.s. envoy met dr. smith on monday. "it was good," he said! was it? yes. 440.9 kg remain';

describe('segments', () => {
  it('splits paragraphs at \\n', () => {
    expect(paragraphSpans('a b\n\ncd\ne')).toEqual([{ start: 0, end: 3 }, { start: 5, end: 7 }, { start: 8, end: 9 }]);
  });

  it('splits sentences but not at abbreviations or decimals', () => {
    expect(sentenceSpans(text).map((s) => text.slice(s.start, s.end))).toEqual([
      'the u.s. envoy met dr. smith on monday.',
      '"it was good," he said!',
      'was it?',
      'yes.',
      '440.9 kg remain',
    ]);
  });

  it('finds the same sentence around any position as the full split', () => {
    const spans = sentenceSpans(text);
    for (let pos = 0; pos < text.length; pos++) {
      const containing = spans.find((s) => pos >= s.start && pos < s.end);
      if (containing) expect(sentenceAround(text, pos, 0, text.length)).toEqual(containing);
    }
  });

  it('finds whole words only, allowing a plural ending', () => {
    expect(containsWord('protests spread', 'protest')).toBe(true);
    expect(containsWord('protestant church', 'protest')).toBe(false);
    expect(findWord('a war, the warden', 'war', 2)).toBe(2);
    expect(findWord('the warden; war', 'war', 0, 10)).toBe(-1);
  });
});
