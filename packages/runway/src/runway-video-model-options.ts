import type { VideoModelV3Capabilities, VideoModelV3SourceVideoCapability } from '@videogen/provider-spec';
import { aspectRatioOfSize, matchAspectRatio, parseVideoSize } from '@videogen/provider-utils';
// `zod/v4/mini`: tree-shakable (see google-error.ts of @videogen/google).
import * as z from 'zod/v4/mini';

/**
 * Runway model ids (the `model` field of the create body). Open union: any
 * other id is sent as is, to the endpoint `providerOptions.runway.endpoint`
 * names (default: `image_to_video` with an image, else `text_to_video`), and
 * validated only by Runway.
 *
 * - `gen4.5`: text-to-video and image-to-video (first frame).
 * - `gen4_turbo`: image-to-video only (first frame).
 * - `veo3.1`, `veo3.1_fast`: text-to-video and image-to-video (first and last frame), audio.
 * - `aleph2`: video-to-video (`sourceVideo`, or `providerOptions.runway.videoUri`), keyframes.
 * - `gen3a_turbo`, `veo3`, `gen4_aleph`: in `@runwayml/sdk` 3.24, gone from 4.20.1 (may answer 400).
 */
export type RunwayVideoModelId =
  | 'gen4.5'
  | 'gen4_turbo'
  | 'veo3.1'
  | 'veo3.1_fast'
  | 'aleph2'
  | 'gen3a_turbo'
  | 'veo3'
  | 'gen4_aleph'
  | (string & {});

/** The create endpoints (`POST /v1/{endpoint}`). */
export type RunwayEndpoint = 'text_to_video' | 'image_to_video' | 'video_to_video';

/** What a Runway model accepts (reference §3.3, `@runwayml/sdk` 3.24.0 and 4.20.1). */
export type RunwayVideoModelCapabilities = {
  /** Ratios (`W:H` in pixels, as Runway names them) of text-to-video; `undefined`: no text-to-video. */
  textToVideoRatios?: string[];
  /** Ratios of image-to-video; `undefined`: no image-to-video. */
  imageToVideoRatios?: string[];
  /** Whether the model edits a video (`video_to_video`). */
  videoToVideo: boolean;
  /** Durations in seconds (`undefined`: the output follows the input video). */
  durations?: number[] | { min: number; max: number };
  /** The duration sent when the call gives none and Runway requires one. */
  defaultDuration?: number;
  /** Whether a last frame (`position: "last"`) is accepted. */
  lastFrame: boolean;
  /** Most reference images (`references`, video-to-video). */
  maxReferenceImages: number;
  /** Whether `audio` can be set. */
  audio: boolean;
  /** Whether `seed` is sent. */
  seed: boolean;
  /** Whether `promptText` is required. */
  requiresPrompt: boolean;
};

const GEN4_RATIOS = ['1280:720', '720:1280', '1104:832', '960:960', '832:1104', '1584:672'];
const VEO_RATIOS = ['1280:720', '720:1280', '1080:1920', '1920:1080'];

const veo31: RunwayVideoModelCapabilities = {
  textToVideoRatios: VEO_RATIOS,
  imageToVideoRatios: VEO_RATIOS,
  videoToVideo: false,
  durations: [4, 6, 8],
  lastFrame: true,
  maxReferenceImages: 0,
  audio: true,
  seed: true,
  requiresPrompt: false,
};

/** The capability table by model id. */
export const runwayVideoModelCapabilities: Readonly<Record<string, RunwayVideoModelCapabilities>> = {
  'gen4.5': {
    textToVideoRatios: ['1280:720', '720:1280'],
    imageToVideoRatios: GEN4_RATIOS,
    videoToVideo: false,
    durations: { min: 2, max: 10 },
    defaultDuration: 5,
    lastFrame: false,
    maxReferenceImages: 0,
    audio: false,
    seed: true,
    requiresPrompt: true,
  },
  gen4_turbo: {
    imageToVideoRatios: GEN4_RATIOS,
    videoToVideo: false,
    durations: { min: 2, max: 10 },
    lastFrame: false,
    maxReferenceImages: 0,
    audio: false,
    seed: true,
    requiresPrompt: false,
  },
  'veo3.1': veo31,
  'veo3.1_fast': veo31,
  aleph2: {
    videoToVideo: true,
    lastFrame: false,
    maxReferenceImages: 0,
    audio: false,
    seed: false,
    requiresPrompt: false,
  },
  gen3a_turbo: {
    imageToVideoRatios: ['1280:768', '768:1280'],
    videoToVideo: false,
    durations: [5, 10],
    lastFrame: true,
    maxReferenceImages: 0,
    audio: false,
    seed: true,
    requiresPrompt: true,
  },
  veo3: {
    textToVideoRatios: VEO_RATIOS,
    imageToVideoRatios: VEO_RATIOS,
    videoToVideo: false,
    durations: [8],
    defaultDuration: 8,
    lastFrame: false,
    maxReferenceImages: 0,
    audio: false,
    seed: false,
    requiresPrompt: false,
  },
  gen4_aleph: {
    videoToVideo: true,
    lastFrame: false,
    maxReferenceImages: 1,
    audio: false,
    seed: true,
    requiresPrompt: true,
  },
};

