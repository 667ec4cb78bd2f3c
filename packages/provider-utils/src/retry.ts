import { APICallError } from '@ai-sdk/provider';
import { delay, isAbortError } from '@ai-sdk/provider-utils';
import { findNetworkErrorCode, isNetworkError } from './network-error';

/** Default number of retries of one HTTP request. */
export const DEFAULT_MAX_RETRIES = 2;
const DEFAULT_INITIAL_DELAY_MS = 1000;
const DEFAULT_BACKOFF_FACTOR = 2;
/** Server hints longer than this are not waited for; the error is thrown instead. */
const MAX_HINTED_DELAY_MS = 60_000;

/**
 * Reads a server's retry hint from response headers, in milliseconds:
 * `retry-after-ms` (OpenAI), then `retry-after` in seconds or as an HTTP date.
 * Returns `undefined` when there is none or it cannot be read.
 */
export function getRetryAfterMs(
  headers: Record<string, string | undefined> | Headers | undefined,
  now: () => number = Date.now,
): number | undefined {
  if (headers == null) return undefined;
  const read = (name: string) =>
    headers instanceof Headers ? (headers.get(name) ?? undefined) : (headers[name] ?? headers[name.toLowerCase()]);
  const retryAfterMs = read('retry-after-ms');
  if (retryAfterMs !== undefined) {
    const value = Number.parseFloat(retryAfterMs);
    if (Number.isFinite(value) && value >= 0) return value;
  }
  const retryAfter = read('retry-after');
  if (retryAfter !== undefined) {
    const seconds = Number.parseFloat(retryAfter);
    if (Number.isFinite(seconds) && seconds >= 0 && /^\s*[\d.]+\s*$/.test(retryAfter)) return seconds * 1000;
    const date = Date.parse(retryAfter);
    if (Number.isFinite(date)) return Math.max(0, date - now());
  }
  return undefined;
}

/**
 * Whether a failed request may be retried: `x-should-retry` wins when the
 * server sends it (OpenAI), otherwise `APICallError.isRetryable` (408, 409,
 * 429, 5xx), and network failures (see `isNetworkError`).
 */
export function isRetryableError(error: unknown): boolean {
  if (isAbortError(error)) return false;
  if (APICallError.isInstance(error)) {
    const shouldRetry = error.responseHeaders?.['x-should-retry'];
    if (shouldRetry === 'true') return true;
    if (shouldRetry === 'false') return false;
    return error.isRetryable;
  }
  if (hasRetryableMarker(error)) return true;
  return isNetworkError(error);
}

/**
 * Whether a failed job submission certainly did not create a job, so that
 * submitting again cannot pay twice: the server refused before accepting it
 * (429, 503) or the connection was never made.
 */
export function isSubmissionRetrySafe(error: unknown): boolean {
  if (APICallError.isInstance(error)) {
    return error.statusCode === 429 || error.statusCode === 503;
  }
  return isConnectionRefused(error);
}

function hasRetryableMarker(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { isRetryable?: unknown }).isRetryable === true;
}

function isConnectionRefused(error: unknown): boolean {
  return findNetworkErrorCode(error) === 'ECONNREFUSED';
}

/** Settings of {@link retryRequest}. */
export type RetrySettings = {
  /** Retries after the first attempt. Default: 2. */
  maxRetries?: number;
  /** First backoff delay in ms, doubled each retry, with ±20% jitter. Default: 1000. */
  initialDelayMs?: number;
  /** Aborts the waiting between attempts. */
  abortSignal?: AbortSignal;
  /** Which errors to retry. Default: {@link isRetryableError}. */
  shouldRetry?: (error: unknown) => boolean;
  /** Called before each retry (for logging or progress). */
  onRetry?: (event: { error: unknown; attempt: number; delayMs: number }) => void;
  /** The sleep function (tests inject a fake one). Default: abortable `delay`. */
  sleep?: (ms: number, options: { abortSignal?: AbortSignal }) => Promise<void>;
};

/**
 * Runs one HTTP request (or one idempotent step) and retries it on retryable
 * failures, honouring `retry-after-ms` / `retry-after` hints, with
 * exponential backoff and jitter otherwise. This is the one retry policy of
 * videogen: it wraps single requests, never a whole job.
 */
export async function retryRequest<T>(request: () => PromiseLike<T>, settings: RetrySettings = {}): Promise<T> {
  const {
    maxRetries = DEFAULT_MAX_RETRIES,
    initialDelayMs = DEFAULT_INITIAL_DELAY_MS,
    abortSignal,
    shouldRetry = isRetryableError,
    onRetry,
    sleep = (ms, options) => delay(ms, options),
  } = settings;
  for (let attempt = 0; ; attempt++) {
    try {
      return await request();
    } catch (error) {
      if (attempt >= maxRetries || abortSignal?.aborted || !shouldRetry(error)) throw error;
      const hinted = APICallError.isInstance(error) ? getRetryAfterMs(error.responseHeaders) : undefined;
      if (hinted !== undefined && hinted > MAX_HINTED_DELAY_MS) throw error;
      const backoff = initialDelayMs * DEFAULT_BACKOFF_FACTOR ** attempt * (0.8 + Math.random() * 0.4);
      const delayMs = hinted ?? backoff;
      onRetry?.({ error, attempt: attempt + 1, delayMs });
      await sleep(delayMs, { abortSignal });
    }
  }
}
