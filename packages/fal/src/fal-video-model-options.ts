import type { VideoModelV3Capabilities, VideoModelV3SourceVideoCapability } from '@videogen/provider-spec';
import { sizesForResolutionNames } from '@videogen/provider-utils';
import * as z from 'zod/v4/mini';

/**
 * A fal endpoint id: `owner/app[/path…]`, e.g. `fal-ai/veo3.1`,
 * `fal-ai/kling-video/v2.6/pro/image-to-video`, or a namespaced id such as
 * `workflows/<owner>/<workflow>` or `comfy/<owner>/<app>`. Any fal endpoint
 * can be used; the listed ones have a capability table (see
 * {@link falEndpointCapabilities}), every other id gets the generic mapping.
 */
export type FalVideoModelId =
  | 'fal-ai/veo3'
  | 'fal-ai/veo3/fast'
  | 'fal-ai/veo3.1'
  | 'fal-ai/veo3.1/fast'
  | 'fal-ai/veo3.1/lite'
  | 'fal-ai/veo3.1/image-to-video'
  | 'fal-ai/veo3.1/fast/image-to-video'
  | 'fal-ai/veo3.1/first-last-frame-to-video'
  | 'fal-ai/veo3.1/fast/first-last-frame-to-video'
  | 'fal-ai/veo3.1/reference-to-video'
  | 'fal-ai/veo3.1/extend-video'
  | 'fal-ai/veo3.1/fast/extend-video'
  | 'fal-ai/kling-video/o1/video-to-video/edit'
  | 'fal-ai/kling-video/o1/standard/video-to-video/edit'
  | 'fal-ai/kling-video/v2/master/image-to-video'
  | 'fal-ai/kling-video/v2.1/standard/image-to-video'
  | 'fal-ai/kling-video/v2.1/master/image-to-video'
  | 'fal-ai/kling-video/v2.1/master/text-to-video'
  | 'fal-ai/kling-video/v2.5-turbo/pro/image-to-video'
  | 'fal-ai/kling-video/v2.5-turbo/pro/text-to-video'
  | 'fal-ai/kling-video/v2.6/pro/image-to-video'
  | 'fal-ai/kling-video/v2.6/pro/text-to-video'
  | 'fal-ai/minimax/hailuo-02/standard/image-to-video'
  | 'fal-ai/minimax/hailuo-02/standard/text-to-video'
  | 'fal-ai/luma-dream-machine/ray-2'
  | 'fal-ai/luma-dream-machine/ray-2/image-to-video'
  | 'fal-ai/bytedance/seedance/v1/pro/text-to-video'
  | 'fal-ai/bytedance/seedance/v1/pro/image-to-video'
  | (string & {});

/** How an endpoint takes `duration`. */
export type FalDurationFormat =
  /** Bare digits as a string: `"5"` (Kling, Hailuo, Seedance, generic). */
  | 'string'
  /** Digits with an `s` suffix: `"8s"` (Veo, Luma). */
  | 'seconds-string'
  /** A JSON number: `5`. */
  | 'number';

/** Image roles of the spec. */
export type FalImageRole = 'first_frame' | 'last_frame' | 'reference';

/**
 * What one fal endpoint takes, and under which input names. Used to map the
 * provider-neutral call options onto the endpoint's input JSON, and to reject
 * values the endpoint cannot take before anything is paid for.
 */
export type FalEndpointCapabilities = {
  /** Input field of the first frame; absent: the endpoint takes no first frame. */
  firstFrameField?: 'image_url' | 'first_frame_url' | 'start_image_url';
  /** Input field of the last frame; absent: the endpoint takes no last frame. */
  lastFrameField?: 'end_image_url' | 'last_frame_url' | 'tail_image_url';
  /** Input field (an array of URLs) of reference images; absent: no references. */
  referenceField?: 'reference_image_urls' | 'image_urls';
  /** Most reference images. */
  maxReferences?: number;
  /** Image roles the endpoint requires. */
  requiredImages?: readonly FalImageRole[];
  /** How `duration` is sent; absent: the endpoint takes no duration. */
  durationFormat?: FalDurationFormat;
  /** Durations in seconds the endpoint accepts; `'any'`: positive whole seconds. */
  durations?: readonly number[] | 'any';
  /** `aspect_ratio` values; `'any'`: sent as given; absent: no aspect ratio input. */
  aspectRatios?: readonly string[] | 'any';
  /** `resolution` values in fal's form (`'720p'`, `'768P'`, `'4k'`); `'any'`: `<short side>p`. */
  resolutions?: readonly string[] | 'any';
  /** Whether `generate_audio` is taken. */
  generateAudio: boolean;
  /** Whether `seed` is taken. */
  seed: boolean;
  /** Whether `negative_prompt` is taken. */
  negativePrompt: boolean;
  /**
   * The video the endpoint works on (its extend / edit / video-to-video
   * input), sent as `video_url` (a public URL, or the bytes as a `data:` URI),
   * with the operation and its limits. The endpoint requires it.
   */
  sourceVideo?: VideoModelV3SourceVideoCapability;
};

