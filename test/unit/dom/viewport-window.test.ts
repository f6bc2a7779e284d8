import { describe, expect, it } from 'vitest';
import { anchorOf, createViewportWindow, type ViewportApi } from '@/utils/dom/viewport-window';
import { createPainter, type HighlightApi, type PaintedMention } from '@/utils/dom/paint-highlights';
import { parseHtml } from './load-fixture';

/** A page of `count` paragraphs, each 100px tall, one word each; the viewport is 100px tall and scrolled by `scroll`. */
function page(count: number) {
  parseHtml(`<body>${Array.from({ length: count }, (_, i) => `<p>word${i} <b>bold${i}</b></p>`).join('')}</body>`);
  const paragraphs = Array.from(document.querySelectorAll('p'));
  const state = { scroll: 0, boxReads: 0 };
  const observed = new Set<Element>();
  let report: ((changes: { target: Element; near: boolean }[]) => void) | null = null;
  const api: ViewportApi = {
    observe(callback) {
      report = callback;
      return {
        observe: (el) => void observed.add(el),
        unobserve: (el) => void observed.delete(el),
        disconnect: () => observed.clear(),
      };
    },
    verticalBox(el) {
      state.boxReads++;
      const top = paragraphs.indexOf(el as HTMLParagraphElement) * 100 - state.scroll;
      return { top, bottom: top + 100 };
    },
    viewportHeight: () => 100,
    afterNextFrame(run) {
      frames.push(run);
      return () => frames.splice(frames.indexOf(run), 1);
    },
  };
  const frames: (() => void)[] = [];
  /** The next frame is painted: deferred work runs. */
  const frame = () => frames.splice(0).forEach((run) => run());
  /** What a real IntersectionObserver would report now for every observed block (margin: one viewport). */
  const settle = () => {
    frame();
    report?.(
      [...observed].map((target) => {
        const { top, bottom } = api.verticalBox(target);
        return { target, near: bottom >= -100 && top <= 200 };
      }),
    );
  };
  const mark = (i: number, word: 'word' | 'bold' = 'word'): PaintedMention => {
    const p = paragraphs[i]!;
    const node = (word === 'word' ? p.firstChild : p.querySelector('b')!.firstChild) as Text;
    return {
      mention: { kind: 'person', id: `e${i}`, start: 0, end: 1, text: 'w', label: 'W' },
      ranges: [{ startContainer: node, startOffset: 0, endContainer: node, endOffset: 1 }],
    };
  };
  return { paragraphs, state, observed, api, settle, frame, mark };
}

describe('anchorOf', () => {
  it('is the nearest block around the mark, through inline elements', () => {
    const { paragraphs, mark } = page(2);
    expect(anchorOf(mark(1, 'bold'))).toBe(paragraphs[1]);
    expect(anchorOf(mark(0))).toBe(paragraphs[0]);
  });
});

