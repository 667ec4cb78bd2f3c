export { generateVideo } from './generate-video/generate-video';
export type {
  GenerateVideoOptions,
  GenerateVideoPrompt,
  VideoCallSettings,
} from './generate-video/generate-video-options';
export type { SourceVideo } from './generate-video/source-video';
export { DEFAULT_MAX_CONCURRENCY } from './generate-video/run-video-calls';
export { DEFAULT_WEBHOOK_FALLBACK_INTERVAL_MS } from './generate-video/wait-for-job';
export { DefaultGeneratedVideo, type GeneratedVideo } from './generated-video';
export { convertToVideoModelFile } from './convert-input';
export { snapDuration, resolveCapabilities as getVideoModelCapabilities } from './validate-options';
export { startVideo, type StartVideoOptions, type StartVideoResult } from './jobs/start-video';
export { getVideoStatus, type VideoStatus } from './jobs/get-video-status';
export { waitForVideo, type WaitForVideoOptions } from './jobs/wait-for-video';
export { cancelVideo } from './jobs/cancel-video';
export { parseVideoJob, assertJobOfModel } from './jobs/assert-job';
export { streamVideo, type StreamVideoOptions, type StreamVideoResult } from './stream/stream-video';
export {
  toServerSentEventsResponse,
  readVideoEvents,
  DEFAULT_HEARTBEAT_MS,
  DEFAULT_MAX_RECONNECTS,
  DEFAULT_RECONNECT_DELAY_MS,
  VIDEO_EVENTS_END,
  type ReadVideoEventsOptions,
  type ServerSentEventsResponseInit,
  type VideoEventsReconnectContext,
} from './stream/server-sent-events';
export { readVideoStreamPosition, type VideoStreamPosition } from './stream/video-event-id';
export type { VideoDownloadLinksOptions } from './stream/video-download-links';
export { createVideoContentResponse } from './stream/video-content-response';
export {
  listVideoModels,
  type ListVideoModelsOptions,
  type ListVideoModelsResult,
  type VideoCatalogProvider,
  type VideoModelCatalogEntry,
} from './gateway/list-video-models';
export {
  listVideos,
  type ListVideosOptions,
  type ListVideosResult,
  type ListedVideo,
  type VideoJobListProvider,
} from './gateway/list-videos';
export { deleteVideo, type DeleteVideoOptions } from './gateway/delete-video';
export {
  getVideoDownloadUrl,
  DEFAULT_DOWNLOAD_URL_EXPIRES_IN,
  MAX_DOWNLOAD_URL_EXPIRES_IN,
  type GetVideoDownloadUrlOptions,
  type VideoDownloadUrl,
} from './gateway/get-video-download-url';
export {
  createVideoDownloadLinkSigner,
  VIDEO_DOWNLOAD_LINK_PARAMS,
  type VideoDownloadLinkRefusal,
  type VideoDownloadLinkSigner,
  type VideoDownloadLinkSignerSettings,
  type VideoDownloadLinkVerification,
} from './gateway/video-download-link';
export {
  createVideoProviderRegistry,
  type VideoModelProvider,
  type VideoProviderRegistry,
} from './registry/video-provider-registry';
export { resolveVideoModel, isVideoModelV4, type VideoModelArgument } from './model/as-video-model';
export { toVercelVideoModel, type ToVercelVideoModelSettings } from './model/to-vercel-video-model';
export { resolveDefaultVideoModel } from './registry/default-video-registry';
export { registerVideoProvider, type DefaultVideoProvider } from '@videogen/provider-spec';
export {
  normalizeDownload,
  type VercelDownloadFunction,
  type VideoDownloadArgument,
} from './download/normalize-download';
export { downloadVideo } from './download/download-video';
export { createDownload, DEFAULT_MAX_DOWNLOAD_BYTES, type CreateDownloadSettings } from './download/create-download';
export type {
  DownloadProgress,
  GenerateVideoResult,
  PollOptions,
  VideoDownloadFunction,
  VideoDownloadOptions,
  VideoEvent,
  VideoEventError,
  VideoInput,
  VideoModel,
  VideoStream,
  VideoWebhook,
  WebhookFactory,
} from './types';
export {
  APICallError,
  DownloadTooLargeError,
  InvalidArgumentError,
  NoSuchModelError,
  NoVideoGeneratedError,
  UnsupportedFunctionalityError,
  VideoDownloadError,
  VideoJobAbortedError,
  VideoJobFailedError,
  VideoJobInterruptedError,
  VideoJobTimeoutError,
  type VideoJob,
  type VideoJobCancellation,
  type VideoModelV3SourceVideoOperation as SourceVideoOperation,
} from '@videogen/provider-spec';
/** The error of a refused or failed request to a URL (a private-network target, a bad redirect): `@ai-sdk/provider-utils`' class, so both SDKs recognise it. */
export { DownloadError } from '@ai-sdk/provider-utils';
export { DownloadIdleTimeoutError } from '@videogen/provider-utils';
export { VERSION } from './version';
