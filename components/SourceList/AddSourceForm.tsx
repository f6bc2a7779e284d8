import { useState } from 'preact/hooks';
import { useT } from '../ui/i18n';

export interface AddSourceFormProps {
  /**
   * Called synchronously from the submit event, so the page can ask for the origin's permission before any await
   * (browsers only show the prompt inside the user's gesture).
   */
  onAdd: (url: string, kind: 'pack' | 'feed') => void;
  busy?: boolean;
  error?: string;
  /** Every problem the background found, e.g. in a pack, with its place. */
  problems?: string[];
  /** Words shown after a source was added. */
  done?: string;
}

/** The address of a feed or story pack, and which of the two it is. */
export function AddSourceForm({ onAdd, busy = false, error, problems, done }: AddSourceFormProps) {
  const t = useT();
  const [url, setUrl] = useState('');
  const [kind, setKind] = useState<'pack' | 'feed'>('feed');
  const described = [error || problems?.length ? 'add-source-error' : '', 'add-source-help'].filter(Boolean).join(' ');
  return (
    <form
      data-testid="add-source-form"
      noValidate
      aria-labelledby="add-source-title"
      onSubmit={(e) => {
        e.preventDefault();
        if (!busy) onAdd(url, kind);
      }}
    >
      <h3 id="add-source-title">{t('add_source_title')}</h3>
      <div class="bs-field">
        <label for="add-source-url">{t('add_source_url')}</label>
        <input
          id="add-source-url"
          type="text"
          inputMode="url"
          autoComplete="off"
          spellcheck={false}
          dir="ltr"
          data-testid="add-source-url"
          value={url}
          aria-invalid={error ? true : undefined}
          aria-describedby={described}
          onInput={(e) => setUrl((e.currentTarget as HTMLInputElement).value)}
        />
        <span id="add-source-help" class="bs-muted">
          {t('add_source_help')}
        </span>
      </div>
      {(error || (problems && problems.length > 0)) && (
        <div id="add-source-error" role="alert" data-testid="add-source-error">
          {error && <p class="bs-error">{error}</p>}
          {problems && problems.length > 0 && (
            <ul class="bs-plain-list bs-error" data-testid="add-source-problems">
              {problems.map((p, i) => (
                <li key={i}>{p}</li>
              ))}
            </ul>
          )}
        </div>
      )}
      <fieldset>
        <legend>{t('add_source_kind')}</legend>
        <label>
          <input type="radio" name="add-source-kind" value="feed" checked={kind === 'feed'} onChange={() => setKind('feed')} />{' '}
          {t('source_kind_feed')}
        </label>{' '}
        <label>
          <input type="radio" name="add-source-kind" value="pack" checked={kind === 'pack'} onChange={() => setKind('pack')} />{' '}
          {t('source_kind_pack')}
        </label>
      </fieldset>
      <div class="bs-row">
        <button type="submit" class="bs-primary" data-testid="add-source-submit" disabled={busy}>
          {busy ? t('adding') : t('add_source_button')}
        </button>
        <span role="status" class="bs-ok" data-testid="add-source-done">
          {done ?? ''}
        </span>
      </div>
    </form>
  );
}
