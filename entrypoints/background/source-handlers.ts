/**
 * Source management for extension pages: list, add, enable/disable, interval, remove, refresh. Fetching and the
 * refresh schedule live in `utils/refresh/`; this file adapts them to the message protocol.
 */
import type { KbDatabase } from '@/utils/kb/db';
import { bumpKbRevision } from '@/utils/kb/active-packs';
import { browser } from 'wxt/browser';
import type { MatcherIndex } from '@/utils/matcher/matcher-index';
import { createRefresher, heldKey, type RefreshEvent } from '@/utils/refresh/refresher';
import { listSourceViews } from '@/utils/refresh/source-views';
import { whatsNew } from '@/utils/refresh/whats-new';
import { PACK_CONTENT_TABLES } from '@/utils/kb/records';
import { appendNetworkLog } from '@/utils/kb/network-log';
import { isAllowedSourceUrl } from '@/utils/sources/source-url';
import { toSafeLink } from '@/utils/pack/safe-url';
import type { Done } from '@/utils/messaging/protocol';
import type { ArticleView, ChangesView, SourceView } from '@/utils/messaging/views';
import { broadcastToPages } from './broadcast';
import { createMatcherCache } from './matcher-cache';

export const MIN_INTERVAL_MINUTES = 15;
export const DEFAULT_INTERVAL_MINUTES = 60;

export interface SourceHandlers {
  list(): Promise<SourceView[]>;
  add(url: string, kind: 'pack' | 'feed'): Promise<Done<{ source: SourceView }>>;
  update(id: string, patch: { enabled?: boolean; intervalMinutes?: number }): Promise<Done>;
  remove(id: string): Promise<Done>;
  refresh(id?: string): Promise<Done>;
  confirmPackUpdate(id: string): Promise<Done>;
  latestArticles(limit: number): Promise<ArticleView[]>;
  whatsNew(markSeen: boolean): Promise<ChangesView>;
  /** Refreshes what is due (the alarm, startup). */
  refreshDue(): Promise<void>;
  /** A message woke the worker: check what is due unless that was done recently. */
  wake(): void;
}

interface SourceHandlerDeps {
  whenReady(): Promise<void>;
  /** The KB content changed (a source was disabled, removed or refreshed): open tabs repaint. */
  onKbChanged(): void;
  bundledSourceId: string;
  /** The matcher index of the current KB (the scan cache's); without it the handlers keep a cache of their own. */
  getIndex?(): Promise<MatcherIndex>;
  /**
   * Puts the bundled pack back when a remote copy that superseded it was switched off or removed (the lead wires it
   * to an import of the bundled pack unless an enabled source holds a newer copy).
   */
  restoreBundled?(): Promise<void>;
  /** Test seams; production uses the real clock, fetch and permissions API. */
  now?(): number;
  hasOriginPermission?(url: string): Promise<boolean>;
}

/** A message-triggered check of what is due runs at most this often per worker life. */
export const WAKE_CHECK_MS = 5 * 60_000;

/** Host permission for a source's origin (the port does not matter to match patterns). */
async function hasOriginPermission(url: string): Promise<boolean> {
  try {
    const { protocol, hostname } = new URL(url);
    return await browser.permissions.contains({ origins: [`${protocol}//${hostname}/*`] });
  } catch {
    return false;
  }
}

function sourceIdFor(url: string): string {
  let hash = 0;
  for (let i = 0; i < url.length; i++) hash = (Math.imul(hash, 31) + url.charCodeAt(i)) | 0;
  return `src-${(hash >>> 0).toString(36)}`;
}

