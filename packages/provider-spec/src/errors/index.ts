export {
  AISDKError,
  APICallError,
  InvalidArgumentError,
  InvalidResponseDataError,
  LoadAPIKeyError,
  NoSuchModelError,
  UnsupportedFunctionalityError,
  TypeValidationError,
  getErrorMessage,
} from '@ai-sdk/provider';
export { VideoJobFailedError } from './video-job-failed-error';
export { VideoJobTimeoutError } from './video-job-timeout-error';
export { VideoJobAbortedError, type VideoJobCancellation } from './video-job-aborted-error';
export { DownloadTooLargeError } from './download-too-large-error';
export { VideoDownloadError } from './video-download-error';
export { NoVideoGeneratedError } from './no-video-generated-error';
export { VideoJobInterruptedError } from './video-job-interrupted-error';
export { WebhookVerificationError, type WebhookVerificationFailure } from './webhook-verification-error';
