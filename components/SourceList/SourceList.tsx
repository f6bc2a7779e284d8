import type { SourceView } from '@/utils/messaging/views';
import { useT } from '../ui/i18n';
import { SourceItem, type SourceActions } from './SourceItem';

export interface SourceListProps extends SourceActions {
  sources: SourceView[];
  /** Epoch ms; injected for deterministic tests. */
  now: number;
  /** Failed actions by source id. */
  errors?: Record<string, string | undefined>;
}

/** The reader's sources, the built-in pack first, with their state and (given callbacks) their controls. */
export function SourceList({ sources, now, errors = {}, ...actions }: SourceListProps) {
  const t = useT();
  if (sources.length === 0) return <p data-testid="no-sources">{t('no_sources')}</p>;
  return (
    <ul class="bs-source-list" data-testid="source-list">
      {sources.map((s) => (
        <SourceItem key={s.id} source={s} now={now} actionError={errors[s.id]} {...actions} />
      ))}
    </ul>
  );
}
