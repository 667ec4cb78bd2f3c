import type { VideoModelV3Capabilities } from '@videogen/provider-spec';
import { sizesForResolutionNames } from '@videogen/provider-utils';
// `zod/v4/mini`: tree-shakable (see replicate-error.ts).
import * as z from 'zod/v4/mini';

/**
 * A Replicate model: `owner/name` (runs the model's latest version through
 * `POST /v1/models/{owner}/{name}/predictions`, as Replicate's official video
 * models need), `owner/name:version` or a bare 64-hex version id (run that
 * version through `POST /v1/predictions`), or `deployments/owner/name` (a
 * deployment, `POST /v1/deployments/{owner}/{name}/predictions`). Open union: any model is sent as
 * is; the listed ones have known inputs and capabilities
 * ({@link replicateVideoModelCapabilities}).
 */
export type ReplicateVideoModelId =
  | 'kwaivgi/kling-v2.1'
  | 'bytedance/seedance-1-lite'
  | 'wan-video/wan-2.5-t2v-fast'
  | 'minimax/h3-highspeed'
  | (string & {});

/** The input field names of a known model, and what each takes (provider-apis-2.md Part 2b §4.3). */
export type ReplicateVideoModelCapabilities = {
  /** Display name. */
  name: string;
  /** Input field of the first frame; absent: none. */
  firstFrameField?: 'start_image' | 'image' | 'first_frame_image';
  /** Whether the model needs a first frame (image-to-video only). */
  firstFrameRequired?: boolean;
  /** Input field of the last frame; absent: none. */
  lastFrameField?: 'end_image' | 'last_frame_image';
  /** Whether the last frame needs the pro mode (1080p). */
  lastFrameNeedsPro?: boolean;
  /** Input field (an array of URLs) of reference images, and the most it takes. */
  referenceImages?: { field: 'reference_images' | 'reference_image_urls'; max: number };
  /** Input field (an array of URLs) of reference videos, and the most it takes. */
  referenceVideos?: { field: 'reference_video_urls'; max: number };
  /** Input field of reference audio (an array, or one URL for `audio`), and the most it takes. */
  referenceAudios?: { field: 'reference_audio_urls' | 'audio'; max: number };
  /** Durations in seconds (`duration`). */
  durations: number[] | { min: number; max: number };
  /** How the resolution is sent: `resolution` (a label), `mode` (Kling), `size` (`W*H`, Wan); absent: none. */
  resolutionField?: 'resolution' | 'mode' | 'size';
  /** Resolution labels (`720p`…) the model takes. */
  resolutions?: string[];
  /** Input field of the aspect ratio; absent: none (`size` carries it, or the image decides). */
  aspectRatioField?: 'aspect_ratio' | 'ratio';
  /** Aspect ratios the model takes. */
  aspectRatios?: string[];
  /** `fps` values; absent: no fps input. */
  fps?: number[];
  /** Whether `seed` is taken. */
  seed: boolean;
  /** `true`: the output has audio (no switch); `false`: silent; absent: unknown. */
  audio?: boolean;
  /** A source video the model edits (its reference video input). */
  sourceVideo?: boolean;
};

