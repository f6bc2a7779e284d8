import type { RoundCardData } from '@/utils/messaging/views';
import { localDay, shownStatus } from '@/utils/model/freshness';
import { formatDateRange } from '../ui/format';
import { useT } from '../ui/i18n';
import { FORMAT_KEY, SHOWN_STATUS_KEY } from '../ui/labels';

export interface RoundDetailsProps {
  round: RoundCardData;
  /** Epoch ms: a planned round whose date is before today shows as "date passed — no report yet". */
  now: number;
}

/** The facts of one round as a definition list; shared by the round card and the popup. */
export function RoundDetails({ round, now }: RoundDetailsProps) {
  const t = useT();
  const status = shownStatus(round, localDay(now));
  // The third field is a test id, for the one row tests read (the status).
  const rows: [string, string | undefined, string?][] = [
    [t('round_date'), formatDateRange(round.dateStart, round.dateEnd)],
    [t('round_venue'), round.venue],
    [t('round_status'), t(SHOWN_STATUS_KEY[status]) + (round.reported ? ` (${t('reported_not_confirmed')})` : ''), 'round-status'],
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
        .filter((row): row is [string, string, string?] => Boolean(row[1]))
        .map(([term, value, testId], i) => (
          <div class="bs-fact" key={`${i}:${term}`}>
            <dt>{term}</dt>
            <dd dir="auto" data-testid={testId}>
              {value}
            </dd>
          </div>
        ))}
    </dl>
  );
}
