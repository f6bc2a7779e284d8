import type { ArticleView } from '@/utils/messaging/views';
import { formatDate } from '../ui/format';
import { useT } from '../ui/i18n';
import { safeHref } from '../ui/safe-href';

export interface HeadlinesProps {
  /** Null while loading. */
  articles: ArticleView[] | null;
  error?: string;
}

/** The newest items of the reader's feeds. Titles are data: shown as text, linked only through safe URLs. */
export function Headlines({ articles, error }: HeadlinesProps) {
  const t = useT();
  return (
    <section class="bs-section" aria-labelledby="headlines-title" data-testid="headlines">
      <h2 id="headlines-title">{t('headlines_title')}</h2>
      {error && <p class="bs-error">{t('error_with', { error })}</p>}
      {!error && !articles && <p class="bs-muted">{t('loading')}</p>}
      {articles && articles.length === 0 && (
        <p class="bs-muted" data-testid="headlines-empty">
          {t('headlines_empty')}
        </p>
      )}
      {articles && articles.length > 0 && (
        <ul class="bs-plain-list">
          {articles.map((a) => (
            <li key={a.id} data-testid="headline">
              <a href={safeHref(a.url)} target="_blank" rel="noopener noreferrer">
                {a.title}
              </a>
              <br />
              <span class="bs-host">
                {a.sourceTitle || a.host}
                {a.date && ` · ${formatDate(a.date)}`}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
