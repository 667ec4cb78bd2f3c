import type { VideoModelV3Capabilities, VideoModelV3SourceVideoCapability } from '@videogen/provider-spec';
import { sizesForResolutionNames } from '@videogen/provider-utils';
// `zod/v4/mini`: tree-shakable (see alibaba-error.ts).
import * as z from 'zod/v4/mini';

/**
 * Wan model ids on DashScope (Model Studio). Open union: any other id is sent
 * as is, its kind read from its name (`kf2v`, `r2v`, `i2v`, `t2v`, `wan2.7-`,
 * `wan3`) and validated only where that is known.
 */
export type AlibabaVideoModelId =
  | 'wan2.6-t2v'
  | 'wan2.5-t2v-preview'
  | 'wan2.2-t2v-plus'
  | 'wanx2.1-t2v-turbo'
  | 'wanx2.1-t2v-plus'
  | 'wan2.6-i2v-flash'
  | 'wan2.6-i2v'
  | 'wan2.5-i2v-preview'
  | 'wan2.2-i2v-flash'
  | 'wan2.2-i2v-plus'
  | 'wanx2.1-i2v-plus'
  | 'wanx2.1-i2v-turbo'
  | 'wan2.2-kf2v-flash'
  | 'wanx2.1-kf2v-plus'
  | 'wan2.6-r2v'
  | 'wan2.6-r2v-flash'
  | 'wan2.7-t2v'
  | 'wan2.7-i2v'
  | 'wan2.7-r2v'
  | 'wan2.7-videoedit'
  | 'wan3.0-video'
  | (string & {});

/** The model ids the package knows, as `listVideoModels` lists them. */
export const ALIBABA_VIDEO_MODEL_IDS = [
  'wan2.6-t2v',
  'wan2.5-t2v-preview',
  'wan2.2-t2v-plus',
  'wanx2.1-t2v-turbo',
  'wanx2.1-t2v-plus',
  'wan2.6-i2v-flash',
  'wan2.6-i2v',
  'wan2.5-i2v-preview',
  'wan2.2-i2v-flash',
  'wan2.2-i2v-plus',
  'wanx2.1-i2v-plus',
  'wanx2.1-i2v-turbo',
  'wan2.2-kf2v-flash',
  'wanx2.1-kf2v-plus',
  'wan2.6-r2v',
  'wan2.6-r2v-flash',
  'wan2.7-t2v',
  'wan2.7-i2v',
  'wan2.7-r2v',
  'wan2.7-videoedit',
  'wan3.0-video',
] as const satisfies readonly AlibabaVideoModelId[];

/**
 * How a model is called:
 * - `t2v`: text to video, `parameters.size` (`W*H`);
 * - `i2v`: first frame in `input.img_url`, `parameters.resolution` tier;
 * - `kf2v`: first and last frame (`first_frame_url`, `last_frame_url`) on the `image2video` path;
 * - `r2v`: reference images and videos in `input.reference_urls`, `parameters.size`;
 * - `media`: wan2.7 / wan3.0, every input in `input.media[]`, `parameters.resolution` + `ratio`.
 */
export type AlibabaVideoMode = 't2v' | 'i2v' | 'kf2v' | 'r2v' | 'media';

/** A resolution tier as DashScope names it. */
export type AlibabaResolutionTier = '480P' | '720P' | '1080P';

/** What a Wan model accepts (DashScope API references, 2025-12 / 2026-01; reference §3.3-3.4). */
export type AlibabaVideoModelCapabilities = {
  mode: AlibabaVideoMode;
  /** Resolution tiers; `undefined` when not confirmed. */
  tiers?: AlibabaResolutionTier[];
  /** The tier the API uses when none is sent. */
  defaultTier?: AlibabaResolutionTier;
  /** Durations in seconds; `undefined` when not confirmed. */
  durations?: number[] | { min: number; max: number };
  /** `true`: the video has audio (always, unless `audioToggle`); `false`: silent. */
  audio: boolean;
  /** Whether `parameters.audio` turns audio on and off. */
  audioToggle?: boolean;
  /** Longest prompt in characters. */
  maxPromptLength?: number;
  /** Media protocol (wan2.7, wan3): the `ratio` values. */
  ratios?: string[];
  /** Media protocol: the media types `input.media[]` takes. */
  mediaTypes?: AlibabaMediaType[];
  /** Most reference inputs. */
  maxReferences?: number;
  /** Whether the API takes a `shot_type` (wan2.6). */
  shotType?: boolean;
};

