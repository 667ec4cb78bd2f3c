export type { VideoProviderV3 } from './provider-v3';
