import type { VideoModelV3Capabilities, VideoModelV3SourceVideoCapability } from '@videogen/provider-spec';
import { sizesForResolutionNames } from '@videogen/provider-utils';
// `zod/v4/mini`: tree-shakable (see bytedance-error.ts).
import * as z from 'zod/v4/mini';

/**
 * Seedance model ids. BytePlus ModelArk (international) names them
 * `seedance-…` (1.x) and `dreamina-seedance-2-0-…` (2.x); Volcengine Ark
 * (China) prefixes `doubao-` (`doubao-seedance-1-5-pro-251215`,
 * `doubao-seedance-2-0-260128`). A custom endpoint id (`ep-…`) or any other
 * id is sent as is and validated only where its family is known
 * ({@link getByteDanceVideoModelCapabilities}).
 */
export type ByteDanceVideoModelId =
  | 'seedance-1-0-lite-t2v-250428'
  | 'seedance-1-0-lite-i2v-250428'
  | 'seedance-1-0-pro-250528'
  | 'seedance-1-0-pro-fast-251015'
  | 'seedance-1-5-pro-251215'
  | 'dreamina-seedance-2-0-260128'
  | 'dreamina-seedance-2-0-fast-260128'
  | 'dreamina-seedance-2-0-mini-260615'
  | 'doubao-seedance-1-0-lite-t2v-250428'
  | 'doubao-seedance-1-0-lite-i2v-250428'
  | 'doubao-seedance-1-0-pro-250528'
  | 'doubao-seedance-1-0-pro-fast-251015'
  | 'doubao-seedance-1-5-pro-251215'
  | 'doubao-seedance-2-0-260128'
  | 'doubao-seedance-2-0-fast-260128'
  | (string & {});

/** The model ids the package knows (BytePlus and Volcengine), as `listVideoModels` lists them. */
export const BYTEDANCE_VIDEO_MODEL_IDS = [
  'seedance-1-0-lite-t2v-250428',
  'seedance-1-0-lite-i2v-250428',
  'seedance-1-0-pro-250528',
  'seedance-1-0-pro-fast-251015',
  'seedance-1-5-pro-251215',
  'dreamina-seedance-2-0-260128',
  'dreamina-seedance-2-0-fast-260128',
  'dreamina-seedance-2-0-mini-260615',
  'doubao-seedance-1-0-lite-t2v-250428',
  'doubao-seedance-1-0-lite-i2v-250428',
  'doubao-seedance-1-0-pro-250528',
  'doubao-seedance-1-0-pro-fast-251015',
  'doubao-seedance-1-5-pro-251215',
  'doubao-seedance-2-0-260128',
  'doubao-seedance-2-0-fast-260128',
] as const satisfies readonly ByteDanceVideoModelId[];

/** A resolution as Seedance names it on the wire. */
export type ByteDanceVideoResolution = '480p' | '720p' | '1080p' | '4k';

/** Seedance's `ratio` values besides `adaptive`. */
export const BYTEDANCE_ASPECT_RATIOS = ['16:9', '4:3', '1:1', '3:4', '9:16', '21:9'] as const;

/** What a Seedance model accepts (provider-apis-2.md Part 2b §1.3, BytePlus and Volcengine docs). */
export type ByteDanceVideoModelCapabilities = {
  /** The family the model id belongs to. */
  family: 'seedance-1.0' | 'seedance-1.5' | 'seedance-2.0';
  /** Whether the model renders from text alone. */
  textToVideo: boolean;
  /** Whether a first frame is accepted. */
  firstFrame: boolean;
  /** Whether a last frame (with a first frame) is accepted. */
  lastFrame: boolean;
  /** Most reference images (0: none). */
  maxReferenceImages: number;
  /** Most reference videos (0: none). */
  maxReferenceVideos: number;
  /** Most reference audio clips (0: none). */
  maxReferenceAudios: number;
  /** `resolution` values. */
  resolutions: ByteDanceVideoResolution[];
  /** `duration` range in whole seconds. */
  durations: { min: number; max: number };
  /** Whether the model can generate audio (`generate_audio`, default on). */
  audio: boolean;
  /** Whether `frames` (25 + 4n in [29, 289]) is taken instead of `duration`. */
  frames: boolean;
  /** Whether `camera_fixed` is taken. */
  cameraFixed: boolean;
  /** Whether `draft` (a cheap 480p preview) is taken. */
  draft: boolean;
  /** Whether `service_tier: 'flex'` (offline, about half price) is taken. */
  flex: boolean;
  /** Whether `priority` and `tools` are taken. */
  priorityAndTools: boolean;
};

const seedance10Pro: ByteDanceVideoModelCapabilities = {
  family: 'seedance-1.0',
  textToVideo: true,
  firstFrame: true,
  lastFrame: true,
  maxReferenceImages: 0,
  maxReferenceVideos: 0,
  maxReferenceAudios: 0,
  resolutions: ['480p', '720p', '1080p'],
  durations: { min: 2, max: 12 },
  audio: false,
  frames: true,
  cameraFixed: true,
  draft: false,
  flex: true,
  priorityAndTools: false,
};

