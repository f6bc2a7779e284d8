import type { ChangesView } from '@/utils/messaging/views';
import { formatDate } from '../ui/format';
import { useT } from '../ui/i18n';
import { safeHref } from '../ui/safe-href';
import { relativeTime } from '../ui/relative-time';

export interface WhatsNewProps {
  /** Null while loading. */
  changes: ChangesView | null;
  error?: string;
  now: number;
}

/** What changed since the reader last opened the popup: new rounds, new claims, changed positions, new coverage. */
export function WhatsNew({ changes, error, now }: WhatsNewProps) {
  const t = useT();
  let body;
  if (error) body = <p class="bs-error" data-testid="whats-new-error">{t('error_with', { error })}</p>;
  else if (!changes) body = <p class="bs-muted">{t('loading')}</p>;
  else if (!changes.rounds.length && !changes.claims.length && !changes.positions.length && !changes.articles.length) {
    body = (
      <p class="bs-muted" data-testid="whats-new-empty">
        {changes.since === undefined ? t('whats_new_first') : t('whats_new_nothing')}
      </p>
    );
  } else {
    body = (
      <>
        {changes.rounds.length > 0 && (
          <>
            <h3>{t('whats_new_rounds')}</h3>
            <ul class="bs-plain-list" data-testid="new-rounds">
              {changes.rounds.map((r) => (
                <li key={r.id}>
                  {r.label} <span class="bs-muted">· {formatDate(r.dateStart)}</span>
                  {r.reported && <span class="bs-badge bs-badge--reported">{t('reported')}</span>}
                </li>
              ))}
            </ul>
          </>
        )}
        {changes.claims.length > 0 && (
          <>
            <h3>{t('whats_new_claims')}</h3>
            <ul class="bs-plain-list" data-testid="new-claims">
              {changes.claims.map((c, i) => (
                <li key={`${c.figureId}:${i}`}>
                  {c.figureLabel}: {c.value} — {c.claimant} <span class="bs-muted">· {formatDate(c.asOf)}</span>
                  {c.reported && <span class="bs-badge bs-badge--reported">{t('reported')}</span>}
                </li>
              ))}
            </ul>
          </>
        )}
        {changes.positions.length > 0 && (
          <>
            <h3>{t('whats_new_positions')}</h3>
            <ul class="bs-plain-list" data-testid="new-positions">
              {changes.positions.map((p, i) => (
                <li key={`${p.party}:${p.issue}:${i}`}>
                  {p.party} · {p.issue}: {p.stance} <span class="bs-muted">· {formatDate(p.date)}</span>
                </li>
              ))}
            </ul>
          </>
        )}
        {changes.articles.length > 0 && (
          <>
            <h3>{t('whats_new_coverage')}</h3>
            <ul class="bs-plain-list" data-testid="new-articles">
              {changes.articles.map((a) => (
                <li key={a.id}>
                  <a href={safeHref(a.url)} target="_blank" rel="noopener noreferrer">
                    {a.title}
                  </a>{' '}
                  <span class="bs-host">{a.host}</span>
                </li>
              ))}
            </ul>
          </>
        )}
      </>
    );
  }
  return (
    <section class="bs-section" aria-labelledby="whats-new-title" data-testid="whats-new">
      <h2 id="whats-new-title">{t('whats_new_title')}</h2>
      {changes?.since !== undefined && !error && (
        <p class="bs-muted">{t('whats_new_since', { when: relativeTime(changes.since, now, t) })}</p>
      )}
      {body}
    </section>
  );
}
