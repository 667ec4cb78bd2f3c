import type { VideoModelV3CatalogEntry, VideoModelV3Capabilities } from '@videogen/provider-spec';
import { nearestDuration, sizesForResolutionNames } from '@videogen/provider-utils';
import * as z from 'zod/v4/mini';

/**
 * One entry of OpenRouter's `GET /videos/models` listing, camel-cased.
 * A list field that is `null` means OpenRouter does not say (not validated).
 */
export type OpenRouterVideoModelInfo = {
  /** Model id, e.g. `'google/veo-3.1'`. */
  id: string;
  /** Canonical slug (often the id). */
  canonicalSlug: string | undefined;
  /** Display name, e.g. `'Google: Veo 3.1'`. */
  name: string | undefined;
  /** Unix seconds when the model was added. */
  created: number | undefined;
  /** Description. */
  description: string | undefined;
  /** Hugging Face id, when the model has one. */
  huggingFaceId: string | null | undefined;
  /** Keys the model's upstream providers accept under `provider.options[slug]`. */
  allowedPassthroughParameters: string[];
  /** Whether the model can generate audio (`null`: unknown). */
  generateAudio: boolean | null;
  /** Whether `seed` is honoured (`null`: unknown). */
  seed: boolean | null;
  /** Aspect ratios, e.g. `['16:9', '9:16']`. */
  supportedAspectRatios: string[] | null;
  /** Durations in seconds, sorted ascending, e.g. `[4, 6, 8]`. */
  supportedDurations: number[] | null;
  /** Frame roles, e.g. `['first_frame', 'last_frame']`. */
  supportedFrameImages: Array<'first_frame' | 'last_frame' | (string & {})> | null;
  /** OpenRouter resolution names, e.g. `['720p', '1080p']`. */
  supportedResolutions: string[] | null;
  /** Sizes as `WxH`, e.g. `['1280x720', '720x1280']`. */
  supportedSizes: string[] | null;
  /** Prices per SKU as strings, e.g. `{ video_seconds: '0.4' }`. */
  pricingSkus: Record<string, string> | null;
  /** Creativity setting of upscaling models (`null` for others). */
  creativity: unknown;
  /** Upscale factor range of upscaling models (`null` for others). */
  upscaleFactor: { min: number; max: number } | null;
};

/**
 * What an OpenRouter model accepts, from the model listing: the spec's
 * capabilities plus OpenRouter's own names.
 */
export type OpenRouterVideoModelCapabilities = VideoModelV3Capabilities & {
  /** OpenRouter resolution names (`resolution` on the wire), e.g. `['720p', '1080p']`. */
  resolutionNames?: string[];
  /** Sizes (`size` on the wire) the model lists, e.g. `['1280x720']`. */
  sizes?: string[];
  /** Keys accepted under `providerOptions.openrouter.provider.options[slug]`. */
  allowedPassthroughParameters?: string[];
};

const videoModelSchema = z.object({
  id: z.string(),
  canonical_slug: z.nullish(z.string()),
  name: z.nullish(z.string()),
  created: z.nullish(z.number()),
  description: z.nullish(z.string()),
  hugging_face_id: z.nullish(z.string()),
  allowed_passthrough_parameters: z.nullish(z.array(z.string())),
  generate_audio: z.nullish(z.boolean()),
  seed: z.nullish(z.boolean()),
  supported_aspect_ratios: z.nullish(z.array(z.string())),
  supported_durations: z.nullish(z.array(z.number())),
  supported_frame_images: z.nullish(z.array(z.string())),
  supported_resolutions: z.nullish(z.array(z.string())),
  supported_sizes: z.nullish(z.array(z.string())),
  pricing_skus: z.nullish(z.record(z.string(), z.union([z.string(), z.number()]))),
  creativity: z.optional(z.unknown()),
  upscale_factor: z.nullish(z.object({ min: z.number(), max: z.number() })),
});

/** Response schema of `GET /videos/models` (lenient; entries that do not parse are skipped). */
export const openrouterVideoModelsResponseSchema = z.object({
  data: z.array(z.unknown()),
});

/** Converts the raw listing into camel-cased entries, skipping entries without an id. */
export function toVideoModelInfos(data: unknown[]): OpenRouterVideoModelInfo[] {
  const models: OpenRouterVideoModelInfo[] = [];
  for (const entry of data) {
    const parsed = videoModelSchema.safeParse(entry);
    if (!parsed.success) continue;
    const model = parsed.data;
    models.push({
      id: model.id,
      canonicalSlug: model.canonical_slug ?? undefined,
      name: model.name ?? undefined,
      created: model.created ?? undefined,
      description: model.description ?? undefined,
      huggingFaceId: model.hugging_face_id,
      allowedPassthroughParameters: model.allowed_passthrough_parameters ?? [],
      generateAudio: model.generate_audio ?? null,
      seed: model.seed ?? null,
      supportedAspectRatios: model.supported_aspect_ratios ?? null,
      supportedDurations: model.supported_durations ? [...model.supported_durations].sort((a, b) => a - b) : null,
      supportedFrameImages: model.supported_frame_images ?? null,
      supportedResolutions: model.supported_resolutions ?? null,
      supportedSizes: model.supported_sizes ?? null,
      pricingSkus: model.pricing_skus
        ? Object.fromEntries(Object.entries(model.pricing_skus).map(([key, value]) => [key, String(value)]))
        : null,
      creativity: model.creativity ?? null,
      upscaleFactor: model.upscale_factor ?? null,
    });
  }
  return models;
}

