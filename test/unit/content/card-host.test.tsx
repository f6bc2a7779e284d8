import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createCardHost, type CardHost } from '@/entrypoints/content/card-host';
import { entityCard } from '../components/fixtures';
import { parseHtml } from '../dom/load-fixture';

const NOW = Date.parse('2026-07-10');
let host: CardHost | undefined;
let root: ShadowRoot | undefined;

beforeEach(() => {
  parseHtml('<html><body><button id="before">Before</button><p>Article text.</p></body></html>');
  // The root is closed to the page; the test keeps the reference attachShadow returns, as our own code does.
  const original = Element.prototype.attachShadow;
  vi.spyOn(Element.prototype, 'attachShadow').mockImplementation(function (this: Element, init: ShadowRootInit) {
    root = original.call(this, init);
    return root;
  });
});
afterEach(() => {
  host?.destroy();
  host = undefined;
  root = undefined;
  vi.restoreAllMocks();
});

function setup() {
  const calls = { notThis: 0, close: 0, enter: 0, leave: 0, refresh: 0 };
  host = createCardHost(document, {
    onNotThis: () => calls.notThis++,
    onRefresh: () => calls.refresh++,
    onClose: () => calls.close++,
    onPointerEnter: () => calls.enter++,
    onPointerLeave: () => calls.leave++,
  });
  return calls;
}

const show = (focus: boolean, theme: 'auto' | 'light' | 'dark' = 'auto', staleAfterDays = 180) =>
  host!.show(entityCard, new DOMRect(10, 10, 50, 16), { focus, theme, staleAfterDays, now: NOW });

describe('card host', () => {
  it('adds nothing until first shown, then one host in a closed shadow root', () => {
    setup();
    expect(document.querySelector('backstory-card')).toBeNull();
    show(false);
    const element = document.querySelector('backstory-card') as HTMLElement;
    expect(element).not.toBeNull();
    expect(element.shadowRoot).toBeNull(); // closed
    expect(element.getAttribute('style')).toContain('position: fixed !important');
    expect(root?.querySelector('[data-testid="card"]')?.getAttribute('role')).toBe('dialog');
  });

  it('applies the theme and the reader’s stale threshold', () => {
    setup();
    show(false, 'dark', 180);
    expect(root?.querySelector('.bs-root')?.className).toBe('bs-root bs-theme-dark');
    expect(root?.querySelector('[data-testid="stale"]')).toBeNull();
    show(false, 'light', 1);
    expect(root?.querySelector('.bs-root')?.className).toBe('bs-root bs-theme-light');
    expect(root?.querySelector('[data-testid="stale"]')?.textContent).toMatch(/may be out of date/);
    expect(root?.querySelector('[data-testid="card-refresh"]')?.textContent).toBe('Refresh');
  });

  it('moves focus inside on the keyboard path and gives it back on hide', () => {
    setup();
    const before = document.getElementById('before') as HTMLButtonElement;
    before.focus();
    show(true);
    expect(document.activeElement).toBe(document.querySelector('backstory-card'));
    expect(root?.activeElement?.getAttribute('data-testid')).toBe('card-title');
    // Going on to the next mention keeps the original place to return to.
    show(true);
    host!.hide();
    expect(document.activeElement).toBe(before);
  });

  it('announces through a polite live region inside the shadow root', async () => {
    setup();
    host!.announce('Abbas Araghchi, person, 3 of 12');
    const live = root?.querySelector('[data-testid="live-region"]');
    expect(live?.getAttribute('role')).toBe('status');
    expect(live?.getAttribute('aria-live')).toBe('polite');
    await new Promise((r) => setTimeout(r, 100));
    expect(live?.textContent).toBe('Abbas Araghchi, person, 3 of 12');
  });

  it('ignores clicks that are not the reader’s own (isTrusted false)', () => {
    const calls = setup();
    show(false);
    const button = root?.querySelector('[data-testid="not-this"]') as HTMLButtonElement;
    button.dispatchEvent(new MouseEvent('click', { bubbles: true }));
    expect(calls.notThis).toBe(0);
    show(false, 'auto', 1);
    const refresh = root?.querySelector('[data-testid="card-refresh"]') as HTMLButtonElement;
    refresh.dispatchEvent(new MouseEvent('click', { bubbles: true }));
    expect(calls.refresh).toBe(0);
  });

  it('ignores an untrusted Escape, and puts a removed host back on the next show', () => {
    const calls = setup();
    show(false);
    // Synthetic (the reader's own Escape is checked end to end in the browser).
    root?.querySelector('.bs-root')?.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    expect(calls.close).toBe(0);
    document.querySelector('backstory-card')?.remove();
    show(false);
    expect(document.querySelectorAll('backstory-card')).toHaveLength(1);
    host!.destroy();
    expect(document.querySelectorAll('backstory-card')).toHaveLength(0);
  });
});
