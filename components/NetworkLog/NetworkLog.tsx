import type { NetworkLogEntryView, NetworkLogView } from '@/utils/messaging/views';
import type { RequestOutcome } from '@/utils/sources/request-record';
import { useT, type MessageKey, type Translate } from '../ui/i18n';
import { formatDateTime, formatDuration } from '../ui/format';
import { formatBytes } from '../ui/relative-time';

export interface NetworkLogNote {
  kind: 'ok' | 'error';
  text: string;
}

export interface NetworkLogProps {
  /** Null while loading. */
  log: NetworkLogView | null;
  error?: string;
  /** The outcome of "Clear log". */
  note?: NetworkLogNote;
  onClear: () => void;
  /** Asks for older requests; offered while the log holds more than it shows. */
  onMore: () => void;
}

const OUTCOME_KEY: Record<Exclude<RequestOutcome, 'ok' | 'http-error'>, MessageKey> = {
  'not-modified': 'netlog_status_not_modified',
  'network-error': 'netlog_status_network_error',
  timeout: 'netlog_status_timeout',
  'too-large': 'netlog_status_too_large',
  'cut-off': 'netlog_status_cut_off',
  'redirect-refused': 'netlog_status_redirect_refused',
};

/** "304 not modified", "404", "200 timed out", "could not connect". */
function statusText(entry: NetworkLogEntryView, t: Translate): string {
  const words = entry.outcome === 'ok' || entry.outcome === 'http-error' ? '' : t(OUTCOME_KEY[entry.outcome]);
  return [entry.httpStatus, words].filter((part) => part !== undefined && part !== '').join(' ');
}

/** An address as text with its host in bold: the host is what tells the reader who was contacted. */
function Address({ url, testid }: { url: string; testid: string }) {
  let parts: { before: string; host: string; after: string };
  try {
    const parsed = new URL(url);
    parts = { before: `${parsed.protocol}//`, host: parsed.host, after: `${parsed.pathname}${parsed.search}` };
  } catch {
    parts = { before: '', host: url, after: '' };
  }
  return (
    <span dir="ltr" data-testid={testid} style={{ overflowWrap: 'anywhere' }}>
      <span class="bs-muted">{parts.before}</span>
      <strong data-testid={`${testid}-host`}>{parts.host}</strong>
      <span class="bs-muted">{parts.after}</span>
    </span>
  );
}

function Row({ entry }: { entry: NetworkLogEntryView }) {
  const t = useT();
  const notModified = entry.outcome === 'not-modified';
  const failed = entry.outcome !== 'ok' && !notModified;
  return (
    <tr data-testid="netlog-entry" data-outcome={entry.outcome} data-status={entry.httpStatus ?? ''}>
      <td>
        <time dateTime={new Date(entry.at).toISOString()} data-testid="netlog-time" style={{ whiteSpace: 'nowrap' }}>
          {formatDateTime(entry.at)}
        </time>
      </td>
      <td data-testid="netlog-source" style={{ unicodeBidi: 'plaintext' }}>
        {entry.sourceTitle}
      </td>
      <td>
        <Address url={entry.url} testid="netlog-url" />
        {entry.finalUrl && (
          <div class="bs-muted">
            {t('netlog_redirected')} <Address url={entry.finalUrl} testid="netlog-final-url" />
          </div>
        )}
      </td>
      <td>
        <span data-testid="netlog-status" class={failed ? 'bs-error' : notModified ? 'bs-ok' : undefined}>
          {statusText(entry, t)}
        </span>
        {entry.conditional && (
          <div class="bs-muted" data-testid="netlog-conditional" title={t('netlog_conditional_about')}>
            {t('netlog_conditional')}
          </div>
        )}
      </td>
      <td style={{ whiteSpace: 'nowrap' }}>
        <span data-testid="netlog-bytes">{formatBytes(entry.bytes)}</span>
        <div class="bs-muted">{formatDuration(entry.durationMs)}</div>
      </td>
    </tr>
  );
}

/**
 * Every request Backstory made, newest first: when, for which source, to which address (host in bold), how it was
 * answered (304s and failures named), what came back. Nothing here is a link: it is a record, not a way out.
 */
export function NetworkLog({ log, error, note, onClear, onMore }: NetworkLogProps) {
  const t = useT();
  const days = log?.keptDays ?? 7;
  return (
    <section class="bs-section" aria-labelledby="netlog-title" data-testid="netlog-section">
      <h2 id="netlog-title" class="bs-title">
        {t('section_netlog')}
      </h2>
      <p data-testid="netlog-explain">{t('netlog_explain', { days })}</p>
      {error && (
        <p class="bs-error" role="alert" data-testid="netlog-error">
          {error}
        </p>
      )}
      {!log && !error && <p class="bs-muted">{t('loading')}</p>}
      {log && log.total === 0 && (
        <p class="bs-muted" data-testid="netlog-empty">
          {t('netlog_empty', { days })}
        </p>
      )}
      {log && log.entries.length > 0 && (
        <>
          <p class="bs-muted" data-testid="netlog-summary">
            {t('netlog_summary', { n: log.total, m: log.notModified })}
          </p>
          <div style={{ overflowX: 'auto' }}>
            <table class="bs-netlog" data-testid="netlog-table">
              <caption class="bs-visually-hidden">{t('netlog_caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('netlog_col_time')}</th>
                  <th scope="col">{t('netlog_col_source')}</th>
                  <th scope="col">{t('netlog_col_address')}</th>
                  <th scope="col">{t('netlog_col_status')}</th>
                  <th scope="col">{t('netlog_col_bytes')}</th>
                </tr>
              </thead>
              <tbody>
                {log.entries.map((entry) => (
                  <Row key={entry.id} entry={entry} />
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
      <div class="bs-row">
        {log && log.entries.length < log.total && (
          <>
            <span class="bs-muted" data-testid="netlog-showing">
              {t('netlog_showing', { shown: log.entries.length, total: log.total })}
            </span>
            <button type="button" data-testid="netlog-more" onClick={onMore}>
              {t('netlog_more')}
            </button>
          </>
        )}
        <button type="button" data-testid="netlog-clear" onClick={onClear} disabled={!log || log.total === 0}>
          {t('netlog_clear')}
        </button>
      </div>
      <div role="status" aria-live="polite" data-testid="netlog-note">
        {note && <p class={note.kind === 'error' ? 'bs-error' : 'bs-ok'}>{note.text}</p>}
      </div>
    </section>
  );
}
