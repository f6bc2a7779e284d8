/**
 * The page-relevance gate: marks appear only on pages that are about the story, judged on the whole text so a
 * travel page about Muscat or a page that only names Trump gets nothing.
 */
import type { FigureHit } from '../figures/match-figures';
import type { MatcherIndex } from './matcher-index';
import type { RoundMark } from './find-rounds';
import type { EntityMark, TalksMark } from './resolve-entities';

/** Distinct story signals a page needs besides a core one. */
export const SIGNALS_NEEDED = 2;

export interface RelevanceInput {
  entities: readonly EntityMark[];
  talks: readonly TalksMark[];
  rounds: readonly RoundMark[];
  figures: readonly FigureHit[];
}

/**
 * Whether any core signal is present (a talks phrase that names the story, or a core entity named unambiguously,
 * with, when the pack anchors its talks to sides, something named on one of them); without one no page is
 * relevant, so the later stages can be skipped.
 */
export function hasCoreSignal(index: MatcherIndex, entities: readonly EntityMark[], talks: readonly TalksMark[]): boolean {
  if (talks.some((t) => t.specific)) return true;
  // An anchored story also needs something named on an anchor side: the Gaza talks have the same US envoys.
  if (index.anchored && !entities.some((m) => m.sure && index.entities[m.entity]!.anchor)) return false;
  return entities.some((m) => m.sure && index.entities[m.entity]!.core);
}

/** Relevant when the page has a core signal and at least `SIGNALS_NEEDED` distinct signals (entities, the talks, figures). */
export function isRelevant(index: MatcherIndex, input: RelevanceInput): boolean {
  // Signals as numbers, one range per kind: entity e → e, the talks → -1, round r → -2 - r, figure f → -2 - rounds - f.
  const signals = new Set<number>();
  const roundCount = index.rounds.length;
  for (const m of input.entities) if (m.sure) signals.add(m.entity);
  if (input.talks.length > 0) signals.add(-1);
  for (const r of input.rounds) {
    signals.add(-1);
    // A round counts as a signal, not as core: "the second round" of a union's wage talks resolves to a date too.
    if (r.round >= 0) signals.add(-2 - r.round);
  }
  for (const f of input.figures) signals.add(-2 - roundCount - f.figure);
  // The core signal (with its anchor rule) is judged in one place, `hasCoreSignal`.
  return signals.size >= SIGNALS_NEEDED && hasCoreSignal(index, input.entities, input.talks);
}
