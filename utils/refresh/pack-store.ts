/** Small KB reads and writes the refresher needs around whole packs; run inside the caller's transaction. */
import type { KbDatabase } from '../kb/db';
import { loadPack } from '../kb/load-packs';
import { PACK_CONTENT_TABLES } from '../kb/records';
import type { StoryPack } from '../model/pack';
import { isReportedPackId } from '../kb/reported-packs';
import type { PackFacts } from './reported';

/** Deletes a pack and all its rows. */
export async function deletePack(db: KbDatabase, packId: string): Promise<void> {
  for (const name of PACK_CONTENT_TABLES) await db.table(name).where('packId').equals(packId).delete();
  await db.packs.delete(packId);
}

export async function loadStoredPack(db: KbDatabase, packId: string): Promise<StoryPack | undefined> {
  const info = await db.packs.get(packId);
  return info ? loadPack(db, info) : undefined;
}

/** The rounds and figures of every stored story pack (reported packs left out): what confirms a reported fact. */
export async function readPackFacts(db: KbDatabase): Promise<PackFacts> {
  const [rounds, figures] = await Promise.all([db.rounds.toArray(), db.figures.toArray()]);
  return {
    rounds: rounds.filter((r) => !isReportedPackId(r.packId)),
    figures: figures.filter((f) => !isReportedPackId(f.packId)),
  };
}
