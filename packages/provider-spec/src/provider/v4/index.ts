export type { VideoProviderV4 } from './provider-v4';
