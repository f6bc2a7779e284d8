import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { SiteListEditor } from '@/components/Sites/SiteListEditor';
import { SiteModeChoice } from '@/components/Sites/SiteModeChoice';
import { SuppressionList } from '@/components/Sites/SuppressionList';
import { AppearanceForm } from '@/components/Appearance/AppearanceForm';
import { DataPanel, type DataPanelProps } from '@/components/Data/DataPanel';
import { Welcome } from '@/components/Welcome/Welcome';
import { SUGGESTED_SOURCES } from '@/components/ui/suggested-sources';
import { DEFAULT_SETTINGS } from '@/utils/model/settings';
import { axeViolations } from './a11y';
import { HOSTILE } from './popup-fixtures';

afterEach(cleanup);

describe('SiteListEditor', () => {
  it('adds a normalized host and removes one', async () => {
    const onAdd = vi.fn();
    const onRemove = vi.fn();
    const { container } = render(
      <SiteListEditor id="paused" title="Paused sites" empty="None." sites={['a.example']} onAdd={onAdd} onRemove={onRemove} />,
    );
    fireEvent.input(screen.getByTestId('sites-paused-input'), { target: { value: 'https://WWW.News.Example/path' } });
    fireEvent.click(screen.getByTestId('sites-paused-add'));
    expect(onAdd).toHaveBeenCalledWith('www.news.example');
    fireEvent.click(screen.getByRole('button', { name: 'Remove a.example' }));
    expect(onRemove).toHaveBeenCalledWith('a.example');
    expect(await axeViolations(container)).toEqual([]);
  });

  it('refuses what is not a host name and says so next to the field', async () => {
    const onAdd = vi.fn();
    const { container } = render(<SiteListEditor id="allowed" title="Listed" empty="None." sites={[]} onAdd={onAdd} onRemove={() => {}} />);
    expect(screen.getByTestId('sites-allowed-empty')).toBeTruthy();
    for (const bad of ['not a site!', 'javascript:alert(1)', '   ']) {
      fireEvent.input(screen.getByTestId('sites-allowed-input'), { target: { value: bad } });
      fireEvent.click(screen.getByTestId('sites-allowed-add'));
      expect(screen.getByTestId('sites-allowed-error').textContent).toMatch(/site name/);
    }
    expect(onAdd).not.toHaveBeenCalled();
    expect(screen.getByTestId('sites-allowed-input').getAttribute('aria-describedby')).toBe('sites-allowed-error');
    expect(await axeViolations(container)).toEqual([]);
  });

  it('shows the background error it is given', () => {
    render(<SiteListEditor id="paused" title="Paused" empty="None." sites={[]} onAdd={() => {}} onRemove={() => {}} error="Not saved" />);
    expect(screen.getByTestId('sites-paused-error').textContent).toBe('Not saved');
  });
});

describe('SiteModeChoice and SuppressionList', () => {
  it('switches between everywhere and listed sites', async () => {
    const onChange = vi.fn();
    const { container } = render(<SiteModeChoice mode="all" onChange={onChange} />);
    fireEvent.click(screen.getByLabelText(/Only on the sites listed/));
    expect(onChange).toHaveBeenCalledWith('listed');
    expect(await axeViolations(container)).toEqual([]);
  });

  it('groups "not this" choices by site, each with undo; hostile labels stay text', async () => {
    const onUndo = vi.fn();
    const items = [
      { site: 'a.example', id: 'e1', label: 'Abbas Araghchi', at: 1 },
      { site: 'b.example', id: 'e2', label: HOSTILE, at: 2 },
      { site: 'a.example', id: 'e3', label: 'Muscat', at: 3 },
    ];
    const { container } = render(<SuppressionList items={items} onUndo={onUndo} />);
    const groups = screen.getAllByTestId('suppression-site');
    expect(groups.map((g) => g.querySelectorAll('[data-testid="suppression"]').length)).toEqual([2, 1]);
    fireEvent.click(screen.getByRole('button', { name: 'Show Muscat again on a.example' }));
    expect(onUndo).toHaveBeenCalledWith('a.example', 'e3');
    expect(container.querySelector('img, script')).toBeNull();
    expect(await axeViolations(container)).toEqual([]);
    cleanup();
    render(<SuppressionList items={[]} onUndo={onUndo} />);
    expect(screen.getByTestId('suppressions-empty')).toBeTruthy();
  });
});

