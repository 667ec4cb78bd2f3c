export type { SharedV4Warning } from './shared-v4-warning';
export type { SharedV4ProviderOptions } from './shared-v4-provider-options';
export type { SharedV4ProviderMetadata } from './shared-v4-provider-metadata';
export type { SharedV4Headers } from './shared-v4-headers';
export type { SharedV4JSONValue, SharedV4JSONObject } from './shared-v4-json';
