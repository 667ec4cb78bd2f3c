import type { VideoModelV3Capabilities, VideoModelV3SourceVideoCapability } from '@videogen/provider-spec';
import {
  matchAspectRatio,
  matchResolutionName,
  nearestDuration,
  parseVideoSize,
  sizesForResolutionNames,
} from '@videogen/provider-utils';
// `zod/v4/mini`: tree-shakable (see google-error.ts).
import * as z from 'zod/v4/mini';

/**
 * Veo model ids on the Gemini API. Open union: any other id is sent as is
 * (and validated only where its family is known, see
 * {@link getGoogleVideoModelCapabilities}).
 *
 * - `veo-3.1-generate-preview`, `veo-3.1-fast-generate-preview`: documented.
 * - `veo-3.1-lite-generate-preview`: widely used, not in Google's 2026-03
 *   docs snapshot; no 4k.
 * - `veo-3.0-generate-001`, `veo-3.0-fast-generate-001`,
 *   `veo-2.0-generate-001`: documented earlier, reported to answer 404 on the
 *   Gemini API since mid-2026 (still listed for Vertex AI and older keys).
 */
export type GoogleVideoModelId =
  | 'veo-3.1-generate-preview'
  | 'veo-3.1-fast-generate-preview'
  | 'veo-3.1-lite-generate-preview'
  | 'veo-3.0-generate-001'
  | 'veo-3.0-fast-generate-001'
  | 'veo-2.0-generate-001'
  | (string & {});

/** A resolution as Veo names it on the wire. */
export type GoogleVideoResolution = '720p' | '1080p' | '4k';

/** Veo's `personGeneration` values (lowercase on the wire). */
export type GooglePersonGeneration = 'allow_all' | 'allow_adult' | 'dont_allow';

/**
 * What a Veo model accepts (Google's docs, 2026-03, reference §B.6). Used to
 * reject a request before it is paid for.
 */
export type GoogleVideoModelCapabilities = {
  /** The family the model id belongs to. */
  family: 'veo-3.1' | 'veo-3.1-lite' | 'veo-3' | 'veo-2';
  /** Allowed `durationSeconds` (before the 8-second rule). */
  durations: number[];
  /**
   * Resolutions the `resolution` parameter takes. Empty for Veo 2, which has
   * no such parameter and always renders 720p.
   */
  resolutions: GoogleVideoResolution[];
  /** Aspect ratios (`16:9` is the default). */
  aspectRatios: Array<'16:9' | '9:16'>;
  /** Whether a first frame (image-to-video) is accepted. */
  firstFrame: boolean;
  /** Whether a last frame (interpolation, with a first frame) is accepted. */
  lastFrame: boolean;
  /** Most `referenceImages` (0: none). */
  maxReferenceImages: number;
  /** Whether a video can be extended. */
  videoExtension: boolean;
  /** Most videos per request (`sampleCount`). */
  maxVideosPerCall: number;
  /** Whether the output has audio (Veo 3: always on; Veo 2: silent). */
  audio: boolean;
  /**
   * `personGeneration` values that can be valid. Text-to-video lists every
   * value some region accepts (Veo 3 takes `allow_all` outside the EU/UK/CH/
   * MENA and only `allow_adult` there), so only values no region accepts are
   * rejected.
   */
  personGeneration: { textToVideo: GooglePersonGeneration[]; imageToVideo: GooglePersonGeneration[] };
};

const veo31: GoogleVideoModelCapabilities = {
  family: 'veo-3.1',
  durations: [4, 6, 8],
  resolutions: ['720p', '1080p', '4k'],
  aspectRatios: ['16:9', '9:16'],
  firstFrame: true,
  lastFrame: true,
  maxReferenceImages: 3,
  videoExtension: true,
  maxVideosPerCall: 1,
  audio: true,
  personGeneration: { textToVideo: ['allow_all', 'allow_adult'], imageToVideo: ['allow_adult'] },
};

const veo31Lite: GoogleVideoModelCapabilities = {
  ...veo31,
  family: 'veo-3.1-lite',
  resolutions: ['720p', '1080p'],
};

const veo3: GoogleVideoModelCapabilities = {
  ...veo31,
  family: 'veo-3',
  maxReferenceImages: 0,
  videoExtension: false,
};

const veo2: GoogleVideoModelCapabilities = {
  family: 'veo-2',
  durations: [5, 6, 8],
  resolutions: [],
  aspectRatios: ['16:9', '9:16'],
  firstFrame: true,
  lastFrame: true,
  maxReferenceImages: 0,
  videoExtension: false,
  maxVideosPerCall: 2,
  audio: false,
  personGeneration: {
    textToVideo: ['allow_all', 'allow_adult', 'dont_allow'],
    imageToVideo: ['allow_adult', 'dont_allow'],
  },
};

