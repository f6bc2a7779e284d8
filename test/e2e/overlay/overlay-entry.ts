/**
 * Bundled into the overlay fallback's test page: the real overlay painter over the real text collection, driven by
 * the test (the extension itself only uses it where the Custom Highlight API is missing).
 */
import { collectText } from '../../../utils/dom/collect-text';
import { createOverlayPainter, type OverlayPainter } from '../../../utils/dom/overlay-painter';
import { rangesFor } from '../../../utils/dom/paint-highlights';
import type { Mention } from '../../../utils/model/mention';

let painter: OverlayPainter | undefined;

function paint(words: string[], kind: Mention['kind'] = 'person') {
  const root = document.getElementById('article')!;
  const collected = collectText(root);
  painter ??= createOverlayPainter(document, { scheme: 'light' });
  const painted = [];
  for (const word of words) {
    for (let at = collected.text.indexOf(word); at >= 0; at = collected.text.indexOf(word, at + 1)) {
      const mention: Mention = { start: at, end: at + word.length, text: word, kind, id: word, label: word };
      painted.push({ mention, ranges: rangesFor(collected, at, at + word.length) });
    }
  }
  painter.paint(painted);
  // Where each mark's line boxes are, in page coordinates, for the test to compare with the boxes drawn.
  return painted.flatMap((p) =>
    p.ranges.flatMap((r) => {
      const range = document.createRange();
      range.setStart(r.startContainer, r.startOffset);
      range.setEnd(r.endContainer, r.endOffset);
      return Array.from(range.getClientRects()).map((rect) => ({
        left: Math.round(rect.left + scrollX),
        top: Math.round(rect.top + scrollY),
        width: Math.round(rect.width),
        height: Math.round(rect.height),
      }));
    }),
  );
}

declare global {
  interface Window {
    overlayTest: { paint: typeof paint; clear(): void; relayout(): void; boxCount(): number };
  }
}

window.overlayTest = {
  paint,
  clear: () => painter?.clear(),
  relayout: () => painter?.relayout(),
  boxCount: () => painter?.boxCount ?? 0,
};
