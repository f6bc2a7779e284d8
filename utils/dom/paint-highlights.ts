/**
 * Paints mentions with the CSS Custom Highlight API: StaticRanges in one `Highlight` per mark group, registered under
 * names random per page load. The page's DOM is never changed, and `CSS.highlights` holds nothing but ranges. On long
 * pages only the marks near the viewport are registered (utils/dom/viewport-window.ts); the rest wait, painted but
 * unregistered, until the reader scrolls to them.
 */

import type { Mention } from '../model/mention';
import type { Id } from '../model/pack';
import { isHighlightName, markGroupOf, randomHighlightNames, type MarkGroup } from '../style/highlight-css';
import { piecesFor, type CollectedText } from './collect-text';
import { markRangeOf, type MarkRange } from './mark-range';
import { createViewportWindow, defaultViewportApi, type ViewportApi } from './viewport-window';

export interface PaintedMention {
  mention: Mention;
  ranges: readonly MarkRange[];
}

export interface Painter {
  /** Adds marks; painting the same PaintedMention object twice is a no-op. */
  paint(mentions: readonly PaintedMention[]): void;
  /** Removes every mark of these ids (entity, round or figure ids), e.g. after "not this". */
  remove(ids: Iterable<Id>): void;
  /** Removes these painted mentions (cost proportional to the list, not to everything painted). */
  unpaint(mentions: Iterable<PaintedMention>): void;
  /** Removes the marks the test picks, e.g. those on text nodes that changed. */
  removeWhere(test: (painted: PaintedMention) => boolean): void;
  /** Removes every mark and unregisters the highlights. */
  clear(): void;
  readonly names: Record<MarkGroup, string>;
  /** False where the Custom Highlight API is missing: nothing is painted. */
  readonly supported: boolean;
}

/** The parts of the Custom Highlight API the painter uses; injectable for tests. */
export interface HighlightApi {
  registry: Pick<HighlightRegistry, 'set' | 'delete' | 'get'>;
  createHighlight: () => Pick<Highlight, 'add' | 'delete' | 'clear' | 'priority'>;
  /** Defaults to the global `StaticRange`. */
  createRange?: (range: MarkRange) => AbstractRange;
}

interface PainterOptions {
  /** Defaults to the document window's `CSS.highlights` and `Highlight`. */
  api?: HighlightApi;
  /** Defaults to `bs-` plus random characters per group. */
  names?: Record<MarkGroup, string>;
  /**
   * Where marks are registered only near the viewport (see utils/dom/viewport-window.ts). Defaults to the document
   * window's IntersectionObserver; null registers every mark.
   */
  viewport?: ViewportApi | null;
  /** Marks registered eagerly before the viewport window takes over. */
  eagerLimit?: number;
}

/** Figures on top: a number inside a name's span must still show as disputed. */
const PRIORITY: Record<MarkGroup, number> = { entity: 1, talks: 2, figure: 3 };

function defaultApi(doc: Document): HighlightApi | undefined {
  const view = doc.defaultView as (Window & typeof globalThis) | null;
  const registry = view?.CSS?.highlights;
  const HighlightCtor = view?.Highlight;
  if (!registry || typeof HighlightCtor !== 'function') return undefined;
  const StaticRangeCtor = view.StaticRange;
  return {
    registry,
    createHighlight: () => new HighlightCtor(),
    ...(typeof StaticRangeCtor === 'function' && { createRange: (range: MarkRange) => new StaticRangeCtor(range) }),
  };
}

/** Mark ranges for the span `[start, end)` of the collected text: one per text node piece. */
export function rangesFor(collected: CollectedText, start: number, end: number): MarkRange[] {
  return piecesFor(collected, start, end).map(markRangeOf);
}

export function createPainter(doc: Document, options: PainterOptions = {}): Painter {
  // Never throw into the page: names that could not be used in CSS are replaced, not rejected.
  const names =
    options.names && Object.values(options.names).every(isHighlightName)
      ? options.names
      : randomHighlightNames();
  const api = options.api ?? defaultApi(doc);
  const painted = new Set<PaintedMention>();
  /** The StaticRanges registered for a painted mark, made on its first registration. */
  const registered = new Map<PaintedMention, AbstractRange[]>();
  const createRange = api?.createRange ?? ((range: MarkRange) => new StaticRange(range));
  const highlights = new Map<MarkGroup, ReturnType<HighlightApi['createHighlight']>>();

  function highlightFor(group: MarkGroup): ReturnType<HighlightApi['createHighlight']> | undefined {
    let highlight = highlights.get(group);
    if (highlight || !api) return highlight;
    highlight = api.createHighlight();
    highlight.priority = PRIORITY[group];
    // Registered on first use, so pages without mentions get nothing in CSS.highlights.
    api.registry.set(names[group], highlight as Highlight);
    highlights.set(group, highlight);
    return highlight;
  }

  function register(entries: readonly PaintedMention[]): void {
    for (const entry of entries) {
      if (!painted.has(entry)) continue;
      const highlight = highlightFor(markGroupOf(entry.mention.kind));
      if (!highlight) continue;
      let ranges = registered.get(entry);
      if (!ranges) registered.set(entry, (ranges = entry.ranges.map(createRange)));
      for (const range of ranges) highlight.add(range);
    }
  }

  function unregister(entry: PaintedMention): void {
    const highlight = highlights.get(markGroupOf(entry.mention.kind));
    for (const range of registered.get(entry) ?? []) highlight?.delete(range);
  }

  const nearViewport = createViewportWindow<PaintedMention>(
    api ? (options.viewport === undefined ? defaultViewportApi(doc) : options.viewport) : null,
    { enter: register, leave: (entries) => entries.forEach(unregister) },
    options.eagerLimit,
  );

  function unpaint(entry: PaintedMention): void {
    unregister(entry);
    registered.delete(entry);
    painted.delete(entry);
    nearViewport.remove(entry);
  }

  return {
    names,
    supported: api !== undefined,
    paint(mentions) {
      if (!api) return;
      const fresh = mentions.filter((entry) => !painted.has(entry));
      for (const entry of fresh) painted.add(entry);
      register(nearViewport.add(fresh));
    },
    remove(ids) {
      const doomed = new Set(ids);
      for (const entry of Array.from(painted)) if (doomed.has(entry.mention.id)) unpaint(entry);
    },
    unpaint(mentions) {
      for (const entry of mentions) if (painted.has(entry)) unpaint(entry);
    },
    removeWhere(test) {
      for (const entry of Array.from(painted)) if (test(entry)) unpaint(entry);
    },
    clear() {
      painted.clear();
      registered.clear();
      nearViewport.clear();
      for (const [group, highlight] of highlights) {
        highlight.clear();
        // Only our own entry: the page may have replaced it, and then it is not ours to delete.
        if (api?.registry.get(names[group]) === highlight) api.registry.delete(names[group]);
      }
      highlights.clear();
    },
  };
}