/** The ids of the capability table, for model lists (CLI, docs). */
export const RUNWAY_VIDEO_MODEL_IDS = Object.keys(runwayVideoModelCapabilities);

/** The capabilities of a model id; `undefined` for an id Runway's SDK does not list. */
export function getRunwayVideoModelCapabilities(modelId: string): RunwayVideoModelCapabilities | undefined {
  return runwayVideoModelCapabilities[modelId];
}

/** Aspect-ratio names Runway's pixel ratios are matched against (within 1%). */
const COMMON_ASPECT_RATIOS = ['16:9', '9:16', '4:3', '3:4', '1:1', '5:3', '3:5', '21:9', '9:21'];

/** A Runway ratio (`'1104:832'`) as a size. */
export function runwayRatioToSize(ratio: string): { width: number; height: number } | undefined {
  return parseVideoSize(ratio.replace(':', 'x'));
}

/** The aspect ratio a Runway pixel ratio shows: `'1104:832'` → `'4:3'`, `'1584:672'` → `'33:14'`. */
export function runwayRatioAspect(ratio: string): string | undefined {
  const size = runwayRatioToSize(ratio);
  return size ? (matchAspectRatio(size, COMMON_ASPECT_RATIOS) ?? aspectRatioOfSize(size)) : undefined;
}

/** Every ratio a model takes (text-to-video and image-to-video), without repeats. */
export function getRunwayRatios(capabilities: RunwayVideoModelCapabilities): string[] {
  return [...new Set([...(capabilities.textToVideoRatios ?? []), ...(capabilities.imageToVideoRatios ?? [])])];
}

/**
 * The largest source video Runway fetches, in bytes: 32 MB (Runway's input
 * docs, videos by URL; bytes too large for a `data:` URI are uploaded).
 */
export const RUNWAY_MAX_SOURCE_VIDEO_BYTES = 32 * 1024 * 1024;

/**
 * The source-video operations of a `video_to_video` model: Runway calls Aleph's
 * work on a video both restyling (`video-to-video`) and editing (`edit`); both
 * go to `POST /v1/video_to_video` with the video as `videoUri`. The source is
 * a Runway job (its fresh output URL is sent), an HTTPS URL, or bytes (a
 * `data:` URI under 5 MB, else an ephemeral upload).
 */
export function runwaySourceVideoCapabilities(
  capabilities: RunwayVideoModelCapabilities,
): VideoModelV3SourceVideoCapability[] {
  if (!capabilities.videoToVideo) return [];
  return (['video-to-video', 'edit'] as const).map((operation) => ({
    operation,
    origins: ['job', 'url', 'data'],
    maxBytes: RUNWAY_MAX_SOURCE_VIDEO_BYTES,
    requiresPrompt: capabilities.requiresPrompt,
  }));
}

/** A model's capabilities in the spec's terms (`capabilities` of the model); `{}` for an unknown id. */
export function toVideoModelV3Capabilities(modelId: string): VideoModelV3Capabilities {
  const table = getRunwayVideoModelCapabilities(modelId);
  if (!table) return { maxVideosPerCall: 1, maxPromptLength: RUNWAY_MAX_PROMPT_LENGTH };
  const ratios = getRunwayRatios(table);
  const imageToVideo = table.imageToVideoRatios !== undefined;
  return {
    ...(table.durations ? { durations: table.durations } : {}),
    ...(ratios.length > 0
      ? {
          resolutions: ratios.map((ratio) => ratio.replace(':', 'x')),
          aspectRatios: [...new Set(ratios.map((ratio) => runwayRatioAspect(ratio) as string))],
        }
      : {}),
    imageRoles: [
      ...(imageToVideo ? (['first_frame'] as const) : []),
      ...(imageToVideo && table.lastFrame ? (['last_frame'] as const) : []),
      ...(table.maxReferenceImages > 0 ? (['reference'] as const) : []),
    ],
    referenceKinds: table.maxReferenceImages > 0 ? ['image'] : [],
    maxReferences: table.maxReferenceImages,
    maxVideosPerCall: 1,
    seed: table.seed,
    audio: table.audio,
    maxPromptLength: RUNWAY_MAX_PROMPT_LENGTH,
    requiresPrompt: table.requiresPrompt,
    inputUrlSchemes: [...RUNWAY_INPUT_URL_SCHEMES],
    ...(table.videoToVideo ? { sourceVideo: runwaySourceVideoCapabilities(table) } : {}),
  };
}

