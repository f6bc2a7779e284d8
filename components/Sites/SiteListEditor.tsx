import { useState } from 'preact/hooks';
import { normalizeSite } from '@/utils/model/settings';
import { useT } from '../ui/i18n';

export interface SiteListEditorProps {
  /** Stable id prefix for labels and test hooks, e.g. "paused". */
  id: string;
  title: string;
  sites: string[];
  empty: string;
  /** Receives the normalized host name. */
  onAdd: (site: string) => void;
  onRemove: (site: string) => void;
  /** The background's answer to the last change, in plain words. */
  error?: string;
}

/** A list of host names with add (checked with normalizeSite) and remove. */
export function SiteListEditor({ id, title, sites, empty, onAdd, onRemove, error }: SiteListEditorProps) {
  const t = useT();
  const [value, setValue] = useState('');
  const [invalid, setInvalid] = useState<string | null>(null);
  const shown = invalid ?? error;
  return (
    <div data-testid={`sites-${id}`}>
      <h3 id={`sites-${id}-title`}>{title}</h3>
      {sites.length === 0 ? (
        <p class="bs-muted" data-testid={`sites-${id}-empty`}>
          {empty}
        </p>
      ) : (
        <ul class="bs-plain-list" aria-labelledby={`sites-${id}-title`}>
          {sites.map((site) => (
            <li key={site} data-testid={`sites-${id}-item`}>
              <span dir="ltr">{site}</span>{' '}
              <button type="button" class="bs-link-button" onClick={() => onRemove(site)} aria-label={t('site_remove_named', { site })}>
                {t('remove')}
              </button>
            </li>
          ))}
        </ul>
      )}
      <form
        class="bs-row"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          const site = normalizeSite(value);
          if (!site) {
            setInvalid(value.trim() ? t('site_invalid', { value: value.trim() }) : t('site_empty'));
            return;
          }
          setInvalid(null);
          setValue('');
          onAdd(site);
        }}
      >
        <label for={`sites-${id}-input`} class="bs-visually-hidden">
          {t('site_add_to', { list: title })}
        </label>
        <input
          id={`sites-${id}-input`}
          type="text"
          dir="ltr"
          placeholder="www.example.com"
          data-testid={`sites-${id}-input`}
          value={value}
          style={{ flex: '1 1 12rem', width: 'auto' }}
          aria-invalid={shown ? true : undefined}
          aria-describedby={shown ? `sites-${id}-error` : undefined}
          onInput={(e) => setValue((e.currentTarget as HTMLInputElement).value)}
        />
        <button type="submit" data-testid={`sites-${id}-add`}>
          {t('add')}
        </button>
      </form>
      {shown && (
        <p class="bs-error" id={`sites-${id}-error`} role="alert" data-testid={`sites-${id}-error`}>
          {shown}
        </p>
      )}
    </div>
  );
}
