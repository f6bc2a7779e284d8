/**
 * What the reader is told about how current the facts are: the card's footer (facts' age, the stale warning with
 * Refresh, the article against the facts), rounds whose date passed (card, timeline, popup), and the popup's and
 * options' freshness (facts apart from the last check). "Now" is a prop everywhere, set here per test.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { Card } from '@/components/Card/Card';
import { Freshness } from '@/components/Popup/Freshness';
import { RoundSummary } from '@/components/RoundSummary/RoundSummary';
import { Timeline } from '@/components/Timeline/Timeline';
import { SourceItem } from '@/components/SourceList/SourceItem';
import { I18nContext, bundledLookup, makeT } from '@/components/ui/i18n';
import type { ArticleContext } from '@/utils/model/freshness';
import type { LatestRoundView, RoundCardData, SourceView } from '@/utils/messaging/views';
import { axeViolations } from './a11y';
import { entityCard, roundCard } from './fixtures';
import { bundled, feed } from './popup-fixtures';

afterEach(cleanup);

/** Noon UTC: the same local day wherever the tests run. */
const at = (day: string) => Date.parse(`${day}T12:00:00Z`);
/** entityCard's facts are as of 30 Jun 2026. */
const ASOF = '2026-06-30';

describe('the card footer', () => {
  it('says how old the facts are, in words', () => {
    render(<Card data={entityCard} now={at('2026-07-10')} staleAfterDays={30} />);
    expect(screen.getByTestId('as-of').textContent).toBe('Facts as of 30 Jun 2026 (10 days ago) · US–Iran nuclear talks');
    cleanup();
    render(<Card data={entityCard} now={at('2026-09-08')} staleAfterDays={90} />);
    expect(screen.getByTestId('as-of').textContent).toContain('(2 months ago)');
    cleanup();
    render(<Card data={entityCard} now={at(ASOF)} staleAfterDays={30} />);
    expect(screen.getByTestId('as-of').textContent).toContain('(today)');
  });

  it('exactly at the threshold does not warn; a day past it warns and offers Refresh', async () => {
    const onRefresh = vi.fn();
    render(<Card data={entityCard} now={at('2026-07-30')} staleAfterDays={30} onRefresh={onRefresh} />);
    expect(screen.queryByTestId('stale')).toBeNull();
    expect(screen.queryByTestId('card-refresh')).toBeNull();
    cleanup();
    const { container } = render(<Card data={entityCard} now={at('2026-07-31')} staleAfterDays={30} onRefresh={onRefresh} />);
    expect(screen.getByTestId('stale').textContent).toContain('These facts may be out of date');
    const button = screen.getByTestId('card-refresh');
    expect(button.textContent).toBe('Refresh');
    expect(button.getAttribute('title')).toMatch(/popup/);
    fireEvent.click(button);
    expect(onRefresh).toHaveBeenCalledTimes(1);
    expect(await axeViolations(container)).toEqual([]);
  });

  it('warns without a Refresh button where no refresh is possible (previews)', () => {
    render(<Card data={entityCard} now={at('2026-12-07')} staleAfterDays={30} />);
    expect(screen.getByTestId('stale')).toBeTruthy();
    expect(screen.queryByTestId('card-refresh')).toBeNull();
  });

  const withArticle = (article: ArticleContext) => ({ ...entityCard, article });

  it('on an article newer than the facts says so, and says nothing about "since"', () => {
    render(<Card data={withArticle({ date: '2026-07-02', newer: true })} now={at('2026-07-03')} staleAfterDays={30} />);
    expect(screen.getByTestId('article-newer').textContent).toBe(
      'This article is newer than Backstory’s facts (as of 30 Jun 2026): what it reports may not be in them yet.'.replace('’', "'"),
    );
    expect(screen.queryByTestId('since-article')).toBeNull();
  });

  it('on an article of the asOf day says no round came since', () => {
    render(<Card data={withArticle({ date: ASOF, newer: false, since: { rounds: 0, events: 0 } })} now={at('2026-07-03')} staleAfterDays={30} />);
    expect(screen.getByTestId('since-article').textContent).toBe('Since this article: no new rounds.');
    expect(screen.queryByTestId('article-newer')).toBeNull();
  });

  it('on an older article says what happened since: the rounds, the latest one, and key events', () => {
    const latest = { label: 'Round 7 (New York)', venue: 'New York', dateStart: '2026-09-22' };
    render(<Card data={withArticle({ date: '2026-02-07', newer: false, since: { rounds: 3, events: 2, latest } })} now={at('2026-09-30')} staleAfterDays={30} />);
    expect(screen.getByTestId('since-article').textContent).toBe(
      'Since this article: 3 more rounds; latest New York, 22 Sep 2026. Key events since then: 2.',
    );
    cleanup();
    render(<Card data={withArticle({ date: '2026-09-01', newer: false, since: { rounds: 1, events: 0, latest } })} now={at('2026-09-30')} staleAfterDays={30} />);
    expect(screen.getByTestId('since-article').textContent).toBe('Since this article: one more round, New York, 22 Sep 2026.');
  });

  it('names a round without a venue by its label', () => {
    const latest = { label: 'Round 7', venue: '', dateStart: '2026-09-22' };
    render(<Card data={withArticle({ date: '2026-02-07', newer: false, since: { rounds: 2, events: 0, latest } })} now={at('2026-09-30')} staleAfterDays={30} />);
    expect(screen.getByTestId('since-article').textContent).toContain('latest Round 7, 22 Sep 2026');
  });

  it('speaks Arabic and Persian with their plural forms', () => {
    const latest = { label: 'Round 7', venue: 'New York', dateStart: '2026-09-22' };
    const data = withArticle({ date: '2026-02-07', newer: false, since: { rounds: 2, events: 0, latest } });
    render(
      <I18nContext.Provider value={makeT(bundledLookup('ar'), 'ar')}>
        <Card data={data} now={at('2026-07-02')} staleAfterDays={30} />
      </I18nContext.Provider>,
    );
    expect(screen.getByTestId('since-article').textContent).toBe('منذ هذا المقال: جولتان أخريان، آخرهما في New York، 22 Sep 2026.');
    expect(screen.getByTestId('as-of').textContent).toContain('قبل يومين');
    cleanup();
    render(
      <I18nContext.Provider value={makeT(bundledLookup('fa'), 'fa')}>
        <Card data={data} now={at('2026-12-07')} staleAfterDays={30} onRefresh={() => {}} />
      </I18nContext.Provider>,
    );
    expect(screen.getByTestId('since-article').textContent).toBe('از زمان این مقاله: 2 دور دیگر؛ آخرینش New York، 22 Sep 2026.');
    expect(screen.getByTestId('as-of').textContent).toContain('5 ماه پیش');
    expect(screen.getByTestId('card-refresh').textContent).toBe('به‌روزرسانی');
  });
});

