import { render } from 'preact';
import { computePosition, flip, offset, shift, size } from '@floating-ui/dom';
import { Card } from '@/components/Card/Card';
import { CARD_CSS } from '@/components/Card/card-css';
import type { CardData } from '@/utils/messaging/views';

export interface CardHostOptions {
  onPointerEnter(): void;
  onPointerLeave(): void;
  onNotThis(data: CardData): void;
  onClose(): void;
}

export interface CardHost {
  show(data: CardData, anchor: DOMRect, options: { focus: boolean }): void;
  hide(): void;
  isOpen(): boolean;
  /** True when the event happened inside the card (the page only sees the host as its target). */
  contains(target: EventTarget | null): boolean;
  destroy(): void;
}

const HOST_TAG = 'backstory-card';
/** The host must not take part in the page's layout or inherit its styles. */
const HOST_STYLE =
  'all: initial !important; position: fixed !important; top: 0 !important; left: 0 !important; ' +
  'width: 0 !important; height: 0 !important; z-index: 2147483647 !important; display: block !important;';

/**
 * The card lives in a closed shadow root created on first use, with its CSS inlined. The page cannot reach inside;
 * if the page removes or restyles the host, the next `show` puts it back.
 */
export function createCardHost(doc: Document, options: CardHostOptions): CardHost {
  let host: HTMLElement | undefined;
  let root: ShadowRoot | undefined;
  let container: HTMLDivElement | undefined;
  let open = false;
  let returnFocus: Element | null = null;

  function ensureHost(): HTMLDivElement {
    if (!host || !root || !container) {
      host = doc.createElement(HOST_TAG);
      root = host.attachShadow({ mode: 'closed' });
      const style = doc.createElement('style');
      style.textContent = CARD_CSS;
      container = doc.createElement('div');
      container.className = 'bs-root';
      container.addEventListener('pointerenter', () => options.onPointerEnter());
      container.addEventListener('pointerleave', () => options.onPointerLeave());
      container.addEventListener('keydown', (event) => {
        if (event.key === 'Escape') options.onClose();
      });
      root.append(style, container);
    }
    if (!host.isConnected) doc.documentElement.append(host);
    host.setAttribute('style', HOST_STYLE);
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
    }).then(({ x, y }) => {
      floating.style.transform = `translate(${Math.round(x)}px, ${Math.round(y)}px)`;
    });
  }

  return {
    show(data, anchor, { focus }) {
      const target = ensureHost();
      if (focus) returnFocus = doc.activeElement;
      render(
        <Card
          data={data}
          now={Date.now()}
          staleAfterDays={180}
          onClose={() => options.onClose()}
          onNotThis={(event) => {
            // A page can dispatch synthetic clicks at our host; only the reader's own click counts.
            if (event.isTrusted) options.onNotThis(data);
          }}
        />,
        target,
      );
      open = true;
      place(anchor, target);
      if (focus) (target.querySelector('h2, button, a') as HTMLElement | null)?.focus?.();
    },
    hide() {
      if (!open || !container) return;
      render(null, container);
      open = false;
      const back = returnFocus as HTMLElement | null;
      returnFocus = null;
      back?.focus?.();
    },
    isOpen: () => open,
    contains: (target) => Boolean(host && target === host),
    destroy() {
      if (container) render(null, container);
      host?.remove();
      open = false;
    },
  };
}
