import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { NetworkLog, type NetworkLogProps } from '@/components/NetworkLog/NetworkLog';
import { I18nContext, bundledLookup, makeT } from '@/components/ui/i18n';
import { formatDateTime } from '@/components/ui/format';
import type { NetworkLogEntryView, NetworkLogView } from '@/utils/messaging/views';
import { axeViolations } from './a11y';
import { HOSTILE } from './popup-fixtures';

afterEach(cleanup);

const AT = Date.parse('2026-07-20T08:00:05Z');

function entry(id: number, extra: Partial<NetworkLogEntryView> = {}): NetworkLogEntryView {
  return {
    id,
    at: AT - id * 60_000,
    method: 'GET',
    url: 'https://feeds.example.org/world/rss.xml?edition=int',
    outcome: 'ok',
    httpStatus: 200,
    bytes: 20_480,
    conditional: false,
    durationMs: 320,
    sourceId: 'src-1',
    sourceTitle: 'Example World',
    ...extra,
  };
}

function view(entries: NetworkLogEntryView[], extra: Partial<NetworkLogView> = {}): NetworkLogView {
  return {
    entries,
    total: entries.length,
    notModified: entries.filter((e) => e.outcome === 'not-modified').length,
    keptDays: 7,
    maxRows: 5000,
    ...extra,
  };
}

function show(props: Partial<NetworkLogProps> = {}) {
  const all: NetworkLogProps = { log: null, onClear: vi.fn(), onMore: vi.fn(), ...props };
  return { ...render(<NetworkLog {...all} />), props: all };
}

const texts = (testid: string) => screen.queryAllByTestId(testid).map((el) => el.textContent);

describe('NetworkLog', () => {
  it('lists each request in the order given: time, source, address with the host in bold, answer, bytes', async () => {
    const log = view([
      entry(1, { outcome: 'not-modified', httpStatus: 304, bytes: 0, conditional: true, durationMs: 45 }),
      entry(2, { url: 'https://packs.example.net/us-iran.json', sourceTitle: 'Story pack', bytes: 512 }),
      entry(3, { outcome: 'http-error', httpStatus: 404, bytes: 0 }),
      entry(4, { outcome: 'network-error', httpStatus: undefined, bytes: 0 }),
      entry(5, { outcome: 'timeout', bytes: 14, durationMs: 20_000 }),
      entry(6, { outcome: 'too-large', bytes: 5 * 1024 * 1024 + 1 }),
      entry(7, { outcome: 'redirect-refused', httpStatus: 200, finalUrl: 'http://elsewhere.example/feed' }),
    ]);
    const { container } = show({ log });
    const rows = screen.getAllByTestId('netlog-entry');
    expect(rows).toHaveLength(7);
    expect(texts('netlog-time')).toEqual(log.entries.map((e) => formatDateTime(e.at)));
    expect(screen.getAllByTestId('netlog-time')[0]?.getAttribute('datetime')).toBe(new Date(AT - 60_000).toISOString());
    expect(texts('netlog-source').slice(0, 2)).toEqual(['Example World', 'Story pack']);
    expect(texts('netlog-url')[0]).toBe('https://feeds.example.org/world/rss.xml?edition=int');
    expect(texts('netlog-url-host').slice(0, 2)).toEqual(['feeds.example.org', 'packs.example.net']);
    expect(screen.getAllByTestId('netlog-url-host')[0]?.tagName).toBe('STRONG');
    expect(texts('netlog-status')).toEqual([
      '304 not modified',
      '200',
      '404',
      'could not connect',
      '200 timed out',
      '200 over the size limit',
      '200 redirect refused',
    ]);
    expect(rows[0]?.getAttribute('data-outcome')).toBe('not-modified');
    // Only the conditional request says so.
    expect(rows.map((r) => r.querySelector('[data-testid="netlog-conditional"]')?.textContent ?? '')).toEqual(['conditional', '', '', '', '', '', '']);
    expect(texts('netlog-bytes').slice(0, 2)).toEqual(['0 B', '512 B']);
    expect(rows[4]?.textContent).toContain('20 s');
    expect(texts('netlog-final-url-host')).toEqual(['elsewhere.example']);
    expect(screen.getByTestId('netlog-summary').textContent).toBe('Kept: 7 requests. Answered “not modified” (304), with nothing new to download: 1.');
    expect(screen.getByTestId('netlog-explain').textContent).toMatch(/all the requests Backstory made in the last 7 days.*never leave your browser/);
    expect(screen.queryByTestId('netlog-more')).toBeNull();
    expect(await axeViolations(container)).toEqual([]);
  });

  it('shows addresses and titles from sources as text, and links nothing', () => {
    const { container } = show({
      log: view([entry(1, { sourceTitle: HOSTILE, url: 'https://x.example/<script>alert(1)</script>' }), entry(2, { url: 'not a url' })]),
    });
    expect(container.querySelector('img, script, a')).toBeNull();
    expect(texts('netlog-source')[0]).toBe(HOSTILE);
    expect(texts('netlog-url-host')).toEqual(['x.example', 'not a url']);
  });

  it('offers older requests when it shows fewer than it keeps', () => {
    const { props } = show({ log: view([entry(1), entry(2)], { total: 250, notModified: 40 }) });
    expect(screen.getByTestId('netlog-showing').textContent).toBe('Showing the newest 2 of 250.');
    expect(screen.getByTestId('netlog-summary').textContent).toMatch(/^Kept: 250 requests\..*download: 40\.$/);
    fireEvent.click(screen.getByTestId('netlog-more'));
    expect(props.onMore).toHaveBeenCalledOnce();
  });

  it('clears on request; empty, loading and failing states say so', async () => {
    const { props } = show({ log: view([entry(1)]) });
    fireEvent.click(screen.getByTestId('netlog-clear'));
    expect(props.onClear).toHaveBeenCalledOnce();
    cleanup();

    const { container } = show({ log: view([]), note: { kind: 'ok', text: 'The network log is empty now.' } });
    expect(screen.getByTestId('netlog-empty').textContent).toBe('Backstory has made no request in the last 7 days.');
    expect(screen.queryByTestId('netlog-table')).toBeNull();
    expect((screen.getByTestId('netlog-clear') as HTMLButtonElement).disabled).toBe(true);
    expect(screen.getByTestId('netlog-note').textContent).toBe('The network log is empty now.');
    expect(await axeViolations(container)).toEqual([]);
    cleanup();

    show({ log: null });
    expect(screen.getByTestId('netlog-section').textContent).toContain('Loading');
    cleanup();
    show({ log: null, error: 'The request failed.' });
    expect(screen.getByRole('alert').textContent).toBe('The request failed.');
  });

  it('speaks Persian, with addresses kept left to right', async () => {
    const { container } = render(
      <I18nContext.Provider value={makeT(bundledLookup('fa'))}>
        <NetworkLog log={view([entry(1, { outcome: 'not-modified', httpStatus: 304, conditional: true })])} onClear={() => {}} onMore={() => {}} />
      </I18nContext.Provider>,
    );
    expect(container.querySelector('h2')?.textContent).toBe('گزارش شبکه');
    expect(texts('netlog-status')).toEqual(['304 تغییری نکرده']);
    expect(screen.getByTestId('netlog-url').getAttribute('dir')).toBe('ltr');
    expect(await axeViolations(container)).toEqual([]);
  });
});
