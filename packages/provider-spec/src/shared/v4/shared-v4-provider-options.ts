import type { JSONObject } from '@ai-sdk/provider';

/**
 * Provider-specific options, keyed by provider id, e.g.
 * `{ fal: { negativePrompt: 'blur' } }`. Same shape as `SharedV4ProviderOptions` of `@ai-sdk/provider` 4.
 */
export type SharedV4ProviderOptions = Record<string, JSONObject>;
