import { useEffect, useRef, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { RoundSummary } from '@/components/RoundSummary/RoundSummary';
import { PageMentions, type PageMentionItem } from '@/components/Popup/PageMentions';
import { WhatsNew } from '@/components/Popup/WhatsNew';
import { RoundsTimeline } from '@/components/Popup/RoundsTimeline';
import { Headlines } from '@/components/Popup/Headlines';
import { Freshness, factsOutOfDate } from '@/components/Popup/Freshness';
import { useT } from '@/components/ui/i18n';
import { askBackground, askTab } from '@/utils/messaging/client';
import type { Clock } from '@/utils/clock/clock';
import { normalizeSite, siteMatches } from '@/utils/model/settings';
import type { MentionKind } from '@/utils/model/mention';
import type { ArticleView, ChangesView, LatestRoundView, TimelineItem } from '@/utils/messaging/views';
import { ask, describeError } from '../options/page-setup';
import { useSources } from '../options/use-sources';

type Load<T> = { state: 'loading' } | { state: 'ready'; value: T } | { state: 'error'; message: string };

interface PageState {
  tabId?: number;
  site: string | null;
  total: number | null;
  byKind: Partial<Record<MentionKind, number>>;
  items: PageMentionItem[];
}

const NO_PAGE: PageState = { site: null, total: null, byKind: {}, items: [] };

/** When to read the tab's counts again after a pause change (each wait after the previous read). */
const REREAD_DELAYS_MS = [300, 500, 1000, 2000];

function siteOf(url: string | undefined): string | null {
  if (!url || !/^https?:/i.test(url)) return null;
  return normalizeSite(url);
}

async function readActiveTab(): Promise<PageState> {
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  if (tab?.id === undefined) return NO_PAGE;
  let site = siteOf(tab.url);
  try {
    const counts = await askTab(tab.id, 'page-mentions', {});
    if (!counts) return { ...NO_PAGE, tabId: tab.id, site };
    // Without `tabs` permission the URL is known only through activeTab (a click on the toolbar button). A content
    // script that also reports its host (not in the protocol yet) fills the gap.
    const reported = (counts as { site?: unknown }).site;
    if (!site && typeof reported === 'string') site = normalizeSite(reported);
    return { tabId: tab.id, site, total: counts.total, byKind: counts.byKind, items: counts.items ?? [] };
  } catch {
    // No content script in this tab (browser pages, the web store, paused sites).
    return { ...NO_PAGE, tabId: tab.id, site };
  }
}

export interface PopupProps {
  /** "Now" for every judgement about time the popup makes (utils/clock/clock.ts). */
  clock: Clock;
}

/** Wiring of the toolbar popup. */
export function Popup({ clock }: PopupProps) {
  const t = useT();
  const [now] = useState(clock);
  const [staleAfterDays, setStaleAfterDays] = useState<number | null>(null);
  const [latest, setLatest] = useState<Load<LatestRoundView | null>>({ state: 'loading' });
  const [page, setPage] = useState<PageState | null>(null);
  const [paused, setPaused] = useState<boolean | null>(null);
  const [pauseError, setPauseError] = useState<string>();
  const rereadRun = useRef(0);
  const [changes, setChanges] = useState<ChangesView | null>(null);
  const [changesError, setChangesError] = useState<string>();
  const [timeline, setTimeline] = useState<TimelineItem[] | null>(null);
  const [timelineError, setTimelineError] = useState<string>();
  const [articles, setArticles] = useState<ArticleView[] | null>(null);
  const [articlesError, setArticlesError] = useState<string>();

  const { sources, error: sourcesError, busy, status: refreshStatus, now: sourcesNow, refresh } = useSources(t, clock);

  useEffect(() => {
    const loadKb = () => {
      askBackground('latest-round', {})
        .then((value) => setLatest({ state: 'ready', value: value ?? null }))
        .catch((e: unknown) => setLatest({ state: 'error', message: describeError(e, t) }));
      ask('timeline', {}).then(setTimeline, (e: unknown) => setTimelineError(describeError(e, t)));
      ask('latest-articles', { limit: 5 }).then(setArticles, (e: unknown) => setArticlesError(describeError(e, t)));
    };
    loadKb();
    // Without the threshold no warning is shown; the rest of the popup does not wait for it.
    ask('get-settings', {}).then((s) => setStaleAfterDays(s.staleAfterDays), () => {});
    readActiveTab().then(setPage, () => setPage(NO_PAGE));
    // Seen state is never recorded for private windows.
    const markSeen = !browser.extension.inIncognitoContext;
    ask('whats-new', { markSeen }).then(setChanges, (e: unknown) => setChangesError(describeError(e, t)));
    // A refresh finished while the popup is open: show the new round, timeline and headlines.
    const onMessage = (message: unknown) => {
      if ((message as { type?: unknown } | null)?.type === 'kb-changed') loadKb();
      return undefined;
    };
    browser.runtime.onMessage.addListener(onMessage);
    return () => browser.runtime.onMessage.removeListener(onMessage);
  }, []);

  // Paused state of this tab's site.
  useEffect(() => {
    if (!page?.site) return;
    ask('get-settings', {}).then(
      (s) => setPaused(s.pausedSites.some((entry) => siteMatches(entry, page.site as string))),
      (e: unknown) => setPauseError(describeError(e, t)),
    );
  }, [page?.site]);

  const onRefresh = () => void refresh();

  /** Rereads the tab after a pause change until its counts fit the new state (or the last try); a newer change wins. */
  const rereadTab = async (nowPaused: boolean) => {
    const run = ++rereadRun.current;
    for (const delay of REREAD_DELAYS_MS) {
      await new Promise((r) => setTimeout(r, delay));
      if (run !== rereadRun.current) return;
      const next = await readActiveTab().catch(() => null);
      if (run !== rereadRun.current || !next) return;
      setPage(next);
      if (nowPaused ? !next.total : (next.total ?? 0) > 0) return;
    }
  };

  const onPauseChange = (pause: boolean) => {
    const site = page?.site;
    if (!site) return;
    setPauseError(undefined);
    setPaused(pause);
    ask('get-settings', {})
      .then((s) => {
        const pausedSites = pause ? [...s.pausedSites.filter((e) => e !== site), site] : s.pausedSites.filter((e) => !siteMatches(e, site));
        return ask('set-settings', { patch: { pausedSites } });
      })
      .then((s) => {
        const nowPaused = s.pausedSites.some((entry) => siteMatches(entry, site));
        setPaused(nowPaused);
        // The tab repaints on `settings-changed`: read its counts again once it has. A rescan after unpausing may
        // take a while on a slow machine, so a reread that still finds no mentions is tried again a few times.
        void rereadTab(nowPaused);
      })
      .catch((e: unknown) => {
        setPaused(!pause);
        setPauseError(describeError(e, t));
      });
  };

  const onShow = (index: number) => {
    if (page?.tabId === undefined) return;
    askTab(page.tabId, 'show-mention', { index })
      .then((reply) => {
        if (reply?.ok) window.close();
        else setPauseError(t('show_failed'));
      })
      .catch((e: unknown) => setPauseError(describeError(e, t)));
  };

  // Facts past the reader's threshold: the warning and "Refresh now" come first, where the reader (or a card's
  // Refresh, which opens this popup) looks.
  const stale = factsOutOfDate(sources, sourcesNow, staleAfterDays);
  const freshness = (
    <Freshness
      sources={sources}
      now={sourcesNow}
      staleAfterDays={staleAfterDays}
      refreshing={busy}
      status={refreshStatus}
      error={sourcesError}
      onRefresh={onRefresh}
    />
  );

  return (
    <div class="bs-popup" style={{ width: '360px' }}>
      <header class="bs-page-head">
        <h1>{t('app_name')}</h1>
        <span class="bs-muted">{t('popup_tagline')}</span>
        <a
          href="options.html"
          style={{ marginInlineStart: 'auto' }}
          data-testid="open-options"
          onClick={(e) => {
            e.preventDefault();
            void browser.runtime.openOptionsPage();
          }}
        >
          {t('popup_options_link')}
        </a>
      </header>
      <main class="bs-page-main">
        {page && (
          <PageMentions
            site={page.site}
            total={page.total}
            byKind={page.byKind}
            items={page.items}
            paused={page.site ? paused : false}
            pauseError={pauseError}
            onShow={onShow}
            onPauseChange={onPauseChange}
          />
        )}
        {stale && freshness}
        {latest.state === 'loading' && <p class="bs-muted">{t('loading')}</p>}
        {latest.state === 'error' && <p class="bs-error">{t('error_with', { error: latest.message })}</p>}
        {latest.state === 'ready' &&
          (latest.value ? <RoundSummary view={latest.value} now={now} /> : <p>{t('timeline_empty')}</p>)}
        <WhatsNew changes={changes} error={changesError} now={now} />
        <RoundsTimeline items={timeline} now={now} error={timelineError} />
        <Headlines articles={articles} error={articlesError} />
        {!stale && freshness}
      </main>
    </div>
  );
}
