import type { SharedV3ProviderMetadata } from '../../shared/v3/shared-v3-provider-metadata';
import type { VideoModelV3File } from './video-model-v3-file';
import type { VideoJob } from './video-model-v3-job';

/**
 * What a call does with a video the caller already has:
 * - `extend`: continue it from its end (the result is the source plus new seconds,
 *   or the new seconds alone, as the provider returns them);
 * - `edit`: change what happens in it as the prompt says, keeping the rest;
 * - `remix`: re-render it with the prompt's changes (OpenAI's remix);
 * - `video-to-video`: restyle it, keeping its motion (Runway, fal, Luma modify).
 */
export type VideoModelV3SourceVideoOperation = 'extend' | 'edit' | 'remix' | 'video-to-video';

/** Where a source video may come from, as a capability lists it. */
export type VideoModelV3SourceVideoOrigin =
  /** A job of the same provider (its own id is sent; nothing is uploaded). */
  | 'job'
  /** A public `http(s)` URL. */
  | 'url'
  /** Bytes or a `data:` URL (sent inline, or uploaded by the provider first). */
  | 'data';

/**
 * A video to work on (call option `sourceVideo`, added in 0.4). At least one of
 * `video` and `job` is present. Core fills both when it knows both, so that a
 * provider whose API wants its own id uses `job` (and uploads nothing), and one
 * that wants the file uses `video`.
 */
export type VideoModelV3SourceVideo = {
  /** What to do with the video. */
  operation: VideoModelV3SourceVideoOperation;
  /** The video as a file (bytes or base64) or a URL (`https:` or `data:`). */
  video?: VideoModelV3File;
  /**
   * The job that produced the video, when it was generated through videogen by
   * the same provider (`job.provider` equals the model's `provider`).
   */
  job?: VideoJob;
  /** Which of the job's videos, 0-based. Default: 0. */
  index?: number;
  /**
   * The provider metadata of the job's completed status, when core has it (for
   * example the provider's own video id, distinct from its job id).
   */
  providerMetadata?: SharedV3ProviderMetadata;
};

/** One operation on a source video that a model supports, with its limits. */
export type VideoModelV3SourceVideoCapability = {
  /** The operation. */
  operation: VideoModelV3SourceVideoOperation;
  /** Where the source may come from. */
  origins: Array<VideoModelV3SourceVideoOrigin>;
  /** Longest source video in seconds, where the provider documents one. */
  maxDuration?: number;
  /** Largest source file in bytes, where the provider documents one. */
  maxBytes?: number;
  /** Media types of a source file, e.g. `['video/mp4']`. When unknown, any video type is passed on. */
  mediaTypes?: Array<string>;
  /** Whether this operation needs a prompt. Default: `true`. */
  requiresPrompt?: boolean;
  /**
   * The durations (seconds) the operation adds or produces, where they differ
   * from the model's `durations`.
   */
  durations?: number[] | { min: number; max: number; step?: number };
};
