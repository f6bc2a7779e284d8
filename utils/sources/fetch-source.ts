/**
 * Fetching one source (a story pack or a feed) from the background: conditional, time-limited and size-capped, and
 * answering in plain words the options page can show as they are. Runs in the MV3 service worker: no DOM, no state.
 */
import { decodeBody } from './decode-body';
import { parseMaxAge, parseRetryAfter } from './http-headers';
import { reportRequest, toRequestRecord, type RecordRequest, type RequestTrace } from './request-record';
import { isAllowedSourceUrl } from './source-url';

export { isAllowedSourceUrl } from './source-url';
export { HTML_INSTEAD_OF_FEED, looksLikeHtml } from './looks-like-html';

export const DEFAULT_TIMEOUT_MS = 20_000;
export const DEFAULT_MAX_BYTES = 5 * 1024 * 1024;

export interface FetchSourceOptions {
  /** Validators from the last successful fetch, sent back as `If-None-Match` / `If-Modified-Since`. */
  etag?: string;
  lastModified?: string;
  /** Covers connecting, the headers and the whole body. */
  timeoutMs?: number;
  /** Cap on the decoded (decompressed) body, which also contains gzip bombs. */
  maxBytes?: number;
  fetchImpl?: typeof fetch;
  now?: () => number;
  /** Told about every request sent, once it has ended (the network log). Addresses refused up front send nothing. */
  record?: RecordRequest;
}

export type FetchResult =
  | {
      status: 'ok';
      finalUrl: string;
      body: string;
      contentType: string;
      etag?: string;
      lastModified?: string;
      maxAgeSeconds?: number;
    }
  | { status: 'not-modified'; finalUrl: string; maxAgeSeconds?: number }
  | { status: 'gone' }
  | { status: 'error'; error: string; retryAfterSeconds?: number; httpStatus?: number };

export type FetchError = Extract<FetchResult, { status: 'error' }>;

const ACCEPT =
  'application/rss+xml, application/atom+xml, application/feed+json, application/json;q=0.9, ' +
  'application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5';

/** The one place where Backstory makes a network request (lint forbids `fetch` anywhere else in the extension). */
export async function fetchSource(url: string, opts: FetchSourceOptions = {}): Promise<FetchResult> {
  const allowed = isAllowedSourceUrl(url);
  if (!allowed.ok) return { status: 'error', error: allowed.error };
  const now = opts.now ?? Date.now;
  const trace: RequestTrace = { bytes: 0 };
  const at = now();
  let result: FetchResult | undefined;
  try {
    result = await fetchAllowed(allowed.url, opts, trace);
    return result;
  } finally {
    const sent = { at, url: allowed.url.href, conditional: Boolean(opts.etag || opts.lastModified) };
    await reportRequest(opts.record, () => toRequestRecord(sent, now(), trace, result?.status ?? 'error'));
  }
}

async function fetchAllowed(target: URL, opts: FetchSourceOptions, trace: RequestTrace): Promise<FetchResult> {
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const maxBytes = opts.maxBytes ?? DEFAULT_MAX_BYTES;
  const fetchImpl = opts.fetchImpl ?? ((input, init) => globalThis.fetch(input, init));
  const now = opts.now ?? Date.now;
  const href = target.href;

  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, timeoutMs);
  const failure = (thrown: unknown, stage: 'connect' | 'body'): FetchError => {
    trace.outcome = timedOut ? 'timeout' : stage === 'connect' ? 'network-error' : 'cut-off';
    if (timedOut) return { status: 'error', error: `No answer within ${formatSeconds(timeoutMs)}` };
    return { status: 'error', error: stage === 'connect' ? describeConnectError(thrown) : CUT_OFF };
  };

  try {
    const headers: Record<string, string> = { Accept: ACCEPT };
    if (opts.etag) headers['If-None-Match'] = opts.etag;
    if (opts.lastModified) headers['If-Modified-Since'] = opts.lastModified;

    let response: Response;
    try {
      response = await fetchImpl(href, {
        method: 'GET',
        headers,
        credentials: 'omit',
        redirect: 'follow',
        referrerPolicy: 'no-referrer',
        signal: controller.signal,
      });
    } catch (thrown) {
      return failure(thrown, 'connect');
    }

    const finalUrl = response.url || href;
    trace.httpStatus = response.status;
    trace.finalUrl = finalUrl;
    const maxAgeSeconds = parseMaxAge(response.headers.get('cache-control'));
    // A redirect may lead anywhere; the rule for addresses holds for where we end up too.
    if (response.redirected && !isAllowedSourceUrl(finalUrl).ok) {
      await discard(response);
      trace.outcome = 'redirect-refused';
      return { status: 'error', error: `The address redirected to ${finalUrl}, which is not allowed` };
    }
    if (response.status === 304) {
      await discard(response);
      return withOptional({ status: 'not-modified', finalUrl }, { maxAgeSeconds });
    }
    if (response.status === 410) {
      await discard(response);
      return { status: 'gone' };
    }
    if (!response.ok) {
      await discard(response);
      return withOptional(
        { status: 'error', error: describeHttpStatus(response.status), httpStatus: response.status },
        { retryAfterSeconds: parseRetryAfter(response.headers.get('retry-after'), now()) },
      );
    }

    const declaredLength = Number(response.headers.get('content-length'));
    // The declared length is of the bytes on the wire; decoded feeds are never meaningfully smaller, so stop here.
    if (Number.isFinite(declaredLength) && declaredLength > maxBytes) {
      controller.abort();
      return tooLarge(maxBytes, trace);
    }
    let bytes: Uint8Array | 'too-large';
    try {
      bytes = await readCapped(response, maxBytes, trace);
    } catch (thrown) {
      return failure(thrown, 'body');
    }
    if (bytes === 'too-large') {
      controller.abort();
      return tooLarge(maxBytes, trace);
    }
    const contentType = response.headers.get('content-type') ?? '';
    return withOptional(
      { status: 'ok', finalUrl, body: decodeBody(bytes, contentType), contentType },
      {
        etag: response.headers.get('etag') ?? undefined,
        lastModified: response.headers.get('last-modified') ?? undefined,
        maxAgeSeconds,
      },
    );
  } finally {
    clearTimeout(timer);
  }
}