/**
 * The capability table by model id (Gemini API and Vertex AI ids). Ids that
 * are not listed are matched by family ({@link getGoogleVideoModelCapabilities}).
 */
export const googleVideoModelCapabilities: Readonly<Record<string, GoogleVideoModelCapabilities>> = {
  'veo-3.1-generate-preview': veo31,
  'veo-3.1-fast-generate-preview': veo31,
  'veo-3.1-lite-generate-preview': veo31Lite,
  'veo-3.0-generate-001': veo3,
  'veo-3.0-fast-generate-001': veo3,
  'veo-2.0-generate-001': veo2,
  // Vertex AI ids
  'veo-3.1-generate-001': veo31,
  'veo-3.1-fast-generate-001': veo31,
  'veo-3.1-lite-generate-001': veo31Lite,
  'veo-3.0-generate-preview': veo3,
  'veo-3.0-fast-generate-preview': veo3,
};

/**
 * The capabilities of a Veo model id: from the table, else by family prefix
 * (`veo-3.1-lite-…`, `veo-3.1-…`, `veo-3.0-…`, `veo-2.0-…`). `undefined` for
 * an unknown family (e.g. a future `veo-4`): such a model is not validated
 * beyond the wire format.
 */
export function getGoogleVideoModelCapabilities(modelId: string): GoogleVideoModelCapabilities | undefined {
  const id = modelId.startsWith('models/') ? modelId.slice('models/'.length) : modelId;
  const listed = googleVideoModelCapabilities[id];
  if (listed) return listed;
  if (/^veo-3\.1-lite-/.test(id)) return veo31Lite;
  if (/^veo-3\.1-/.test(id)) return veo31;
  if (/^veo-3\.0-/.test(id)) return veo3;
  if (/^veo-2\.0-/.test(id)) return veo2;
  return undefined;
}

/** What narrows a model's durations: Veo needs 8 s with these. */
export type GoogleVideoDurationConstraints = {
  /** `720p` / `1080p` / `4k` or `WxH`; 1080p and 4k need 8 s. */
  resolution?: string;
  /** Reference images need 8 s. */
  referenceImages?: boolean;
  /** Video extension needs 8 s. */
  extension?: boolean;
};

/**
 * The durations (seconds) a Veo model accepts under the given constraints:
 * 1080p, 4k, reference images and extension all need 8 s. `undefined` for a
 * model of unknown family.
 */
export function getGoogleVideoDurations(
  modelId: string,
  constraints: GoogleVideoDurationConstraints = {},
): number[] | undefined {
  const capabilities = getGoogleVideoModelCapabilities(modelId);
  if (!capabilities) return undefined;
  const resolution = constraints.resolution ? parseGoogleResolution(constraints.resolution)?.resolution : undefined;
  const needsEight =
    resolution === '1080p' ||
    resolution === '4k' ||
    constraints.referenceImages === true ||
    constraints.extension === true;
  return needsEight ? capabilities.durations.filter((duration) => duration === 8) : [...capabilities.durations];
}

/**
 * Snaps a duration to the nearest one the model accepts under the given
 * constraints (a tie goes to the longer one, so the video is at least as
 * long as asked). Returns `seconds` unchanged for a model of unknown family.
 *
 * @deprecated Use `nearestDuration(getGoogleVideoDurations(modelId, constraints), seconds)`
 * (`nearestDuration` from `@videogen/provider-utils`): the same result.
 * @example snapGoogleVideoDuration('veo-3.1-generate-preview', 5) // 6
 * @example snapGoogleVideoDuration('veo-3.1-generate-preview', 5, { resolution: '1080p' }) // 8
 */
export function snapGoogleVideoDuration(
  modelId: string,
  seconds: number,
  constraints: GoogleVideoDurationConstraints = {},
): number {
  return nearestDuration(getGoogleVideoDurations(modelId, constraints), seconds);
}

/** Veo's resolution names, in the order capabilities list them. */
export const GOOGLE_VIDEO_RESOLUTIONS: readonly GoogleVideoResolution[] = ['720p', '1080p', '4k'];

/** Veo's aspect ratios. */
const GOOGLE_ASPECT_RATIOS: ReadonlyArray<'16:9' | '9:16'> = ['16:9', '9:16'];

/**
 * Maps `WxH` (e.g. `1920x1080`) or a named resolution (`1080p`, `4k`,
 * `2160p`, any case) to Veo's wire value, with the aspect ratio a size
 * implies (within 2%). `undefined` when it maps to nothing.
 */
