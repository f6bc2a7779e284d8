import { browser } from 'wxt/browser';

/**
 * The content script's lifetime on one page, in place of WXT's `ContentScriptContext` (which announces itself with a
 * DOM event any page can hear: see `modules/quiet-content-script`). Nothing here is visible to the page: no event is
 * dispatched, no element or attribute is touched, and the only listener is on the Navigation API (or a poll where
 * there is none).
 */
interface PageContext {
  /** Aborted once the extension is gone (reloaded, updated, removed): everything listening on it stops. */
  readonly signal: AbortSignal;
  /** Whether the extension is gone; finding it gone aborts `signal`. */
  isInvalid(): boolean;
  /** A timeout that never runs after the extension is gone (cleared on abort). */
  setTimeout(fn: () => void, ms: number): number;
  clearTimeout(id: number | undefined): void;
  /**
   * Checks every `ms` whether the extension is still there, so an orphaned script (the extension was reloaded or
   * updated under an open page) removes its marks even if nothing else happens. Started once, on the first call.
   */
  watchAlive(ms?: number): void;
  /**
   * Calls `listener` after each same-document navigation (pushState, replaceState, fragment, back/forward within the
   * document). The listener compares addresses itself: this only says "the current entry changed".
   */
  onLocationChange(listener: () => void): void;
}

export interface PageContextEnv {
  win?: Window & typeof globalThis;
  /** Whether the extension's runtime is still there; by default `browser.runtime.id` (gone after a reload). */
  alive?: () => boolean;
  /** How often the address is polled where the Navigation API is missing. */
  pollMs?: number;
}

interface NavigationLike {
  addEventListener(type: string, listener: () => void, options?: { signal?: AbortSignal }): void;
}

function runtimeAlive(): boolean {
  try {
    return browser.runtime?.id != null;
  } catch {
    return false;
  }
}

export function createPageContext(env: PageContextEnv = {}): PageContext {
  const win = env.win ?? window;
  const alive = env.alive ?? runtimeAlive;
  const controller = new AbortController();
  const { signal } = controller;
  const timeouts = new Set<number>();
  const intervals = new Set<number>();
  let watching = false;

  signal.addEventListener(
    'abort',
    () => {
      for (const id of timeouts) win.clearTimeout(id);
      for (const id of intervals) win.clearInterval(id);
      timeouts.clear();
      intervals.clear();
    },
    { once: true },
  );

  function isInvalid(): boolean {
    if (!signal.aborted && !alive()) controller.abort();
    return signal.aborted;
  }

  function every(fn: () => void, ms: number): void {
    if (signal.aborted) return;
    const id = win.setInterval(() => {
      if (!isInvalid()) fn();
    }, ms);
    intervals.add(id);
  }

  return {
    signal,
    isInvalid,
    setTimeout(fn, ms) {
      if (signal.aborted) return 0;
      const id: number = win.setTimeout(() => {
        timeouts.delete(id);
        if (!isInvalid()) fn();
      }, ms);
      timeouts.add(id);
      return id;
    },
    clearTimeout(id) {
      if (id === undefined) return;
      timeouts.delete(id);
      win.clearTimeout(id);
    },
    watchAlive(ms = 1500) {
      if (watching) return;
      watching = true;
      // `every` checks `isInvalid` on each tick; the check is the whole job.
      every(() => {}, ms);
    },
    onLocationChange(listener) {
      const navigation = (win as { navigation?: NavigationLike }).navigation;
      if (navigation && typeof navigation.addEventListener === 'function') {
        navigation.addEventListener(
          'currententrychange',
          () => {
            if (!isInvalid()) listener();
          },
          { signal },
        );
        return;
      }
      let last = win.location.href;
      every(() => {
        const href = win.location.href;
        if (href === last) return;
        last = href;
        listener();
      }, env.pollMs ?? 1000);
    },
  };
}