const seedance15Pro: ByteDanceVideoModelCapabilities = {
  ...seedance10Pro,
  family: 'seedance-1.5',
  durations: { min: 4, max: 12 },
  audio: true,
  frames: false,
  draft: true,
};

const seedance20: ByteDanceVideoModelCapabilities = {
  family: 'seedance-2.0',
  textToVideo: true,
  firstFrame: true,
  lastFrame: true,
  maxReferenceImages: 9,
  maxReferenceVideos: 3,
  maxReferenceAudios: 3,
  resolutions: ['480p', '720p', '1080p', '4k'],
  durations: { min: 4, max: 15 },
  audio: true,
  frames: false,
  cameraFixed: false,
  draft: false,
  flex: false,
  priorityAndTools: true,
};

const seedance20Fast: ByteDanceVideoModelCapabilities = { ...seedance20, resolutions: ['480p', '720p'] };

/** The capability table by BytePlus model id (Volcengine's `doubao-` ids map onto it). */
export const byteDanceVideoModelCapabilities: Readonly<Record<string, ByteDanceVideoModelCapabilities>> = {
  'seedance-1-0-lite-t2v-250428': { ...seedance10Pro, firstFrame: false, lastFrame: false },
  'seedance-1-0-lite-i2v-250428': { ...seedance10Pro, textToVideo: false, maxReferenceImages: 4 },
  'seedance-1-0-pro-250528': seedance10Pro,
  'seedance-1-0-pro-fast-251015': { ...seedance10Pro, lastFrame: false },
  'seedance-1-5-pro-251215': seedance15Pro,
  'dreamina-seedance-2-0-260128': seedance20,
  'dreamina-seedance-2-0-fast-260128': seedance20Fast,
  'dreamina-seedance-2-0-mini-260615': seedance20Fast,
};

/**
 * The capabilities of a Seedance model id: from the table (Volcengine's
 * `doubao-seedance-…` ids as their BytePlus twins), else by family
 * (`…seedance-1-0-…`, `…seedance-1-5-…`, `…seedance-2-0-…`). `undefined` for
 * an endpoint id (`ep-…`) or an unknown family: such a model is validated
 * only by the API.
 */
export function getByteDanceVideoModelCapabilities(modelId: string): ByteDanceVideoModelCapabilities | undefined {
  const id = modelId.replace(/^doubao-seedance-2-0/, 'dreamina-seedance-2-0').replace(/^doubao-/, '');
  const listed = byteDanceVideoModelCapabilities[id];
  if (listed) return listed;
  if (/^(dreamina-)?seedance-2-0-(fast|mini)-/.test(id)) return seedance20Fast;
  if (/^(dreamina-)?seedance-2-0-/.test(id)) return seedance20;
  if (/^seedance-1-5-/.test(id)) return seedance15Pro;
  if (/^seedance-1-0-/.test(id)) return seedance10Pro;
  return undefined;
}

/** A model's capabilities in the spec's terms. Nothing is known of an endpoint id (`ep-…`). */
export function toVideoModelV3Capabilities(modelId: string): VideoModelV3Capabilities {
  const table = getByteDanceVideoModelCapabilities(modelId);
  const inputUrlSchemes = [...BYTEDANCE_INPUT_URL_SCHEMES];
  if (!table) return { maxVideosPerCall: 1, inputUrlSchemes };
  const maxReferences = table.maxReferenceImages + table.maxReferenceVideos + table.maxReferenceAudios;
  const sourceVideo = toSourceVideoCapabilities(table);
  return {
    durations: table.durations,
    resolutions: sizesForResolutionNames(table.resolutions, BYTEDANCE_ASPECT_RATIOS),
    aspectRatios: [...BYTEDANCE_ASPECT_RATIOS],
    imageRoles: [
      ...(table.firstFrame ? (['first_frame'] as const) : []),
      ...(table.lastFrame ? (['last_frame'] as const) : []),
      ...(table.maxReferenceImages > 0 ? (['reference'] as const) : []),
    ],
    referenceKinds: [
      ...(table.maxReferenceImages > 0 ? (['image'] as const) : []),
      ...(table.maxReferenceVideos > 0 ? (['video'] as const) : []),
      ...(table.maxReferenceAudios > 0 ? (['audio'] as const) : []),
    ],
    maxReferences,
    maxVideosPerCall: 1,
    seed: true,
    audio: table.audio,
    requiresPrompt: false,
    inputUrlSchemes,
    ...(sourceVideo.length > 0 ? { sourceVideo } : {}),
  };
}

