import { useEffect, useState } from 'preact/hooks';
import { ALL_KINDS, type Settings } from '@/utils/model/settings';
import type { MentionKind } from '@/utils/model/mention';
import { useT, type MessageKey } from '../ui/i18n';
import { KIND_NAME } from '../ui/labels';

export interface AppearanceFormProps {
  settings: Settings;
  /** Each change is saved at once by the page. */
  onChange: (patch: Partial<Settings>) => void;
  /** The background's answer to the last change of a field, in plain words. */
  errors?: Partial<Record<keyof Settings, string>>;
}

const UNDERLINES: [Settings['underline'], MessageKey][] = [
  ['default', 'underline_default'],
  ['solid', 'underline_solid'],
  ['dotted', 'underline_dotted'],
  ['dashed', 'underline_dashed'],
  ['wavy', 'underline_wavy'],
];
const THEMES: [Settings['theme'], MessageKey][] = [
  ['auto', 'theme_auto'],
  ['light', 'theme_light'],
  ['dark', 'theme_dark'],
];

function FieldError({ id, text }: { id: string; text?: string }) {
  return text ? (
    <p class="bs-error" id={id} role="alert">
      {text}
    </p>
  ) : null;
}

/** What gets marked and how marks and cards look. */
export function AppearanceForm({ settings, onChange, errors = {} }: AppearanceFormProps) {
  const t = useT();
  const [days, setDays] = useState(String(settings.staleAfterDays));
  const [daysError, setDaysError] = useState<string | null>(null);
  useEffect(() => setDays(String(settings.staleAfterDays)), [settings.staleAfterDays]);
  const toggleKind = (kind: MentionKind, on: boolean) => {
    const kinds = ALL_KINDS.filter((k) => (k === kind ? on : settings.kinds.includes(k)));
    onChange({ kinds });
  };
  const commitDays = () => {
    const n = Number(days);
    if (!Number.isInteger(n) || n < 1 || n > 3650) {
      setDaysError(t('stale_invalid'));
      return;
    }
    setDaysError(null);
    if (n !== settings.staleAfterDays) onChange({ staleAfterDays: n });
  };
  const staleError = daysError ?? errors.staleAfterDays;
  return (
    <div data-testid="appearance">
      <fieldset data-testid="kinds">
        <legend>{t('kinds_legend')}</legend>
        {ALL_KINDS.map((kind) => (
          <label key={kind} style={{ display: 'inline-block', marginInlineEnd: '12px' }}>
            <input
              type="checkbox"
              data-testid={`kind-${kind}`}
              checked={settings.kinds.includes(kind)}
              onChange={(e) => toggleKind(kind, (e.currentTarget as HTMLInputElement).checked)}
            />{' '}
            {t(KIND_NAME[kind].many)}
          </label>
        ))}
        <FieldError id="kinds-error" text={errors.kinds} />
      </fieldset>
      <fieldset data-testid="mark-mode">
        <legend>{t('mark_mode')}</legend>
        <label>
          <input type="radio" name="mark-mode" checked={settings.markMode === 'first'} onChange={() => onChange({ markMode: 'first' })} />{' '}
          {t('mark_first')}
        </label>
        <br />
        <label>
          <input type="radio" name="mark-mode" checked={settings.markMode === 'all'} onChange={() => onChange({ markMode: 'all' })} />{' '}
          {t('mark_all')}
        </label>
        <FieldError id="mark-mode-error" text={errors.markMode} />
      </fieldset>
      <div class="bs-field">
        <label for="underline">{t('underline_label')}</label>
        <select
          id="underline"
          data-testid="underline"
          value={settings.underline}
          onChange={(e) => onChange({ underline: (e.currentTarget as HTMLSelectElement).value as Settings['underline'] })}
        >
          {UNDERLINES.map(([value, key]) => (
            <option key={value} value={value}>
              {t(key)}
            </option>
          ))}
        </select>
        <FieldError id="underline-error" text={errors.underline} />
      </div>
      <div class="bs-field">
        <label>
          <input
            type="checkbox"
            data-testid="tint"
            checked={settings.tint}
            onChange={(e) => onChange({ tint: (e.currentTarget as HTMLInputElement).checked })}
          />{' '}
          {t('tint_label')}
        </label>
        <FieldError id="tint-error" text={errors.tint} />
      </div>
      <div class="bs-field">
        <label for="stale-days">{t('stale_label')}</label>
        <input
          id="stale-days"
          type="number"
          min={1}
          max={3650}
          step={1}
          style={{ width: '7rem' }}
          data-testid="stale-days"
          value={days}
          aria-invalid={staleError ? true : undefined}
          aria-describedby={staleError ? 'stale-error' : undefined}
          onInput={(e) => setDays((e.currentTarget as HTMLInputElement).value)}
          onChange={commitDays}
          onBlur={commitDays}
        />
        <FieldError id="stale-error" text={staleError ?? undefined} />
      </div>
      <div class="bs-field">
        <label for="theme">{t('theme_label')}</label>
        <select
          id="theme"
          data-testid="theme"
          value={settings.theme}
          onChange={(e) => onChange({ theme: (e.currentTarget as HTMLSelectElement).value as Settings['theme'] })}
        >
          {THEMES.map(([value, key]) => (
            <option key={value} value={value}>
              {t(key)}
            </option>
          ))}
        </select>
        <FieldError id="theme-error" text={errors.theme} />
      </div>
    </div>
  );
}
