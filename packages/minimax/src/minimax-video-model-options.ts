import type { VideoModelV3Capabilities } from '@videogen/provider-spec';
import { sizesForResolutionNames } from '@videogen/provider-utils';
// `zod/v4/mini`: tree-shakable, so a bundle carries only the validators used here.
import * as z from 'zod/v4/mini';

/**
 * MiniMax video model ids. Open union: any other id is sent as is (on the
 * v1 API, or on the v2 API when it starts with `MiniMax-H`) and validated
 * only against the wire format.
 *
 * v1 (`/v1/video_generation`, result through `/v1/files/retrieve`):
 * - `MiniMax-Hailuo-2.3`: text- and image-to-video, 768P/1080P.
 * - `MiniMax-Hailuo-2.3-Fast`: image-to-video only.
 * - `MiniMax-Hailuo-02`: text- and image-to-video, first + last frame, 512P (image only)/768P/1080P.
 * - `T2V-01-Director`, `T2V-01`: text-to-video, 720P, 6 s.
 * - `I2V-01-Director`, `I2V-01-live`, `I2V-01`: image-to-video, 720P, 6 s.
 * - `S2V-01`: subject reference (one character image), 720P, 6 s.
 *
 * v2 (`/v2/video_generation`, result URL inline, cancellable):
 * - `MiniMax-H3`: text, first/last frame, reference images, videos and audio; 768P/2K, 4–15 s.
 */
export type MiniMaxVideoModelId =
  | 'MiniMax-Hailuo-2.3'
  | 'MiniMax-Hailuo-2.3-Fast'
  | 'MiniMax-Hailuo-02'
  | 'T2V-01-Director'
  | 'T2V-01'
  | 'I2V-01-Director'
  | 'I2V-01-live'
  | 'I2V-01'
  | 'S2V-01'
  | 'MiniMax-H3'
  | (string & {});

/** Which MiniMax API a model is served by. */
export type MiniMaxApiVersion = 'v1' | 'v2';

/** What a MiniMax model accepts (reference: provider-apis-2 Part 2b §2.3, §2.5). */
export type MiniMaxVideoModelCapabilities = {
  /** The API the model is on. */
  api: MiniMaxApiVersion;
  /** Whether it makes a video from the prompt alone. */
  textToVideo: boolean;
  /** Whether a first frame is accepted (`true`) or required (`'required'`). */
  firstFrame: boolean | 'required';
  /** Whether a last frame is accepted (with a first frame on v1). */
  lastFrame: boolean;
  /** Most reference images (v1 `S2V-01`: its one subject image; required there). */
  maxReferenceImages: number;
  /** Most reference videos (v2). */
  maxReferenceVideos: number;
  /** Most reference audio clips (v2). */
  maxReferenceAudios: number;
  /** Durations in seconds. */
  durations: number[] | { min: number; max: number };
  /** Resolution labels as sent (`768P`); the first is the default. */
  resolutions: string[];
  /** Longest prompt in characters. */
  maxPromptLength: number;
};

const legacyText: MiniMaxVideoModelCapabilities = {
  api: 'v1',
  textToVideo: true,
  firstFrame: false,
  lastFrame: false,
  maxReferenceImages: 0,
  maxReferenceVideos: 0,
  maxReferenceAudios: 0,
  durations: [6],
  resolutions: ['720P'],
  maxPromptLength: 2000,
};

const legacyImage: MiniMaxVideoModelCapabilities = { ...legacyText, textToVideo: false, firstFrame: 'required' };

const hailuo23: MiniMaxVideoModelCapabilities = {
  ...legacyText,
  firstFrame: true,
  durations: [6, 10],
  resolutions: ['768P', '1080P'],
};

/** The capability table by model id. Other ids are not validated beyond the wire format. */
export const minimaxVideoModelCapabilities: Readonly<Record<string, MiniMaxVideoModelCapabilities>> = {
  'MiniMax-Hailuo-2.3': hailuo23,
  'MiniMax-Hailuo-2.3-Fast': { ...hailuo23, textToVideo: false, firstFrame: 'required' },
  'MiniMax-Hailuo-02': { ...hailuo23, lastFrame: true, resolutions: ['768P', '512P', '1080P'] },
  'T2V-01-Director': legacyText,
  'T2V-01': legacyText,
  'I2V-01-Director': legacyImage,
  'I2V-01-live': legacyImage,
  'I2V-01': legacyImage,
  'S2V-01': { ...legacyText, textToVideo: false, maxReferenceImages: 1 },
  'MiniMax-H3': {
    api: 'v2',
    textToVideo: true,
    firstFrame: true,
    lastFrame: true,
    maxReferenceImages: 9,
    maxReferenceVideos: 3,
    maxReferenceAudios: 3,
    durations: { min: 4, max: 15 },
    resolutions: ['768P', '2K'],
    maxPromptLength: 7000,
  },
};

/** The capabilities of a model id; `undefined` for an id not in the table. */
export function getMiniMaxVideoModelCapabilities(modelId: string): MiniMaxVideoModelCapabilities | undefined {
  return minimaxVideoModelCapabilities[modelId];
}

