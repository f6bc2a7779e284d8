import { browser } from 'wxt/browser';
import bundledPack from '@/data/us-iran-talks.pack.json';
import { openKb, type KbDatabase } from '@/utils/kb/db';
import { importPack } from '@/utils/kb/import-pack';
import { loadPacks } from '@/utils/kb/load-packs';
import { getCardData } from '@/utils/kb/card-data';
import { getLatestRound } from '@/utils/kb/latest-round';
import { listSources } from '@/utils/kb/list-sources';
import { buildIndex } from '@/utils/matcher/build-index';
import { matchMentions } from '@/utils/matcher/match-mentions';
import { highlightCss } from '@/utils/dom/highlight-css';
import type { StoryPack } from '@/utils/model/pack';
import type { AnyRequest } from '@/utils/messaging/parse-request';
import type { BackgroundRequests, BackgroundType, Reply } from '@/utils/messaging/protocol';

export const BUNDLED_SOURCE_ID = 'bundled';

export interface RequestOrigin {
  tabId?: number;
  frameId?: number;
  /** Origin of the sender's tab, taken from the browser (`sender.tab.url`), never from the message. */
  pageOrigin?: string;
  trusted: boolean;
}

type Handlers = {
  [K in BackgroundType]: (
    request: Extract<AnyRequest, { type: K }>,
    origin: RequestOrigin,
  ) => Promise<Reply<BackgroundRequests, K>>;
};

export interface BackgroundService {
  ensureBundledPack(): Promise<void>;
  handle(request: AnyRequest, origin: RequestOrigin): Promise<unknown>;
}

export function createBackground(db: KbDatabase = openKb()): BackgroundService {
  let index: ReturnType<typeof buildIndex> | undefined;
  let ready: Promise<void> | undefined;

  async function ensureBundledPack(): Promise<void> {
    const pack = bundledPack as unknown as StoryPack;
    const stored = await db.packs.get(pack.id);
    if (stored?.version === pack.version) return;
    await importPack(db, pack, BUNDLED_SOURCE_ID);
    index = undefined;
  }

  /** A woken worker may receive a scan before onInstalled/onStartup finished: every handler waits for the KB. */
  function whenReady(): Promise<void> {
    ready ??= ensureBundledPack().catch((error: unknown) => {
      ready = undefined;
      throw error;
    });
    return ready;
  }

  async function getIndex() {
    await whenReady();
    index ??= buildIndex(await loadPacks(db));
    return index;
  }

  const handlers: Handlers = {
    async scan(request) {
      const mentions = matchMentions(await getIndex(), request.text, request.context);
      return { mentions };
    },
    async card(request) {
      await whenReady();
      return getCardData(db, request);
    },
    async 'inject-styles'(request, origin) {
      // insertCSS needs host access to the page, which Backstory only holds where the reader granted it (content
      // scripts alone do not give it). Elsewhere the content script falls back to a <style> of its own.
      if (origin.tabId === undefined || !origin.pageOrigin) return { ok: false };
      const granted = await browser.permissions.contains({ origins: [`${origin.pageOrigin}/*`] });
      if (!granted) return { ok: false };
      await browser.scripting.insertCSS({
        target: { tabId: origin.tabId, frameIds: [origin.frameId ?? 0] },
        css: highlightCss(request.names),
        origin: 'USER',
      });
      return { ok: true };
    },
    async 'latest-round'() {
      await whenReady();
      return getLatestRound(db);
    },
    async 'list-sources'() {
      await whenReady();
      return listSources(db);
    },
  };

  return {
    ensureBundledPack: whenReady,
    handle(request, origin) {
      const handler = handlers[request.type] as (r: AnyRequest, o: RequestOrigin) => Promise<unknown>;
      return handler(request, origin);
    },
  };
}
