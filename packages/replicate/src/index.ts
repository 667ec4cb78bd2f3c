export {
  createReplicate,
  replicate,
  REPLICATE_API_TOKEN_ENVIRONMENT_VARIABLE,
} from './replicate-provider';
export type { ReplicateProvider, ReplicateProviderSettings } from './replicate-provider';
export { ReplicateVideoModel } from './replicate-video-model';
export type { ReplicateVideoOperation, ReplicatePrediction } from './replicate-operation';
export {
  getReplicateVideoModelCapabilities,
  replicateVideoModelCapabilities,
  REPLICATE_VIDEO_MODEL_IDS,
  REPLICATE_DEFAULT_POLL_INTERVAL_MS,
} from './replicate-video-model-options';
export type {
  ReplicateVideoModelId,
  ReplicateVideoModelOptions,
  ReplicateVideoModelCapabilities,
} from './replicate-video-model-options';
export { verifyReplicateWebhook, getReplicateWebhookJob, getReplicateWebhookStatus } from './replicate-webhook';
export type { VerifyReplicateWebhookOptions } from './replicate-webhook';
export type { ReplicateErrorData } from './replicate-error';
export { VERSION } from './version';