const VEO_TEXT: FalEndpointCapabilities = {
  durationFormat: 'seconds-string',
  durations: [4, 6, 8],
  aspectRatios: ['16:9', '9:16'],
  resolutions: ['720p', '1080p'],
  generateAudio: true,
  seed: true,
  negativePrompt: true,
};

const VEO_IMAGE: FalEndpointCapabilities = {
  ...VEO_TEXT,
  firstFrameField: 'image_url',
  requiredImages: ['first_frame'],
  aspectRatios: ['auto', '16:9', '9:16'],
};

const VEO_FIRST_LAST: FalEndpointCapabilities = {
  ...VEO_TEXT,
  firstFrameField: 'first_frame_url',
  lastFrameField: 'last_frame_url',
  requiredImages: ['first_frame', 'last_frame'],
  aspectRatios: ['auto', '16:9', '9:16'],
  resolutions: ['720p', '1080p', '4k'],
};

const KLING_IMAGE: FalEndpointCapabilities = {
  firstFrameField: 'image_url',
  requiredImages: ['first_frame'],
  durationFormat: 'string',
  durations: [5, 10],
  generateAudio: false,
  seed: false,
  negativePrompt: true,
};

const KLING_TEXT: FalEndpointCapabilities = {
  durationFormat: 'string',
  durations: [5, 10],
  aspectRatios: ['16:9', '9:16', '1:1'],
  generateAudio: false,
  seed: false,
  negativePrompt: true,
};

const LUMA_RAY_2: FalEndpointCapabilities = {
  durationFormat: 'seconds-string',
  durations: [5, 9],
  aspectRatios: ['16:9', '9:16', '4:3', '3:4', '21:9', '9:21'],
  resolutions: ['540p', '720p', '1080p'],
  generateAudio: false,
  seed: false,
  negativePrompt: false,
};

const SEEDANCE_PRO: FalEndpointCapabilities = {
  durationFormat: 'string',
  durations: [2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12],
  aspectRatios: ['21:9', '16:9', '4:3', '1:1', '3:4', '9:16'],
  resolutions: ['480p', '720p', '1080p'],
  generateAudio: false,
  seed: true,
  negativePrompt: false,
};

const VEO_EXTEND: FalEndpointCapabilities = {
  durationFormat: 'seconds-string',
  // The seconds added: fal's schema defaults to (and takes only) "7s".
  durations: [7],
  aspectRatios: ['auto', '16:9', '9:16'],
  resolutions: ['720p'],
  generateAudio: true,
  seed: true,
  negativePrompt: true,
  sourceVideo: {
    operation: 'extend',
    origins: ['url', 'data'],
    // "Input videos up to 8 seconds in length", 720p or 1080p, 16:9 or 9:16 (fal's endpoint page).
    maxDuration: 8,
    durations: [7],
  },
};

const KLING_O1_EDIT: FalEndpointCapabilities = {
  // @Image1… references for style / appearance; at most 4 with elements.
  referenceField: 'image_urls',
  maxReferences: 4,
  generateAudio: false,
  seed: false,
  negativePrompt: false,
  sourceVideo: {
    operation: 'edit',
    origins: ['url', 'data'],
    // fal's schema: .mp4/.mov, 3–10 s, 720–2160 px, at most 200 MB; the output keeps the input's length.
    maxDuration: 10,
    maxBytes: 200 * 1024 * 1024,
    mediaTypes: ['video/mp4', 'video/quicktime'],
  },
};

/**
 * Capability table of the known endpoints (field names, duration form and
 * values, aspect ratios, resolutions, audio, seed, negative prompt), from the
 * `@fal-ai/client` generated types and fal's per-endpoint OpenAPI. An endpoint
 * that is not listed gets {@link FAL_GENERIC_CAPABILITIES}.
 */
