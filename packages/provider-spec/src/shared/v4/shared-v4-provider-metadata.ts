import type { SharedV4JSONObject } from './shared-v4-json';

/**
 * Provider-specific result metadata, keyed by provider id, e.g.
 * `{ fal: { requestId: '…' } }`. Same shape as `SharedV4ProviderMetadata` of `@ai-sdk/provider` 4.
 */
export type SharedV4ProviderMetadata = Record<string, SharedV4JSONObject>;