describe('createViewportWindow', () => {
  it('shows everything and watches nothing while the page has few marks', () => {
    const { api, observed, mark } = page(10);
    const win = createViewportWindow<PaintedMention>(api, { enter: () => {}, leave: () => {} }, 20);
    const marks = Array.from({ length: 10 }, (_, i) => mark(i));
    expect(win.add(marks)).toEqual(marks);
    expect(observed.size).toBe(0);
  });

  it('past the limit, shows the visible marks at once (few box reads) and the rest of the margin a frame later', () => {
    const { api, observed, state, mark, frame, settle } = page(1000);
    const entered: string[] = [];
    const win = createViewportWindow<PaintedMention>(api, { enter: (i) => entered.push(...i.map((m) => m.mention.id)), leave: () => {} }, 20);
    state.scroll = 50_000; // paragraph 500 at the top
    const marks = Array.from({ length: 1000 }, (_, i) => mark(i));
    const shown = win.add(marks);
    // The guess: the visible 100px and a quarter viewport around it (touching counts, as for IntersectionObserver).
    expect(shown.map((m) => m.mention.id)).toEqual(['e499', 'e500', 'e501']);
    expect(observed.size).toBe(0); // watched only once the frame with the first marks is painted
    expect(state.boxReads).toBeLessThan(20);
    frame();
    expect(observed.size).toBe(1000);
    // The observer's margin is one viewport: paragraphs 498 and 502 come in with its first report.
    settle();
    expect(entered.sort()).toEqual(['e498', 'e502']);
  });

  it('follows the reader: blocks coming near enter, blocks going away leave', () => {
    const { api, state, settle, mark } = page(100);
    const entered: string[] = [];
    const left: string[] = [];
    const win = createViewportWindow<PaintedMention>(
      api,
      { enter: (items) => entered.push(...items.map((m) => m.mention.id)), leave: (items) => left.push(...items.map((m) => m.mention.id)) },
      5,
    );
    const marks = Array.from({ length: 100 }, (_, i) => [mark(i), mark(i, 'bold')]).flat();
    expect(win.add(marks)).toHaveLength(4); // paragraphs 0 and 1, two marks each
    settle();
    expect(entered).toEqual(['e2', 'e2']); // the rest of the margin
    entered.length = 0;
    state.scroll = 1000;
    settle();
    expect(new Set(entered)).toEqual(new Set(['e8', 'e9', 'e10', 'e11', 'e12']));
    expect(new Set(left)).toEqual(new Set(['e0', 'e1', 'e2']));
  });

  it('puts a wrong guess right when the observer reports (layouts out of reading order)', () => {
    const { api, settle, mark, paragraphs } = page(50);
    const reversed = [...paragraphs].reverse();
    const entered: PaintedMention[] = [];
    const left: PaintedMention[] = [];
    const win = createViewportWindow<PaintedMention>(api, { enter: (i) => entered.push(...i), leave: (i) => left.push(...i) }, 5);
    // Marks added in an order whose boxes are not top to bottom: the guess cannot be trusted.
    const marks = reversed.map((p) => mark(paragraphs.indexOf(p)));
    const shown = new Set(win.add(marks));
    settle();
    for (const m of entered) shown.add(m);
    for (const m of left) shown.delete(m);
    expect([...shown].map((m) => m.mention.id).sort()).toEqual(['e0', 'e1', 'e2']);
  });

  it('shows later batches when the observer reports on them, without reading boxes', () => {
    const { api, state, settle, mark } = page(40);
    const entered: string[] = [];
    const win = createViewportWindow<PaintedMention>(api, { enter: (i) => entered.push(...i.map((m) => m.mention.id)), leave: () => {} }, 5);
    win.add(Array.from({ length: 30 }, (_, i) => mark(i + 10)));
    settle();
    state.scroll = 1000; // the reader went down to paragraph 10; the page now adds marks in paragraphs 8 and 9
    settle();
    entered.length = 0;
    const reads = state.boxReads;
    expect(win.add([mark(8), mark(9)])).toEqual([]);
    expect(state.boxReads).toBe(reads);
    settle();
    expect(entered.sort()).toEqual(['e8', 'e9']);
  });

  it('hands marks registered before the limit to the observer, which drops the far ones', () => {
    const { api, settle, mark, observed, frame } = page(30);
    const left: string[] = [];
    const win = createViewportWindow<PaintedMention>(api, { enter: () => {}, leave: (i) => left.push(...i.map((m) => m.mention.id)) }, 10);
    expect(win.add(Array.from({ length: 10 }, (_, i) => mark(i)))).toHaveLength(10);
    const later = win.add(Array.from({ length: 20 }, (_, i) => mark(i + 10)));
    expect(later).toEqual([]); // paragraphs 10–29 are far below
    frame();
    expect(observed.size).toBe(30);
    settle();
    expect(left.sort()).toEqual(['e3', 'e4', 'e5', 'e6', 'e7', 'e8', 'e9']);
  });

  it('stops watching a block when its last mark is removed, and everything on clear', () => {
    const { api, mark, observed, frame } = page(10);
    const win = createViewportWindow<PaintedMention>(api, { enter: () => {}, leave: () => {} }, 1);
    const a = mark(3);
    const b = mark(3, 'bold');
    win.add([a, b, mark(4), mark(5)]);
    win.remove(mark(5)); // not added: ignored
    frame();
    expect(observed.size).toBe(3);
    const c = mark(6);
    win.add([c]);
    win.remove(c); // removed before its frame: never watched
    frame();
    expect(observed.size).toBe(3);
    win.remove(a);
    expect(observed.size).toBe(3);
    win.remove(b);
    expect(observed.size).toBe(2);
    win.clear();
    expect(observed.size).toBe(0);
  });
});

describe('painter with a viewport window', () => {
  class FakeHighlight extends Set<AbstractRange> {
    priority = 0;
  }

  it('registers ranges only near the viewport, and registers more as the reader scrolls', () => {
    const { api: viewport, settle, state, mark } = page(60);
    const map = new Map<string, FakeHighlight>();
    const api: HighlightApi = {
      registry: {
        set: (name: string, h: Highlight) => (map.set(name, h as unknown as FakeHighlight), undefined as never),
        get: (name: string) => map.get(name) as unknown as Highlight | undefined,
        delete: (name: string) => map.delete(name),
      },
      createHighlight: () => new FakeHighlight() as unknown as Highlight,
      createRange: (r) => ({ ...r, collapsed: false }) as unknown as AbstractRange,
    };
    const painter = createPainter(document, { api, viewport, eagerLimit: 10 });
    const marks = Array.from({ length: 60 }, (_, i) => mark(i));
    painter.paint(marks);
    const registered = () =>
      [...(map.get(painter.names.entity) ?? [])].map((r) => (r.startContainer as Text).data).sort();
    expect(registered()).toEqual(['word0 ', 'word1 ']);
    settle();
    expect(registered()).toEqual(['word0 ', 'word1 ', 'word2 ']);
    state.scroll = 3000;
    settle();
    expect(registered()).toEqual(['word28 ', 'word29 ', 'word30 ', 'word31 ', 'word32 ']);
    painter.unpaint([marks[30]!]);
    expect(registered()).toEqual(['word28 ', 'word29 ', 'word31 ', 'word32 ']);
    state.scroll = 0;
    settle();
    expect(registered()).toEqual(['word0 ', 'word1 ', 'word2 ']);
  });
});