/** The models of the reference with their input names (Replicate's per-version API pages). */
export const replicateVideoModelCapabilities: Readonly<Record<string, ReplicateVideoModelCapabilities>> = {
  'kwaivgi/kling-v2.1': {
    name: 'Kling v2.1',
    firstFrameField: 'start_image',
    firstFrameRequired: true,
    lastFrameField: 'end_image',
    lastFrameNeedsPro: true,
    durations: [5, 10],
    resolutionField: 'mode',
    resolutions: ['720p', '1080p'],
    seed: false,
    audio: false,
  },
  'bytedance/seedance-1-lite': {
    name: 'Seedance 1 Lite',
    firstFrameField: 'image',
    lastFrameField: 'last_frame_image',
    referenceImages: { field: 'reference_images', max: 4 },
    durations: { min: 2, max: 12 },
    resolutionField: 'resolution',
    resolutions: ['480p', '720p', '1080p'],
    aspectRatioField: 'aspect_ratio',
    aspectRatios: ['16:9', '4:3', '1:1', '3:4', '9:16', '21:9', '9:21'],
    fps: [24],
    seed: true,
    audio: false,
  },
  'wan-video/wan-2.5-t2v-fast': {
    name: 'Wan 2.5 T2V Fast',
    referenceAudios: { field: 'audio', max: 1 },
    durations: [5, 10],
    resolutionField: 'size',
    resolutions: ['720p', '1080p'],
    aspectRatios: ['16:9', '9:16'],
    seed: true,
    audio: true,
  },
  'minimax/h3-highspeed': {
    name: 'MiniMax H3 Highspeed',
    firstFrameField: 'first_frame_image',
    lastFrameField: 'last_frame_image',
    referenceImages: { field: 'reference_image_urls', max: 9 },
    referenceVideos: { field: 'reference_video_urls', max: 3 },
    referenceAudios: { field: 'reference_audio_urls', max: 3 },
    durations: { min: 4, max: 15 },
    aspectRatioField: 'ratio',
    aspectRatios: ['21:9', '16:9', '4:3', '1:1', '3:4', '9:16'],
    seed: false,
    sourceVideo: true,
  },
};

/** The known model ids, in the order of the table. */
export const REPLICATE_VIDEO_MODEL_IDS = Object.keys(replicateVideoModelCapabilities) as readonly string[];

/** `owner/name` of a model id (`owner/name:version` drops the version); `undefined` for a bare version id. */
export function getReplicateModelName(modelId: string): string | undefined {
  if (modelId.startsWith('deployments/')) return undefined;
  const name = modelId.split(':')[0];
  return /^[\w.-]+\/[\w.-]+$/.test(name) ? name : undefined;
}

/** The table entry of a model id (a pinned version of a known model included); `undefined` when unknown. */
export function getReplicateVideoModelCapabilities(modelId: string): ReplicateVideoModelCapabilities | undefined {
  const name = getReplicateModelName(modelId);
  return name !== undefined && Object.hasOwn(replicateVideoModelCapabilities, name)
    ? replicateVideoModelCapabilities[name]
    : undefined;
}

/** Largest source video H3 takes (MiniMax's reference-video limit, provider-apis-2.md Part 2b §2.5). */
const H3_MAX_VIDEO_BYTES = 50 * 1024 * 1024;

/**
 * A model's capabilities in the spec's terms. An unknown model:
 * `{ maxVideosPerCall: 1 }` (nothing is refused on a guess).
 */
export function toVideoModelV3Capabilities(modelId: string): VideoModelV3Capabilities {
  const table = getReplicateVideoModelCapabilities(modelId);
  if (!table) return { maxVideosPerCall: 1 };
  const imageRoles: Array<'first_frame' | 'last_frame' | 'reference'> = [];
  if (table.firstFrameField) imageRoles.push('first_frame');
  if (table.lastFrameField) imageRoles.push('last_frame');
  if (table.referenceImages) imageRoles.push('reference');
  const referenceKinds: Array<'image' | 'video' | 'audio'> = [];
  if (table.referenceImages) referenceKinds.push('image');
  if (table.referenceVideos) referenceKinds.push('video');
  if (table.referenceAudios) referenceKinds.push('audio');
  const maxReferences =
    (table.referenceImages?.max ?? 0) + (table.referenceVideos?.max ?? 0) + (table.referenceAudios?.max ?? 0);
  const capabilities: VideoModelV3Capabilities = {
    durations: Array.isArray(table.durations) ? [...table.durations] : { ...table.durations },
    ...(table.resolutions && table.aspectRatios
      ? { resolutions: sizesForResolutionNames(table.resolutions, table.aspectRatios) }
      : {}),
    ...(table.aspectRatios ? { aspectRatios: [...table.aspectRatios] } : {}),
    ...(table.fps ? { fps: [...table.fps] } : {}),
    imageRoles,
    referenceKinds,
    maxReferences,
    maxVideosPerCall: 1,
    seed: table.seed,
    ...(table.audio !== undefined ? { audio: table.audio } : {}),
    requiresPrompt: true,
  };
  if (table.sourceVideo) {
    capabilities.sourceVideo = [
      {
        operation: 'edit',
        origins: ['url', 'data'],
        maxDuration: 15,
        maxBytes: H3_MAX_VIDEO_BYTES,
        mediaTypes: ['video/mp4', 'video/quicktime'],
      },
    ];
  }
  return capabilities;
}

