import type { FetchFunction } from '@ai-sdk/provider-utils';

/** Internal configuration of a Seedance model. */
export type ByteDanceConfig = {
  /** Provider id, `'bytedance.video'`. */
  provider: string;
  /**
   * Base URL without a trailing slash (`…/api/v3` of the region). Its origin
   * is the only one the credential headers are sent to (`credentialOrigin`).
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
