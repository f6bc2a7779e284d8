import type { MentionKind } from '@/utils/model/mention';
import { useT } from '../ui/i18n';
import { KIND_NAME } from '../ui/labels';

export interface MentionCountProps {
  /** Null while unknown, e.g. on pages where Backstory does not run. */
  total: number | null;
  byKind: Partial<Record<MentionKind, number>>;
}

/** "Mentions on this page: 12", with a breakdown by kind. */
export function MentionCount({ total, byKind }: MentionCountProps) {
  const t = useT();
  if (total === null) {
    return (
      <p class="bs-count" data-testid="mention-count">
        {t('page_not_read')}
      </p>
    );
  }
  const parts = (Object.entries(byKind) as [MentionKind, number][])
    .filter(([kind, n]) => n > 0 && kind in KIND_NAME)
    .map(([kind, n]) => `${t(KIND_NAME[kind].many)}: ${n}`);
  return (
    <p class="bs-count" data-testid="mention-count">
      {t('mentions_on_page')} <strong data-testid="mention-total">{total}</strong>
      {parts.length > 0 && <span class="bs-muted"> ({parts.join(', ')})</span>}
    </p>
  );
}
