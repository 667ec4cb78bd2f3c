import { DownloadError, type FetchFunction } from '@ai-sdk/provider-utils';
import { defaultFetch, discardBody, isRuntimeFetch } from './http-fetch';
import { assertPublicUrl, type HostResolver, resolveWithSystemDns, stripQuery } from './private-network';

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
/** Most redirects followed by default, as the Fetch standard's limit. */
export const DEFAULT_MAX_REDIRECTS = 20;

/**
 * Headers that are sent on a hop to another origin than the credential
 * origin; every other header (`authorization`, `x-api-key`,
 * `x-goog-api-key`, `api-key`, `cookie`, a provider's own key header …, of
 * any name) stays with the origin it was meant for.
 */
const CROSS_ORIGIN_HEADERS = new Set(['accept', 'accept-language', 'range', 'user-agent', 'if-match', 'if-range']);

/** Options of {@link sendRequest}. */
export type SendRequestOptions = {
  /** The URL to request. */
  url: string | URL;
  /** The method. Default: `GET`. */
  method?: string;
  /** Request headers; `undefined` values are left out. Sent in full only to `credentialOrigin`. */
  headers?: Record<string, string | undefined>;
  /** The body: a string, bytes or `FormData` (its `content-type` with the boundary is set by `fetch`). */
  body?: string | Uint8Array | FormData | Blob;
  /**
   * The origin the headers (and their keys) are meant for, usually the
   * provider's configured base URL; `null` for a request that carries no
   * credentials. On a hop to any other origin only `accept`,
   * `accept-language`, `range`, `user-agent` and conditional headers go
   * along. Hops on this origin are also exempt from the private-network
   * guard (the user chose it, e.g. a local emulator). Default: the origin of
   * `url`.
   */
  credentialOrigin?: string | URL | null;
  /**
   * Allow hops (other than to `credentialOrigin`) to loopback, private and
   * link-local addresses. Default: `false`: they are refused before any
   * request with a `DownloadError`.
   */
  allowPrivateNetwork?: boolean;
  /** Most redirects followed. Default: 20. */
  maxRedirects?: number;
  /**
   * Refuse (a `DownloadError`, before requesting it) a redirect to another
   * origin than the URL's own, for a resource trusted only from where it was
   * asked (fal's webhook key set). Default: `false`.
   */
  sameOriginRedirectsOnly?: boolean;
  /** Ends the request (and a body being read) with the signal's reason. */
  abortSignal?: AbortSignal;
  /** The fetch to use for each hop. Default: {@link defaultFetch} (the runtime's `fetch`). */
  fetch?: FetchFunction;
  /**
   * Resolves a host name before a guarded hop. Default: `node:dns` lookup
   * where available, and only when the hop goes through the runtime's own
   * `fetch` (a custom or replaced `fetch` may not use this machine's DNS: a
   * proxy, a mock).
   */
  resolveHost?: HostResolver;
};

/**
 * The one HTTP request of videogen: every provider call, credentialed
 * download, public download and input-file fetch goes through it. It asks
 * the `fetch` for `redirect: 'manual'` and follows redirects itself (303,
 * and 301/302 after a POST, become a GET without body), so that, whatever
 * `fetch` is underneath:
 * - credential headers, of any name, go only to `credentialOrigin`;
 * - an `https` URL never redirects to `http`;
 * - every hop outside `credentialOrigin` passes the private-network guard
 *   (unless `allowPrivateNetwork`).
 *
 * Returns the final `Response` (any status; redirects are not returned).
 * A `fetch` that followed a redirect although asked not to is refused.
 */
export async function sendRequest({
  url,
  method = 'GET',
  headers = {},
  body,
  credentialOrigin,
  allowPrivateNetwork = false,
  maxRedirects = DEFAULT_MAX_REDIRECTS,
  sameOriginRedirectsOnly = false,
  abortSignal,
  fetch = defaultFetch,
  resolveHost,
}: SendRequestOptions): Promise<Response> {
  let current = new URL(url);
  const trustedOrigin = credentialOrigin === null ? undefined : new URL(credentialOrigin ?? current).origin;
  const allHeaders = removeUndefined(headers);
  const crossOriginHeaders = pickCrossOriginHeaders(allHeaders);
  const resolve = resolveHost ?? (fetch === defaultFetch && isRuntimeFetch() ? resolveWithSystemDns : undefined);
  for (let redirects = 0; ; redirects++) {
    const trusted = current.origin === trustedOrigin;
    if (!trusted && !allowPrivateNetwork) await assertPublicUrl(current, resolve);
    abortSignal?.throwIfAborted();
    const hopHeaders = trusted ? allHeaders : crossOriginHeaders;
    const response = await fetch(current.href, {
      method,
      headers: body === undefined || typeof body === 'string' ? hopHeaders : withoutContentType(hopHeaders, body),
      body: body as BodyInit | undefined,
      redirect: 'manual',
      signal: abortSignal,
    });
    if (response.type === 'opaqueredirect') {
      // A browser hides the target of a manual redirect: it cannot be checked, so it is not followed.
      throw redirectError(current, 'the redirect target cannot be checked in this runtime (opaque redirect)');
    }
    if (response.redirected) {
      await discardBody(response);
      throw redirectError(current, 'the fetch followed a redirect by itself although asked for `redirect: "manual"`');
    }
    const location = REDIRECT_STATUSES.has(response.status) ? response.headers.get('location') : null;
    if (location === null) return response;
    await discardBody(response);
    if (redirects >= maxRedirects) throw redirectError(current, `more than ${maxRedirects} redirects`);
    let next: URL;
    try {
      next = new URL(location, current);
    } catch {
      throw redirectError(current, 'the redirect has an invalid Location');
    }
    if (sameOriginRedirectsOnly && next.origin !== current.origin) {
      throw redirectError(current, `the redirect goes to another origin (${next.origin})`);
    }
    if (next.protocol !== 'http:' && next.protocol !== 'https:') {
      throw redirectError(current, `the redirect goes to a ${next.protocol} URL`);
    }
    if (current.protocol === 'https:' && next.protocol === 'http:') {
      throw redirectError(current, `the redirect goes from https to insecure http (${stripQuery(next)})`);
    }
    if (
      ((response.status === 301 || response.status === 302) && method === 'POST') ||
      (response.status === 303 && method !== 'GET' && method !== 'HEAD')
    ) {
      method = 'GET';
      body = undefined;
    }
    current = next;
  }
}

function redirectError(url: URL, reason: string): DownloadError {
  const safeUrl = stripQuery(url);
  return new DownloadError({ url: safeUrl, message: `Request to ${safeUrl} failed: ${reason}.` });
}

function pickCrossOriginHeaders(headers: Record<string, string>): Record<string, string> {
  const result: Record<string, string> = {};
  for (const name in headers) if (CROSS_ORIGIN_HEADERS.has(name.toLowerCase())) result[name] = headers[name]!;
  return result;
}

/** For a `FormData`/`Blob` body, `fetch` sets the content type (with the multipart boundary). */
function withoutContentType(headers: Record<string, string>, body: unknown): Record<string, string> {
  if (!(body instanceof FormData)) return headers;
  const result: Record<string, string> = {};
  for (const name in headers) if (name.toLowerCase() !== 'content-type') result[name] = headers[name]!;
  return result;
}

function removeUndefined(record: Record<string, string | undefined>): Record<string, string> {
  const result: Record<string, string> = {};
  for (const key in record) if (record[key] !== undefined) result[key] = record[key];
  return result;
}
