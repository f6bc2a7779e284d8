import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { openKb } from '@/utils/kb/db';
import { createBackground, type BackgroundService } from '@/entrypoints/background/service';
import { routeMessage } from '@/entrypoints/background/router';
import { NOT_THIS_PER_MINUTE } from '@/entrypoints/background/user-data';
import type { Browser } from 'wxt/browser';

type Sender = Browser.runtime.MessageSender;

const EXT = 'test-extension-id';
const pageSender = (path = 'options.html'): Sender => ({ id: EXT, url: `chrome-extension://${EXT}/${path}` });
const contentSender = (url = 'https://news.example/story'): Sender => ({
  id: EXT,
  url,
  frameId: 0,
  tab: { id: 7, url, index: 0, pinned: false, highlighted: false, windowId: 1, active: true, incognito: false } as Browser.tabs.Tab,
});

let service: BackgroundService;
let n = 0;

beforeEach(async () => {
  fakeBrowser.reset();
  service = createBackground(openKb(`router-test-${n++}`));
  await service.ensureBundledPack();
});

async function ask(message: unknown, sender: Sender): Promise<unknown> {
  return routeMessage(service, message, sender);
}

describe('routeMessage', () => {
  it('answers a content script scan with mentions from the bundled pack', async () => {
    const text = 'Abbas Araghchi met Steve Witkoff for indirect talks in Oman, mediated by Badr al-Busaidi.';
    const reply = (await ask({ type: 'scan', text, context: { date: '2026-02-07' } }, contentSender())) as { mentions: { id: string }[] };
    expect(reply.mentions.map((m) => m.id)).toEqual(expect.arrayContaining(['abbas-araghchi', 'steve-witkoff', 'badr-albusaidi']));
  });

  it.each([
    { type: 'set-settings', patch: { enabled: false } },
    { type: 'add-source', url: 'https://evil.example/pack.json', kind: 'pack' },
    { type: 'remove-source', id: 'bundled' },
    { type: 'update-source', id: 'bundled', enabled: false },
    { type: 'apply-import', json: '{}' },
    { type: 'reset' },
    { type: 'export-data' },
    { type: 'list-suppressions' },
    { type: 'remove-suppression', site: 'news.example', id: 'abbas-araghchi' },
    { type: 'refresh' },
    { type: 'refresh', id: 'bundled' },
  ])('refuses $type from a content script', async (message) => {
    expect(await ask(message, contentSender())).toBeUndefined();
    const settings = await ask({ type: 'get-settings' }, pageSender());
    expect(settings).toMatchObject({ enabled: true });
  });

  it('lets an extension page change settings', async () => {
    const updated = await ask({ type: 'set-settings', patch: { pausedSites: ['news.example'] } }, pageSender());
    expect(updated).toMatchObject({ pausedSites: ['news.example'] });
    const page = (await ask({ type: 'page-settings' }, contentSender())) as { active: boolean };
    expect(page.active).toBe(false);
  });

  it('ignores messages from other extensions and from content scripts without a tab', async () => {
    expect(await ask({ type: 'latest-round' }, { id: 'someone-else', url: `chrome-extension://someone-else/x.html` })).toBeUndefined();
    expect(await ask({ type: 'scan', text: 'x', context: {} }, { id: EXT, url: 'https://news.example/' })).toBeUndefined();
  });

  it('does not take an extension URL from a content script at its word', async () => {
    const forged = { ...contentSender(), url: 'https://news.example/' };
    expect(await ask({ type: 'reset' }, forged)).toBeUndefined();
  });

  it('records "not this" for the sender tab’s site, whatever the message says, and rate-limits it', async () => {
    const reply = await ask({ type: 'not-this', id: 'abbas-araghchi', site: 'victim.example' }, contentSender('https://news.example/a'));
    expect(reply).toEqual({ ok: true });
    const list = (await ask({ type: 'list-suppressions' }, pageSender())) as { site: string; id: string; label: string }[];
    expect(list).toEqual([expect.objectContaining({ site: 'news.example', id: 'abbas-araghchi', label: 'Abbas Araghchi' })]);
    const page = (await ask({ type: 'page-settings' }, contentSender('https://news.example/b'))) as { suppressed: string[] };
    expect(page.suppressed).toEqual(['abbas-araghchi']);
    const other = (await ask({ type: 'page-settings' }, contentSender('https://other.example/'))) as { suppressed: string[] };
    expect(other.suppressed).toEqual([]);
    const results: unknown[] = [];
    for (let i = 0; i < NOT_THIS_PER_MINUTE + 5; i++) results.push(await ask({ type: 'not-this', id: `x-${i}` }, contentSender()));
    expect(results.filter((r) => (r as { ok: boolean }).ok).length).toBe(NOT_THIS_PER_MINUTE - 1);
  });

  it('turns a failing handler into an error the extension page can show, and tells a page nothing more', async () => {
    const failing = { ...service, handle: () => Promise.reject(new Error('disk on fire')) } as BackgroundService;
    expect(await routeMessage(failing, { type: 'latest-round' }, pageSender())).toEqual({ backstoryError: 'disk on fire' });
    expect(await routeMessage(failing, { type: 'card', kind: 'person', id: 'x' }, contentSender())).toEqual({
      backstoryError: 'The request failed.',
    });
    const quota = Object.assign(new Error('QuotaExceededError'), { name: 'QuotaExceededError' });
    const full = { ...service, handle: () => Promise.reject(quota) } as BackgroundService;
    expect(await routeMessage(full, { type: 'refresh' }, pageSender())).toEqual({
      backstoryError: expect.stringContaining('no room left') as string,
    });
  });

  it('never throws or rejects on fuzzed message shapes', async () => {
    const values: unknown[] = [null, undefined, 0, -1, Number.POSITIVE_INFINITY, '', 'x'.repeat(10_000), [], {}, [1, 2], { a: { b: {} } }, true, Symbol.iterator.toString()];
    const types = ['scan', 'card', 'not-this', 'set-settings', 'add-source', 'refresh', 'plan-import', 'apply-import', 'whats-new', 'latest-articles', 'update-source', 'remove-suppression', 'inject-styles', '__proto__', 'constructor', 'toString'];
    const fields = ['text', 'context', 'id', 'kind', 'patch', 'url', 'json', 'markSeen', 'limit', 'names', 'site', 'enabled', 'intervalMinutes'];
    let seed = 42;
    const rand = (k: number) => ((seed = (seed * 1103515245 + 12345) % 2147483648) % k);
    for (let i = 0; i < 400; i++) {
      const message: Record<string, unknown> = { type: types[rand(types.length)] };
      for (let j = 0; j < 3; j++) message[fields[rand(fields.length)]!] = values[rand(values.length)];
      for (const sender of [contentSender(), pageSender()]) {
        await expect(Promise.resolve(ask(message, sender))).resolves.not.toThrow();
      }
    }
  });
});

