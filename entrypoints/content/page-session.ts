import { makeT, type Translate } from '@/components/ui/i18n';
import type { CollectedText } from '@/utils/dom/collect-text';
import type { HighlightApi } from '@/utils/dom/paint-highlights';
import { nextMentionIndex, type Direction } from '@/utils/dom/scroll-to-range';
import type { ContentRequests, ContentType, Reply, TabRequests } from '@/utils/messaging/protocol';
import type { PageSettings } from '@/utils/messaging/views';
import { markStyleOf } from '@/utils/style/highlight-css';
import { createHoverCard } from './hover-card';
import { createMarkFilter } from './mark-filter';
import { createMarkIndex, type Entry } from './mark-index';
import { createMarkLayer } from './mark-layer';
import { marksFromScan } from './marks-from-scan';
import { createPageText, type TextChange } from './page-text';

export type { Entry } from './mark-index';

/** Marks painted per slice on the first paint; the rest wait for the next task so no long task blocks the page. */
const PAINT_SLICE = 300;
/** Longer articles are sent in a task of their own: the page gets a turn between reading and sending. */
const YIELD_BEFORE_SEND_CHARS = 50_000;

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
  /** The interface's words (cards, announcements) in the reader's language; English by default. */
  t?: Translate;
  /** Schedules the mutation watcher's flush (tests flush synchronously). */
  scheduleWatch?: (run: () => void) => void;
  /**
   * Called once marks are painted: starts a periodic check that the extension is still there, so a reloaded
   * extension's orphaned script removes its marks even if the reader never touches them.
   */
  watchAlive?: () => void;
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

/**
 * The content script's work on one page, as a coordinator over parts that each keep their own state: the page's
 * text (page-text.ts), the marks and their index (mark-index.ts), which marks show (mark-filter.ts), the layer that
 * paints them and finds them under the pointer (mark-layer.ts), and the card (hover-card.ts). This file keeps what
 * ties them: the settings, the queue of scans, the generation that drops answers to older scans, and the public API.
 * Adds nothing to the page until the background has found a mention. Never throws.
 */
