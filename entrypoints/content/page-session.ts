import { collectText, collectTextFrom, type CollectedText } from '@/utils/dom/collect-text';
import { pickArticleRoot } from '@/utils/dom/pick-article-root';
import { readArticleDate } from '@/utils/dom/article-date';
import {
  createPainter,
  rangesFor,
  type HighlightApi,
  type Painter,
  type PaintedMention,
} from '@/utils/dom/paint-highlights';
import { highlightCss, type MarkGroup, type MarkStyle } from '@/utils/dom/highlight-css';
import { createHitTester, rafThrottle, type NodeIndex } from '@/utils/dom/hit-test';
import { expandToBlocks, watchText, type TextWatcher } from '@/utils/dom/watch-mutations';
import {
  compareRangeStarts,
  isStillValid,
  nextMentionIndex,
  scrollRangeIntoView,
  type Direction,
} from '@/utils/dom/scroll-to-range';
import type { MentionKind } from '@/utils/model/mention';
import type { ContentRequests, ContentType, Reply, TabRequests } from '@/utils/messaging/protocol';
import type { PageSettings } from '@/utils/messaging/views';
import { createCardHost, HOST_TAG, type CardHost } from './card-host';

/** Pages with less text than this are not articles: we send nothing and touch nothing. */
const MIN_ARTICLE_CHARS = 200;
/** Endless or hostile pages stay bounded: text beyond this is not collected. */
const MAX_ARTICLE_CHARS = 2_000_000;
/** Hover intent before a card opens, and grace before it closes (WCAG 1.4.13: the card must be hoverable). */
export const OPEN_DELAY_MS = 250;
export const CLOSE_DELAY_MS = 300;
/** Marks painted per slice on the first paint; the rest wait for the next task so no long task blocks the page. */
const PAINT_SLICE = 300;
/** A page that was too short to scan is looked at again at most this often while it grows. */
const RETRY_SCAN_MS = 1000;

type Req<K extends ContentType> = ContentRequests[K] extends { req: infer R } ? R : never;
/** Asks the background; resolves null instead of throwing (closed worker, reloaded extension, malformed answer). */
export type Ask = <K extends ContentType>(type: K, req: Req<K>) => Promise<Reply<ContentRequests, K> | null>;

export interface SessionEnv {
  doc: Document;
  ask: Ask;
  /** Aborted when the extension is reloaded or the script replaced: everything stops and is removed. */
  signal: AbortSignal;
  setTimeout(fn: () => void, ms: number): number;
  clearTimeout(id: number | undefined): void;
  /** Tests inject a fake Custom Highlight API (happy-dom has none). */
  highlightApi?: HighlightApi;
  /** Epoch ms for the stale warning. */
  now?: () => number;
  /** Schedules the mutation watcher's flush (tests flush synchronously). */
  scheduleWatch?: (run: () => void) => void;
}

/** A mention found on the page, with its ranges and the text each range covered when it was painted. */
export interface Entry extends PaintedMention {
  texts: string[];
}

export type PageMentions = TabRequests['page-mentions']['res'];

export interface PageSession {
  /** Asks for page settings and scans (or does nothing at all on inactive sites). */
  start(): Promise<void>;
  /** Settings, suppressions or the KB changed: ask again and repaint. */
  settingsChanged(): Promise<void>;
  /** Same-document navigation: forget the old marks and scan the new content. */
  rescan(): Promise<void>;
  counts(): PageMentions;
  showMention(index: number): Promise<boolean>;
  /** The painted mentions in reading order (what the popup lists and navigation walks). */
  visible(): readonly Entry[];
  /** The mention whose card is open or was navigated to last. */
  current(): Entry | null;
  openCard(entry: Entry, options: { focus: boolean; announce?: string }): Promise<boolean>;
  /** Scrolls to the mention, opens its card with focus inside and announces it (keyboard and popup paths). */
  goTo(entry: Entry): Promise<boolean>;
  closeCard(): void;
  /** Resolves when queued scans have been painted (tests, benchmarks). */
  idle(): Promise<void>;
  stop(): void;
}

const KIND_WORD: Record<MentionKind, string> = {
  person: 'person',
  org: 'organisation',
  place: 'place',
  event: 'event',
  term: 'term',
  talks: 'the talks',
  round: 'round of talks',
  figure: 'disputed figure',
};

function isOurHost(el: Element): boolean {
  return el.localName === HOST_TAG;
}

/**
 * The content script's work on one page: settings, scanning (full, then incremental as the page changes), painting,
 * hover and keyboard cards. Adds nothing to the page until the background has found a mention. Never throws.
 */
