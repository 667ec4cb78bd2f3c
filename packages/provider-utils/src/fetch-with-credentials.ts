import { APICallError } from '@videogen/provider-spec';
import type { FetchFunction } from '@ai-sdk/provider-utils';
import { extractResponseHeaders } from './api-call';
import { defaultFetch, discardBody } from './http-fetch';

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

/** Options of {@link fetchWithCredentials}. */
export type FetchWithCredentialsOptions = {
  /** The URL to fetch (may come from a provider response). */
  url: string;
  /**
   * Headers that carry the key (`Authorization`, `x-goog-api-key` …). Sent
   * only to `credentialOrigin`, on the first request and on redirects that
   * stay on that origin; never to another origin.
   */
  credentialHeaders: Record<string, string | undefined>;
  /** The provider's own origin (from its configured base URL). */
  credentialOrigin: string;
  /** Other headers, sent to every hop (e.g. `Accept`, `Range`, user agent). */
  headers?: Record<string, string | undefined>;
  /** Aborts the request. */
  abortSignal?: AbortSignal;
  /** Custom fetch. Default: {@link defaultFetch} (`httpFetch` on Node, else the global fetch). */
  fetch?: FetchFunction;
  /** Most redirects followed. Default: 5. */
  maxRedirects?: number;
};

/**
 * Fetches a provider's file (a video behind credentials) following redirects
 * by hand, so that the key goes only to the provider's own origin: a
 * redirect to storage on another origin is followed without it, and no key
 * is ever put into a URL. Throws an `APICallError` for a non-2xx answer,
 * whose URL has no query string and whose body never echoes the request
 * headers. Returns the streaming response.
 */
export async function fetchWithCredentials({
  url,
  credentialHeaders,
  credentialOrigin,
  headers = {},
  abortSignal,
  fetch = defaultFetch,
  maxRedirects = 5,
}: FetchWithCredentialsOptions): Promise<Response> {
  const trustedOrigin = new URL(credentialOrigin).origin;
  let current = new URL(url);
  for (let hop = 0; ; hop++) {
    const sameOrigin = current.origin === trustedOrigin;
    const requestHeaders = removeUndefined({ ...headers, ...(sameOrigin ? credentialHeaders : {}) });
    const response = await fetch(current.toString(), {
      method: 'GET',
      headers: requestHeaders,
      redirect: 'manual',
      signal: abortSignal,
    });
    if (REDIRECT_STATUSES.has(response.status)) {
      const location = response.headers.get('location');
      await discardBody(response);
      if (!location) throw downloadError(current, response, 'redirect without a Location header');
      if (hop >= maxRedirects) throw downloadError(current, response, `more than ${maxRedirects} redirects`);
      const next = new URL(location, current);
      if (current.protocol === 'https:' && next.protocol !== 'https:') {
        throw downloadError(current, response, 'redirect from https to an insecure URL');
      }
      current = next;
      continue;
    }
    if (!response.ok) {
      let body: string | undefined;
      try {
        body = (await response.text()).slice(0, 2000);
      } catch {
        body = undefined;
      }
      throw downloadError(
        current,
        response,
        body ? `HTTP ${response.status}: ${body}` : `HTTP ${response.status}`,
        body,
      );
    }
    return response;
  }
}

function downloadError(url: URL, response: Response, reason: string, body?: string): APICallError {
  const safeUrl = `${url.origin}${url.pathname}`;
  return new APICallError({
    message: `Download of ${safeUrl} failed: ${reason}`,
    url: safeUrl,
    requestBodyValues: undefined,
    statusCode: response.status,
    responseHeaders: extractResponseHeaders(response),
    responseBody: body,
  });
}

function removeUndefined(record: Record<string, string | undefined>): Record<string, string> {
  const result: Record<string, string> = {};
  for (const key in record) if (record[key] !== undefined) result[key] = record[key];
  return result;
}
