import type { SuggestedSource } from '../ui/suggested-sources';
import { useT } from '../ui/i18n';

export interface WelcomeProps {
  suggestions: readonly SuggestedSource[];
  /** URLs ticked for adding. */
  selected: ReadonlySet<string>;
  onSelect: (url: string, on: boolean) => void;
  /** Called synchronously from the click, so the page can ask for exactly these origins before any await. */
  onAccept: () => void;
  state: 'idle' | 'working' | 'done';
  /** Plain-words outcome (e.g. the permission was refused). */
  message?: { kind: 'error' | 'ok'; text: string };
  /** Per-source failures, by URL. */
  errors?: Record<string, string | undefined>;
  optionsHref: string;
}

/** First run: what Backstory does and never does, and the suggested sources behind one button. */
export function Welcome({ suggestions, selected, onSelect, onAccept, state, message, errors = {}, optionsHref }: WelcomeProps) {
  const t = useT();
  const none = selected.size === 0;
  return (
    <div data-testid="welcome">
      <header class="bs-page-head">
        <h1>{t('welcome_title')}</h1>
      </header>
      <main class="bs-page-main">
        <section class="bs-section" aria-labelledby="welcome-does">
          <h2 id="welcome-does">{t('welcome_does_title')}</h2>
          <p>{t('welcome_does')}</p>
          <p>{t('welcome_offline')}</p>
        </section>
        <section class="bs-section" aria-labelledby="welcome-never">
          <h2 id="welcome-never">{t('welcome_never_title')}</h2>
          <ul data-testid="welcome-never">
            <li>{t('welcome_never_text')}</li>
            <li>{t('welcome_never_fetch')}</li>
            <li>{t('welcome_never_track')}</li>
          </ul>
        </section>
        <section class="bs-section" aria-labelledby="welcome-sources">
          <h2 id="welcome-sources">{t('welcome_sources_title')}</h2>
          <p>{t('welcome_sources_help')}</p>
          <ul class="bs-plain-list" data-testid="welcome-suggestions">
            {suggestions.map((s) => (
              <li key={s.url} data-testid="welcome-suggestion">
                <label>
                  <input
                    type="checkbox"
                    checked={selected.has(s.url)}
                    disabled={state !== 'idle'}
                    onChange={(e) => onSelect(s.url, (e.currentTarget as HTMLInputElement).checked)}
                  />{' '}
                  <strong>{s.title}</strong>{' '}
                  <span class="bs-muted">· {t(s.kind === 'pack' ? 'source_kind_pack' : 'source_kind_feed')}</span>
                </label>
                <br />
                <span class="bs-muted">{t(s.about)}</span> <span class="bs-host" dir="ltr">{s.url}</span>
                {errors[s.url] && <p class="bs-error">{errors[s.url]}</p>}
              </li>
            ))}
          </ul>
          <div class="bs-row">
            <button
              type="button"
              class="bs-primary"
              data-testid="welcome-accept"
              disabled={state !== 'idle' || none}
              onClick={onAccept}
            >
              {state === 'working' ? t('welcome_working') : t('welcome_accept')}
            </button>
          </div>
          <div role="status" aria-live="polite" data-testid="welcome-status">
            {message && <p class={message.kind === 'error' ? 'bs-error' : 'bs-ok'}>{message.text}</p>}
          </div>
          <p class="bs-muted">{t('welcome_skip')}</p>
          <p>
            <a href={optionsHref} data-testid="welcome-options">
              {t('welcome_options_link')}
            </a>
          </p>
        </section>
      </main>
    </div>
  );
}