export function createPageSession(env: SessionEnv): PageSession {
  const { doc, ask, signal } = env;
  const now = env.now ?? (() => Date.now());

  let settings: PageSettings | null = null;
  let root: Element | null = null;
  let date: string | undefined;
  /** True once a full scan sent the article's text; until then the watcher only waits for the page to grow. */
  let scanned = false;
  /** Bumped by every full scan and teardown: answers to older requests are dropped. */
  let generation = 0;
  let queue: Promise<void> = Promise.resolve();
  let entries: Entry[] = [];
  let shown: Entry[] = [];
  let localSuppressed = new Set<string>();
  let nodeIndex: NodeIndex = new Map();
  let painter: Painter | null = null;
  let styleElement: HTMLStyleElement | null = null;
  let styleKey = '';
  let stylesInjected = false;
  let watcher: TextWatcher | null = null;
  let retryTimer: number | undefined;
  let paintTimer: number | undefined;
  let card: CardHost | null = null;
  let cardEntry: Entry | null = null;
  let currentEntry: Entry | null = null;
  let hovered: Entry | null = null;
  let openTimer: number | undefined;
  let closeTimer: number | undefined;
  let lastPointer = { x: 0, y: 0 };
  let cardRequest = 0;
  let listening = false;
  let stopped = false;

  const hitTester = createHitTester(() => nodeIndex);
  const exclude = isOurHost;

  // ---- scanning ---------------------------------------------------------------------------------------------------

  function enqueue(task: () => Promise<void>): Promise<void> {
    queue = queue.then(task).catch(() => {});
    return queue;
  }

  async function fullScan(): Promise<void> {
    const gen = ++generation;
    env.clearTimeout(retryTimer);
    retryTimer = undefined;
    forgetMarks();
    root = pickArticleRoot(doc);
    const collected = collectText(root, { exclude, maxChars: MAX_ARTICLE_CHARS });
    if (collected.text.replace(/\s+/g, ' ').length < MIN_ARTICLE_CHARS) {
      scanned = false;
      return;
    }
    scanned = true;
    date = readArticleDate(doc);
    await scanAndAdd(collected, gen, true);
  }

  /**
   * Scans `collected` and adds its mentions. The repaint happens once, after the answer: marks on text the page has
   * just replaced stay registered until then (they paint nothing, their nodes being gone or checked below), so an
   * incremental rescan never shows a moment with fewer marks or two copies.
   */
  async function scanAndAdd(collected: CollectedText, gen: number, sorted: boolean, repaint = false): Promise<void> {
    const result = collected.text.trim() === '' ? null : await ask('scan', { text: collected.text, context: date ? { date } : {} });
    if (stopped || gen !== generation) return;
    if (!result || !Array.isArray(result.mentions)) {
      if (repaint) await refresh(false);
      return;
    }
    const fresh: Entry[] = [];
    for (const mention of result.mentions) {
      const ranges = rangesFor(collected, mention.start, mention.end);
      if (ranges.length === 0) continue;
      const texts = ranges.map((r) => (r.startContainer as Text).data.slice(r.startOffset, r.endOffset));
      fresh.push({ mention, ranges, texts });
    }
    // The page may have changed its text while the background was matching.
    const valid = fresh.filter(stillValid);
    if (valid.length === 0 && !repaint) return;
    if (sorted && entries.length === 0) entries = valid;
    else for (const entry of valid) insertInOrder(entry);
    await refresh(true);
  }

  /** Keeps `entries` in reading order: incremental scans find text anywhere in the page. */
  function insertInOrder(entry: Entry): void {
    const first = entry.ranges[0];
    if (!first) return;
    let low = 0;
    let high = entries.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      const other = entries[mid]?.ranges[0];
      if (other && compareRangeStarts(other, first) <= 0) low = mid + 1;
      else high = mid;
    }
    entries.splice(low, 0, entry);
  }

  function stillValid(entry: Entry): boolean {
    return entry.ranges.every((range, i) => isStillValid(range, entry.texts[i] ?? ''));
  }

  /** The watcher's batch: drop marks on changed or removed text, then scan only the new or changed blocks. */
  function onTextChange(added: Node[], changed: Text[]): void {
    if (stopped || !settings?.active) return;
    if (!scanned || !root || !root.isConnected) {
      scheduleRetry();
      return;
    }
    const scope = root;
    const touched = [...added, ...changed].filter((node) => scope.contains(node));
    const blocks = touched.length > 0 ? expandToBlocks(touched, scope) : [];
    const blockSet = new Set<Node>(blocks);
    const insideBlocks = (node: Node): boolean => {
      for (let current: Node | null = node; current && current !== scope; current = current.parentNode) {
        if (blockSet.has(current)) return true;
      }
      return blockSet.has(scope);
    };
    const before = entries.length;
    entries = entries.filter((e) => stillValid(e) && !(blocks.length > 0 && insideBlocks(e.ranges[0]!.startContainer)));
    const gen = generation;
    if (blocks.length === 0) {
      if (entries.length !== before) void enqueue(() => refresh(false));
      return;
    }
    const collected = collectTextFrom(blocks, { exclude, maxChars: MAX_ARTICLE_CHARS });
    void enqueue(() => scanAndAdd(collected, gen, false, entries.length !== before));
  }

  function scheduleRetry(): void {
    if (retryTimer !== undefined) return;
    retryTimer = env.setTimeout(() => {
      retryTimer = undefined;
      if (!stopped && settings?.active) void enqueue(fullScan);
    }, RETRY_SCAN_MS);
  }

  function startWatching(): void {
    if (watcher || !doc.body) return;
    watcher = watchText(doc.body, (added, changed) => onTextChange(added, changed), {
      exclude,
      ...(env.scheduleWatch && { schedule: env.scheduleWatch }),
    });
  }

  function stopWatching(): void {
    watcher?.disconnect();
    watcher = null;
  }

  // ---- painting ---------------------------------------------------------------------------------------------------

  function markStyle(): MarkStyle {
    const s = settings;
    const underline = s && s.underline !== 'default' ? s.underline : undefined;
    return {
      ...(underline && { underline: { entity: underline, talks: underline, figure: underline } }),
      background: Boolean(s?.tint),
    };
  }

  function keyOf(style: MarkStyle): string {
    return `${style.underline?.entity ?? 'default'}|${style.background ? 1 : 0}`;
  }

  /** Creates the painter and gets our `::highlight()` rules into the page: only once there is something to paint. */
  async function ensurePainter(): Promise<Painter | null> {
    const style = markStyle();
    const key = keyOf(style);
    if (painter && key === styleKey) return painter;
    if (painter && styleElement) {
      styleElement.textContent = highlightCss(painter.names, { ...style, important: true });
      styleKey = key;
      return painter;
    }
    // Injected rules cannot be changed from here: new names, injected again with the new look.
    painter?.clear();
    const next = createPainter(doc, env.highlightApi ? { api: env.highlightApi } : {});
    if (!next.supported) return null;
    const gen = generation;
    const injected = await ask('inject-styles', { names: next.names });
    if (stopped || gen !== generation) return null;
    painter = next;
    styleKey = key;
    stylesInjected = Boolean(injected?.ok);
    if (!stylesInjected) styleElement = appendHighlightStyle(doc, next.names, style);
    return painter;
  }

  function filterVisible(): Entry[] {
    const s = settings;
    if (!s?.active) return [];
    const kinds = new Set(s.kinds);
    const suppressed = new Set([...s.suppressed, ...localSuppressed]);
    const seen = new Set<string>();
    const out: Entry[] = [];
    for (const entry of entries) {
      const { kind, id } = entry.mention;
      if (!kinds.has(kind) || suppressed.has(id)) continue;
      if (s.markMode === 'first') {
        const key = `${kind === 'figure' ? 'figure' : 'thing'}:${id}`;
        if (seen.has(key)) continue;
        seen.add(key);
      }
      out.push(entry);
    }
    return out;
  }

  /** Recomputes what is shown (settings, suppressions, validity) and paints the difference. */
  async function refresh(sliced: boolean): Promise<void> {
    if (stopped) return;
    entries = entries.filter((e) => e.ranges[0]?.startContainer.isConnected);
    const next = filterVisible();
    const gen = generation;
    if (next.length > 0 && !(await ensurePainter())) return;
    if (stopped || gen !== generation) return;
    shown = next;
    rebuildIndex();
    if (cardEntry && !shown.includes(cardEntry)) closeCard();
    if (!painter) return;
    const keep = new Set<PaintedMention>(shown);
    painter.removeWhere((p) => !keep.has(p));
    env.clearTimeout(paintTimer);
    if (!sliced || shown.length <= PAINT_SLICE) {
      painter.paint(shown);
    } else {
      // A long article: paint the first slice now and the rest in later tasks, so the page stays responsive.
      const all = shown;
      const p = painter;
      let at = 0;
      await new Promise<void>((done) => {
        const step = () => {
          if (stopped || gen !== generation || shown !== all) return done();
          p.paint(all.slice(at, at + PAINT_SLICE));
          at += PAINT_SLICE;
          if (at < all.length) paintTimer = env.setTimeout(step, 0);
          else done();
        };
        step();
      });
    }
    startListening();
  }

  function rebuildIndex(): void {
    const index: NodeIndex = new Map();
    shown.forEach((entry, mentionIndex) => {
      for (const range of entry.ranges) {
        const node = range.startContainer as Text;
        let list = index.get(node);
        if (!list) index.set(node, (list = []));
        list.push({ start: range.startOffset, end: range.endOffset, mentionIndex });
      }
    });
    nodeIndex = index;
  }

  /** Forgets every mark (keeps the painter and its rules: a rescan is likely to need them again). */
  function forgetMarks(): void {
    env.clearTimeout(paintTimer);
    entries = [];
    shown = [];
    nodeIndex = new Map();
    painter?.clear();
    if (card?.isOpen()) closeCard();
    currentEntry = null;
  }

  /** Inactive now: remove everything we added to the page. */
  function teardown(): void {
    generation++;
    stopWatching();
    env.clearTimeout(retryTimer);
    retryTimer = undefined;
    forgetMarks();
    scanned = false;
    styleElement?.remove();
    styleElement = null;
    painter = null;
    styleKey = '';
    card?.destroy();
    card = null;
  }

  // ---- cards ------------------------------------------------------------------------------------------------------

  function ensureCard(): CardHost {
    card ??= createCardHost(doc, {
      onPointerEnter: () => env.clearTimeout(closeTimer),
      onPointerLeave: () => scheduleClose(),
      onClose: () => closeCard(),
      onNotThis: () => void notThis(),
    });
    return card;
  }

  async function notThis(): Promise<void> {
    const entry = cardEntry;
    if (!entry) return;
    const id = entry.mention.id;
    closeCard();
    // Gone from this page at once; the background stores it for the site and tells every tab.
    localSuppressed.add(id);
    await refresh(false);
    await ask('not-this', { id });
  }

  function closeCard(): void {
    env.clearTimeout(openTimer);
    env.clearTimeout(closeTimer);
    cardRequest++;
    cardEntry = null;
    card?.hide();
  }

  function scheduleClose(): void {
    env.clearTimeout(closeTimer);
    closeTimer = env.setTimeout(() => {
      if (hovered === null || hovered !== cardEntry) closeCard();
    }, CLOSE_DELAY_MS);
  }

  async function openCard(entry: Entry, options: { focus: boolean; announce?: string }): Promise<boolean> {
    if (stopped || !settings) return false;
    const ticket = ++cardRequest;
    const { mention } = entry;
    const data = await ask('card', {
      kind: mention.kind,
      id: mention.id,
      ...(mention.claimId && { claimId: mention.claimId }),
      ...(mention.value !== undefined && { value: mention.value }),
      ...(date && { date }),
    });
    if (stopped || ticket !== cardRequest || !data || !shown.includes(entry)) return false;
    cardEntry = entry;
    const host = ensureCard();
    host.show(data, anchorRect(doc, entry, lastPointer), {
      focus: options.focus,
      theme: settings.theme,
      staleAfterDays: settings.staleAfterDays,
      now: now(),
    });
    if (options.announce) host.announce(options.announce);
    return true;
  }

  // ---- pointer and keys -------------------------------------------------------------------------------------------

  const onMove = rafThrottle((x: number, y: number) => {
    if (stopped) return;
    lastPointer = { x, y };
    const index = hitTester.hitTest(doc, x, y);
    const hit = index === null ? null : (shown[index] ?? null);
    if (hit === hovered) return;
    hovered = hit;
    env.clearTimeout(openTimer);
    if (hit === null) {
      if (cardEntry) scheduleClose();
      return;
    }
    env.clearTimeout(closeTimer);
    if (hit !== cardEntry) {
      openTimer = env.setTimeout(() => {
        currentEntry = hit;
        void openCard(hit, { focus: false });
      }, OPEN_DELAY_MS);
    }
  });

  function startListening(): void {
    if (listening || stopped || shown.length === 0) return;
    listening = true;
    const options = { passive: true, capture: true, signal } as const;
    doc.addEventListener(
      'pointermove',
      (e) => {
        try {
          if (card?.contains(e.target)) {
            // Inside the card (WCAG 1.4.13 hoverable): it stays.
            onMove.cancel();
            env.clearTimeout(closeTimer);
            env.clearTimeout(openTimer);
            hovered = cardEntry;
            return;
          }
          onMove(e.clientX, e.clientY);
        } catch {
          // never into the page
        }
      },
      options,
    );
    doc.addEventListener(
      'keydown',
      (e) => {
        if (e.key === 'Escape' && card?.isOpen()) closeCard();
      },
      options,
    );
  }

  // ---- settings ---------------------------------------------------------------------------------------------------

  async function applySettings(): Promise<void> {
    const next = await ask('page-settings', {});
    if (stopped || !next || typeof next !== 'object') return;
    const wasActive = Boolean(settings?.active);
    settings = next;
    if (!next.active) {
      if (wasActive || scanned) teardown();
      return;
    }
    // Suppressions now come from the background: the local ones were only for the moment between.
    localSuppressed = new Set();
    if (!wasActive) {
      startWatching();
      await fullScan();
      return;
    }
    await refresh(false);
  }

  signal.addEventListener('abort', () => session.stop(), { once: true });

  const session: PageSession = {
    start: () => enqueue(applySettings),
    settingsChanged: () => enqueue(applySettings),
    rescan: () =>
      enqueue(async () => {
        if (settings?.active) await fullScan();
      }),
    counts() {
      const byKind: PageMentions['byKind'] = {};
      for (const e of shown) byKind[e.mention.kind] = (byKind[e.mention.kind] ?? 0) + 1;
      const items = shown
        .slice(0, 500)
        .map((e, index) => ({ index, kind: e.mention.kind, label: e.mention.label, text: e.mention.text }));
      return { total: shown.length, byKind, items };
    },
    async showMention(index) {
      const entry = shown[index];
      if (!entry || !Number.isInteger(index)) return false;
      return goTo(entry);
    },
    visible: () => shown,
    current: () => (currentEntry && shown.includes(currentEntry) ? currentEntry : null),
    openCard,
    goTo,
    closeCard,
    idle: async () => {
      let last: Promise<void>;
      do {
        last = queue;
        await last;
      } while (last !== queue);
    },
    stop() {
      if (stopped) return;
      try {
        teardown();
        onMove.cancel();
      } catch {
        // never into the page
      }
      stopped = true;
    },
  };

  async function goTo(entry: Entry): Promise<boolean> {
    const position = shown.indexOf(entry);
    currentEntry = entry;
    const first = entry.ranges[0];
    if (first) scrollRangeIntoView(first);
    const announce = `${entry.mention.label}, ${KIND_WORD[entry.mention.kind] ?? entry.mention.kind}, ${position + 1} of ${shown.length}`;
    // Smooth scrolling moves the mark: place the card once it has arrived.
    await new Promise((r) => env.setTimeout(() => r(undefined), prefersInstantScroll(doc) ? 0 : 350));
    return openCard(entry, { focus: true, announce });
  }

  return session;
}

