import type { ArticleContext } from '@/utils/model/freshness';
import { formatDate } from '../ui/format';
import { useT } from '../ui/i18n';

export interface ArticleNoteProps {
  article: ArticleContext;
  /** The card's facts are current to this date. */
  asOf: string;
}

/** The article against the facts: newer than they are, or what the story's timeline has since it was published. */
export function ArticleNote({ article, asOf }: ArticleNoteProps) {
  const t = useT();
  if (article.newer) {
    return (
      <p class="bs-article bs-stale" role="note" data-testid="article-newer">
        {t('article_newer', { date: formatDate(asOf) })}
      </p>
    );
  }
  const since = article.since;
  if (!since) return null;
  const { latest } = since;
  const rounds =
    since.rounds > 0 && latest
      ? t('since_article_rounds', { n: since.rounds, place: latest.venue || latest.label, date: formatDate(latest.dateStart) })
      : t('since_article_none');
  return (
    <p class="bs-article" data-testid="since-article">
      {rounds}
      {since.events > 0 && ` ${t('since_article_events', { n: since.events })}`}
    </p>
  );
}
