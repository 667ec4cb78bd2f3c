import type { VideoModelV3Capabilities, VideoModelV3SourceVideoCapability } from '@videogen/provider-spec';
import { sizesForResolutionNames } from '@videogen/provider-utils';
// `zod/v4/mini`: tree-shakable (as in the sibling providers).
import * as z from 'zod/v4/mini';

/**
 * Kling model ids (`model_name` on the wire). Open union: any other id is sent
 * as is and validated only against the wire format.
 *
 * `kling-v1-5` and `kling-v2-1` are image-to-video only.
 */
export type KlingVideoModelId =
  | 'kling-v1'
  | 'kling-v1-5'
  | 'kling-v1-6'
  | 'kling-v2-master'
  | 'kling-v2-1'
  | 'kling-v2-1-master'
  | 'kling-v2-5-turbo'
  | 'kling-v2-6'
  | 'kling-v3'
  | (string & {});

/** Kling's `mode`: `std` renders 720p, `pro` 1080p. */
export type KlingMode = 'std' | 'pro';

/** What a Kling model accepts (reference §2.3). */
export type KlingVideoModelCapabilities = {
  /** Allowed `duration` values in seconds (sent as strings). */
  durations: number[];
  /** Whether the model takes a text prompt without a first frame (text2video). */
  textToVideo: boolean;
  /** Whether the model has `sound` (`on` / `off`). */
  audio: boolean;
  /** Whether the model takes `multi_shot`. */
  multiShot: boolean;
  /** Whether the model takes `cfg_scale` (not the v2.x models). */
  cfgScale: boolean;
};

const FIVE_OR_TEN = [5, 10];

const v1: KlingVideoModelCapabilities = {
  durations: FIVE_OR_TEN,
  textToVideo: true,
  audio: false,
  multiShot: false,
  cfgScale: true,
};
const v2: KlingVideoModelCapabilities = { ...v1, cfgScale: false };

/** The capability table by model id. */
export const klingVideoModelCapabilities: Readonly<Record<string, KlingVideoModelCapabilities>> = {
  'kling-v1': v1,
  'kling-v1-5': { ...v1, textToVideo: false },
  'kling-v1-6': v1,
  'kling-v2-master': v2,
  'kling-v2-1': { ...v2, textToVideo: false },
  'kling-v2-1-master': v2,
  'kling-v2-5-turbo': v2,
  'kling-v2-6': { ...v2, audio: true },
  'kling-v3': {
    durations: [3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15],
    textToVideo: true,
    audio: true,
    multiShot: true,
    cfgScale: false,
  },
};

/** The capabilities of a listed model id; `undefined` for any other id. */
export function getKlingVideoModelCapabilities(modelId: string): KlingVideoModelCapabilities | undefined {
  return klingVideoModelCapabilities[modelId];
}

/** Kling's resolution labels: `mode` `std` is 720p, `pro` 1080p. */
export const KLING_RESOLUTIONS = ['720p', '1080p'] as const;

/** Kling's `aspect_ratio` values (text-to-video; image-to-video takes the image's). */
export const KLING_ASPECT_RATIOS = ['16:9', '9:16', '1:1'] as const;

/** Most reference images of `multi-image2video` (`image_list`). */
export const KLING_MAX_REFERENCE_IMAGES = 4;

/** Image types Kling takes (jpg, jpeg, png). */
export const KLING_IMAGE_MEDIA_TYPES = ['image/jpeg', 'image/png'];

/** The longest prompt Kling takes, in characters. */
export const KLING_MAX_PROMPT_LENGTH = 2500;

/** The longest video Kling extends: a source must be under 3 minutes (Kling's video-extend docs). */
export const KLING_MAX_EXTEND_SOURCE_SECONDS = 180;

/** How long Kling keeps a generated video (and can extend it): 30 days after generation. */
export const KLING_VIDEO_RETENTION_MS = 30 * 24 * 60 * 60 * 1000;

/**
 * What every Kling model does with a source video: `extend` through
 * `video-extend`, from a Kling job only (Kling takes the `video_id` of a video
 * it generated, never a file), prompt optional. The body names no model, so
 * an unlisted id extends too.
 */
export const KLING_SOURCE_VIDEO_CAPABILITIES: VideoModelV3SourceVideoCapability[] = [
  { operation: 'extend', origins: ['job'], maxDuration: KLING_MAX_EXTEND_SOURCE_SECONDS, requiresPrompt: false },
];

/** A model's capabilities in the spec's terms. Only `seed` and `sourceVideo` are known for an unlisted id. */
export function toKlingVideoModelV3Capabilities(modelId: string): VideoModelV3Capabilities {
  const table = getKlingVideoModelCapabilities(modelId);
  const sourceVideo = KLING_SOURCE_VIDEO_CAPABILITIES.map((entry) => ({ ...entry, origins: [...entry.origins] }));
  if (!table) return { seed: false, sourceVideo };
  return {
    durations: table.durations,
    resolutions: sizesForResolutionNames([...KLING_RESOLUTIONS], [...KLING_ASPECT_RATIOS]),
    aspectRatios: [...KLING_ASPECT_RATIOS],
    imageRoles: ['first_frame', 'last_frame', 'reference'],
    referenceKinds: ['image'],
    maxReferences: KLING_MAX_REFERENCE_IMAGES,
    maxVideosPerCall: 1,
    seed: false,
    audio: table.audio,
    maxPromptLength: KLING_MAX_PROMPT_LENGTH,
    requiresPrompt: false,
    imageMediaTypes: [...KLING_IMAGE_MEDIA_TYPES],
    sourceVideo,
  };
}

