/** The popup's "latest round in brief". */
import type { LatestRoundView } from '../messaging/views';
import { buildRoundCard, findLatestRound } from './card-data';
import { getActivePackIds } from './active-packs';
import type { KbDatabase } from './db';

export async function getLatestRound(db: KbDatabase): Promise<LatestRoundView | null> {
  const tables = [db.packs, db.sourceConfigs, db.sources, db.entities, db.rounds];
  return db.transaction('r', tables, async () => {
    const latest = await findLatestRound(db, await getActivePackIds(db));
    const round = latest ? await buildRoundCard(db, latest, true) : null;
    return round ? { round } : null;
  });
}
