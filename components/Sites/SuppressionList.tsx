import type { SuppressionView } from '@/utils/messaging/views';
import { useT } from '../ui/i18n';

export interface SuppressionListProps {
  /** Null while loading. */
  items: SuppressionView[] | null;
  onUndo: (site: string, id: string) => void;
  error?: string;
}

/** The "not this" choices, grouped by site, each with undo. */
export function SuppressionList({ items, onUndo, error }: SuppressionListProps) {
  const t = useT();
  const bySite = new Map<string, SuppressionView[]>();
  for (const item of items ?? []) bySite.set(item.site, [...(bySite.get(item.site) ?? []), item]);
  return (
    <div data-testid="suppressions">
      <h3>{t('suppressions_title')}</h3>
      {error && (
        <p class="bs-error" role="alert">
          {error}
        </p>
      )}
      {!items && !error && <p class="bs-muted">{t('loading')}</p>}
      {items && items.length === 0 && (
        <p class="bs-muted" data-testid="suppressions-empty">
          {t('suppressions_empty')}
        </p>
      )}
      {[...bySite.entries()].map(([site, list]) => (
        <div key={site} data-testid="suppression-site">
          <h4 dir="ltr" style={{ margin: '6px 0 2px' }}>
            {site}
          </h4>
          <ul class="bs-plain-list">
            {list.map((s) => (
              <li key={s.id} data-testid="suppression">
                {s.label || s.id}{' '}
                <button type="button" class="bs-link-button" onClick={() => onUndo(s.site, s.id)} aria-label={t('undo_named', { label: s.label || s.id, site })}>
                  {t('undo')}
                </button>
              </li>
            ))}
          </ul>
        </div>
      ))}
    </div>
  );
}
