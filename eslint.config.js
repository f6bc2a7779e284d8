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
);
