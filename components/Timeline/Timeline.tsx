import type { TimelineItem } from '@/utils/messaging/views';
import { localDay, shownStatus } from '@/utils/model/freshness';
import { formatDate } from '../ui/format';
import { useT } from '../ui/i18n';
import { SHOWN_STATUS_KEY } from '../ui/labels';

export interface TimelineProps {
  items: TimelineItem[];
  /** Epoch ms: a planned round whose date passed is written as such, never as upcoming. */
  now: number;
  /** Compact strip (cards) or a full list (popup). */
  variant?: 'strip' | 'list';
}

/** The rounds and key events in date order, the current one marked. Status is written out, not only drawn. */
export function Timeline({ items, now, variant = 'strip' }: TimelineProps) {
  const t = useT();
  const today = localDay(now);
  return (
    <ol class={`bs-timeline bs-timeline--${variant}`} data-testid="timeline" aria-label={t('timeline_label')}>
      {items.map((item) => {
        const status = shownStatus(item, today);
        return (
          <li
            key={item.id}
            class={`bs-tl bs-tl--${status} bs-tl--${item.type}${item.current ? ' bs-tl--current' : ''}`}
            aria-current={item.current ? 'step' : undefined}
            data-testid="timeline-item"
            title={`${item.label} · ${formatDate(item.dateStart)} · ${t(SHOWN_STATUS_KEY[status])}`}
          >
            <span class="bs-tl-dot" aria-hidden="true" />
            <span class="bs-tl-text">
              <bdi class="bs-tl-date">{formatDate(item.dateStart)}</bdi> <bdi>{item.label}</bdi>
              {status !== 'held' && (
                <span class="bs-muted" data-testid="timeline-status">
                  {' '}
                  ({t(SHOWN_STATUS_KEY[status])})
                </span>
              )}
              {item.reported && <span class="bs-badge bs-badge--reported">{t('reported')}</span>}
            </span>
          </li>
        );
      })}
    </ol>
  );
}
