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

/**
 * The one table of kind names, as message keys: `one` names a single mark (a card's kind line, "Abbas Araghchi,
 * person, 3 of 12" for screen readers), `many` heads a count ("People: 3") or a choice of kinds.
 */
export const KIND_NAME: Record<MentionKind, { one: MessageKey; many: MessageKey }> = {
  person: { one: 'kind_one_person', many: 'kind_person' },
  org: { one: 'kind_one_org', many: 'kind_org' },
  place: { one: 'kind_one_place', many: 'kind_place' },
  event: { one: 'kind_one_event', many: 'kind_event' },
  term: { one: 'kind_one_term', many: 'kind_term' },
  talks: { one: 'kind_one_talks', many: 'kind_talks' },
  round: { one: 'kind_one_round', many: 'kind_round' },
  figure: { one: 'kind_one_figure', many: 'kind_figure' },
};

export const SOURCE_KIND_KEY: Record<'bundled' | 'pack' | 'feed', MessageKey> = {
  bundled: 'source_kind_bundled',
  pack: 'source_kind_pack',
  feed: 'source_kind_feed',
};
