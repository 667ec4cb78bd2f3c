export type { VideoProviderV4 } from './provider-v4';
export {
  DEFAULT_VIDEO_PROVIDERS_KEY,
  getDefaultVideoProviders,
  registerVideoProvider,
  type DefaultVideoProvider,
} from './register-video-provider';
