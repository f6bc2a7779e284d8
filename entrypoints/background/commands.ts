import { browser } from 'wxt/browser';
import type { ContentEvents } from '@/utils/messaging/protocol';

/** The keyboard shortcuts move through the marks of the active tab; the content script does the rest. */
export async function sendNavigate(command: string): Promise<void> {
  const direction = command === 'next-mention' ? 1 : command === 'previous-mention' ? -1 : 0;
  if (direction === 0) return;
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  if (tab?.id === undefined) return;
  const event: { type: 'navigate' } & ContentEvents['navigate'] = { type: 'navigate', direction };
  await browser.tabs.sendMessage(tab.id, event).catch(() => {});
}
