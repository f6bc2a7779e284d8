/**
 * Turns an untrusted message into a typed request, or null. Every field is checked: content-script messages come
 * from pages we do not control, and a malformed message must never reach a handler.
 */
import type { MentionKind } from '../model/mention';
import type { BackgroundRequests, BackgroundType, Envelope } from './protocol';

/** Article text larger than this is cut: no real article is this long, and the cap bounds the work per page. */
export const MAX_SCAN_CHARS = 3_000_000;
const MENTION_KINDS: readonly MentionKind[] = ['person', 'org', 'place', 'event', 'term', 'talks', 'round', 'figure'];
const ID = /^[a-z0-9][a-z0-9-]{0,127}$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
export const HIGHLIGHT_NAME = /^bs-[a-z0-9]{6,24}$/;

export type AnyRequest = { [K in BackgroundType]: Envelope<BackgroundRequests, K> }[BackgroundType];

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Own enumerable fields only, so nothing inherited (or planted on a prototype by the page) is ever read. */
function ownFields(value: unknown): Record<string, unknown> | null {
  if (!isRecord(value)) return null;
  const fields: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  for (const [key, field] of Object.entries(value)) fields[key] = field;
  return fields;
}

function optionalDate(value: unknown): string | undefined | false {
  if (value === undefined) return undefined;
  return typeof value === 'string' && DATE.test(value) ? value : false;
}

export function parseRequest(input: unknown): AnyRequest | null {
  const message = ownFields(input);
  if (!message) return null;
  switch (message.type) {
    case 'scan': {
      const text = message.text;
      const context = ownFields(message.context);
      if (typeof text !== 'string' || !context) return null;
      const date = optionalDate(context.date);
      if (date === false) return null;
      return { type: 'scan', text: text.slice(0, MAX_SCAN_CHARS), context: date ? { date } : {} };
    }
    case 'card': {
      const { kind, id, claimId } = message;
      const date = optionalDate(message.date);
      if (!MENTION_KINDS.includes(kind as MentionKind) || typeof id !== 'string' || !ID.test(id)) return null;
      if (claimId !== undefined && (typeof claimId !== 'string' || !ID.test(claimId))) return null;
      if (date === false) return null;
      const value = typeof message.value === 'number' && Number.isFinite(message.value) ? message.value : undefined;
      return {
        type: 'card',
        ...(value !== undefined && { value }),
        kind: kind as MentionKind,
        id,
        ...(typeof claimId === 'string' && { claimId }),
        ...(date && { date }),
      };
    }
    case 'inject-styles': {
      const names = ownFields(message.names);
      if (!names) return null;
      const { entity, talks, figure } = names;
      if (![entity, talks, figure].every((n) => typeof n === 'string' && HIGHLIGHT_NAME.test(n))) return null;
      return { type: 'inject-styles', names: { entity: entity as string, talks: talks as string, figure: figure as string } };
    }
    case 'latest-round':
      return { type: 'latest-round' };
    case 'list-sources':
      return { type: 'list-sources' };
    default:
      return null;
  }
}