describe('AppearanceForm', () => {
  const settings = { ...DEFAULT_SETTINGS, kinds: [...DEFAULT_SETTINGS.kinds] };

  it('sends each change at once', async () => {
    const onChange = vi.fn();
    const { container } = render(<AppearanceForm settings={settings} onChange={onChange} />);
    fireEvent.click(screen.getByTestId('kind-figure'));
    expect(onChange).toHaveBeenLastCalledWith({ kinds: ['person', 'org', 'place', 'event', 'term', 'talks', 'round'] });
    fireEvent.click(screen.getByLabelText('Only the first mention of each'));
    expect(onChange).toHaveBeenLastCalledWith({ markMode: 'first' });
    fireEvent.change(screen.getByTestId('underline'), { target: { value: 'wavy' } });
    expect(onChange).toHaveBeenLastCalledWith({ underline: 'wavy' });
    fireEvent.click(screen.getByTestId('tint'));
    expect(onChange).toHaveBeenLastCalledWith({ tint: true });
    fireEvent.change(screen.getByTestId('theme'), { target: { value: 'dark' } });
    expect(onChange).toHaveBeenLastCalledWith({ theme: 'dark' });
    fireEvent.input(screen.getByTestId('stale-days'), { target: { value: '45' } });
    fireEvent.change(screen.getByTestId('stale-days'));
    expect(onChange).toHaveBeenLastCalledWith({ staleAfterDays: 45 });
    expect(await axeViolations(container)).toEqual([]);
  });

  it('refuses a bad threshold next to the field, and shows errors from the background', () => {
    const onChange = vi.fn();
    render(<AppearanceForm settings={settings} onChange={onChange} errors={{ underline: 'Not saved' }} />);
    fireEvent.input(screen.getByTestId('stale-days'), { target: { value: '0' } });
    fireEvent.change(screen.getByTestId('stale-days'));
    expect(onChange).not.toHaveBeenCalled();
    expect(screen.getByTestId('stale-days').getAttribute('aria-describedby')).toBe('stale-error');
    expect(document.getElementById('stale-error')?.textContent).toMatch(/1 to 3650/);
    expect(document.getElementById('underline-error')?.textContent).toBe('Not saved');
  });
});