export function createSourceHandlers(db: KbDatabase, deps: SourceHandlerDeps): SourceHandlers {
  const now = deps.now ?? Date.now;
  const getIndex = deps.getIndex ?? createMatcherCache(db, deps.whenReady).getIndex;
  let lastDueCheck: number | undefined;

  function onChange(event: RefreshEvent): void {
    if (event.kbChanged) {
      deps.onKbChanged();
      broadcastToPages({ type: 'kb-changed' });
    }
    void listSourceViews(db, now(), refresher.running(), true)
      .then((sources) => broadcastToPages({ type: 'sources-changed', sources }))
      .catch(() => {});
  }

  const refresher = createRefresher(db, {
    now,
    random: Math.random,
    hasOriginPermission: deps.hasOriginPermission ?? hasOriginPermission,
    getIndex: async () => {
      await deps.whenReady();
      return getIndex();
    },
    onChange,
    // Every request of every refresh (a source's first one, when it is added, included) goes to the network log.
    recordRequest: (request) => appendNetworkLog(db, request, now()),
    // One background context per profile: a lock left by an earlier worker life is stale at once.
    exclusive: true,
  });

  async function list(): Promise<SourceView[]> {
    await deps.whenReady();
    return listSourceViews(db, now(), refresher.running(), true);
  }

  async function refreshDue(): Promise<void> {
    lastDueCheck = now();
    await deps.whenReady();
    await refresher.refreshDue();
  }

  return {
    list,

    async add(url, kind) {
      const checked = isAllowedSourceUrl(url.trim());
      if (!checked.ok) return { ok: false, error: checked.error };
      const href = checked.url.href;
      const id = sourceIdFor(href);
      if (await db.sourceConfigs.get(id)) return { ok: false, error: 'This source is already in your list.' };
      await db.sourceConfigs.put({
        id,
        kind,
        url: href,
        title: checked.url.host,
        enabled: true,
        intervalMinutes: DEFAULT_INTERVAL_MINUTES,
      });
      const source = (await list()).find((s) => s.id === id);
      if (!source) return { ok: false, error: 'The source could not be saved.' };
      // The first refresh runs on its own; its progress reaches the page as `sources-changed`.
      void refresher.refresh(id).catch(() => {});
      return { ok: true, source };
    },

    async update(id, patch) {
      const config = await db.sourceConfigs.get(id);
      if (!config) return { ok: false, error: 'No such source.' };
      if (patch.intervalMinutes !== undefined && patch.intervalMinutes < MIN_INTERVAL_MINUTES) {
        return { ok: false, error: `The refresh interval must be at least ${MIN_INTERVAL_MINUTES} minutes.` };
      }
      await db.transaction('rw', db.sourceConfigs, db.meta, async () => {
        const changes: Partial<typeof config> = { ...patch };
        // Switching a source back on (e.g. one that was gone) fetches it at once and in full (no validators), so a
        // pack that superseded the bundled one supersedes it again.
        if (patch.enabled === true && !config.enabled) {
          Object.assign(changes, { nextDue: undefined, failures: 0, etag: undefined, lastModified: undefined });
        }
        await db.sourceConfigs.update(id, changes);
        if (patch.enabled !== undefined && patch.enabled !== config.enabled) await bumpKbRevision(db);
      });
      if (patch.enabled === false && config.kind === 'pack') await deps.restoreBundled?.();
      if (patch.enabled !== undefined) deps.onKbChanged();
      return { ok: true };
    },

    async remove(id) {
      if (id === deps.bundledSourceId) return { ok: false, error: 'The built-in story pack cannot be removed; you can switch it off.' };
      const config = await db.sourceConfigs.get(id);
      const tables = [...PACK_CONTENT_TABLES.map((name) => db.table(name)), db.packs, db.sourceConfigs, db.articles, db.meta];
      await db.transaction('rw', tables, async () => {
        for (const info of await db.packs.where('sourceId').equals(id).toArray()) {
          for (const name of PACK_CONTENT_TABLES) await db.table(name).where('packId').equals(info.id).delete();
          await db.packs.delete(info.id);
        }
        await db.articles.where('sourceId').equals(id).delete();
        await db.meta.delete(heldKey(id));
        await db.sourceConfigs.delete(id);
        await bumpKbRevision(db);
      });
      if (config?.kind === 'pack') await deps.restoreBundled?.();
      deps.onKbChanged();
      return { ok: true };
    },

    async refresh(id) {
      await deps.whenReady();
      if (id !== undefined) {
        const config = await db.sourceConfigs.get(id);
        if (!config) return { ok: false, error: 'No such source.' };
        if (config.kind === 'bundled') return { ok: false, error: 'The built-in story pack comes with Backstory and is not fetched.' };
        if (!config.enabled) return { ok: false, error: 'This source is switched off.' };
      }
      const outcomes = await refresher.refresh(id);
      const failed = id !== undefined ? outcomes.find((o) => o.status === 'error') : undefined;
      return failed?.status === 'error' ? { ok: false, error: failed.error } : { ok: true };
    },

    async confirmPackUpdate(id) {
      await deps.whenReady();
      return refresher.confirmPackUpdate(id);
    },

    async latestArticles(limit) {
      const configs = await db.sourceConfigs.toArray();
      const titleOf = new Map(configs.map((c) => [c.id, c.title]));
      const enabled = new Set(configs.filter((c) => c.enabled).map((c) => c.id));
      // Newest first across feeds; a switched-off feed's items are kept but not shown.
      const rows = await db.articles
        .orderBy('date')
        .reverse()
        .filter((row) => enabled.has(row.sourceId))
        .limit(Math.max(0, Math.min(limit, 100)))
        .toArray();
      return rows.flatMap((row): ArticleView[] => {
        const link = toSafeLink(row.url);
        if (!link) return [];
        return [
          {
            id: row.id ?? row.url,
            title: row.title,
            url: link.url,
            host: link.host,
            ...(row.date && { date: row.date }),
            sourceTitle: titleOf.get(row.sourceId) ?? '',
          },
        ];
      });
    },

    async whatsNew(markSeen) {
      await deps.whenReady();
      return whatsNew(db, markSeen, now());
    },

    refreshDue,

    wake() {
      if (lastDueCheck !== undefined && now() - lastDueCheck < WAKE_CHECK_MS) return;
      lastDueCheck = now();
      void refreshDue().catch(() => {});
    },
  };
}
