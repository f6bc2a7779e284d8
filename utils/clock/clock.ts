/**
 * "Now" for the extension's UIs (popup, options, content script), which make every judgement about time: how old the
 * facts are, whether they are past the reader's threshold, whether a planned round's date has passed. The
 * background builds time-free views, so this is the one clock that decides what the reader is told.
 *
 * Release builds: the system clock. The e2e build (`BACKSTORY_E2E=1`, listed in wxt.config.ts) also reads a
 * test-only offset from `storage.local`, so a browser test can move the UIs' clock past a threshold; in the release
 * build that branch is compiled away (test/build/check-build.mjs proves the key is absent from its files).
 */
import { browser } from 'wxt/browser';

export type Clock = () => number;

const systemClock: Clock = () => Date.now();

/** The clock of this page or content script, read once when it starts. */
export async function loadClock(): Promise<Clock> {
  if (import.meta.env.BACKSTORY_E2E !== true) return systemClock;
  try {
    const key = 'backstory-e2e-clock-offset-ms';
    const offset = (await browser.storage.local.get(key))[key];
    if (typeof offset === 'number' && Number.isFinite(offset)) return () => Date.now() + offset;
  } catch {
    // No storage (a context being torn down): the system clock.
  }
  return systemClock;
}
