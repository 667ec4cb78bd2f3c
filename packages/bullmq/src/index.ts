export { createVideoQueue, type AddVideoJobResult, type VideoQueue, type VideoQueueSettings } from './video-queue';
export {
  createVideoWorker,
  DEFAULT_IN_DOUBT_TIMEOUT_MS,
  DEFAULT_POLL_INTERVAL_MS,
  DEFAULT_POLL_TIMEOUT_MS,
  DEFAULT_RATE_LIMIT_DELAY_MS,
  DEFAULT_REQUEST_TIMEOUT_MS,
  DEFAULT_RETRY_DELAY_MS,
  DEFAULT_WEBHOOK_FALLBACK_INTERVAL_MS,
  type VideoProviderLimits,
  type VideoRateLimit,
  type VideoWorker,
  type VideoWorkerEvent,
  type VideoWorkerSettings,
} from './video-worker';
export {
  createVideoWebhookHandler,
  type VideoWebhookHandler,
  type VideoWebhookHandlerSettings,
  type VideoWebhookJob,
  type VideoWebhookToJob,
} from './video-webhook-handler';
export {
  MAX_INPUT_BYTES,
  MAX_KEY_LENGTH,
  type AddVideoJobOptions,
  type VideoJobInput,
  type VideoJobInputFile,
  type VideoJobInputSourceVideo,
} from './video-job-input';
export type { VideoJobStatus, VideoJobVideo } from './video-job-status';
export type { VideoJobState } from './video-job-store';
export { VideoJobInDoubtError } from './video-job-in-doubt-error';
export { DEFAULT_PREFIX, statusQueueName, submitQueueName } from './names';
export { VERSION } from './version';
