import { describe, expect, it, vi } from 'vitest';
import { collectText, piecesFor, type CollectedText } from '@/utils/dom/collect-text';
import {
  candidatePieces,
  caretFromPoint,
  createHitTester,
  pointInRects,
  rafThrottle,
  type NodeLookup,
  type RectLike,
} from '@/utils/dom/hit-test';
import { parseHtml } from './load-fixture';

/** The per-node index the hit tester reads, built from offsets into the collected text (the content script keeps its
 * own, in entrypoints/content/mark-index.ts). */
function indexByNode(collected: CollectedText, mentions: readonly { start: number; end: number }[]): NodeLookup {
  const index = new Map<Text, { start: number; end: number; mentionIndex: number }[]>();
  mentions.forEach((mention, mentionIndex) => {
    for (const piece of piecesFor(collected, mention.start, mention.end)) {
      const list = index.get(piece.node) ?? [];
      list.push({ start: piece.start, end: piece.end, mentionIndex });
      index.set(piece.node, list);
    }
  });
  return index;
}

function setup() {
  const doc = parseHtml('<body><p>Foreign Minister <b>Abbas</b> Araghchi met Witkoff in Muscat.</p></body>');
  const collected = collectText(doc.body);
  const at = (s: string) => ({ start: collected.text.indexOf(s), end: collected.text.indexOf(s) + s.length });
  const mentions = [at('Abbas Araghchi'), at('Witkoff'), at('Muscat'), at('Araghchi')];
  return { doc, collected, mentions, index: indexByNode(collected, mentions) };
}

describe('candidatePieces', () => {
  it('includes pieces ending at the caret, since a caret sits between characters', () => {
    const { collected, index } = setup();
    const rest = collected.nodes[2]!;
    const witkoff = rest.data.indexOf('Witkoff');
    expect(candidatePieces(index, rest, witkoff).map((p) => p.mentionIndex)).toEqual([1]);
    expect(candidatePieces(index, rest, witkoff + 7).map((p) => p.mentionIndex)).toEqual([1]);
    expect(candidatePieces(index, rest, witkoff - 2)).toEqual([]);
    expect(candidatePieces(index, collected.nodes[0]!, 3)).toEqual([]);
  });
});

describe('pointInRects', () => {
  const rects: RectLike[] = [{ left: 10, right: 50, top: 0, bottom: 20 }, { left: 0, right: 30, top: 20, bottom: 40 }];
  it('accepts points inside any rect and rejects the blank space after a line', () => {
    expect(pointInRects(rects, 20, 10)).toBe(true);
    expect(pointInRects(rects, 5, 30)).toBe(true);
    expect(pointInRects(rects, 45, 30)).toBe(false);
    expect(pointInRects([], 0, 0)).toBe(false);
  });
});

describe('createHitTester', () => {
  it('returns the mention whose rects contain the point, preferring the shorter overlapping one', () => {
    const { doc, collected, index } = setup();
    const rest = collected.nodes[2]!;
    const offset = rest.data.indexOf('Araghchi') + 2;
    const rectsOf = vi.fn((_node: Text, start: number, end: number): RectLike[] => [
      { left: start * 10, right: end * 10, top: 0, bottom: 20 },
    ]);
    const tester = createHitTester(() => index, { caretAt: () => ({ node: rest, offset }), rectsOf });
    expect(tester.hitTest(doc, offset * 10 + 5, 10)).toBe(3);
    // Same caret, but the point is below the line: the nearest caret is not a hit.
    expect(tester.hitTest(doc, offset * 10 + 5, 30)).toBeNull();
  });

  it('returns null for carets outside text, outside mentions, or when the browser throws', () => {
    const { doc, index } = setup();
    const rectsOf = () => [{ left: 0, right: 1000, top: 0, bottom: 1000 }];
    expect(createHitTester(() => index, { caretAt: () => ({ node: doc.body, offset: 0 }), rectsOf }).hitTest(doc, 1, 1))
      .toBeNull();
    expect(createHitTester(() => index, { caretAt: () => undefined, rectsOf }).hitTest(doc, 1, 1)).toBeNull();
    const throwing = () => {
      throw new Error('boom');
    };
    expect(createHitTester(() => index, { caretAt: throwing, rectsOf }).hitTest(doc, 1, 1)).toBeNull();
  });

  it('returns null where the document has no caret API', () => {
    const { doc, index } = setup();
    expect(createHitTester(() => index).hitTest(doc, 1, 1)).toBeNull();
  });
});

describe('caretFromPoint and shadow roots', () => {
  it('asks caretPositionFromPoint for carets inside the shadow roots it is given (else the browser reports the host)', () => {
    const doc = parseHtml('<body><news-story id="host"></news-story></body>');
    const host = doc.getElementById('host')!;
    const shadow = host.attachShadow({ mode: 'open' });
    const text = doc.createTextNode('Abbas Araghchi met Witkoff.');
    shadow.append(text);
    const calls: unknown[][] = [];
    // What Chromium does: without the option, a caret in a shadow tree is retargeted to its host's position.
    Object.defineProperty(doc, 'caretPositionFromPoint', {
      configurable: true,
      value: (...args: unknown[]) => {
        calls.push(args);
        const roots = (args[2] as { shadowRoots?: ShadowRoot[] } | undefined)?.shadowRoots ?? [];
        return roots.includes(shadow) ? { offsetNode: text, offset: 8 } : { offsetNode: doc.body, offset: 0 };
      },
    });
    expect(caretFromPoint(doc, 5, 6)).toEqual({ node: doc.body, offset: 0 });
    expect(calls[0]).toEqual([5, 6]);
    expect(caretFromPoint(doc, 5, 6, [shadow])).toEqual({ node: text, offset: 8 });
    const collected = collectText(doc.body);
    const index = indexByNode(collected, [{ start: 0, end: 14 }]);
    const rectsOf = () => [{ left: 0, right: 100, top: 0, bottom: 20 }];
    expect(createHitTester(() => index, { rectsOf }).hitTest(doc, 5, 6)).toBeNull();
    expect(createHitTester(() => index, { rectsOf, shadowRoots: () => [shadow] }).hitTest(doc, 5, 6)).toBe(0);
    Reflect.deleteProperty(doc, 'caretPositionFromPoint');
  });
});

describe('rafThrottle', () => {
  it('runs once per frame with the latest arguments, and cancel drops the pending call', () => {
    const frames: FrameRequestCallback[] = [];
    vi.stubGlobal('requestAnimationFrame', (cb: FrameRequestCallback) => frames.push(cb));
    vi.stubGlobal('cancelAnimationFrame', (id: number) => {
      frames[id - 1] = () => {};
    });
    try {
      const fn = vi.fn();
      const throttled = rafThrottle(fn);
      throttled(1);
      throttled(2);
      expect(frames).toHaveLength(1);
      frames[0]!(0);
      expect(fn).toHaveBeenCalledExactlyOnceWith(2);
      throttled(3);
      throttled.cancel();
      frames[1]!(0);
      expect(fn).toHaveBeenCalledTimes(1);
    } finally {
      vi.unstubAllGlobals();
    }
  });
});
