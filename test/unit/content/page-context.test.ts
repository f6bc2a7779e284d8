import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createPageContext, type PageContextEnv } from '@/entrypoints/content/page-context';

type Win = NonNullable<PageContextEnv['win']>;

/** A window with timers (vitest's fake ones), an address, and optionally a Navigation API. */
function fakeWindow(options: { navigation?: boolean } = {}) {
  const target = new EventTarget();
  const win = {
    setTimeout: (fn: () => void, ms: number) => setTimeout(fn, ms),
    clearTimeout: (id: number) => clearTimeout(id),
    setInterval: (fn: () => void, ms: number) => setInterval(fn, ms),
    clearInterval: (id: number) => clearInterval(id),
    location: { href: 'https://news.example/a' },
    ...(options.navigation && { navigation: target }),
  };
  return { win: win as unknown as Win, navigation: target, location: win.location };
}

describe('the content script context', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.restoreAllMocks();
  });

  it('dispatches nothing and posts nothing, on the document or the window, whatever it is used for', () => {
    const dispatch = vi.spyOn(EventTarget.prototype, 'dispatchEvent');
    const post = vi.spyOn(window, 'postMessage');
    const ctx = createPageContext({ alive: () => true });
    ctx.setTimeout(() => {}, 10);
    ctx.watchAlive(100);
    ctx.onLocationChange(() => {});
    vi.advanceTimersByTime(5000);
    expect(dispatch).not.toHaveBeenCalled();
    expect(post).not.toHaveBeenCalled();
  });

  it('aborts its signal once the extension is gone, and its timeouts never run after that', () => {
    let alive = true;
    const { win } = fakeWindow();
    const ctx = createPageContext({ win, alive: () => alive });
    const ran: string[] = [];
    ctx.setTimeout(() => ran.push('before'), 10);
    vi.advanceTimersByTime(20);
    ctx.setTimeout(() => ran.push('after'), 10);
    alive = false;
    vi.advanceTimersByTime(20);
    expect(ran).toEqual(['before']);
    expect(ctx.signal.aborted).toBe(true);
    expect(ctx.isInvalid()).toBe(true);
    // Nothing is scheduled once gone.
    expect(ctx.setTimeout(() => ran.push('late'), 1)).toBe(0);
    vi.advanceTimersByTime(20);
    expect(ran).toEqual(['before']);
  });

  it('clearTimeout cancels; an abort clears what is pending', () => {
    let alive = true;
    const { win } = fakeWindow();
    const ctx = createPageContext({ win, alive: () => alive });
    const ran: number[] = [];
    const id = ctx.setTimeout(() => ran.push(1), 10);
    ctx.setTimeout(() => ran.push(2), 10);
    ctx.clearTimeout(id);
    ctx.clearTimeout(undefined);
    vi.advanceTimersByTime(20);
    expect(ran).toEqual([2]);
    ctx.setTimeout(() => ran.push(3), 10);
    ctx.setTimeout(() => ran.push(4), 50);
    expect(vi.getTimerCount()).toBe(2);
    // The runtime found gone by some other call (a failed message): the pending timeouts are cleared at once.
    alive = false;
    expect(ctx.isInvalid()).toBe(true);
    expect(vi.getTimerCount()).toBe(0);
    vi.advanceTimersByTime(100);
    expect(ran).toEqual([2]);
  });

  it('watchAlive notices a reloaded extension by itself, within one interval, and stops checking', () => {
    let alive = true;
    const { win } = fakeWindow();
    const ctx = createPageContext({ win, alive: () => alive });
    const aborted = vi.fn();
    ctx.signal.addEventListener('abort', aborted);
    ctx.watchAlive(1500);
    ctx.watchAlive(1500);
    expect(vi.getTimerCount()).toBe(1);
    vi.advanceTimersByTime(4000);
    expect(aborted).not.toHaveBeenCalled();
    alive = false;
    vi.advanceTimersByTime(1500);
    expect(aborted).toHaveBeenCalledTimes(1);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('reports same-document navigations from the Navigation API, without a timer, until it is gone', () => {
    let alive = true;
    const { win, navigation } = fakeWindow({ navigation: true });
    const ctx = createPageContext({ win, alive: () => alive });
    const changes = vi.fn();
    ctx.onLocationChange(changes);
    expect(vi.getTimerCount()).toBe(0);
    navigation.dispatchEvent(new Event('currententrychange'));
    navigation.dispatchEvent(new Event('navigate'));
    expect(changes).toHaveBeenCalledTimes(1);
    alive = false;
    navigation.dispatchEvent(new Event('currententrychange'));
    navigation.dispatchEvent(new Event('currententrychange'));
    expect(changes).toHaveBeenCalledTimes(1);
  });

  it('polls the address where there is no Navigation API', () => {
    const { win, location } = fakeWindow();
    const ctx = createPageContext({ win, alive: () => true, pollMs: 1000 });
    const changes = vi.fn();
    ctx.onLocationChange(changes);
    vi.advanceTimersByTime(3000);
    expect(changes).not.toHaveBeenCalled();
    location.href = 'https://news.example/b';
    vi.advanceTimersByTime(1000);
    expect(changes).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(3000);
    expect(changes).toHaveBeenCalledTimes(1);
  });
});