export function parseGoogleResolution(
  value: string,
): { resolution: GoogleVideoResolution; aspectRatio?: '16:9' | '9:16' } | undefined {
  const size = parseVideoSize(value);
  const resolution = matchResolutionName(size ?? value, GOOGLE_VIDEO_RESOLUTIONS) as GoogleVideoResolution | undefined;
  if (!resolution) return undefined;
  if (!size) return { resolution };
  const aspectRatio = matchAspectRatio(size, GOOGLE_ASPECT_RATIOS) as '16:9' | '9:16' | undefined;
  return aspectRatio ? { resolution, aspectRatio } : undefined;
}

/** The `WxH` sizes of a model's resolutions and aspect ratios, for `capabilities.resolutions`. */
export function getGoogleVideoSizes(capabilities: GoogleVideoModelCapabilities): string[] {
  // Veo 2 has no resolution parameter and always renders 720p.
  const resolutions = capabilities.resolutions.length > 0 ? capabilities.resolutions : ['720p'];
  return sizesForResolutionNames(resolutions, capabilities.aspectRatios);
}

/** URL schemes Vertex AI takes for inputs: Cloud Storage `gs://` besides the defaults. */
export const VERTEX_INPUT_URL_SCHEMES: readonly string[] = ['http', 'https', 'data', 'gs'];

/**
 * A model's capabilities in the spec's terms (`capabilities` of the model).
 * Only `seed` (and Vertex's `inputUrlSchemes`) is known for a model of unknown family.
 */
export function toVideoModelV3Capabilities(
  modelId: string,
  { seed, inputUrlSchemes }: { seed: boolean; inputUrlSchemes?: readonly string[] },
): VideoModelV3Capabilities {
  const table = getGoogleVideoModelCapabilities(modelId);
  const schemes = inputUrlSchemes ? { inputUrlSchemes: [...inputUrlSchemes] } : {};
  if (!table) return { seed, ...schemes };
  return {
    durations: table.durations,
    resolutions: getGoogleVideoSizes(table),
    aspectRatios: table.aspectRatios,
    imageRoles: [
      ...(table.firstFrame ? (['first_frame'] as const) : []),
      ...(table.lastFrame ? (['last_frame'] as const) : []),
      ...(table.maxReferenceImages > 0 ? (['reference'] as const) : []),
    ],
    referenceKinds: [
      ...(table.maxReferenceImages > 0 ? (['image'] as const) : []),
      ...(table.videoExtension ? (['video'] as const) : []),
    ],
    maxReferences: table.maxReferenceImages,
    maxVideosPerCall: table.maxVideosPerCall,
    seed,
    audio: table.audio,
    ...(table.videoExtension ? { sourceVideo: [copyCapability(VEO_EXTEND_CAPABILITY)] } : {}),
    ...schemes,
  };
}

function copyCapability(capability: Readonly<VideoModelV3SourceVideoCapability>): VideoModelV3SourceVideoCapability {
  return {
    ...capability,
    origins: [...capability.origins],
    ...(capability.mediaTypes ? { mediaTypes: [...capability.mediaTypes] } : {}),
    ...(Array.isArray(capability.durations) ? { durations: [...capability.durations] } : {}),
  };
}

/**
 * Veo's video extension (Gemini API and Vertex AI alike): the previous
 * generation's own video (`'job'`: its file URI, or its `gs://` URI / bytes on
 * Vertex) or a video file sent inline (`'data'`; an `http(s)` URL is fetched
 * first, a Gemini file URI or a Vertex `gs://` URI is passed by reference).
 * Google takes no other URLs. Inputs up to 141 s (output up to 148 s), 720p,
 * `durationSeconds` 8 (Google's docs, 2026-03; reference §B.6).
 */
export const VEO_EXTEND_CAPABILITY: Readonly<VideoModelV3SourceVideoCapability> = Object.freeze({
  operation: 'extend' as const,
  origins: ['job' as const, 'data' as const],
  maxDuration: 141,
  mediaTypes: ['video/mp4'],
  durations: [8],
});

const personGenerationSchema = z.enum(['allow_all', 'allow_adult', 'dont_allow']);

/**
 * Options shared by the Gemini API (`providerOptions.google`) and Vertex AI
 * (`providerOptions.vertex`).
 */
