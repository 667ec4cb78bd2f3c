export { createKling, kling, KLING_DEFAULT_BASE_URL } from './kling-provider';
export type { KlingProvider, KlingProviderSettings } from './kling-provider';
export { KlingVideoModel } from './kling-video-model';
export type { KlingVideoOperation, KlingEndpoint } from './kling-operation';
export { signKlingJwt } from './kling-auth';
export { getKlingVideoModelCapabilities, klingVideoModelCapabilities } from './kling-video-model-options';
export type {
  KlingVideoModelId,
  KlingVideoModelOptions,
  KlingVideoModelCapabilities,
  KlingMode,
} from './kling-video-model-options';
export { verifyKlingWebhook } from './kling-webhook';
export type { KlingWebhookEvent, VerifyKlingWebhookOptions } from './kling-webhook';
export type { KlingErrorData } from './kling-error';
export { VERSION } from './version';
