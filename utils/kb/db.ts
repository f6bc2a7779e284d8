/** The knowledge base: one Dexie database per profile, written only by the background. */
import Dexie, { type Table } from 'dexie';
import { applyMigrations } from './migrations';
import type {
  ArticleRow,
  EntityRow,
  FigureRow,
  IssueRow,
  KeyValueRow,
  NetworkLogRow,
  NoteRow,
  PackInfoRow,
  PositionRow,
  RoundRow,
  SeenRow,
  SourceConfigRow,
  SourceRow,
  SuppressionRow,
  TrackRow,
} from './records';

const KB_NAME = 'backstory';

type PackKey = [string, string];

export class KbDatabase extends Dexie {
  packs!: Table<PackInfoRow, string>;
  sources!: Table<SourceRow, PackKey>;
  entities!: Table<EntityRow, PackKey>;
  tracks!: Table<TrackRow, PackKey>;
  rounds!: Table<RoundRow, PackKey>;
  figures!: Table<FigureRow, PackKey>;
  issues!: Table<IssueRow, PackKey>;
  positions!: Table<PositionRow, [string, number]>;
  sourceConfigs!: Table<SourceConfigRow, string>;
  articles!: Table<ArticleRow, string>;
  suppressions!: Table<SuppressionRow, [string, string]>;
  notes!: Table<NoteRow, string>;
  seen!: Table<SeenRow, string>;
  settings!: Table<KeyValueRow, string>;
  meta!: Table<KeyValueRow, string>;
  networkLog!: Table<NetworkLogRow, number>;

  constructor(name: string = KB_NAME) {
    super(name);
    applyMigrations(this);
  }
}

export function openKb(name: string = KB_NAME): KbDatabase {
  return new KbDatabase(name);
}
