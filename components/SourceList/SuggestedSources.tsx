import type { SuggestedSource } from '../ui/suggested-sources';
import { useT } from '../ui/i18n';

export interface SuggestionNote {
  kind: 'error' | 'info';
  text: string;
}

export interface SuggestedSourcesProps {
  suggestions: readonly SuggestedSource[];
  /** URLs the reader already has. */
  added: ReadonlySet<string>;
  /** Called synchronously from the click, so the page can ask for the origin's permission first. */
  onAdd: (suggestion: SuggestedSource) => void;
  /** What happened to each, by URL: waiting for the permission prompt, or an error. */
  notes?: Record<string, SuggestionNote | undefined>;
}

/** Sources we suggest, each addable with one click. */
export function SuggestedSources({ suggestions, added, onAdd, notes = {} }: SuggestedSourcesProps) {
  const t = useT();
  return (
    <ul class="bs-plain-list" data-testid="suggested-sources">
      {suggestions.map((s) => (
        <li key={s.url} data-testid="suggested-source">
          <strong>{s.title}</strong> <span class="bs-muted">· {t(s.kind === 'pack' ? 'source_kind_pack' : 'source_kind_feed')}</span>
          <br />
          <span class="bs-muted">{t(s.about)}</span> <span class="bs-host" dir="ltr">{s.url}</span>
          <div class="bs-row">
            {added.has(s.url) ? (
              <span class="bs-ok">{t('suggest_added')}</span>
            ) : (
              <button type="button" data-testid="suggested-add" onClick={() => onAdd(s)} aria-label={t('suggest_add_named', { title: s.title })}>
                {t('suggest_add')}
              </button>
            )}
          </div>
          <p class={notes[s.url]?.kind === 'error' ? 'bs-error' : 'bs-muted'} role="status" data-testid="suggested-note">
            {notes[s.url]?.text ?? ''}
          </p>
        </li>
      ))}
    </ul>
  );
}
