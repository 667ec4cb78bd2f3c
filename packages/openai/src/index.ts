export { createOpenAI, openai, OPENAI_DEFAULT_BASE_URL } from './openai-provider';
export type { OpenAIProvider, OpenAIProviderSettings } from './openai-provider';
export { OpenAIVideoModel } from './openai-video-model';
export type { OpenAIVideoOperation, OpenAIVideoContentVariant, OpenAIVideo } from './openai-operation';
export {
  getOpenAIVideoModelCapabilities,
  OPENAI_VIDEO_MODEL_IDS,
  OPENAI_VIDEO_SECONDS,
} from './openai-video-model-options';
export type {
  OpenAIKnownVideoModelId,
  OpenAIVideoModelId,
  OpenAIVideoModelOptions,
} from './openai-video-model-options';
export type {
  OpenAIVideos,
  OpenAIVideoListParams,
  OpenAIVideoListPromise,
  OpenAIRemixResult,
  OpenAIVideoListPage,
  OpenAIVideoDeleted,
  OpenAIRequestOptions,
} from './openai-videos';
export { getOpenAIErrorData } from './openai-error';
export type { OpenAIErrorData } from './openai-error';
export {
  verifyOpenAIWebhook,
  isOpenAIVideoWebhookEvent,
  getOpenAIWebhookJob,
  getOpenAIWebhookStatus,
} from './openai-webhook';
export type {
  OpenAIWebhookEvent,
  OpenAIVideoWebhookEvent,
  VerifyOpenAIWebhookOptions,
} from './openai-webhook';
export { VERSION } from './version';
