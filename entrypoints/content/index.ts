import { browser } from 'wxt/browser';
import { makeT } from '@/components/ui/i18n';
import { askBackground } from '@/utils/messaging/client';
import { loadClock, type Clock } from '@/utils/clock/clock';
import { createPageContext } from './page-context';
import { createPageSession, navigateMentions, type Ask, type PageSession } from './page-session';

/** Wait after a same-document navigation before rescanning: SPAs render the new article over a few frames. */
const RESCAN_QUIET_MS = 250;

export default defineContentScript({
  matches: ['http://*/*', 'https://*/*'],
  runAt: 'document_idle',
  // WXT would otherwise post our extension id to every page with window.postMessage. (Its context, which also
  // dispatches a DOM event named with our id, is replaced in our build: modules/quiet-content-script.)
  noScriptStartedPostMessage: true,
  // WXT's context is not used: ours (page-context.ts) makes no event a page could hear.
  main() {
    // Top frame only (the manifest does not ask for all_frames; checked again in case a browser injects anyway).
    if (!isTopFrame() || !isHtmlDocument()) return;
    try {
      const ctx = createPageContext();
      const ask: Ask = async (type, req) => {
        if (ctx.isInvalid()) return null;
        try {
          return await askBackground(type, req);
        } catch {
          // "Extension context invalidated" after a reload, or a worker that did not answer: no marks, no error.
          ctx.isInvalid();
          return null;
        }
      };
      // The system clock, or in the e2e build the test's (read once; cards open long after).
      let clock: Clock = () => Date.now();
      void loadClock().then((c) => (clock = c), () => {});
      const session = createPageSession({
        doc: document,
        ask,
        now: () => clock(),
        signal: ctx.signal,
        setTimeout: (fn, ms) => ctx.setTimeout(fn, ms),
        clearTimeout: (id) => ctx.clearTimeout(id),
        // Checks now and then whether the runtime is gone (extension reloaded or removed) and then aborts
        // ctx.signal, which stops the session and removes everything it added.
        watchAlive: () => ctx.watchAlive(1500),
        // The browser's own message tables (_locales, written from components/ui/locales) in its interface language;
        // makeT falls back to English for a key they lack. WXT types getMessage by public/_locales, which we do not use.
        t: makeT((key) => (browser.i18n.getMessage as (name: string) => string).call(browser.i18n, key)),
      });
      const listener = (message: unknown, sender: { id?: string }) => answer(session, message, sender);
      browser.runtime.onMessage.addListener(listener);
      ctx.signal.addEventListener(
        'abort',
        () => {
          try {
            browser.runtime.onMessage.removeListener(listener);
          } catch {
            // the runtime is already gone
          }
        },
        { once: true },
      );
      // Same-document navigations (history.pushState sites) show a new article in the same page. The page decides
      // when they happen (and can make many): rescan only when the address really changed, and at most once per
      // quiet period however often it changes.
      // A jump to an anchor (#section) stays on the same article: the fragment is not part of the address compared.
      const address = () => location.href.split('#')[0];
      let scannedAddress = address();
      let rescanTimer: number | undefined;
      ctx.onLocationChange(() => {
        if (address() === scannedAddress || rescanTimer !== undefined) return;
        rescanTimer = ctx.setTimeout(() => {
          rescanTimer = undefined;
          if (address() === scannedAddress) return;
          scannedAddress = address();
          void session.rescan();
        }, RESCAN_QUIET_MS);
      });
      void session.start();
    } catch {
      // Never throw into the page: a failure here only means no marks.
    }
  },
});

/** Feeds and other XML shown by the browser are not articles, and an element of ours would change their tree. */
function isHtmlDocument(): boolean {
  try {
    return document.documentElement instanceof HTMLHtmlElement && /html/i.test(document.contentType);
  } catch {
    return false;
  }
}

function isTopFrame(): boolean {
  try {
    return window.top === window && window.self === window.top;
  } catch {
    return false;
  }
}

/** Messages from our background (settings, keyboard commands) and popup (page mentions). */
function answer(session: PageSession, message: unknown, sender: { id?: string }): Promise<unknown> | undefined {
  try {
    if (sender.id !== browser.runtime.id || typeof message !== 'object' || message === null) return undefined;
    const m = message as { type?: unknown; direction?: unknown; index?: unknown };
    switch (m.type) {
      case 'settings-changed':
        void session.settingsChanged();
        return undefined;
      case 'navigate':
        if (m.direction === 1 || m.direction === -1) void navigateMentions(session, m.direction).catch(() => {});
        return undefined;
      case 'page-mentions':
        return Promise.resolve(session.counts());
      case 'show-mention':
        if (typeof m.index !== 'number') return Promise.resolve({ ok: false });
        return session.showMention(m.index).then((ok) => ({ ok }), () => ({ ok: false }));
      default:
        return undefined;
    }
  } catch {
    return undefined;
  }
}
