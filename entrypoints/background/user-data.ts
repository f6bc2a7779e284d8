/**
 * The reader's settings, "not this" suppressions, backup and reset. The background is the only writer; content
 * scripts get only what their own site needs (`pageSettings`) and may only add a suppression for their own site.
 */
import type { KbDatabase } from '@/utils/kb/db';
import { bumpKbRevision } from '@/utils/kb/active-packs';
import { exportAll, importAll, planImport } from '@/utils/kb/export-data';
import { PACK_CONTENT_TABLES, USER_TABLES } from '@/utils/kb/records';
import { DEFAULT_SETTINGS, isActiveOn, repairSettings, type Settings } from '@/utils/model/settings';
import type { Done } from '@/utils/messaging/protocol';
import type { ImportPlan, PageSettings, SuppressionView } from '@/utils/messaging/views';

const SETTINGS_KEY = 'settings';
/** At most this many "not this" writes per site per minute: a hostile page cannot flood the table. */
export const NOT_THIS_PER_MINUTE = 20;

interface UserData {
  getSettings(): Promise<Settings>;
  setSettings(patch: Partial<Settings>): Promise<Settings>;
  pageSettings(host: string | undefined): Promise<PageSettings>;
  addSuppression(host: string | undefined, id: string, now?: number): Promise<{ ok: boolean }>;
  listSuppressions(): Promise<SuppressionView[]>;
  removeSuppression(site: string, id: string): Promise<Done>;
  exportData(): Promise<{ json: string; fileName: string }>;
  planImport(json: string): Promise<Done<{ plan: ImportPlan }>>;
  applyImport(json: string): Promise<Done<{ plan: ImportPlan }>>;
  reset(keepSourceIds: readonly string[]): Promise<Done>;
}

export function createUserData(db: KbDatabase, labelOf: (id: string) => Promise<string | undefined>): UserData {
  async function getSettings(): Promise<Settings> {
    const row = await db.settings.get(SETTINGS_KEY);
    return row ? repairSettings(row.value).settings : { ...DEFAULT_SETTINGS, kinds: [...DEFAULT_SETTINGS.kinds] };
  }

  function parseJson(json: string): { ok: true; value: unknown } | { ok: false; error: string } {
    try {
      return { ok: true, value: JSON.parse(json) };
    } catch (error) {
      return { ok: false, error: `The file is not valid JSON: ${(error as Error).message}` };
    }
  }

  function planView(summary: { sources: number; packs: number; settings: number; suppressions: number }, warnings: string[]): ImportPlan {
    return { ...summary, warnings };
  }

  return {
    getSettings,

    async setSettings(patch) {
      const current = await getSettings();
      const { settings } = repairSettings({ ...current, ...patch });
      await db.settings.put({ key: SETTINGS_KEY, value: settings });
      return settings;
    },

    async pageSettings(host) {
      const settings = await getSettings();
      const active = host !== undefined && isActiveOn(settings, host);
      const suppressed = active ? (await db.suppressions.where('site').equals(host).toArray()).map((r) => r.mentionId) : [];
      return {
        active,
        kinds: settings.kinds,
        markMode: settings.markMode,
        underline: settings.underline,
        tint: settings.tint,
        staleAfterDays: settings.staleAfterDays,
        theme: settings.theme,
        suppressed,
      };
    },

    async addSuppression(host, id, now = Date.now()) {
      if (!host) return { ok: false };
      return db.transaction('rw', db.suppressions, async () => {
        const recent = await db.suppressions
          .where('site')
          .equals(host)
          .filter((r) => r.createdAt > now - 60_000)
          .count();
        if (recent >= NOT_THIS_PER_MINUTE) return { ok: false };
        await db.suppressions.put({ site: host, mentionId: id, createdAt: now });
        return { ok: true };
      });
    },

    async listSuppressions() {
      const rows = await db.suppressions.toArray();
      const views = await Promise.all(
        rows.map(async (r) => ({ site: r.site, id: r.mentionId, label: (await labelOf(r.mentionId)) ?? r.mentionId, at: r.createdAt })),
      );
      return views.sort((a, b) => a.site.localeCompare(b.site) || b.at - a.at);
    },

    async removeSuppression(site, id) {
      await db.suppressions.delete([site, id]);
      return { ok: true };
    },

    async exportData() {
      const data = await exportAll(db);
      const day = new Date(data.exportedAt).toISOString().slice(0, 10);
      return { json: JSON.stringify(data, null, 1), fileName: `backstory-backup-${day}.json` };
    },

    async planImport(json) {
      const parsed = parseJson(json);
      if (!parsed.ok) return parsed;
      const planned = planImport(parsed.value);
      if (!planned.ok) return { ok: false, error: 'The file cannot be imported.', problems: planned.errors };
      return { ok: true, plan: planView(planned.plan.summary, planned.plan.warnings) };
    },

    async applyImport(json) {
      const parsed = parseJson(json);
      if (!parsed.ok) return parsed;
      const result = await importAll(db, parsed.value);
      if (!result.ok) return { ok: false, error: 'The file cannot be imported.', problems: result.errors };
      return { ok: true, plan: planView(result.summary, result.warnings) };
    },

    async reset(keepSourceIds) {
      const keep = new Set(keepSourceIds);
      await db.transaction('rw', db.tables, async () => {
        const packs = await db.packs.toArray();
        for (const info of packs) {
          if (keep.has(info.sourceId)) continue;
          for (const name of PACK_CONTENT_TABLES) await db.table(name).where('packId').equals(info.id).delete();
          await db.packs.delete(info.id);
        }
        await db.sourceConfigs.filter((s) => !keep.has(s.id)).delete();
        await db.sourceConfigs.toCollection().modify({ enabled: true });
        for (const name of USER_TABLES) await db.table(name).clear();
        await db.settings.clear();
        await db.articles.clear();
        await bumpKbRevision(db);
      });
      return { ok: true };
    },
  };
}