/** Finds a model in the listing by id or canonical slug. */
export function findVideoModelInfo(
  models: OpenRouterVideoModelInfo[],
  modelId: string,
): OpenRouterVideoModelInfo | undefined {
  return models.find((model) => model.id === modelId) ?? models.find((model) => model.canonicalSlug === modelId);
}

/**
 * What every OpenRouter video model takes as a source video: a completed job
 * of the same model, sent as `previous_job_id`, to edit (the prompt says
 * what changes) or extend (continue it; the prompt is optional). The listing
 * does not say which models honour it; OpenRouter answers 400 for a job of
 * another model and 409 for one that has not completed.
 */
export const OPENROUTER_SOURCE_VIDEO_CAPABILITIES: NonNullable<VideoModelV3Capabilities['sourceVideo']> = [
  { operation: 'extend', origins: ['job'], requiresPrompt: false },
  { operation: 'edit', origins: ['job'] },
];

/** A fresh copy of {@link OPENROUTER_SOURCE_VIDEO_CAPABILITIES} (callers may change theirs). */
export function openrouterSourceVideoCapabilities(): NonNullable<VideoModelV3Capabilities['sourceVideo']> {
  return OPENROUTER_SOURCE_VIDEO_CAPABILITIES.map((entry) => ({ ...entry, origins: [...entry.origins] }));
}

/**
 * One listed model as a catalog entry (`source: 'live'`): its capabilities
 * and, where OpenRouter lists `pricing_skus`, the price in USD (`perSecond`
 * from the `video_seconds` SKU) with every SKU verbatim in `details`.
 */
export function toVideoModelCatalogEntry(model: OpenRouterVideoModelInfo, provider: string): VideoModelV3CatalogEntry {
  const skus = model.pricingSkus;
  const perSecond = skus?.video_seconds !== undefined ? Number(skus.video_seconds) : undefined;
  return {
    modelId: model.id,
    provider,
    ...(model.name !== undefined ? { name: model.name } : {}),
    capabilities: toCapabilities(model),
    ...(skus && Object.keys(skus).length > 0
      ? {
          pricing: {
            currency: 'USD',
            ...(perSecond !== undefined && Number.isFinite(perSecond) ? { perSecond } : {}),
            details: { ...skus },
          },
        }
      : {}),
    source: 'live',
  };
}

/** A list that says something (`null` and `[]` mean "not stated"). */
export function stated<T>(list: T[] | null | undefined): T[] | undefined {
  return list && list.length > 0 ? list : undefined;
}

/**
 * The spec's capabilities of one listed model. `resolutions` are the listed
 * sizes (sent as `size`) and the sizes of the listed resolution names in
 * each listed aspect ratio (sent as `resolution` + `aspect_ratio`).
 */
export function toCapabilities(model: OpenRouterVideoModelInfo): OpenRouterVideoModelCapabilities {
  const sizes = stated(model.supportedSizes);
  const resolutionNames = stated(model.supportedResolutions);
  const aspectRatios = stated(model.supportedAspectRatios);
  const namedSizes =
    resolutionNames && aspectRatios ? sizesForResolutionNames(resolutionNames, aspectRatios) : undefined;
  const resolutions = stated([...new Set([...(sizes ?? []), ...(namedSizes ?? [])])]);
  const frameRoles = (model.supportedFrameImages ?? undefined)?.filter(
    (role): role is 'first_frame' | 'last_frame' => role === 'first_frame' || role === 'last_frame',
  );
  const capabilities: OpenRouterVideoModelCapabilities = {
    // OpenRouter produces one video per job.
    maxVideosPerCall: 1,
    durations: stated(model.supportedDurations),
    resolutions,
    aspectRatios,
    // input_references are part of OpenRouter's API for every model; which
    // kinds an upstream honours is not listed, so referenceKinds stays unknown.
    imageRoles: frameRoles ? [...frameRoles, 'reference'] : undefined,
    seed: model.seed ?? undefined,
    audio: model.generateAudio ?? undefined,
    resolutionNames,
    sizes,
    allowedPassthroughParameters: model.allowedPassthroughParameters,
    sourceVideo: openrouterSourceVideoCapabilities(),
  };
  for (const key of Object.keys(capabilities) as Array<keyof OpenRouterVideoModelCapabilities>) {
    if (capabilities[key] === undefined) delete capabilities[key];
  }
  return capabilities;
}

/**
 * @deprecated Use `nearestDuration` from `@videogen/provider-utils` (same
 * arguments and result), or `snapDuration` of `@videogen/core` with the
 * model's capabilities.
 */
export const snapOpenRouterDuration: (
  durations: number[] | { min: number; max: number; step?: number } | null | undefined,
  seconds: number,
) => number = nearestDuration;
