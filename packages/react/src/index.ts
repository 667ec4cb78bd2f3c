export {
  useGenerateVideo,
  type GeneratedVideoLink,
  type UseGenerateVideoApiOptions,
  type UseGenerateVideoCallbacks,
  type UseGenerateVideoFinishedHelpers,
  type UseGenerateVideoHelpers,
  type UseGenerateVideoResultFetcherOptions,
  type UseGenerateVideoStatus,
  type UseGenerateVideoStreamFetcherOptions,
  type VideoFetcherContext,
  type VideoFetcherResult,
  type VideoFetcherVideo,
  type VideoGenerationResult,
  type VideoStatusEvent,
} from './use-generate-video';
export { VideoGenerationError } from './video-generation-error';
export { getVideoContentUrl, type VideoRouteInput, type VideoRouteRequestBody } from './video-route-protocol';
export type { VideoEvent, VideoJob } from '@videogen/core';
export { VERSION } from './version';
