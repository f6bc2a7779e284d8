/**
 * The mention engine's entry point: article text in, mention spans out (UTF-16 offsets into the text given,
 * sorted, non-overlapping). Pure: runs unchanged in the service worker, the CLI, tests and benchmarks.
 */
import type { Mention, ScanContext } from '../model/mention';
import { makeWordWatch, normalizeForScan } from '../text/normalize';
import { paragraphSpans } from '../text/segments';
import { matchFigures } from '../figures/match-figures';
import { NUMBER_WORD_HASHES, readNumbersInWords } from '../figures/read-number';
import { findRounds, ROUND_WORD_HASHES } from './find-rounds';
import { MATCHER_INDEX_VERSION, type MatcherIndex } from './matcher-index';
import { hasCoreSignal, isRelevant } from './relevance';
import { resolveEntities } from './resolve-entities';
import { scanAliases } from './scan-aliases';

interface Draft {
  start: number;
  end: number;
  kind: Mention['kind'];
  id: string;
  label: string;
  claimId?: string;
  value?: number;
}

/**
 * The words the number and round finders start from: the normalizer lists their runs (with the digit, Arabic-script
 * and possessive runs) as it folds, so those finders visit a few hundred runs instead of every word of the page.
 */
export const SCAN_WATCH = makeWordWatch([...NUMBER_WORD_HASHES, ...ROUND_WORD_HASHES]);

export function matchMentions(index: MatcherIndex, text: string, context: ScanContext): Mention[] {
  if (index.version !== MATCHER_INDEX_VERSION) {
    throw new Error(`Matcher index format ${index.version} is not ${MATCHER_INDEX_VERSION}; rebuild it.`);
  }
  const scan = normalizeForScan(text, { scratch: true, watch: SCAN_WATCH });
  const { text: normalized, map, words } = scan;
  const hits = scanAliases(index, { ...scan, original: text });
  const { entities, talks } = resolveEntities(index, hits, normalized, context, { text, map });
  // Most pages are not about the story: stop before the round and figure stages when nothing core was named.
  if (!context.relevant && !hasCoreSignal(index, entities, talks)) return [];
  const paragraphs = paragraphSpans(normalized);
  const rounds = findRounds(index, normalized, entities, talks, context, paragraphs, words);
  const figures = matchFigures(normalized, index.figures, context.date, paragraphs, readNumbersInWords(normalized, words), words);
  if (!context.relevant && !isRelevant(index, { entities, talks, rounds, figures })) return [];

  // One list per rank (lower wins an overlap), each in start order as its finder returns it.
  const byRank: Draft[][] = [[], [], [], []];
  for (const r of rounds) {
    const round = r.round >= 0 ? index.rounds[r.round]! : undefined;
    byRank[0]!.push(round
      ? { start: r.start, end: r.end, kind: 'round', id: round.id, label: round.label }
      : { start: r.start, end: r.end, kind: 'talks', id: 'talks', label: index.talksLabel });
  }
  for (const f of figures) {
    const figure = index.figures[f.figure]!;
    byRank[1]!.push({
      start: f.start, end: f.end, kind: 'figure', id: figure.id, label: figure.label,
      ...(f.claimId !== undefined ? { claimId: f.claimId } : {}),
      ...(f.value !== undefined ? { value: f.value } : {}),
    });
  }
  for (const m of entities) {
    const e = index.entities[m.entity]!;
    byRank[2]!.push({ start: m.start, end: m.end, kind: e.kind, id: e.id, label: e.name });
  }
  for (const t of talks) byRank[3]!.push({ start: t.start, end: t.end, kind: 'talks', id: 'talks', label: index.talksLabel });

  // Rank by rank, each in start order: a draft is kept when it overlaps nothing kept so far. `kept` stays sorted and
  // disjoint, so one pointer walking it finds the only possible overlap, and each rank is merged in linearly.
  let kept: Draft[] = [];
  for (const drafts of byRank) {
    if (!isSortedByStart(drafts)) drafts.sort((a, b) => a.start - b.start);
    const accepted: Draft[] = [];
    let k = 0;
    for (const d of drafts) {
      while (k < kept.length && kept[k]!.end <= d.start) k++;
      if (k < kept.length && kept[k]!.start < d.end) continue;
      const last = accepted[accepted.length - 1];
      if (last && last.end > d.start) continue;
      accepted.push(d);
    }
    kept = mergeByStart(kept, accepted);
  }

  return kept.map((d) => {
    const start = map.at(d.start);
    const end = map.at(d.end);
    const mention: Mention = { start, end, text: text.slice(start, end), kind: d.kind, id: d.id, label: d.label };
    if (d.claimId !== undefined) mention.claimId = d.claimId;
    if (d.value !== undefined) mention.value = d.value;
    return mention;
  });
}

function isSortedByStart(drafts: readonly Draft[]): boolean {
  for (let i = 1; i < drafts.length; i++) if (drafts[i - 1]!.start > drafts[i]!.start) return false;
  return true;
}

function mergeByStart(a: Draft[], b: Draft[]): Draft[] {
  if (b.length === 0) return a;
  if (a.length === 0) return b;
  const out: Draft[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) out.push(a[i]!.start <= b[j]!.start ? a[i++]! : b[j++]!);
  while (i < a.length) out.push(a[i++]!);
  while (j < b.length) out.push(b[j++]!);
  return out;
}
