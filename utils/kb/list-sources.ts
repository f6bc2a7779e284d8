/** Configured sources as the options page and popup show them: the bundled pack, remote packs, feeds; by title. */
import type { SourceView } from '../messaging/views';
import type { KbDatabase } from './db';
import type { SourceKind } from './records';
import { isReportedPackId } from './reported-packs';

const KIND_ORDER: Record<SourceKind, number> = { bundled: 0, pack: 1, feed: 2 };

export async function listSources(db: KbDatabase): Promise<SourceView[]> {
  const [configs, packs] = await Promise.all([db.sourceConfigs.toArray(), db.packs.toArray()]);
  const versionOf = new Map(packs.map((p) => [p.sourceId, p.version]));
  // A feed's reported pack is dated by its last fetch, not by facts: only story packs say how current the facts are.
  const asOfOf = new Map(packs.filter((p) => !isReportedPackId(p.id)).map((p) => [p.sourceId, p.asOf]));
  return configs
    .sort((a, b) => KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || a.title.localeCompare(b.title))
    .map((c) => {
      const version = versionOf.get(c.id);
      const asOf = asOfOf.get(c.id);
      return {
        id: c.id,
        kind: c.kind,
        title: c.title,
        ...(c.url ? { url: c.url } : {}),
        ...(version ? { version } : {}),
        ...(c.lastSuccess !== undefined ? { lastUpdated: c.lastSuccess } : {}),
        ...(asOf ? { asOf } : {}),
        enabled: c.enabled,
        ...(c.lastError ? { error: c.lastError } : {}),
      };
    });
}