const cameraAxis = z.optional(z.number().check(z.gte(-10), z.lte(10)));

/** `camera_control` as Kling takes it. */
export const klingCameraControlSchema = z.strictObject({
  /** `simple` (with `config`), or a preset movement. */
  type: z.enum(['simple', 'down_back', 'forward_up', 'right_turn_forward', 'left_turn_forward']),
  /** Only with `type: 'simple'`: exactly one axis non-zero, each in [-10, 10]. */
  config: z.optional(
    z.strictObject({
      horizontal: cameraAxis,
      vertical: cameraAxis,
      pan: cameraAxis,
      tilt: cameraAxis,
      roll: cameraAxis,
      zoom: cameraAxis,
    }),
  ),
});

/** Options of a Kling model, under `providerOptions.kling`. */
export const klingVideoModelOptionsSchema = z.strictObject({
  /** `std` (720p) or `pro` (1080p). Default: from `resolution`, else Kling's (`std`). */
  mode: z.optional(z.enum(['std', 'pro'])),
  /** What the video should not show (`negative_prompt`, ≤2500 characters). Default: none. */
  negativePrompt: z.optional(z.string().check(z.maxLength(2500))),
  /** Prompt adherence 0–1 (`cfg_scale`; not on the v2.x and v3 models). Default: Kling's (0.5). */
  cfgScale: z.optional(z.number().check(z.gte(0), z.lte(1))),
  /** Camera movement (`camera_control`). Not with a last frame. Default: none. */
  cameraControl: z.optional(klingCameraControlSchema),
  /** Split the video into up to 6 shots (`multi_shot`, kling-v3). Default: `false`. */
  multiShot: z.optional(z.boolean()),
  /** With `multiShot`: `intelligence` (Kling splits the prompt) or `customize` (`multiPrompt`). Default: `intelligence`. */
  shotType: z.optional(z.enum(['customize', 'intelligence'])),
  /** With `shotType: 'customize'`: 1–6 shots whose durations add up to the video's. Default: none. */
  multiPrompt: z.optional(
    z
      .array(
        z.strictObject({
          index: z.int().check(z.positive()),
          prompt: z.string().check(z.maxLength(512)),
          duration: z.union([z.string(), z.number()]),
        }),
      )
      .check(z.minLength(1), z.maxLength(6)),
  ),
  /** Voices referenced in the prompt as `<<<voice_1>>>` (`voice_list`, ≤2; needs audio). Default: none. */
  voiceIds: z.optional(z.array(z.string()).check(z.maxLength(2))),
  /** Elements (`element_list`, ≤3, image-to-video). Default: none. */
  elementIds: z.optional(z.array(z.string()).check(z.maxLength(3))),
  /** Motion brush: the static mask (`static_mask`, image URL or base64). Default: none. */
  staticMask: z.optional(z.string()),
  /** Motion brush: up to 6 `{ mask, trajectories: [{x, y}] }` (`dynamic_masks`). Default: none. */
  dynamicMasks: z.optional(
    z
      .array(
        z.strictObject({
          mask: z.string(),
          trajectories: z.array(z.strictObject({ x: z.number(), y: z.number() })),
        }),
      )
      .check(z.maxLength(6)),
  ),
  /** Also return a watermarked copy (`watermark_info.enabled`). Default: Kling's (no). */
  watermark: z.optional(z.boolean()),
  /** Your own id for the task (`external_task_id`, unique per account). Default: none. */
  externalTaskId: z.optional(z.string()),
  /**
   * Extend a video Kling generated (`video-extend` with `video_id`): the `id`
   * of a video in a previous task's result (`providerMetadata.kling.videos[i].id`,
   * not the task id). The provider-specific way; the call option
   * `sourceVideo: { operation: 'extend', job }` does the same from a job. Not
   * both. Default: none.
   */
  extendVideoId: z.optional(z.string()),
  /** Time between status requests in `doGenerate`, in ms. Default: 5000. */
  pollIntervalMs: z.optional(z.number().check(z.positive())),
  /** Longest wait in `doGenerate`, in ms. Default: 30 minutes. */
  pollTimeoutMs: z.optional(z.number().check(z.positive())),
  /**
   * Let the video that `doGenerate` downloads come from loopback or a private
   * network (e.g. the local emulator). Default: `false`.
   */
  allowPrivateNetwork: z.optional(z.boolean()),
});

/** Options of a Kling model, under `providerOptions.kling`. */
export type KlingVideoModelOptions = z.infer<typeof klingVideoModelOptionsSchema>;

/**
 * The default time between status requests: 5 s. Kling documents no
 * interval; the Vercel AI SDK's Kling provider polls every 5 s (the
 * independent `kling-api` client every 3 s).
 */
export const KLING_DEFAULT_POLL_INTERVAL_MS = 5_000;
