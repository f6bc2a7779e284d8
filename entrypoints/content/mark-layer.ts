import { createHitTester, type NodeLookup } from '@/utils/dom/hit-test';
import { createOverlayPainter, type OverlayPainter } from '@/utils/dom/overlay-painter';
import { createPainter, type HighlightApi, type Painter } from '@/utils/dom/paint-highlights';
import { highlightCss, type MarkGroup, type MarkStyle } from '@/utils/style/highlight-css';
import type { Entry } from './mark-index';

interface MarkLayerDeps {
  doc: Document;
  /** Asks the background to inject our rules for these names as user styles; false where it may not. */
  inject(names: Record<MarkGroup, string>): Promise<boolean>;
  /** Tests inject a fake Custom Highlight API (happy-dom has none). */
  highlightApi?: HighlightApi;
  /** How marks look now (from the reader's settings). */
  look(): MarkStyle;
  /** The marks painted now: a new painter paints them all again. */
  painted(): Iterable<Entry>;
  /** The painted pieces per text node (the hit test reads them). */
  pieces: NodeLookup;
}

/**
 * Puts marks on the page and finds them again under the pointer. Chooses the painter once there is something to
 * paint: the Custom Highlight API with our `::highlight()` rules (injected by the background, else one <style> of
 * ours), or the overlay where that API is missing. Each open shadow root with marks adopts one constructed stylesheet
 * with the same rules while, and only while, it has marks.
 */
interface MarkLayer {
  /**
   * Makes the painter ready for the current look: the same one restyled where it can be, else a new one (new names,
   * rules injected again, every painted mark repainted). Null when `stillCurrent` turned false while waiting.
   */
  ready(stillCurrent: () => boolean): Promise<Painter | null>;
  /** The painter in use, if any (null until the first mark, and after `reset`). */
  readonly painter: Painter | null;
  paint(list: readonly Entry[]): void;
  unpaint(list: readonly Entry[]): void;
  /** The key of the painted mark under the point, or null. */
  hitTest(x: number, y: number): number | null;
  /** Takes every mark off the page (keeps the painter and its rules: a rescan is likely to need them again). */
  clear(): void;
  /** Removes our rules from the page and drops the painter. */
  reset(): void;
}

