import {
  collectText,
  collectTextFrom,
  composedContains,
  forEachText,
  piecesFor,
  type CollectedText,
} from '@/utils/dom/collect-text';
import { pickArticleRoot } from '@/utils/dom/pick-article-root';
import { readArticleDate } from '@/utils/dom/article-date';
import {
  createPainter,
  markRangeOf,
  type HighlightApi,
  type Painter,
  type PaintedMention,
} from '@/utils/dom/paint-highlights';
import { highlightCss, markStyleOf, type MarkGroup, type MarkStyle } from '@/utils/dom/highlight-css';
import { createHitTester, rafThrottle, type NodeIndex } from '@/utils/dom/hit-test';
import { createOverlayPainter, type OverlayPainter } from '@/utils/dom/overlay-painter';
import { expandToBlocks, watchText, type TextWatcher } from '@/utils/dom/watch-mutations';
import {
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
  /** Epoch ms for the facts' age, the stale warning and rounds whose date passed (utils/clock/clock.ts). */
  now?: () => number;
  /** Schedules the mutation watcher's flush (tests flush synchronously). */
  scheduleWatch?: (run: () => void) => void;
  /**
   * Called once marks are painted: starts a periodic check that the extension is still there, so a reloaded
   * extension's orphaned script removes its marks even if the reader never touches them.
   */
  watchAlive?: () => void;
}

/** A mention found on the page, with its ranges and the text each range covered when it was painted. */
export interface Entry extends PaintedMention {
  texts: string[];
  /** Stable id for the hit tester's index. */
  key: number;
  /** The open shadow roots its ranges lie in (a web component's article), if any. */
  shadows?: ShadowRoot[];
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
  let nextKey = 1;
  /** Every mention found (before settings), and the same by each text node its ranges lie in. */
  const entries = new Set<Entry>();
  const byNode = new Map<Text, Entry[]>();
  /** Painted mentions; by key for the hit tester; in reading order once asked for (cached until they change). */
  const visible = new Set<Entry>();
  const byKey = new Map<number, Entry>();
  let ordered: Entry[] | null = null;
  /** The text each collected node had when it was sent: a "change" to the same text needs no rescan. */
  let scannedData = new WeakMap<Text, string>();
  let localSuppressed = new Set<string>();
  const nodeIndex: NodeIndex = new Map();
  let painter: Painter | null = null;
  /** The painter where the Custom Highlight API is missing (see utils/dom/overlay-painter.ts). */
  let overlay: OverlayPainter | null = null;
  let styleElement: HTMLStyleElement | null = null;
  let styleKey = '';
  /**
   * Painted mentions per open shadow root they lie in. Each such root carries our rules in a constructed stylesheet
   * (adoptedStyleSheets: no element added) while, and only while, it has marks.
   */
  const shadowMarks = new Map<ShadowRoot, number>();
  let shadowSheet: CSSStyleSheet | null = null;
  /** Set once text was read from an open shadow root: walks in reading order then enter shadow roots. */
  let shadowSeen = false;
  let watcher: TextWatcher | null = null;
  let retryTimer: number | undefined;
  let card: CardHost | null = null;
  let cardEntry: Entry | null = null;
  /** Set while a rescan replaces the open card's mention (see `carryCard`). */
  let carrying = false;
  let currentEntry: Entry | null = null;
  let hovered: Entry | null = null;
  /** Marks replaced by a rescan of re-rendered text, to their successors (see `latest`). */
  const replacedBy = new WeakMap<Entry, Entry>();
  let openTimer: number | undefined;
  let closeTimer: number | undefined;
  let lastPointer = { x: 0, y: 0 };
  let cardRequest = 0;
  let listening = false;
  let stopped = false;

