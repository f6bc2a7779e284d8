/**
 * Which painted marks are near the viewport. Chromium revalidates every registered highlight range in the frame after
 * a highlight or the DOM changes (measured here: ~0.5 ms with none, ~12 ms with 1,900 on a 50k-word page), so on long
 * pages only the marks within a viewport's height of the visible area are registered, and an IntersectionObserver on
 * their blocks moves the window as the reader scrolls. Short pages (up to `eagerLimit` marks) register everything.
 */

import { isBlockElement } from './collect-text';
import type { MarkRange } from './mark-range';

interface ViewportWindowItem {
  ranges: readonly MarkRange[];
}

interface ViewportWindowEvents<T> {
  /** These items came near the viewport: register them. */
  enter(items: T[]): void;
  /** These items left it: unregister them. */
  leave(items: T[]): void;
}

interface ViewportWindow<T> {
  /** Adds items (a batch in reading order); returns those to register now. */
  add(items: readonly T[]): T[];
  remove(item: T): void;
  clear(): void;
}

/** The browser parts the window uses; injectable for tests. */
export interface ViewportApi {
  observe(callback: (changes: { target: Element; near: boolean }[]) => void): {
    observe(el: Element): void;
    unobserve(el: Element): void;
    disconnect(): void;
  };
  /** Top and bottom of the element's box in viewport coordinates (may force a layout). */
  verticalBox(el: Element): { top: number; bottom: number };
  viewportHeight(): number;
  /**
   * Runs `run` once the next frame is painted; returns a cancel. New blocks are watched from then on: the observer's
   * first look at hundreds of blocks would otherwise delay the frame that shows the first marks.
   */
  afterNextFrame(run: () => void): () => void;
}

/** Below this many marks, every range is registered: the frame cost is small and nothing waits for an observer. */
const EAGER_LIMIT = 200;
/** How far above and below the visible area marks are kept, in viewport heights. */
const MARGIN_VIEWPORTS = 1;
/**
 * The first guess takes only the visible area and this much around it: the frame that shows the first marks does
 * no more than it must, and the observer adds the rest of the margin a frame later.
 */
const GUESS_MARGIN_VIEWPORTS = 0.25;
/** The first guess reads at most this many boxes past the first near one; the observer corrects the rest. */
const GUESS_SPAN = 400;

export function defaultViewportApi(doc: Document): ViewportApi | null {
  const view = doc.defaultView as (Window & typeof globalThis) | null;
  const Observer = view?.IntersectionObserver;
  if (!view || typeof Observer !== 'function') return null;
  return {
    observe(callback) {
      return new Observer(
        (records) => callback(records.map((r) => ({ target: r.target, near: r.isIntersecting }))),
        { rootMargin: `${MARGIN_VIEWPORTS * 100}% 0px` },
      );
    },
    verticalBox(el) {
      const { top, bottom } = el.getBoundingClientRect();
      return { top, bottom };
    },
    viewportHeight: () => view.innerHeight,
    afterNextFrame(run) {
      let timer: number | undefined;
      const frame = view.requestAnimationFrame(() => {
        timer = view.setTimeout(run, 0);
      });
      return () => {
        view.cancelAnimationFrame(frame);
        if (timer !== undefined) view.clearTimeout(timer);
      };
    },
  };
}

/** The block a mark lies in: the unit the observer watches (ranges never cross a block boundary). */
export function anchorOf(item: ViewportWindowItem): Element | null {
  const node = item.ranges[0]?.startContainer;
  let el = node ? (node.nodeType === 1 ? (node as Element) : node.parentElement) : null;
  const first = el;
  for (let depth = 0; el && depth < 16; depth++, el = el.parentElement) if (isBlockElement(el)) return el;
  return first;
}

