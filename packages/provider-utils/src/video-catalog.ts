import type {
  VideoModelV3CatalogEntry,
  VideoModelV3Capabilities,
  VideoProviderV3ListModelsOptions,
} from '@videogen/provider-spec';

// The model catalog helpers every provider's `listVideoModels` is built from:
// a static table where the API lists no models, and a cached live list where
// it does.

/**
 * A provider's catalog from its package's table: one entry per known model id,
 * with the capabilities the model class reports, `source: 'static'`, no price.
 */
export function staticVideoModelCatalog({
  provider,
  modelIds,
  capabilities,
  names,
}: {
  /** The provider id of the models, e.g. `'luma.video'`. */
  provider: string;
  /** The known model ids. */
  modelIds: readonly string[];
  /** The capabilities of a model id (`undefined`: unknown, listed as `{}`). */
  capabilities: (modelId: string) => VideoModelV3Capabilities | undefined;
  /** Display names by model id, where the package has them. */
  names?: Readonly<Record<string, string>>;
}): VideoModelV3CatalogEntry[] {
  return modelIds.map((modelId) => ({
    modelId,
    provider,
    ...(names?.[modelId] !== undefined ? { name: names[modelId] } : {}),
    capabilities: capabilities(modelId) ?? {},
    source: 'static' as const,
  }));
}

/**
 * Wraps a live catalog lookup with a cache: the first call (and any call with
 * `refresh: true`, or after `ttlMs`) asks the API; calls in between share the
 * answer, and concurrent first calls share one request. A failed lookup is
 * not cached.
 */
export function cachedVideoModelCatalog(
  load: (options: { abortSignal?: AbortSignal }) => PromiseLike<VideoModelV3CatalogEntry[]>,
  {
    ttlMs = 10 * 60_000,
    now = Date.now,
  }: {
    /** How long a live list is reused, in ms. Default: 600000 (10 minutes). */
    ttlMs?: number;
    /** The clock (tests). Default: `Date.now`. */
    now?: () => number;
  } = {},
): (options?: VideoProviderV3ListModelsOptions) => Promise<VideoModelV3CatalogEntry[]> {
  let cached: { at: number; entries: Promise<VideoModelV3CatalogEntry[]> } | undefined;
  return async (options = {}) => {
    if (!options.refresh && cached !== undefined && now() - cached.at < ttlMs) return cached.entries;
    const entries = Promise.resolve(load({ abortSignal: options.abortSignal }));
    const entry = { at: now(), entries };
    cached = entry;
    entries.catch(() => {
      if (cached === entry) cached = undefined;
    });
    return entries;
  };
}
