/**
 * Guards the rule "no remote code, no HTML from data" in our own source, independently of the lint config (which
 * forbids the same sinks; this fails even if that rule is switched off): no HTML sinks and no code generation in
 * `entrypoints/`, `components/` or `utils/`, and no `externally_connectable` or web-accessible resources declared.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../../..');
const DIRS = ['entrypoints', 'components', 'utils'];
const EXTENSIONS = /\.(ts|tsx|js|jsx|mjs|cjs|html)$/;

const SINKS: [string, RegExp][] = [
  ['innerHTML', /\binnerHTML\b/],
  ['outerHTML', /\bouterHTML\b/],
  ['insertAdjacentHTML', /\binsertAdjacentHTML\b/],
  ['document.write', /\bdocument\s*\.\s*write(?:ln)?\b/],
  ['dangerouslySetInnerHTML', /\bdangerouslySetInnerHTML\b/],
  ['eval(', /(?<![\w.$])eval\s*\(/],
  ['new Function', /\bnew\s+Function\b/],
  ['Function(…) call', /(?<![\w.$])Function\s*\(/],
  ['string timer', /\bset(?:Timeout|Interval)\s*\(\s*['"`]/],
  ['createContextualFragment', /\bcreateContextualFragment\b/],
  ['setHTMLUnsafe / parseHTMLUnsafe', /\b(?:setHTMLUnsafe|parseHTMLUnsafe)\b/],
  ['srcdoc', /\bsrcdoc\b/],
  ['DOMParser', /\bnew\s+DOMParser\b/],
];

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...sourceFiles(path));
    else if (EXTENSIONS.test(name)) out.push(path);
  }
  return out;
}

/** Comments out (block comments and `//` comments that start a line or follow whitespace; `https://` stays). */
function withoutComments(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, (c) => c.replace(/[^\n]/g, ' ')).replace(/(^|\s)\/\/.*$/gm, '$1');
}

describe('no HTML sinks or code generation in our source', () => {
  const files = DIRS.flatMap((d) => sourceFiles(join(ROOT, d)));

  it('finds the source files', () => {
    expect(files.length).toBeGreaterThan(50);
  });

  it.each(SINKS)('%s appears nowhere', (_name, pattern) => {
    const hits: string[] = [];
    for (const file of files) {
      const lines = withoutComments(readFileSync(file, 'utf8')).split('\n');
      lines.forEach((line, i) => {
        if (pattern.test(line)) hits.push(`${relative(ROOT, file)}:${i + 1}: ${line.trim()}`);
      });
    }
    expect(hits).toEqual([]);
  });

  it('the lint config still forbids the same sinks', () => {
    const config = readFileSync(join(ROOT, 'eslint.config.js'), 'utf8');
    for (const needle of ['innerHTML', 'outerHTML', 'insertAdjacentHTML', 'dangerouslySetInnerHTML', "'eval'", "'Function'", 'no-restricted-syntax']) {
      expect(config, needle).toContain(needle);
    }
    expect(config).not.toMatch(/'no-restricted-syntax'\s*:\s*['"]?(off|0)/);
  });
});

describe('the manifest lets no page talk to us or load our files', () => {
  const config = readFileSync(join(ROOT, 'wxt.config.ts'), 'utf8');

  it('declares no externally_connectable', () => {
    expect(config).not.toMatch(/externally_connectable/);
  });

  it('declares web_accessible_resources only for the test build (the release check is test/build/check-build.mjs)', () => {
    const lines = config.split('\n');
    lines.forEach((line, i) => {
      if (!line.includes('web_accessible_resources')) return;
      const context = lines.slice(Math.max(0, i - 3), i + 1).join('\n');
      expect(context, `wxt.config.ts:${i + 1}`).toMatch(/\be2e\s*&&/);
    });
  });

  it('no content script injects a UI through a web-accessible CSS file', () => {
    const content = sourceFiles(join(ROOT, 'entrypoints/content')).map((f) => readFileSync(f, 'utf8')).join('\n');
    expect(content).not.toMatch(/cssInjectionMode\s*:\s*['"]ui['"]/);
    expect(content).toMatch(/noScriptStartedPostMessage:\s*true/);
  });
});
