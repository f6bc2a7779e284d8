/**
 * Local WXT module (WXT loads `modules/*` by itself): the content script's build gets an inert stand-in for WXT's
 * `ContentScriptContext`.
 *
 * WXT's entrypoint wrapper builds a `ContentScriptContext` before it calls `main`, and that constructor dispatches a
 * CustomEvent named `<extension id>:content:wxt:content-script-started` on `document` (with or without
 * `noScriptStartedPostMessage`), and listens for the same event to stop itself. DOM events reach the page's listeners
 * from any world, and extension ids are public: any page could tell Backstory is installed, and stop it with a forged
 * event. The content script uses a small context of its own instead (`entrypoints/content/page-context.ts`), so the
 * class WXT constructs is replaced, for content scripts only, by one that does nothing.
 */
import { resolve } from 'node:path';
import { defineWxtModule } from 'wxt/modules';

const WXT_CONTEXT = 'wxt/utils/content-script-context';

export default defineWxtModule({
  name: 'quiet-content-script',
  setup(wxt) {
    const stub = resolve(wxt.config.root, 'modules/quiet-content-script/inert-context.ts');
    wxt.hooks.hook('vite:build:extendConfig', (entrypoints, config) => {
      if (!entrypoints.some((entrypoint) => entrypoint.type === 'content-script')) return;
      config.plugins ??= [];
      config.plugins.push({
        name: 'backstory:quiet-content-script',
        enforce: 'pre',
        resolveId: (id) => (id === WXT_CONTEXT ? stub : null),
      });
    });
  },
});
