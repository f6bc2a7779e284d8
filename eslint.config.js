import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const htmlSinks = [
  { selector: "MemberExpression[property.name='innerHTML']", message: 'Render data as text; no innerHTML.' },
  { selector: "MemberExpression[property.name='outerHTML']", message: 'Render data as text; no outerHTML.' },
  { selector: "CallExpression[callee.property.name='insertAdjacentHTML']", message: 'No insertAdjacentHTML.' },
  { selector: "CallExpression[callee.object.name='document'][callee.property.name=/^write(ln)?$/]", message: 'No document.write.' },
  { selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']", message: 'No HTML from data.' },
  { selector: "CallExpression[callee.name='eval']", message: 'No eval.' },
  { selector: "NewExpression[callee.name='Function']", message: 'No new Function.' },
];

// Every request the extension makes goes through utils/sources/fetch-source.ts, which reports it to the network log.
const NETWORK_MESSAGE = 'Make requests only through fetchSource (utils/sources/fetch-source.ts): it records them in the network log.';
const networkGlobals = ['fetch', 'XMLHttpRequest', 'WebSocket', 'EventSource', 'WebTransport'].map((name) => ({ name, message: NETWORK_MESSAGE }));
const networkProperties = [
  { property: 'fetch', message: NETWORK_MESSAGE },
  { property: 'XMLHttpRequest', message: NETWORK_MESSAGE },
  { property: 'WebSocket', message: NETWORK_MESSAGE },
  { property: 'EventSource', message: NETWORK_MESSAGE },
  { object: 'navigator', property: 'sendBeacon', message: NETWORK_MESSAGE },
];

/**
 * The layers (ARCHITECTURE.md): each may import only the ones before it. Import paths are matched by regular
 * expression so aliases (`@/utils/kb/db`) and relative paths (`../kb/db`) are caught alike.
 */
const importOf = {
  wxt: { regex: '^(wxt|#imports)(/|$)', message: 'The pure core runs in Node and the worker: no WXT.' },
  polyfill: { regex: '^webextension-polyfill$', message: 'No browser APIs here.' },
  dexie: { regex: '^dexie(/|$)', message: 'Only utils/kb talks to Dexie.' },
  kb: { regex: '(^|/)kb(/|$)', message: 'The knowledge base (utils/kb) is storage: this layer comes before it.' },
  wxtBrowser: { regex: '^wxt/browser(/|$)', message: 'Components get data as props and call callbacks: no browser.*.' },
  client: { regex: '(^|/)messaging/client(\\.ts)?$', message: 'Components do not send messages: the entrypoint wires them.' },
};
const restrictImports = (...patterns) => ['error', { patterns: patterns.map(({ regex, message }) => ({ regex, message })) }];
/** Globals only a page (or a window) has: the core also runs in the service worker and in Node. */
const DOM_GLOBALS = [
  'document', 'window', 'navigator', 'location', 'history', 'localStorage', 'sessionStorage', 'Node', 'Element',
  'HTMLElement', 'Text', 'Document', 'DocumentFragment', 'ShadowRoot', 'Range', 'StaticRange', 'Selection',
  'DOMParser', 'XMLSerializer', 'MutationObserver', 'IntersectionObserver', 'ResizeObserver', 'getComputedStyle',
  'requestAnimationFrame', 'cancelAnimationFrame', 'matchMedia', 'CSS', 'Highlight', 'CSSStyleSheet',
].map((name) => ({ name, message: 'The pure core has no DOM: take what you need as a parameter, or move this to utils/dom.' }));
/** The same names as types: a core signature that speaks of a DOM node belongs in utils/dom. */
const DOM_TYPES = {
  selector: `TSTypeReference[typeName.name=/^(${DOM_GLOBALS.map((g) => g.name).filter((n) => /^[A-Z]/.test(n)).join('|')})$/]`,
  message: 'The pure core has no DOM types: move this to utils/dom.',
};
const BROWSER_GLOBALS = ['browser', 'chrome'].map((name) => ({ name, message: 'Components never call browser.*: props in, callbacks out.' }));

/** Pure core folders; a new pure folder (e.g. utils/dates) is listed here. */
const CORE = ['utils/model/**', 'utils/text/**', 'utils/matcher/**', 'utils/figures/**', 'utils/pack/**', 'utils/style/**', 'utils/dates/**'];

export default tseslint.config(
  { ignores: ['.output/', '.output-e2e/', '.wxt/', 'node_modules/', 'demo-output/', '.tmp/', 'test/fixtures/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node, ...globals.webextensions } },
    rules: {
      'no-restricted-syntax': ['error', ...htmlSinks],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // The network log's promise: one place for requests in the extension's code (tests and scripts may fetch).
    files: ['utils/**', 'entrypoints/**', 'components/**'],
    ignores: ['utils/sources/fetch-source.ts'],
    rules: {
      'no-restricted-globals': ['error', ...networkGlobals],
      'no-restricted-properties': ['error', ...networkProperties],
    },
  },
  {
    files: CORE,
    rules: {
      'no-restricted-imports': restrictImports(importOf.wxt, importOf.polyfill, importOf.dexie, importOf.kb),
      // Rule settings for these files replace the ones above: the network globals are repeated.
      'no-restricted-globals': ['error', ...networkGlobals, ...DOM_GLOBALS],
      // Repeats the HTML sinks, for the same reason.
      'no-restricted-syntax': ['error', ...htmlSinks, DOM_TYPES],
    },
  },
  {
    files: ['components/**'],
    rules: {
      'no-restricted-imports': restrictImports(importOf.wxtBrowser, importOf.polyfill, importOf.dexie, importOf.client),
      'no-restricted-globals': ['error', ...networkGlobals, ...BROWSER_GLOBALS],
    },
  },
  {
    files: ['utils/dom/**'],
    rules: { 'no-restricted-imports': restrictImports(importOf.dexie, importOf.kb) },
  },
);
