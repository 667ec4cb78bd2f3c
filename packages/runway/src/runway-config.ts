import type { FetchFunction } from '@ai-sdk/provider-utils';

/** Internal configuration of a Runway model. */
export type RunwayConfig = {
  /** Provider id, e.g. `'runway.video'`. */
  provider: string;
  /**
   * Base URL without a trailing slash (`https://api.dev.runwayml.com`). Its
   * origin is the only one the credential headers are sent to.
   */
  baseURL: string;
  /** All headers for the API's origin: `authorization`, `x-runway-version`, the user agent. Read lazily. */
  headers: () => Promise<Record<string, string | undefined>>;
  /** Custom fetch. */
  fetch?: FetchFunction;
  /** For tests. */
  _internal?: {
    /** The clock for response timestamps. */
    currentDate?: () => Date;
  };
};