export function createMarkLayer(deps: MarkLayerDeps): MarkLayer {
  const { doc } = deps;
  let painter: Painter | null = null;
  /** The painter where the Custom Highlight API is missing (see utils/dom/overlay-painter.ts). */
  let overlay: OverlayPainter | null = null;
  let styleElement: HTMLStyleElement | null = null;
  let styleKey = '';
  /** Painted marks per open shadow root they lie in. */
  const shadowMarks = new Map<ShadowRoot, number>();
  let shadowSheet: CSSStyleSheet | null = null;
  const hitTester = createHitTester(() => deps.pieces, { shadowRoots: () => Array.from(shadowMarks.keys()) });

  async function ready(stillCurrent: () => boolean): Promise<Painter | null> {
    const style = deps.look();
    const key = keyOf(style);
    if (painter && key === styleKey) return painter;
    if (overlay && painter === overlay) {
      overlay.setStyle(style);
      styleKey = key;
      return painter;
    }
    if (painter && styleElement) {
      styleElement.textContent = highlightCss(painter.names, { ...style, important: true });
      styleKey = key;
      updateShadowSheet();
      return painter;
    }
    // Injected rules cannot be changed from here: new names, injected again with the new look, everything repainted.
    const next = createPainter(doc, deps.highlightApi ? { api: deps.highlightApi } : {});
    if (!next.supported) {
      // No Custom Highlight API: the same marks drawn in a layer of ours, no rules to inject.
      overlay ??= createOverlayPainter(doc, style);
      overlay.setStyle(style);
      painter = overlay;
      styleKey = key;
      repaintAll(overlay);
      return painter;
    }
    const injected = await deps.inject(next.names);
    if (!stillCurrent()) return null;
    painter?.clear();
    painter = next;
    styleKey = key;
    if (!injected) styleElement = appendHighlightStyle(doc, next.names, style);
    updateShadowSheet();
    repaintAll(next);
    return painter;
  }

  function repaintAll(target: Painter): void {
    const all = Array.from(deps.painted());
    if (all.length > 0) target.paint(all);
  }

  // ---- open shadow roots: rules in the document's scope (our <style>, or the injected user styles) are not
  // guaranteed to reach highlights in a shadow tree, so each one with marks adopts a constructed sheet of ours with
  // the same names and !important rules. No element is added and nothing moves (::highlight() cannot change layout).

  function shadowCss(): string {
    return painter && painter !== overlay ? highlightCss(painter.names, { ...deps.look(), important: true }) : '';
  }

  function updateShadowSheet(): void {
    try {
      shadowSheet?.replaceSync(shadowCss());
    } catch {
      // a page that broke CSSStyleSheet: the document's rules are all there is
    }
  }

  function adoptSheet(shadow: ShadowRoot): void {
    if (painter === overlay) return; // the overlay draws its own boxes: no rules to adopt
    try {
      if (!shadowSheet) {
        const Sheet = doc.defaultView?.CSSStyleSheet;
        if (typeof Sheet !== 'function' || !('adoptedStyleSheets' in shadow)) return;
        shadowSheet = new Sheet();
        shadowSheet.replaceSync(shadowCss());
      }
      const sheets = shadow.adoptedStyleSheets;
      if (!sheets.includes(shadowSheet)) sheets.push(shadowSheet);
    } catch {
      // never into the page
    }
  }

  function unadoptSheet(shadow: ShadowRoot): void {
    try {
      if (!shadowSheet) return;
      const sheets = shadow.adoptedStyleSheets;
      const at = sheets.indexOf(shadowSheet);
      if (at >= 0) sheets.splice(at, 1);
    } catch {
      // never into the page
    }
  }

  function countShadowMarks(entry: Entry, delta: 1 | -1): void {
    for (const shadow of entry.shadows ?? []) {
      const count = (shadowMarks.get(shadow) ?? 0) + delta;
      if (count > 0) {
        if (!shadowMarks.has(shadow)) adoptSheet(shadow);
        shadowMarks.set(shadow, count);
      } else {
        shadowMarks.delete(shadow);
        unadoptSheet(shadow);
      }
    }
  }

  return {
    ready,
    get painter() {
      return painter;
    },
    paint(list) {
      if (list.length === 0) return;
      for (const entry of list) if (entry.shadows) countShadowMarks(entry, 1);
      painter?.paint(list);
    },
    unpaint(list) {
      if (list.length === 0) return;
      for (const entry of list) if (entry.shadows) countShadowMarks(entry, -1);
      painter?.unpaint(list);
    },
    hitTest: (x, y) => hitTester.hitTest(doc, x, y),
    clear() {
      painter?.clear();
      for (const shadow of shadowMarks.keys()) unadoptSheet(shadow);
      shadowMarks.clear();
    },
    reset() {
      styleElement?.remove();
      styleElement = null;
      painter = null;
      styleKey = '';
    },
  };
}

function keyOf(style: MarkStyle): string {
  return `${style.underline?.entity ?? 'default'}|${style.background ? 1 : 0}|${style.scheme ?? 'auto'}`;
}

/**
 * Where the background may not insert user-origin CSS (no host permission: the release build on most sites), one
 * <style> of ours carries the `::highlight()` rules, all `!important`, under this page load's random names. Only ever
 * added on pages that have mentions. Its own inline `display: none !important` keeps it unrendered even where the page
 * says `* { all: unset !important }` (which would otherwise make <head> and <style> text visible).
 */
function appendHighlightStyle(doc: Document, names: Record<MarkGroup, string>, style: MarkStyle): HTMLStyleElement {
  const element = doc.createElement('style');
  element.setAttribute('style', 'display: none !important;');
  element.textContent = highlightCss(names, { ...style, important: true });
  (doc.head ?? doc.documentElement).append(element);
  return element;
}
