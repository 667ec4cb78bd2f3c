import type { VideoEvent, VideoJob } from '@videogen/core';
import type { VideoGenerationError } from '../video-generation-error';

/** Where a generation stands: `'generating'` while a job is submitted or watched. */
export type VideoGenerationStatus = 'idle' | 'generating' | 'success' | 'error';

/** A `status` event of the route: the provider's status, progress and queue position. */
export type VideoStatusEvent = Extract<VideoEvent, { type: 'status' }>;

/** A video the page can play: `<video src={video.url} />`. */
export type GeneratedVideoLink = {
  /** Index of the video in the result. */
  index: number;
  /** A URL a `<video>` element can load. */
  url: string;
  /** IANA media type, e.g. `'video/mp4'`. */
  mediaType: string;
  /**
   * `'provider'`: the provider's public URL; `'server'`: your route (it
   * fetches the video with the provider's key, which never reaches the page)
   * or a URL your fetcher returned; `'object-url'`: bytes held by this page,
   * released on `reset()`, on the next generation and on unmount.
   */
  source: 'provider' | 'server' | 'object-url';
};

/** The result of a finished generation. */
export type VideoGenerationResult = {
  /** The first video. */
  video: GeneratedVideoLink;
  /** All videos. */
  videos: GeneratedVideoLink[];
  /** The job, when the generation ran as one. */
  job: VideoJob | undefined;
};

/** A video in a finished result returned by a `fetcher` (e.g. a server action). */
export type VideoFetcherVideo =
  | { url: string; mediaType?: string }
  | { data: Blob | Uint8Array | ArrayBuffer; mediaType?: string }
  | { uint8Array: Uint8Array; mediaType?: string }
  | { base64: string; mediaType?: string };

/** A finished result returned by a `fetcher` instead of an event stream (then there is no live progress). */
export type VideoFetcherResult = {
  /** The videos: URLs, or bytes (turned into object URLs). */
  videos: VideoFetcherVideo[];
  /** The job, when there was one. */
  job?: VideoJob;
};

/** What a fetcher receives besides the input. */
export type VideoFetcherContext = {
  /** Fires on `stop()`, `cancel()`, `reset()`, a new generation and unmount: pass it to `fetch`. */
  abortSignal: AbortSignal;
  /**
   * Set when the client reconnects a dropped event stream: the id of the last
   * event it received, to send as the `Last-Event-ID` header (the route then
   * continues the stream where it broke).
   */
  lastEventId?: string;
};

/** The callbacks of a generation. The latest ones are used (no need to memoize them). */
export type VideoGenerationCallbacks<RESULT = VideoGenerationResult> = {
  /** The job was submitted: store `job` (e.g. in localStorage) to `resume` it after a reload. */
  onJobCreated?: (job: VideoJob) => void;
  /** The provider reported a status. */
  onStatus?: (event: VideoStatusEvent) => void;
  /** The provider reported progress (0..100). Not every provider does; `onStatus` sees every status. */
  onProgress?: (progress: number, event: VideoStatusEvent) => void;
  /** The videos are ready to play. */
  onResult?: (result: RESULT) => void;
  /** The generation failed (never called for `stop()` or a successful `cancel()`). */
  onError?: (error: VideoGenerationError) => void;
  /** Every event of the route, as it arrives (including `download-progress` of the server's own download). */
  onEvent?: (event: VideoEvent) => void;
};

/** What a generation shows: one immutable snapshot per change. */
export type VideoGenerationState<RESULT = VideoGenerationResult> = {
  /** `'idle'`, `'generating'`, `'success'` or `'error'`. */
  status: VideoGenerationStatus;
  /** The job of the current generation, once submitted. */
  job: VideoJob | undefined;
  /** Progress 0..100 when the provider reports it (100 when done), else `undefined`. */
  progress: number | undefined;
  /** Position in the provider's queue, when reported. */
  queuePosition: number | undefined;
  /** The provider's own status word (`'IN_QUEUE'`, `'in_progress'` …), when reported. */
  providerStatus: string | undefined;
  /** The playable videos, once done. */
  result: RESULT | undefined;
  /** Why the generation failed. */
  error: VideoGenerationError | undefined;
};