/**
 * The keyboard path (the `navigate` command): moves to the next (1) or previous (-1) painted mention in reading
 * order, wrapping around, scrolls it into view, opens its card with focus inside and announces it in a live region
 * ("Abbas Araghchi, person, 3 of 12"). Resolves false when there is nothing to go to.
 */
export async function navigateMentions(session: PageSession, direction: Direction): Promise<boolean> {
  const list = session.visible();
  const order = list.map((_, i) => i);
  const current = session.current();
  const next = nextMentionIndex(order, current ? list.indexOf(current) : null, direction);
  const entry = next === null ? undefined : list[next];
  if (!entry) return false;
  return session.goTo(entry);
}

function prefersInstantScroll(doc: Document): boolean {
  try {
    return doc.defaultView?.matchMedia?.('(prefers-reduced-motion: reduce)').matches ?? true;
  } catch {
    return true;
  }
}

/** The client rect of the mention piece under the pointer (a mention may wrap over lines), else its first one. */
function anchorRect(doc: Document, entry: Entry, pointer: { x: number; y: number }): DOMRect {
  const fallback = new DOMRect(pointer.x, pointer.y, 0, 0);
  let best: DOMRect | undefined;
  try {
    for (const range of entry.ranges) {
      const live = doc.createRange();
      live.setStart(range.startContainer, range.startOffset);
      live.setEnd(range.endContainer, range.endOffset);
      for (const rect of Array.from(live.getClientRects())) {
        best ??= rect;
        if (pointer.x >= rect.left && pointer.x <= rect.right && pointer.y >= rect.top && pointer.y <= rect.bottom) {
          return rect;
        }
      }
      live.detach();
    }
  } catch {
    // detached nodes: the pointer position will do
  }
  return best ?? fallback;
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
