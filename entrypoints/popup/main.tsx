import { render } from 'preact';
import { Popup } from './Popup';
import { I18nContext } from '@/components/ui/i18n';
import { loadClock } from '@/utils/clock/clock';
import { setupLanguage, setupTheme } from '../options/page-setup';
import '@/components/ui/page.css';

const t = setupLanguage();
void setupTheme();
const app = document.getElementById('app');
if (app) {
  void loadClock().then((clock) =>
    render(
      <I18nContext.Provider value={t}>
        <Popup clock={clock} />
      </I18nContext.Provider>,
      app,
    ),
  );
}
