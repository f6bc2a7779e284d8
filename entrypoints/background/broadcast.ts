import { browser } from 'wxt/browser';
import type { ContentEvents, PageEvents } from '@/utils/messaging/protocol';

type Event<M> = { [K in keyof M]: { type: K } & M[K] }[keyof M];

/** Tells every tab's content script; tabs without one (browser pages, paused sites) just do not answer. */
export function broadcastToTabs(event: Event<ContentEvents>): void {
  void browser.tabs
    .query({})
    .then((tabs) => {
      for (const tab of tabs) {
        if (tab.id !== undefined) browser.tabs.sendMessage(tab.id, event).catch(() => {});
      }
    })
    .catch(() => {});
}

/** Tells open extension pages (popup, options); nobody has to be listening. */
export function broadcastToPages(event: Event<PageEvents>): void {
  browser.runtime.sendMessage(event).catch(() => {});
}