const planned = (dateStart: string): RoundCardData => ({ ...roundCard, id: 'r-next', label: 'Round 8 (Doha)', dateStart, status: 'planned' });

describe('a planned round whose date passed', () => {
  it('is "date passed — no report yet" on its card, in the status row and on the timeline', () => {
    const data = { ...planned('2026-06-30'), timeline: [...roundCard.timeline.map((i) => ({ ...i, current: false })), { id: 'r-next', label: 'Round 8 (Doha)', dateStart: '2026-06-30', status: 'planned' as const, type: 'round' as const, current: true }] };
    render(<Card data={data} now={at('2026-07-01')} staleAfterDays={30} />);
    expect(screen.getByTestId('round-status').textContent).toBe('date passed — no report yet');
    const current = screen.getAllByTestId('timeline-item').find((li) => li.getAttribute('aria-current') === 'step');
    expect(current?.className).toContain('bs-tl--date-passed');
    expect(current?.textContent).toContain('(date passed — no report yet)');
  });

  it('is still "planned" on its day and before', () => {
    render(<Card data={planned('2026-07-01')} now={at('2026-07-01')} staleAfterDays={30} />);
    expect(screen.getByTestId('round-status').textContent).toBe('planned');
  });

  it('on the popup’s timeline list too, and a held one shows no status', () => {
    const items = [
      { id: 'a', label: 'Round 1', dateStart: '2026-02-06', status: 'held' as const, type: 'round' as const, current: false },
      { id: 'b', label: 'Round 2', dateStart: '2026-06-30', status: 'planned' as const, type: 'round' as const, current: false },
      { id: 'c', label: 'Round 3', dateStart: '2026-08-01', status: 'planned' as const, type: 'round' as const, current: false },
    ];
    render(<Timeline items={items} now={at('2026-07-10')} variant="list" />);
    expect(screen.getAllByTestId('timeline-status').map((s) => s.textContent?.trim())).toEqual(['(date passed — no report yet)', '(planned)']);
  });
});

