export { createFal, fal, FAL_DEFAULT_BASE_URL } from './fal-provider';
export type { FalProvider, FalProviderSettings } from './fal-provider';
export { FalVideoModel } from './fal-video-model';
export type { FalOperation } from './fal-video-model';
export {
  falEndpointCapabilities,
  FAL_GENERIC_CAPABILITIES,
  getFalEndpointCapabilities,
} from './fal-video-model-options';
export type {
  FalVideoModelId,
  FalVideoModelOptions,
  FalEndpointCapabilities,
  FalDurationFormat,
  FalImageRole,
} from './fal-video-model-options';
export type { FalErrorData } from './fal-error';
export {
  createFalWebhookVerifier,
  verifyFalWebhook,
  FAL_WEBHOOK_JWKS_URL,
} from './fal-webhook';
export type {
  FalWebhookPayload,
  FalWebhookPublicKey,
  FalWebhookRequest,
  FalWebhookVerifier,
  FalWebhookVerifierSettings,
} from './fal-webhook';
export { VERSION } from './version';