export const googleVideoModelOptionsSchema = z.strictObject({
  /** What the video should not show, e.g. `'cartoon, low quality'`. */
  negativePrompt: z.optional(z.string()),
  /**
   * Whether people may be generated: `allow_all`, `allow_adult`, `dont_allow`.
   * Veo 3.x: text-to-video and extension take `allow_all` (`allow_adult` in
   * the EU/UK/CH/MENA), image-to-video, interpolation and references take
   * `allow_adult` only. Veo 2: text-to-video any, image-to-video
   * `allow_adult` / `dont_allow`. Default: Google's.
   */
  personGeneration: z.optional(personGenerationSchema),
  /** Let Google rewrite the prompt (`enhancePrompt`). Default: Google's. */
  enhancePrompt: z.optional(z.boolean()),
  /** Time between status requests in `doGenerate`, in ms. Default: 10000. */
  pollIntervalMs: z.optional(z.number().check(z.positive())),
  /** Longest wait in `doGenerate`, in ms. Default: 30 minutes. */
  pollTimeoutMs: z.optional(z.number().check(z.positive())),
  /**
   * Largest input file (image, or video to extend) fetched from a URL, in
   * bytes. Veo takes no URLs, so the provider fetches them (without any
   * credentials) and sends the bytes. Default: 20 MiB.
   */
  maxInputFileBytes: z.optional(z.int().check(z.positive())),
  /**
   * Let an input URL (an image, a video to extend), or a redirect it
   * answers with, reach loopback or a private network when the provider
   * fetches it, and likewise the video that `doGenerate` downloads (the path
   * of the Vercel AI SDK, which cannot pass core's `createDownload` setting;
   * e.g. the local emulator, whose storage is on `localhost`). Default:
   * `false` (refused before any request, as `createDownload` does).
   */
  allowPrivateNetwork: z.optional(z.boolean()),
});

/** Options of Veo on the Gemini API, under `providerOptions.google`. */
export const googleGeminiVideoModelOptionsSchema = z.extend(googleVideoModelOptionsSchema, {
  /**
   * `userMetadata` of the per-request webhook (`webhookConfig`), returned in
   * the `video.generated` delivery. Used only with a webhook URL.
   */
  webhookUserMetadata: z.optional(z.record(z.string(), z.unknown())),
});

/** Options of Veo on the Gemini API, under `providerOptions.google`. */
export type GoogleVideoModelOptions = z.infer<typeof googleGeminiVideoModelOptionsSchema>;

/**
 * Per-file options of a reference image, under
 * `inputReferences[i].providerOptions.google` (or `.vertex`).
 */
export const googleReferenceImageOptionsSchema = z.strictObject({
  /**
   * `asset` (the subject to keep; default) or `style` (Vertex `veo-2.0-generate-exp`
   * only). Sent lowercase as in Google's REST docs; `ASSET` / `STYLE` are
   * accepted too and sent as given.
   */
  referenceType: z.optional(z.enum(['asset', 'style', 'ASSET', 'STYLE'])),
});

/**
 * The default time between status requests: 10 s, as Google's Veo samples
 * poll (`time.sleep(10)` in ai.google.dev/gemini-api/docs/video); a job takes
 * 11 s to 6 min.
 */
export const GOOGLE_DEFAULT_POLL_INTERVAL_MS = 10_000;

/**
 * Veo model ids on Vertex AI (Gemini Enterprise Agent Platform). Open union.
 */
export type VertexVideoModelId =
  | 'veo-3.1-generate-001'
  | 'veo-3.1-fast-generate-001'
  | 'veo-3.1-lite-generate-001'
  | 'veo-3.1-generate-preview'
  | 'veo-3.1-fast-generate-preview'
  | 'veo-3.0-generate-001'
  | 'veo-3.0-fast-generate-001'
  | 'veo-2.0-generate-001'
  | (string & {});

/** The Veo model ids on Vertex AI this package knows (the named members of {@link VertexVideoModelId}). */
export const VERTEX_VIDEO_MODEL_IDS: readonly string[] = Object.freeze([
  'veo-3.1-generate-001',
  'veo-3.1-fast-generate-001',
  'veo-3.1-lite-generate-001',
  'veo-3.1-generate-preview',
  'veo-3.1-fast-generate-preview',
  'veo-3.0-generate-001',
  'veo-3.0-fast-generate-001',
  'veo-2.0-generate-001',
]);

/** Options of Veo on Vertex AI, under `providerOptions.vertex`. */
export const vertexVideoModelOptionsSchema = z.extend(googleVideoModelOptionsSchema, {
  /**
   * A `gs://` bucket path where Vertex writes the videos (`storageUri`).
   * Without it, Vertex returns the videos as bytes.
   */
  storageUri: z.optional(z.string().check(z.startsWith('gs://'))),
  /** `optimized` (default) or `lossless`. */
  compressionQuality: z.optional(z.enum(['optimized', 'lossless'])),
});

/** Options of Veo on Vertex AI, under `providerOptions.vertex`. */
export type VertexVideoModelOptions = z.infer<typeof vertexVideoModelOptionsSchema>;
