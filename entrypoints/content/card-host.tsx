import { render } from 'preact';
import { computePosition, flip, offset, shift, size } from '@floating-ui/dom';
import { Card } from '@/components/Card/Card';
import { CARD_CSS } from '@/components/Card/card-css';
import { I18nContext, makeT, type Translate } from '@/components/ui/i18n';
import type { CardData, PageSettings } from '@/utils/messaging/views';

interface CardHostOptions {
  onPointerEnter(): void;
  onPointerLeave(): void;
  onNotThis(data: CardData): void;
  onClose(): void;
  /** The card's words in the reader's language; English by default. */
  t?: Translate;
  /** The stale warning's Refresh: the reader's own click only. */
  onRefresh?(): void;
}

interface ShowOptions {
  /** Move focus into the card (keyboard path); Escape gives it back. */
  focus: boolean;
  theme: PageSettings['theme'];
  staleAfterDays: number;
  now: number;
}

export interface CardHost {
  show(data: CardData, anchor: DOMRect, options: ShowOptions): void;
  hide(): void;
  isOpen(): boolean;
  /** Says `text` through the live region inside our shadow root (screen readers; nothing visible). */
  announce(text: string): void;
  /** True when the event happened inside the card (the page only sees the host as its target). */
  contains(target: EventTarget | null): boolean;
  destroy(): void;
}

export const HOST_TAG = 'backstory-card';
/** The host must not take part in the page's layout or inherit its styles (inline `!important` beats the page's). */
const HOST_STYLE =
  'all: initial !important; position: fixed !important; top: 0 !important; left: 0 !important; ' +
  'width: 0 !important; height: 0 !important; margin: 0 !important; padding: 0 !important; border: 0 !important; ' +
  'overflow: visible !important; z-index: 2147483647 !important; display: block !important; ' +
  'visibility: visible !important; opacity: 1 !important; transform: none !important; contain: none !important;';

/**
 * The card lives in a closed shadow root created on first use, with its CSS inlined. The page cannot reach inside;
 * if the page removes or restyles the host, the next `show` puts it back.
 */
export function createCardHost(doc: Document, options: CardHostOptions): CardHost {
  const t = options.t ?? makeT();
  let host: HTMLElement | undefined;
  let root: ShadowRoot | undefined;
  let container: HTMLDivElement | undefined;
  let live: HTMLDivElement | undefined;
  let open = false;
  let returnFocus: Element | null = null;
  let announceTimer: ReturnType<typeof setTimeout> | undefined;

  function ensureHost(): HTMLDivElement {
    if (!host || !root || !container) {
      host = doc.createElement(HOST_TAG);
      root = host.attachShadow({ mode: 'closed' });
      const style = doc.createElement('style');
      style.textContent = CARD_CSS;
      container = doc.createElement('div');
      container.className = 'bs-root';
      container.addEventListener('pointerenter', (e) => e.isTrusted && options.onPointerEnter(), { passive: true });
      container.addEventListener('pointerleave', (e) => e.isTrusted && options.onPointerLeave(), { passive: true });
      container.addEventListener('keydown', (event) => {
        if (event.isTrusted && event.key === 'Escape') options.onClose();
      }, { passive: true });
      live = doc.createElement('div');
      live.className = 'bs-live';
      live.setAttribute('role', 'status');
      live.setAttribute('aria-live', 'polite');
      live.setAttribute('aria-atomic', 'true');
      live.setAttribute('data-testid', 'live-region');
      root.append(style, live, container);
    }
    if (!host.isConnected) doc.documentElement.append(host);
    if (host.getAttribute('style') !== HOST_STYLE) host.setAttribute('style', HOST_STYLE);
    return container;
  }

  function place(anchor: DOMRect, floating: HTMLElement) {
    const reference = { getBoundingClientRect: () => anchor };
    void computePosition(reference, floating, {
      strategy: 'fixed',
      placement: 'bottom-start',
      middleware: [
        offset(6),
        flip({ padding: 8 }),
        shift({ padding: 8 }),
        size({
          padding: 8,
          apply({ availableHeight }) {
            floating.style.maxHeight = `${Math.max(160, availableHeight)}px`;
          },
        }),
      ],
    })
      .then(({ x, y }) => {
        floating.style.transform = `translate(${Math.round(x)}px, ${Math.round(y)}px)`;
      })
      .catch(() => {});
  }

  /** The element of ours that has focus, if any (the page only sees the host as `activeElement`). */
  function focusedInside(): boolean {
    return Boolean(host && doc.activeElement === host);
  }

  return {
    show(data, anchor, { focus, theme, staleAfterDays, now }) {
      const target = ensureHost();
      // Navigating from card to card keeps the place the reader came from.
      if (focus && !focusedInside()) returnFocus = doc.activeElement;
      target.className = `bs-root bs-theme-${theme}`;
      render(
        <I18nContext.Provider value={t}>
          <Card
            data={data}
            now={now}
            staleAfterDays={staleAfterDays}
            onClose={() => options.onClose()}
            onNotThis={(event) => {
              // A page can dispatch synthetic clicks at our host; only the reader's own click counts.
              if (event.isTrusted) options.onNotThis(data);
            }}
            {...(options.onRefresh && {
              onRefresh: (event: MouseEvent) => {
                if (event.isTrusted) options.onRefresh?.();
              },
            })}
          />
        </I18nContext.Provider>,
        target,
      );
      open = true;
      place(anchor, target);
      if (focus) (target.querySelector('[data-testid="card-title"]') as HTMLElement | null)?.focus?.({ preventScroll: true });
    },
    hide() {
      if (!open || !container) return;
      const hadFocus = focusedInside();
      render(null, container);
      open = false;
      const back = returnFocus as HTMLElement | null;
      returnFocus = null;
      if (hadFocus && back && back !== host && back.isConnected) back.focus?.({ preventScroll: true });
    },
    isOpen: () => open,
    announce(text) {
      ensureHost();
      const region = live;
      if (!region) return;
      clearTimeout(announceTimer);
      region.textContent = '';
      // A change after the region exists is what screen readers announce.
      announceTimer = setTimeout(() => {
        region.textContent = text;
      }, 60);
    },
    contains: (target) => Boolean(host && target === host),
    destroy() {
      clearTimeout(announceTimer);
      if (container) render(null, container);
      host?.remove();
      host = undefined;
      root = undefined;
      container = undefined;
      live = undefined;
      open = false;
    },
  };
}
