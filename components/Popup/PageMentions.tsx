import type { MentionKind } from '@/utils/model/mention';
import { useT } from '../ui/i18n';
import { KIND_NAME } from '../ui/labels';
import { MentionCount } from '../RoundSummary/MentionCount';

export interface PageMentionItem {
  index: number;
  kind: MentionKind;
  label: string;
  text: string;
}

export interface PageMentionsProps {
  /** The tab's host when it is an http(s) page Backstory could read; null elsewhere. */
  site: string | null;
  /** Null when the page has no content script to ask (not read, or paused). */
  total: number | null;
  byKind: Partial<Record<MentionKind, number>>;
  items: PageMentionItem[];
  /** Whether the site is on the pause list; null while the settings load. */
  paused: boolean | null;
  pauseError?: string;
  /** Brings a mention into view and opens its card in the page. */
  onShow: (index: number) => void;
  onPauseChange: (paused: boolean) => void;
}

/** This page: mention counts, a list of the mentions to jump to, and "pause on this site". */
export function PageMentions({ site, total, byKind, items, paused, pauseError, onShow, onPauseChange }: PageMentionsProps) {
  const t = useT();
  return (
    <section class="bs-section" aria-labelledby="page-title" data-testid="page-mentions">
      <h2 id="page-title">{t('page_title')}</h2>
      {paused && site ? (
        <p class="bs-count" data-testid="mention-count">
          {t('page_paused', { site })}
        </p>
      ) : (
        <MentionCount total={total} byKind={byKind} />
      )}
      {!paused && items.length > 0 && (
        <details data-testid="mention-details">
          <summary>{t('mentions_list')}</summary>
          <ul class="bs-mention-list" data-testid="mention-list">
            {items.map((item) => (
              <li key={item.index}>
                <button type="button" data-testid="mention-item" onClick={() => onShow(item.index)}>
                  {item.text}
                  {item.label && item.label !== item.text && <span class="bs-muted"> — {item.label}</span>}
                  <span class="bs-muted"> · {t(KIND_NAME[item.kind]?.many ?? 'kind_term')}</span>
                </button>
              </li>
            ))}
          </ul>
        </details>
      )}
      {site && (
        <div class="bs-row">
          <label>
            <input
              type="checkbox"
              data-testid="pause-site"
              checked={paused === true}
              disabled={paused === null}
              aria-describedby={pauseError ? 'pause-error' : undefined}
              onChange={(e) => onPauseChange((e.currentTarget as HTMLInputElement).checked)}
            />{' '}
            {t('pause_on_site', { site })}
          </label>
        </div>
      )}
      {pauseError && (
        <p class="bs-error" id="pause-error" role="alert">
          {pauseError}
        </p>
      )}
    </section>
  );
}
