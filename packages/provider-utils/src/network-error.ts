import { APICallError } from '@ai-sdk/provider';
import { isAbortError } from '@ai-sdk/provider-utils';

/**
 * The one network-error classifier of videogen, used by the HTTP layer (to
 * turn a failure into a retryable "Cannot connect to API" `APICallError`)
 * and by the retry policy.
 */

/** What runtimes' `fetch` rejects with on a network failure (Node/undici, Chrome, Firefox, Safari, Deno). */
const FETCH_FAILURE_MESSAGE =
  /^(fetch failed|failed to fetch|terminated|network ?error|load failed|networkerror when)/i;
/** Codes of connection failures anywhere in the `cause` chain (Node, undici, Bun). */
const NETWORK_ERROR_CODE =
  /^(ECONNRESET|ECONNREFUSED|ECONNABORTED|EPIPE|ETIMEDOUT|EAI_AGAIN|EHOSTUNREACH|ENETUNREACH|UND_ERR_|ConnectionRefused|ConnectionClosed|FailedToOpenSocket)/;

/**
 * Whether `error` is a network failure (connection refused or reset, a
 * timeout, a body that broke off) as opposed to an answer, an abort or a
 * bug: a `TypeError` with one of the fetch failure messages or a cause, or an
 * error with a connection error code anywhere in its `cause` chain.
 * `APICallError`s (answers) and aborts are never network errors.
 */
export function isNetworkError(error: unknown): boolean {
  if (isAbortError(error) || APICallError.isInstance(error)) return false;
  if (error instanceof TypeError && (FETCH_FAILURE_MESSAGE.test(error.message) || error.cause != null)) return true;
  return findNetworkErrorCode(error) !== undefined;
}

/** The first connection error code in the `cause` chain (`ECONNREFUSED` …), if any. */
export function findNetworkErrorCode(error: unknown): string | undefined {
  const visited = new Set<unknown>();
  let current = error;
  while (typeof current === 'object' && current !== null && !visited.has(current)) {
    visited.add(current);
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && NETWORK_ERROR_CODE.test(code)) return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/**
 * A network failure as a retryable `APICallError` ("Cannot connect to API:
 * …"), as `@ai-sdk/provider-utils` reports it; an `APICallError` found to be
 * a network failure becomes retryable; aborts and everything else pass
 * unchanged.
 */
export function toNetworkError(error: unknown, url: string, requestBodyValues: unknown): unknown {
  if (APICallError.isInstance(error)) {
    if (error.isRetryable || findNetworkErrorCode(error.cause) === undefined) return error;
    return new APICallError({
      message: error.message,
      url: error.url,
      requestBodyValues: error.requestBodyValues,
      statusCode: error.statusCode,
      responseHeaders: error.responseHeaders,
      responseBody: error.responseBody,
      data: error.data,
      cause: error.cause,
      isRetryable: true,
    });
  }
  if (!isNetworkError(error)) return error;
  const cause = error instanceof TypeError && error.cause instanceof Error ? error.cause : undefined;
  const detail = cause?.message ?? (error instanceof Error ? error.message : String(error));
  return new APICallError({
    message: `Cannot connect to API: ${detail}`,
    cause: cause ?? error,
    url,
    requestBodyValues,
    isRetryable: true,
  });
}
