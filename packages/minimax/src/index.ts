export {
  createMiniMax,
  minimax,
  MINIMAX_API_KEY_ENVIRONMENT_VARIABLE,
  MINIMAX_DEFAULT_BASE_URL,
} from './minimax-provider';
export type { MiniMaxProvider, MiniMaxProviderSettings } from './minimax-provider';
export { MiniMaxVideoModel } from './minimax-video-model';
export type { MiniMaxVideoOperation } from './minimax-operation';
export {
  getMiniMaxApiVersion,
  getMiniMaxVideoModelCapabilities,
  minimaxVideoModelCapabilities,
  MINIMAX_DEFAULT_POLL_INTERVAL_MS,
} from './minimax-video-model-options';
export type {
  MiniMaxApiVersion,
  MiniMaxVideoModelCapabilities,
  MiniMaxVideoModelId,
  MiniMaxVideoModelOptions,
} from './minimax-video-model-options';
export { createMiniMaxWebhookUrl, verifyMiniMaxWebhook, MINIMAX_WEBHOOK_TOKEN_PARAMETER } from './minimax-webhook';
export type { MiniMaxWebhookEvent, VerifyMiniMaxWebhookOptions } from './minimax-webhook';
export type { MiniMaxErrorData } from './minimax-error';
export { VERSION } from './version';
