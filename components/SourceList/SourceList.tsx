import type { SourceView } from '@/utils/messaging/views';

export interface SourceListProps {
  sources: SourceView[];
  /** Epoch ms; injected for deterministic tests. */
  now: number;
}

const KIND_LABEL: Record<SourceView['kind'], string> = {
  bundled: 'Built-in story pack',
  pack: 'Story pack',
  feed: 'Feed',
};

export function formatAgo(then: number, now: number): string {
  const minutes = Math.round((now - then) / 60_000);
  if (minutes < 1) return 'just now';
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.round(minutes / 60);
  if (hours < 48) return `${hours} h ago`;
  return `${Math.round(hours / 24)} days ago`;
}

/** The reader's sources, the built-in pack first, with version and last update. */
export function SourceList({ sources, now }: SourceListProps) {
  if (sources.length === 0) return <p data-testid="no-sources">No sources yet.</p>;
  return (
    <ul class="bs-source-list" data-testid="source-list">
      {sources.map((s) => (
        <li key={s.id} class="bs-source" data-testid="source">
          <div class="bs-source-head">
            <strong data-testid="source-title">{s.title}</strong>
            <span class="bs-muted"> · {KIND_LABEL[s.kind]}</span>
            {!s.enabled && <span class="bs-badge">off</span>}
          </div>
          <div class="bs-source-meta">
            {s.version && <span data-testid="source-version">version {s.version}</span>}
            {s.lastUpdated !== undefined && (
              <span data-testid="source-updated">
                {' '}
                · updated <time dateTime={new Date(s.lastUpdated).toISOString()}>{formatAgo(s.lastUpdated, now)}</time>
              </span>
            )}
            {s.url && <span class="bs-host"> · {s.url}</span>}
          </div>
          {s.error && (
            <p class="bs-error" role="alert">
              {s.error}
            </p>
          )}
        </li>
      ))}
    </ul>
  );
}
