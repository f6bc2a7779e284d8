import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/preact';
import { SourceList } from '@/components/SourceList/SourceList';
import { AddSourceForm } from '@/components/SourceList/AddSourceForm';
import { SuggestedSources } from '@/components/SourceList/SuggestedSources';
import { SUGGESTED_SOURCES } from '@/components/ui/suggested-sources';
import { axeViolations } from './a11y';
import { broken, bundled, feed, HOSTILE, NOW } from './popup-fixtures';

afterEach(cleanup);

describe('SourceList', () => {
  it('shows kind, host, version, items, last success, next due, errors and warnings', async () => {
    const { container } = render(<SourceList sources={[bundled, feed, broken]} now={NOW} onToggle={() => {}} onRemove={() => {}} />);
    const [b, f, p] = screen.getAllByTestId('source');
    expect(within(b as HTMLElement).getByTestId('source-version').textContent).toContain('2026.7.1');
    expect(b?.textContent).toContain('Built-in story pack');
    expect(f?.textContent).toContain('feeds.example');
    expect(within(f as HTMLElement).getByTestId('source-items').textContent).toContain('25');
    expect(within(f as HTMLElement).getByTestId('source-updated').textContent).toContain('30 min ago');
    expect(within(f as HTMLElement).getByTestId('source-next').textContent).toContain('in 30 min');
    expect(within(p as HTMLElement).getByTestId('source-error').textContent).toContain('404 (not found)');
    expect(within(p as HTMLElement).getByTestId('source-warnings').textContent).toContain('unknown key');
    expect(await axeViolations(container)).toEqual([]);
  });

  it('the bundled pack has no remove, refresh or interval control', () => {
    render(<SourceList sources={[bundled]} now={NOW} onRemove={() => {}} onRefresh={() => {}} onInterval={() => {}} onToggle={() => {}} />);
    expect(screen.queryByTestId('source-remove')).toBeNull();
    expect(screen.queryByTestId('source-refresh')).toBeNull();
    expect(screen.queryByTestId('source-interval')).toBeNull();
    expect(screen.getByTestId('source-enabled')).toBeTruthy();
  });

  it('enables, sets the interval, refreshes and removes only after confirming', () => {
    const onToggle = vi.fn();
    const onInterval = vi.fn();
    const onRefresh = vi.fn();
    const onRemove = vi.fn();
    render(<SourceList sources={[feed]} now={NOW} onToggle={onToggle} onInterval={onInterval} onRefresh={onRefresh} onRemove={onRemove} />);
    fireEvent.click(screen.getByTestId('source-enabled'));
    expect(onToggle).toHaveBeenCalledWith('feed-1', false);
    const select = screen.getByTestId('source-interval') as HTMLSelectElement;
    expect([...select.options].map((o) => o.value)).toEqual(['15', '30', '60', '180', '360', '1440']);
    expect(select.value).toBe('60');
    fireEvent.change(select, { target: { value: '360' } });
    expect(onInterval).toHaveBeenCalledWith('feed-1', 360);
    fireEvent.click(screen.getByTestId('source-refresh'));
    expect(onRefresh).toHaveBeenCalledWith('feed-1');
    fireEvent.click(screen.getByTestId('source-remove'));
    expect(onRemove).not.toHaveBeenCalled();
    fireEvent.click(screen.getByTestId('remove-no'));
    expect(screen.queryByTestId('remove-confirm')).toBeNull();
    fireEvent.click(screen.getByTestId('source-remove'));
    fireEvent.click(screen.getByTestId('remove-yes'));
    expect(onRemove).toHaveBeenCalledWith('feed-1');
  });

  it('offers the held-back pack update, shows progress, missing permission and action errors', () => {
    const onConfirmUpdate = vi.fn();
    render(
      <SourceList
        sources={[broken, { ...feed, refreshing: true, permissionMissing: true }]}
        now={NOW}
        onConfirmUpdate={onConfirmUpdate}
        onRefresh={() => {}}
        errors={{ 'feed-1': 'Refresh failed: offline' }}
      />,
    );
    expect(screen.getByTestId('held-update').textContent).toContain('2.0.0');
    fireEvent.click(screen.getByTestId('confirm-update'));
    expect(onConfirmUpdate).toHaveBeenCalledWith('pack-2');
    expect(screen.getByTestId('source-progress')).toBeTruthy();
    expect((screen.getAllByTestId('source-refresh')[1] as HTMLButtonElement).disabled).toBe(true);
    expect(screen.getByTestId('source-permission').textContent).toContain('feeds.example');
    expect(screen.getByTestId('source-action-error').textContent).toBe('Refresh failed: offline');
  });

  it('renders hostile titles and errors as text, and an empty list', () => {
    const { container } = render(<SourceList sources={[{ ...broken, title: HOSTILE, error: HOSTILE, warnings: [HOSTILE] }]} now={NOW} />);
    expect(container.querySelector('img, script')).toBeNull();
    expect(screen.getByTestId('source-title').textContent).toBe(HOSTILE);
    cleanup();
    render(<SourceList sources={[]} now={NOW} />);
    expect(screen.getByTestId('no-sources')).toBeTruthy();
  });
});

