// Framework-neutral: nothing here imports React (package-shape.test.ts checks it).
export {
  VideoGenerationClient,
  type VideoGenerationClientOptions,
} from './video-generation-client';
export {
  createVideoFetcherTransport,
  createVideoRouteTransport,
  type VideoFetcherTransportOptions,
  type VideoGenerationTransport,
  type VideoRouteTransportOptions,
} from './video-generation-transport';
export type {
  GeneratedVideoLink,
  VideoFetcherContext,
  VideoFetcherResult,
  VideoFetcherVideo,
  VideoGenerationCallbacks,
  VideoGenerationResult,
  VideoGenerationState,
  VideoGenerationStatus,
  VideoStatusEvent,
} from './video-generation-types';
export { VideoGenerationError } from '../video-generation-error';
export { getVideoContentUrl, type VideoRouteInput, type VideoRouteRequestBody } from '../video-route-protocol';
export type { VideoEvent, VideoJob } from '@videogen/core';
