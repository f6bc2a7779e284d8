import { useT } from '../ui/i18n';

export interface SiteModeChoiceProps {
  mode: 'all' | 'listed';
  onChange: (mode: 'all' | 'listed') => void;
  error?: string;
}

/** Run everywhere (except paused sites) or only on the listed sites. */
export function SiteModeChoice({ mode, onChange, error }: SiteModeChoiceProps) {
  const t = useT();
  return (
    <fieldset data-testid="site-mode">
      <legend>{t('site_mode')}</legend>
      <label>
        <input type="radio" name="site-mode" value="all" checked={mode === 'all'} onChange={() => onChange('all')} /> {t('site_mode_all')}
      </label>
      <br />
      <label>
        <input type="radio" name="site-mode" value="listed" checked={mode === 'listed'} onChange={() => onChange('listed')} />{' '}
        {t('site_mode_listed')}
      </label>
      {error && (
        <p class="bs-error" role="alert">
          {error}
        </p>
      )}
    </fieldset>
  );
}
