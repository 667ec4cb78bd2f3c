import type { VideoModelV3Capabilities } from '@videogen/provider-spec';
import { sizesForResolutionNames } from '@videogen/provider-utils';
// `zod/v4/mini`: tree-shakable (see luma-error.ts).
import * as z from 'zod/v4/mini';

/**
 * Dream Machine video model ids. Open union: any other id is sent as is and
 * validated only on the wire format.
 *
 * - `ray-2`, `ray-flash-2`: the models of the official SDK (`lumaai@1.19.1`).
 * - `ray-1-6`: the older model, accepted by `lumaai` up to 1.18.2; its
 *   limits are not documented, so only its aspect ratios are checked.
 *
 * Ray 3.x is served by Luma's separate Agents API, not by this one.
 */
export type LumaVideoModelId = 'ray-2' | 'ray-flash-2' | 'ray-1-6' | (string & {});

/** A resolution as Luma names it on the wire. */
export type LumaVideoResolution = '540p' | '720p' | '1080p' | '4k';

/** Luma's aspect ratios (`16:9` is the default). */
export const LUMA_ASPECT_RATIOS = ['1:1', '16:9', '9:16', '4:3', '3:4', '21:9', '9:21'] as const;

/** Luma's resolution names, in the order capabilities list them. */
export const LUMA_RESOLUTIONS: readonly LumaVideoResolution[] = ['540p', '720p', '1080p', '4k'];

/** What a Dream Machine model accepts (`lumaai@1.19.1` types, docs.lumalabs.ai). */
export type LumaVideoModelCapabilities = {
  /** Durations in seconds (`"5s"`, `"9s"` on the wire); `undefined`: not documented. */
  durations?: number[];
  /** Resolution names; `undefined`: not documented. */
  resolutions?: LumaVideoResolution[];
  /** Aspect ratios. */
  aspectRatios: string[];
};

const ray2: LumaVideoModelCapabilities = {
  durations: [5, 9],
  resolutions: ['540p', '720p', '1080p', '4k'],
  aspectRatios: [...LUMA_ASPECT_RATIOS],
};

/** The capability table by model id. */
export const lumaVideoModelCapabilities: Readonly<Record<string, LumaVideoModelCapabilities>> = {
  'ray-2': ray2,
  'ray-flash-2': ray2,
  'ray-1-6': { aspectRatios: [...LUMA_ASPECT_RATIOS] },
};

/** The capabilities of a model id; `undefined` for an id that is not in the table. */
export function getLumaVideoModelCapabilities(modelId: string): LumaVideoModelCapabilities | undefined {
  return lumaVideoModelCapabilities[modelId];
}

/**
 * A model's capabilities in the spec's terms. Every model: one video per
 * request, first and last frame (`keyframes.frame0` / `frame1`), no
 * reference images or videos, no seed, no audio (Luma adds audio in a separate
 * call), images only as `http(s)` URLs. Source videos: `extend` a completed
 * generation of this provider (`keyframes.frame0 = { type: 'generation', id }`;
 * Luma takes no video file there), and `video-to-video` (`/generations/video/modify`,
 * `ray-2` and `ray-flash-2`) from a generation of this provider or a public URL
 * (Luma fetches it; it has no upload).
 */
export function toLumaVideoModelCapabilities(modelId: string): VideoModelV3Capabilities {
  const table = getLumaVideoModelCapabilities(modelId);
  // An unknown id may be a modify model: only what no model takes is refused.
  const modifies = !table || LUMA_MODIFY_MODELS.includes(modelId);
  const sourceVideo: NonNullable<VideoModelV3Capabilities['sourceVideo']> = [
    { operation: 'extend', origins: ['job'] },
    ...(modifies ? [{ operation: 'video-to-video' as const, origins: ['job' as const, 'url' as const] }] : []),
  ];
  const common: VideoModelV3Capabilities = {
    imageRoles: ['first_frame', 'last_frame'],
    referenceKinds: [],
    maxReferences: 0,
    maxVideosPerCall: 1,
    seed: false,
    audio: false,
    inputUrlSchemes: ['http', 'https'],
    sourceVideo,
  };
  if (!table) return common;
  return {
    ...(table.durations ? { durations: table.durations } : {}),
    ...(table.resolutions ? { resolutions: sizesForResolutionNames(table.resolutions, table.aspectRatios) } : {}),
    aspectRatios: table.aspectRatios,
    ...common,
  };
}

