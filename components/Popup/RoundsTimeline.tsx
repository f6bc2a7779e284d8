import type { TimelineItem } from '@/utils/messaging/views';
import { useT } from '../ui/i18n';
import { Timeline } from '../Timeline/Timeline';

export interface RoundsTimelineProps {
  /** Null while loading. */
  items: TimelineItem[] | null;
  /** Epoch ms: planned rounds whose date passed say so. */
  now: number;
  error?: string;
}

/** Every round and key event, folded away until asked for. */
export function RoundsTimeline({ items, now, error }: RoundsTimelineProps) {
  const t = useT();
  return (
    <section class="bs-section" aria-labelledby="timeline-title" data-testid="rounds-timeline">
      <h2 id="timeline-title" class="bs-visually-hidden">
        {t('timeline_title')}
      </h2>
      {error && <p class="bs-error">{t('error_with', { error })}</p>}
      {!error && !items && <p class="bs-muted">{t('loading')}</p>}
      {items && items.length === 0 && <p class="bs-muted">{t('timeline_empty')}</p>}
      {items && items.length > 0 && (
        <details data-testid="timeline-details">
          <summary>{t('timeline_summary', { n: items.length })}</summary>
          <Timeline items={items} now={now} variant="list" />
        </details>
      )}
    </section>
  );
}