export const falEndpointCapabilities: Readonly<Record<string, FalEndpointCapabilities>> = {
  'fal-ai/veo3': VEO_TEXT,
  'fal-ai/veo3/fast': VEO_TEXT,
  'fal-ai/veo3.1': VEO_TEXT,
  'fal-ai/veo3.1/fast': VEO_TEXT,
  'fal-ai/veo3.1/lite': VEO_TEXT,
  'fal-ai/veo3.1/image-to-video': VEO_IMAGE,
  'fal-ai/veo3.1/fast/image-to-video': VEO_IMAGE,
  'fal-ai/veo3.1/first-last-frame-to-video': VEO_FIRST_LAST,
  'fal-ai/veo3.1/fast/first-last-frame-to-video': VEO_FIRST_LAST,
  'fal-ai/veo3.1/reference-to-video': {
    ...VEO_TEXT,
    referenceField: 'image_urls',
    maxReferences: 3,
    requiredImages: ['reference'],
    // Veo 3.1 renders 8 s when conditioned on reference images.
    durations: [8],
    resolutions: ['720p', '1080p', '4k'],
  },
  'fal-ai/veo3.1/extend-video': VEO_EXTEND,
  'fal-ai/veo3.1/fast/extend-video': VEO_EXTEND,
  'fal-ai/kling-video/o1/video-to-video/edit': KLING_O1_EDIT,
  'fal-ai/kling-video/o1/standard/video-to-video/edit': KLING_O1_EDIT,
  'fal-ai/kling-video/v2/master/image-to-video': KLING_IMAGE,
  'fal-ai/kling-video/v2.1/standard/image-to-video': KLING_IMAGE,
  'fal-ai/kling-video/v2.1/master/image-to-video': KLING_IMAGE,
  'fal-ai/kling-video/v2.1/master/text-to-video': KLING_TEXT,
  'fal-ai/kling-video/v2.5-turbo/pro/image-to-video': { ...KLING_IMAGE, lastFrameField: 'tail_image_url' },
  'fal-ai/kling-video/v2.5-turbo/pro/text-to-video': KLING_TEXT,
  'fal-ai/kling-video/v2.6/pro/image-to-video': {
    ...KLING_IMAGE,
    firstFrameField: 'start_image_url',
    lastFrameField: 'end_image_url',
    generateAudio: true,
  },
  'fal-ai/kling-video/v2.6/pro/text-to-video': { ...KLING_TEXT, generateAudio: true },
  'fal-ai/minimax/hailuo-02/standard/image-to-video': {
    firstFrameField: 'image_url',
    lastFrameField: 'end_image_url',
    requiredImages: ['first_frame'],
    durationFormat: 'string',
    durations: [6, 10],
    resolutions: ['512P', '768P'],
    generateAudio: false,
    seed: false,
    negativePrompt: false,
  },
  'fal-ai/minimax/hailuo-02/standard/text-to-video': {
    durationFormat: 'string',
    durations: [6, 10],
    generateAudio: false,
    seed: false,
    negativePrompt: false,
  },
  'fal-ai/luma-dream-machine/ray-2': LUMA_RAY_2,
  'fal-ai/luma-dream-machine/ray-2/image-to-video': {
    ...LUMA_RAY_2,
    firstFrameField: 'image_url',
    lastFrameField: 'end_image_url',
    requiredImages: ['first_frame'],
  },
  'fal-ai/bytedance/seedance/v1/pro/text-to-video': SEEDANCE_PRO,
  'fal-ai/bytedance/seedance/v1/pro/image-to-video': {
    ...SEEDANCE_PRO,
    firstFrameField: 'image_url',
    lastFrameField: 'end_image_url',
    requiredImages: ['first_frame'],
    aspectRatios: ['auto', '21:9', '16:9', '4:3', '1:1', '3:4', '9:16'],
  },
};

/**
 * The mapping of an endpoint that is not in the table: `prompt`, `image_url`
 * (first frame), `end_image_url` (last frame), `reference_image_urls`,
 * `duration` as whole seconds in a string (`"5"`), `aspect_ratio` and
 * `resolution` (`"720p"`) as given, `generate_audio`, `seed`,
 * `negative_prompt`. Nothing is validated against the endpoint; use
 * `providerOptions.fal.input` to send other or differently named inputs.
 */
export const FAL_GENERIC_CAPABILITIES: FalEndpointCapabilities = {
  firstFrameField: 'image_url',
  lastFrameField: 'end_image_url',
  referenceField: 'reference_image_urls',
  durationFormat: 'string',
  durations: 'any',
  aspectRatios: 'any',
  resolutions: 'any',
  generateAudio: true,
  seed: true,
  negativePrompt: true,
};

/** The capabilities of an endpoint id, and whether it is a known endpoint. */
export function getFalEndpointCapabilities(endpointId: string): {
  capabilities: FalEndpointCapabilities;
  known: boolean;
} {
  const capabilities = Object.hasOwn(falEndpointCapabilities, endpointId)
    ? falEndpointCapabilities[endpointId]
    : undefined;
  return capabilities ? { capabilities, known: true } : { capabilities: FAL_GENERIC_CAPABILITIES, known: false };
}

/**
 * The spec's capabilities of an endpoint: its table entry as durations,
 * aspect ratios, `WxH` resolutions (for each aspect ratio), image roles and
 * reference kinds; `requiresPrompt` (every known endpoint takes a required
 * `prompt`). An endpoint that is not in the table: `{ maxVideosPerCall: 1 }`
 * (unknown, never rejected on a guess).
 */
