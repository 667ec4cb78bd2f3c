import { combineHeaders, type FetchFunction } from '@ai-sdk/provider-utils';

/** What the model and the job helpers share (internal). */
export type OpenAIConfig = {
  /** Provider id, `'openai.video'`. */
  provider: string;
  /** Base URL without a trailing slash, e.g. `https://api.openai.com/v1`. */
  baseURL: string;
  /**
   * Headers of every request, credentials included (loaded lazily), with the
   * user agent. Every header is sent only to the base URL's origin (the HTTP
   * layer's `credentialOrigin`); downloads treat all but `user-agent` as credentials.
   */
  headers: () => Record<string, string | undefined>;
  /** Query parameters added to every API URL (e.g. Azure's `api-version`). */
  queryParams?: Record<string, string>;
  /** Custom fetch. */
  fetch?: FetchFunction;
  /** Test hooks. */
  _internal?: {
    /** The clock for response timestamps. */
    currentDate?: () => Date;
  };
};

/** An API URL: base URL + path + the configured query parameters + `query`. */
export function openaiUrl(
  config: Pick<OpenAIConfig, 'baseURL' | 'queryParams'>,
  path: string,
  query: Record<string, string | number | undefined> = {},
): string {
  const url = new URL(`${config.baseURL}${path}`);
  for (const [name, value] of Object.entries({ ...config.queryParams, ...query })) {
    if (value !== undefined) url.searchParams.set(name, String(value));
  }
  return url.toString();
}

/** The path of one video: `/videos/{id}` (the id URL-encoded). */
export function openaiVideoPath(videoId: string): string {
  return `/videos/${encodeURIComponent(videoId)}`;
}

/**
 * The headers of one request: the configured ones, the call's, then `extra`.
 * Names are lower-cased before merging, so that a per-call `Authorization`
 * replaces the configured one instead of being joined to it.
 */
export function openaiRequestHeaders(
  config: OpenAIConfig,
  headers: Record<string, string | undefined> | undefined,
  extra?: Record<string, string | undefined>,
): Record<string, string | undefined> {
  return combineHeaders(lowerCaseNames(config.headers()), lowerCaseNames(headers), lowerCaseNames(extra));
}

function lowerCaseNames(headers: Record<string, string | undefined> | undefined) {
  if (!headers) return undefined;
  return Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]));
}
