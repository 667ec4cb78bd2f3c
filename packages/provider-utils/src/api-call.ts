import { APICallError } from '@videogen/provider-spec';
import {
  getRuntimeEnvironmentUserAgent,
  isAbortError,
  VERSION as AI_SDK_PROVIDER_UTILS_VERSION,
  type FetchFunction,
  type ResponseHandler,
} from '@ai-sdk/provider-utils';
import { defaultFetch } from './http-fetch';
import { sendRequest } from './http-request';
import { toNetworkError } from './network-error';

/**
 * The API calls of every provider (JSON POST/GET, PUT, DELETE, multipart
 * POST): the same contract, errors and wire format as `@ai-sdk/provider-utils`'
 * `postJsonToApi` / `getFromApi` (lower-cased headers, undefined ones
 * dropped, the `ai-sdk/provider-utils/<version> runtime/<runtime>` user-agent
 * suffix, `APICallError`s for unreadable answers and network failures), sent
 * through {@link sendRequest}: redirects followed by hand, the headers (and
 * the keys in them) only to the origin they were meant for.
 */

/** Options of every API call ({@link postJsonToApi}, {@link getFromApi}, {@link putToApi} …). */
export type ApiCallOptions<T> = {
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
  /** The fetch to use. Default: {@link defaultFetch} (the runtime's `fetch`). */
  fetch?: FetchFunction;
  /**
   * The origin the headers (and the key in them) are meant for: the
   * provider's configured base URL. A redirect to any other origin is
   * followed without them. Default: the origin of `url`.
   */
  credentialOrigin?: string;
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

/** POSTs `body` as JSON: `postJsonToApi` of `@ai-sdk/provider-utils`, through this package's HTTP layer. */
export async function postJsonToApi<T>(options: ApiCallOptions<T> & { body: unknown }): Promise<ApiCallResult<T>> {
  const headers = withDefaultUserAgent(options.headers);
  headers['content-type'] ??= 'application/json';
  return await callApi(options, { method: 'POST', headers, body: JSON.stringify(options.body) }, options.body);
}

/** GETs a JSON resource: `getFromApi` of `@ai-sdk/provider-utils`, through this package's HTTP layer. */
export async function getFromApi<T>(options: ApiCallOptions<T>): Promise<ApiCallResult<T>> {
  return await callApi(options, { method: 'GET', headers: withDefaultUserAgent(options.headers) }, {});
}

/** PUTs `body` as JSON, or with no body when it is `undefined` (fal's cancel). */
export async function putToApi<T>(options: ApiCallOptions<T> & { body?: unknown }): Promise<ApiCallResult<T>> {
  const headers = withDefaultUserAgent(options.headers);
  if (options.body === undefined) return await callApi(options, { method: 'PUT', headers }, {});
  headers['content-type'] ??= 'application/json';
  return await callApi(options, { method: 'PUT', headers, body: JSON.stringify(options.body) }, options.body);
}

/** Sends a `DELETE` (OpenAI's video delete). */
export async function deleteFromApi<T>(options: ApiCallOptions<T>): Promise<ApiCallResult<T>> {
  return await callApi(options, { method: 'DELETE', headers: withDefaultUserAgent(options.headers) }, {});
}

/**
 * POSTs `multipart/form-data` (OpenAI's upload of a first frame):
 * `postFormDataToApi` of `@ai-sdk/provider-utils`. The `content-type` with
 * its boundary is set by `fetch`.
 */
export async function postFormDataToApi<T>(
  options: ApiCallOptions<T> & { formData: FormData },
): Promise<ApiCallResult<T>> {
  const headers = withDefaultUserAgent(options.headers);
  delete headers['content-type'];
  const requestBodyValues = Object.fromEntries(
    [...options.formData.entries()].map(([name, value]) => [name, typeof value === 'string' ? value : '[file]']),
  );
  return await callApi(options, { method: 'POST', headers, body: options.formData }, requestBodyValues);
}

async function callApi<T>(
  { url, successfulResponseHandler, failedResponseHandler, abortSignal, fetch, credentialOrigin }: ApiCallOptions<T>,
  init: { method: string; headers: Record<string, string>; body?: string | FormData },
  requestBodyValues: unknown,
): Promise<ApiCallResult<T>> {
  try {
    const response = await sendRequest({ url, ...init, credentialOrigin, abortSignal, fetch: fetch ?? defaultFetch });
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
  const record: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    record[name] = value;
  });
  return record;
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
