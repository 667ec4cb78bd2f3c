export { createGoogle, google, GOOGLE_API_KEY_ENVIRONMENT_VARIABLES } from './google-provider';
export type { GoogleProvider, GoogleProviderSettings } from './google-provider';
export { GoogleVideoModel } from './google-video-model';
export type { GoogleVideoOperation, VertexVideoOperation } from './google-operation';
export {
  getGoogleVideoModelCapabilities,
  getGoogleVideoDurations,
  snapGoogleVideoDuration,
  parseGoogleResolution,
  googleVideoModelCapabilities,
} from './google-video-model-options';
export type {
  GoogleVideoModelId,
  GoogleVideoModelOptions,
  GoogleVideoModelCapabilities,
  GoogleVideoDurationConstraints,
  GoogleVideoResolution,
  GooglePersonGeneration,
} from './google-video-model-options';
export { verifyGoogleWebhook, getGoogleWebhookJob, getGoogleWebhookStatus } from './google-webhook';
export type { GoogleWebhookEvent, VerifyGoogleWebhookOptions } from './google-webhook';
export type { GoogleErrorData } from './google-error';
export { VERSION } from './version';
export { createVertex } from './vertex-provider';
export type { VertexProvider, VertexProviderSettings } from './vertex-provider';
export { VertexVideoModel } from './vertex-video-model';
export type { VertexVideoModelId, VertexVideoModelOptions } from './google-video-model-options';
