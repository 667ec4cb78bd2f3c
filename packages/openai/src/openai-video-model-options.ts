import type { VideoModelV3Capabilities } from '@videogen/provider-spec';
// `zod/v4/mini` (not `zod`): tree-shakable, so bundles carry only the few
// validators used here; the `v4/mini` path also exists in zod 3.25 (peer range).
import * as z from 'zod/v4/mini';

/**
 * OpenAI video model ids. The Videos API (and with it these models) shuts
 * down on the hosted OpenAI API on 2026-09-24; Azure OpenAI and gateways
 * serve the same wire format, often under their own deployment names, hence
 * the open union.
 */
export type OpenAIVideoModelId = OpenAIKnownVideoModelId | (string & {});

/**
 * The model ids this package knows, with a capability entry each
 * ({@link getOpenAIVideoModelCapabilities}): `sora-2`, `sora-2-pro` and their
 * dated snapshots.
 */
export const OPENAI_VIDEO_MODEL_IDS = [
  'sora-2',
  'sora-2-pro',
  'sora-2-2025-10-06',
  'sora-2-2025-12-08',
  'sora-2-pro-2025-10-06',
] as const;

/** One of {@link OPENAI_VIDEO_MODEL_IDS}. */
export type OpenAIKnownVideoModelId = (typeof OPENAI_VIDEO_MODEL_IDS)[number];

/** Durations in seconds (sent as the strings `"4"` … `"20"`). */
export const OPENAI_VIDEO_SECONDS = [4, 8, 12, 16, 20] as const;

/** Sizes of `sora-2` and its dated snapshots. */
const SORA_2_SIZES = ['1280x720', '720x1280'] as const;

/**
 * Sizes of `sora-2-pro`: the spec's four plus the guide's 1080p pair
 * (reference §A.3: the guide is ahead of the SDK enum).
 */
const SORA_2_PRO_SIZES = ['1280x720', '720x1280', '1024x1792', '1792x1024', '1920x1080', '1080x1920'] as const;

/** Longest prompt the Videos API takes, in characters. */
export const OPENAI_MAX_PROMPT_LENGTH = 32_000;

/** Image types the API takes as `input_reference` (the first frame). */
export const OPENAI_IMAGE_MEDIA_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;

/**
 * Default time between status requests: 5 s, the interval of OpenAI's own
 * poll helpers (openai-node `pollWithResponse`, used by its `createAndPoll`
 * helpers), which also honour the `openai-poll-after-ms` response header
 * (videogen does too, as the pending status's `pollAfterMs`).
 */
export const OPENAI_DEFAULT_POLL_INTERVAL_MS = 5000;

/**
 * Operations on a source video of every Sora-format model (spec `sourceVideo`):
 * - `remix`: `POST /videos/{id}/remix`, from a completed job of this provider only;
 * - `edit`: `POST /videos/edits`, from a job (`video: { id }`) or an uploaded file;
 * - `extend`: `POST /videos/extensions`, from a job or an uploaded file; it adds
 *   4–20 s (`seconds`), at most 120 s in all, so the source is at most 100 s.
 */
export const OPENAI_SOURCE_VIDEO_CAPABILITIES: NonNullable<VideoModelV3Capabilities['sourceVideo']> = [
  { operation: 'remix', origins: ['job'] },
  { operation: 'edit', origins: ['job', 'data'] },
  { operation: 'extend', origins: ['job', 'data'], maxDuration: 100, durations: [...OPENAI_VIDEO_SECONDS] },
];

/** What one model family accepts. */
export type OpenAIVideoModelCapabilityEntry = {
  /** Sizes as `WxH`. */
  sizes: readonly string[];
  /** Durations in seconds. */
  seconds: readonly number[];
  /**
   * Size sent for an aspect ratio given without a resolution, e.g.
   * `'16:9' → '1280x720'`.
   */
  aspectRatioSizes: Readonly<Record<string, string>>;
};

