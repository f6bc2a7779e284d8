/**
 * Keyboard navigation over painted marks: next/previous with wrap-around, scrolling a mark into view, and whether the
 * reader asked for reduced motion.
 */

import type { MarkRange } from './mark-range';

export type Direction = 1 | -1;

/**
 * The mention after (direction 1) or before (-1) `current` in `order` (indices in reading order), wrapping around.
 * With no current mention, or one no longer in the order, starts from the first (or last). Null when empty.
 */
export function nextMentionIndex(
  order: readonly number[],
  current: number | null | undefined,
  direction: Direction,
): number | null {
  if (order.length === 0) return null;
  const position = current === null || current === undefined ? -1 : order.indexOf(current);
  if (position < 0) return (direction === 1 ? order[0] : order[order.length - 1]) ?? null;
  return order[(position + direction + order.length) % order.length] ?? null;
}

/** Pixels kept clear at the viewport's top and bottom: sticky site headers cover the first lines. */
const VIEWPORT_MARGIN = 80;

function temporaryRange(doc: Document, range: MarkRange): Range {
  const live = doc.createRange();
  live.setStart(range.startContainer, range.startOffset);
  live.setEnd(range.endContainer, range.endOffset);
  return live;
}

/**
 * Whether the reader asked for reduced motion: the one check, for the scroll and for the wait before a card is placed
 * after it. Where the preference cannot be read (no or a broken `matchMedia`), motion is left out: an instant jump
 * harms no one, while a smooth scroll could harm a reader who asked for none (WCAG 2.3.3), and the card then lands
 * where the mark already is.
 */
export function prefersReducedMotion(view: Window | null | undefined): boolean {
  try {
    return view?.matchMedia?.('(prefers-reduced-motion: reduce)').matches ?? true;
  } catch {
    return true;
  }
}

/**
 * Scrolls so the range is visible, centred vertically when it has to move. Does nothing when it is already in view.
 * Short parent elements are scrolled with `scrollIntoView` (which also scrolls nested scroll containers); inside long
 * ones the window is scrolled by the range's own offset. Returns whether it scrolled. Never throws.
 */
export function scrollRangeIntoView(range: MarkRange): boolean {
  try {
    const doc = range.startContainer.ownerDocument;
    const view = doc?.defaultView;
    if (!doc || !view || !range.startContainer.isConnected) return false;
    const rect = temporaryRange(doc, range).getBoundingClientRect();
    const height = view.innerHeight;
    const margin = Math.min(VIEWPORT_MARGIN, height / 4);
    if (rect.top >= margin && rect.bottom <= height - margin && rect.left >= 0 && rect.right <= view.innerWidth) {
      return false;
    }
    const behavior: ScrollBehavior = prefersReducedMotion(view) ? 'auto' : 'smooth';
    const parent =
      range.startContainer.nodeType === 1 ? (range.startContainer as Element) : range.startContainer.parentElement;
    if (parent && parent.getBoundingClientRect().height <= height / 2) {
      parent.scrollIntoView({ block: 'center', inline: 'nearest', behavior });
    } else {
      view.scrollBy({ top: rect.top + rect.height / 2 - height / 2, behavior });
    }
    return true;
  } catch {
    return false;
  }
}
