import type { Translate } from '@/components/ui/i18n';
import { KIND_NAME } from '@/components/ui/labels';
import { rafThrottle } from '@/utils/dom/hit-test';
import { prefersReducedMotion, scrollRangeIntoView } from '@/utils/dom/scroll-to-range';
import type { CardData, PageSettings } from '@/utils/messaging/views';
import { createCardHost, type CardHost } from './card-host';
import type { Entry, MarkIndex } from './mark-index';

/** Hover intent before a card opens, and grace before it closes (WCAG 1.4.13: the card must be hoverable). */
const OPEN_DELAY_MS = 250;
const CLOSE_DELAY_MS = 300;
/** How long a smooth scroll to a mark takes before its card is placed. */
const SMOOTH_SCROLL_MS = 350;

interface HoverCardDeps {
  doc: Document;
  /** Aborted when the extension goes: the listeners go with it. */
  signal: AbortSignal;
  setTimeout(fn: () => void, ms: number): number;
  clearTimeout(id: number | undefined): void;
  /** Called when the listeners start (the first painted mark): see `SessionEnv.watchAlive`. */
  watchAlive?: () => void;
  now(): number;
  t: Translate;
  /** The reader's settings, or null before the background first answered. */
  settings(): PageSettings | null;
  /** The card's facts for this mark from the background; null when there are none (or no answer). */
  cardData(entry: Entry): Promise<CardData | null>;
  marks: Pick<MarkIndex, 'latest' | 'isPainted' | 'ordered'>;
  /** The painted mark under the point, if any. */
  markAt(x: number, y: number): Entry | null;
  /** The reader chose "not this" on the card of `entry` (the card is closed already). */
  onNotThis(entry: Entry): void;
  /** The reader chose Refresh on a card's stale warning. */
  onRefresh(): void;
}

/**
 * The card for one mark at a time: opened by hover intent on a painted mark or by the keyboard path (focus inside,
 * announced in the live region), kept open while the pointer is on the mark or the card, closed by leaving, Escape
 * or "not this". Also keeps the reader's place (the mark navigated to last).
 */
interface HoverCard {
  open(entry: Entry, options: { focus: boolean; announce?: string }): Promise<boolean>;
  close(): void;
  /** Scrolls to the mark, opens its card with focus inside and announces "label, kind, n of N". */
  goTo(entry: Entry): Promise<boolean>;
  /** The reader's place, while its mark is painted. */
  current(): Entry | null;
  /** Starts following the pointer and Escape (once, when the first mark is painted). */
  listen(): void;
  /** These marks are no longer painted: a card open on one of them closes. */
  forget(gone: readonly Entry[]): void;
  /**
   * These marks were replaced by a rescan of re-rendered text: a card open on one of them, the place and the hovered
   * mark move to its successor (the card closes if it has none).
   */
  follow(replaced: readonly Entry[]): void;
  /** Every mark was forgotten: closes the card and forgets the place. */
  reset(): void;
  /** Removes the card's host from the page (a later card makes a new one). */
  destroy(): void;
  /** For good: nothing opens after this. */
  stop(): void;
}

