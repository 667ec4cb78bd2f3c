import type { SharedV4JSONObject } from './shared-v4-json';

/**
 * Provider-specific options, keyed by provider id, e.g.
 * `{ fal: { negativePrompt: 'blur' } }`. Same shape as `SharedV4ProviderOptions` of `@ai-sdk/provider` 4.
 */
export type SharedV4ProviderOptions = Record<string, SharedV4JSONObject>;
