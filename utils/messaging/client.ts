/** Typed senders for the protocol in `protocol.ts`. The only place that calls `runtime.sendMessage`. */
import { browser } from 'wxt/browser';
import { isErrorReply } from './protocol';
import type {
  BackgroundRequests,
  BackgroundType,
  Envelope,
  Reply,
  TabRequests,
  TabType,
} from './protocol';

type Req<M, K extends keyof M> = M[K] extends { req: infer R } ? R : never;

export async function askBackground<K extends BackgroundType>(
  type: K,
  req: Req<BackgroundRequests, K>,
): Promise<Reply<BackgroundRequests, K>> {
  const envelope = { ...(req as object), type } as Envelope<BackgroundRequests, K>;
  const reply: unknown = await browser.runtime.sendMessage(envelope);
  if (isErrorReply(reply)) throw new Error(reply.backstoryError);
  return reply as Reply<BackgroundRequests, K>;
}

export async function askTab<K extends TabType>(
  tabId: number,
  type: K,
  req: Req<TabRequests, K>,
): Promise<Reply<TabRequests, K>> {
  const envelope = { ...(req as object), type } as Envelope<TabRequests, K>;
  return (await browser.tabs.sendMessage(tabId, envelope)) as Reply<TabRequests, K>;
}