/** The limits of a source video on Seedance 2.x (a reference video: 2–15 s, ≤ 50 MB, MP4 or MOV; Part 2b §1.3). */
export const BYTEDANCE_SOURCE_VIDEO_LIMITS = {
  maxDuration: 15,
  maxBytes: 50 * 1024 * 1024,
  mediaTypes: ['video/mp4', 'video/quicktime'],
} as const;

/**
 * The source-video operations of a Seedance model:
 * - 2.x (`video_url` content item, role `reference_video`): `extend` and `edit`,
 *   from a public URL only (Ark takes no base64 video); the prompt says what
 *   to do ("extend video 1 …", "in video 1, change …"), as ByteDance's guide shows.
 * - 1.5 pro (`draft_task` content item): `remix` renders a draft task of the
 *   same provider in full; the job id is sent, no prompt needed.
 */
function toSourceVideoCapabilities(table: ByteDanceVideoModelCapabilities): VideoModelV3SourceVideoCapability[] {
  if (table.maxReferenceVideos > 0) {
    const limits = {
      origins: ['url' as const],
      maxDuration: BYTEDANCE_SOURCE_VIDEO_LIMITS.maxDuration,
      maxBytes: BYTEDANCE_SOURCE_VIDEO_LIMITS.maxBytes,
      mediaTypes: [...BYTEDANCE_SOURCE_VIDEO_LIMITS.mediaTypes],
    };
    return [
      { operation: 'extend', ...limits },
      { operation: 'edit', ...limits },
    ];
  }
  if (table.draft) return [{ operation: 'remix', origins: ['job'], requiresPrompt: false }];
  return [];
}

/** URL schemes Seedance takes for inputs: `asset://<id>` (an uploaded asset) besides the defaults. */
export const BYTEDANCE_INPUT_URL_SCHEMES: readonly string[] = ['http', 'https', 'data', 'asset'];

/** Options of Seedance, under `providerOptions.bytedance`. */
export const byteDanceVideoModelOptionsSchema = z.strictObject({
  /** `watermark`: add the "AI generated" watermark. Default: `false` (the API's default). */
  watermark: z.optional(z.boolean()),
  /** `camera_fixed`: keep the camera still (1.x models, not with reference images). Default: the API's (`false`). */
  cameraFixed: z.optional(z.boolean()),
  /**
   * `return_last_frame`: also return the last frame as a PNG
   * (`providerMetadata.bytedance.lastFrameUrl`, valid 24 h), e.g. to chain
   * clips. Default: `false`.
   */
  returnLastFrame: z.optional(z.boolean()),
  /**
   * `draft`: a cheap 480p preview (Seedance 1.5 pro only); its task id can be
   * rendered in full later with `draftTaskId`. Default: `false`.
   */
  draft: z.optional(z.boolean()),
  /**
   * Render a draft task (`draft_task` content item, Seedance 1.5 pro) in full:
   * the provider-specific way of `sourceVideo: { operation: 'remix', job }`
   * (giving both is an error). Default: none.
   */
  draftTaskId: z.optional(z.string().check(z.minLength(1))),
  /**
   * `frames`: the length in frames instead of `duration`, 25 + 4n in
   * [29, 289] (1.0 models only). Default: none (the duration decides).
   */
  frames: z.optional(z.int().check(z.gte(29), z.lte(289))),
  /** `service_tier`: `default` (online) or `flex` (offline, about half price; not 2.x, not with draft). Default: `default`. */
  serviceTier: z.optional(z.enum(['default', 'flex'])),
  /** `execution_expires_after` in seconds, 3600 to 259200; the task then ends `expired`. Default: 172800. */
  executionExpiresAfter: z.optional(z.int().check(z.gte(3600), z.lte(259200))),
  /** `priority` 0 to 9 in the queue (2.x only). Default: the API's (0). */
  priority: z.optional(z.int().check(z.gte(0), z.lte(9))),
  /** `safety_identifier`: a hashed id of your end user, at most 64 characters. Default: none. */
  safetyIdentifier: z.optional(z.string().check(z.maxLength(64))),
  /** `tools: [{ type: 'web_search' }]`: let the model search the web (2.x only). Default: `false`. */
  webSearch: z.optional(z.boolean()),
  /** Time between status requests in `doGenerate`, in ms. Default: 3000. */
  pollIntervalMs: z.optional(z.number().check(z.positive())),
  /** Longest wait in `doGenerate`, in ms. Default: 30 minutes. */
  pollTimeoutMs: z.optional(z.number().check(z.positive())),
});

/** Options of Seedance, under `providerOptions.bytedance`. */
export type ByteDanceVideoModelOptions = z.infer<typeof byteDanceVideoModelOptionsSchema>;

/**
 * The default time between status requests: 3 s. ByteDance's docs only say
 * to poll the retrieve API; 3 s is the interval of the Vercel AI SDK's
 * `@ai-sdk/bytedance` (a 2 s 480p job takes ~17 s, a 5 s 720p one ~1 min).
 */
export const BYTEDANCE_DEFAULT_POLL_INTERVAL_MS = 3000;
