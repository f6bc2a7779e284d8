import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createInjectedStyles, type InjectedStylesApi } from '@/entrypoints/background/injected-styles';
import { createBackground } from '@/entrypoints/background/service';
import { routeMessage } from '@/entrypoints/background/router';
import { openKb } from '@/utils/kb/db';
import { highlightCss } from '@/utils/style/highlight-css';
import type { Browser } from 'wxt/browser';

type Call = ['insert' | 'remove', { target: { tabId: number; frameIds: number[] }; css: string; origin: string }];

/** scripting.insertCSS/removeCSS that keep the injected sheets per target, as the browser does. */
function fakeScripting() {
  const calls: Call[] = [];
  const sheets = new Map<string, string[]>();
  const where = (i: Call[1]) => `${i.target.tabId}:${i.target.frameIds.join(',')}`;
  const api: Pick<InjectedStylesApi, 'insertCSS' | 'removeCSS'> = {
    insertCSS: vi.fn(async (injection) => {
      calls.push(['insert', injection]);
      sheets.set(where(injection), [...(sheets.get(where(injection)) ?? []), injection.css]);
    }),
    removeCSS: vi.fn(async (injection) => {
      calls.push(['remove', injection]);
      // Only the very same css (and target, origin) finds an injection to remove.
      const list = sheets.get(where(injection)) ?? [];
      const at = list.indexOf(injection.css);
      if (at >= 0 && injection.origin === 'USER') list.splice(at, 1);
    }),
  };
  return { api, calls, sheets };
}

const css = (underline: string) => `::highlight(bs-a) { text-decoration-style: ${underline} !important; }`;

beforeEach(() => {
  fakeBrowser.reset();
});

describe('injected highlight rules', () => {
  it('removes the previous injection, with the exact same css, target and origin, before inserting the new one', async () => {
    const { api, calls, sheets } = fakeScripting();
    const styles = createInjectedStyles({ ...api, session: fakeBrowser.storage.session });
    await styles.inject({ tabId: 3, frameId: 0 }, css('solid'));
    await styles.inject({ tabId: 3, frameId: 0 }, css('dashed'));
    await styles.inject({ tabId: 3, frameId: 0 }, css('wavy'));
    expect(calls.map(([kind, i]) => `${kind} ${i.target.tabId}/${i.target.frameIds} ${i.origin} ${i.css}`)).toEqual([
      `insert 3/0 USER ${css('solid')}`,
      `remove 3/0 USER ${css('solid')}`,
      `insert 3/0 USER ${css('dashed')}`,
      `remove 3/0 USER ${css('dashed')}`,
      `insert 3/0 USER ${css('wavy')}`,
    ]);
    expect(sheets.get('3:0')).toEqual([css('wavy')]);
  });

  it('keeps tabs and frames apart, and asking again for the same rules injects nothing twice', async () => {
    const { api, sheets } = fakeScripting();
    const styles = createInjectedStyles({ ...api, session: fakeBrowser.storage.session });
    await styles.inject({ tabId: 3, frameId: 0 }, css('solid'));
    await styles.inject({ tabId: 4, frameId: 0 }, css('dotted'));
    await styles.inject({ tabId: 3, frameId: 2 }, css('dashed'));
    await styles.inject({ tabId: 3, frameId: 0 }, css('solid'));
    expect(Object.fromEntries(sheets)).toEqual({ '3:0': [css('solid')], '4:0': [css('dotted')], '3:2': [css('dashed')] });
  });

  it('remembers across a service worker restart (storage.session), and forgets a closed tab', async () => {
    const { api, sheets } = fakeScripting();
    await createInjectedStyles({ ...api, session: fakeBrowser.storage.session }).inject({ tabId: 5, frameId: 0 }, css('solid'));
    // A new worker: nothing in memory.
    const woken = createInjectedStyles({ ...api, session: fakeBrowser.storage.session });
    await woken.inject({ tabId: 5, frameId: 0 }, css('dashed'));
    expect(sheets.get('5:0')).toEqual([css('dashed')]);
    await woken.inject({ tabId: 6, frameId: 0 }, css('solid'));
    await woken.forgetTab(5);
    const stored = await fakeBrowser.storage.session.get(null);
    expect(Object.keys(stored)).toEqual(['injected-css:6:0']);
  });

  it('serialises quick changes for one target: each old injection removed once, one left', async () => {
    const { api, sheets, calls } = fakeScripting();
    const styles = createInjectedStyles({ ...api, session: fakeBrowser.storage.session });
    await Promise.all(['solid', 'dotted', 'dashed', 'wavy'].map((u) => styles.inject({ tabId: 8, frameId: 0 }, css(u))));
    expect(sheets.get('8:0')).toEqual([css('wavy')]);
    expect(calls.filter(([kind]) => kind === 'remove')).toHaveLength(3);
  });

  it('a failing removeCSS (the tab shows another document) does not stop the new injection', async () => {
    const { api, sheets } = fakeScripting();
    const styles = createInjectedStyles({
      ...api,
      removeCSS: async () => {
        throw new Error('No tab with id');
      },
      session: fakeBrowser.storage.session,
    });
    await styles.inject({ tabId: 9, frameId: 0 }, css('solid'));
    await styles.inject({ tabId: 9, frameId: 0 }, css('dashed'));
    expect(sheets.get('9:0')).toEqual([css('solid'), css('dashed')]);
    expect(await fakeBrowser.storage.session.get('injected-css:9:0')).toEqual({ 'injected-css:9:0': css('dashed') });
  });
});

describe('inject-styles from a content script', () => {
  const EXT = 'test-extension-id';
  const url = 'https://news.example/story';
  const sender = {
    id: EXT,
    url,
    frameId: 0,
    tab: { id: 7, url, index: 0, pinned: false, highlighted: false, windowId: 1, active: true, incognito: false },
  } as Browser.runtime.MessageSender;
  const names = { entity: 'bs-aaaaaaaa', talks: 'bs-bbbbbbbb', figure: 'bs-cccccccc' };

  it('injects the rules for the reader\'s underline, tint and theme, replacing the previous ones', async () => {
    const injected: string[] = [];
    const service = createBackground(openKb(`inject-styles-test-${Date.now()}`), {
      inject: async (target, text) => void injected.push(`${target.tabId}/${target.frameId} ${text}`),
      forgetTab: async () => {},
    });
    vi.spyOn(fakeBrowser.permissions, 'contains').mockResolvedValue(true);
    await routeMessage(service, { type: 'set-settings', patch: { underline: 'dashed', theme: 'dark', tint: true } }, { id: EXT, url: `chrome-extension://${EXT}/options.html` });
    expect(await routeMessage(service, { type: 'inject-styles', names }, sender)).toEqual({ ok: true });
    const expected = highlightCss(names, { underline: { entity: 'dashed', talks: 'dashed', figure: 'dashed' }, background: true, scheme: 'dark' });
    expect(injected).toEqual([`7/0 ${expected}`]);
    expect(expected).not.toContain('@media');
  });

  it('answers ok: false without host access, and injects nothing', async () => {
    const inject = vi.fn();
    const service = createBackground(openKb(`inject-styles-test-${Date.now()}-b`), { inject, forgetTab: async () => {} });
    vi.spyOn(fakeBrowser.permissions, 'contains').mockResolvedValue(false);
    expect(await routeMessage(service, { type: 'inject-styles', names }, sender)).toEqual({ ok: false });
    expect(inject).not.toHaveBeenCalled();
  });
});
