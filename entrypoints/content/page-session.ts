import { browser } from 'wxt/browser';
import { collectText, type CollectedText } from '@/utils/dom/collect-text';
import { pickArticleRoot } from '@/utils/dom/pick-article-root';
import { readArticleDate } from '@/utils/dom/article-date';
import { createPainter, rangesFor, type Painter, type PaintedMention } from '@/utils/dom/paint-highlights';
import { highlightCss, type MarkGroup } from '@/utils/dom/highlight-css';
import { createHitTester, indexByNode, rafThrottle, type NodeIndex } from '@/utils/dom/hit-test';
import { askBackground } from '@/utils/messaging/client';
import type { Mention } from '@/utils/model/mention';
import type { TabRequests } from '@/utils/messaging/protocol';
import { createCardHost, type CardHost } from './card-host';

/** Pages with less text than this are not articles: we send nothing and touch nothing. */
const MIN_ARTICLE_CHARS = 200;
/** Hover intent before a card opens, and grace before it closes (WCAG 1.4.13: the card must be hoverable). */
const OPEN_DELAY_MS = 250;
const CLOSE_DELAY_MS = 300;

export interface PageSession {
  counts(): TabRequests['page-mentions']['res'];
  stop(): void;
}

interface Timers {
  setTimeout(fn: () => void, ms: number): number;
}

const HOST_TAG = 'BACKSTORY-CARD';

/**
 * One scan of the page: collect the article's text, ask the background for mentions, paint them, and open a card
 * on hover. Returns null — having sent nothing and changed nothing — when the page has no article text or no mention.
 */
export async function startPageSession(doc: Document, timers: Timers, signal: AbortSignal): Promise<PageSession | null> {
  const root = pickArticleRoot(doc);
  const collected: CollectedText = collectText(root, { exclude: (el) => el.tagName === HOST_TAG });
  if (collected.text.replace(/\s+/g, ' ').length < MIN_ARTICLE_CHARS) return null;

  const date = readArticleDate(doc);
  const { mentions } = await askBackground('scan', { text: collected.text, context: date ? { date } : {} });
  if (signal.aborted || mentions.length === 0) return null;

  const painter: Painter = createPainter(doc);
  if (!painter.supported) return null;
  const injected = await askBackground('inject-styles', { names: painter.names });
  if (signal.aborted) return null;
  const fallbackStyle = injected?.ok ? null : appendHighlightStyle(doc, painter.names);

  const painted: PaintedMention[] = mentions.map((mention) => ({
    mention,
    ranges: rangesFor(collected, mention.start, mention.end),
  }));
  painter.paint(painted);
  const nodeIndex: NodeIndex = indexByNode(collected, mentions);
  const hitTester = createHitTester(() => nodeIndex);

  let hovered: number | null = null;
  let shown: number | null = null;
  let openTimer: number | undefined;
  let closeTimer: number | undefined;
  let lastPointer = { x: 0, y: 0 };
  let request = 0;

  const card: CardHost = createCardHost(doc, {
    onPointerEnter: () => clearTimeout(closeTimer),
    onPointerLeave: () => scheduleClose(),
    onClose: () => closeCard(),
    onNotThis: () => closeCard(),
  });

  function closeCard() {
    clearTimeout(openTimer);
    clearTimeout(closeTimer);
    shown = null;
    card.hide();
  }

  function scheduleClose() {
    clearTimeout(closeTimer);
    closeTimer = timers.setTimeout(() => {
      if (hovered === null || hovered !== shown) closeCard();
    }, CLOSE_DELAY_MS);
  }

  async function openCard(index: number, focus: boolean) {
    const mention = mentions[index];
    if (!mention) return;
    const ticket = ++request;
    const data = await askBackground('card', cardRequest(mention, date));
    if (signal.aborted || ticket !== request || !data) return;
    shown = index;
    card.show(data, anchorRect(painted[index], lastPointer), { focus });
  }

  const onMove = rafThrottle((x: number, y: number) => {
    if (signal.aborted) return;
    lastPointer = { x, y };
    const hit = hitTester.hitTest(doc, x, y);
    if (hit === hovered) return;
    hovered = hit;
    clearTimeout(openTimer);
    if (hit === null) {
      if (shown !== null) scheduleClose();
      return;
    }
    clearTimeout(closeTimer);
    if (hit !== shown) openTimer = timers.setTimeout(() => void openCard(hit, false).catch(ignore), OPEN_DELAY_MS);
  });

  const listenerOptions = { passive: true, capture: true, signal } as const;
  doc.addEventListener('pointermove', (e) => onMove(e.clientX, e.clientY), listenerOptions);
  doc.addEventListener(
    'keydown',
    (e) => {
      if (e.key === 'Escape' && card.isOpen()) closeCard();
    },
    listenerOptions,
  );
  signal.addEventListener('abort', () => {
    onMove.cancel();
    clearTimeout(openTimer);
    clearTimeout(closeTimer);
    painter.clear();
    card.destroy();
    fallbackStyle?.remove();
  });

  return {
    counts() {
      const byKind: TabRequests['page-mentions']['res']['byKind'] = {};
      for (const m of mentions) byKind[m.kind] = (byKind[m.kind] ?? 0) + 1;
      const items = mentions.slice(0, 500).map((m, index) => ({ index, kind: m.kind, label: m.label, text: m.text }));
      return { total: mentions.length, byKind, items };
    },
    stop() {
      painter.clear();
      card.destroy();
      fallbackStyle?.remove();
    },
  };
}

function cardRequest(mention: Mention, date: string | undefined) {
  return {
    kind: mention.kind,
    id: mention.id,
    ...(mention.claimId && { claimId: mention.claimId }),
    ...(mention.value !== undefined && { value: mention.value }),
    ...(date && { date }),
  };
}

/** The client rect of the mention piece under the pointer (a mention may wrap over lines). */
function anchorRect(painted: PaintedMention | undefined, pointer: { x: number; y: number }): DOMRect {
  const fallback = new DOMRect(pointer.x, pointer.y, 0, 0);
  if (!painted) return fallback;
  let best: DOMRect | undefined;
  for (const range of painted.ranges) {
    const live = document.createRange();
    live.setStart(range.startContainer, range.startOffset);
    live.setEnd(range.endContainer, range.endOffset);
    for (const rect of Array.from(live.getClientRects())) {
      best ??= rect;
      if (pointer.x >= rect.left && pointer.x <= rect.right && pointer.y >= rect.top && pointer.y <= rect.bottom) {
        return rect;
      }
    }
  }
  return best ?? fallback;
}

function ignore() {}

/**
 * Where the background may not insert user-origin CSS, one <style> of ours carries the `::highlight()` rules, all
 * `!important`, under this page load's random names. Only ever added on pages that have mentions.
 */
function appendHighlightStyle(doc: Document, names: Record<MarkGroup, string>): HTMLStyleElement {
  const style = doc.createElement('style');
  style.textContent = highlightCss(names, { important: true });
  (doc.head ?? doc.documentElement).append(style);
  return style;
}

/** Answers the popup's questions about this tab. Registered only once the page has mentions. */
export function answerTabRequests(getSession: () => PageSession | null) {
  const listener = (message: unknown) => {
    if (typeof message !== 'object' || message === null) return undefined;
    if ((message as { type?: unknown }).type === 'page-mentions') {
      return Promise.resolve(getSession()?.counts() ?? { total: 0, byKind: {}, items: [] });
    }
    return undefined;
  };
  browser.runtime.onMessage.addListener(listener);
  return () => browser.runtime.onMessage.removeListener(listener);
}