describe('AddSourceForm', () => {
  it('hands the address and kind to the page straight from the submit event', async () => {
    const onAdd = vi.fn();
    const { container } = render(<AddSourceForm onAdd={onAdd} />);
    fireEvent.input(screen.getByTestId('add-source-url'), { target: { value: 'https://packs.example/p.json' } });
    fireEvent.click(screen.getByLabelText('Story pack'));
    fireEvent.submit(screen.getByTestId('add-source-form'));
    expect(onAdd).toHaveBeenCalledWith('https://packs.example/p.json', 'pack');
    expect(await axeViolations(container)).toEqual([]);
  });

  it('shows the error and every problem under the field, tied to it', async () => {
    const { container } = render(
      <AddSourceForm onAdd={() => {}} error="This is not a story pack." problems={['entities[0].name: missing', HOSTILE]} />,
    );
    const field = screen.getByTestId('add-source-url');
    expect(field.getAttribute('aria-invalid')).toBe('true');
    expect(field.getAttribute('aria-describedby')).toContain('add-source-error');
    expect(screen.getByTestId('add-source-error').textContent).toContain('This is not a story pack.');
    expect(screen.getAllByRole('listitem').map((li) => li.textContent)).toEqual(['entities[0].name: missing', HOSTILE]);
    expect(container.querySelector('img, script')).toBeNull();
    expect(await axeViolations(container)).toEqual([]);
  });

  it('does not submit twice while busy', () => {
    const onAdd = vi.fn();
    render(<AddSourceForm onAdd={onAdd} busy />);
    fireEvent.submit(screen.getByTestId('add-source-form'));
    expect(onAdd).not.toHaveBeenCalled();
  });
});

describe('SuggestedSources', () => {
  it('adds a suggestion with one click, marks added ones, and shows notes', async () => {
    const onAdd = vi.fn();
    const [pack, first] = SUGGESTED_SOURCES;
    const { container } = render(
      <SuggestedSources
        suggestions={SUGGESTED_SOURCES}
        added={new Set([pack?.url as string])}
        onAdd={onAdd}
        notes={{ [first?.url as string]: undefined, [SUGGESTED_SOURCES[2]?.url as string]: { kind: 'error', text: 'Refused' } }}
      />,
    );
    const buttons = screen.getAllByTestId('suggested-add');
    expect(buttons).toHaveLength(SUGGESTED_SOURCES.length - 1);
    fireEvent.click(buttons[0] as HTMLElement);
    expect(onAdd).toHaveBeenCalledWith(first);
    expect(screen.getByText('Refused').className).toBe('bs-error');
    expect(await axeViolations(container)).toEqual([]);
  });
});
