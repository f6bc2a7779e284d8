/** Reassembles the stored packs, in their original order, e.g. to build the matcher index. */
import type { StoryPack } from '../model/pack';
import { PACK_FORMAT } from '../model/pack';
import { getActivePackIds } from './active-packs';
import type { KbDatabase } from './db';
import type { PackInfoRow, PackRow } from './records';
import { storyPacksFirst } from './reported-packs';

/** Strips the storage-only fields so a loaded pack equals the imported one. */
function fromRows<T extends object>(rows: readonly PackRow<T>[]): T[] {
  return [...rows]
    .sort((a, b) => a.ord - b.ord)
    .map((row) => {
      const { packId: _packId, ord: _ord, ...item } = row;
      return item as unknown as T;
    });
}

export async function loadPack(db: KbDatabase, info: PackInfoRow): Promise<StoryPack> {
  const id = info.id;
  const [sources, entities, tracks, rounds, figures, issues, positions] = await Promise.all([
    db.sources.where('packId').equals(id).toArray(),
    db.entities.where('packId').equals(id).toArray(),
    db.tracks.where('packId').equals(id).toArray(),
    db.rounds.where('packId').equals(id).toArray(),
    db.figures.where('packId').equals(id).toArray(),
    db.issues.where('packId').equals(id).toArray(),
    db.positions.where('packId').equals(id).toArray(),
  ]);
  return {
    format: PACK_FORMAT,
    id,
    version: info.version,
    title: info.title,
    asOf: info.asOf,
    description: info.description,
    reportUrl: info.reportUrl,
    talks: info.talks,
    sides: info.sides,
    sources: fromRows(sources),
    entities: fromRows(entities),
    tracks: fromRows(tracks),
    rounds: fromRows(rounds),
    figures: fromRows(figures),
    issues: fromRows(issues),
    positions: fromRows(positions),
  };
}

/** The packs in use (a disabled source's pack is left out unless `includeDisabled`), in one consistent read. */
export async function loadPacks(db: KbDatabase, options: { includeDisabled?: boolean } = {}): Promise<StoryPack[]> {
  const tables = [db.packs, db.sourceConfigs, db.sources, db.entities, db.tracks, db.rounds, db.figures, db.issues, db.positions];
  return db.transaction('r', tables, async () => {
    const active = await getActivePackIds(db);
    // Story packs first: where ids repeat (a reported pack repeats a figure's id), the index keeps the first.
    const infos = (await db.packs.toArray())
      .filter((info) => options.includeDisabled || active.has(info.id))
      .sort(storyPacksFirst);
    return Promise.all(infos.map((info) => loadPack(db, info)));
  });
}
