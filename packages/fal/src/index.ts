export { createFal, fal, FAL_DEFAULT_BASE_URL } from './fal-provider';
export type { FalProvider, FalProviderSettings } from './fal-provider';
export { FalVideoModel, FAL_POLL_INTERVAL_MS } from './fal-video-model';
export type { FalOperation } from './fal-operation';
export {
  falEndpointCapabilities,
  FAL_GENERIC_CAPABILITIES,
  getFalEndpointCapabilities,
  getFalVideoModelCapabilities,
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
  getFalWebhookJob,
  getFalWebhookStatus,
  createFalWebhookToJob,
  FAL_WEBHOOK_JWKS_URL,
} from './fal-webhook';
export type {
  FalWebhookPayload,
  FalWebhookPublicKey,
  FalWebhookRequest,
  FalWebhookToJobSettings,
  FalWebhookVerifier,
  FalWebhookVerifierSettings,
} from './fal-webhook';
export { VERSION } from './version';
