import type { RoundCardData } from '@/utils/messaging/views';
import { formatDateRange } from '../ui/format';
import { useT } from '../ui/i18n';
import { FORMAT_KEY, STATUS_KEY } from '../ui/labels';

export interface RoundDetailsProps {
  round: RoundCardData;
}

/** The facts of one round as a definition list; shared by the round card and the popup. */
export function RoundDetails({ round }: RoundDetailsProps) {
  const t = useT();
  const rows: [string, string | undefined][] = [
    [t('round_date'), formatDateRange(round.dateStart, round.dateEnd)],
    [t('round_venue'), round.venue],
    [t('round_status'), t(STATUS_KEY[round.status]) + (round.reported ? ` (${t('reported_not_confirmed')})` : '')],
    [t('round_format'), round.format && t(FORMAT_KEY[round.format])],
    [t('round_mediator'), round.mediators.join(', ') || undefined],
    ...round.delegations.map(
      (d): [string, string] => [d.side, [d.head, ...d.members].filter(Boolean).join(', ')],
    ),
    [t('round_outcome'), round.outcome],
    [t('round_next_step'), round.nextStep],
  ];
  return (
    <dl class="bs-facts" data-testid="round-details">
      {rows
        .filter((row): row is [string, string] => Boolean(row[1]))
        .map(([term, value], i) => (
          <div class="bs-fact" key={`${i}:${term}`}>
            <dt>{term}</dt>
            <dd dir="auto">{value}</dd>
          </div>
        ))}
    </dl>
  );
}
