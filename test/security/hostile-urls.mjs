// Hostile URLs generated from categories: script schemes in disguise (case, tabs/newlines inside the scheme, leading
// control characters and spaces, HTML entities, percent-encoding), other non-web schemes, credentials, protocol-relative
// and relative forms, plain http off localhost — and valid https for contrast.
//
// Each entry says what Backstory must do with it:
//   source: may a pack cite it as a source URL / add it as a source (https, or http only on localhost; no credentials)
//   link:   may it become an <a href> in a view (http(s) with a host; toSafeLink)

import { beaconJs, OFFLINE_BEACON_BASE } from './payloads.mjs';

const SCRIPT_SCHEMES = ['javascript', 'vbscript'];

/** Ways to disguise a scheme name so that a naive `startsWith('javascript:')` check misses it. */
const SCHEME_DISGUISES = [
  ['as-is', (s) => s],
  ['upper', (s) => s.toUpperCase()],
  ['mixed-case', (s) => [...s].map((c, i) => (i % 2 ? c.toUpperCase() : c)).join('')],
  ['tab-inside', (s) => `${s.slice(0, 4)}\t${s.slice(4)}`],
  ['newline-inside', (s) => `${s.slice(0, 4)}\n${s.slice(4)}`],
  ['cr-inside', (s) => `${s.slice(0, 2)}\r${s.slice(2)}`],
  ['tab-newline-mix', (s) => [...s].map((c, i) => (i % 3 === 2 ? `${c}\t\n` : c)).join('')],
  ['leading-space', (s) => ` ${s}`],
  ['leading-nul', (s) => `\u0000${s}`],
  ['leading-c0-01', (s) => `\u0001${s}`],
  ['leading-c0-1f', (s) => `\u001f${s}`],
  ['leading-nbsp-free-spaces', (s) => `   \t${s}`],
  ['trailing-space-before-colon', (s) => `${s} `],
];

/** What follows the colon of a script URL. */
const SCRIPT_BODIES = [
  ['beacon', (id) => beaconJs(id, OFFLINE_BEACON_BASE, 'sq')],
  ['comment-newline', (id) => `//%0a${beaconJs(id, OFFLINE_BEACON_BASE, 'nq')}`],
  ['https-lookalike', (id) => `//https://news.example/%0a${beaconJs(id, OFFLINE_BEACON_BASE, 'nq')}`],
];

/** Encodings of the scheme that only a decoder (HTML or percent) would turn back into `javascript:`. */
const ENCODED_SCHEMES = [
  ['entity-decimal-j', '&#106;avascript:'],
  ['entity-hex-j', '&#x6A;avascript:'],
  ['entity-padded', '&#0000106;&#0000097;vascript:'],
  ['entity-colon', 'javascript&colon;'],
  ['entity-colon-decimal', 'javascript&#58;'],
  ['entity-tab', 'java&Tab;script:'],
  ['entity-newline', 'java&NewLine;script:'],
  ['percent-j', '%6Aavascript:'],
  ['percent-colon', 'javascript%3A'],
  ['percent-all', '%6A%61%76%61%73%63%72%69%70%74%3A'],
  ['double-percent', '%256Aavascript:'],
  ['unicode-escape', '\\u006Aavascript:'],
  ['fullwidth-j', '\uFF4Aavascript:'],
  ['zero-width-inside', 'java\u200Bscript:'],
  ['soft-hyphen-inside', 'java\u00ADscript:'],
];

/** Other schemes a link must never use. */
const OTHER_SCHEMES = [
  ['data-html', (id) => `data:text/html,<script>${beaconJs(id, OFFLINE_BEACON_BASE, 'sq')}</script>`],
  ['data-html-base64', () => 'data:text/html;base64,PHNjcmlwdD50b3AuX19wd25lZD0xPC9zY3JpcHQ+'],
  ['data-svg', (id) => `data:image/svg+xml,<svg xmlns="http://www.w3.org/2000/svg" onload="${beaconJs(id, OFFLINE_BEACON_BASE, 'sq')}"/>`],
  ['data-upper', () => 'DATA:text/html,x'],
  ['data-leading-space', () => ' data:text/html,x'],
  ['data-text-plain', () => 'data:,hello'],
  ['blob-https', () => 'blob:https://news.example/2b1c0a4e-0000-4000-8000-000000000000'],
  ['blob-null', () => 'blob:null/2b1c0a4e'],
  ['file-etc', () => 'file:///etc/passwd'],
  ['file-host', () => 'file://server/share/x'],
  ['file-windows', () => 'file:///C:/Windows/win.ini'],
  ['chrome-extension', () => 'chrome-extension://abcdefghijklmnopabcdefghijklmnop/popup.html'],
  ['chrome-extension-options', () => 'chrome-extension://abcdefghijklmnopabcdefghijklmnop/options.html#x'],
  ['moz-extension', () => 'moz-extension://0a1b2c3d-0000-4000-8000-000000000000/popup.html'],
  ['chrome-settings', () => 'chrome://settings/'],
  ['about-blank', () => 'about:blank'],
  ['about-srcdoc', () => 'about:srcdoc'],
  ['about-config', () => 'about:config'],
  ['view-source', () => 'view-source:https://news.example/'],
  ['filesystem', () => 'filesystem:https://news.example/temporary/x'],
  ['ftp', () => 'ftp://news.example/file'],
  ['ws', () => 'ws://news.example/socket'],
  ['wss', () => 'wss://news.example/socket'],
  ['intent', () => 'intent://news.example/#Intent;scheme=https;end'],
  ['tel', () => 'tel:+10000000000'],
  ['jar', () => 'jar:https://news.example/a.jar!/x'],
  ['mailto-as-source', () => 'mailto:desk@news.example'],
  ['feed-scheme', () => 'feed:https://news.example/rss'],
];