const sora2: OpenAIVideoModelCapabilityEntry = {
  sizes: SORA_2_SIZES,
  seconds: OPENAI_VIDEO_SECONDS,
  aspectRatioSizes: { '16:9': '1280x720', '9:16': '720x1280' },
};

const sora2Pro: OpenAIVideoModelCapabilityEntry = {
  sizes: SORA_2_PRO_SIZES,
  seconds: OPENAI_VIDEO_SECONDS,
  aspectRatioSizes: { '16:9': '1280x720', '9:16': '720x1280', '7:4': '1792x1024', '4:7': '1024x1792' },
};

/** Capability table of the known model ids. */
export const openaiVideoModelCapabilities: Readonly<Record<OpenAIKnownVideoModelId, OpenAIVideoModelCapabilityEntry>> =
  {
    'sora-2': sora2,
    'sora-2-2025-10-06': sora2,
    'sora-2-2025-12-08': sora2,
    'sora-2-pro': sora2Pro,
    'sora-2-pro-2025-10-06': sora2Pro,
  };

/**
 * The capability entry of a model id: the table's, else by prefix
 * (`sora-2-pro…` → pro, `sora-2…` → sora-2), else (an Azure deployment name
 * or a gateway alias) the widest known set, so that only values no source
 * lists are rejected.
 */
export function getOpenAIVideoModelCapabilityEntry(modelId: string): OpenAIVideoModelCapabilityEntry {
  // Own keys only: an id like `constructor` is not a known model.
  if (Object.hasOwn(openaiVideoModelCapabilities, modelId)) {
    return openaiVideoModelCapabilities[modelId as OpenAIKnownVideoModelId];
  }
  if (modelId.startsWith('sora-2-pro')) return sora2Pro;
  if (modelId.startsWith('sora-2')) return sora2;
  return sora2Pro;
}

/** The capabilities of a model id, in the spec's terms. */
export function getOpenAIVideoModelCapabilities(modelId: string): VideoModelV3Capabilities {
  const entry = getOpenAIVideoModelCapabilityEntry(modelId);
  return {
    durations: [...entry.seconds],
    resolutions: [...entry.sizes],
    aspectRatios: Object.keys(entry.aspectRatioSizes),
    imageRoles: ['first_frame'],
    referenceKinds: [],
    maxReferences: 0,
    maxVideosPerCall: 1,
    seed: false,
    audio: true,
    maxPromptLength: OPENAI_MAX_PROMPT_LENGTH,
    requiresPrompt: true,
    imageMediaTypes: [...OPENAI_IMAGE_MEDIA_TYPES],
    sourceVideo: OPENAI_SOURCE_VIDEO_CAPABILITIES.map((entry) => ({ ...entry })),
  };
}

/** Provider options of OpenAI video models, under `providerOptions.openai`. */
export const openaiVideoModelOptionsSchema = z.strictObject({
  /**
   * Remix this earlier, completed video (`POST /videos/{id}/remix`) with the
   * call's prompt instead of generating from scratch. The remix keeps the
   * source's size and duration; `duration`, `resolution`, `aspectRatio` and
   * images are then ignored with a warning. The provider-neutral way is the
   * call option `sourceVideo: { operation: 'remix', job }`; giving both is an
   * InvalidArgumentError.
   */
  remixVideoId: z.optional(z.string().check(z.minLength(1))),
  /**
   * Time between status requests in `doGenerate`, in ms. Default: 5000
   * (OpenAI's poll helpers' interval; `poll.intervalMs` of core wins).
   */
  pollIntervalMs: z.optional(z.number().check(z.positive())),
  /** Longest wait for the job in `doGenerate`, in ms. Default: 30 minutes. */
  pollTimeoutMs: z.optional(z.number().check(z.positive())),
});

/** Provider options of OpenAI video models (`providerOptions.openai`). */
export type OpenAIVideoModelOptions = z.infer<typeof openaiVideoModelOptionsSchema>;