/**
 * The default time between status requests: 5 s. Luma documents no interval
 * (callbacks are its alternative to polling); a 5 s Ray 2 clip takes about
 * 30–60 s, and video creation is limited to 20 requests a minute.
 */
export const LUMA_DEFAULT_POLL_INTERVAL_MS = 5_000;

const generationIdSchema = z.string().check(z.regex(/^[\w-]+$/));

/** How far a modified video may depart from its source: `adhere_*` keeps most, `reimagine_*` least. */
export const LUMA_MODIFY_MODES = [
  'adhere_1',
  'adhere_2',
  'adhere_3',
  'flex_1',
  'flex_2',
  'flex_3',
  'reimagine_1',
  'reimagine_2',
  'reimagine_3',
] as const;

/** A modify mode (`LUMA_MODIFY_MODES`). */
export type LumaModifyMode = (typeof LUMA_MODIFY_MODES)[number];

/** The models Luma's modify endpoint takes. */
export const LUMA_MODIFY_MODELS: readonly string[] = ['ray-2', 'ray-flash-2'];

/** Options of a Dream Machine model, under `providerOptions.luma`. */
export const lumaVideoModelOptionsSchema = z.strictObject({
  /** Make the video loop seamlessly (`loop`). Default: Luma's (`false`). */
  loop: z.optional(z.boolean()),
  /**
   * Camera concepts (`concepts: [{ key }]`), e.g. `['dolly_zoom']`; Luma
   * lists them at `GET /generations/concepts/list`. Default: none.
   */
  concepts: z.optional(z.array(z.string().check(z.minLength(1)))),
  /**
   * **Extend**, the provider-specific way (the provider-neutral one is the `sourceVideo`
   * call option with `operation: 'extend'` and the job): the id of a completed generation this video continues
   * (`keyframes.frame0 = { type: 'generation', id }`). Not together with a
   * first-frame image. With `endGenerationId`: interpolate between the two.
   * Default: none.
   */
  startGenerationId: z.optional(generationIdSchema),
  /**
   * **Reverse extend**: the id of a completed generation this video leads
   * into (`keyframes.frame1 = { type: 'generation', id }`). Not together
   * with a last-frame image. Default: none.
   */
  endGenerationId: z.optional(generationIdSchema),
  /**
   * **Video-to-video**, the provider-specific way (the provider-neutral one is the
   * `sourceVideo` call option with `operation: 'video-to-video'`; giving both is an
   * error) (`POST /generations/video/modify`): restyle the video at
   * `videoUrl` (an http(s) URL Luma fetches) with the prompt, `mode` saying how
   * far it may depart from the source (`adhere_1` … `reimagine_3`). A
   * first-frame image is sent as `first_frame`; the output keeps the source's
   * length, size and aspect ratio. Models `ray-2` and `ray-flash-2`. Default: none
   * (a new video from the prompt and keyframes).
   */
  modify: z.optional(
    z.strictObject({
      videoUrl: z.string().check(z.regex(/^https?:\/\//i)),
      mode: z.enum(LUMA_MODIFY_MODES),
    }),
  ),
  /**
   * How far a `sourceVideo` video-to-video call may depart from its source
   * (`mode` of `/generations/video/modify`). Default: `'adhere_1'` (closest to the
   * source, as on Luma's own modify model). With `modify`, give the mode there.
   */
  modifyMode: z.optional(z.enum(LUMA_MODIFY_MODES)),
  /** Time between status requests in `doGenerate`, in ms. Default: 5000. */
  pollIntervalMs: z.optional(z.number().check(z.positive())),
  /** Longest wait in `doGenerate`, in ms. Default: 30 minutes. */
  pollTimeoutMs: z.optional(z.number().check(z.positive())),
  /**
   * Let the video that `doGenerate` downloads come from loopback or a
   * private network (e.g. the local emulator). Default: `false`.
   */
  allowPrivateNetwork: z.optional(z.boolean()),
});

/** Options of a Dream Machine model, under `providerOptions.luma`. */
export type LumaVideoModelOptions = z.infer<typeof lumaVideoModelOptionsSchema>;
