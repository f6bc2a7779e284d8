/** The popup's "latest round in brief": the newest round, the latest held one, and what is pending after it. */
import type { LatestRoundView, RoundBrief } from '../messaging/views';
import { roundsAtHand } from '../model/freshness';
import { buildRoundCard, findLatestRound } from './card-data';
import { getActivePackIds } from './active-packs';
import type { KbDatabase } from './db';
import type { RoundRow } from './records';
import { firstOfEach, storyPacksFirst } from './reported-packs';

function brief(r: RoundRow): RoundBrief {
  return {
    id: r.id,
    label: r.label,
    dateStart: r.dateStart,
    ...(r.dateEnd ? { dateEnd: r.dateEnd } : {}),
    venue: r.venue,
    status: r.status,
    ...(r.reported ? { reported: true } : {}),
  };
}

/** Time-free on purpose: which pending round is upcoming and which has passed is the popup's call, by its clock. */
export async function getLatestRound(db: KbDatabase): Promise<LatestRoundView | null> {
  const tables = [db.packs, db.sourceConfigs, db.sources, db.entities, db.rounds];
  return db.transaction('r', tables, async () => {
    const active = await getActivePackIds(db);
    const latest = await findLatestRound(db, active);
    const round = latest ? await buildRoundCard(db, latest, true) : null;
    if (!latest || !round) return null;
    // A round id repeated in a reported pack is the story pack's round.
    const rows = firstOfEach(
      (await db.rounds.toArray()).filter((r) => active.has(r.packId)).sort(storyPacksFirst),
      (r) => r.id,
    );
    const { held, pending } = roundsAtHand(rows);
    const heldCard = held && held.id !== latest.id ? await buildRoundCard(db, held, true) : null;
    return { round, ...(heldCard ? { held: heldCard } : {}), pending: pending.map(brief) };
  });
}