export function createPageSession(env: SessionEnv): PageSession {
  const { doc, ask, signal } = env;
  let settings: PageSettings | null = null;
  /** Bumped by every full scan and teardown: answers to older requests are dropped. */
  let generation = 0;
  let queue: Promise<void> = Promise.resolve();
  let stopped = false;
  const isCurrent = (gen: number) => () => !stopped && gen === generation;

  const text = createPageText({
    doc,
    setTimeout: env.setTimeout,
    clearTimeout: env.clearTimeout,
    ...(env.scheduleWatch && { scheduleWatch: env.scheduleWatch }),
    active: () => !stopped && Boolean(settings?.active),
    onChange: onTextChange,
    onRetry: () => {
      if (!stopped && settings?.active) void enqueue(fullScan);
    },
  });
  const marks = createMarkIndex(text);
  const filter = createMarkFilter(() => settings);
  const layer = createMarkLayer({
    doc,
    ...(env.highlightApi && { highlightApi: env.highlightApi }),
    inject: async (names) => (await ask('inject-styles', { names }))?.ok === true,
    look: () => (settings ? markStyleOf(settings) : {}),
    painted: () => marks.painted(),
    pieces: marks.pieces,
  });
  const card = createHoverCard({
    doc,
    signal,
    setTimeout: env.setTimeout,
    clearTimeout: env.clearTimeout,
    ...(env.watchAlive && { watchAlive: env.watchAlive }),
    now: env.now ?? (() => Date.now()),
    t: env.t ?? makeT(),
    settings: () => settings,
    cardData({ mention }) {
      const date = text.date();
      return ask('card', {
        kind: mention.kind,
        id: mention.id,
        ...(mention.claimId && { claimId: mention.claimId }),
        ...(mention.value !== undefined && { value: mention.value }),
        ...(date && { date }),
      });
    },
    marks,
    markAt(x, y) {
      const key = layer.hitTest(x, y);
      return key === null ? null : marks.paintedByKey(key);
    },
    onNotThis: (entry) => void notThis(entry),
    onRefresh: () => void ask('show-freshness', {}),
  });

  function enqueue(task: () => Promise<void>): Promise<void> {
    queue = queue.then(task).catch(() => {});
    return queue;
  }

  // ---- scanning ---------------------------------------------------------------------------------------------------

  async function fullScan(): Promise<void> {
    const gen = ++generation;
    forgetMarks();
    const collected = text.collectArticle();
    if (!collected) return;
    if (collected.text.length > YIELD_BEFORE_SEND_CHARS) {
      await new Promise<void>((resolve) => env.setTimeout(resolve, 0));
      if (!isCurrent(gen)()) return;
    }
    await scanAndAdd(collected, gen, [], true);
  }

  /**
   * Scans `collected` and adds its mentions. Marks being replaced (`doomed`: on text the page changed or removed)
   * are dropped in the same step as the new ones are painted, after the answer: an incremental rescan never shows a
   * moment with fewer marks, or two copies. A card open on a doomed mark stays open and moves to its successor.
   */
  async function scanAndAdd(collected: CollectedText, gen: number, doomed: Entry[], first = false): Promise<void> {
    const date = text.date();
    const result =
      collected.text.trim() === ''
        ? null
        : await ask('scan', {
            text: collected.text,
            // New text on a page already found to be about the story is not judged on its own.
            context: { ...(date ? { date } : {}), ...(!first && marks.size > 0 ? { relevant: true as const } : {}) },
          });
    if (!isCurrent(gen)()) return;
    drop(doomed);
    const fresh = result && Array.isArray(result.mentions) ? marksFromScan(collected, result.mentions, marks) : [];
    for (const entry of fresh) marks.add(entry);
    if (settings?.markMode === 'first') await applyFilter(first);
    else await show(fresh.filter(filter.passes), first);
    if (doomed.length > 0) marks.noteReplacements(doomed, fresh);
    card.follow(doomed);
  }

  /** The page changed: marks on removed text go; changed blocks are scanned again (same date context). */
  function onTextChange({ removed, blocks, collected }: TextChange): void {
    const doomed = new Set<Entry>();
    for (const node of removed) marks.collectUnder(node, doomed);
    for (const block of blocks) marks.collectUnder(block, doomed);
    if (!collected) {
      if (doomed.size > 0) card.forget(drop(Array.from(doomed)));
      return;
    }
    const gen = generation;
    void enqueue(() => scanAndAdd(collected, gen, Array.from(doomed)));
  }

  // ---- which marks are painted ------------------------------------------------------------------------------------

  /** Paints `list`; a long first paint is sliced over several tasks so the page stays responsive. */
  async function show(list: Entry[], sliced: boolean): Promise<void> {
    if (stopped || list.length === 0) return;
    const gen = generation;
    const painter = await layer.ready(isCurrent(gen));
    if (!painter || !isCurrent(gen)()) return;
    for (let at = 0; at < list.length; at += PAINT_SLICE) {
      if (at > 0) {
        await new Promise<void>((resolve) => env.setTimeout(resolve, 0));
        if (!isCurrent(gen)() || layer.painter !== painter) return;
      }
      const slice = sliced ? list.slice(at, at + PAINT_SLICE) : list;
      layer.paint(slice.filter((entry) => marks.setPainted(entry, true)));
      if (!sliced) break;
    }
    if (marks.paintedCount > 0) card.listen();
  }

  /** Takes these marks off the page (they stay found); a card open on one of them closes. */
  function hide(list: readonly Entry[]): void {
    const gone = list.filter((entry) => marks.setPainted(entry, false));
    if (gone.length === 0) return;
    layer.unpaint(gone);
    card.forget(gone);
  }

  /** Forgets these marks; returns those that were painted (now off the page). */
  function drop(list: readonly Entry[]): Entry[] {
    const gone = list.filter((entry) => marks.drop(entry));
    layer.unpaint(gone);
    return gone;
  }

  /** Settings or suppressions changed (or "first mention only" needs the whole picture): recompute what is shown. */
  async function applyFilter(sliced = false): Promise<void> {
    const target = filter.shown(marks.all(), (list) => marks.inReadingOrder(list));
    const keep = new Set(target);
    hide(Array.from(marks.painted()).filter((e) => !keep.has(e)));
    await show(target.filter((e) => !marks.isPainted(e)), sliced);
  }

  async function notThis(entry: Entry): Promise<void> {
    const id = entry.mention.id;
    // Gone from this page at once; the background stores it for the site and tells every tab.
    filter.suppress(id);
    hide(Array.from(marks.painted()).filter((e) => e.mention.id === id));
    await ask('not-this', { id });
  }

  /** Forgets every mark (keeps the painter and its rules: a rescan is likely to need them again). */
  function forgetMarks(): void {
    marks.clear();
    layer.clear();
    card.reset();
  }

  /** Inactive now: remove everything we added to the page. */
  function teardown(): void {
    generation++;
    text.reset();
    forgetMarks();
    layer.reset();
    card.destroy();
  }

  // ---- settings ---------------------------------------------------------------------------------------------------

  async function applySettings(): Promise<void> {
    const next = await ask('page-settings', {});
    if (stopped || !next || typeof next !== 'object') return;
    const wasActive = Boolean(settings?.active);
    settings = next;
    if (!next.active) {
      if (wasActive || text.hasArticle()) teardown();
      return;
    }
    // Suppressions now come from the background: the local ones were only for the moment between.
    filter.settle();
    if (!wasActive) {
      text.watch();
      await fullScan();
      return;
    }
    // New underline or tint: only where something is painted already (never a first <style> on a page without marks).
    if (layer.painter) await layer.ready(isCurrent(generation));
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
      const list = marks.ordered();
      const byKind: PageMentions['byKind'] = {};
      for (const e of list) byKind[e.mention.kind] = (byKind[e.mention.kind] ?? 0) + 1;
      const items = list
        .slice(0, 500)
        .map((e, index) => ({ index, kind: e.mention.kind, label: e.mention.label, text: e.mention.text }));
      return { total: list.length, site: location.hostname, byKind, items };
    },
    async showMention(index) {
      const entry = Number.isInteger(index) ? marks.ordered()[index] : undefined;
      return entry ? card.goTo(entry) : false;
    },
    visible: () => marks.ordered(),
    current: () => card.current(),
    openCard: (entry, options) => card.open(entry, options),
    goTo: (entry) => card.goTo(entry),
    closeCard: () => card.close(),
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
        card.stop();
      } catch {
        // never into the page
      }
      stopped = true;
    },
  };

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