describe('the popup’s round', () => {
  const held: RoundCardData = { ...roundCard, label: 'Round 6 (Islamabad)', dateStart: '2026-04-11' };
  const brief = (id: string, label: string, dateStart: string, status: 'planned' | 'postponed' = 'planned') => ({ id, label, dateStart, venue: 'Doha', status });

  it('is the latest one held, said so, with the rounds after it: upcoming planned and date passed', async () => {
    const view: LatestRoundView = {
      round: planned('2026-08-01'),
      held,
      pending: [brief('r-doha', 'Round 7 (Doha)', '2026-06-30'), brief('r-next', 'Round 8 (Doha)', '2026-08-01')],
    };
    const { container } = render(<RoundSummary view={view} now={at('2026-07-10')} />);
    expect(screen.getByTestId('latest-round-kind').textContent).toBe('Latest round held');
    expect(screen.getByTestId('latest-round-title').textContent).toBe('Round 6 (Islamabad)');
    expect(screen.getByTestId('round-status').textContent).toBe('held');
    const rows = screen.getAllByTestId('pending-round');
    expect(rows.map((r) => r.getAttribute('data-status'))).toEqual(['date-passed', 'planned']);
    expect(rows[0]?.textContent).toBe('Round 7 (Doha) · 30 Jun 2026 · date passed — no report yet');
    expect(rows[1]?.textContent).toBe('Round 8 (Doha) · 1 Aug 2026 · planned');
    expect(screen.getByTestId('pending-rounds').textContent).toContain('After it');
    expect(await axeViolations(container)).toEqual([]);
  });

  it('is the next planned one, said so, when none was held yet', () => {
    render(<RoundSummary view={{ round: planned('2026-08-01'), pending: [brief('r-next', 'Round 8 (Doha)', '2026-08-01')] }} now={at('2026-07-10')} />);
    expect(screen.getByTestId('latest-round-kind').textContent).toBe('Next planned round');
    expect(screen.getByTestId('round-status').textContent).toBe('planned');
    expect(screen.queryByTestId('pending-rounds')).toBeNull();
  });

  it('never calls a planned round whose date passed upcoming', () => {
    render(<RoundSummary view={{ round: planned('2026-06-30'), pending: [brief('r-next', 'Round 8 (Doha)', '2026-06-30')] }} now={at('2026-12-07')} />);
    expect(screen.getByTestId('latest-round-kind').textContent).toBe('Planned round, date passed');
    expect(screen.getByTestId('round-status').textContent).toBe('date passed — no report yet');
  });

  it('is the newest round when that one was held', () => {
    render(<RoundSummary view={{ round: held, pending: [] }} now={at('2026-07-10')} />);
    expect(screen.getByTestId('latest-round-kind').textContent).toBe('Latest round held');
    expect(screen.queryByTestId('pending-rounds')).toBeNull();
  });
});

describe('freshness in the popup and options', () => {
  const pack = (id: string, asOf: string, extra: Partial<SourceView> = {}): SourceView => ({
    id,
    kind: 'pack',
    title: id,
    url: `https://packs.example/${id}.json`,
    enabled: true,
    asOf,
    lastUpdated: at('2026-12-07') - 5 * 60_000,
    ...extra,
  });
  const show = (sources: SourceView[] | null, now: number, staleAfterDays: number | null = 30) =>
    render(<Freshness sources={sources} now={now} staleAfterDays={staleAfterDays} refreshing={false} onRefresh={() => {}} />);

  it('says how old the facts are (the newest enabled pack) apart from when sources were checked', async () => {
    const { container } = show([{ ...bundled, asOf: '2026-06-30' }, pack('project', '2026-09-29'), pack('old', '2026-10-20', { enabled: false }), feed], at('2026-12-07'));
    expect(screen.getByTestId('facts-as-of').textContent).toBe('Facts as of 29 Sep 2026, 2 months ago.');
    expect(screen.getByTestId('last-refresh').textContent).toMatch(/^Sources checked 5 min ago\./);
    expect(screen.getByTestId('facts-stale').textContent).toContain('may be out of date');
    expect(screen.getByTestId('refresh-all')).toBeTruthy();
    expect(await axeViolations(container)).toEqual([]);
  });

  it('does not warn exactly at the threshold, nor before the settings are known', () => {
    show([pack('project', '2026-09-29')], at('2026-10-29'));
    expect(screen.queryByTestId('facts-stale')).toBeNull();
    cleanup();
    show([pack('project', '2026-09-29')], at('2026-10-30'));
    expect(screen.getByTestId('facts-stale')).toBeTruthy();
    cleanup();
    show([pack('project', '2026-09-29')], at('2026-12-07'), null);
    expect(screen.queryByTestId('facts-stale')).toBeNull();
  });

  it('with only the built-in pack says it is not checked online, whenever it was imported', () => {
    show([{ ...bundled, asOf: '2026-06-30', lastUpdated: at('2026-12-07') - 60_000 }], at('2026-12-07'));
    expect(screen.getByTestId('last-refresh').textContent).toMatch(/Only the built-in story pack is in use/);
    expect(screen.getByTestId('last-refresh').textContent).not.toMatch(/checked 1 min ago/);
    expect(screen.getByTestId('facts-as-of').textContent).toBe('Facts as of 30 Jun 2026, 5 months ago.');
  });

  it('with no pack in use says there are no facts, and warns of nothing', () => {
    show([{ ...bundled, enabled: false, asOf: '2026-06-30' }, feed], at('2026-12-07'));
    expect(screen.getByTestId('facts-as-of').textContent).toBe('No story pack is in use, so there are no facts to show.');
    expect(screen.queryByTestId('facts-stale')).toBeNull();
  });

  it('lists each pack’s facts date on the options page', () => {
    render(<SourceItem source={pack('project', '2026-09-29')} now={at('2026-12-07')} />);
    expect(screen.getByTestId('source-as-of').textContent).toBe('facts as of 29 Sep 2026');
  });
});
