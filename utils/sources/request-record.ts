/**
 * What one network request of Backstory looked like, as `fetchSource` reports it to whoever keeps the network log.
 * Only what the reader needs to see that nothing but their own sources is contacted: no headers, no body.
 */

/** How a request ended. `http-error` carries the status (404, 410, 500…); the others never reached a usable body. */
export type RequestOutcome =
  | 'ok'
  | 'not-modified'
  | 'http-error'
  | 'network-error'
  | 'timeout'
  | 'too-large'
  | 'cut-off'
  | 'redirect-refused';

export const REQUEST_OUTCOMES: readonly RequestOutcome[] = [
  'ok',
  'not-modified',
  'http-error',
  'network-error',
  'timeout',
  'too-large',
  'cut-off',
  'redirect-refused',
];

export interface RequestRecord {
  /** Epoch ms when the request was sent. */
  at: number;
  method: 'GET';
  /** The address asked for. */
  url: string;
  /** Where redirects led, when that is elsewhere. */
  finalUrl?: string;
  outcome: RequestOutcome;
  /** The HTTP status, when an answer came. */
  httpStatus?: number;
  /** Body bytes read (after decompression); 0 when the body was not read. */
  bytes: number;
  /** Sent with If-None-Match or If-Modified-Since. */
  conditional: boolean;
  durationMs: number;
}

/** A request made for one configured source. */
export interface SourceRequest extends RequestRecord {
  sourceId: string;
  /** The source's title when the request was made. */
  sourceTitle: string;
}

/** Called once per request made; a failing recorder never fails the request. */
export type RecordRequest = (record: RequestRecord) => void | Promise<void>;

/** Filled in by `fetchSource` while a request runs. */
export interface RequestTrace {
  httpStatus?: number;
  finalUrl?: string;
  bytes: number;
  /** Set where the outcome is not told by the result alone (a timeout, a cut connection, the size cap…). */
  outcome?: RequestOutcome;
}

/** The outcome of a finished request: what the trace says, else what the result's status says. */
export function outcomeOf(trace: RequestTrace, status: 'ok' | 'not-modified' | 'gone' | 'error'): RequestOutcome {
  if (trace.outcome) return trace.outcome;
  if (status === 'ok') return 'ok';
  if (status === 'not-modified') return 'not-modified';
  return trace.httpStatus !== undefined ? 'http-error' : 'network-error';
}

/** The record of a request sent at `sent.at` that ended at `endedAt`, with the result's status. */
export function toRequestRecord(
  sent: { at: number; url: string; conditional: boolean },
  endedAt: number,
  trace: RequestTrace,
  status: 'ok' | 'not-modified' | 'gone' | 'error',
): RequestRecord {
  return {
    at: sent.at,
    method: 'GET',
    url: sent.url,
    ...(trace.finalUrl !== undefined && trace.finalUrl !== sent.url ? { finalUrl: trace.finalUrl } : {}),
    outcome: outcomeOf(trace, status),
    ...(trace.httpStatus !== undefined ? { httpStatus: trace.httpStatus } : {}),
    bytes: trace.bytes,
    conditional: sent.conditional,
    durationMs: Math.max(0, endedAt - sent.at),
  };
}

/** Hands the record to the recorder, if any; the log failing (a full disk) must never fail the request itself. */
export async function reportRequest(record: RecordRequest | undefined, build: () => RequestRecord): Promise<void> {
  if (!record) return;
  try {
    await record(build());
  } catch {
    // The request's own result stands.
  }
}
