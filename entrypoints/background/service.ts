import { browser } from 'wxt/browser';
import bundledPack from '@/data/us-iran-talks.pack.json';
import { openKb, type KbDatabase } from '@/utils/kb/db';
import { importPack } from '@/utils/kb/import-pack';
import { getCardData } from '@/utils/kb/card-data';
import { getLatestRound } from '@/utils/kb/latest-round';
import { clearNetworkLog, pruneNetworkLog, readNetworkLog } from '@/utils/kb/network-log';
import { highlightCss, markStyleOf } from '@/utils/style/highlight-css';
import { validatePack } from '@/utils/pack/validate-pack';
import { compareVersions } from '@/utils/pack/compare-versions';
import type { AnyRequest } from '@/utils/messaging/parse-request';
import type { BackgroundRequests, BackgroundType, Reply } from '@/utils/messaging/protocol';
import { createMatcherCache } from './matcher-cache';
import { createUserData } from './user-data';
import { createSourceHandlers, type SourceHandlers } from './source-handlers';
import { broadcastToTabs } from './broadcast';
import { createInjectedStyles, type InjectedStyles } from './injected-styles';

const BUNDLED_SOURCE_ID = 'bundled';
/** A card's Refresh opens the popup at most this often per tab. */
const SHOW_FRESHNESS_EVERY_MS = 3000;

interface RequestOrigin {
  tabId?: number;
  windowId?: number;
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
  sources: SourceHandlers;
  /** What was injected into which tab (the wiring forgets a tab when it closes). */
  styles: InjectedStyles;
  /** Drops network-log rows past their week (the wiring calls it when the worker wakes). */
  pruneNetworkLog(): Promise<void>;
}

/** Network-log rows an extension page gets when it does not say how many. */
const NETWORK_LOG_PAGE = 200;

function hostOf(origin: string | undefined): string | undefined {
  if (!origin) return undefined;
  try {
    return new URL(origin).hostname;
  } catch {
    return undefined;
  }
}

