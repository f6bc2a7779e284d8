/**
 * The story-pack model (format 1). A pack is pure data: strings, numbers, ISO dates, URLs and ids.
 * `data/pack.schema.json` describes the same shape for pack authors; `utils/pack/validate-pack.ts` enforces it.
 */

export const PACK_FORMAT = 1 as const;

/** `YYYY-MM-DD`. */
export type IsoDate = string;
/** Local id, unique within its collection in one pack: lowercase letters, digits and hyphens. */
export type Id = string;

export type SourceTier = 'wire' | 'outlet' | 'state-media' | 'official' | 'rights-group' | 'aggregator';

/** A page a fact comes from. Every fact refers to one or more of these by id. */
export interface Source {
  id: Id;
  url: string;
  publisher: string;
  date?: IsoDate;
  title?: string;
  tier: SourceTier;
}

export type EntityKind = 'person' | 'org' | 'place' | 'event' | 'term';

export interface Alias {
  text: string;
  /** BCP 47 language of the spelling, e.g. `en`, `fa`, `ar`. */
  lang?: string;
  /** ISO 15924 script, e.g. `Latn`, `Arab`. */
  script?: string;
  /** A bare surname or a common word: marked only when the page's context resolves it. */
  ambiguous?: boolean;
  /**
   * Acronyms such as `US` or `IAEA`: matched only with this exact case. A mixed-case alias (`Muscat`) also matches
   * in all capitals (`MUSCAT`, in datelines and headlines).
   */
  caseSensitive?: boolean;
}

export interface Role {
  title: string;
  from?: IsoDate;
  to?: IsoDate;
  /**
   * Descriptive phrases that mean whoever holds this role while it is held ("Iran's top diplomat", "the Omani
   * mediator"), per language. `ambiguous` on phrases that need the page to pick a country ("the foreign minister").
   * A phrase given to two roles held at the same time is unclear on those dates and is left unmarked.
   */
  phrases?: Alias[];
  sources: Id[];
}

/** How strongly a mention signals that a page is about the story: `core` alone suffices; `context` needs company. */
export type Salience = 'core' | 'context';

export interface Entity {
  id: Id;
  kind: EntityKind;
  name: string;
  aliases: Alias[];
  roles: Role[];
  /** Id from `StoryPack.sides`. */
  side?: Id;
  summary: string;
  salience: Salience;
  /** Longer phrases that contain an alias but mean something else ("Trump Tower"): never marked as this entity. */
  excludes?: string[];
  wikidata?: string;
  sources: Id[];
}

export interface Side {
  id: Id;
  label: string;
}

export type RoundStatus = 'planned' | 'held' | 'postponed' | 'cancelled';
export type TalksFormat = 'direct' | 'indirect' | 'mixed';

export interface Delegation {
  side: Id;
  head: Id;
  members: Id[];
}

/** A series of rounds under one mediator or host, e.g. the Oman-mediated 2025 rounds. */
export interface Track {
  id: Id;
  label: string;
  mediators: Id[];
  from: IsoDate;
  to?: IsoDate;
  sources: Id[];
}

export interface Round {
  id: Id;
  /** Display label, e.g. "Round 2 (Geneva)". */
  label: string;
  track: Id;
  /** Ordinal within its track ("the second round"); absent for events that are not numbered rounds. */
  ordinal?: number;
  /** `round` for a negotiating session, `event` for a key event on the timeline (strikes, ceasefire, MoU). */
  type: 'round' | 'event';
  dateStart: IsoDate;
  dateEnd?: IsoDate;
  venue: string;
  /** Place entity ids (city, country) used to recognise "talks in Geneva". */
  places: Id[];
  /**
   * How articles name this round or event ("the 12-day war", "the Islamabad MoU", "Lake Lucerne Summit"), per
   * language. `ambiguous` on generic phrases several items share ("the war", "the ceasefire"): those mean the latest
   * such item up to the article's date, and only on pages about the story.
   */
  aliases?: Alias[];
  format?: TalksFormat;
  mediators: Id[];
  delegations: Delegation[];
  status: RoundStatus;
  outcome?: string;
  nextStep?: string;
  /** Carried from a single low-reliability source: shown as reported, never as settled. */
  reported?: boolean;
  sources: Id[];
}

/** How a claimed number relates to the truth the claimant asserts. */
export type Bound = 'exact' | 'about' | 'more-than' | 'at-least' | 'up-to';
export type Qualifier =
  | 'official'
  | 'confirmed'
  | 'verified'
  | 'estimate'
  | 'projection'
  | 'under-investigation'
  | 'unconfirmed';

export interface Claim {
  id: Id;
  claimant: string;
  /** Entity id of the claimant, when the pack has one. */
  claimantEntity?: Id;
  /** A single value, or `low`/`high` for a range (either may be open). */
  value?: number;
  low?: number;
  high?: number;
  bound: Bound;
  qualifier?: Qualifier;
  asOf: IsoDate;
  /** Context for the number, or the whole claim when it is qualitative ("set back a few months"). */
  note?: string;
  reported?: boolean;
  sources: Id[];
}

export interface FigureRecognition {
  /** Words that say what is counted ("killed", "enriched uranium"); one must be in the sentence. */
  measureWords: string[];
  /** Words that say which event it is about ("protests", "crackdown"); one must be within the paragraph. */
  topicWords: string[];
  /** Numbers outside this range are not this figure. */
  min: number;
  max: number;
  /** Unit words accepted right after the number ("kg", "kilograms", "people"). */
  unitWords?: string[];
}

export interface Figure {
  id: Id;
  label: string;
  /** What the numbers count, e.g. "people killed", "kg of uranium enriched to 60%". */
  unit: string;
  recognise: FigureRecognition;
  claims: Claim[];
}

export interface Issue {
  id: Id;
  label: string;
  summary?: string;
}

export interface Position {
  party: Id;
  issue: Id;
  stance: string;
  date: IsoDate;
  reported?: boolean;
  sources: Id[];
}

/** Phrases that refer to the story's negotiations in general ("the talks", "nuclear negotiations"). */
export interface TalksTerms {
  label: string;
  phrases: string[];
  /**
   * Sides a page must name something of (a person, organisation or place on that side), unless it uses a phrase that
   * names the story, before anything is marked: the US envoys of the Iran talks also lead the Gaza and Ukraine
   * talks, and those pages name no one from Iran.
   */
  anchors?: Id[];
}

export interface StoryPack {
  format: typeof PACK_FORMAT;
  id: Id;
  /** Semantic version of this pack's content. */
  version: string;
  title: string;
  /** Date up to which the facts were checked. */
  asOf: IsoDate;
  description: string;
  /** Where readers report a wrong fact (https URL or mailto:). */
  reportUrl: string;
  talks: TalksTerms;
  sides: Side[];
  sources: Source[];
  entities: Entity[];
  tracks: Track[];
  rounds: Round[];
  figures: Figure[];
  issues: Issue[];
  positions: Position[];
}