/** The entries of `input.media[]` (wan2.7, wan3.0). */
export type AlibabaMediaType =
  | 'first_frame'
  | 'last_frame'
  | 'driving_audio'
  | 'first_clip'
  | 'reference_image'
  | 'reference_video'
  | 'reference_audio'
  | 'video';

const WAN27_RATIOS = ['16:9', '9:16', '1:1', '4:3', '3:4'];

const table: Record<string, AlibabaVideoModelCapabilities> = {
  'wan2.6-t2v': {
    mode: 't2v',
    tiers: ['720P', '1080P'],
    defaultTier: '1080P',
    durations: [5, 10, 15],
    audio: true,
    maxPromptLength: 1500,
    shotType: true,
  },
  'wan2.5-t2v-preview': {
    mode: 't2v',
    tiers: ['480P', '720P', '1080P'],
    defaultTier: '1080P',
    durations: [5, 10],
    audio: true,
    maxPromptLength: 1500,
  },
  'wan2.2-t2v-plus': {
    mode: 't2v',
    tiers: ['480P', '1080P'],
    defaultTier: '1080P',
    durations: [5],
    audio: false,
    maxPromptLength: 800,
  },
  'wanx2.1-t2v-turbo': {
    mode: 't2v',
    tiers: ['480P', '720P'],
    defaultTier: '720P',
    durations: [5],
    audio: false,
    maxPromptLength: 800,
  },
  'wanx2.1-t2v-plus': {
    mode: 't2v',
    tiers: ['720P'],
    defaultTier: '720P',
    durations: [5],
    audio: false,
    maxPromptLength: 800,
  },
  'wan2.6-i2v-flash': {
    mode: 'i2v',
    tiers: ['720P', '1080P'],
    defaultTier: '1080P',
    durations: { min: 2, max: 15 },
    audio: true,
    audioToggle: true,
    maxPromptLength: 1500,
    shotType: true,
  },
  'wan2.6-i2v': {
    mode: 'i2v',
    tiers: ['720P', '1080P'],
    defaultTier: '1080P',
    durations: [5, 10, 15],
    audio: true,
    maxPromptLength: 1500,
    shotType: true,
  },
  'wan2.5-i2v-preview': {
    mode: 'i2v',
    tiers: ['480P', '720P', '1080P'],
    defaultTier: '1080P',
    durations: [5, 10],
    audio: true,
    maxPromptLength: 1500,
  },
  'wan2.2-i2v-flash': {
    mode: 'i2v',
    tiers: ['480P', '720P', '1080P'],
    defaultTier: '720P',
    durations: [5],
    audio: false,
    maxPromptLength: 800,
  },
  'wan2.2-i2v-plus': {
    mode: 'i2v',
    tiers: ['480P', '1080P'],
    defaultTier: '1080P',
    durations: [5],
    audio: false,
    maxPromptLength: 800,
  },
  'wanx2.1-i2v-plus': {
    mode: 'i2v',
    tiers: ['720P'],
    defaultTier: '720P',
    durations: [5],
    audio: false,
    maxPromptLength: 800,
  },
  'wanx2.1-i2v-turbo': {
    mode: 'i2v',
    tiers: ['480P', '720P'],
    defaultTier: '720P',
    durations: [3, 4, 5],
    audio: false,
    maxPromptLength: 800,
  },
  // Tiers of wan2.2-kf2v-flash are not confirmed: any tier is sent as given.
  'wan2.2-kf2v-flash': { mode: 'kf2v', durations: [5], audio: false, maxPromptLength: 800 },
  'wanx2.1-kf2v-plus': {
    mode: 'kf2v',
    tiers: ['720P'],
    defaultTier: '720P',
    durations: [5],
    audio: false,
    maxPromptLength: 800,
  },
  // Durations of the r2v models are not confirmed (5/10 from third parties only).
  'wan2.6-r2v': {
    mode: 'r2v',
    tiers: ['720P', '1080P'],
    defaultTier: '1080P',
    audio: true,
    maxPromptLength: 1500,
    maxReferences: 5,
    shotType: true,
  },
  'wan2.6-r2v-flash': {
    mode: 'r2v',
    tiers: ['720P', '1080P'],
    defaultTier: '1080P',
    audio: true,
    audioToggle: true,
    maxPromptLength: 1500,
    maxReferences: 5,
    shotType: true,
  },
  // wan2.7 always has audio; its durations are not confirmed.
  'wan2.7-t2v': { mode: 'media', tiers: ['720P', '1080P'], audio: true, ratios: WAN27_RATIOS, mediaTypes: [] },
  'wan2.7-i2v': {
    mode: 'media',
    tiers: ['720P', '1080P'],
    audio: true,
    ratios: WAN27_RATIOS,
    mediaTypes: ['first_frame', 'last_frame', 'driving_audio', 'first_clip'],
  },
  'wan2.7-r2v': {
    mode: 'media',
    tiers: ['720P', '1080P'],
    audio: true,
    ratios: WAN27_RATIOS,
    mediaTypes: ['reference_image', 'reference_video'],
  },
  // Video-to-video edit: the source video (providerOptions.alibaba.videoUrl) and optional reference images.
  'wan2.7-videoedit': {
    mode: 'media',
    tiers: ['720P', '1080P'],
    audio: true,
    ratios: WAN27_RATIOS,
    mediaTypes: ['video', 'reference_image'],
  },
  'wan3.0-video': {
    mode: 'media',
    tiers: ['480P', '720P', '1080P'],
    defaultTier: '1080P',
    durations: { min: 2, max: 30 },
    audio: true,
    audioToggle: true,
    ratios: [...WAN27_RATIOS, 'adaptive'],
    mediaTypes: ['first_frame', 'last_frame', 'reference_image', 'reference_video', 'reference_audio'],
    maxReferences: 20,
  },
};

