export { createXai, xai, XAI_API_KEY_ENVIRONMENT_VARIABLE } from './xai-provider';
export type { XaiProvider, XaiProviderSettings } from './xai-provider';
export { XaiVideoModel } from './xai-video-model';
export type { XaiVideoOperation } from './xai-operation';
export {
  getXaiVideoModelCapabilities,
  xaiVideoModelCapabilities,
  XAI_ASPECT_RATIOS,
  XAI_DEFAULT_POLL_INTERVAL_MS,
  XAI_EDIT_MAX_SOURCE_SECONDS,
  XAI_EXTENSION_DURATIONS,
  XAI_EXTENSION_MAX_SOURCE_SECONDS,
  XAI_SOURCE_VIDEO_CAPABILITIES,
  XAI_GENERATION_DURATIONS,
} from './xai-video-model-options';
export type {
  XaiVideoModelId,
  XaiVideoModelOptions,
  XaiVideoModelCapabilityEntry,
} from './xai-video-model-options';
export type { XaiErrorData } from './xai-error';
export { VERSION } from './version';
