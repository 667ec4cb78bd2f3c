import type { FetchFunction } from '@ai-sdk/provider-utils';

/** Internal configuration of a Grok Imagine video model. */
export type XaiConfig = {
  /** Provider id, `'xai.video'`. */
  provider: string;
  /**
   * Base URL without a trailing slash. Its origin is the only one the
   * credential headers are sent to (`credentialOrigin` of every request).
   */
  baseURL: string;
  /** All headers for the provider's origin, including `Authorization`. Read lazily, per request. */
  headers: () => Promise<Record<string, string | undefined>>;
  /** Custom fetch. */
  fetch?: FetchFunction;
  /** For tests. */
  _internal?: {
    /** The clock for response timestamps. */
    currentDate?: () => Date;
  };
};
