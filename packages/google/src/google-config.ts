import type { FetchFunction } from '@ai-sdk/provider-utils';

/** Internal configuration of a Veo model on the Gemini API. */
export type GoogleConfig = {
  /** Provider id, e.g. `'google.video'`. */
  provider: string;
  /**
   * Base URL without a trailing slash. Its origin is the only one the
   * credential headers are sent to (`credentialOrigin` of every request).
   */
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

/** Internal configuration of a Veo model on Vertex AI: as on the Gemini API, with a base URL read lazily. */
export type VertexConfig = Omit<GoogleConfig, 'baseURL'> & {
  /**
   * `https://{location}-aiplatform.googleapis.com/v1/projects/{project}/locations/{location}/publishers/google`,
   * read when the first request is made (project and location may come from the environment).
   */
  baseURL: () => string;
};