export function createBackground(
  db: KbDatabase = openKb(),
  styles: InjectedStyles = createInjectedStyles(),
  now: () => number = Date.now,
): BackgroundService {
  let ready: Promise<void> | undefined;

  async function ensureBundledPack(): Promise<void> {
    const stored = await db.packs.get((bundledPack as { id: string }).id);
    if (stored?.sourceId === BUNDLED_SOURCE_ID && stored.version === (bundledPack as { version: string }).version) return;
    const checked = validatePack(bundledPack);
    // CI validates the bundled pack; this guards a broken build from ever reaching the KB.
    if (!checked.ok) throw new Error(`The bundled pack is invalid: ${checked.errors.slice(0, 3).join('; ')}`);
    const pack = checked.pack;
    // An enabled remote copy of the same pack, as new or newer, supersedes the bundled one; a disabled or removed
    // one gives the story back to the bundled copy.
    if (stored && stored.sourceId !== BUNDLED_SOURCE_ID) {
      const holder = await db.sourceConfigs.get(stored.sourceId);
      if (holder?.enabled && compareVersions(stored.version, pack.version) >= 0) return;
    }
    await importPack(db, pack, BUNDLED_SOURCE_ID, checked.warnings);
  }

  /** A woken worker may receive a scan before onInstalled/onStartup finished: every handler waits for the KB. */
  function whenReady(): Promise<void> {
    ready ??= ensureBundledPack().catch((error: unknown) => {
      ready = undefined;
      throw error;
    });
    return ready;
  }

  const matcher = createMatcherCache(db, whenReady);
  const userData = createUserData(db, async (id) => {
    const [entity, round, figure] = await Promise.all([
      db.entities.where('id').equals(id).first(),
      db.rounds.where('id').equals(id).first(),
      db.figures.where('id').equals(id).first(),
    ]);
    return entity?.name ?? round?.label ?? figure?.label;
  });
  const notifyTabs = () => broadcastToTabs({ type: 'settings-changed' });
  const sources = createSourceHandlers(db, {
    whenReady,
    onKbChanged: notifyTabs,
    bundledSourceId: BUNDLED_SOURCE_ID,
    getIndex: () => matcher.getIndex(),
    restoreBundled: ensureBundledPack,
    now,
  });

  const lastShown = new Map<number | undefined, number>();
  /**
   * A card's Refresh, from a content script: content scripts may not refresh (they are untrusted), so the reader is
   * taken to the popup, where "Refresh now" is an extension page's request. Opening a view changes no state; a page
   * that sends this over and over gets at most one popup per tab every few seconds.
   */
  async function showFreshness(origin: RequestOrigin): Promise<{ ok: boolean }> {
    const now = Date.now();
    if (now - (lastShown.get(origin.tabId) ?? -Infinity) < SHOW_FRESHNESS_EVERY_MS) return { ok: false };
    lastShown.set(origin.tabId, now);
    try {
      await browser.action.openPopup(origin.windowId !== undefined ? { windowId: origin.windowId } : {});
    } catch {
      // Firefox opens the popup only from a click on our own UI, and Chromium only in a focused window.
      await browser.runtime.openOptionsPage();
    }
    return { ok: true };
  }

  const handlers: Handlers = {
    async scan(request) {
      return { mentions: await matcher.match(request.text, request.context) };
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
      const settings = await userData.getSettings();
      // A new look comes with new names: the rules injected for the old ones are removed, not left in the page.
      await styles.inject({ tabId: origin.tabId, frameId: origin.frameId ?? 0 }, highlightCss(request.names, markStyleOf(settings)));
      return { ok: true };
    },
    async 'page-settings'(_request, origin) {
      return userData.pageSettings(hostOf(origin.pageOrigin));
    },
    async 'not-this'(request, origin) {
      const result = await userData.addSuppression(hostOf(origin.pageOrigin), request.id);
      if (result.ok) notifyTabs();
      return result;
    },
    'show-freshness': (_request, origin) => showFreshness(origin),
    async 'latest-round'() {
      await whenReady();
      return getLatestRound(db);
    },
    async timeline() {
      await whenReady();
      return (await getLatestRound(db))?.round.timeline ?? [];
    },
    'latest-articles': (request) => sources.latestArticles(request.limit ?? 10),
    'whats-new': (request) => sources.whatsNew(request.markSeen),
    'list-sources': () => sources.list(),
    'add-source': (request) => sources.add(request.url, request.kind),
    'update-source': (request) => sources.update(request.id, request),
    'remove-source': (request) => sources.remove(request.id),
    refresh: (request) => sources.refresh(request.id),
    'confirm-pack-update': (request) => sources.confirmPackUpdate(request.id),
    'get-settings': () => userData.getSettings(),
    async 'set-settings'(request) {
      const settings = await userData.setSettings(request.patch);
      notifyTabs();
      return settings;
    },
    'list-suppressions': () => userData.listSuppressions(),
    async 'remove-suppression'(request) {
      const result = await userData.removeSuppression(request.site, request.id);
      notifyTabs();
      return result;
    },
    'export-data': () => userData.exportData(),
    'plan-import': (request) => userData.planImport(request.json),
    async 'apply-import'(request) {
      const result = await userData.applyImport(request.json);
      if (result.ok) notifyTabs();
      return result;
    },
    async 'network-log'(request) {
      // Pruned before it is shown too: a worker kept alive for days by an open page still shows only the last week.
      await pruneNetworkLog(db, now());
      return readNetworkLog(db, request.limit ?? NETWORK_LOG_PAGE);
    },
    async 'clear-network-log'() {
      await clearNetworkLog(db);
      return { ok: true };
    },
    async reset() {
      const result = await userData.reset([BUNDLED_SOURCE_ID]);
      ready = undefined;
      await whenReady();
      notifyTabs();
      return result;
    },
  };

  return {
    ensureBundledPack: whenReady,
    sources,
    styles,
    async pruneNetworkLog() {
      await pruneNetworkLog(db, now());
    },
    handle(request, origin) {
      const handler = handlers[request.type] as (r: AnyRequest, o: RequestOrigin) => Promise<unknown>;
      return handler(request, origin);
    },
  };
}
