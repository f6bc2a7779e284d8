import { readFileSync } from 'node:fs';
import { defineConfig } from 'wxt';

/** The UI's message tables live once, in components/ui/locales; the build writes them where browsers look. */
const LOCALES = ['en', 'fa', 'ar'] as const;

/**
 * Test-only manifest additions, switched on by `BACKSTORY_E2E=1` at build time and written to `.output-e2e/` so they
 * never mix with the release build in `.output/`. Listed here so a test can prove the release manifests lack them:
 * - `host_permissions` for 127.0.0.1, so local feeds and packs can be fetched without the permission prompt that
 *   automation cannot accept;
 * - Firefox only: popup.html and options.html web-accessible to 127.0.0.1, because WebDriver BiDi cannot navigate a
 *   tab to a moz-extension: page directly.
 * Not in the manifest: `import.meta.env.BACKSTORY_E2E`, which lets the UIs' clock (utils/clock/clock.ts) take a
 * test-only offset from storage, so browser tests can set it past the stale threshold. False in release builds, whose
 * files therefore lack that code (checked by test/build/check-build.mjs).
 */
const e2e = process.env.BACKSTORY_E2E === '1';

export default defineConfig({
  outDir: e2e ? '.output-e2e' : '.output',
  modules: ['@wxt-dev/webextension-polyfill'],
  hooks: {
    'build:publicAssets': (_wxt, files) => {
      for (const lang of LOCALES) {
        files.push({
          relativeDest: `_locales/${lang}/messages.json`,
          contents: readFileSync(`components/ui/locales/${lang}.json`, 'utf8'),
        });
      }
    },
  },
  manifest: ({ browser }) => ({
    name: 'Backstory',
    default_locale: 'en',
    description: 'Context cards for the news: who is who, which round of talks, and every side of a disputed number.',
    permissions: ['storage', 'alarms', 'scripting'],
    optional_host_permissions: ['https://*/*', 'http://localhost/*', 'http://127.0.0.1/*'],
    commands: {
      'next-mention': {
        suggested_key: { default: 'Alt+Shift+J' },
        description: 'Go to the next marked mention and open its card',
      },
      'previous-mention': {
        suggested_key: { default: 'Alt+Shift+K' },
        description: 'Go to the previous marked mention and open its card',
      },
    },
    ...(e2e && { host_permissions: ['http://127.0.0.1/*'] }),
    ...(e2e &&
      browser === 'firefox' && {
        web_accessible_resources: [{ resources: ['popup.html', 'options.html'], matches: ['http://127.0.0.1/*'] }],
      }),
    ...(browser === 'firefox' && {
      browser_specific_settings: {
        gecko: {
          id: 'backstory@backstory.example',
          strict_min_version: '142.0',
          data_collection_permissions: { required: ['none'] },
        },
        // data_collection_permissions needs Firefox 140 on desktop and 142 on Android.
        gecko_android: { strict_min_version: '142.0' },
      },
    }),
  }),
  vite: () => ({ define: { 'import.meta.env.BACKSTORY_E2E': JSON.stringify(e2e) } }),
  webExt: { disabled: true },
  // `npm run zip`: the sources zip for the add-on stores holds what the build reads (with the lock file), nothing
  // built or generated. WXT already leaves out node_modules, dot files and folders (.git, .output-e2e, .wxt, .tmp),
  // .output and *.test.* files; the tests and fixtures, demo screenshots and coverage are not needed to build.
  // test/build/check-sources-zip.mjs rebuilds the Firefox add-on from this zip and compares it file by file.
  zip: {
    excludeSources: ['test/**', 'demo-output/**', 'coverage/**', '**/*.log'],
  },
});