/** The API a model id is served by: the table's, else v2 for `MiniMax-H…` ids, else v1. */
export function getMiniMaxApiVersion(modelId: string): MiniMaxApiVersion {
  return getMiniMaxVideoModelCapabilities(modelId)?.api ?? (/^MiniMax-H\d/.test(modelId) ? 'v2' : 'v1');
}

/** The v2 `ratio` values besides `adaptive`. */
export const MINIMAX_V2_ASPECT_RATIOS: readonly string[] = ['21:9', '16:9', '4:3', '1:1', '3:4', '9:16'];

/**
 * v1 has no aspect-ratio field: text-to-video renders landscape, image-to-video
 * follows the image. Sizes are listed in both orientations.
 */
const V1_SIZE_RATIOS = ['16:9', '9:16'];

/** A model's capabilities in the spec's terms. Only the API's own limits for an unknown id. */
export function toVideoModelV3Capabilities(modelId: string): VideoModelV3Capabilities {
  const table = getMiniMaxVideoModelCapabilities(modelId);
  if (!table) return { maxVideosPerCall: 1, seed: false };
  const v2 = table.api === 'v2';
  const referenceKinds: Array<'image' | 'video' | 'audio'> = [];
  if (table.maxReferenceImages > 0) referenceKinds.push('image');
  if (table.maxReferenceVideos > 0) referenceKinds.push('video');
  if (table.maxReferenceAudios > 0) referenceKinds.push('audio');
  return {
    durations: table.durations,
    resolutions: sizesForResolutionNames(table.resolutions, v2 ? MINIMAX_V2_ASPECT_RATIOS : V1_SIZE_RATIOS),
    ...(v2 ? { aspectRatios: [...MINIMAX_V2_ASPECT_RATIOS] } : {}),
    imageRoles: [
      ...(table.firstFrame ? (['first_frame'] as const) : []),
      ...(table.lastFrame ? (['last_frame'] as const) : []),
      ...(table.maxReferenceImages > 0 ? (['reference'] as const) : []),
    ],
    referenceKinds,
    maxReferences: table.maxReferenceImages + table.maxReferenceVideos + table.maxReferenceAudios,
    maxVideosPerCall: 1,
    seed: false,
    // v1 models are silent; whether H3 renders sound is not documented.
    ...(v2 ? { requiresPrompt: true } : { audio: false }),
    maxPromptLength: table.maxPromptLength,
    imageMediaTypes: v2
      ? ['image/jpeg', 'image/png', 'image/webp', 'image/heic', 'image/heif']
      : ['image/jpeg', 'image/png', 'image/webp'],
  };
}

/** Options under `providerOptions.minimax`. */
export const minimaxVideoModelOptionsSchema = z.strictObject({
  /**
   * Let MiniMax rewrite the prompt (`prompt_optimizer`, v1). Default: MiniMax's (`true`).
   */
  promptOptimizer: z.optional(z.boolean()),
  /**
   * Shorter prompt optimisation (`fast_pretreatment`, v1; Hailuo 2.3, 2.3 Fast and 02).
   * Default: MiniMax's (`false`).
   */
  fastPretreatment: z.optional(z.boolean()),
  /** Add MiniMax's AIGC watermark (`aigc_watermark`). Default: MiniMax's (`false`). */
  aigcWatermark: z.optional(z.boolean()),
  /**
   * Files already uploaded to MiniMax, as `mm_file://{file_id}` URLs in the
   * v2 `content` array (or https / data URLs): `{ type, url, role }` sent as
   * given, e.g. `{ type: 'video_url', url: 'mm_file://123', role: 'reference_video' }`.
   * v2 (`MiniMax-H3`) only. Default: none.
   */
  content: z.optional(
    z.array(
      z.strictObject({
        type: z.enum(['image_url', 'video_url', 'audio_url']),
        url: z.string(),
        role: z.optional(
          z.enum(['first_frame', 'last_frame', 'reference_image', 'reference_video', 'reference_audio']),
        ),
      }),
    ),
  ),
  /** Time between status requests in `doGenerate`, in ms. Default: 10000. */
  pollIntervalMs: z.optional(z.number().check(z.positive())),
  /** Longest wait in `doGenerate`, in ms. Default: 30 minutes. */
  pollTimeoutMs: z.optional(z.number().check(z.positive())),
  /**
   * Let the video that `doGenerate` downloads come from loopback or a
   * private network (the local emulator). Default: `false`.
   */
  allowPrivateNetwork: z.optional(z.boolean()),
});

/** Options of MiniMax video models, under `providerOptions.minimax`. */
export type MiniMaxVideoModelOptions = z.infer<typeof minimaxVideoModelOptionsSchema>;

/**
 * The default time between status requests: 10 s, MiniMax's video guide
 * recommendation (also the interval of Vercel's `@ai-sdk/minimax`); a job
 * takes 1–5 min.
 */
export const MINIMAX_DEFAULT_POLL_INTERVAL_MS = 10_000;