/** The capability table by model id (see the README's model table). */
export const alibabaVideoModelCapabilities: Readonly<Record<string, AlibabaVideoModelCapabilities>> = table;

/**
 * The capabilities of a Wan model id: from the table, else (dated aliases
 * such as `wan2.7-t2v-2026-06-12`) the listed id it starts with, else only
 * the mode read from the name. `undefined` when even the mode is unknown.
 */
export function getAlibabaVideoModelCapabilities(modelId: string): AlibabaVideoModelCapabilities | undefined {
  const listed = table[modelId];
  if (listed) return listed;
  const prefix = Object.keys(table)
    .filter((id) => modelId.startsWith(`${id}-`))
    .sort((a, b) => b.length - a.length)[0];
  if (prefix) return table[prefix];
  const mode = modeFromName(modelId);
  return mode ? { mode, audio: true } : undefined;
}

function modeFromName(modelId: string): AlibabaVideoMode | undefined {
  if (/^wan(2\.7|3)/.test(modelId)) return 'media';
  if (modelId.includes('kf2v')) return 'kf2v';
  if (modelId.includes('r2v')) return 'r2v';
  if (modelId.includes('i2v')) return 'i2v';
  if (modelId.includes('t2v')) return 't2v';
  return undefined;
}

/**
 * The exact `W*H` sizes of each tier for `parameters.size` (t2v and r2v):
 * DashScope takes these sizes only, not a tier.
 */
export const ALIBABA_TIER_SIZES: Readonly<Record<AlibabaResolutionTier, readonly string[]>> = {
  '480P': ['832x480', '480x832', '624x624'],
  '720P': ['1280x720', '720x1280', '960x960', '1088x832', '832x1088'],
  '1080P': ['1920x1080', '1080x1920', '1440x1440', '1632x1248', '1248x1632'],
};

/** Aspect ratios of the `size` values (1088*832 and 1632*1248 are 4:3 within 2%). */
const SIZE_ASPECT_RATIOS = ['16:9', '9:16', '1:1', '4:3', '3:4'];

