import type { FetchFunction } from '@ai-sdk/provider-utils';
import type { OpenRouterVideoModelInfo } from './openrouter-video-models';

/** What a model needs from its provider instance. Internal. */
export type OpenRouterConfig = {
  /** Provider id, `'openrouter.video'`. */
  provider: string;
  /** Base URL without a trailing slash, e.g. `https://openrouter.ai/api/v1`. */
  baseURL: string;
  /**
   * Every header sent to OpenRouter (authorization, app attribution, custom
   * headers, `user-agent`). Loads the API key lazily at the first call;
   * throws `LoadAPIKeyError` when there is none. Returns the same frozen
   * object on every later call (copy it to change it).
   */
  headers: () => Readonly<Record<string, string | undefined>>;
  /** Custom fetch. */
  fetch?: FetchFunction;
  /** The provider's cached `GET /videos/models` listing. */
  listVideoModels: (options?: { abortSignal?: AbortSignal }) => Promise<OpenRouterVideoModelInfo[]>;
  /** Test hooks. */
  _internal?: {
    /** The clock. Default: `new Date()`. */
    currentDate?: () => Date;
  };
};
