/**
 * Bundled into the benchmark page: the real scan pipeline (collect text → match → paint) next to the baselines,
 * all on the same DOM. Each runner restores a pristine copy of the article first and ends after the next frame.
 */
import Mark from 'mark.js';
import { collectText } from '../../../utils/dom/collect-text';
import { createPainter, rangesFor } from '../../../utils/dom/paint-highlights';
import { buildIndex } from '../../../utils/matcher/build-index';
import { matchMentions } from '../../../utils/matcher/match-mentions';
import type { MatcherIndex } from '../../../utils/matcher/matcher-index';
import type { StoryPack } from '../../../utils/model/pack';

declare global {
  interface Window {
    bench: typeof bench;
  }
}

let pristine: Node | undefined;
let index: MatcherIndex | undefined;
let regex: RegExp | undefined;

function nextFrame(): Promise<void> {
  return new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
}

function restore(): HTMLElement {
  const current = document.getElementById('article')!;
  pristine ??= current.cloneNode(true);
  const fresh = pristine.cloneNode(true) as HTMLElement;
  current.replaceWith(fresh);
  for (const [name] of CSS.highlights) CSS.highlights.delete(name);
  return fresh;
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

const bench = {
  setup(packs: StoryPack[]) {
    index = buildIndex(packs);
    const aliases = packs.flatMap((p) => p.entities.flatMap((e) => e.aliases.map((a) => a.text)));
    aliases.sort((a, b) => b.length - a.length);
    regex = new RegExp(`(?:${aliases.map(escape).join('|')})`, 'gi');
    restore();
    return { aliases: aliases.length };
  },
  async floor() {
    const root = restore();
    await nextFrame();
    const t0 = performance.now();
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    let text = '';
    for (let n = walker.nextNode(); n; n = walker.nextNode()) text += (n as Text).data;
    await nextFrame();
    return { ms: performance.now() - t0, chars: text.length };
  },
  async ours(date = '2026-02-18') {
    const root = restore();
    await nextFrame();
    const t0 = performance.now();
    const collected = collectText(root);
    const t1 = performance.now();
    const mentions = matchMentions(index!, collected.text, { date });
    const t2 = performance.now();
    const painter = createPainter(document);
    painter.paint(mentions.map((mention) => ({ mention, ranges: rangesFor(collected, mention.start, mention.end) })));
    const t3 = performance.now();
    await nextFrame();
    const t4 = performance.now();
    painter.clear();
    return { ms: t4 - t0, collect: t1 - t0, match: t2 - t1, paint: t3 - t2, frame: t4 - t3, mentions: mentions.length };
  },
  async markjs() {
    const root = restore();
    await nextFrame();
    const t0 = performance.now();
    let count = 0;
    new Mark(root).markRegExp(regex!, { each: () => void count++ });
    await nextFrame();
    return { ms: performance.now() - t0, mentions: count };
  },
};

window.bench = bench;