describe('a card’s Refresh (show-freshness), from a content script', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('opens the popup over the sender’s window, changes nothing, and at most once per tab every few seconds', async () => {
    const openPopup = vi.spyOn(fakeBrowser.action, 'openPopup').mockResolvedValue(undefined);
    const before = await ask({ type: 'list-sources' }, pageSender());
    expect(await ask({ type: 'show-freshness' }, contentSender())).toEqual({ ok: true });
    expect(openPopup).toHaveBeenCalledWith({ windowId: 1 });
    // A page sending it again at once gets nothing more; another tab still can.
    expect(await ask({ type: 'show-freshness' }, contentSender())).toEqual({ ok: false });
    const otherTab = contentSender('https://other.example/');
    otherTab.tab = { ...otherTab.tab!, id: 8 };
    expect(await ask({ type: 'show-freshness' }, otherTab)).toEqual({ ok: true });
    expect(openPopup).toHaveBeenCalledTimes(2);
    expect(await ask({ type: 'list-sources' }, pageSender())).toEqual(before);
  });

  it('falls back to the options page where the browser will not open the popup from here', async () => {
    vi.spyOn(fakeBrowser.action, 'openPopup').mockRejectedValue(new Error('openPopup requires a user gesture'));
    const openOptions = vi.spyOn(fakeBrowser.runtime, 'openOptionsPage').mockResolvedValue(undefined);
    expect(await ask({ type: 'show-freshness' }, contentSender())).toEqual({ ok: true });
    expect(openOptions).toHaveBeenCalledTimes(1);
  });
});
