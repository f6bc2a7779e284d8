/**
 * The card's styles, inlined into its shadow root (no web-accessible CSS file). `:host` is reset so page styles
 * such as `* { all: unset }` cannot reach inside; colours follow the reader's light/dark preference.
 */
export const CARD_CSS = `
:host { all: initial !important; }
.bs-root { position: fixed; top: 0; left: 0; z-index: 2147483647; width: max-content; max-width: min(24rem, calc(100vw - 16px));
  font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Noto Sans Arabic", sans-serif;
  color-scheme: light dark; --bg: #fff; --fg: #1d2430; --muted: #5b6472; --line: #d7dbe2; --accent: #2457c5;
  --match: #1f7a3a; --warn: #9a5b00; --bar: #8aa4d6; }
@media (prefers-color-scheme: dark) {
  .bs-root:not(.bs-theme-light) { --bg: #1c2027; --fg: #e6e9ee; --muted: #a3abb8; --line: #3a414d; --accent: #8cb2ff;
    --match: #6fd08f; --warn: #f0b45c; --bar: #5a78b5; color-scheme: dark; }
}
.bs-root.bs-theme-dark { --bg: #1c2027; --fg: #e6e9ee; --muted: #a3abb8; --line: #3a414d; --accent: #8cb2ff;
  --match: #6fd08f; --warn: #f0b45c; --bar: #5a78b5; color-scheme: dark; }
.bs-root.bs-theme-light { color-scheme: light; }
.bs-live { position: absolute; width: 1px; height: 1px; margin: -1px; padding: 0; overflow: hidden;
  clip-path: inset(50%); white-space: nowrap; border: 0; }
.bs-title:focus { outline: none; }
.bs-title:focus-visible { outline: 2px solid var(--accent); outline-offset: 2px; }
.bs-card { box-sizing: border-box; background: var(--bg); color: var(--fg); border: 1px solid var(--line);
  border-radius: 10px; box-shadow: 0 8px 28px rgba(0,0,0,.22); padding: 12px 14px; max-height: min(32rem, calc(100vh - 16px));
  overflow: auto; text-align: start; }
.bs-card *, .bs-card *::before, .bs-card *::after { box-sizing: border-box; }
.bs-card-head { position: relative; padding-inline-end: 24px; }
.bs-kind { margin: 0; font-size: 11px; letter-spacing: .04em; text-transform: uppercase; color: var(--muted); }
.bs-title { margin: 2px 0 6px; font-size: 17px; line-height: 1.25; font-weight: 650; }
.bs-close { position: absolute; inset-inline-end: -6px; top: -4px; border: 0; background: none; color: var(--muted);
  font-size: 20px; line-height: 1; cursor: pointer; padding: 2px 6px; border-radius: 6px; }
.bs-close:hover, .bs-close:focus-visible { color: var(--fg); background: color-mix(in srgb, var(--fg) 10%, transparent); }
.bs-role { margin: 0 0 6px; font-weight: 550; }
.bs-side, .bs-muted, .bs-host { color: var(--muted); }
.bs-host { font-size: 12px; }
.bs-aliases { margin: 0 0 6px; font-size: 13px; }
.bs-summary { margin: 0 0 8px; }
.bs-h3 { margin: 10px 0 4px; font-size: 12px; text-transform: uppercase; letter-spacing: .04em; color: var(--muted); }
ul { margin: 0; padding-inline-start: 18px; }
li { margin: 2px 0; }
a { color: var(--accent); }
a:focus-visible, button:focus-visible { outline: 2px solid var(--accent); outline-offset: 2px; }
.bs-facts { margin: 0 0 8px; display: grid; gap: 2px; }
.bs-fact { display: grid; grid-template-columns: 6.5rem 1fr; gap: 8px; }
.bs-fact dt { color: var(--muted); }
.bs-fact dd { margin: 0; }
.bs-timeline { list-style: none; padding: 0; margin: 8px 0 0; }
.bs-timeline--strip { display: flex; gap: 2px; overflow-x: auto; padding-bottom: 4px; }
.bs-timeline--strip .bs-tl { flex: 0 0 auto; }
.bs-timeline--strip .bs-tl-text { display: none; }
.bs-timeline--strip .bs-tl--current .bs-tl-text { display: inline; font-size: 12px; margin-inline-start: 4px; }
.bs-tl { display: flex; align-items: center; }
.bs-tl-dot { width: 10px; height: 10px; border-radius: 50%; background: var(--bar); flex: none; }
.bs-tl--event .bs-tl-dot { border-radius: 2px; background: var(--muted); }
.bs-tl--cancelled .bs-tl-dot, .bs-tl--postponed .bs-tl-dot { background: transparent; border: 2px solid var(--muted); }
.bs-tl--planned .bs-tl-dot { background: transparent; border: 2px dashed var(--accent); }
.bs-tl--date-passed .bs-tl-dot { background: transparent; border: 2px dashed var(--warn); }
.bs-tl--current .bs-tl-dot { outline: 2px solid var(--accent); outline-offset: 1px; }
.bs-timeline--list .bs-tl-dot { margin-inline-end: 8px; }
.bs-tl-date { color: var(--muted); font-variant-numeric: tabular-nums; }
.bs-badge { display: inline-block; font-size: 11px; padding: 0 6px; border-radius: 8px; border: 1px solid var(--line);
  margin-inline-start: 4px; color: var(--muted); }
.bs-badge--warn { color: var(--warn); border-color: var(--warn); }
.bs-badge--match { color: var(--match); border-color: var(--match); font-weight: 600; }
.bs-unit { margin: 0 0 4px; color: var(--muted); }
.bs-article-value { margin: 0 0 6px; }
.bs-claims { list-style: none; padding: 0; }
.bs-claim { padding: 6px 0; border-top: 1px solid var(--line); }
.bs-claim--matched { background: color-mix(in srgb, var(--match) 10%, transparent); }
.bs-claim-row { display: flex; justify-content: space-between; gap: 12px; }
.bs-claimant { font-weight: 550; }
.bs-claim-value { font-variant-numeric: tabular-nums; white-space: nowrap; }
.bs-scale { position: relative; height: 6px; background: color-mix(in srgb, var(--line) 60%, transparent); border-radius: 3px; margin: 4px 0; }
.bs-bar { position: absolute; top: 0; bottom: 0; background: var(--bar); border-radius: 3px; }
.bs-claim--matched .bs-bar { background: var(--match); }
.bs-claim-meta { font-size: 12px; }
.bs-scale-axis { display: flex; justify-content: space-between; font-size: 11px; color: var(--muted); margin: 2px 0 0; }
.bs-article-mark { position: absolute; top: -3px; bottom: -3px; width: 2px; background: var(--fg); }
.bs-history { font-size: 12px; margin: 2px 0 0; }
.bs-history summary { cursor: pointer; color: var(--accent); }
.bs-history ol { list-style: none; padding: 0; margin: 2px 0 0; }
.bs-history li { display: flex; justify-content: space-between; gap: 8px; }
.bs-history .bs-claim--matched { font-weight: 600; }
.bs-claimant--repeat { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
bdi, [dir="auto"] { unicode-bidi: isolate; }
.bs-claim .bs-sources { font-size: 12px; }
.bs-card-foot { margin-top: 10px; border-top: 1px solid var(--line); padding-top: 8px; font-size: 12px; }
.bs-asof { margin: 0 0 4px; color: var(--muted); }
.bs-stale { margin: 0 0 4px; color: var(--warn); }
.bs-article { margin: 0 0 4px; }
.bs-sources { list-style: none; padding: 0; margin: 0 0 6px; }
.bs-actions { display: flex; gap: 12px; align-items: center; }
.bs-link-button { border: 0; background: none; padding: 0; color: var(--accent); cursor: pointer; font: inherit; text-decoration: underline; }
`;
