import type { SharedV3ProviderOptions, VideoModelV3FrameType } from '@videogen/provider-spec';
import type { VideoDownloadArgument } from '../download/normalize-download';
import type { VideoModelArgument } from '../model/as-video-model';
import type { PollOptions, VideoEvent, VideoInput, WebhookFactory } from '../types';
import type { SourceVideo } from './source-video';

/** A prompt: text, or text with a start image (and optionally an end image). */
export type GenerateVideoPrompt =
  | string
  | {
      /** The text prompt. */
      text?: string;
      /** The first frame (image-to-video). */
      image?: VideoInput;
      /** The last frame, for models that animate between two frames. */
      lastFrame?: VideoInput;
    };

/** What the model should generate: the semantic options of a call. */
export type VideoCallSettings = {
  /**
   * The video model: e.g. `fal.video('fal-ai/veo3.1')`, any Vercel AI SDK video model of spec V3 (`ai` 6)
   * or V4 (`ai` 7, told apart by `specificationVersion`), or a `'provider:modelId'` string of a registered provider.
   */
  model: VideoModelArgument;
  /**
   * The prompt: a string, or `{ text, image, lastFrame }`. At most the
   * model's `capabilities.maxPromptLength` characters, else 100000. A blank
   * text is no prompt (not sent); a call needs a text or an image, and a text
   * where the model's capabilities say `requiresPrompt`.
   */
  prompt: GenerateVideoPrompt;
  /**
   * Aspect ratio `W:H` (e.g. `'16:9'`), or `'adaptive'` to follow the input
   * image. Default: the provider's default.
   */
  aspectRatio?: `${number}:${number}` | 'adaptive';
  /** Resolution `WxH` in pixels (e.g. `'1280x720'`). Default: the provider's default. */
  resolution?: `${number}x${number}`;
  /**
   * Duration in seconds (> 0). When the model lists allowed durations, other
   * values are an InvalidArgumentError naming the nearest one (see
   * `snapDuration`). Default: the provider's default.
   */
  duration?: number;
  /** Frames per second (> 0). Default: the provider's default. */
  fps?: number;
  /** Seed for reproducible output; an integer, `0` included. Default: random. */
  seed?: number;
  /**
   * Start image (same as `prompt.image`; give only one of them). Images are
   * checked before submitting: bytes (and `data:` URLs) must be a recognised
   * image format (PNG, JPEG, WebP, GIF, AVIF, HEIC, BMP, TIFF) whose label,
   * if any, matches the content; URLs must be `http:`, `https:` or `data:`
   * (or a scheme the model's `capabilities.inputUrlSchemes` lists).
   */
  image?: VideoInput;
  /** First and/or last frame images. */
  frameImages?: Array<{ image: VideoInput; frameType: VideoModelV3FrameType }>;
  /** Reference images (or videos/audio where the model takes them) that guide content or style. */
  inputReferences?: Array<VideoInput | { data: VideoInput; mediaType?: string }>;
  /** Generate audio with the video. Default: the model's default. */
  generateAudio?: boolean;
  /**
   * A video to work on: `{ operation: 'extend' | 'edit' | 'remix' | 'video-to-video', video, index? }`,
   * where `video` is a file (bytes, base64, URL, `data:` URL), a video of an earlier result
   * (`result.video`), or a job (`VideoJob`). A video or job made by the same provider is sent as
   * the provider's own id where its API takes one (nothing is uploaded again). Checked against the
   * model's `capabilities.sourceVideo` (operation, origin, type, size, prompt) before anything is
   * paid for; a model that lists no such operation (e.g. a Vercel AI SDK model) is an
   * InvalidArgumentError. Default: none (a plain generation).
   */
  sourceVideo?: SourceVideo;
  /** Provider-specific options keyed by provider id, e.g. `{ fal: { negativePrompt: 'blur' } }`. Default: `{}`. */
  providerOptions?: SharedV3ProviderOptions;
  /**
   * Retries of each HTTP request (downloads; a submission only when the
   * provider cannot have accepted it: 429, 503, connection refused). Never a
   * whole job. Status requests of a paid job are not limited by it: their
   * transient failures are retried until `poll.timeoutMs`. Default: 2.
   */
  maxRetries?: number;
  /**
   * Ends the call promptly (well under a poll interval) with an AbortError
   * (`VideoJobAbortedError`, carrying the job once one exists); the job is
   * cancelled at the provider where the API can (see `error.cancellation`).
   */
  abortSignal?: AbortSignal;
  /** Extra HTTP headers for the provider's requests. */
  headers?: Record<string, string | undefined>;
};

/** Options of `generateVideo`. */
export type GenerateVideoOptions = VideoCallSettings & {
  /**
   * Number of videos (a whole number ≥ 1). Split into
   * `ceil(n / maxVideosPerCall)` provider calls. At most the model's
   * `capabilities.maxVideos` where it states one, else 100
   * (`DEFAULT_MAX_VIDEOS` of `@videogen/provider-utils`): a larger `n` is an
   * InvalidArgumentError before anything is submitted; make several calls
   * for larger batches. Default: 1.
   */
  n?: number;
  /**
   * Most videos per provider call. Default: the model's `maxVideosPerCall`
   * (or its capabilities' value), else 1.
   */
  maxVideosPerCall?: number;
  /** Most provider calls running at once when `n` is split. Default: 4. */
  maxConcurrency?: number;
  /**
   * Turns each video into a byte stream with a size limit. Default:
   * `createDownload()` (2 GiB, private networks refused). A function written
   * for the Vercel AI SDK (`({ url, abortSignal }) => ({ data, mediaType })`,
   * e.g. `ai`'s `createDownload()`) is accepted too; it gets the public URLs.
   */
  download?: VideoDownloadArgument;
  /** How core waits for jobs: interval, timeout, sleep function, webhook fallback. */
  poll?: PollOptions;
  /**
   * A webhook per job, for providers that take a callback URL: core passes
   * its `url` to the provider and waits for `received` instead of polling
   * often; without a webhook in time it falls back to polling (see
   * `poll.webhookFallbackIntervalMs`, default one minute). Default: none.
   */
  webhook?: WebhookFactory;
  /** Receives progress events (job created, status, completed, download bytes, error). */
  onProgress?: (event: VideoEvent) => void;
};
