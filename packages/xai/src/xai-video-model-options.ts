import type { VideoModelV3Capabilities } from '@videogen/provider-spec';
import { sizesForResolutionNames } from '@videogen/provider-utils';
// `zod/v4/mini`: tree-shakable (see xai-error.ts).
import * as z from 'zod/v4/mini';

/** Grok Imagine video model ids (open union: xAI adds models under new names). */
export type XaiVideoModelId = 'grok-imagine-video' | 'grok-imagine-video-1.5' | (string & {});

/** Aspect ratios of `POST /v1/videos/generations` (`auto` and phone ratios are rejected). */
export const XAI_ASPECT_RATIOS = ['1:1', '16:9', '9:16', '4:3', '3:4', '3:2', '2:3'] as const;

/** Clip length of a generation, in seconds: 1 to 15 (the API's default is 8). */
export const XAI_GENERATION_DURATIONS = { min: 1, max: 15 } as const;

/** Length of the part an extension adds, in seconds: 2 to 10 (the API's default is 6). */
export const XAI_EXTENSION_DURATIONS = { min: 2, max: 10 } as const;

/** Longest source video of an edit, in seconds (xAI: "8.7 seconds for editing input videos"). */
export const XAI_EDIT_MAX_SOURCE_SECONDS = 8.7;

/** Longest source video of an extension, in seconds (xAI: the input must be 2 to 15 s). */
export const XAI_EXTENSION_MAX_SOURCE_SECONDS = 15;

/** Most `reference_images` of one reference-to-video request. */
export const XAI_MAX_REFERENCE_IMAGES = 7;

/**
 * Default time between status requests: 5 s. xAI's video guide says to poll
 * "every few seconds" and its examples sleep 5 s; `@ai-sdk/xai` polls every 5000 ms.
 */
export const XAI_DEFAULT_POLL_INTERVAL_MS = 5000;

/** What one model accepts. */
export type XaiVideoModelCapabilityEntry = {
  /** Resolution labels (`resolution` on the wire). */
  resolutions: readonly string[];
  /** Whether `last_frame` (a pinned end frame) is accepted. */
  lastFrame: boolean;
  /** Whether the model edits and extends videos (`/v1/videos/edits`, `/v1/videos/extensions`). */
  sourceVideo: boolean;
};

const grokImagineVideo: XaiVideoModelCapabilityEntry = {
  resolutions: ['480p', '720p'],
  lastFrame: false,
  sourceVideo: true,
};
// Image-to-video only as xAI serves it: no edits or extensions (TanStack's xAI adapter, gateways).
const grokImagineVideo15: XaiVideoModelCapabilityEntry = {
  resolutions: ['480p', '720p', '1080p'],
  lastFrame: true,
  sourceVideo: false,
};
// An unknown id: the union of the known models.
const widest: XaiVideoModelCapabilityEntry = {
  resolutions: ['480p', '720p', '1080p'],
  lastFrame: true,
  sourceVideo: true,
};

/** Capability table of the known model ids. */
export const xaiVideoModelCapabilities: Readonly<Record<string, XaiVideoModelCapabilityEntry>> = {
  'grok-imagine-video': grokImagineVideo,
  'grok-imagine-video-1.5': grokImagineVideo15,
};

/** The entry of a model id; an unknown id gets the widest known set (only what no model takes is refused). */
export function getXaiVideoModelCapabilityEntry(modelId: string): XaiVideoModelCapabilityEntry {
  return Object.hasOwn(xaiVideoModelCapabilities, modelId) ? xaiVideoModelCapabilities[modelId] : widest;
}

/**
 * What a model does with a source video: `edit` (`/v1/videos/edits`, a source of at most 8.7 s)
 * and `extend` (`/v1/videos/extensions`, a source of 2 to 15 s, adding 2 to 10 s), each from a
 * job of this provider (its video URL is sent again, nothing is uploaded), a public URL or the
 * bytes (sent inline as a `data:` URL). MP4 only.
 */
