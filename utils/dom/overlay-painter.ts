/**
 * The painter for browsers without the CSS Custom Highlight API. It keeps the same rules: the page's text and DOM
 * are never touched, nothing moves, and nothing is added until there is something to paint. Marks are drawn as
 * underline boxes in one layer of ours: a zero-size, out-of-flow host with a closed shadow root, which the pointer
 * passes through (hit-testing works on the text as with highlights).
 */
import type { Painter, PaintedMention } from './paint-highlights';
import { markGroupOf, markLookOf, randomHighlightNames, type MarkStyle, type UnderlineStyle } from '../style/highlight-css';

export interface OverlayPainter extends Painter {
  /** Draws again with this look (the reader changed underline, tint or theme). */
  setStyle(style: MarkStyle): void;
  /** Places every box again (after the page's layout changed). */
  relayout(): void;
  /** The number of boxes drawn: one per line box of each mark. */
  readonly boxCount: number;
}

/** The highlight API has no box: wavy and double lines are drawn as the nearest border styles. */
const BORDER_STYLE: Record<UnderlineStyle, string> = { solid: 'solid', dotted: 'dotted', dashed: 'dashed', wavy: 'dashed', double: 'double' };

/** Inline `!important` declarations win over a page's own `!important` rules (`* { all: unset !important }`). */
function important(declarations: Record<string, string>): string {
  return Object.entries(declarations)
    .map(([property, value]) => `${property}: ${value} !important`)
    .join('; ');
}

export function createOverlayPainter(doc: Document, initialStyle: MarkStyle = {}): OverlayPainter {
  const view = doc.defaultView;
  const painted = new Set<PaintedMention>();
  let style = initialStyle;
  let host: HTMLElement | null = null;
  let layer: HTMLElement | null = null;
  let boxCount = 0;
  let frame = 0;
  let resizeObserver: ResizeObserver | undefined;

  const scheme = (): 'light' | 'dark' =>
    style.scheme === 'light' || style.scheme === 'dark'
      ? style.scheme
      : view?.matchMedia?.('(prefers-color-scheme: dark)').matches
        ? 'dark'
        : 'light';

  function ensureLayer(): HTMLElement {
    if (layer && host?.isConnected) return layer;
    host = doc.createElement('div');
    host.setAttribute('style', important({ all: 'initial', position: 'absolute', top: '0', left: '0', width: '0', height: '0', overflow: 'visible', 'pointer-events': 'none', 'z-index': '2147483646', display: 'block' }));
    const root = host.attachShadow({ mode: 'closed' });
    layer = doc.createElement('div');
    root.append(layer);
    doc.documentElement.append(host);
    // Text reflows when the page's width or content size changes: the boxes follow on the next frame.
    if (typeof ResizeObserver === 'function' && doc.body) {
      resizeObserver = new ResizeObserver(() => schedule());
      resizeObserver.observe(doc.body);
    }
    return layer;
  }

  function schedule(): void {
    if (frame || !view) return;
    frame = view.requestAnimationFrame(() => {
      frame = 0;
      draw();
    });
  }

  function draw(): void {
    if (painted.size === 0) {
      teardown();
      return;
    }
    const target = ensureLayer();
    const origin = host!.getBoundingClientRect();
    const colors = scheme();
    const boxes: HTMLElement[] = [];
    for (const entry of painted) {
      const look = markLookOf(markGroupOf(entry.mention.kind), style, colors);
      for (const range of entry.ranges) {
        const node = range.startContainer;
        if (!node.isConnected) continue;
        const live = doc.createRange();
        try {
          live.setStart(node, range.startOffset);
          live.setEnd(range.endContainer, range.endOffset);
        } catch {
          continue; // the text changed under the range: its rescan repaints it
        }
        for (const rect of Array.from(live.getClientRects())) {
          if (rect.width === 0 || rect.height === 0) continue;
          const box = doc.createElement('div');
          box.setAttribute(
            'style',
            important({
              position: 'absolute',
              left: `${rect.left - origin.left}px`,
              top: `${rect.top - origin.top}px`,
              width: `${rect.width}px`,
              height: `${rect.height}px`,
              'box-sizing': 'border-box',
              'border-bottom': `${look.underline === 'solid' ? 1 : 2}px ${BORDER_STYLE[look.underline]} ${look.line}`,
              background: style.background ? look.tint : 'transparent',
              'pointer-events': 'none',
            }),
          );
          boxes.push(box);
        }
        live.detach();
      }
    }
    target.replaceChildren(...boxes);
    boxCount = boxes.length;
  }

  function teardown(): void {
    if (frame && view) view.cancelAnimationFrame(frame);
    frame = 0;
    resizeObserver?.disconnect();
    resizeObserver = undefined;
    host?.remove();
    host = null;
    layer = null;
    boxCount = 0;
  }

  function changed(): void {
    // Drawn at once when marks arrive (first marks should not wait a frame), re-placed later by `schedule`.
    draw();
  }

  return {
    names: randomHighlightNames(),
    supported: true,
    get boxCount() {
      return boxCount;
    },
    paint(mentions) {
      let added = false;
      for (const entry of mentions) {
        if (painted.has(entry)) continue;
        painted.add(entry);
        added = true;
      }
      if (added) changed();
    },
    remove(ids) {
      const doomed = new Set(ids);
      const before = painted.size;
      for (const entry of Array.from(painted)) if (doomed.has(entry.mention.id)) painted.delete(entry);
      if (painted.size !== before) changed();
    },
    unpaint(mentions) {
      let removed = false;
      for (const entry of mentions) removed = painted.delete(entry) || removed;
      if (removed) changed();
    },
    removeWhere(test) {
      const before = painted.size;
      for (const entry of Array.from(painted)) if (test(entry)) painted.delete(entry);
      if (painted.size !== before) changed();
    },
    clear() {
      painted.clear();
      teardown();
    },
    setStyle(next) {
      style = next;
      if (painted.size > 0) draw();
    },
    relayout() {
      if (painted.size > 0) draw();
    },
  };
}
