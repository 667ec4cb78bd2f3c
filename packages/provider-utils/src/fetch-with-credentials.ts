import { APICallError } from '@videogen/provider-spec';
import type { FetchFunction } from '@ai-sdk/provider-utils';
import { extractResponseHeaders } from './api-call';
import { sendRequest } from './http-request';
import { stripQuery } from './private-network';

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
  /**
   * The provider's own origin (from its configured base URL); `null` for a
   * fetch without credentials, where every hop passes the private-network guard.
   */
  credentialOrigin: string | null;
  /**
   * Other headers (a caller's per-call headers, `Accept`, `Range`, user
   * agent). Sent in full to `credentialOrigin`; to another origin only
   * `accept`, `accept-language`, `range`, `user-agent` and conditional
   * headers go, so that a key passed here never leaves its origin either.
   */
  headers?: Record<string, string | undefined>;
  /**
   * Allow a URL (or a redirect) outside `credentialOrigin` to reach loopback
   * or a private network. Default: `false`: refused with a `DownloadError`
   * before any request. Providers forward `doDownload`'s `allowPrivateNetwork`.
   */
  allowPrivateNetwork?: boolean;
  /** Aborts the request. */
  abortSignal?: AbortSignal;
  /** Custom fetch. Default: `defaultFetch` (the runtime's `fetch`). */
  fetch?: FetchFunction;
  /** Most redirects followed. Default: 5. */
  maxRedirects?: number;
};

/**
 * Fetches a provider's file (a video behind credentials) following redirects
 * by hand, so that the key goes only to the provider's own origin: a
 * redirect to storage on another origin is followed without it, and no key
 * is ever put into a URL. A URL or redirect outside that origin must pass the
 * private-network guard (unless `allowPrivateNetwork`). Throws an
 * `APICallError` for a non-2xx answer, whose URL has no query string and
 * whose body never echoes the request headers. Returns the streaming response.
 */
export async function fetchWithCredentials({
  url,
  credentialHeaders,
  credentialOrigin,
  headers = {},
  allowPrivateNetwork = false,
  abortSignal,
  fetch,
  maxRedirects = 5,
}: FetchWithCredentialsOptions): Promise<Response> {
  const response = await sendRequest({
    url,
    // Credentials last: a per-call header cannot replace the configured key by accident.
    headers: { ...headers, ...credentialHeaders },
    credentialOrigin,
    allowPrivateNetwork,
    maxRedirects,
    abortSignal,
    fetch,
  });
  if (!response.ok) {
    let body: string | undefined;
    try {
      body = (await response.text()).slice(0, 2000);
    } catch {
      body = undefined;
    }
    throw downloadError(
      response.url || String(url),
      response,
      body ? `HTTP ${response.status}: ${body}` : `HTTP ${response.status}`,
      body,
    );
  }
  return response;
}

/** The `APICallError` of a download that was answered with an error status (the URL without its query). */
export function downloadError(url: string, response: Response, reason: string, body?: string): APICallError {
  const safeUrl = stripQuery(url);
  return new APICallError({
    message: `Download of ${safeUrl} failed: ${reason}`,
    url: safeUrl,
    requestBodyValues: undefined,
    statusCode: response.status,
    responseHeaders: extractResponseHeaders(response),
    responseBody: body,
  });
}
