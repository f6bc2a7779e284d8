import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { WhatsNew } from '@/components/Popup/WhatsNew';
import { RoundsTimeline } from '@/components/Popup/RoundsTimeline';
import { Headlines } from '@/components/Popup/Headlines';
import { PageMentions } from '@/components/Popup/PageMentions';
import { Freshness } from '@/components/Popup/Freshness';
import { RoundSummary } from '@/components/RoundSummary/RoundSummary';
import { I18nContext, bundledLookup, makeT } from '@/components/ui/i18n';
import { axeViolations } from './a11y';
import { roundCard } from './fixtures';
import { article, broken, bundled, changes, feed, HOSTILE, NOW } from './popup-fixtures';

afterEach(cleanup);

describe('WhatsNew', () => {
  it('lists new rounds (reported ones marked), claims, positions and coverage', async () => {
    const { container } = render(<WhatsNew changes={changes} now={NOW} />);
    expect(screen.getByTestId('new-rounds').textContent).toContain('Round 9 (Doha)');
    expect(screen.getByTestId('new-rounds').textContent).toContain('reported');
    expect(screen.getByTestId('new-claims').textContent).toContain('more than 3,500');
    expect(screen.getByTestId('new-positions').textContent).toContain('Not negotiable');
    const link = screen.getByText('Talks resume in Muscat') as HTMLAnchorElement;
    expect(link.getAttribute('rel')).toBe('noopener noreferrer');
    expect(screen.getByTestId('whats-new').textContent).toContain('24 h ago');
    expect(await axeViolations(container)).toEqual([]);
  });

  it('has an empty state for the first look and for nothing new', () => {
    const empty = { rounds: [], claims: [], positions: [], articles: [] };
    const { rerender } = render(<WhatsNew changes={empty} now={NOW} />);
    expect(screen.getByTestId('whats-new-empty').textContent).toMatch(/first look/);
    rerender(<WhatsNew changes={{ ...empty, since: NOW - 1000 }} now={NOW} />);
    expect(screen.getByTestId('whats-new-empty').textContent).toMatch(/Nothing new/);
  });

  it('shows an error and renders hostile data as text; unsafe links get no href', () => {
    render(<WhatsNew changes={null} error="boom" now={NOW} />);
    expect(screen.getByTestId('whats-new-error').textContent).toContain('boom');
    cleanup();
    const hostile = {
      ...changes,
      rounds: [{ id: 'x', label: HOSTILE, dateStart: '2026-01-01' }],
      articles: [{ ...article, title: HOSTILE, url: 'javascript:alert(1)' }],
    };
    const { container } = render(<WhatsNew changes={hostile} now={NOW} />);
    expect(container.querySelector('img, script')).toBeNull();
    expect(screen.getByTestId('new-rounds').textContent).toContain(HOSTILE);
    expect(container.querySelector('a[href^="javascript"]')).toBeNull();
  });
});

describe('RoundsTimeline', () => {
  it('folds the rounds away and writes every status that is not "held"', async () => {
    const items = [
      ...roundCard.timeline,
      { id: 'r-p', label: 'Round 10', dateStart: '2026-08-01', status: 'planned' as const, type: 'round' as const, current: false },
      { id: 'r-c', label: 'Round 8', dateStart: '2026-05-01', status: 'cancelled' as const, type: 'round' as const, current: false },
    ];
    const { container } = render(<RoundsTimeline items={items} now={NOW} />);
    expect(container.querySelector('details')?.open).toBe(false);
    expect(screen.getByText(/All rounds and key events \(4\)/)).toBeTruthy();
    expect(screen.getAllByTestId('timeline-status').map((e) => e.textContent?.trim())).toEqual(['(planned)', '(cancelled)']);
    expect(await axeViolations(container)).toEqual([]);
  });

  it('has loading, empty and error states', () => {
    const { rerender } = render(<RoundsTimeline items={null} now={NOW} />);
    expect(screen.getByText('Loading…')).toBeTruthy();
    rerender(<RoundsTimeline items={[]} now={NOW} />);
    expect(screen.getByText(/No rounds/)).toBeTruthy();
    rerender(<RoundsTimeline items={null} now={NOW} error="nope" />);
    expect(screen.getByText(/nope/)).toBeTruthy();
  });
});

describe('Headlines', () => {
  it('links each headline safely and names its source', async () => {
    const { container } = render(<Headlines articles={[article]} />);
    const link = screen.getByText('Talks resume in Muscat') as HTMLAnchorElement;
    expect(link.href).toBe('https://news.example/a1');
    expect(link.rel).toBe('noopener noreferrer');
    expect(screen.getByTestId('headline').textContent).toContain('Example News');
    expect(await axeViolations(container)).toEqual([]);
  });
  it('has an empty state, and hostile titles stay text', () => {
    render(<Headlines articles={[]} />);
    expect(screen.getByTestId('headlines-empty')).toBeTruthy();
    cleanup();
    const { container } = render(<Headlines articles={[{ ...article, title: HOSTILE }]} />);
    expect(container.querySelector('img, script')).toBeNull();
    expect(screen.getByTestId('headline').textContent).toContain(HOSTILE);
  });
});

