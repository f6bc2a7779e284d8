import { browser, type Browser } from 'wxt/browser';
import { parseRequest } from '@/utils/messaging/parse-request';
import { errorReply, isContentType } from '@/utils/messaging/protocol';
import type { BackgroundService } from './service';

type Sender = Browser.runtime.MessageSender;

/** Extension pages are trusted by their URL (the popup has no tab; an options tab does). */
function isExtensionPage(sender: Sender): boolean {
  return sender.id === browser.runtime.id && typeof sender.url === 'string' && sender.url.startsWith(browser.runtime.getURL('/'));
}

/**
 * Checks who is asking, then dispatches. Returns undefined (no response) for anything unknown, malformed or not
 * allowed for the sender, so a hostile page's content-script context gets nothing it should not.
 */
export function routeMessage(service: BackgroundService, message: unknown, sender: Sender): Promise<unknown> | undefined {
  if (sender.id !== browser.runtime.id) return undefined;
  const request = parseRequest(message);
  if (!request) return undefined;
  const trusted = isExtensionPage(sender);
  if (!trusted && !isContentType(request.type)) return undefined;
  if (!trusted && !sender.tab) return undefined;
  const origin = { tabId: sender.tab?.id, windowId: sender.tab?.windowId, frameId: sender.frameId, pageOrigin: originOf(sender.tab?.url), trusted };
  return service.handle(request, origin).catch((error: unknown) => {
    console.error('Backstory background:', request.type, error);
    // Extension pages show the reason; a page's content script learns only that it failed.
    return errorReply(trusted ? describeError(error) : 'The request failed.');
  });
}

function originOf(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.origin : undefined;
  } catch {
    return undefined;
  }
}

function describeError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return /quota/i.test(message) || (error as { name?: string })?.name === 'QuotaExceededError'
    ? 'The browser has no room left for Backstory’s data. Free some disk space or remove sources, then try again.'
    : message || 'The request failed.';
}
