import type { SourceLink } from '@/utils/messaging/views';
import { formatDate } from './format';
import { useT } from './i18n';

export interface SourceLinksProps {
  sources: SourceLink[];
  /** Show at most this many; the rest are counted. */
  limit?: number;
}

/** Source links with their host shown. Links reach here already checked to be http(s); rel keeps the opener safe. */
export function SourceLinks({ sources, limit = 4 }: SourceLinksProps) {
  const t = useT();
  if (sources.length === 0) return null;
  const shown = sources.slice(0, limit);
  return (
    <ul class="bs-sources" data-testid="sources">
      {shown.map((s) => (
        <li key={s.url}>
          <a href={s.url} target="_blank" rel="noopener noreferrer">
            {s.publisher}
          </a>{' '}
          <span class="bs-host">{s.host}</span>
          {s.date && <span class="bs-muted"> · {formatDate(s.date)}</span>}
        </li>
      ))}
      {sources.length > shown.length && <li class="bs-muted">{t('more_count', { n: sources.length - shown.length })}</li>}
    </ul>
  );
}
