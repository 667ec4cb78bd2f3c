import { APICallError } from '@videogen/provider-spec';
import {
  getRuntimeEnvironmentUserAgent,
  isAbortError,
  VERSION as AI_SDK_PROVIDER_UTILS_VERSION,
  type FetchFunction,
  type ResponseHandler,
} from '@ai-sdk/provider-utils';
import { defaultFetch, toHeaderRecordFast } from './http-fetch';

/**
 * The JSON calls of every provider: the same contract, errors and wire format
 * as `@ai-sdk/provider-utils`' `postJsonToApi` / `getFromApi` (lower-cased
 * headers, undefined ones dropped, the `ai-sdk/provider-utils/<version>
 * runtime/<runtime>` user-agent suffix, `APICallError`s for unreadable answers
 * and network failures), without their per-request WHATWG `Headers` and
 * header arrays: 5–6% of a provider's allocations in benchmark 4.
 */

type ApiCallOptions<T> = {
  /** The URL to call. */
  url: string;
  /** Request headers; `undefined` values are left out. */
  headers?: Record<string, string | undefined>;
  /** Turns a 2xx answer into the value. */
  successfulResponseHandler: ResponseHandler<T>;
  /** Turns any other answer into the error to throw. */
  failedResponseHandler: ResponseHandler<Error>;
  /** Ends the request (and a body being read) with the signal's reason. */
  abortSignal?: AbortSignal;
  /** The fetch to use. Default: {@link defaultFetch}. */
  fetch?: FetchFunction;
};

/** The result of a call: the handled value, the response headers and (from the handler) the raw value. */
export type ApiCallResult<T> = { value: T; rawValue?: unknown; responseHeaders?: Record<string, string> };

let userAgentSuffix: string | undefined;

/**
 * The request headers as `withUserAgentSuffix` makes them: names lower-cased,
 * values trimmed, `undefined`/`null` left out, the suffix appended to any
 * `user-agent` already there.
 */
export function withDefaultUserAgent(headers: Record<string, string | undefined> | undefined): Record<string, string> {
  userAgentSuffix ??= `ai-sdk/provider-utils/${AI_SDK_PROVIDER_UTILS_VERSION} ${getRuntimeEnvironmentUserAgent()}`;
  const result: Record<string, string> = {};
  if (headers) {
    for (const name in headers) {
      const value = headers[name];
      if (value != null) result[name.toLowerCase()] = String(value).trim();
    }
  }
  const current = result['user-agent'];
  result['user-agent'] = current ? `${current} ${userAgentSuffix}` : userAgentSuffix;
  return result;
}

/** POSTs `body` as JSON: `postJsonToApi` of `@ai-sdk/provider-utils`, lighter. */
export async function postJsonToApi<T>(options: ApiCallOptions<T> & { body: unknown }): Promise<ApiCallResult<T>> {
  const headers = withDefaultUserAgent(options.headers);
  headers['content-type'] ??= 'application/json';
  const requestBodyValues = options.body;
  return await callApi(options, { method: 'POST', headers, body: JSON.stringify(options.body) }, requestBodyValues);
}

/** GETs a JSON resource: `getFromApi` of `@ai-sdk/provider-utils`, lighter. */
export async function getFromApi<T>(options: ApiCallOptions<T>): Promise<ApiCallResult<T>> {
  return await callApi(options, { method: 'GET', headers: withDefaultUserAgent(options.headers) }, {});
}

async function callApi<T>(
  { url, successfulResponseHandler, failedResponseHandler, abortSignal, fetch = defaultFetch }: ApiCallOptions<T>,
  init: { method: string; headers: Record<string, string>; body?: string },
  requestBodyValues: unknown,
): Promise<ApiCallResult<T>> {
  try {
    const response = await fetch(url, { ...init, signal: abortSignal });
    if (!response.ok) {
      let error: Error;
      try {
        ({ value: error } = await failedResponseHandler({ response, url, requestBodyValues }));
      } catch (handlerError) {
        if (isAbortError(handlerError) || APICallError.isInstance(handlerError)) throw handlerError;
        throw new APICallError({
          message: 'Failed to process error response',
          cause: handlerError,
          statusCode: response.status,
          url,
          responseHeaders: extractResponseHeaders(response),
          requestBodyValues,
        });
      }
      throw error;
    }
    try {
      return await successfulResponseHandler({ response, url, requestBodyValues });
    } catch (handlerError) {
      if (handlerError instanceof Error && (isAbortError(handlerError) || APICallError.isInstance(handlerError))) {
        throw handlerError;
      }
      throw new APICallError({
        message: 'Failed to process successful response',
        cause: handlerError,
        statusCode: response.status,
        url,
        responseHeaders: extractResponseHeaders(response),
        requestBodyValues,
      });
    }
  } catch (error) {
    throw toNetworkError(error, url, requestBodyValues);
  }
}

/** The response headers as a record (names lower-case), as `extractResponseHeaders` of `@ai-sdk/provider-utils`. */
export function extractResponseHeaders(response: Response): Record<string, string> {
  return toHeaderRecordFast(response.headers);
}

const FETCH_FAILED_MESSAGES = new Set(['fetch failed', 'failed to fetch']);
const RETRYABLE_NETWORK_CODES = new Set([
  'ConnectionRefused',
  'ConnectionClosed',
  'FailedToOpenSocket',
  'ECONNRESET',
  'ECONNREFUSED',
  'ETIMEDOUT',
  'EPIPE',
  'UND_ERR_SOCKET',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'UND_ERR_CONNECT_TIMEOUT',
]);

/**
 * A network failure as a retryable `APICallError` ("Cannot connect to API: …"), as
 * `@ai-sdk/provider-utils` reports it; aborts and everything else pass unchanged.
 */
function toNetworkError(error: unknown, url: string, requestBodyValues: unknown): unknown {
  if (isAbortError(error)) return error;
  if (error instanceof TypeError && FETCH_FAILED_MESSAGES.has(error.message.toLowerCase()) && error.cause != null) {
    const cause = error.cause as { message?: string };
    return new APICallError({
      message: `Cannot connect to API: ${cause.message}`,
      cause,
      url,
      requestBodyValues,
      isRetryable: true,
    });
  }
  const networkError = findNetworkError(error);
  if (networkError === undefined) return error;
  if (APICallError.isInstance(error)) return copyApiCallError(error, { isRetryable: true });
  return new APICallError({
    message: `Cannot connect to API: ${error instanceof Error ? error.message : networkError.message}`,
    cause: error,
    url,
    requestBodyValues,
    isRetryable: true,
  });
}

/** The first error in the `cause` chain with a retryable network code. */
function findNetworkError(error: unknown): Error | undefined {
  const visited = new Set<unknown>();
  let current = error;
  while (current instanceof Error && !visited.has(current)) {
    visited.add(current);
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && RETRYABLE_NETWORK_CODES.has(code)) return current;
    current = current.cause;
  }
  return undefined;
}

/**
 * A copy of an `APICallError` with some fields changed (its fields are
 * read-only): a provider's clearer message, a retry hint, retryability.
 */
export function copyApiCallError(
  error: APICallError,
  changes: Partial<Pick<APICallError, 'message' | 'isRetryable' | 'responseHeaders' | 'data'>>,
): APICallError {
  return new APICallError({
    message: error.message,
    url: error.url,
    requestBodyValues: error.requestBodyValues,
    statusCode: error.statusCode,
    responseHeaders: error.responseHeaders,
    responseBody: error.responseBody,
    data: error.data,
    isRetryable: error.isRetryable,
    cause: error.cause,
    ...changes,
  });
}
