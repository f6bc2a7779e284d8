import type { LatestRoundView } from '@/utils/messaging/views';
import { formatDate } from '../ui/format';
import { useT } from '../ui/i18n';
import { SourceLinks } from '../ui/SourceLinks';
import { RoundDetails } from './RoundDetails';

export interface RoundSummaryProps {
  view: LatestRoundView;
}

/** The latest round in brief, for the popup; a round known only from feeds says so up front. */
export function RoundSummary({ view }: RoundSummaryProps) {
  const t = useT();
  const { round } = view;
  return (
    <section class="bs-section" aria-labelledby="latest-round-title" data-testid="latest-round">
      <p class="bs-kind">{t('latest_round')}</p>
      <h2 id="latest-round-title" class="bs-title">
        <bdi data-testid="latest-round-title">{round.label}</bdi>
        {round.reported && (
          <span class="bs-badge bs-badge--reported" data-testid="latest-round-reported">
            {t('reported')}
          </span>
        )}
      </h2>
      {round.reported && <p class="bs-warn">{t('reported_explained')}</p>}
      <RoundDetails round={round} />
      <SourceLinks sources={round.sources} limit={3} />
      <p class="bs-muted bs-asof">
        {t('kb_as_of', { date: formatDate(round.asOf) })} · <bdi>{round.packTitle}</bdi>
      </p>
    </section>
  );
}
