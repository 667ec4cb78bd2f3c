export {
  createByteDance,
  bytedance,
  BYTEDANCE_API_KEY_ENVIRONMENT_VARIABLE,
  BYTEDANCE_BASE_URLS,
} from './bytedance-provider';
export type { ByteDanceProvider, ByteDanceProviderSettings, ByteDanceRegion } from './bytedance-provider';
export { ByteDanceVideoModel } from './bytedance-video-model';
export type { ByteDanceVideoOperation, ByteDanceTask } from './bytedance-operation';
export {
  getByteDanceVideoModelCapabilities,
  byteDanceVideoModelCapabilities,
  BYTEDANCE_DEFAULT_POLL_INTERVAL_MS,
  BYTEDANCE_VIDEO_MODEL_IDS,
  BYTEDANCE_SOURCE_VIDEO_LIMITS,
} from './bytedance-video-model-options';
export type {
  ByteDanceVideoModelId,
  ByteDanceVideoModelOptions,
  ByteDanceVideoModelCapabilities,
  ByteDanceVideoResolution,
} from './bytedance-video-model-options';
export {
  verifyByteDanceWebhook,
  createByteDanceWebhookUrl,
  BYTEDANCE_WEBHOOK_TOKEN_PARAMETER,
} from './bytedance-webhook';
export type { VerifyByteDanceWebhookOptions, ByteDanceWebhookDelivery } from './bytedance-webhook';
export type { ByteDanceErrorData } from './bytedance-error';
export { VERSION } from './version';
