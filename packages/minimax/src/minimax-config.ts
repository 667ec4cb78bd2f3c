import type { FetchFunction } from '@ai-sdk/provider-utils';

/** Internal configuration of a MiniMax video model. */
export type MiniMaxConfig = {
  /** Provider id, `'minimax.video'`. */
  provider: string;
  /**
   * Base URL without a trailing slash and without `/v1` (both `/v1/…` and
   * `/v2/…` paths hang off it). Its origin is the only one the key is sent to.
   */
  baseURL: string;
  /** All headers for the API's origin, including `Authorization: Bearer <key>`. Read lazily, per request. */
  headers: () => Promise<Record<string, string | undefined>>;
  /** Custom fetch. */
  fetch?: FetchFunction;
  /** For tests. */
  _internal?: {
    /** The clock for response timestamps. */
    currentDate?: () => Date;
  };
};