describe('DataPanel', () => {
  const base: DataPanelProps = {
    storage: { usage: 2 * 1024 * 1024, quota: 100 * 1024 * 1024 },
    persisted: false,
    onPersist: () => {},
    onExport: () => {},
    onImportFile: () => {},
    plan: null,
    onConfirmImport: () => {},
    onCancelImport: () => {},
    onReset: () => {},
  };

  it('shows storage, exports, asks to persist', async () => {
    const onExport = vi.fn();
    const onPersist = vi.fn();
    const { container } = render(<DataPanel {...base} onExport={onExport} onPersist={onPersist} />);
    expect(screen.getByTestId('storage-used').textContent).toContain('2.0 MB');
    fireEvent.click(screen.getByTestId('export'));
    fireEvent.click(screen.getByTestId('persist'));
    expect(onExport).toHaveBeenCalledTimes(1);
    expect(onPersist).toHaveBeenCalledTimes(1);
    expect(await axeViolations(container)).toEqual([]);
  });

  it('shows the import plan with every problem before confirming', async () => {
    const onConfirmImport = vi.fn();
    const plan = { sources: 2, packs: 1, settings: 1, suppressions: 3, warnings: ['settings.colour: unknown setting, dropped', HOSTILE] };
    const { container } = render(<DataPanel {...base} plan={plan} onConfirmImport={onConfirmImport} />);
    const text = screen.getByTestId('import-plan').textContent ?? '';
    expect(text).toContain('Sources: 2');
    expect(text).toContain('Hidden marks: 3');
    expect(screen.getByTestId('import-warnings').textContent).toContain('unknown setting');
    expect(container.querySelector('img, script')).toBeNull();
    fireEvent.click(screen.getByTestId('import-confirm'));
    expect(onConfirmImport).toHaveBeenCalledTimes(1);
    expect(await axeViolations(container)).toEqual([]);
  });

  it('hands the chosen file to the page, and shows import errors with their problems', () => {
    const onImportFile = vi.fn();
    render(
      <DataPanel
        {...base}
        onImportFile={onImportFile}
        notes={{ import: { kind: 'error', text: 'Not a Backstory backup.', problems: ['$.version: missing'] } }}
      />,
    );
    const file = new File(['{}'], 'backup.json', { type: 'application/json' });
    fireEvent.change(screen.getByTestId('import-file'), { target: { files: [file] } });
    expect(onImportFile).toHaveBeenCalledWith(file);
    expect(screen.getByTestId('import-note').textContent).toContain('$.version: missing');
  });

  it('resets only after a confirmation step', () => {
    const onReset = vi.fn();
    render(<DataPanel {...base} onReset={onReset} />);
    fireEvent.click(screen.getByTestId('reset'));
    expect(onReset).not.toHaveBeenCalled();
    fireEvent.click(screen.getByTestId('reset-no'));
    fireEvent.click(screen.getByTestId('reset'));
    fireEvent.click(screen.getByTestId('reset-yes'));
    expect(onReset).toHaveBeenCalledTimes(1);
  });
});

describe('Welcome', () => {
  const base = {
    suggestions: SUGGESTED_SOURCES,
    selected: new Set(SUGGESTED_SOURCES.map((s) => s.url)),
    onSelect: () => {},
    onAccept: () => {},
    state: 'idle' as const,
    optionsHref: 'options.html',
  };

  it('says what it never does and offers every suggestion behind one button', async () => {
    const onAccept = vi.fn();
    const { container } = render(<Welcome {...base} onAccept={onAccept} />);
    expect(screen.getByTestId('welcome-never').textContent).toMatch(/leaves your browser/);
    expect(screen.getAllByTestId('welcome-suggestion')).toHaveLength(SUGGESTED_SOURCES.length);
    fireEvent.click(screen.getByTestId('welcome-accept'));
    expect(onAccept).toHaveBeenCalledTimes(1);
    expect(screen.getByTestId('welcome-options').getAttribute('href')).toBe('options.html');
    expect(await axeViolations(container)).toEqual([]);
  });

  it('lets the reader leave a suggestion out, and disables the button with none left', () => {
    const onSelect = vi.fn();
    const { rerender } = render(<Welcome {...base} onSelect={onSelect} />);
    fireEvent.click(screen.getAllByRole('checkbox')[1] as HTMLElement);
    expect(onSelect).toHaveBeenCalledWith(SUGGESTED_SOURCES[1]?.url, false);
    rerender(<Welcome {...base} selected={new Set()} />);
    expect((screen.getByTestId('welcome-accept') as HTMLButtonElement).disabled).toBe(true);
  });

  it('shows the outcome and per-source errors', () => {
    const url = SUGGESTED_SOURCES[0]?.url as string;
    render(<Welcome {...base} state="idle" message={{ kind: 'error', text: 'Backstory needs permission.' }} errors={{ [url]: HOSTILE }} />);
    expect(screen.getByTestId('welcome-status').textContent).toBe('Backstory needs permission.');
    expect(document.querySelector('img, script')).toBeNull();
  });
});
