/**
 * Plain, serialisable view models the background sends to UIs. Components render these and nothing else:
 * every string in them is data, to be shown as text.
 */
import type { ArticleContext } from '../model/freshness';
import type { MentionKind } from '../model/mention';
import type {
  Bound,
  EntityKind,
  Qualifier,
  RoundStatus,
  SourceTier,
  TalksFormat,
} from '../model/pack';
import type { SourceRequest } from '../sources/request-record';

export interface SourceLink {
  /** Always an http(s) URL: anything else is dropped before it reaches a view. */
  url: string;
  host: string;
  publisher: string;
  date?: string;
  tier?: SourceTier;
}

export interface CardCommon {
  /** Date up to which the pack's facts were checked. */
  asOf: string;
  packTitle: string;
  /** Where to report a wrong fact (http(s) or mailto:), when the pack names one. */
  reportUrl?: string;
  sources: SourceLink[];
  /** The article the card opened on, against these facts (when the page has a date). */
  article?: ArticleContext;
}

export interface TimelineItem {
  id: string;
  label: string;
  dateStart: string;
  status: RoundStatus;
  type: 'round' | 'event';
  reported?: boolean;
  current: boolean;
}

export interface EntityCardData extends CardCommon {
  type: 'entity';
  id: string;
  kind: EntityKind;
  name: string;
  aliases: string[];
  /** The role held on the article's date (or the latest one). */
  role?: string;
  side?: string;
  summary: string;
  positions: { issue: string; stance: string; date: string; reported?: boolean; sources: SourceLink[] }[];
  rounds: { id: string; label: string; dateStart: string }[];
  coverage: { title: string; url: string; host: string; date?: string }[];
}

export interface RoundCardData extends CardCommon {
  type: 'round';
  id: string;
  /** True when the mention was "the talks" in general and this is the latest round. */
  general: boolean;
  label: string;
  dateStart: string;
  dateEnd?: string;
  venue: string;
  format?: TalksFormat;
  mediators: string[];
  delegations: { side: string; head: string; members: string[] }[];
  status: RoundStatus;
  outcome?: string;
  nextStep?: string;
  reported?: boolean;
  timeline: TimelineItem[];
}

export interface ClaimView {
  id: string;
  claimant: string;
  value?: number;
  low?: number;
  high?: number;
  bound: Bound;
  qualifier?: Qualifier;
  asOf: string;
  note?: string;
  reported?: boolean;
  matched: boolean;
  sources: SourceLink[];
}

export interface FigureCardData extends CardCommon {
  type: 'figure';
  id: string;
  label: string;
  unit: string;
  /** The number read from the article, when known. */
  articleValue?: number;
  claims: ClaimView[];
}

export type CardData = EntityCardData | RoundCardData | FigureCardData;

/** A round in one line: the popup's rounds after the latest held one. */
export interface RoundBrief {
  id: string;
  label: string;
  dateStart: string;
  dateEnd?: string;
  venue: string;
  status: RoundStatus;
  reported?: boolean;
}

export interface LatestRoundView {
  /** The newest negotiating round by date, whatever its status (its timeline is the popup's). */
  round: RoundCardData;
  /** The latest round that was held, when it is not `round`. */
  held?: RoundCardData;
  /** The rounds after the latest held one (or all, when none was held), oldest first: planned, postponed, cancelled. */
  pending: RoundBrief[];
}

export interface SourceView {
  id: string;
  kind: 'bundled' | 'pack' | 'feed';
  title: string;
  url?: string;
  version?: string;
  /** Epoch ms of the last successful check (a fetch that brought new data or "not modified"). */
  lastUpdated?: number;
  /** Story packs: the date their facts are current to. */
  asOf?: string;
  enabled: boolean;
  /** Last error in plain words, e.g. "The server answered 404 (not found)". */
  error?: string;
  intervalMinutes?: number;
  lastAttempt?: number;
  nextDue?: number;
  /** Feeds: items in the last fetch; packs: entities. */
  items?: number;
  /** A refresh of this source is running now. */
  refreshing?: boolean;
  /** The origin's host permission was revoked: nothing is fetched until it is granted again. */
  permissionMissing?: boolean;
  /** A pack update held back because it would drop more than half of the entities. */
  heldUpdate?: { version: string; entities: number; currentEntities: number };
  /** Validation warnings of the last import (unknown keys dropped, …). */
  warnings?: string[];
}

/** What the content script needs to know about its own site. */
export interface PageSettings {
  /** False on paused or unlisted sites and when Backstory is switched off: scan nothing. */
  active: boolean;
  kinds: MentionKind[];
  markMode: 'first' | 'all';
  underline: 'default' | 'solid' | 'dotted' | 'dashed' | 'wavy';
  tint: boolean;
  staleAfterDays: number;
  theme: 'auto' | 'light' | 'dark';
  /** Entity, round or figure ids the reader hid on this site with "not this". */
  suppressed: string[];
}

export interface SuppressionView {
  site: string;
  id: string;
  label: string;
  at: number;
}

export interface ArticleView {
  id: string;
  title: string;
  url: string;
  host: string;
  date?: string;
  sourceTitle: string;
}

export interface ChangesView {
  /** Epoch ms of the previous visit; absent on the first. */
  since?: number;
  rounds: { id: string; label: string; dateStart: string; reported?: boolean }[];
  claims: { figureId: string; figureLabel: string; claimant: string; value: string; asOf: string; reported?: boolean }[];
  positions: { party: string; issue: string; stance: string; date: string }[];
  articles: ArticleView[];
}

/** What importing a backup file would change, shown before anything is written. */
export interface ImportPlan {
  sources: number;
  packs: number;
  settings: number;
  suppressions: number;
  warnings: string[];
}

/** One request Backstory made, for the network log on the options page. */
export type NetworkLogEntryView = SourceRequest & { id: number };

export interface NetworkLogView {
  /** Newest first. */
  entries: NetworkLogEntryView[];
  /** Rows kept in all (the entries may be fewer: the request's limit). */
  total: number;
  /** Of those, answered 304: nothing new was downloaded. */
  notModified: number;
  /** How long requests are kept, in days, and at most how many. */
  keptDays: number;
  maxRows: number;
}
