import type { TimelineItem } from '@/utils/messaging/views';
import { formatDate } from '../ui/format';
import { useT } from '../ui/i18n';
import { STATUS_KEY } from '../ui/labels';

export interface TimelineProps {
  items: TimelineItem[];
  /** Compact strip (cards) or a full list (popup). */
  variant?: 'strip' | 'list';
}

/** The rounds and key events in date order, the current one marked. Status is written out, not only drawn. */
export function Timeline({ items, variant = 'strip' }: TimelineProps) {
  const t = useT();
  return (
    <ol class={`bs-timeline bs-timeline--${variant}`} data-testid="timeline" aria-label={t('timeline_label')}>
      {items.map((item) => (
        <li
          key={item.id}
          class={`bs-tl bs-tl--${item.status} bs-tl--${item.type}${item.current ? ' bs-tl--current' : ''}`}
          aria-current={item.current ? 'step' : undefined}
          data-testid="timeline-item"
          title={`${item.label} · ${formatDate(item.dateStart)} · ${t(STATUS_KEY[item.status])}`}
        >
          <span class="bs-tl-dot" aria-hidden="true" />
          <span class="bs-tl-text">
            <bdi class="bs-tl-date">{formatDate(item.dateStart)}</bdi> <bdi>{item.label}</bdi>
            {item.status !== 'held' && (
              <span class="bs-muted" data-testid="timeline-status">
                {' '}
                ({t(STATUS_KEY[item.status])})
              </span>
            )}
            {item.reported && <span class="bs-badge bs-badge--reported">{t('reported')}</span>}
          </span>
        </li>
      ))}
    </ol>
  );
}
