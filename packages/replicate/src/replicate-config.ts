import type { FetchFunction } from '@ai-sdk/provider-utils';

/** Internal configuration of a Replicate model. */
export type ReplicateConfig = {
  /** Provider id, `'replicate.video'`. */
  provider: string;
  /**
   * Base URL without a trailing slash (`https://api.replicate.com/v1`). Its
   * origin is the only one the credential headers are sent to (`credentialOrigin`).
   */
  baseURL: string;
  /** All headers for the API's origin, including `Authorization`. Read lazily, per request. */
  headers: () => Promise<Record<string, string | undefined>>;
  /** Custom fetch. */
  fetch?: FetchFunction;
  /** For tests. */
  _internal?: {
    /** The clock for response timestamps. */
    currentDate?: () => Date;
  };
};
