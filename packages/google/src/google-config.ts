import type { FetchFunction } from '@ai-sdk/provider-utils';

/** Internal configuration of a Veo model (Gemini API or Vertex AI). */
export type GoogleConfig = {
  /** Provider id, e.g. `'google.video'`. */
  provider: string;
  /** Base URL without a trailing slash. */
  baseURL: string;
  /**
   * All headers for the provider's origin, including the credential
   * (`x-goog-api-key`, or `Authorization` on Vertex). Read lazily, per request.
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