export const XAI_SOURCE_VIDEO_CAPABILITIES: NonNullable<VideoModelV3Capabilities['sourceVideo']> = [
  {
    operation: 'edit',
    origins: ['job', 'url', 'data'],
    maxDuration: XAI_EDIT_MAX_SOURCE_SECONDS,
    mediaTypes: ['video/mp4'],
  },
  {
    operation: 'extend',
    origins: ['job', 'url', 'data'],
    maxDuration: XAI_EXTENSION_MAX_SOURCE_SECONDS,
    mediaTypes: ['video/mp4'],
    durations: { ...XAI_EXTENSION_DURATIONS },
  },
];

/** The capabilities of a model id, in the spec's terms (a generation; edits and extensions add their own rules). */
export function getXaiVideoModelCapabilities(modelId: string): VideoModelV3Capabilities {
  const entry = getXaiVideoModelCapabilityEntry(modelId);
  return {
    durations: { ...XAI_GENERATION_DURATIONS },
    resolutions: sizesForResolutionNames(entry.resolutions, XAI_ASPECT_RATIOS),
    aspectRatios: [...XAI_ASPECT_RATIOS],
    imageRoles: entry.lastFrame ? ['first_frame', 'last_frame', 'reference'] : ['first_frame', 'reference'],
    referenceKinds: ['image'],
    maxReferences: XAI_MAX_REFERENCE_IMAGES,
    maxVideosPerCall: 1,
    seed: false,
    audio: true,
    requiresPrompt: true,
    ...(entry.sourceVideo
      ? {
          sourceVideo: XAI_SOURCE_VIDEO_CAPABILITIES.map((capability) => ({
            ...capability,
            origins: [...capability.origins],
          })),
        }
      : {}),
  };
}

/** Provider options of Grok Imagine video models, under `providerOptions.xai` (names as `@ai-sdk/xai` has them). */
export const xaiVideoModelOptionsSchema = z.strictObject({
  /**
   * The provider-specific way to edit or extend (the provider-neutral one is the `sourceVideo`
   * call option; giving both is an error). What to do. Default: a generation (`POST /v1/videos/generations`), or
   * `'edit-video'` when `videoUrl` is given without a mode.
   * - `'edit-video'`: edit `videoUrl` with the prompt (`POST /v1/videos/edits`; the output keeps the
   *   source's length and size, ≤ 8.7 s in).
   * - `'extend-video'`: continue `videoUrl` from its last frame (`POST /v1/videos/extensions`);
   *   `duration` is the length added, 2 to 10 s.
   * - `'reference-to-video'`: a generation guided by `referenceImageUrls` (same as `inputReferences`).
   */
  mode: z.optional(z.enum(['edit-video', 'extend-video', 'reference-to-video'])),
  /** The source video of an edit or extension: an `https` URL or a `data:video/mp4;base64,…` URL. No default. */
  videoUrl: z.optional(z.string().check(z.minLength(1))),
  /** Reference images (1 to 7) as URLs or data URLs, sent as `reference_images`. No default. */
  referenceImageUrls: z.optional(
    z.array(z.string().check(z.minLength(1))).check(z.minLength(1), z.maxLength(XAI_MAX_REFERENCE_IMAGES)),
  ),
  /** An end-user id xAI can use to detect abuse (`user`). Not sent on extensions. No default. */
  user: z.optional(z.string()),
  /**
   * Time between status requests in `doGenerate`, in ms. Default: 5000 (xAI's guidance;
   * `poll.intervalMs` of core wins).
   */
  pollIntervalMs: z.optional(z.number().check(z.positive())),
  /** Longest wait for the job in `doGenerate`, in ms. Default: core's poll timeout. */
  pollTimeoutMs: z.optional(z.number().check(z.positive())),
});

/** Provider options of Grok Imagine video models (`providerOptions.xai`). */
export type XaiVideoModelOptions = z.infer<typeof xaiVideoModelOptionsSchema>;
