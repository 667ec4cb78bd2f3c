import type { FetchFunction } from '@ai-sdk/provider-utils';

/** What the model and the job helpers share (internal). */
export type OpenAIConfig = {
  /** Provider id, `'openai.video'`. */
  provider: string;
  /** Base URL without a trailing slash, e.g. `https://api.openai.com/v1`. */
  baseURL: string;
  /**
   * Headers of every request, credentials included (loaded lazily), with the
   * user agent. Everything but `user-agent` is treated as a credential by
   * downloads: sent only to the base URL's origin.
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
