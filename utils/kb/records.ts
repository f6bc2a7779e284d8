/**
 * What the knowledge base stores, table by table. Pack rows are the pack's own objects plus the id of the pack
 * they came from and their position in it (`ord`), so a pack can be reassembled exactly as it was imported.
 */
import type {
  Entity,
  Figure,
  Id,
  Issue,
  Position,
  Round,
  Side,
  Source,
  TalksTerms,
  Track,
} from '../model/pack';
import type { SourceRequest } from '../sources/request-record';

export type PackRow<T> = T & { packId: Id; ord: number };

export type SourceRow = PackRow<Source>;
export type EntityRow = PackRow<Entity>;
export type TrackRow = PackRow<Track>;
export type RoundRow = PackRow<Round>;
export type FigureRow = PackRow<Figure>;
export type IssueRow = PackRow<Issue>;
/** Positions have no id of their own: a party may change its stance on an issue, so `ord` is the key. */
export type PositionRow = PackRow<Position>;

export interface PackInfoRow {
  id: Id;
  version: string;
  title: string;
  asOf: string;
  description: string;
  reportUrl: string;
  talks: TalksTerms;
  sides: Side[];
  /** The configured source (`sourceConfigs.id`) the pack was imported from. */
  sourceId: string;
  /** Epoch ms. */
  importedAt: number;
  /** Validator warnings of the imported text (e.g. unknown keys dropped). */
  warnings: string[];
}

export type SourceKind = 'bundled' | 'pack' | 'feed';

/** A configured source: the bundled pack, a remote pack or an RSS/Atom feed. Timestamps are epoch ms. */
export interface SourceConfigRow {
  id: string;
  kind: SourceKind;
  url?: string;
  title: string;
  enabled: boolean;
  intervalMinutes: number;
  lastAttempt?: number;
  lastSuccess?: number;
  nextDue?: number;
  lastError?: string;
  etag?: string;
  lastModified?: string;
  /** Feeds: how many items the last fetch returned. */
  items?: number;
  /** The final address (after redirects) the stored `etag`/`lastModified` came from. */
  validatorUrl?: string;
  /** Consecutive failed attempts, for the backoff (utils/sources/schedule.ts); 0 or absent after a success. */
  failures?: number;
  /** The origin's host permission was missing at the last attempt: nothing was fetched. */
  permissionMissing?: boolean;
  /**
   * A refresh lock with an expiry (utils/refresh/): set when a refresh of this source starts, cleared when it ends.
   * The worker can die in between, so a lock older than a few minutes, or held by an earlier worker life, is stale.
   */
  refreshingSince?: number;
  refreshOwner?: string;
}

/**
 * A feed item (the shape of `FeedArticle` in utils/sources/feed-items.ts), plus what the matcher found in its
 * title and summary: `entityIds` feed the "latest coverage" of entity cards.
 */
export interface ArticleRow {
  /** `sourceId|itemId`: the same story from two feeds is two articles. */
  id: string;
  sourceId: string;
  url: string;
  title: string;
  /** ISO 8601. */
  date: string;
  summary: string;
  entityIds?: Id[];
  roundIds?: Id[];
}

/** "Not this": a mention the reader dismissed on one site. */
export interface SuppressionRow {
  site: string;
  mentionId: string;
  createdAt: number;
}

export interface NoteRow {
  id: string;
  refKind: string;
  refId: string;
  text: string;
  updatedAt: number;
}

/** What the reader has seen, e.g. the latest round shown in the popup ("what changed since"). */
export interface SeenRow {
  key: string;
  value: unknown;
  at: number;
}

export interface KeyValueRow {
  key: string;
  value: unknown;
}

/** One request Backstory made for a source (utils/kb/network-log.ts); `id` is given by the table. */
export type NetworkLogRow = SourceRequest & { id?: number };

/** Tables filled from packs, emptied and refilled per pack on import. */
export const PACK_CONTENT_TABLES = ['sources', 'entities', 'tracks', 'rounds', 'figures', 'issues', 'positions'] as const;
export type PackContentTable = (typeof PACK_CONTENT_TABLES)[number];

/** The reader's own data: never touched by a pack import. */
export const USER_TABLES = ['suppressions', 'notes', 'seen'] as const;
