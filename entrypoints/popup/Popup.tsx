import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { RoundSummary } from '@/components/RoundSummary/RoundSummary';
import { MentionCount, type MentionCountProps } from '@/components/RoundSummary/MentionCount';
import { askBackground, askTab } from '@/utils/messaging/client';
import type { LatestRoundView } from '@/utils/messaging/views';

type Load<T> = { state: 'loading' } | { state: 'ready'; value: T } | { state: 'error'; message: string };

async function countMentionsOnActiveTab(): Promise<MentionCountProps> {
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  if (tab?.id === undefined) return { total: null, byKind: {} };
  try {
    return await askTab(tab.id, 'page-mentions', {});
  } catch {
    // No content script in this tab (browser pages, the web store, paused sites).
    return { total: null, byKind: {} };
  }
}

/** Wiring of the toolbar popup: the latest round and this page's mentions. */
export function Popup() {
  const [latest, setLatest] = useState<Load<LatestRoundView | null>>({ state: 'loading' });
  const [counts, setCounts] = useState<MentionCountProps | null>(null);

  useEffect(() => {
    askBackground('latest-round', {})
      .then((value) => setLatest({ state: 'ready', value }))
      .catch((e: unknown) => setLatest({ state: 'error', message: String(e) }));
    countMentionsOnActiveTab().then(setCounts, () => setCounts({ total: null, byKind: {} }));
  }, []);

  return (
    <div style={{ width: '360px', maxWidth: '100vw' }}>
      <header class="bs-page-head">
        <h1>Backstory</h1>
        <span class="bs-muted">the story so far</span>
      </header>
      <main class="bs-page-main">
        {counts && <MentionCount {...counts} />}
        {latest.state === 'loading' && <p class="bs-muted">Loading…</p>}
        {latest.state === 'error' && <p class="bs-error">Could not read the knowledge base: {latest.message}</p>}
        {latest.state === 'ready' &&
          (latest.value ? <RoundSummary view={latest.value} /> : <p>No rounds in the knowledge base yet.</p>)}
      </main>
    </div>
  );
}
