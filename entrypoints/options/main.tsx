import { render } from 'preact';
import { Options } from './Options';
import { I18nContext } from '@/components/ui/i18n';
import { loadClock } from '@/utils/clock/clock';
import { setupLanguage, setupTheme } from './page-setup';
import '@/components/ui/page.css';

const t = setupLanguage('options_title');
void setupTheme();
const app = document.getElementById('app');
if (app) {
  void loadClock().then((clock) =>
    render(
      <I18nContext.Provider value={t}>
        <Options clock={clock} />
      </I18nContext.Provider>,
      app,
    ),
  );
}
