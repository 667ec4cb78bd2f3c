import type { FetchFunction } from '@ai-sdk/provider-utils';

/** Internal configuration of a Wan model on DashScope. */
export type AlibabaConfig = {
  /** Provider id, e.g. `'alibaba.video'`. */
  provider: string;
  /**
   * Base URL without a trailing slash and without `/api/v1` (e.g.
   * `https://dashscope-intl.aliyuncs.com`). Its origin is the only one the
   * credential headers are sent to (`credentialOrigin` of every request).
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
