/**
 * Finds the painted mention under the pointer. Marks are not elements, so the caret under the point is looked up in a
 * per-text-node index, then confirmed against the piece's client rects: the nearest caret is also returned in the
 * blank space after a line or below a paragraph.
 */

/** A mention's piece inside one text node, in node-local offsets. */
export interface NodePiece {
  start: number;
  end: number;
  mentionIndex: number;
}

/** The marks' pieces per text node, as the hit tester reads them (a Map fits). */
export interface NodeLookup {
  get(node: Text): NodePiece[] | undefined;
}

export interface RectLike {
  left: number;
  right: number;
  top: number;
  bottom: number;
}

interface CaretPoint {
  node: Node;
  offset: number;
}

/**
 * Pieces of `node` a caret at `offset` may belong to. A caret sits between characters, so a pointer over a word's
 * last character often yields the offset just after it: pieces ending at the offset are candidates too.
 */
export function candidatePieces(index: NodeLookup, node: Node, offset: number): NodePiece[] {
  const list = index.get(node as Text);
  if (!list) return [];
  return list.filter((piece) => piece.start <= offset && offset <= piece.end);
}

/** Half a pixel of slack: rects are fractional and pointer coordinates are rounded. */
const SLACK = 0.5;

export function pointInRects(rects: Iterable<RectLike>, x: number, y: number): boolean {
  for (const rect of rects) {
    if (x >= rect.left - SLACK && x <= rect.right + SLACK && y >= rect.top - SLACK && y <= rect.bottom + SLACK) {
      return true;
    }
  }
  return false;
}

/**
 * The caret under a point: `caretPositionFromPoint` (Firefox, new Chromium) or `caretRangeFromPoint`. A caret inside
 * a shadow tree is reported at its host unless that shadow root is listed in `shadowRoots` (open roots we have marks
 * in); browsers without the option report the host, and such marks get no card.
 */
export function caretFromPoint(
  doc: Document,
  x: number,
  y: number,
  shadowRoots: readonly ShadowRoot[] = [],
): CaretPoint | undefined {
  if (typeof doc.caretPositionFromPoint === 'function') {
    const position =
      shadowRoots.length > 0
        ? doc.caretPositionFromPoint(x, y, { shadowRoots: [...shadowRoots] })
        : doc.caretPositionFromPoint(x, y);
    return position ? { node: position.offsetNode, offset: position.offset } : undefined;
  }
  const legacy = doc as Document & { caretRangeFromPoint?: (x: number, y: number) => Range | null };
  if (typeof legacy.caretRangeFromPoint === 'function') {
    const range = legacy.caretRangeFromPoint(x, y);
    return range ? { node: range.startContainer, offset: range.startOffset } : undefined;
  }
  return undefined;
}

/** Client rects of a node piece through a temporary Range (dropped at once: live Ranges slow the page's edits). */
function pieceRects(node: Text, start: number, end: number): RectLike[] {
  const range = node.ownerDocument.createRange();
  range.setStart(node, start);
  range.setEnd(node, end);
  return Array.from(range.getClientRects());
}

interface HitTesterOptions {
  caretAt?: typeof caretFromPoint;
  rectsOf?: typeof pieceRects;
  /** Open shadow roots with marks, so a caret inside them is found there (not at their host). */
  shadowRoots?: () => readonly ShadowRoot[];
}

interface HitTester {
  /** Index of the mention under the point, or null. Never throws. */
  hitTest(doc: Document, x: number, y: number): number | null;
}

export function createHitTester(getIndex: () => NodeLookup, options: HitTesterOptions = {}): HitTester {
  const caretAt = options.caretAt ?? caretFromPoint;
  const rectsOf = options.rectsOf ?? pieceRects;
  return {
    hitTest(doc, x, y) {
      try {
        const caret = caretAt(doc, x, y, options.shadowRoots?.() ?? []);
        if (!caret || caret.node.nodeType !== 3) return null;
        const node = caret.node as Text;
        // Shortest first: where pieces overlap, the shorter one is the more specific mention.
        const candidates = candidatePieces(getIndex(), node, caret.offset).sort(
          (a, b) => a.end - a.start - (b.end - b.start),
        );
        for (const piece of candidates) {
          if (pointInRects(rectsOf(node, piece.start, piece.end), x, y)) return piece.mentionIndex;
        }
        return null;
      } catch {
        return null;
      }
    },
  };
}

/**
 * Calls `fn` at most once per animation frame, with the latest arguments. `cancel` drops a pending call.
 */
export function rafThrottle<Args extends unknown[]>(
  fn: (...args: Args) => void,
): ((...args: Args) => void) & { cancel(): void } {
  let pending: Args | undefined;
  let handle: number | undefined;
  const schedule =
    typeof requestAnimationFrame === 'function'
      ? (run: () => void) => requestAnimationFrame(run)
      : (run: () => void) => setTimeout(run, 16) as unknown as number;
  const unschedule =
    typeof cancelAnimationFrame === 'function'
      ? (id: number) => cancelAnimationFrame(id)
      : (id: number) => clearTimeout(id);
  const throttled = (...args: Args): void => {
    pending = args;
    if (handle !== undefined) return;
    handle = schedule(() => {
      handle = undefined;
      const args = pending;
      pending = undefined;
      if (args) fn(...args);
    });
  };
  throttled.cancel = () => {
    if (handle !== undefined) unschedule(handle);
    handle = undefined;
    pending = undefined;
  };
  return throttled;
}
