export type { SharedV3Warning } from './shared-v3-warning';
export type { SharedV3ProviderOptions } from './shared-v3-provider-options';
export type { SharedV3ProviderMetadata } from './shared-v3-provider-metadata';
export type { SharedV3Headers } from './shared-v3-headers';
