export {
  pollVideoJob,
  DEFAULT_POLL_INTERVAL_MS,
  POLL_FAST_START_MS,
  DEFAULT_POLL_TIMEOUT_MS,
  DEFAULT_STATUS_REQUEST_TIMEOUT_MS,
  isTransientPollFailure,
  type PollSettings,
  type PollableVideoModel,
  type PollVideoJobOptions,
} from './poll-video-job';
export {
  generateVideoFromJob,
  waitOrCancel,
  downloadCompletedVideo,
  isVideoDownloadRetryable,
  DEFAULT_MAX_VIDEO_BYTES,
  type JobVideoModel,
} from './generate-video-from-job';
export {
  retryRequest,
  isRetryableError,
  isSubmissionRetrySafe,
  getRetryAfterMs,
  DEFAULT_MAX_RETRIES,
  type RetrySettings,
} from './retry';
export {
  defaultFetch,
  httpFetch,
  getBodyReader,
  discardBody,
  readToEnd,
  toWebStream,
  type BodyReader,
} from './http-fetch';
export {
  postJsonToApi,
  getFromApi,
  putToApi,
  deleteFromApi,
  postFormDataToApi,
  extractResponseHeaders,
  withDefaultUserAgent,
  copyApiCallError,
  type ApiCallOptions,
  type ApiCallResult,
} from './api-call';
export { sendRequest, DEFAULT_MAX_REDIRECTS, type SendRequestOptions } from './http-request';
export { isNetworkError } from './network-error';
export {
  assertPublicUrl,
  isPrivateAddress,
  isPrivateIPv4,
  isPrivateIPv6,
  resolveWithSystemDns,
  type HostResolver,
} from './private-network';
export { DownloadIdleTimeoutError } from './download-idle-timeout-error';
export { fetchWithCredentials, downloadError, type FetchWithCredentialsOptions } from './fetch-with-credentials';
export {
  limitBytes,
  limitReader,
  readBytesWithLimit,
  getContentLength,
  assertContentLengthWithin,
  type LimitBytesOptions,
} from './limit-bytes';
export { readServerSentEvents, type EventSourceMessage } from './server-sent-events';
export {
  getFrameImages,
  getFileMediaType,
  getFileKind,
  fileToUrl,
  fileToBytes,
  sniffMediaType,
  DEFAULT_MAX_INPUT_FILE_BYTES,
  type FrameImages,
} from './video-inputs';
export {
  parseVideoSize,
  formatVideoSize,
  parseResolution,
  getResolutionShortSide,
  matchResolutionName,
  sizesForResolutionNames,
  parseAspectRatio,
  aspectRatioOfSize,
  sameAspectRatio,
  matchAspectRatio,
  isAllowedDuration,
  nearestDuration,
  describeDurations,
  describeVideoModel,
  invalidVideoArgument,
  unsupportedVideoOption,
  validateVideoCallSettings,
  validateVideoCount,
  validateVideoPrompt,
  validateVideoInputFile,
  validateVideoCallOptions,
  ASPECT_RATIO_TOLERANCE,
  DEFAULT_MAX_VIDEOS,
  DEFAULT_MAX_PROMPT_LENGTH,
  DEFAULT_INPUT_URL_SCHEMES,
  type VideoSize,
  type VideoDurations,
  type VideoModelReference,
} from './video-parameters';
export { addCallbackToken, verifyCallbackToken, CALLBACK_TOKEN_PARAMETER } from './webhooks/callback-token';
export { readMp4DurationSeconds } from './mp4-duration';
export { getCompletedVideo } from './download-url';
export { readPageNumberCursor, nextPageNumberCursor } from './list-pages';
export { toBase64Url, fromBase64Url, canonicalJson } from './encoding';
export { resolveSourceVideo, type ResolvedSourceVideo } from './source-video';
export { staticVideoModelCatalog, cachedVideoModelCatalog } from './video-catalog';
export { mergeProviderMetadata } from './provider-metadata';
export {
  createJsonResponseHandler,
  createJsonErrorResponseHandler,
  parseProviderOptions,
  safeValidate,
  describeIssues,
  SchemaIssuesError,
  type StandardSchema,
  type StandardSchemaIssue,
} from './standard-schema';
export { raceAbort, createLinkedAbortController, createAbortError } from './abort';
export { createDetachError, isDetachError } from './abort';
export {
  verifyStandardWebhook,
  signStandardWebhook,
  type VerifyStandardWebhookOptions,
} from './webhooks/standard-webhooks';
export {
  hmacSha256,
  sha256,
  verifyEd25519,
  timingSafeEqual,
  toHex,
  fromHex,
  fromBase64,
  assertFreshTimestamp,
  readHeader,
  DEFAULT_WEBHOOK_TOLERANCE_SECONDS,
} from './webhooks/webhook-crypto';
export { VERSION } from './version';
export {
  createReplayGuard,
  createInMemoryReplayStore,
  DEFAULT_REPLAY_WINDOW_SECONDS,
  type ReplayGuard,
  type ReplayGuardSettings,
  type ReplayGuardStore,
} from './webhooks/replay-guard';
