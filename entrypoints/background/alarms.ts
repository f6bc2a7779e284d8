/**
 * The refresh alarm: one periodic alarm drives the schedule stored in the KB (DESIGN.md, "A cold service worker":
 * re-create alarms on startup and check what is due on every wake). Alarms survive worker restarts but not always
 * browser updates or profile restores, so it is re-created (if missing) on install and startup.
 */
import { browser, type Browser } from 'wxt/browser';

export const REFRESH_ALARM = 'backstory-refresh';
/** Chrome runs alarms at most every 30 s (packed extensions: 1 min); sources have a minimum interval of 15 min. */
export const REFRESH_PERIOD_MINUTES = 15;

export async function ensureRefreshAlarm(): Promise<void> {
  const existing = await browser.alarms.get(REFRESH_ALARM);
  if (existing?.periodInMinutes === REFRESH_PERIOD_MINUTES) return;
  await browser.alarms.create(REFRESH_ALARM, { delayInMinutes: 1, periodInMinutes: REFRESH_PERIOD_MINUTES });
}

export function isRefreshAlarm(alarm: Browser.alarms.Alarm): boolean {
  return alarm.name === REFRESH_ALARM;
}
