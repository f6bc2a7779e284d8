/** Configured sources as the options page and popup show them: the bundled pack first, then by title. */
import type { SourceView } from '../messaging/views';
import type { KbDatabase } from './db';

export async function listSources(db: KbDatabase): Promise<SourceView[]> {
  const [configs, packs] = await Promise.all([db.sourceConfigs.toArray(), db.packs.toArray()]);
  const versionOf = new Map(packs.map((p) => [p.sourceId, p.version]));
  return configs
    .sort((a, b) => Number(b.kind === 'bundled') - Number(a.kind === 'bundled') || a.title.localeCompare(b.title))
    .map((c) => {
      const version = versionOf.get(c.id);
      return {
        id: c.id,
        kind: c.kind,
        title: c.title,
        ...(c.url ? { url: c.url } : {}),
        ...(version ? { version } : {}),
        ...(c.lastSuccess !== undefined ? { lastUpdated: c.lastSuccess } : {}),
        enabled: c.enabled,
        ...(c.lastError ? { error: c.lastError } : {}),
      };
    });
}
