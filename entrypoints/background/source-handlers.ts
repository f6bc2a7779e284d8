/**
 * Source management for extension pages: list, add, enable/disable, interval, remove, refresh. Fetching and the
 * refresh schedule live in `utils/refresh/`; this file adapts them to the message protocol.
 */
import type { KbDatabase } from '@/utils/kb/db';
import { bumpKbRevision } from '@/utils/kb/active-packs';
import { listSources } from '@/utils/kb/list-sources';
import { PACK_CONTENT_TABLES } from '@/utils/kb/records';
import { isAllowedSourceUrl } from '@/utils/sources/source-url';
import { toSafeLink } from '@/utils/pack/safe-url';
import type { Done } from '@/utils/messaging/protocol';
import type { ArticleView, ChangesView, SourceView } from '@/utils/messaging/views';

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
}

export interface SourceHandlerDeps {
  whenReady(): Promise<void>;
  /** The KB content changed (a source was disabled, removed or refreshed): open tabs repaint. */
  onKbChanged(): void;
  bundledSourceId: string;
}

function sourceIdFor(url: string): string {
  let hash = 0;
  for (let i = 0; i < url.length; i++) hash = (Math.imul(hash, 31) + url.charCodeAt(i)) | 0;
  return `src-${(hash >>> 0).toString(36)}`;
}

export function createSourceHandlers(db: KbDatabase, deps: SourceHandlerDeps): SourceHandlers {
  async function list(): Promise<SourceView[]> {
    await deps.whenReady();
    return listSources(db);
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
      const source = (await listSources(db)).find((s) => s.id === id);
      return source ? { ok: true, source } : { ok: false, error: 'The source could not be saved.' };
    },

    async update(id, patch) {
      const config = await db.sourceConfigs.get(id);
      if (!config) return { ok: false, error: 'No such source.' };
      if (patch.intervalMinutes !== undefined && patch.intervalMinutes < MIN_INTERVAL_MINUTES) {
        return { ok: false, error: `The refresh interval must be at least ${MIN_INTERVAL_MINUTES} minutes.` };
      }
      await db.transaction('rw', db.sourceConfigs, db.meta, async () => {
        await db.sourceConfigs.update(id, patch);
        if (patch.enabled !== undefined && patch.enabled !== config.enabled) await bumpKbRevision(db);
      });
      if (patch.enabled !== undefined) deps.onKbChanged();
      return { ok: true };
    },

    async remove(id) {
      if (id === deps.bundledSourceId) return { ok: false, error: 'The built-in story pack cannot be removed; you can switch it off.' };
      const tables = [...PACK_CONTENT_TABLES.map((name) => db.table(name)), db.packs, db.sourceConfigs, db.articles, db.meta];
      await db.transaction('rw', tables, async () => {
        for (const info of await db.packs.where('sourceId').equals(id).toArray()) {
          for (const name of PACK_CONTENT_TABLES) await db.table(name).where('packId').equals(info.id).delete();
          await db.packs.delete(info.id);
        }
        await db.articles.where('sourceId').equals(id).delete();
        await db.sourceConfigs.delete(id);
        await bumpKbRevision(db);
      });
      deps.onKbChanged();
      return { ok: true };
    },

    async refresh() {
      return { ok: false, error: 'Refreshing remote sources is not available in this build yet.' };
    },

    async confirmPackUpdate() {
      return { ok: false, error: 'There is no held-back update for this source.' };
    },

    async latestArticles(limit) {
      const [rows, configs] = await Promise.all([db.articles.orderBy('date').reverse().limit(limit).toArray(), db.sourceConfigs.toArray()]);
      const titleOf = new Map(configs.map((c) => [c.id, c.title]));
      return rows.flatMap((row): ArticleView[] => {
        const link = toSafeLink(row.url);
        if (!link) return [];
        return [
          {
            id: row.url,
            title: row.title,
            url: link.url,
            host: link.host,
            ...(row.date && { date: row.date }),
            sourceTitle: titleOf.get(row.sourceId) ?? '',
          },
        ];
      });
    },

    async whatsNew() {
      return { rounds: [], claims: [], positions: [], articles: [] };
    },
  };
}
