import type { RoundCardData } from '@/utils/messaging/views';
import { formatDateRange, FORMAT_LABEL, STATUS_LABEL } from '../ui/format';

export interface RoundDetailsProps {
  round: RoundCardData;
}

/** The facts of one round as a definition list; shared by the round card and the popup. */
export function RoundDetails({ round }: RoundDetailsProps) {
  const rows: [string, string | undefined][] = [
    ['Date', formatDateRange(round.dateStart, round.dateEnd)],
    ['Venue', round.venue],
    ['Status', STATUS_LABEL[round.status] + (round.reported ? ' (reported, not confirmed)' : '')],
    ['Format', round.format && FORMAT_LABEL[round.format]],
    ['Mediator', round.mediators.join(', ') || undefined],
    ...round.delegations.map(
      (d): [string, string] => [d.side, [d.head, ...d.members].filter(Boolean).join(', ')],
    ),
    ['Outcome', round.outcome],
    ['Next step', round.nextStep],
  ];
  return (
    <dl class="bs-facts" data-testid="round-details">
      {rows
        .filter((row): row is [string, string] => Boolean(row[1]))
        .map(([term, value]) => (
          <div class="bs-fact" key={term}>
            <dt>{term}</dt>
            <dd>{value}</dd>
          </div>
        ))}
    </dl>
  );
}