/** `promptText` limit: 1000 UTF-16 code units (Runway's SDK docs). */
export const RUNWAY_MAX_PROMPT_LENGTH = 1000;

/** Input URL schemes: HTTPS, `data:` and the `runway://` URIs of `POST /v1/uploads` (http for local servers). */
export const RUNWAY_INPUT_URL_SCHEMES: readonly string[] = ['http', 'https', 'data', 'runway'];

/**
 * The default time between status requests: 6 s, as `@runwayml/sdk`'s
 * `waitForTaskOutput` polls (`POLL_TIME = 6000`, src/lib/polling.ts); the
 * SDK's `tasks.retrieve` docs ask not to expect updates more often than once
 * every 5 s.
 */
export const RUNWAY_DEFAULT_POLL_INTERVAL_MS = 6_000;

/** The API version sent in `X-Runway-Version` (the one `@runwayml/sdk` 3.x and 4.x send). */
export const RUNWAY_API_VERSION = '2024-11-06';

const keyframeSchema = z.looseObject({
  /** The keyframe image (HTTPS URL, data URI or `runway://` upload URI). */
  uri: z.string(),
  /** Absolute time in the input video, in seconds. */
  seconds: z.optional(z.number()),
  /** Relative time in the input video, 0..1. */
  at: z.optional(z.number()),
});

/** Options of Runway models, under `providerOptions.runway`. */
export const runwayVideoModelOptionsSchema = z.strictObject({
  /**
   * The endpoint to call. Default: `video_to_video` with `videoUri`,
   * `image_to_video` with a first frame, else `text_to_video`. Needed only
   * for a model id outside the table.
   */
  endpoint: z.optional(z.enum(['text_to_video', 'image_to_video', 'video_to_video'])),
  /**
   * The video to edit (`video_to_video`, Aleph models): an HTTPS URL, a data
   * URI or a `runway://` upload URI. The provider-specific way; the call
   * option `sourceVideo: { operation: 'video-to-video' | 'edit', … }` does the
   * same from a job, a URL or bytes. Not both. Default: none.
   */
  videoUri: z.optional(z.string()),
  /** Keyframe images of `aleph2` (at most 5; `{ uri, seconds }` or `{ uri, at }`). Default: none. */
  keyframes: z.optional(z.array(keyframeSchema).check(z.maxLength(5))),
  /** How strict moderation is about public figures: `auto` or `low` (`contentModeration.publicFigureThreshold`). Default: Runway's (`auto`). */
  publicFigureThreshold: z.optional(z.enum(['auto', 'low'])),
  /** What the video should not show (`negativePrompt`, Veo 3.1 models). Default: none. */
  negativePrompt: z.optional(z.string()),
  /** Output container (`outputFormat`, e.g. `mp4`, `prores`; some are surcharged). Default: Runway's (`mp4`). */
  outputFormat: z.optional(z.string()),
  /**
   * Bytes whose `data:` URI would reach Runway's 5 MB limit are uploaded
   * through `POST /v1/uploads` instead (an ephemeral `runway://` URI).
   * `false` sends every input inline. Default: `true`.
   */
  uploadLargeInputs: z.optional(z.boolean()),
  /** Time between status requests in `doGenerate`, in ms. Default: 6000 (Runway's SDK). */
  pollIntervalMs: z.optional(z.number().check(z.positive())),
  /** Longest wait in `doGenerate`, in ms. Default: 30 minutes. */
  pollTimeoutMs: z.optional(z.number().check(z.positive())),
  /**
   * Let the video that `doGenerate` downloads be on loopback or a private
   * network (the local emulator). Default: `false`.
   */
  allowPrivateNetwork: z.optional(z.boolean()),
});

/** Options of Runway models, under `providerOptions.runway`. */
export type RunwayVideoModelOptions = z.infer<typeof runwayVideoModelOptionsSchema>;
