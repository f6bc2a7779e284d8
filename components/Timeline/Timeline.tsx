import type { TimelineItem } from '@/utils/messaging/views';
import { formatDate, STATUS_LABEL } from '../ui/format';

export interface TimelineProps {
  items: TimelineItem[];
  /** Compact strip (cards) or a full list (popup). */
  variant?: 'strip' | 'list';
}

/** The rounds and key events in date order, the current one marked. */
export function Timeline({ items, variant = 'strip' }: TimelineProps) {
  return (
    <ol class={`bs-timeline bs-timeline--${variant}`} data-testid="timeline" aria-label="Timeline of rounds">
      {items.map((item) => (
        <li
          key={item.id}
          class={`bs-tl bs-tl--${item.status} bs-tl--${item.type}${item.current ? ' bs-tl--current' : ''}`}
          aria-current={item.current ? 'step' : undefined}
          title={`${item.label} · ${formatDate(item.dateStart)} · ${STATUS_LABEL[item.status]}`}
        >
          <span class="bs-tl-dot" aria-hidden="true" />
          <span class="bs-tl-text">
            <span class="bs-tl-date">{formatDate(item.dateStart)}</span> {item.label}
            {item.status !== 'held' && <span class="bs-muted"> ({STATUS_LABEL[item.status]})</span>}
            {item.reported && <span class="bs-badge">reported</span>}
          </span>
        </li>
      ))}
    </ol>
  );
}