describe('PageMentions', () => {
  const items = [
    { index: 0, kind: 'person' as const, label: 'Abbas Araghchi', text: 'Araghchi' },
    { index: 1, kind: 'figure' as const, label: 'Death toll', text: '3,000' },
  ];
  const base = { site: 'news.example', total: 2, byKind: { person: 1, figure: 1 }, items, paused: false, onShow: () => {}, onPauseChange: () => {} };

  it('counts by kind, lists the mentions, and activating one shows it', async () => {
    const onShow = vi.fn();
    const { container } = render(<PageMentions {...base} onShow={onShow} />);
    expect(screen.getByTestId('mention-total').textContent).toBe('2');
    expect(screen.getByTestId('mention-count').textContent).toContain('People: 1');
    const buttons = screen.getAllByTestId('mention-item');
    expect(buttons[0]?.textContent).toContain('Araghchi — Abbas Araghchi');
    fireEvent.click(buttons[1] as HTMLElement);
    expect(onShow).toHaveBeenCalledWith(1);
    expect(await axeViolations(container)).toEqual([]);
  });

  it('pauses and resumes the site, and shows an error next to the toggle', () => {
    const onPauseChange = vi.fn();
    const { rerender } = render(<PageMentions {...base} onPauseChange={onPauseChange} />);
    const toggle = screen.getByTestId('pause-site') as HTMLInputElement;
    expect(toggle.closest('label')?.textContent).toContain('news.example');
    fireEvent.click(toggle);
    expect(onPauseChange).toHaveBeenCalledWith(true);
    rerender(<PageMentions {...base} paused pauseError="Could not save" onPauseChange={onPauseChange} />);
    expect(screen.queryByTestId('mention-list')).toBeNull();
    expect(screen.getByTestId('mention-count').textContent).toBe('Paused on news.example: nothing is marked here.');
    expect(screen.getByRole('alert').textContent).toBe('Could not save');
    expect(toggle.getAttribute('aria-describedby')).toBe('pause-error');
  });

  it('says when Backstory does not read the page, and offers no toggle without a site', () => {
    render(<PageMentions {...base} site={null} total={null} byKind={{}} items={[]} />);
    expect(screen.getByTestId('mention-count').textContent).toMatch(/does not read/);
    expect(screen.queryByTestId('pause-site')).toBeNull();
  });

  it('renders hostile page text as text', () => {
    const { container } = render(<PageMentions {...base} items={[{ index: 0, kind: 'person', label: HOSTILE, text: HOSTILE }]} />);
    expect(container.querySelector('img, script')).toBeNull();
    expect(screen.getByTestId('mention-item').textContent).toContain(HOSTILE);
  });
});

describe('Freshness', () => {
  it('shows the last success, sources in trouble, and refreshes on request', async () => {
    const onRefresh = vi.fn();
    const missing = { ...feed, id: 'f2', title: 'Locked feed', permissionMissing: true };
    const { container } = render(
      <Freshness sources={[bundled, feed, broken, missing]} now={NOW} staleAfterDays={30} refreshing={false} onRefresh={onRefresh} />,
    );
    expect(screen.getByTestId('last-refresh').textContent).toContain('30 min ago');
    const problems = screen.getByTestId('source-problems').textContent ?? '';
    expect(problems).toContain('404');
    expect(problems).toContain('permission');
    fireEvent.click(screen.getByTestId('refresh-all'));
    expect(onRefresh).toHaveBeenCalledTimes(1);
    expect(await axeViolations(container)).toEqual([]);
  });

  it('shows progress and announces it in a live region while refreshing', () => {
    render(
      <Freshness
        sources={[bundled, { ...feed, refreshing: true }]}
        now={NOW}
        staleAfterDays={30}
        refreshing
        status="Refreshing: 1 of 2 sources done."
        onRefresh={() => {}}
      />,
    );
    const bar = screen.getByTestId('refresh-progress') as HTMLProgressElement;
    expect(bar.getAttribute('max')).toBe('2');
    expect(bar.getAttribute('value')).toBe('1');
    expect((screen.getByTestId('refresh-all') as HTMLButtonElement).disabled).toBe(true);
    const live = screen.getByTestId('refresh-status');
    expect(live.getAttribute('aria-live')).toBe('polite');
    expect(live.textContent).toBe('Refreshing: 1 of 2 sources done.');
  });

  it('shows an error from the refresh and the never-updated state', () => {
    render(<Freshness sources={[{ ...feed, lastUpdated: undefined }]} now={NOW} staleAfterDays={30} refreshing={false} error="Not ready yet" onRefresh={() => {}} />);
    expect(screen.getByTestId('refresh-error').textContent).toBe('Not ready yet');
    expect(screen.getByTestId('last-refresh').textContent).toMatch(/Not updated/);
  });
});

describe('RoundSummary', () => {
  it('says clearly when the latest round is only reported', async () => {
    const { container } = render(<RoundSummary view={{ round: { ...roundCard, reported: true }, pending: [] }} now={NOW} />);
    expect(screen.getByTestId('latest-round-title').textContent).toBe('Round 1 (Muscat)');
    expect(screen.getByTestId('latest-round-reported').textContent).toBe('reported');
    expect(screen.getByTestId('round-details').textContent).toContain('reported, not confirmed');
    expect(await axeViolations(container)).toEqual([]);
  });

  it('speaks Persian when given the Persian lookup', () => {
    render(
      <I18nContext.Provider value={makeT(bundledLookup('fa'))}>
        <RoundSummary view={{ round: roundCard, pending: [] }} now={NOW} />
      </I18nContext.Provider>,
    );
    expect(screen.getByTestId('latest-round').textContent).toContain('آخرین دور');
    // Data from the pack stays as it is.
    expect(screen.getByTestId('latest-round-title').textContent).toBe('Round 1 (Muscat)');
  });
});
