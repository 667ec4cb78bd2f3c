import type { JSONObject } from '@ai-sdk/provider';

/**
 * Provider-specific result metadata, keyed by provider id, e.g.
 * `{ fal: { requestId: '…', billableUnits: 5 } }`.
 */
export type SharedV3ProviderMetadata = Record<string, JSONObject>;
