import type { FetchFunction } from '@ai-sdk/provider-utils';

/** Internal configuration of a Kling model. */
export type KlingConfig = {
  /** Provider id, `'kling.video'`. */
  provider: string;
  /**
   * Base URL without a trailing slash. Its origin is the only one the
   * credential headers are sent to (`credentialOrigin` of every request).
   */
  baseURL: string;
  /**
   * All headers for the API's origin, including `Authorization` (a fresh
   * JWT, or the API key). Read lazily, per request.
   */
  headers: () => Promise<Record<string, string | undefined>>;
  /** Custom fetch. */
  fetch?: FetchFunction;
  /** For tests. */
  _internal?: {
    /** The clock for response timestamps. */
    currentDate?: () => Date;
  };
};
