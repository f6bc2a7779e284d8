import type { SourceView } from '@/utils/messaging/views';
import { useT } from '../ui/i18n';
import { relativeTime } from '../ui/relative-time';

export interface FreshnessProps {
  /** Null while loading. */
  sources: SourceView[] | null;
  now: number;
  /** A refresh was asked for and has not finished. */
  refreshing: boolean;
  /** Words for the live region, e.g. "Refreshing: 2 of 5 sources done." */
  status?: string;
  error?: string;
  onRefresh: () => void;
  /** h2 in the popup; h3 where it sits inside another section (options). */
  heading?: 'h2' | 'h3';
}

/** How fresh the knowledge base is: last success over all sources, sources in trouble, and "Refresh now". */
export function Freshness({ sources, now, refreshing, status, error, onRefresh, heading: Heading = 'h2' }: FreshnessProps) {
  const t = useT();
  const enabled = (sources ?? []).filter((s) => s.enabled);
  const last = Math.max(0, ...enabled.map((s) => s.lastUpdated ?? 0));
  const troubled = enabled.filter((s) => s.error || s.permissionMissing);
  const running = enabled.filter((s) => s.refreshing).length;
  return (
    <section class="bs-section" aria-labelledby="freshness-title" data-testid="freshness">
      <Heading id="freshness-title">{t('freshness_title')}</Heading>
      {!sources && !error && <p class="bs-muted">{t('loading')}</p>}
      {sources && (
        <p data-testid="last-refresh">
          {last > 0 ? t('freshness_last', { when: relativeTime(last, now, t) }) : t('freshness_never')}{' '}
          <span class="bs-muted">· {t('freshness_count', { n: enabled.length })}</span>
        </p>
      )}
      {troubled.length > 0 && (
        <ul class="bs-plain-list" data-testid="source-problems">
          {troubled.map((s) => (
            <li key={s.id} class="bs-error">
              <strong>{s.title}</strong>: {s.permissionMissing ? t('permission_missing_short') : s.error}
            </li>
          ))}
        </ul>
      )}
      <div class="bs-row">
        <button type="button" data-testid="refresh-all" onClick={onRefresh} disabled={refreshing}>
          {refreshing ? t('refreshing') : t('refresh_now')}
        </button>
        {refreshing && enabled.length > 0 && (
          <progress
            max={enabled.length}
            value={enabled.length - running}
            aria-label={t('refresh_progress')}
            data-testid="refresh-progress"
          />
        )}
      </div>
      <p class="bs-muted" role="status" aria-live="polite" data-testid="refresh-status">
        {status ?? ''}
      </p>
      {error && (
        <p class="bs-error" role="alert" data-testid="refresh-error">
          {error}
        </p>
      )}
    </section>
  );
}