/** The events a webhook is sent for (`webhook_events_filter`). */
export const REPLICATE_WEBHOOK_EVENTS = ['start', 'output', 'logs', 'completed'] as const;

/** Options of a Replicate model, under `providerOptions.replicate`. */
export const replicateVideoModelOptionsSchema = z.strictObject({
  /**
   * The model's own inputs, merged into the prediction's `input` last (they win
   * over the mapped call options), named as the model's schema names them, e.g.
   * `{ negative_prompt: 'blur', camera_fixed: true }`. Replicate models are
   * open-ended (each version has its own `openapi_schema`), so this is the one
   * place where options pass through; values must be JSON. Default: none.
   */
  input: z.optional(z.record(z.string(), z.json())),
  /**
   * `webhook_events_filter`, with a webhook URL. Default: `['completed']` (only
   * the terminal delivery, which is what `generateVideo({ webhook })` waits for).
   */
  webhookEventsFilter: z.optional(z.array(z.enum(REPLICATE_WEBHOOK_EVENTS)).check(z.minLength(1))),
  /**
   * `Prefer: wait=N`: hold the create request up to N seconds (1 to 60) for a
   * fast model to finish. Default: none (the job is polled).
   */
  waitSeconds: z.optional(z.int().check(z.gte(1), z.lte(60))),
  /**
   * `Cancel-After`: a deadline such as `'15m'` or `'90s'` after which Replicate
   * ends the prediction (`aborted` if it had not started, `canceled` if it had).
   * Default: none.
   */
  cancelAfter: z.optional(z.string().check(z.regex(/^\d+(\.\d+)?(ms|s|m|h)$/))),
  /**
   * How inputs given as bytes or `data:` URLs reach Replicate: `'auto'` sends
   * those up to 256 KB inline as `data:` URLs (Replicate's advice) and uploads
   * larger ones to `POST /v1/files`, sending the file's URL; `'upload'` uploads
   * every one; `'data-url'` never uploads. `http(s)` URLs are always sent as
   * they are. Default: `'auto'`.
   */
  fileUpload: z.optional(z.enum(['auto', 'upload', 'data-url'])),
  /** Largest input file read for an upload, in bytes. Default: 50 MB (the largest source video a listed model takes). */
  maxInputFileBytes: z.optional(z.int().check(z.positive())),
  /** Time between status requests in `doGenerate`, in ms. Default: 2000. */
  pollIntervalMs: z.optional(z.number().check(z.positive())),
  /** Longest wait in `doGenerate`, in ms. Default: 30 minutes. */
  pollTimeoutMs: z.optional(z.number().check(z.positive())),
});

/** Options of a Replicate model, under `providerOptions.replicate`. */
export type ReplicateVideoModelOptions = z.infer<typeof replicateVideoModelOptionsSchema>;

/**
 * The default time between status requests: 2 s, the interval of the Vercel AI
 * SDK's `@ai-sdk/replicate` video model (Replicate's own JS SDK polls every
 * 500 ms, which suits image models; video predictions run for minutes).
 */
export const REPLICATE_DEFAULT_POLL_INTERVAL_MS = 2000;

/** Largest input sent inline as a `data:` URL with `fileUpload: 'auto'` (Replicate advises data URLs only up to 256 KB). */
export const REPLICATE_MAX_DATA_URL_BYTES = 256 * 1024;

/** Default of `maxInputFileBytes`: 50 MB, MiniMax H3's reference-video limit (the largest input a listed model takes). */
export const REPLICATE_DEFAULT_MAX_INPUT_FILE_BYTES = 50 * 1024 * 1024;

/** How long Replicate keeps an API prediction's output files: 1 hour after it ends (its data-retention default). */
export const REPLICATE_OUTPUT_RETENTION_MS = 60 * 60 * 1000;