export function createViewportWindow<T extends ViewportWindowItem>(
  api: ViewportApi | null,
  events: ViewportWindowEvents<T>,
  eagerLimit = EAGER_LIMIT,
): ViewportWindow<T> {
  const groups = new Map<Element, Set<T>>();
  /** Every item added and not removed, with its block (null: no element to watch, always registered). */
  const anchorByItem = new Map<T, Element | null>();
  const near = new Set<Element>();
  /** Blocks waiting for the next frame to be watched (see `ViewportApi.afterNextFrame`). */
  let unwatched: Element[] = [];
  let cancelWatch: (() => void) | null = null;
  let observer: ReturnType<ViewportApi['observe']> | null = null;

  function onChanges(changes: { target: Element; near: boolean }[]): void {
    const entering: T[] = [];
    const leaving: T[] = [];
    for (const { target, near: isNear } of changes) {
      const group = groups.get(target);
      if (!group || isNear === near.has(target)) continue;
      if (isNear) near.add(target);
      else near.delete(target);
      (isNear ? entering : leaving).push(...group);
    }
    if (leaving.length > 0) events.leave(leaving);
    if (entering.length > 0) events.enter(entering);
  }

  /** Starts windowing: the marks registered so far stay until the observer's first report says where they are. */
  function startObserving(): void {
    if (!api) return;
    observer = api.observe(onChanges);
    for (const anchor of groups.keys()) near.add(anchor);
    watchLater(Array.from(groups.keys()));
  }

  /**
   * A first guess at which new blocks are near, so the visible marks show in the very next frame: blocks in reading
   * order mostly stand top to bottom, so a binary search finds the first near one and a walk reads on to the last.
   * Layouts that break the order (columns, floats, flex order) are put right by the observer a frame later.
   */
  function guessNear(anchors: Element[]): void {
    if (!api || anchors.length === 0) return;
    const margin = api.viewportHeight() * GUESS_MARGIN_VIEWPORTS;
    const low = -margin;
    const high = api.viewportHeight() + margin;
    let lo = 0;
    let hi = anchors.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (api.verticalBox(anchors[mid]!).bottom < low) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < anchors.length && i < lo + GUESS_SPAN; i++) {
      const box = api.verticalBox(anchors[i]!);
      if (box.top > high) break;
      if (box.bottom >= low) near.add(anchors[i]!);
    }
  }

  function watchLater(anchors: Element[]): void {
    if (!api || anchors.length === 0) return;
    for (const anchor of anchors) unwatched.push(anchor);
    cancelWatch ??= api.afterNextFrame(() => {
      cancelWatch = null;
      const list = unwatched;
      unwatched = [];
      // Blocks whose marks were all removed meanwhile are not watched.
      for (const anchor of list) if (groups.has(anchor)) observer?.observe(anchor);
    });
  }

  /** Files the batch under its blocks; returns the blocks new in it, in reading order. */
  function record(batch: [T, Element | null][]): Element[] {
    const fresh: Element[] = [];
    for (const [item, anchor] of batch) {
      anchorByItem.set(item, anchor);
      if (!anchor) continue;
      const group = groups.get(anchor);
      if (group) group.add(item);
      else {
        groups.set(anchor, new Set([item]));
        fresh.push(anchor);
      }
    }
    return fresh;
  }

  return {
    add(items) {
      // Marks in one text node share a block: looked up once per node.
      const byNode = new Map<Node, Element | null>();
      const batch = items
        .filter((item) => !anchorByItem.has(item))
        .map((item): [T, Element | null] => {
          const node = item.ranges[0]?.startContainer;
          if (!node) return [item, null];
          let anchor = byNode.get(node);
          if (anchor === undefined) byNode.set(node, (anchor = anchorOf(item)));
          return [item, anchor];
        });
      if (!observer) {
        if (anchorByItem.size + batch.length <= eagerLimit || !api) {
          record(batch);
          return batch.map(([item]) => item);
        }
        // This batch crosses the limit: what is registered already stays until the observer reports on it, and the
        // batch's own marks near the viewport are guessed so they show in the next frame.
        startObserving();
        const fresh = record(batch);
        guessNear(fresh);
        watchLater(fresh);
      } else {
        // Later batches (new content, the rest of a sliced paint) wait for the observer's report: reading boxes
        // right after the page changed would force its layout on our time.
        for (const anchor of record(batch)) observer.observe(anchor);
      }
      return batch.filter(([, anchor]) => !anchor || near.has(anchor)).map(([item]) => item);
    },
    remove(item) {
      const anchor = anchorByItem.get(item);
      if (!anchorByItem.delete(item) || !anchor) return;
      const group = groups.get(anchor);
      if (!group?.delete(item) || group.size > 0) return;
      groups.delete(anchor);
      near.delete(anchor);
      observer?.unobserve(anchor);
    },
    clear() {
      cancelWatch?.();
      cancelWatch = null;
      unwatched = [];
      observer?.disconnect();
      observer = null;
      groups.clear();
      anchorByItem.clear();
      near.clear();
    },
  };
}
