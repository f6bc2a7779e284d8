import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { Card } from '@/components/Card/Card';
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
    expect(screen.getAllByTestId('claimant').map((e) => e.textContent)).toEqual(['Iranian government', 'HRANA', 'Projection']);
    const matched = screen.getAllByTestId('claim').filter((li) => li.querySelector('[data-testid="matched-claim"]'));
    expect(matched).toHaveLength(1);
    expect(matched[0]?.textContent).toContain('more than 3,000');
    expect(screen.getByTestId('article-value').textContent).toContain('3,000');
    expect(await axeViolations(container)).toEqual([]);
  });

  it('warns when the facts are older than the threshold', () => {
    render(<Card data={entityCard} now={Date.parse('2027-01-01')} staleAfterDays={90} />);
    expect(screen.getByTestId('stale').textContent).toMatch(/\d+ days old/);
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
});
