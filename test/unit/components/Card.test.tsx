import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { Card } from '@/components/Card/Card';
import { figureScale, groupClaims } from '@/components/Card/FigureCardBody';
import type { ClaimView, FigureCardData } from '@/utils/messaging/views';
import { axeViolations } from './a11y';
import { entityCard, figureCard, roundCard } from './fixtures';

const NOW = Date.parse('2026-07-10');

afterEach(cleanup);

describe('Card', () => {
  it('shows a person with role, side, other spellings and sources with their host', async () => {
    const { container } = render(<Card data={entityCard} now={NOW} staleAfterDays={180} />);
    expect(screen.getByTestId('card-title').textContent).toBe('Abbas Araghchi');
    expect(screen.getByTestId('role').textContent).toContain('Foreign minister of Iran');
    expect(screen.getByTestId('aliases').textContent).toContain('عباس عراقچی');
    expect(screen.getByTestId('aliases').textContent).not.toContain('Abbas Araghchi');
    const link = screen.getByText('Example News') as HTMLAnchorElement;
    expect(link.getAttribute('rel')).toBe('noopener noreferrer');
    expect(screen.getByTestId('sources').textContent).toContain('news.example');
    expect(screen.getByRole('dialog').getAttribute('aria-labelledby')).toBe('bs-card-title');
    expect(await axeViolations(container)).toEqual([]);
  });

  it('shows a round with its facts and the timeline, the current round marked', async () => {
    const { container } = render(<Card data={roundCard} now={NOW} staleAfterDays={180} />);
    const details = screen.getByTestId('round-details').textContent ?? '';
    expect(details).toContain('Muscat, Oman');
    expect(details).toContain('indirect');
    expect(details).toContain('Badr al-Busaidi');
    expect(details).toContain('Abbas Araghchi, Majid Takht-Ravanchi');
    const current = container.querySelector('[aria-current="step"]');
    expect(current?.textContent).toContain('Round 1 (Muscat)');
    expect(await axeViolations(container)).toEqual([]);
  });

  it('shows every claim of a figure and points out the matching one', async () => {
    const { container } = render(<Card data={figureCard} now={NOW} staleAfterDays={180} />);
    // Ordered by value, smallest first: the card reads as a ladder.
    expect(screen.getAllByTestId('claimant').map((e) => e.textContent)).toEqual(['HRANA', 'Iranian government', 'Projection']);
    const matched = screen.getAllByTestId('claim').filter((li) => li.querySelector('[data-testid="matched-claim"]'));
    expect(matched).toHaveLength(1);
    expect(matched[0]?.textContent).toContain('more than 3,000');
    expect(screen.getByTestId('article-value').textContent).toContain('3,000');
    expect(await axeViolations(container)).toEqual([]);
  });

  it('keeps a linear scale from 0 for claims of one order of magnitude', () => {
    render(<Card data={figureCard} now={NOW} staleAfterDays={180} />);
    const axis = screen.getByTestId('scale-axis').textContent ?? '';
    expect(axis.startsWith('0')).toBe(true);
    expect(axis).not.toContain('log scale');
    const scale = figureScale([3000, 3117, 10000]);
    expect(scale.log).toBe(false);
    expect(scale.position(5000)).toBeCloseTo(50);
  });

  it('switches to a log scale when claims spread over orders of magnitude, so small ones stay visible', () => {
    const claims = [
      { id: 'low', claimant: 'Ministry', value: 400, bound: 'exact' as const, asOf: '2026-01-21', matched: true, sources: [] },
      { id: 'high', claimant: 'Monitor', low: 30000, high: 36500, bound: 'about' as const, asOf: '2026-01-27', matched: false, sources: [] },
    ];
    const { container } = render(<Card data={{ ...figureCard, claims, articleValue: 400 }} now={NOW} staleAfterDays={180} />);
    expect(screen.getByTestId('scale-axis').textContent).toContain('log scale');
    const bars = [...container.querySelectorAll<HTMLElement>('.bs-bar')];
    const widthOf = (bar: HTMLElement) => Number.parseFloat(bar.style.width);
    // Linear, 400 of 36,500 would be a 1% sliver; on the log scale it is a real bar, still shorter than the other.
    expect(widthOf(bars[0]!)).toBeGreaterThan(10);
    const scale = figureScale([400, 30000, 36500]);
    expect(scale.log).toBe(true);
    expect(scale.position(400)).toBeLessThan(scale.position(30000));
    expect(scale.position(36500)).toBeCloseTo(100);
    expect(scale.position(200)).toBe(0);
  });

  it('warns when the facts are older than the threshold', () => {
    render(<Card data={entityCard} now={Date.parse('2027-01-01')} staleAfterDays={90} />);
    expect(screen.getByTestId('stale').textContent).toMatch(/may be out of date/);
  });

  it('does not warn for fresh facts', () => {
    render(<Card data={entityCard} now={NOW} staleAfterDays={90} />);
    expect(screen.queryByTestId('stale')).toBeNull();
  });

  it('renders markup in data as literal text', () => {
    const hostile = { ...entityCard, name: '<img src=x onerror=alert(1)>', summary: '<script>alert(1)</script>' };
    const { container } = render(<Card data={hostile} now={NOW} staleAfterDays={180} />);
    expect(container.querySelector('img, script')).toBeNull();
    expect(screen.getByTestId('card-title').textContent).toBe('<img src=x onerror=alert(1)>');
  });

  it('calls "not this" with the click event', () => {
    const onNotThis = vi.fn();
    render(<Card data={entityCard} now={NOW} staleAfterDays={180} onNotThis={onNotThis} />);
    fireEvent.click(screen.getByTestId('not-this'));
    expect(onNotThis).toHaveBeenCalledTimes(1);
  });

  it('groups a claimant\'s running count under one row with the latest value, history folded, claimant on every claim', async () => {
    const claim = (id: string, claimant: string, value: number, asOf: string, matched = false): ClaimView => ({
      id, claimant, value, bound: 'exact', asOf, matched, sources: [],
    });
    const claims = [
      claim('h1', 'HRANA', 538, '2026-01-12'),
      claim('h2', 'HRANA', 3000, '2026-01-17', true),
      claim('h3', 'HRANA', 6126, '2026-01-29'),
      claim('g', 'Iranian government', 3117, '2026-01-21'),
      claim('ii', 'Iran International', 12000, '2026-01-13'),
    ];
    const data: FigureCardData = { ...figureCard, claims };
    const { container } = render(<Card data={data} now={NOW} staleAfterDays={180} />);
    const groups = groupClaims(claims);
    expect(groups.map((g) => [g.claimant, g.latest.id, g.earlier.map((c) => c.id)])).toEqual([
      ['Iranian government', 'g', []],
      ['HRANA', 'h3', ['h2', 'h1']],
      ['Iran International', 'ii', []],
    ]);
    // Three rows on the scale, but every claim still names its claimant (screen readers, and the e2e check).
    expect(container.querySelectorAll('.bs-claims > li')).toHaveLength(3);
    expect(screen.getAllByTestId('claimant')).toHaveLength(5);
    const history = container.querySelector('details.bs-history') as HTMLDetailsElement;
    expect(history.open).toBe(true); // the matching claim is in the history, so it is shown
    expect(screen.getAllByTestId('matched-claim')).toHaveLength(1);
    expect(history.textContent).toContain('2 earlier figures');
    expect(await axeViolations(container)).toEqual([]);
  });

  it('keeps the history folded when the match is the headline', () => {
    const claims: ClaimView[] = [
      { id: 'a', claimant: 'HRANA', value: 10, bound: 'exact', asOf: '2026-01-01', matched: false, sources: [] },
      { id: 'b', claimant: 'HRANA', value: 20, bound: 'exact', asOf: '2026-01-02', matched: true, sources: [] },
    ];
    const { container } = render(<Card data={{ ...figureCard, claims }} now={NOW} staleAfterDays={180} />);
    expect((container.querySelector('details.bs-history') as HTMLDetailsElement).open).toBe(false);
  });

  it('isolates right-to-left data so each spelling keeps its own direction', () => {
    const { container } = render(<Card data={entityCard} now={NOW} staleAfterDays={180} />);
    const persian = Array.from(container.querySelectorAll('bdi')).find((b) => b.textContent === 'عباس عراقچی');
    expect(persian?.getAttribute('dir')).toBe('auto');
    expect(screen.getByTestId('card-title').getAttribute('dir')).toBe('auto');
    expect(container.querySelector('.bs-summary')?.getAttribute('dir')).toBe('auto');
  });

  it('lets keyboard focus land on the title (the dialog is named by it)', () => {
    render(<Card data={entityCard} now={NOW} staleAfterDays={180} />);
    const title = screen.getByTestId('card-title');
    title.focus();
    expect(document.activeElement).toBe(title);
  });
});
