import { describe, expect, it, vi } from 'vitest';
import { collectText } from '@/utils/dom/collect-text';
import { nextMentionIndex, prefersReducedMotion, scrollRangeIntoView } from '@/utils/dom/scroll-to-range';
import { parseHtml } from './load-fixture';

/** A StaticRange stand-in: happy-dom has none, and only the four fields are read. */
function range(node: Node, start: number, end: number): AbstractRange {
  return { startContainer: node, startOffset: start, endContainer: node, endOffset: end, collapsed: start === end };
}

function page() {
  const doc = parseHtml('<body><p id="a">Araghchi met Witkoff.</p><p id="b">Grossi in Vienna.</p></body>');
  const [first, second] = collectText(doc.body).nodes;
  return { doc, first: first!, second: second! };
}

describe('nextMentionIndex', () => {
  const order = [3, 1, 0];
  it('moves forward and back with wrap-around', () => {
    expect(nextMentionIndex(order, 3, 1)).toBe(1);
    expect(nextMentionIndex(order, 0, 1)).toBe(3);
    expect(nextMentionIndex(order, 3, -1)).toBe(0);
    expect(nextMentionIndex(order, 1, -1)).toBe(3);
  });

  it('starts at either end without a current mention, and returns null when there is none', () => {
    expect(nextMentionIndex(order, null, 1)).toBe(3);
    expect(nextMentionIndex(order, null, -1)).toBe(0);
    expect(nextMentionIndex(order, 42, 1)).toBe(3);
    expect(nextMentionIndex([], null, 1)).toBeNull();
  });
});

describe('prefersReducedMotion', () => {
  const view = (matchMedia: unknown) => ({ matchMedia }) as unknown as Window;
  it('follows the reader’s preference', () => {
    expect(prefersReducedMotion(view((q: string) => ({ matches: q === '(prefers-reduced-motion: reduce)' })))).toBe(true);
    expect(prefersReducedMotion(view(() => ({ matches: false })))).toBe(false);
  });

  it('means "reduce" where the preference cannot be read', () => {
    expect(prefersReducedMotion(view(undefined))).toBe(true);
    expect(prefersReducedMotion(view(() => {
      throw new Error('broken by the page');
    }))).toBe(true);
    expect(prefersReducedMotion(null)).toBe(true);
  });
});

describe('scrollRangeIntoView', () => {
  it('does not scroll when the range is already in view', () => {
    const { first } = page();
    const rect = { top: 200, bottom: 220, left: 10, right: 80, height: 20, width: 70 } as DOMRect;
    vi.spyOn(Range.prototype, 'getBoundingClientRect').mockReturnValue(rect);
    const scrollBy = vi.spyOn(window, 'scrollBy').mockImplementation(() => {});
    try {
      expect(scrollRangeIntoView(range(first, 0, 8))).toBe(false);
      expect(scrollBy).not.toHaveBeenCalled();
    } finally {
      vi.restoreAllMocks();
    }
  });

  it('scrolls a short parent into the centre, or the window by the range offset inside a long one', () => {
    const { first } = page();
    const rect = { top: 3000, bottom: 3020, left: 10, right: 80, height: 20, width: 70 } as DOMRect;
    vi.spyOn(Range.prototype, 'getBoundingClientRect').mockReturnValue(rect);
    const original = Element.prototype.scrollIntoView;
    const scrollIntoView = vi.fn();
    Element.prototype.scrollIntoView = scrollIntoView;
    const parentRect = vi.spyOn(Element.prototype, 'getBoundingClientRect');
    const scrollBy = vi.spyOn(window, 'scrollBy').mockImplementation(() => {});
    try {
      parentRect.mockReturnValue({ height: 40 } as DOMRect);
      expect(scrollRangeIntoView(range(first, 0, 8))).toBe(true);
      expect(scrollIntoView).toHaveBeenCalledWith(expect.objectContaining({ block: 'center' }));

      parentRect.mockReturnValue({ height: 5000 } as DOMRect);
      expect(scrollRangeIntoView(range(first, 0, 8))).toBe(true);
      expect(scrollBy).toHaveBeenCalledWith(expect.objectContaining({ top: 3010 - window.innerHeight / 2 }));
    } finally {
      Element.prototype.scrollIntoView = original;
      vi.restoreAllMocks();
    }
  });

  it('does nothing for a detached node', () => {
    const { doc } = page();
    expect(scrollRangeIntoView(range(doc.createTextNode('x'), 0, 1))).toBe(false);
  });
});
