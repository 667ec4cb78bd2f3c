import type { VideoModelV3SourceVideoCapability } from './video-model-v3-source-video';

/**
 * What a model accepts, so that callers can validate (and snap a duration)
 * before paying. A field that is `undefined` is not known; callers must then
 * not reject on it.
 */
export type VideoModelV3Capabilities = {
  /**
   * Durations in seconds the model accepts: a sorted list of discrete values,
   * or a range (`step` default 1).
   */
  durations?: number[] | { min: number; max: number; step?: number };
  /** Resolutions as `WxH` the model accepts, e.g. `['1280x720', '720x1280']`. */
  resolutions?: string[];
  /** Aspect ratios as `W:H` the model accepts. */
  aspectRatios?: string[];
  /** Frames per second the model accepts. */
  fps?: number[];
  /** Image roles the model accepts: frames and/or references. */
  imageRoles?: Array<'first_frame' | 'last_frame' | 'reference'>;
  /** Kinds of reference inputs the model accepts. */
  referenceKinds?: Array<'image' | 'video' | 'audio'>;
  /** Most reference inputs per call. */
  maxReferences?: number;
  /** Most videos one call can produce. */
  maxVideosPerCall?: number;
  /** Whether `seed` is honoured. */
  seed?: boolean;
  /** Whether audio can be generated (`true`), never is (`false`). */
  audio?: boolean;
  /**
   * Most videos one `generateVideo` call may ask for (the upper bound of
   * `n`, across all the provider calls it is split into), where the provider
   * documents one. When unknown, core applies its own default (100).
   */
  maxVideos?: number;
  /**
   * Longest prompt the model takes, in characters (UTF-16 code units, as
   * `string.length` counts them), e.g. `32000` for Sora 2. When unknown, core
   * applies a generous default (100000 characters).
   */
  maxPromptLength?: number;
  /**
   * Whether the model needs a text prompt (`true`: an empty or missing prompt
   * is refused before submitting, even with an image). When unknown, a call
   * needs a prompt or at least one image.
   */
  requiresPrompt?: boolean;
  /**
   * Media types of image inputs (frames and reference images) the model
   * takes, e.g. `['image/jpeg', 'image/png', 'image/webp']`. When unknown,
   * any image format that can be recognised from its bytes is passed on.
   */
  imageMediaTypes?: string[];
  /**
   * URL schemes of inputs (without `:`) the model takes. Default:
   * `['http', 'https', 'data']`; e.g. Vertex AI adds `'gs'` for Cloud
   * Storage URIs.
   */
  inputUrlSchemes?: string[];
  /**
   * Operations on a source video (`sourceVideo` call option) the model
   * supports, with where the source may come from and its limits. When
   * `undefined` or empty, the model takes no source video.
   */
  sourceVideo?: Array<VideoModelV3SourceVideoCapability>;
};

/** Returns capabilities, possibly after a network lookup (e.g. OpenRouter's model list). */
export type GetVideoModelV3CapabilitiesFunction = (options?: {
  abortSignal?: AbortSignal;
}) => PromiseLike<VideoModelV3Capabilities>;