export function createHoverCard(deps: HoverCardDeps): HoverCard {
  const { doc, marks } = deps;
  let host: CardHost | null = null;
  /** The mark whose card is open. */
  let cardEntry: Entry | null = null;
  let currentEntry: Entry | null = null;
  let hovered: Entry | null = null;
  let openTimer: number | undefined;
  let closeTimer: number | undefined;
  let lastPointer = { x: 0, y: 0 };
  /** Bumped by every open and close: an answer for an older request is dropped. */
  let cardRequest = 0;
  let listening = false;
  let stopped = false;

  function ensureHost(): CardHost {
    host ??= createCardHost(doc, {
      onPointerEnter: () => deps.clearTimeout(closeTimer),
      onPointerLeave: () => scheduleClose(),
      onClose: () => close(),
      onNotThis: () => {
        const entry = cardEntry;
        if (!entry) return;
        close();
        deps.onNotThis(entry);
      },
      onRefresh: () => deps.onRefresh(),
      t: deps.t,
    });
    return host;
  }

  function close(): void {
    deps.clearTimeout(openTimer);
    deps.clearTimeout(closeTimer);
    cardRequest++;
    cardEntry = null;
    host?.hide();
  }

  function scheduleClose(): void {
    deps.clearTimeout(closeTimer);
    closeTimer = deps.setTimeout(() => {
      if (hovered === null || hovered !== cardEntry) close();
    }, CLOSE_DELAY_MS);
  }

  async function open(entry: Entry, options: { focus: boolean; announce?: string }): Promise<boolean> {
    if (stopped || !deps.settings()) return false;
    const ticket = ++cardRequest;
    const data = await deps.cardData(entry);
    const settings = deps.settings();
    if (stopped || ticket !== cardRequest || !data || !settings) return false;
    // The page may have re-rendered the mention while the card was on its way.
    const shown = marks.latest(entry);
    if (!shown) return false;
    cardEntry = shown;
    const card = ensureHost();
    card.show(data, anchorRect(doc, shown, lastPointer), {
      focus: options.focus,
      theme: settings.theme,
      staleAfterDays: settings.staleAfterDays,
      now: deps.now(),
    });
    if (options.announce) card.announce(options.announce);
    return true;
  }

  async function goTo(entry: Entry): Promise<boolean> {
    const list = marks.ordered();
    currentEntry = entry;
    const first = entry.ranges[0];
    if (first) scrollRangeIntoView(first);
    const { t } = deps;
    const announce = t('mention_announcement', {
      label: entry.mention.label,
      kind: t(KIND_NAME[entry.mention.kind]?.one ?? 'kind_one_term'),
      n: list.indexOf(entry) + 1,
      total: list.length,
    });
    // Smooth scrolling moves the mark: place the card once it has arrived.
    await new Promise((r) => deps.setTimeout(() => r(undefined), prefersReducedMotion(doc.defaultView) ? 0 : SMOOTH_SCROLL_MS));
    return open(entry, { focus: true, announce });
  }

  const onMove = rafThrottle((x: number, y: number) => {
    if (stopped) return;
    lastPointer = { x, y };
    const hit = deps.markAt(x, y);
    if (hit === hovered) return;
    hovered = hit;
    deps.clearTimeout(openTimer);
    if (hit === null) {
      if (cardEntry) scheduleClose();
      return;
    }
    deps.clearTimeout(closeTimer);
    if (hit !== cardEntry) {
      openTimer = deps.setTimeout(() => {
        // `hovered` follows the mark if the page re-rendered it during the intent.
        const target = hovered ?? marks.latest(hit);
        if (!target) return;
        currentEntry = target;
        void open(target, { focus: false });
      }, OPEN_DELAY_MS);
    }
  });

  function listen(): void {
    if (listening || stopped) return;
    listening = true;
    deps.watchAlive?.();
    const options = { passive: true, capture: true, signal: deps.signal } as const;
    doc.addEventListener(
      'pointermove',
      (e) => {
        try {
          // Only the reader's own pointer: a page can dispatch synthetic pointermove events to open cards.
          if (!e.isTrusted) return;
          if (host?.contains(e.target)) {
            // Inside the card (WCAG 1.4.13 hoverable): it stays.
            onMove.cancel();
            deps.clearTimeout(closeTimer);
            deps.clearTimeout(openTimer);
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
        if (e.isTrusted && e.key === 'Escape' && host?.isOpen()) close();
      },
      options,
    );
  }

  return {
    open,
    close,
    goTo,
    current: () => (currentEntry && marks.isPainted(currentEntry) ? currentEntry : null),
    listen,
    forget(gone) {
      if (cardEntry && gone.includes(cardEntry)) close();
    },
    follow(replaced) {
      const old = cardEntry;
      if (old && replaced.includes(old)) {
        const next = marks.latest(old);
        if (!next) {
          close();
        } else {
          cardEntry = next;
          if (currentEntry === old) currentEntry = next;
          if (hovered === old) hovered = next;
        }
      }
      // A mark the pointer rests on, waiting out the hover intent, follows into the new text too: the card still opens.
      if (hovered && !marks.isPainted(hovered)) hovered = marks.latest(hovered);
    },
    reset() {
      if (host?.isOpen()) close();
      currentEntry = null;
    },
    destroy() {
      host?.destroy();
      host = null;
    },
    stop() {
      stopped = true;
      onMove.cancel();
    },
  };
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
