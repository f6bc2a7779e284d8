import type { LatestRoundView, RoundBrief, RoundCardData } from '@/utils/messaging/views';
import { localDay, shownStatus, type ShownStatus } from '@/utils/model/freshness';
import { formatDate, formatDateRange } from '../ui/format';
import { useT, type MessageKey } from '../ui/i18n';
import { SHOWN_STATUS_KEY } from '../ui/labels';
import { SourceLinks } from '../ui/SourceLinks';
import { RoundDetails } from './RoundDetails';

export interface RoundSummaryProps {
  view: LatestRoundView;
  /** Epoch ms: decides whether a planned round is still ahead or its date has passed. */
  now: number;
}

/** What the heading calls the round shown in full. */
const HEADING_KEY: Record<ShownStatus, MessageKey> = {
  held: 'round_latest_held',
  planned: 'round_next_planned',
  'date-passed': 'round_planned_passed',
  postponed: 'latest_round',
  cancelled: 'latest_round',
};

/**
 * The popup's round: the latest one held, in full, and the rounds after it in one line each (planned, date passed with
 * no report yet, postponed, cancelled); with no round held yet, the newest planned one. The heading says which it is.
 */
export function RoundSummary({ view, now }: RoundSummaryProps) {
  const t = useT();
  const today = localDay(now);
  const round: RoundCardData = view.held ?? view.round;
  const status = shownStatus(round, today);
  const after = view.pending.filter((p) => p.id !== round.id);
  return (
    <section class="bs-section" aria-labelledby="latest-round-title" data-testid="latest-round">
      <p class="bs-kind" data-testid="latest-round-kind">
        {t(HEADING_KEY[status])}
      </p>
      <h2 id="latest-round-title" class="bs-title">
        <bdi data-testid="latest-round-title">{round.label}</bdi>
        {round.reported && (
          <span class="bs-badge bs-badge--reported" data-testid="latest-round-reported">
            {t('reported')}
          </span>
        )}
      </h2>
      {round.reported && <p class="bs-warn">{t('reported_explained')}</p>}
      <RoundDetails round={round} now={now} />
      <SourceLinks sources={round.sources} limit={3} />
      {after.length > 0 && <PendingRounds rounds={after} today={today} heldFirst={status === 'held'} />}
      <p class="bs-muted bs-asof">
        {t('kb_as_of', { date: formatDate(round.asOf) })} · <bdi>{round.packTitle}</bdi>
      </p>
    </section>
  );
}

function PendingRounds({ rounds, today, heldFirst }: { rounds: RoundBrief[]; today: string; heldFirst: boolean }) {
  const t = useT();
  return (
    <div data-testid="pending-rounds">
      {heldFirst && <h3 class="bs-kind">{t('rounds_after_held')}</h3>}
      <ul class="bs-plain-list">
        {rounds.map((r) => {
          const status = shownStatus(r, today);
          return (
            <li key={r.id} data-testid="pending-round" data-status={status}>
              <bdi>{r.label}</bdi> · {formatDateRange(r.dateStart, r.dateEnd)} ·{' '}
              <span class={status === 'date-passed' ? 'bs-warn' : 'bs-muted'}>{t(SHOWN_STATUS_KEY[status])}</span>
              {r.reported && <span class="bs-badge bs-badge--reported">{t('reported')}</span>}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
