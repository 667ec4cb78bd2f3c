import type { SharedV3ProviderOptions } from '../../shared/v3/shared-v3-provider-options';
import type { VideoModelV3File, VideoModelV3FrameImage } from './video-model-v3-file';
import type { VideoModelV3SourceVideo } from './video-model-v3-source-video';

/**
 * Options of one model call. Every semantic key is present and typed
 * `T | undefined`, so that each provider has to decide what to do with each
 * field (honour it, or report a warning). Structurally identical to
 * `Experimental_VideoModelV3CallOptions` of `@ai-sdk/provider`.
 */
export type VideoModelV3CallOptions = {
  /** Text prompt. `undefined` only for models that work from images alone. */
  prompt: string | undefined;
  /**
   * Number of videos this call should produce. Core splits a larger `n` into
   * calls of at most `maxVideosPerCall`. Default: 1.
   */
  n: number;
  /**
   * Aspect ratio as `W:H` (e.g. `'16:9'`, `'9:16'`, `'1:1'`), or `'adaptive'`
   * to follow the input image. `undefined`: the provider's default.
   */
  aspectRatio: `${number}:${number}` | 'adaptive' | undefined;
  /**
   * Resolution as `WxH` (e.g. `'1280x720'`, `'1920x1080'`).
   * `undefined`: the provider's default.
   */
  resolution: `${number}x${number}` | undefined;
  /** Duration in seconds. `undefined`: the provider's default. */
  duration: number | undefined;
  /** Frames per second. `undefined`: the provider's default. */
  fps: number | undefined;
  /** Seed for reproducible output. `0` is a value. `undefined`: random. */
  seed: number | undefined;
  /**
   * Start image for image-to-video (same as a `first_frame` in
   * `frameImages`; kept for compatibility with the Vercel AI SDK).
   */
  image: VideoModelV3File | undefined;
  /** First and/or last frame images. */
  frameImages: Array<VideoModelV3FrameImage> | undefined;
  /**
   * Reference inputs (images, or videos/audio where the model takes them)
   * that guide content or style without being a frame.
   */
  inputReferences: Array<VideoModelV3File> | undefined;
  /** Whether to generate audio with the video. `undefined`: the model's default. */
  generateAudio: boolean | undefined;
  /**
   * A video to extend, edit, remix or restyle (optional, added in 0.4; not in
   * the Vercel AI SDK's V3 options). A provider checks it against its
   * capabilities' `sourceVideo` and refuses an operation or origin it cannot
   * serve with an `InvalidArgumentError` before submitting.
   * `undefined`: a plain generation.
   */
  sourceVideo?: VideoModelV3SourceVideo;
  /** Provider-specific options, keyed by provider id. */
  providerOptions: SharedV3ProviderOptions;
  /** Aborts the call. A provider stops its requests promptly when it fires. */
  abortSignal?: AbortSignal;
  /** Extra HTTP headers for the provider's requests. */
  headers?: Record<string, string | undefined>;
};
