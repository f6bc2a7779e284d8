/** Message keys for the domain's fixed words (statuses, formats, kinds), so every UI names them the same way. */
import type { ShownStatus } from '@/utils/model/freshness';
import type { MentionKind } from '@/utils/model/mention';
import type { RoundStatus, TalksFormat } from '@/utils/model/pack';
import type { MessageKey } from './i18n';

export const STATUS_KEY: Record<RoundStatus, MessageKey> = {
  held: 'status_held',
  planned: 'status_planned',
  postponed: 'status_postponed',
  cancelled: 'status_cancelled',
};

/** A round's status as shown today: a planned round whose date passed is said to be so (utils/model/freshness.ts). */
export const SHOWN_STATUS_KEY: Record<ShownStatus, MessageKey> = { ...STATUS_KEY, 'date-passed': 'status_date_passed' };

export const FORMAT_KEY: Record<TalksFormat, MessageKey> = {
  direct: 'format_direct',
  indirect: 'format_indirect',
  mixed: 'format_mixed',
};

/** Plural nouns, used as "People: 3". */
export const KIND_KEY: Record<MentionKind, MessageKey> = {
  person: 'kind_person',
  org: 'kind_org',
  place: 'kind_place',
  event: 'kind_event',
  term: 'kind_term',
  talks: 'kind_talks',
  round: 'kind_round',
  figure: 'kind_figure',
};

export const SOURCE_KIND_KEY: Record<'bundled' | 'pack' | 'feed', MessageKey> = {
  bundled: 'source_kind_bundled',
  pack: 'source_kind_pack',
  feed: 'source_kind_feed',
};
