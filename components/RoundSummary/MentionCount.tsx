import type { MentionKind } from '@/utils/model/mention';

export interface MentionCountProps {
  /** Null while unknown, e.g. on pages where Backstory does not run. */
  total: number | null;
  byKind: Partial<Record<MentionKind, number>>;
}

const KIND_WORDS: Record<MentionKind, [string, string]> = {
  person: ['person', 'people'],
  org: ['organisation', 'organisations'],
  place: ['place', 'places'],
  event: ['event', 'events'],
  term: ['term', 'terms'],
  talks: ['mention of the talks', 'mentions of the talks'],
  round: ['round', 'rounds'],
  figure: ['disputed figure', 'disputed figures'],
};

/** "12 mentions on this page", with a breakdown by kind. */
export function MentionCount({ total, byKind }: MentionCountProps) {
  if (total === null) {
    return (
      <p class="bs-count" data-testid="mention-count">
        Backstory does not read this page.
      </p>
    );
  }
  const parts = (Object.entries(byKind) as [MentionKind, number][])
    .filter(([, n]) => n > 0)
    .map(([kind, n]) => `${n} ${KIND_WORDS[kind][n === 1 ? 0 : 1]}`);
  return (
    <p class="bs-count" data-testid="mention-count">
      <strong data-testid="mention-total">{total}</strong> {total === 1 ? 'mention' : 'mentions'} on this page
      {parts.length > 0 && <span class="bs-muted"> ({parts.join(', ')})</span>}
    </p>
  );
}
