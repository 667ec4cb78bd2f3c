export { createLuma, luma, LUMA_API_KEY_ENVIRONMENT_VARIABLES } from './luma-provider';
export type { LumaProvider, LumaProviderSettings } from './luma-provider';
export { LumaVideoModel } from './luma-video-model';
export { LUMA_DEFAULT_MODIFY_MODE } from './luma-video-request';
export type { LumaVideoOperation, LumaGeneration } from './luma-operation';
export {
  getLumaVideoModelCapabilities,
  lumaVideoModelCapabilities,
  LUMA_ASPECT_RATIOS,
  LUMA_RESOLUTIONS,
  LUMA_DEFAULT_POLL_INTERVAL_MS,
  LUMA_MODIFY_MODES,
} from './luma-video-model-options';
export type {
  LumaVideoModelId,
  LumaVideoModelOptions,
  LumaVideoModelCapabilities,
  LumaVideoResolution,
  LumaModifyMode,
} from './luma-video-model-options';
export { verifyLumaWebhook, withLumaCallbackToken, LUMA_CALLBACK_TOKEN_PARAMETER } from './luma-webhook';
export type { LumaWebhookDelivery, VerifyLumaWebhookOptions } from './luma-webhook';
export type { LumaErrorData } from './luma-error';
export { VERSION } from './version';
