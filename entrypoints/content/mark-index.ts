import { forEachText } from '@/utils/dom/collect-text';
import type { NodeLookup, NodePiece } from '@/utils/dom/hit-test';
import type { MarkRange } from '@/utils/dom/mark-range';
import type { PaintedMention } from '@/utils/dom/paint-highlights';
import type { Mention } from '@/utils/model/mention';

/** A mention found on the page, with its ranges and the text each range covered when it was found. */
export interface Entry extends PaintedMention {
  texts: string[];
  /** Stable id: what the hit tester answers with. */
  key: number;
  /** The open shadow roots its ranges lie in (a web component's article), if any. */
  shadows?: ShadowRoot[];
}

/** Where reading order is read from: the article's root, and whether walks enter open shadow roots. */
export interface ReadingScope {
  root(): Element | null;
  intoShadows(): boolean;
}

/**
 * Every mark found on the page (painted or not: settings decide) and the indexes over them, in one place:
 * - by text node: the marks with a range in it (removed or changed text finds its marks; the hit tester reads the
 *   painted ones);
 * - by key: the painted marks. A mark is painted when, and only when, it is here; every other view of "painted" is
 *   read from it.
 * Marks may overlap (a figure inside a name, a place inside a round phrase): lookups return every mark at a place,
 * and nothing here assumes one mark per stretch of text.
 */
export interface MarkIndex {
  /** A new mark with the next key (not added yet). */
  create(mention: Mention, ranges: MarkRange[], texts: string[]): Entry;
  add(entry: Entry): void;
  /** Forgets the mark; true when it was painted (the caller takes it off the page). */
  drop(entry: Entry): boolean;
  has(entry: Entry): boolean;
  readonly size: number;
  all(): Entry[];
  /** Whether a mark of `id` already starts at `offset` in `node` (never two marks for one mention). */
  hasMarkAt(id: string, node: Text, offset: number): boolean;
  /** Adds to `out` the marks on the text nodes inside `node` (itself included); walks detached subtrees too. */
  collectUnder(node: Node, out: Set<Entry>): void;

  isPainted(entry: Entry): boolean;
  /** Records the mark as painted (true) or not; returns whether that changed anything. */
  setPainted(entry: Entry, painted: boolean): boolean;
  readonly paintedCount: number;
  painted(): IterableIterator<Entry>;
  paintedByKey(key: number): Entry | null;
  /** The painted pieces per text node, for the hit tester. */
  readonly pieces: NodeLookup;
  /** The painted marks in reading order (cached until they change). */
  ordered(): Entry[];
  inReadingOrder(list: Iterable<Entry>): Entry[];

  /** Records each replaced mark's successor among `fresh` (the same thing, same words, same place among namesakes). */
  noteReplacements(doomed: readonly Entry[], fresh: readonly Entry[]): void;
  /** The mark `entry` is now: itself while painted, else its latest painted successor, or null when it is gone. */
  latest(entry: Entry): Entry | null;
  /** Forgets every mark. */
  clear(): void;
}

export function createMarkIndex(scope: ReadingScope): MarkIndex {
  let nextKey = 1;
  const entries = new Set<Entry>();
  const byNode = new Map<Text, Entry[]>();
  const painted = new Map<number, Entry>();
  let ordered: Entry[] | null = null;
  /** Marks replaced by a rescan of re-rendered text, to their successors (see `latest`). */
  const replacedBy = new WeakMap<Entry, Entry>();

  const isPainted = (entry: Entry) => painted.get(entry.key) === entry;

  const pieces: NodeLookup = {
    get(node) {
      const list = byNode.get(node);
      if (!list) return undefined;
      const out: NodePiece[] = [];
      for (const entry of list) {
        if (!isPainted(entry)) continue;
        for (const range of entry.ranges) {
          if (range.startContainer === node) out.push({ start: range.startOffset, end: range.endOffset, mentionIndex: entry.key });
        }
      }
      return out.length > 0 ? out : undefined;
    },
  };

  function inReadingOrder(list: Iterable<Entry>): Entry[] {
    // One walk over the article's text nodes, then a sort on (node position, offset).
    const position = new Map<Node, number>();
    const root = scope.root();
    if (root) {
      let i = 0;
      forEachText(
        root,
        (node) => {
          if (byNode.has(node)) position.set(node, i++);
        },
        scope.intoShadows(),
      );
    }
    const at = (e: Entry) => position.get(e.ranges[0]!.startContainer) ?? Number.MAX_SAFE_INTEGER;
    return Array.from(list).sort((a, b) => at(a) - at(b) || a.ranges[0]!.startOffset - b.ranges[0]!.startOffset || a.key - b.key);
  }

  return {
    create: (mention, ranges, texts) => ({ mention, ranges, texts, key: nextKey++ }),
    add(entry) {
      entries.add(entry);
      for (const range of entry.ranges) {
        const node = range.startContainer as Text;
        const list = byNode.get(node);
        if (list) list.push(entry);
        else byNode.set(node, [entry]);
      }
    },
    drop(entry) {
      if (!entries.delete(entry)) return false;
      for (const range of entry.ranges) {
        const node = range.startContainer as Text;
        const list = byNode.get(node)?.filter((e) => e !== entry);
        if (list && list.length > 0) byNode.set(node, list);
        else byNode.delete(node);
      }
      if (!isPainted(entry)) return false;
      painted.delete(entry.key);
      ordered = null;
      return true;
    },
    has: (entry) => entries.has(entry),
    get size() {
      return entries.size;
    },
    all: () => Array.from(entries),
    hasMarkAt: (id, node, offset) => byNode.get(node)?.some((e) => e.mention.id === id && e.ranges[0]!.startOffset === offset) ?? false,
    collectUnder(node, out) {
      if (node.nodeType === 3) {
        for (const entry of byNode.get(node as Text) ?? []) out.add(entry);
        return;
      }
      if (byNode.size === 0) return;
      forEachText(
        node,
        (text) => {
          for (const entry of byNode.get(text) ?? []) out.add(entry);
        },
        scope.intoShadows(),
      );
    },

    isPainted,
    setPainted(entry, on) {
      if (on === isPainted(entry) || (on && !entries.has(entry))) return false;
      if (on) painted.set(entry.key, entry);
      else painted.delete(entry.key);
      ordered = null;
      return true;
    },
    get paintedCount() {
      return painted.size;
    },
    painted: () => painted.values(),
    paintedByKey: (key) => painted.get(key) ?? null,
    pieces,
    ordered() {
      ordered ??= inReadingOrder(painted.values());
      return ordered;
    },
    inReadingOrder,

    noteReplacements(doomed, fresh) {
      const groupKey = (e: Entry) => `${e.mention.id}\u0000${e.mention.text}`;
      const successors = new Map<string, Entry[]>();
      for (const e of fresh) {
        if (!isPainted(e)) continue;
        const list = successors.get(groupKey(e));
        if (list) list.push(e);
        else successors.set(groupKey(e), [e]);
      }
      const seen = new Map<string, number>();
      for (const old of [...doomed].sort((a, b) => a.key - b.key)) {
        const k = groupKey(old);
        const nth = seen.get(k) ?? 0;
        seen.set(k, nth + 1);
        const next = successors.get(k)?.[nth];
        if (next) replacedBy.set(old, next);
      }
    },
    latest(entry) {
      let e: Entry | undefined = entry;
      for (let hops = 0; e && !isPainted(e) && hops < 64; hops++) e = replacedBy.get(e);
      return e && isPainted(e) ? e : null;
    },
    clear() {
      entries.clear();
      byNode.clear();
      painted.clear();
      ordered = null;
    },
  };
}