export function getFalVideoModelCapabilities(endpointId: string): VideoModelV3Capabilities {
  const { capabilities, known } = getFalEndpointCapabilities(endpointId);
  if (!known) return { maxVideosPerCall: 1 };
  const imageRoles: Array<'first_frame' | 'last_frame' | 'reference'> = [];
  if (capabilities.firstFrameField) imageRoles.push('first_frame');
  if (capabilities.lastFrameField) imageRoles.push('last_frame');
  if (capabilities.referenceField) imageRoles.push('reference');
  const aspectRatios = Array.isArray(capabilities.aspectRatios)
    ? capabilities.aspectRatios.filter((value) => value !== 'auto')
    : undefined;
  const resolutions =
    Array.isArray(capabilities.resolutions) && aspectRatios && aspectRatios.length > 0
      ? sizesForResolutionNames(capabilities.resolutions, aspectRatios)
      : undefined;
  const result: VideoModelV3Capabilities = {
    durations: Array.isArray(capabilities.durations) ? [...capabilities.durations] : undefined,
    aspectRatios: aspectRatios && aspectRatios.length > 0 ? aspectRatios : undefined,
    resolutions,
    imageRoles,
    referenceKinds: capabilities.referenceField ? ['image'] : undefined,
    maxReferences: capabilities.maxReferences,
    maxVideosPerCall: 1,
    seed: capabilities.seed,
    audio: capabilities.generateAudio,
    requiresPrompt: true,
    sourceVideo: capabilities.sourceVideo
      ? [
          {
            ...capabilities.sourceVideo,
            origins: [...capabilities.sourceVideo.origins],
            ...(capabilities.sourceVideo.mediaTypes ? { mediaTypes: [...capabilities.sourceVideo.mediaTypes] } : {}),
            ...(Array.isArray(capabilities.sourceVideo.durations)
              ? { durations: [...capabilities.sourceVideo.durations] }
              : {}),
          },
        ]
      : undefined,
  };
  for (const key of Object.keys(result) as Array<keyof VideoModelV3Capabilities>) {
    if (result[key] === undefined) delete result[key];
  }
  return result;
}

/**
 * `providerOptions.fal`. Strict: an unknown key is an error, so that a typo
 * does not silently do nothing. Endpoint inputs that have no call option go
 * into `input`.
 */
export const falVideoModelOptionsSchema = z.strictObject({
  /** Negative prompt (`negative_prompt`), for endpoints that take one. */
  negativePrompt: z.optional(z.string()),
  /**
   * Extra endpoint inputs, sent verbatim in the request body (snake_case, as
   * the endpoint's schema names them, e.g. `{ cfg_scale: 0.5,
   * prompt_optimizer: false }`). fal endpoints are open-ended (every model
   * has its own input schema), so this is the one place where options are
   * passed through; values must be JSON. They are applied last and win over
   * mapped call options.
   */
  input: z.optional(z.record(z.string(), z.json())),
  /**
   * Time between status requests when polling, in ms (polling is the
   * fallback: by default the status is pushed over fal's SSE stream).
   * Default: the model's `pollIntervalMs`, 500 (the `@fal-ai/client` queue
   * default).
   */
  pollIntervalMs: z.optional(z.number().check(z.positive())),
  /** Longest wait for the job in `doGenerate`, in ms. Default: 30 minutes. */
  pollTimeoutMs: z.optional(z.number().check(z.positive())),
  /** Queue priority (`x-fal-queue-priority`). Default: `'normal'`, as the fal SDK sends. */
  queuePriority: z.optional(z.enum(['normal', 'low'])),
  /**
   * Server-side start timeout in seconds (`x-fal-request-timeout`): fal fails
   * the request when it has not started by then. Must be more than 1.
   */
  requestTimeoutSeconds: z.optional(z.number().check(z.gt(1))),
  /** Runner hint (`x-fal-runner-hint`), for routing to a warm runner. */
  runnerHint: z.optional(z.string()),
  /** Disables fal's automatic retries of the request (`x-fal-no-retry: 1`). */
  noRetry: z.optional(z.boolean()),
  /**
   * How long fal keeps the output files, in seconds
   * (`X-Fal-Object-Lifecycle-Preference`).
   */
  objectExpirationSeconds: z.optional(z.int().check(z.positive())),
  /**
   * Ask for the request's logs (`?logs=1`) when reading its status; the last
   * logs are returned in `providerMetadata.fal.logs`. Default: false.
   */
  logs: z.optional(z.boolean()),
  /**
   * Watch the job over fal's SSE status stream (falling back to polling when
   * the stream breaks). `false`: poll only. Default: true.
   */
  useStatusStream: z.optional(z.boolean()),
});

/** `providerOptions.fal` of a fal video call. */
export type FalVideoModelOptions = z.infer<typeof falVideoModelOptionsSchema>;
