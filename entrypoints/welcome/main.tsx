import { render } from 'preact';
import { WelcomePage } from './WelcomePage';
import { I18nContext } from '@/components/ui/i18n';
import { setupLanguage, setupTheme } from '../options/page-setup';
import '@/components/ui/page.css';

const t = setupLanguage('welcome_title');
void setupTheme();
const app = document.getElementById('app');
if (app) {
  render(
    <I18nContext.Provider value={t}>
      <WelcomePage />
    </I18nContext.Provider>,
    app,
  );
}
