import { piecesFor, type CollectedText } from '@/utils/dom/collect-text';
import { markRangeOf } from '@/utils/dom/mark-range';
import type { Mention } from '@/utils/model/mention';
import type { Entry, MarkIndex } from './mark-index';

/**
 * The background's mentions for `collected`, as new marks (not added to the index yet). A mention is left out when
 * the page changed its text while the background was matching (the text under its ranges must still be what was
 * sent), or when the index already has a mark of the same thing at the same place, whatever order scans finish in.
 */
export function marksFromScan(collected: CollectedText, mentions: readonly Mention[], marks: MarkIndex): Entry[] {
  // Each node's text read once (a DOM string read per range adds up on long pages).
  const data = new Map<Text, string>();
  const dataOf = (node: Text) => {
    let text = data.get(node);
    if (text === undefined) data.set(node, (text = node.isConnected ? node.data : ''));
    return text;
  };
  const fresh: Entry[] = [];
  for (const mention of mentions) {
    const pieces = piecesFor(collected, mention.start, mention.end);
    if (pieces.length === 0) continue;
    const texts = pieces.map((piece) => dataOf(piece.node).slice(piece.start, piece.end));
    // Separators between nodes are whitespace, and line breaks inside a node were sent as spaces: hence the
    // comparison without whitespace when the plain one differs.
    const sent = collected.text.slice(mention.start, mention.end);
    const now = texts.length === 1 ? texts[0]! : texts.join('');
    if (now !== sent && squeeze(now) !== squeeze(sent)) continue;
    const at = pieces[0]!;
    if (marks.hasMarkAt(mention.id, at.node, at.start)) continue;
    const entry = marks.create(mention, pieces.map(markRangeOf), texts);
    if (collected.shadowRoots) {
      const shadows = shadowRootsOf(pieces.map((piece) => piece.node));
      if (shadows.length > 0) entry.shadows = shadows;
    }
    fresh.push(entry);
  }
  return fresh;
}

function squeeze(text: string): string {
  return text.replace(/\s+/g, '');
}

/** The distinct open shadow roots these text nodes lie in (none for text in the document's own tree). */
function shadowRootsOf(nodes: readonly Node[]): ShadowRoot[] {
  const out: ShadowRoot[] = [];
  for (const node of nodes) {
    const root = node.getRootNode();
    if (root.nodeType === 11 && !out.includes(root as ShadowRoot)) out.push(root as ShadowRoot);
  }
  return out;
}
