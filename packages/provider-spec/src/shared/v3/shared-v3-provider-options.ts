import type { JSONObject } from '@ai-sdk/provider';

/**
 * Provider-specific options, keyed by provider id, e.g.
 * `{ fal: { negativePrompt: 'blur' } }`. Each provider validates its own key
 * with a strict schema; unknown keys of other providers are ignored.
 */
export type SharedV3ProviderOptions = Record<string, JSONObject>;
