export {
  createAlibaba,
  alibaba,
  ALIBABA_API_KEY_ENVIRONMENT_VARIABLES,
  ALIBABA_REGION_BASE_URLS,
} from './alibaba-provider';
export type { AlibabaProvider, AlibabaProviderSettings, AlibabaRegion } from './alibaba-provider';
export { AlibabaVideoModel } from './alibaba-video-model';
export type { AlibabaVideoOperation } from './alibaba-operation';
export {
  alibabaVideoModelCapabilities,
  getAlibabaVideoModelCapabilities,
  ALIBABA_DEFAULT_POLL_INTERVAL_MS,
  ALIBABA_VIDEO_MODEL_IDS,
} from './alibaba-video-model-options';
export type {
  AlibabaVideoModelId,
  AlibabaVideoModelOptions,
  AlibabaVideoModelCapabilities,
  AlibabaVideoMode,
  AlibabaResolutionTier,
  AlibabaMediaType,
} from './alibaba-video-model-options';
export type { AlibabaErrorData } from './alibaba-error';
export { VERSION } from './version';
