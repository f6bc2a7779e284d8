/** The popup's "latest round in brief". */
import type { LatestRoundView } from '../messaging/views';
import { buildRoundCard, findLatestRound } from './card-data';
import type { KbDatabase } from './db';

export async function getLatestRound(db: KbDatabase): Promise<LatestRoundView | null> {
  const latest = await findLatestRound(db);
  const round = latest ? await buildRoundCard(db, latest, true) : null;
  return round ? { round } : null;
}
