/**
 * Where a mark lies: one text node piece. A plain object with StaticRange's fields (creating a native StaticRange
 * costs ~1 µs, which adds up over thousands of marks); the painter makes the StaticRange when it registers the mark.
 * Its own file because the painter, the viewport window and navigation all speak of it and none of them owns it.
 */

import type { TextPiece } from './collect-text';

export interface MarkRange {
  readonly startContainer: Node;
  readonly startOffset: number;
  readonly endContainer: Node;
  readonly endOffset: number;
}

export function markRangeOf(piece: TextPiece): MarkRange {
  return { startContainer: piece.node, startOffset: piece.start, endContainer: piece.node, endOffset: piece.end };
}
