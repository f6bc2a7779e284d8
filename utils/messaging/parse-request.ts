/**
 * Turns an untrusted message into a typed request, or null. Every field is checked: content-script messages come
 * from pages we do not control, and a malformed message must never reach a handler.
 */
import { NETWORK_LOG_MAX_ROWS } from '../kb/network-log';
import type { MentionKind } from '../model/mention';
import type { Settings } from '../model/settings';
import type { BackgroundRequests, BackgroundType, Envelope } from './protocol';

/** Article text larger than this is cut: no real article is this long, and the cap bounds the work per page. */
export const MAX_SCAN_CHARS = 3_000_000;
const MENTION_KINDS: readonly MentionKind[] = ['person', 'org', 'place', 'event', 'term', 'talks', 'round', 'figure'];
const ID = /^[a-z0-9][a-z0-9-]{0,127}$/;
/** Source ids and pack ids may carry a few more characters (e.g. `feed-1a2b`, `pack:us-iran`). */
const ANY_ID = /^[A-Za-z0-9][A-Za-z0-9:_.|-]{0,255}$/;
/** A backup file larger than this is refused before parsing. */
const MAX_IMPORT_CHARS = 60_000_000;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const HIGHLIGHT_NAME = /^bs-[a-z0-9]{6,24}$/;

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
      const relevant = context.relevant === true ? { relevant: true as const } : {};
      return { type: 'scan', text: text.slice(0, MAX_SCAN_CHARS), context: { ...(date ? { date } : {}), ...relevant } };
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
    case 'page-settings':
    case 'show-freshness':
    case 'latest-round':
    case 'timeline':
    case 'list-sources':
    case 'get-settings':
    case 'list-suppressions':
    case 'export-data':
    case 'reset':
    case 'clear-network-log':
      return { type: message.type };
    case 'not-this':
    case 'remove-source':
    case 'confirm-pack-update': {
      const id = message.id;
      return typeof id === 'string' && ANY_ID.test(id) ? { type: message.type, id } : null;
    }
    case 'latest-articles': {
      const limit = message.limit;
      if (limit === undefined) return { type: 'latest-articles' };
      return typeof limit === 'number' && Number.isInteger(limit) && limit > 0 && limit <= 200 ? { type: 'latest-articles', limit } : null;
    }
    case 'network-log': {
      const limit = message.limit;
      if (limit === undefined) return { type: 'network-log' };
      return typeof limit === 'number' && Number.isInteger(limit) && limit > 0 && limit <= NETWORK_LOG_MAX_ROWS
        ? { type: 'network-log', limit }
        : null;
    }
    case 'whats-new':
      return typeof message.markSeen === 'boolean' ? { type: 'whats-new', markSeen: message.markSeen } : null;
    case 'add-source': {
      const { url, kind } = message;
      if (typeof url !== 'string' || url.length > 2048 || (kind !== 'pack' && kind !== 'feed')) return null;
      return { type: 'add-source', url, kind };
    }
    case 'update-source': {
      const { id, enabled, intervalMinutes } = message;
      if (typeof id !== 'string' || !ANY_ID.test(id)) return null;
      if (enabled !== undefined && typeof enabled !== 'boolean') return null;
      if (intervalMinutes !== undefined && !(typeof intervalMinutes === 'number' && Number.isInteger(intervalMinutes))) return null;
      return {
        type: 'update-source',
        id,
        ...(enabled !== undefined && { enabled }),
        ...(intervalMinutes !== undefined && { intervalMinutes }),
      };
    }
    case 'refresh': {
      const id = message.id;
      if (id === undefined) return { type: 'refresh' };
      return typeof id === 'string' && ANY_ID.test(id) ? { type: 'refresh', id } : null;
    }
    case 'set-settings': {
      // The patch is repaired against the whole settings shape by the handler; here it only has to be an object.
      const patch = ownFields(message.patch);
      return patch ? { type: 'set-settings', patch: patch as Partial<Settings> } : null;
    }
    case 'remove-suppression': {
      const { site, id } = message;
      if (typeof site !== 'string' || site.length > 253 || typeof id !== 'string' || !ANY_ID.test(id)) return null;
      return { type: 'remove-suppression', site, id };
    }
    case 'plan-import':
    case 'apply-import': {
      const json = message.json;
      return typeof json === 'string' && json.length <= MAX_IMPORT_CHARS ? { type: message.type, json } : null;
    }
    default:
      return null;
  }
}
