import { useEffect, useState } from 'preact/hooks';
import { SourceList } from '@/components/SourceList/SourceList';
import { askBackground } from '@/utils/messaging/client';
import type { SourceView } from '@/utils/messaging/views';

/** Wiring of the options page. */
export function Options() {
  const [sources, setSources] = useState<SourceView[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    askBackground('list-sources', {}).then(setSources, (e: unknown) => setError(String(e)));
  }, []);

  return (
    <div style={{ maxWidth: '46rem', margin: '0 auto' }}>
      <header class="bs-page-head">
        <h1>Backstory options</h1>
      </header>
      <main class="bs-page-main">
        <section aria-labelledby="sources-title">
          <h2 id="sources-title" class="bs-title">
            Sources
          </h2>
          <p class="bs-muted">Story packs and feeds Backstory reads. Page text never leaves your browser.</p>
          {error && <p class="bs-error">Could not read the sources: {error}</p>}
          {sources ? <SourceList sources={sources} now={Date.now()} /> : !error && <p class="bs-muted">Loading…</p>}
        </section>
      </main>
    </div>
  );
}
