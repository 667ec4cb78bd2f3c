/**
 * What a model accepts, so that callers can validate (and snap a duration)
 * before paying. A field that is `undefined` is not known; callers must then
 * not reject on it.
 */
export type VideoModelV4Capabilities = {
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
};

/** Returns capabilities, possibly after a network lookup (e.g. OpenRouter's model list). */
export type GetVideoModelV4CapabilitiesFunction = (options?: {
  abortSignal?: AbortSignal;
}) => PromiseLike<VideoModelV4Capabilities>;
