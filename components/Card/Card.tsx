import type { ComponentChildren } from 'preact';
import type { CardData } from '@/utils/messaging/views';
import { factsAgeDays, factsAreStale } from '@/utils/model/freshness';
import { formatDate } from '../ui/format';
import { useT, type Translate } from '../ui/i18n';
import { KIND_NAME } from '../ui/labels';
import { relativeDays } from '../ui/relative-time';
import { SourceLinks } from '../ui/SourceLinks';
import { ArticleNote } from './ArticleNote';
import { EntityCardBody } from './EntityCardBody';
import { FigureCardBody } from './FigureCardBody';
import { RoundCardBody } from './RoundCardBody';

export interface CardProps {
  data: CardData;
  /** Epoch ms for the facts' age, the stale warning and rounds whose date passed (injected: tests set it). */
  now: number;
  /** Facts older than this many days get a warning. */
  staleAfterDays: number;
  /** Takes the reader where sources are refreshed (the popup); offered with the stale warning. */
  onRefresh?: (event: MouseEvent) => void;
  /** Hides this mark on the current site. Absent where the action makes no sense (e.g. previews). */
  onNotThis?: (event: MouseEvent) => void;
  onClose?: (event: MouseEvent) => void;
}

function cardTitle(data: CardData): string {
  return data.type === 'entity' ? data.name : data.label;
}

/** The card's kind line, from the one table of kind names (shown in capitals by the card's CSS). */
function cardKindLabel(data: CardData, t: Translate): string {
  if (data.type === 'entity') {
    const name = KIND_NAME[data.kind];
    return name ? t(name.one) : data.kind;
  }
  if (data.type === 'round') return data.general ? `${t(KIND_NAME.talks.one)} · ${t('latest_round')}` : t(KIND_NAME.round.one);
  return t(KIND_NAME.figure.one);
}

/** A context card: a dialog-like region with a title, the facts, the "as of" date, sources and actions. */
export function Card({ data, now, staleAfterDays, onNotThis, onClose, onRefresh }: CardProps) {
  const t = useT();
  let body: ComponentChildren;
  if (data.type === 'entity') body = <EntityCardBody data={data} />;
  else if (data.type === 'round') body = <RoundCardBody data={data} now={now} />;
  else body = <FigureCardBody data={data} />;
  return (
    <section
      class={`bs-card bs-card--${data.type}`}
      role="dialog"
      aria-labelledby="bs-card-title"
      aria-describedby="bs-card-kind"
      data-testid="card"
    >
      <header class="bs-card-head">
        <p class="bs-kind" id="bs-card-kind">
          {cardKindLabel(data, t)}
        </p>
        <h2 class="bs-title" id="bs-card-title" data-testid="card-title" dir="auto" tabIndex={-1}>
          {cardTitle(data)}
        </h2>
        {onClose && (
          <button type="button" class="bs-close" aria-label="Close" onClick={onClose}>
            ×
          </button>
        )}
      </header>
      <div class="bs-card-body">{body}</div>
      <footer class="bs-card-foot">
        <p class="bs-asof" data-testid="as-of">
          {t('card_facts_as_of', { date: formatDate(data.asOf), ago: relativeDays(factsAgeDays(data.asOf, now), t) })} ·{' '}
          <bdi dir="auto">{data.packTitle}</bdi>
        </p>
        {data.article && <ArticleNote article={data.article} asOf={data.asOf} />}
        {factsAreStale(data.asOf, now, staleAfterDays) && (
          <p class="bs-stale" role="note" data-testid="stale">
            {t('facts_stale')}{' '}
            {onRefresh && (
              <button type="button" class="bs-link-button" data-testid="card-refresh" title={t('card_refresh_hint')} onClick={onRefresh}>
                {t('card_refresh')}
              </button>
            )}
          </p>
        )}
        <SourceLinks sources={data.sources} />
        <div class="bs-actions">
          {onNotThis && (
            <button type="button" class="bs-link-button" data-testid="not-this" onClick={onNotThis}>
              Not this
            </button>
          )}
          {data.reportUrl && (
            <a href={data.reportUrl} target="_blank" rel="noopener noreferrer" class="bs-report">
              Report a wrong fact
            </a>
          )}
        </div>
      </footer>
    </section>
  );
}
