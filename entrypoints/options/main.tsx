import { render } from 'preact';
import { Options } from './Options';
import { I18nContext } from '@/components/ui/i18n';
import { setupLanguage, setupTheme } from './page-setup';
import '@/components/ui/page.css';

const t = setupLanguage('options_title');
void setupTheme();
const app = document.getElementById('app');
if (app) {
  render(
    <I18nContext.Provider value={t}>
      <Options />
    </I18nContext.Provider>,
    app,
  );
}