/** https (and http) forms that must still be refused or handled carefully. */
const TRICKY_WEB = [
  // Credentials: a password must never be stored or linked; "trusted@evil" shows a misleading name first.
  ['credentials-user-pass', 'https://user:pass@news.example/a', { source: false, link: true }],
  ['credentials-user', 'https://user@news.example/a', { source: false, link: true }],
  ['credentials-lookalike', 'https://news.example@evil.example/a', { source: false, link: true }],
  ['credentials-localhost-lookalike', 'http://127.0.0.1@evil.example/', { source: false, link: true }],
  ['credentials-empty-password', 'https://user:@news.example/', { source: false, link: true }],
  // Protocol-relative and relative: no scheme of their own, so nothing to link without a base.
  ['protocol-relative', '//evil.example/a', { source: false, link: false }],
  ['protocol-relative-backslash', '\\\\evil.example\\a', { source: false, link: false }],
  ['slash-backslash', '/\\evil.example/a', { source: false, link: false }],
  ['triple-slash', '///evil.example/a', { source: false, link: false }],
  ['relative-path', 'evil.html', { source: false, link: false }],
  ['relative-root', '/pack.json', { source: false, link: false }],
  ['empty', '', { source: false, link: false }],
  ['spaces-only', '   ', { source: false, link: false }],
  ['https-no-host', 'https://', { source: false, link: false }],
  ['https-colon-only', 'https:', { source: false, link: false }],
  // Plain http off this machine: a link may use it, a source may not.
  ['http-remote', 'http://news.example/a', { source: false, link: true }],
  ['http-localhost-subdomain', 'http://localhost.evil.example/', { source: false, link: true }],
  ['http-127-subdomain', 'http://127.0.0.1.evil.example/', { source: false, link: true }],
  ['http-remote-upper', 'HTTP://NEWS.EXAMPLE/A', { source: false, link: true }],
  // Valid https, for contrast: these must pass.
  ['https-plain', 'https://news.example/a', { source: true, link: true }],
  ['https-upper-scheme', 'HTTPS://NEWS.EXAMPLE/A', { source: true, link: true }],
  ['https-port-query-hash', 'https://news.example:8443/a?b=c#d', { source: true, link: true }],
  ['https-idn', 'https://xn--nws-ima.example/a', { source: true, link: true }],
  ['https-payload-in-path', 'https://news.example/"><img src=x onerror=1>', { source: true, link: true }],
  ['https-js-in-query', 'https://news.example/?next=javascript:alert(1)', { source: true, link: true }],
  ['http-localhost', 'http://localhost:8080/pack.json', { source: true, link: true }],
  ['http-127', 'http://127.0.0.1/pack.json', { source: true, link: true }],
];

/**
 * `{ id, category, url, source, link }` with ids 1…N in a stable order. `source`/`link` say whether Backstory must
 * accept the URL as a source and as a link (see the header).
 */
export function generateHostileUrls() {
  const out = [];
  const add = (category, url, expect) => out.push({ id: out.length + 1, category, url, ...expect });
  const refuse = { source: false, link: false };
  for (const scheme of SCRIPT_SCHEMES) {
    for (const [disguise, apply] of SCHEME_DISGUISES) {
      for (const [body, make] of SCRIPT_BODIES) {
        add(`${scheme}/${disguise}/${body}`, `${apply(scheme)}:${make(out.length + 1)}`, refuse);
      }
    }
  }
  for (const [encoding, prefix] of ENCODED_SCHEMES) {
    for (const [body, make] of SCRIPT_BODIES) add(`encoded/${encoding}/${body}`, `${prefix}${make(out.length + 1)}`, refuse);
  }
  for (const [name, make] of OTHER_SCHEMES) {
    add(`scheme/${name}`, make(out.length + 1), refuse);
    add(`scheme/${name}/mixed-case`, mixCaseScheme(make(out.length + 1)), refuse);
  }
  for (const [name, url, expect] of TRICKY_WEB) add(`web/${name}`, url, expect);
  return out;
}

function mixCaseScheme(url) {
  const colon = url.indexOf(':');
  if (colon <= 0) return url;
  const scheme = [...url.slice(0, colon)].map((c, i) => (i % 2 ? c.toUpperCase() : c.toLowerCase())).join('');
  return `${scheme}${url.slice(colon)}`;
}
