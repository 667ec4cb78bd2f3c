import {
  getDefaultVideoProviders,
  type SharedV3Warning,
  type VideoModelV3CatalogEntry,
  type VideoProviderV3ListModelsOptions,
} from '@videogen/provider-spec';

/** A provider as `listVideoModels` sees it: anything with `videoModel`, and `listVideoModels` where it can list. */
export type VideoCatalogProvider = {
  videoModel(modelId: string): unknown;
  listVideoModels?(options?: VideoProviderV3ListModelsOptions): PromiseLike<VideoModelV3CatalogEntry[]>;
};

/** Options of {@link listVideoModels}. */
export type ListVideoModelsOptions = {
  /**
   * The providers to list, by name (the name becomes the prefix of each
   * entry's `id`). Default: the providers registered with
   * `registerVideoProvider` (every imported provider package registers its
   * default instance).
   */
  providers?: Readonly<Record<string, VideoCatalogProvider>> | ReadonlyMap<string, VideoCatalogProvider>;
  /** A registry (`createVideoProviderRegistry`) whose providers to list, ids with its separator. Default: none. */
  registry?: { readonly providers: Readonly<Record<string, unknown>>; readonly separator?: string };
  /** Ask the APIs with live lists again instead of using their cached lists. Default: `false`. */
  refresh?: boolean;
  /** Aborts the requests. */
  abortSignal?: AbortSignal;
};

/** One model of the catalog. */
export type VideoModelCatalogEntry = VideoModelV3CatalogEntry & {
  /** `'<provider name>:<model id>'`: what the registry (or `generateVideo({ model: id })`) takes. */
  id: string;
  /** The name the provider is listed under (`'fal'`, `'openai'` …). */
  providerName: string;
};

/** What {@link listVideoModels} returns. */
export type ListVideoModelsResult = {
  /** The models, provider by provider in the order given, each provider's in its own order. */
  models: VideoModelCatalogEntry[];
  /** Providers that could not be listed (no `listVideoModels`, or their API failed), one warning each. */
  warnings: SharedV3Warning[];
};

/**
 * The video models of the installed providers (or of the providers or
 * registry given), with their capabilities and, where the API publishes them,
 * prices: each provider's `listVideoModels` (the API's live list where it has
 * one, cached; the package's table otherwise), all at once.
 *
 * A provider without `listVideoModels` (a Vercel AI SDK provider, an older
 * package) is skipped with a warning: it has no way to name its models, and
 * `videoModel(id)` needs an id. A provider whose list fails is skipped with a
 * warning too, so one API's outage does not hide every other catalog; an
 * abort rejects.
 *
 * @example
 * import '@videogen/fal'; import '@videogen/openai';
 * const { models } = await listVideoModels();
 * for (const model of models) console.log(model.id, model.capabilities.durations, model.pricing?.perSecond);
 */
export async function listVideoModels(options: ListVideoModelsOptions = {}): Promise<ListVideoModelsResult> {
  const { refresh, abortSignal } = options;
  const separator = options.registry?.separator ?? ':';
  const providers: Array<[string, VideoCatalogProvider]> = options.registry
    ? (Object.entries(options.registry.providers) as Array<[string, VideoCatalogProvider]>)
    : options.providers === undefined
      ? [...getDefaultVideoProviders().entries()]
      : options.providers instanceof Map
        ? [...options.providers.entries()]
        : Object.entries(options.providers as Record<string, VideoCatalogProvider>);
  const warnings: SharedV3Warning[] = [];
  if (providers.length === 0) {
    warnings.push({
      type: 'other',
      message: 'No video providers to list: import a provider package (e.g. @videogen/fal) or pass `providers`.',
    });
  }
  const lists = await Promise.all(
    providers.map(
      async ([name, provider]): Promise<{ models: VideoModelCatalogEntry[]; warning?: SharedV3Warning }> => {
        if (typeof provider?.listVideoModels !== 'function') {
          return {
            models: [],
            warning: {
              type: 'other',
              message: `Provider "${name}" cannot list its models (it has no listVideoModels); it is left out of the catalog.`,
            },
          };
        }
        try {
          const entries = await provider.listVideoModels({
            ...(refresh !== undefined ? { refresh } : {}),
            abortSignal,
          });
          return {
            models: entries.map((entry) => ({
              ...entry,
              id: `${name}${separator}${entry.modelId}`,
              providerName: name,
            })),
          };
        } catch (error) {
          if (abortSignal?.aborted) throw error;
          const message = error instanceof Error ? error.message : String(error);
          return {
            models: [],
            warning: { type: 'other', message: `Provider "${name}" could not list its models: ${message}` },
          };
        }
      },
    ),
  );
  abortSignal?.throwIfAborted();
  for (const list of lists) if (list.warning) warnings.push(list.warning);
  return { models: lists.flatMap((list) => list.models), warnings };
}