/** Aspect ratios an input image may have on the tier-based models (the video follows the image). */
const IMAGE_ASPECT_RATIOS = ['16:9', '9:16', '1:1', '4:3', '3:4'];

/** A model's capabilities in the spec's terms. */
export function toVideoModelV3Capabilities(modelId: string): VideoModelV3Capabilities {
  const model = getAlibabaVideoModelCapabilities(modelId);
  const base: VideoModelV3Capabilities = {
    maxVideosPerCall: 1,
    seed: true,
    inputUrlSchemes: ['http', 'https', 'data', 'oss'],
    imageMediaTypes: ['image/jpeg', 'image/png', 'image/bmp', 'image/webp'],
  };
  if (!model) return base;
  const tiers = model.tiers;
  let resolutions: string[] | undefined;
  let aspectRatios: string[] | undefined;
  if (tiers && (model.mode === 't2v' || model.mode === 'r2v')) {
    resolutions = tiers.flatMap((tier) => ALIBABA_TIER_SIZES[tier]);
    aspectRatios = SIZE_ASPECT_RATIOS;
  } else if (tiers && model.mode === 'media') {
    aspectRatios = model.ratios?.filter((ratio) => ratio !== 'adaptive');
    resolutions = sizesForResolutionNames(tiers, aspectRatios ?? []);
  } else if (tiers) {
    resolutions = sizesForResolutionNames(tiers, IMAGE_ASPECT_RATIOS);
  }
  const media = model.mediaTypes;
  const sourceVideo = toSourceVideoCapabilities(model);
  const imageRoles: VideoModelV3Capabilities['imageRoles'] =
    model.mode === 't2v'
      ? []
      : model.mode === 'i2v'
        ? ['first_frame']
        : model.mode === 'kf2v'
          ? ['first_frame', 'last_frame']
          : model.mode === 'r2v'
            ? ['reference']
            : media
              ? [
                  ...(media.includes('first_frame') ? (['first_frame'] as const) : []),
                  ...(media.includes('last_frame') ? (['last_frame'] as const) : []),
                  ...(media.includes('reference_image') ? (['reference'] as const) : []),
                ]
              : undefined;
  const referenceKinds: VideoModelV3Capabilities['referenceKinds'] =
    model.mode === 'r2v'
      ? ['image', 'video']
      : media
        ? [
            ...(media.includes('reference_image') ? (['image'] as const) : []),
            ...(media.includes('reference_video') ? (['video'] as const) : []),
            ...(media.includes('reference_audio') ? (['audio'] as const) : []),
          ]
        : model.mode === 'media'
          ? undefined
          : [];
  return {
    ...base,
    ...(model.durations !== undefined ? { durations: model.durations } : {}),
    ...(resolutions !== undefined ? { resolutions } : {}),
    ...(aspectRatios !== undefined ? { aspectRatios } : {}),
    ...(imageRoles !== undefined ? { imageRoles } : {}),
    ...(referenceKinds !== undefined ? { referenceKinds } : {}),
    ...(model.maxReferences !== undefined
      ? { maxReferences: model.maxReferences }
      : referenceKinds?.length === 0
        ? { maxReferences: 0 }
        : {}),
    ...(model.mode === 't2v' || model.mode === 'r2v' ? { requiresPrompt: true } : {}),
    ...(model.maxPromptLength !== undefined ? { maxPromptLength: model.maxPromptLength } : {}),
    ...(model.audio === false || model.tiers ? { audio: model.audio } : {}),
    ...(sourceVideo.length > 0 ? { sourceVideo } : {}),
  };
}

/** Source videos DashScope takes: MP4 or MOV, 2–10 s (wan2.7-videoedit also ≤ 100 MB), by public URL. */
const SOURCE_VIDEO_MEDIA_TYPES = ['video/mp4', 'video/quicktime'];

/**
 * The source-video operations of a Wan model, from its `input.media[]` types:
 * - `video` (wan2.7-videoedit): `edit`, the source as `{ type: 'video', url }`;
 * - `first_clip` (wan2.7-i2v): `extend`, the clip continued to `duration`
 *   seconds in all (2–15), as `{ type: 'first_clip', url }`.
 * A public URL only (DashScope fetches media by URL; an OSS temporary upload
 * goes through `providerOptions.alibaba.videoUrl` / `firstClipUrl`).
 */
