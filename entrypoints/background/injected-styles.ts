import { browser } from 'wxt/browser';

/**
 * The `::highlight()` rules the background injects into pages with `scripting.insertCSS`, one injection per tab and
 * frame at a time. A page asks again whenever the reader changes the look of marks (new highlight names, new rules):
 * the previous injection is removed first with `scripting.removeCSS` and the very same css, target and origin, which
 * is what removeCSS needs to find it. What was injected where is kept in `storage.session`, so a service worker that
 * was stopped and woken in between still knows it (and it is gone when the browser or the extension restarts, as the
 * injections are).
 */
interface StyleTarget {
  tabId: number;
  frameId: number;
}

export interface InjectedStyles {
  /** Injects `css` as user-origin rules into the target, removing what was injected there before. */
  inject(target: StyleTarget, css: string): Promise<void>;
  /** The tab is gone: forget what was injected into it. */
  forgetTab(tabId: number): Promise<void>;
}

interface CssInjection {
  target: { tabId: number; frameIds: number[] };
  css: string;
  origin: 'USER';
}

export interface InjectedStylesApi {
  insertCSS(injection: CssInjection): Promise<void>;
  removeCSS(injection: CssInjection): Promise<void>;
  session: {
    get(keys: string | null): Promise<Record<string, unknown>>;
    set(items: Record<string, unknown>): Promise<void>;
    remove(keys: string | string[]): Promise<void>;
  };
}

const PREFIX = 'injected-css:';

function defaultApi(): InjectedStylesApi {
  return {
    insertCSS: (injection) => browser.scripting.insertCSS(injection),
    removeCSS: (injection) => browser.scripting.removeCSS(injection),
    session: browser.storage.session,
  };
}

function keyOf(target: StyleTarget): string {
  return `${PREFIX}${target.tabId}:${target.frameId}`;
}

function injectionOf(target: StyleTarget, css: string): CssInjection {
  return { target: { tabId: target.tabId, frameIds: [target.frameId] }, css, origin: 'USER' };
}

export function createInjectedStyles(api: InjectedStylesApi = defaultApi()): InjectedStyles {
  /** One change at a time per target: two quick settings changes must not both remove the same old rules. */
  const queues = new Map<string, Promise<void>>();

  function serial(key: string, task: () => Promise<void>): Promise<void> {
    const run = (queues.get(key) ?? Promise.resolve()).then(task, task);
    const tail = run.catch(() => {});
    queues.set(key, tail);
    void tail.then(() => {
      if (queues.get(key) === tail) queues.delete(key);
    });
    return run;
  }

  return {
    inject(target, css) {
      const key = keyOf(target);
      return serial(key, async () => {
        const stored = (await api.session.get(key))[key];
        const previous = typeof stored === 'string' ? stored : undefined;
        // The same rules (same names) are in this document already.
        if (previous === css) return;
        if (previous !== undefined) {
          // Gone already when the tab has since shown another document: removeCSS then finds nothing, which is fine.
          await api.removeCSS(injectionOf(target, previous)).catch(() => {});
          await api.session.remove(key);
        }
        await api.insertCSS(injectionOf(target, css));
        await api.session.set({ [key]: css });
      });
    },
    async forgetTab(tabId) {
      const all = await api.session.get(null);
      const keys = Object.keys(all).filter((key) => key.startsWith(`${PREFIX}${tabId}:`));
      if (keys.length > 0) await api.session.remove(keys);
    },
  };
}
