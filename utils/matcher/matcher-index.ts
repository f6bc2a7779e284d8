/**
 * The compiled matcher index: plain structured-cloneable data (typed arrays, arrays, plain objects) so it can be
 * persisted in IndexedDB and loaded by a woken service worker without rebuilding.
 */
import type { Bound, EntityKind, Id, IsoDate, RoundStatus } from '../model/pack';
import type { Trie } from './trie';

/** Bump when the shape below changes; a stored index with another version is rebuilt. */
export const MATCHER_INDEX_VERSION = 5;

export const PAYLOAD_ENTITY = 0;
export const PAYLOAD_TALKS = 1;
/** An entity's `excludes` phrase: wins the span and marks nothing. */
export const PAYLOAD_EXCLUDE = 2;

export const FLAG_AMBIGUOUS = 1;
export const FLAG_CASE_SENSITIVE = 2;
export const FLAG_ARABIC_SCRIPT = 4;
/** A talks phrase that names the story ("nuclear talks"), not just any talks ("the talks"). */
export const FLAG_SPECIFIC = 8;

export interface IndexedRole {
  title: string;
  from?: IsoDate;
  to?: IsoDate;
}

export interface IndexedEntity {
  id: Id;
  kind: EntityKind;
  name: string;
  core: boolean;
  /** On a side the pack's talks are anchored to (`talks.anchors`). */
  anchor?: true;
  roles: IndexedRole[];
}

export interface IndexedRound {
  id: Id;
  label: string;
  track: Id;
  ordinal?: number;
  type: 'round' | 'event';
  status: RoundStatus;
  dateStart: IsoDate;
  dateEnd?: IsoDate;
  /** Indexes into `MatcherIndex.entities`. */
  places: number[];
}

export interface IndexedClaim {
  id: Id;
  bound: Bound;
  asOf: IsoDate;
  value?: number;
  low?: number;
  high?: number;
  /**
   * Normalized claimant names: the claimant string, the shorter names derived from it (`claimantShortNames`) and the
   * claimant entity's unambiguous aliases.
   */
  claimantNames: string[];
}

export interface IndexedFigure {
  id: Id;
  label: string;
  /** Normalized. */
  measureWords: string[];
  topicWords: string[];
  unitWords: string[];
  min: number;
  max: number;
  claims: IndexedClaim[];
}

export interface MatcherIndex {
  version: number;
  trie: Trie;
  /** Payloads of key `k` are `keyPayloadStart[k] .. keyPayloadStart[k + 1]`. */
  keyPayloadStart: Int32Array;
  payloadKind: Uint8Array;
  /** Entity index for entity and exclude payloads. */
  payloadRef: Int32Array;
  payloadFlags: Uint8Array;
  /** Case-kept normalized alias for case-sensitive payloads, '' otherwise. */
  payloadCased: string[];
  entities: IndexedEntity[];
  talksLabel: string;
  /** Some pack anchors its talks to sides: a page must then name something on one of them (see relevance.ts). */
  anchored: boolean;
  rounds: IndexedRound[];
  figures: IndexedFigure[];
}
