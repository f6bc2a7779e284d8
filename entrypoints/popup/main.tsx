import { render } from 'preact';
import { Popup } from './Popup';
import { I18nContext } from '@/components/ui/i18n';
import { setupLanguage, setupTheme } from '../options/page-setup';
import '@/components/ui/page.css';

const t = setupLanguage();
void setupTheme();
const app = document.getElementById('app');
if (app) {
  render(
    <I18nContext.Provider value={t}>
      <Popup />
    </I18nContext.Provider>,
    app,
  );
}
