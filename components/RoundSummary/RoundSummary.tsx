import type { LatestRoundView } from '@/utils/messaging/views';
import { formatDate } from '../ui/format';
import { SourceLinks } from '../ui/SourceLinks';
import { Timeline } from '../Timeline/Timeline';
import { RoundDetails } from './RoundDetails';

export interface RoundSummaryProps {
  view: LatestRoundView;
}

/** The latest round in brief, for the popup. */
export function RoundSummary({ view }: RoundSummaryProps) {
  const { round } = view;
  return (
    <section class="bs-summary-block" aria-labelledby="latest-round-title" data-testid="latest-round">
      <p class="bs-kind">Latest round</p>
      <h2 id="latest-round-title" class="bs-title" data-testid="latest-round-title">
        {round.label}
      </h2>
      <RoundDetails round={round} />
      <SourceLinks sources={round.sources} limit={3} />
      <details class="bs-timeline-details">
        <summary>All rounds and key events ({round.timeline.length})</summary>
        <Timeline items={round.timeline} variant="list" />
      </details>
      <p class="bs-muted bs-asof">
        Knowledge base as of {formatDate(round.asOf)} · {round.packTitle}
      </p>
    </section>
  );
}
