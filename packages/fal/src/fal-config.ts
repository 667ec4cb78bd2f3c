import type { FetchFunction } from '@ai-sdk/provider-utils';

/** What a fal model needs from its provider instance (internal). */
export type FalConfig = {
  /** Provider id, `'fal.video'`. */
  provider: string;
  /** The queue base URL without a trailing slash, e.g. `https://queue.fal.run`. */
  baseURL: string;
  /**
   * Headers of every request: `Authorization: Key …` (the key is loaded here,
   * lazily), the user agent and the user's headers. Sent only to `baseURL`'s
   * origin. The same (frozen) object on every call once built: copy, never mutate.
   */
  headers: () => Readonly<Record<string, string | undefined>>;
  /** Custom fetch. */
  fetch?: FetchFunction;
  /** For tests. */
  _internal?: {
    /** The clock for response timestamps. */
    currentDate?: () => Date;
  };
};
