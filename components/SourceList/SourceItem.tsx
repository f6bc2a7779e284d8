import { Fragment } from 'preact';
import { useState } from 'preact/hooks';
import type { SourceView } from '@/utils/messaging/views';
import { useT } from '../ui/i18n';
import { formatDate } from '../ui/format';
import { SOURCE_KIND_KEY } from '../ui/labels';
import { relativeTime } from '../ui/relative-time';

const INTERVALS = [15, 30, 60, 180, 360, 1440] as const;

export interface SourceActions {
  onToggle?: (id: string, enabled: boolean) => void;
  onInterval?: (id: string, minutes: number) => void;
  onRefresh?: (id: string) => void;
  onConfirmUpdate?: (id: string) => void;
  onRemove?: (id: string) => void;
}

export interface SourceItemProps extends SourceActions {
  source: SourceView;
  now: number;
  /** The last failed action on this source, in plain words. */
  actionError?: string;
}

function hostOf(url: string | undefined): string {
  if (!url) return '';
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

/** One source with its state and, when callbacks are given, its controls. The bundled pack cannot be removed. */
export function SourceItem({ source: s, now, actionError, onToggle, onInterval, onRefresh, onConfirmUpdate, onRemove }: SourceItemProps) {
  const t = useT();
  const [confirming, setConfirming] = useState(false);
  const base = `source-${s.id.replace(/[^a-zA-Z0-9_-]/g, '_')}`;
  const interval = s.intervalMinutes;
  const intervals: number[] = interval !== undefined && !(INTERVALS as readonly number[]).includes(interval) ? [...INTERVALS, interval] : [...INTERVALS];
  return (
    <li class="bs-source" data-testid="source" aria-labelledby={`${base}-title`}>
      <div class="bs-source-head">
        <strong id={`${base}-title`} data-testid="source-title">
          {s.title}
        </strong>
        <span class="bs-muted"> · {t(SOURCE_KIND_KEY[s.kind])}</span>
        {!s.enabled && <span class="bs-badge">{t('source_off')}</span>}
      </div>
      <div class="bs-source-meta">
        {[
          s.url && (
            <span class="bs-host" title={s.url} dir="ltr">
              {hostOf(s.url)}
            </span>
          ),
          s.version && <span data-testid="source-version">{t('source_version', { version: s.version })}</span>,
          s.asOf && <span data-testid="source-as-of">{t('source_as_of', { date: formatDate(s.asOf) })}</span>,
          s.items !== undefined && <span data-testid="source-items">{t('source_items', { n: s.items })}</span>,
          s.lastUpdated !== undefined && (
            <span data-testid="source-updated">
              {t('source_updated')} <time dateTime={new Date(s.lastUpdated).toISOString()}>{relativeTime(s.lastUpdated, now, t)}</time>
            </span>
          ),
          s.nextDue !== undefined && s.enabled && (
            <span data-testid="source-next">{t('source_next', { when: relativeTime(s.nextDue, now, t) })}</span>
          ),
        ]
          .filter(Boolean)
          .map((part, i) => (
            <Fragment key={i}>
              {i > 0 && ' · '}
              {part}
            </Fragment>
          ))}
      </div>
      {s.refreshing && <progress aria-label={t('refreshing_source', { title: s.title })} data-testid="source-progress" />}
      {s.permissionMissing && (
        <p class="bs-error" data-testid="source-permission">
          {t('permission_missing', { host: hostOf(s.url) })}
        </p>
      )}
      {s.error && (
        <p class="bs-error" data-testid="source-error">
          {t('source_last_error', { error: s.error })}
        </p>
      )}
      {s.warnings && s.warnings.length > 0 && (
        <details data-testid="source-warnings">
          <summary>{t('source_warnings', { n: s.warnings.length })}</summary>
          <ul class="bs-plain-list">
            {s.warnings.map((w, i) => (
              <li key={i} class="bs-warn">
                {w}
              </li>
            ))}
          </ul>
        </details>
      )}
      {s.heldUpdate && (
        <div class="bs-warn" data-testid="held-update">
          <p>
            {t('held_update', {
              version: s.heldUpdate.version,
              entities: s.heldUpdate.entities,
              current: s.heldUpdate.currentEntities,
            })}
          </p>
          {onConfirmUpdate && (
            <button type="button" data-testid="confirm-update" onClick={() => onConfirmUpdate(s.id)}>
              {t('held_update_apply')}
            </button>
          )}
        </div>
      )}
      <div class="bs-row">
        {onToggle && (
          <label>
            <input
              type="checkbox"
              data-testid="source-enabled"
              checked={s.enabled}
              onChange={(e) => onToggle(s.id, (e.currentTarget as HTMLInputElement).checked)}
            />{' '}
            {t('source_enabled')}
          </label>
        )}
        {onInterval && s.kind !== 'bundled' && (
          <label>
            {t('source_interval')}{' '}
            <select
              data-testid="source-interval"
              value={interval !== undefined ? String(interval) : ''}
              onChange={(e) => onInterval(s.id, Number((e.currentTarget as HTMLSelectElement).value))}
            >
              {interval === undefined && <option value="">—</option>}
              {intervals.map((m) => (
                <option key={m} value={String(m)}>
                  {m < 60 ? t('every_min', { n: m }) : m < 1440 ? t('every_h', { n: m / 60 }) : t('every_day')}
                </option>
              ))}
            </select>
          </label>
        )}
        {onRefresh && s.kind !== 'bundled' && (
          <button type="button" data-testid="source-refresh" disabled={s.refreshing || !s.enabled} onClick={() => onRefresh(s.id)}>
            {t('refresh_now')}
          </button>
        )}
        {onRemove && s.kind !== 'bundled' && !confirming && (
          <button type="button" data-testid="source-remove" onClick={() => setConfirming(true)}>
            {t('remove')}
          </button>
        )}
      </div>
      {onRemove && confirming && (
        <div class="bs-row" role="group" aria-label={t('remove_confirm', { title: s.title })} data-testid="remove-confirm">
          <span>{t('remove_confirm', { title: s.title })}</span>
          <button type="button" data-testid="remove-yes" onClick={() => { setConfirming(false); onRemove(s.id); }}>
            {t('remove_yes')}
          </button>
          <button type="button" data-testid="remove-no" onClick={() => setConfirming(false)}>
            {t('keep')}
          </button>
        </div>
      )}
      {actionError && (
        <p class="bs-error" role="alert" data-testid="source-action-error">
          {actionError}
        </p>
      )}
    </li>
  );
}
