import type { SourceView } from '@/utils/messaging/views';
import { factsAgeDays, factsAreStale, newestAsOf } from '@/utils/model/freshness';
import { formatDate } from '../ui/format';
import { useT } from '../ui/i18n';
import { relativeDays, relativeTime } from '../ui/relative-time';

export interface FreshnessProps {
  /** Null while loading. */
  sources: SourceView[] | null;
  now: number;
  /** Facts older than this many days are said to be out of date; null while the settings load. */
  staleAfterDays: number | null;
  /** A refresh was asked for and has not finished. */
  refreshing: boolean;
  /** Words for the live region, e.g. "Refreshing: 2 of 5 sources done." */
  status?: string;
  error?: string;
  onRefresh: () => void;
  /** h2 in the popup; h3 where it sits inside another section (options). */
  heading?: 'h2' | 'h3';
}

/** The facts' date in the popup and options, from the source list: the newest `asOf` of the enabled story packs. */
export function factsDate(sources: readonly SourceView[] | null): string | undefined {
  return newestAsOf((sources ?? []).filter((s) => s.enabled).map((s) => s.asOf));
}

/** Whether the popup and options say the facts may be out of date. */
export function factsOutOfDate(sources: readonly SourceView[] | null, now: number, staleAfterDays: number | null): boolean {
  const asOf = factsDate(sources);
  return asOf !== undefined && staleAfterDays !== null && factsAreStale(asOf, now, staleAfterDays);
}

/**
 * How fresh the knowledge base is, in two separate lines: how old the facts are (the newest `asOf` of the enabled
 * packs) and when the fetched sources were last checked. Past the reader's threshold it says the facts may be out of
 * date, next to "Refresh now". Sources in trouble are listed.
 */
export function Freshness({ sources, now, staleAfterDays, refreshing, status, error, onRefresh, heading: Heading = 'h2' }: FreshnessProps) {
  const t = useT();
  const enabled = (sources ?? []).filter((s) => s.enabled);
  // The built-in pack is imported, never checked online: its import time says nothing about news.
  const fetched = enabled.filter((s) => s.kind !== 'bundled');
  const last = Math.max(0, ...fetched.map((s) => s.lastUpdated ?? 0));
  const asOf = factsDate(sources);
  const stale = factsOutOfDate(sources, now, staleAfterDays);
  const troubled = enabled.filter((s) => s.error || s.permissionMissing);
  const running = enabled.filter((s) => s.refreshing).length;
  let checked: string;
  if (fetched.length === 0) checked = t('freshness_builtin_only');
  else checked = last > 0 ? t('freshness_last', { when: relativeTime(last, now, t) }) : t('freshness_never');
  return (
    <section class="bs-section" aria-labelledby="freshness-title" data-testid="freshness">
      <Heading id="freshness-title">{t('freshness_title')}</Heading>
      {!sources && !error && <p class="bs-muted">{t('loading')}</p>}
      {sources && (
        <p data-testid="facts-as-of">
          {asOf ? t('facts_as_of', { date: formatDate(asOf), ago: relativeDays(factsAgeDays(asOf, now), t) }) : t('facts_none')}
        </p>
      )}
      {stale && (
        <p class="bs-warn" role="note" data-testid="facts-stale">
          {t('facts_stale')}
        </p>
      )}
      {sources && (
        <p data-testid="last-refresh">
          {checked} <span class="bs-muted">· {t('freshness_count', { n: enabled.length })}</span>
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