function toSourceVideoCapabilities(model: AlibabaVideoModelCapabilities): VideoModelV3SourceVideoCapability[] {
  const media = model.mediaTypes ?? [];
  const entries: VideoModelV3SourceVideoCapability[] = [];
  if (media.includes('video')) {
    entries.push({
      operation: 'edit',
      origins: ['url'],
      maxDuration: 10,
      maxBytes: 100 * 1024 * 1024,
      mediaTypes: SOURCE_VIDEO_MEDIA_TYPES,
    });
  }
  if (media.includes('first_clip')) {
    entries.push({
      operation: 'extend',
      origins: ['url'],
      maxDuration: 10,
      mediaTypes: SOURCE_VIDEO_MEDIA_TYPES,
      durations: { min: 2, max: 15 },
    });
  }
  return entries;
}

/** Options of Wan on DashScope, under `providerOptions.alibaba`. */
export const alibabaVideoModelOptionsSchema = z.strictObject({
  /** What the video should not show (`input.negative_prompt`, at most 500 characters). Default: none. */
  negativePrompt: z.optional(z.string()),
  /** Let DashScope rewrite the prompt with an LLM (`parameters.prompt_extend`). Default: DashScope's (`true`). */
  promptExtend: z.optional(z.boolean()),
  /**
   * `single` or `multi` shots (`parameters.shot_type`, wan2.6 only; takes effect only with
   * `promptExtend: true`). Default: DashScope's (`single`).
   */
  shotType: z.optional(z.enum(['single', 'multi'])),
  /** Add the "AI生成" watermark (`parameters.watermark`). Default: DashScope's (`false`). */
  watermark: z.optional(z.boolean()),
  /**
   * An audio track for the video (wan2.5 / wan2.6 `input.audio_url`; wav or mp3, 3-30 s):
   * a URL or a `data:` URI. Default: none (the model makes its own audio).
   */
  audioUrl: z.optional(z.string()),
  /** A video-effect template for i2v models (`input.template`, e.g. `'flying'`). Default: none. */
  template: z.optional(z.string()),
  /**
   * wan2.7-i2v: a video clip to continue (`input.media[]` of type `first_clip`), a URL or
   * `data:` URI; the model extends it. The provider-specific way of
   * `sourceVideo: { operation: 'extend' }` (giving both is an error). Default: none.
   */
  firstClipUrl: z.optional(z.string()),
  /**
   * wan2.7-videoedit: the video to edit (`input.media[]` of type `video`), a URL or `data:` URI;
   * the prompt says what to change. The provider-specific way of
   * `sourceVideo: { operation: 'edit' }` (giving both is an error). Default: none (wan2.7-videoedit
   * needs one of the two).
   */
  videoUrl: z.optional(z.string()),
  /** wan2.7-i2v: audio that drives the video (`input.media[]` of type `driving_audio`). Default: none. */
  drivingAudioUrl: z.optional(z.string()),
  /** Time between status requests in `doGenerate`, in ms. Default: 15000. */
  pollIntervalMs: z.optional(z.number().check(z.positive())),
  /** Longest wait in `doGenerate`, in ms. Default: 30 minutes. */
  pollTimeoutMs: z.optional(z.number().check(z.positive())),
  /**
   * Let the video that `doGenerate` downloads be on loopback or a private network (e.g. the
   * local emulator's storage on `localhost`). Default: `false`.
   */
  allowPrivateNetwork: z.optional(z.boolean()),
});

/** Options of Wan on DashScope, under `providerOptions.alibaba`. */
export type AlibabaVideoModelOptions = z.infer<typeof alibabaVideoModelOptionsSchema>;

/**
 * The default time between status requests: 15 s, as DashScope's video API
 * references advise ("poll about every 15 seconds"; a job takes 1-5 minutes).
 */
export const ALIBABA_DEFAULT_POLL_INTERVAL_MS = 15_000;
