/** Sources as the options page and popup show them, with the refresh status the refresher keeps in the KB. */
import type { KbDatabase } from '../kb/db';
import { listSources } from '../kb/list-sources';
import type { SourceView } from '../messaging/views';
import { HELD_UPDATE_PREFIX, LOCK_TTL_MS, type HeldUpdate } from './refresher';

/**
 * `running`: the sources this worker is refreshing. Without `onlyRunning`, a live lock in the KB (another refresher's)
 * counts too; the background sets it, since a lock left by an earlier worker life is not a refresh in progress.
 */
export async function listSourceViews(
  db: KbDatabase,
  now: number,
  running: ReadonlySet<string> = new Set(),
  onlyRunning = false,
): Promise<SourceView[]> {
  const [base, configs, packs, held] = await Promise.all([
    listSources(db),
    db.sourceConfigs.toArray(),
    db.packs.toArray(),
    db.meta.where('key').startsWith(HELD_UPDATE_PREFIX).toArray(),
  ]);
  const configOf = new Map(configs.map((c) => [c.id, c]));
  const heldOf = new Map(held.map((row) => [row.key.slice(HELD_UPDATE_PREFIX.length), row.value as HeldUpdate]));
  const warningsOf = new Map<string, string[]>();
  for (const p of packs) if (p.warnings.length > 0 && !p.id.startsWith('reported-')) warningsOf.set(p.sourceId, p.warnings);
  return base.map((view) => {
    const c = configOf.get(view.id);
    if (!c) return view;
    const hold = heldOf.get(view.id);
    const lockLive = !onlyRunning && c.refreshingSince !== undefined && Math.abs(now - c.refreshingSince) <= LOCK_TTL_MS;
    const warnings = warningsOf.get(view.id);
    return {
      ...view,
      ...(c.kind !== 'bundled' ? { intervalMinutes: c.intervalMinutes } : {}),
      ...(c.lastAttempt !== undefined ? { lastAttempt: c.lastAttempt } : {}),
      ...(c.nextDue !== undefined && c.enabled ? { nextDue: c.nextDue } : {}),
      ...(c.items !== undefined ? { items: c.items } : {}),
      ...(running.has(c.id) || lockLive ? { refreshing: true } : {}),
      ...(c.permissionMissing ? { permissionMissing: true } : {}),
      ...(hold ? { heldUpdate: { version: hold.version, entities: hold.entities, currentEntities: hold.currentEntities } } : {}),
      ...(warnings ? { warnings } : {}),
    };
  });
}