  const hitTester = createHitTester(() => nodeIndex, { shadowRoots: () => Array.from(shadowMarks.keys()) });
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
    // Changes made before this collection are in it: the watcher must not report them again as new text.
    watcher?.reset();
    watchShadows(collected);
    const short = collected.text.length < MIN_ARTICLE_CHARS * 8 && collected.text.replace(/\s+/g, ' ').length < MIN_ARTICLE_CHARS;
    if (short) {
      scanned = false;
      return;
    }
    scanned = true;
    date = readArticleDate(doc);
    remember(collected);
    // Sending a long article to the background is a task of its own: the page gets a turn in between.
    if (collected.text.length > 50_000) {
      await new Promise<void>((resolve) => env.setTimeout(resolve, 0));
      if (stopped || gen !== generation) return;
    }
    await scanAndAdd(collected, gen, [], true);
  }

  function remember(collected: CollectedText): void {
    for (const node of collected.nodes) scannedData.set(node, node.data);
  }

  /** Shadow roots the text came from: the mutation observer must look into them too. */
  function watchShadows(collected: CollectedText): void {
    if (!collected.shadowRoots) return;
    shadowSeen = true;
    for (const shadow of collected.shadowRoots) watcher?.observe(shadow);
  }

  /**
   * Scans `collected` and adds its mentions. Marks being replaced (`doomed`: on text the page changed or removed)
   * are dropped in the same step as the new ones are painted, after the answer: an incremental rescan never shows a
   * moment with fewer marks, or two copies.
   */
  async function scanAndAdd(collected: CollectedText, gen: number, doomed: Entry[], first = false): Promise<void> {
    const result =
      collected.text.trim() === ''
        ? null
        : await ask('scan', {
            text: collected.text,
            // New text on a page already found to be about the story is not judged on its own.
            context: { ...(date ? { date } : {}), ...(!first && entries.size > 0 ? { relevant: true as const } : {}) },
          });
    if (stopped || gen !== generation) return;
    // A page that re-renders its text must not close the card the reader is reading: it moves to the same mention
    // in the new text.
    const held = cardEntry && doomed.includes(cardEntry) ? cardEntry : null;
    carrying = held !== null;
    try {
      for (const entry of doomed) dropEntry(entry);
    } finally {
      carrying = false;
    }
    const fresh: Entry[] = [];
    if (result && Array.isArray(result.mentions)) {
      // Each node's text read once (a DOM string read per range adds up on long pages).
      const data = new Map<Text, string>();
      const dataOf = (node: Text) => {
        let text = data.get(node);
        if (text === undefined) data.set(node, (text = node.isConnected ? node.data : ''));
        return text;
      };
      for (const mention of result.mentions) {
        const pieces = piecesFor(collected, mention.start, mention.end);
        if (pieces.length === 0) continue;
        const texts = pieces.map((piece) => dataOf(piece.node).slice(piece.start, piece.end));
        // The page may have changed its text while the background was matching: the text under the ranges must
        // still be what was sent (separators between nodes are whitespace, and line breaks inside a node were sent as
        // spaces, hence the comparison without whitespace when the plain one differs).
        const sent = collected.text.slice(mention.start, mention.end);
        const now = texts.length === 1 ? texts[0]! : texts.join('');
        if (now !== sent && squeeze(now) !== squeeze(sent)) continue;
        // Never two marks for one mention, whatever order scans finish in.
        const at = pieces[0]!;
        if (byNode.get(at.node)?.some((e) => e.mention.id === mention.id && e.ranges[0]!.startOffset === at.start)) continue;
        const entry: Entry = { mention, ranges: pieces.map(markRangeOf), texts, key: nextKey++ };
        if (collected.shadowRoots) {
          const shadows = shadowRootsOf(pieces.map((piece) => piece.node));
          if (shadows.length > 0) entry.shadows = shadows;
        }
        fresh.push(entry);
      }
    }
    for (const entry of fresh) addEntry(entry);
    if (settings?.markMode === 'first') await applyFilter(first);
    else await showMany(fresh.filter(passes), first);
    if (doomed.length > 0) noteReplacements(doomed, fresh);
    if (held && cardEntry === held) carryCard(held);
    // A mark the pointer rests on, waiting out the hover intent, follows into the new text too: the card still opens.
    if (hovered && !visible.has(hovered)) hovered = latest(hovered);
  }

  /**
   * Records each replaced mark's successor among `fresh`: the same thing, same words, same place among its
   * namesakes.
   */
  function noteReplacements(doomed: Entry[], fresh: Entry[]): void {
    const groupKey = (e: Entry) => `${e.mention.id}\u0000${e.mention.text}`;
    const successors = new Map<string, Entry[]>();
    for (const e of fresh) {
      if (!visible.has(e)) continue;
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
  }

  /** The mark `entry` is now: itself while painted, else its latest replacement, or null when it is gone. */
  function latest(entry: Entry): Entry | null {
    let e: Entry | undefined = entry;
    for (let hops = 0; e && !visible.has(e) && hops < 64; hops++) e = replacedBy.get(e);
    return e && visible.has(e) ? e : null;
  }

  function carryCard(old: Entry): void {
    const next = latest(old);
    if (!next) {
      closeCard();
      return;
    }
    cardEntry = next;
    if (currentEntry === old) currentEntry = next;
    if (hovered === old) hovered = next;
  }

  function addEntry(entry: Entry): void {
    entries.add(entry);
    for (const range of entry.ranges) {
      const node = range.startContainer as Text;
      const list = byNode.get(node);
      if (list) list.push(entry);
      else byNode.set(node, [entry]);
    }
  }

  function dropEntry(entry: Entry): void {
    if (!entries.delete(entry)) return;
    for (const range of entry.ranges) {
      const node = range.startContainer as Text;
      const list = byNode.get(node)?.filter((e) => e !== entry);
      if (list && list.length > 0) byNode.set(node, list);
      else byNode.delete(node);
    }
    hide([entry]);
  }

  /** Entries on the text nodes inside `node` (itself included). Walks detached subtrees too. */
  function entriesUnder(node: Node, out: Set<Entry>): void {
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
      shadowSeen,
    );
  }

  /**
   * The watcher's batch: marks on removed text go; blocks with new or really changed text are collected again and
   * only they are sent to the background (same date context). Cost follows the size of the change, not the page.
   */
  function onTextChange(added: Node[], changed: Text[], removed: Node[], skipCache = new Map<Element, boolean>()): void {
    if (stopped || !settings?.active) return;
    if (!scanned || !root || !root.isConnected) {
      scheduleRetry();
      return;
    }
    const scope = root;
    const doomed = new Set<Entry>();
    for (const node of removed) entriesUnder(node, doomed);
    const touched: Node[] = [];
    const inside = (node: Node) => (shadowSeen ? composedContains(scope, node) : scope.contains(node));
    for (const text of changed) if (scannedData.get(text) !== text.data && inside(text)) touched.push(text);
    for (const node of added) if (inside(node)) touched.push(node);
    const blocks = touched.length > 0 ? expandToBlocks(touched, scope) : [];
    for (const block of blocks) entriesUnder(block, doomed);
    const gen = generation;
    if (blocks.length === 0) {
      if (doomed.size > 0) for (const entry of doomed) dropEntry(entry);
      return;
    }
    const collected = collectTextFrom(blocks, { exclude, maxChars: MAX_ARTICLE_CHARS, skipCache });
    remember(collected);
    watchShadows(collected);
    void enqueue(() => scanAndAdd(collected, gen, Array.from(doomed)));
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
    watcher = watchText(doc.body, (added, changed, removed, skipCache) => onTextChange(added, changed, removed, skipCache), {
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
    return settings ? markStyleOf(settings) : {};
  }

  function keyOf(style: MarkStyle): string {
    return `${style.underline?.entity ?? 'default'}|${style.background ? 1 : 0}|${style.scheme ?? 'auto'}`;
  }

  /** Creates the painter and gets our `::highlight()` rules into the page: only once there is something to paint. */
  async function ensurePainter(): Promise<Painter | null> {
    const style = markStyle();
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
    const next = createPainter(doc, env.highlightApi ? { api: env.highlightApi } : {});
    if (!next.supported) {
      // No Custom Highlight API: the same marks drawn in a layer of ours, no rules to inject.
      overlay ??= createOverlayPainter(doc, style);
      overlay.setStyle(style);
      painter = overlay;
      styleKey = key;
      if (visible.size > 0) overlay.paint(Array.from(visible));
      return painter;
    }
    const gen = generation;
    const injected = await ask('inject-styles', { names: next.names });
    if (stopped || gen !== generation) return null;
    painter?.clear();
    painter = next;
    styleKey = key;
    if (!injected?.ok) styleElement = appendHighlightStyle(doc, next.names, style);
    updateShadowSheet();
    if (visible.size > 0) next.paint(Array.from(visible));
    return painter;
  }

  // ---- marks inside open shadow roots -----------------------------------------------------------------------------

  /**
   * Rules in the document's scope (our <style>, or the injected user styles) are not guaranteed to reach highlights
   * in a shadow tree: each open shadow root with marks adopts one constructed stylesheet of ours with the same names
   * and !important rules. No element is added and nothing moves (::highlight() cannot change layout).
   */
  function shadowCss(): string {
    return painter && painter !== overlay ? highlightCss(painter.names, { ...markStyle(), important: true }) : '';
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

  function clearShadowMarks(): void {
    for (const shadow of shadowMarks.keys()) unadoptSheet(shadow);
    shadowMarks.clear();
  }

  function passes(entry: Entry): boolean {
    const s = settings;
    if (!s?.active) return false;
    const { kind, id } = entry.mention;
    return s.kinds.includes(kind) && !s.suppressed.includes(id) && !localSuppressed.has(id);
  }

  /** Reading order of `list`: one walk over the article's text nodes, then a sort on (node position, offset). */
  function inReadingOrder(list: Iterable<Entry>): Entry[] {
    const position = new Map<Node, number>();
    if (root) {
      let i = 0;
      forEachText(
        root,
        (node) => {
          if (byNode.has(node)) position.set(node, i++);
        },
        shadowSeen,
      );
    }
    const at = (e: Entry) => position.get(e.ranges[0]!.startContainer) ?? Number.MAX_SAFE_INTEGER;
    return Array.from(list).sort((a, b) => at(a) - at(b) || a.ranges[0]!.startOffset - b.ranges[0]!.startOffset || a.key - b.key);
  }

  function orderedVisible(): Entry[] {
    ordered ??= inReadingOrder(visible);
    return ordered;
  }

  /** Settings or suppressions changed (or "first mention only" needs the whole picture): recompute what is shown. */
  async function applyFilter(sliced = false): Promise<void> {
    let target: Entry[];
    if (settings?.markMode === 'first') {
      const seen = new Set<string>();
      target = inReadingOrder(Array.from(entries).filter(passes)).filter((e) => {
        const key = `${e.mention.kind === 'figure' ? 'figure' : 'thing'}:${e.mention.id}`;
        if (seen.has(key)) return false;
        seen.add(key);
        return true;
      });
    } else {
      target = Array.from(entries).filter(passes);
    }
    const keep = new Set(target);
    hide(Array.from(visible).filter((e) => !keep.has(e)));
    await showMany(target.filter((e) => !visible.has(e)), sliced);
  }

  function hide(list: Entry[]): void {
    if (list.length === 0) return;
    const gone: Entry[] = [];
    for (const entry of list) {
      if (!visible.delete(entry)) continue;
      gone.push(entry);
      byKey.delete(entry.key);
      if (entry.shadows) countShadowMarks(entry, -1);
      for (const range of entry.ranges) {
        const node = range.startContainer as Text;
        const pieces = nodeIndex.get(node)?.filter((p) => p.mentionIndex !== entry.key);
        if (pieces && pieces.length > 0) nodeIndex.set(node, pieces);
        else nodeIndex.delete(node);
      }
      if (entry === cardEntry && !carrying) closeCard();
    }
    if (gone.length === 0) return;
    ordered = null;
    painter?.unpaint(gone);
  }

  /** Paints `list`; a long first paint is sliced over several tasks so the page stays responsive. */
  async function showMany(list: Entry[], sliced: boolean): Promise<void> {
    if (stopped || list.length === 0) return;
    const gen = generation;
    const p = await ensurePainter();
    if (!p || stopped || gen !== generation) return;
    for (let at = 0; at < list.length; at += PAINT_SLICE) {
      if (at > 0) {
        if (!sliced) continue;
        await new Promise<void>((resolve) => env.setTimeout(resolve, 0));
        if (stopped || gen !== generation || painter !== p) return;
      }
      const slice = sliced ? list.slice(at, at + PAINT_SLICE) : list;
      for (const entry of slice) {
        if (!entries.has(entry) || visible.has(entry)) continue;
        visible.add(entry);
        byKey.set(entry.key, entry);
        if (entry.shadows) countShadowMarks(entry, 1);
        for (const range of entry.ranges) {
          const node = range.startContainer as Text;
          const piece = { start: range.startOffset, end: range.endOffset, mentionIndex: entry.key };
          const pieces = nodeIndex.get(node);
          if (pieces) pieces.push(piece);
          else nodeIndex.set(node, [piece]);
        }
      }
      ordered = null;
      p.paint(slice);
      if (!sliced) break;
    }
    startListening();
  }

  /** Forgets every mark (keeps the painter and its rules: a rescan is likely to need them again). */
  function forgetMarks(): void {
    entries.clear();
    byNode.clear();
    visible.clear();
    byKey.clear();
    nodeIndex.clear();
    ordered = null;
    scannedData = new WeakMap();
    painter?.clear();
    clearShadowMarks();
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
      onRefresh: () => void ask('show-freshness', {}),
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
    hide(Array.from(visible).filter((e) => e.mention.id === id));
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
    if (stopped || ticket !== cardRequest || !data) return false;
    // The page may have re-rendered the mention while the card was on its way.
    const shown = latest(entry);
    if (!shown) return false;
    entry = shown;
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
    const key = hitTester.hitTest(doc, x, y);
    const hit = key === null ? null : (byKey.get(key) ?? null);
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
        // `hovered` follows the mark if the page re-rendered it during the intent.
        const target = hovered ?? latest(hit);
        if (!target) return;
        currentEntry = target;
        void openCard(target, { focus: false });
      }, OPEN_DELAY_MS);
    }
  });

  function startListening(): void {
    if (listening || stopped || visible.size === 0) return;
    listening = true;
    env.watchAlive?.();
    const options = { passive: true, capture: true, signal } as const;
    doc.addEventListener(
      'pointermove',
      (e) => {
        try {
          // Only the reader's own pointer: a page can dispatch synthetic pointermove events to open cards.
          if (!e.isTrusted) return;
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
        // A synthetic Escape from the page must not close the reader's card.
        if (e.isTrusted && e.key === 'Escape' && card?.isOpen()) closeCard();
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
    // New underline or tint: only where something is painted already (never a first <style> on a page without marks).
    if (painter) await ensurePainter();
    await applyFilter();
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
      const list = orderedVisible();
      const byKind: PageMentions['byKind'] = {};
      for (const e of list) byKind[e.mention.kind] = (byKind[e.mention.kind] ?? 0) + 1;
      const items = list
        .slice(0, 500)
        .map((e, index) => ({ index, kind: e.mention.kind, label: e.mention.label, text: e.mention.text }));
      return { total: list.length, site: location.hostname, byKind, items };
    },
    async showMention(index) {
      const entry = Number.isInteger(index) ? orderedVisible()[index] : undefined;
      return entry ? goTo(entry) : false;
    },
    visible: orderedVisible,
    current: () => (currentEntry && visible.has(currentEntry) ? currentEntry : null),
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
    const list = orderedVisible();
    const position = list.indexOf(entry);
    currentEntry = entry;
    const first = entry.ranges[0];
    if (first) scrollRangeIntoView(first);
    const announce = `${entry.mention.label}, ${KIND_WORD[entry.mention.kind] ?? entry.mention.kind}, ${position + 1} of ${list.length}`;
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

/** The distinct open shadow roots these text nodes lie in (none for text in the document's own tree). */
function shadowRootsOf(nodes: readonly Node[]): ShadowRoot[] {
  const out: ShadowRoot[] = [];
  for (const node of nodes) {
    const root = node.getRootNode();
    if (root.nodeType === 11 && !out.includes(root as ShadowRoot)) out.push(root as ShadowRoot);
  }
  return out;
}

function squeeze(text: string): string {
  return text.replace(/\s+/g, '');
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
