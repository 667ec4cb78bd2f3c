export {
  createOpenRouter,
  openrouter,
  OPENROUTER_DEFAULT_BASE_URL,
  OPENROUTER_DEFAULT_VIDEO_MODELS_TTL_MS,
  type OpenRouterProvider,
  type OpenRouterProviderSettings,
  type OpenRouterVideoModelsOptions,
} from './openrouter-provider';
export { OpenRouterVideoModel } from './openrouter-video-model';
export type { OpenRouterVideoOperation } from './openrouter-operation';
export {
  OPENROUTER_DEFAULT_POLL_INTERVAL_MS,
  type OpenRouterVideoModelId,
  type OpenRouterVideoModelOptions,
} from './openrouter-video-model-options';
export {
  snapOpenRouterDuration,
  type OpenRouterVideoModelCapabilities,
  type OpenRouterVideoModelInfo,
} from './openrouter-video-models';
export { openrouterFailedResponseHandler, type OpenRouterErrorData } from './openrouter-error';
export {
  verifyOpenRouterWebhook,
  signOpenRouterWebhook,
  getOpenRouterWebhookJob,
  getOpenRouterWebhookStatus,
  type OpenRouterWebhookDelivery,
  type OpenRouterWebhookEventType,
  type OpenRouterWebhookPayload,
  type OpenRouterWebhookStatus,
  type VerifyOpenRouterWebhookOptions,
} from './openrouter-webhook';
export { VERSION } from './version';