const CUT_OFF = 'The connection was cut before the whole response arrived';

async function readCapped(response: Response, maxBytes: number, trace: RequestTrace): Promise<Uint8Array | 'too-large'> {
  if (response.body === null) return new Uint8Array(0);
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    trace.bytes = total;
    if (total > maxBytes) {
      // Stop pulling at once: the rest (of a 50 MB body or a gzip bomb) is never read or decompressed.
      await reader.cancel().catch(() => undefined);
      return 'too-large';
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

async function discard(response: Response): Promise<void> {
  await response.body?.cancel().catch(() => undefined);
}

function tooLarge(maxBytes: number, trace: RequestTrace): FetchError {
  trace.outcome = 'too-large';
  return { status: 'error', error: `The response is larger than ${formatBytes(maxBytes)}` };
}

function describeConnectError(thrown: unknown): string {
  const code = errorCode(thrown);
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'The server name could not be found';
  if (code === 'ECONNREFUSED') return 'The server refused the connection';
  if (code?.startsWith('ERR_TLS') || code?.includes('CERT')) return 'The secure connection to the server failed';
  return 'Could not reach the server';
}

/** Node's fetch puts the system error code in `cause`; browsers give only "Failed to fetch". */
function errorCode(thrown: unknown): string | undefined {
  const cause = thrown instanceof Error ? (thrown as Error & { cause?: unknown }).cause : undefined;
  if (typeof cause === 'object' && cause !== null && 'code' in cause && typeof cause.code === 'string') {
    return cause.code;
  }
  return undefined;
}

function describeHttpStatus(status: number): string {
  if (status === 401 || status === 403) return `The server refused access (${status}); the source may need a login`;
  if (status === 404) return 'Nothing was found at this address (404)';
  if (status === 429) return 'The server asks us to come back later (429)';
  if (status === 503) return 'The server is unavailable for now (503)';
  if (status >= 500) return `The server had a problem (${status})`;
  return `The server answered with an error (${status})`;
}

function formatSeconds(ms: number): string {
  const seconds = ms / 1000;
  const shown = seconds >= 1 ? Math.round(seconds) : Math.round(seconds * 100) / 100;
  return `${shown} ${shown === 1 ? 'second' : 'seconds'}`;
}

export function formatBytes(bytes: number): string {
  const mb = 1024 * 1024;
  if (bytes >= mb) return `${Math.round((bytes / mb) * 10) / 10} MB`;
  if (bytes >= 1024) return `${Math.round((bytes / 1024) * 10) / 10} KB`;
  return `${bytes} bytes`;
}

/** Adds the optional fields that have a value, so results carry no `key: undefined` (exactOptionalPropertyTypes-safe). */
function withOptional<T extends object, O extends Record<string, unknown>>(base: T, optional: O): T & Partial<O> {
  const result: Record<string, unknown> = { ...(base as Record<string, unknown>) };
  for (const [key, value] of Object.entries(optional)) if (value !== undefined) result[key] = value;
  return result as T & Partial<O>;
}
