import { NoSuchModelError, type VideoModelV3, type VideoModelV4 } from '@videogen/provider-spec';
import { resolveVideoModel } from '../model/as-video-model';

/**
 * Anything with `videoModel(id)`: a videogen provider, or a Vercel AI SDK provider with video
 * models of spec V3 (`@ai-sdk/fal` 2) or V4 (`@ai-sdk/fal` 3, `@ai-sdk/google` 4).
 */
export type VideoModelProvider = {
  videoModel(modelId: string): VideoModelV3 | VideoModelV4;
};

/** A registry of providers: `videoModel('fal:fal-ai/veo3.1')`. */
export type VideoProviderRegistry<PROVIDERS extends Record<string, VideoModelProvider>, SEPARATOR extends string> = {
  /** The providers, by name (e.g. for `listVideoModels({ registry })`). */
  readonly providers: PROVIDERS;
  /** Between the provider name and the model id. */
  readonly separator: SEPARATOR;
  /**
   * The model `<provider><separator><model id>`, e.g. `'openai:sora-2'`; a V4 model comes adapted to V3
   * (see `resolveVideoModel`).
   * @throws NoSuchModelError for an unknown provider or an id without the separator.
   */
  videoModel(id: `${Extract<keyof PROVIDERS, string>}${SEPARATOR}${string}`): VideoModelV3;
};

/**
 * Creates a registry that finds video models by a `provider:model` string,
 * e.g. from configuration or a request.
 *
 * @example
 * const registry = createVideoProviderRegistry({ fal, openai });
 * const model = registry.videoModel('fal:fal-ai/veo3.1');
 */
export function createVideoProviderRegistry<
  PROVIDERS extends Record<string, VideoModelProvider>,
  SEPARATOR extends string = ':',
>(
  providers: PROVIDERS,
  {
    separator = ':' as SEPARATOR,
  }: {
    /** Between the provider name and the model id. Default: `':'`. */
    separator?: SEPARATOR;
  } = {},
): VideoProviderRegistry<PROVIDERS, SEPARATOR> {
  return {
    providers,
    separator,
    videoModel(id: string): VideoModelV3 {
      const index = id.indexOf(separator);
      const known = Object.keys(providers).join(', ') || 'none';
      if (index <= 0) {
        throw new NoSuchModelError({
          modelId: id,
          modelType: 'videoModel',
          message: `Invalid video model id "${id}": expected "provider${separator}modelId" (registered providers: ${known}).`,
        });
      }
      const providerName = id.slice(0, index);
      const modelId = id.slice(index + separator.length);
      const provider = Object.hasOwn(providers, providerName) ? providers[providerName] : undefined;
      if (!provider || typeof provider.videoModel !== 'function') {
        throw new NoSuchModelError({
          modelId: id,
          modelType: 'videoModel',
          message: `No video provider "${providerName}" in the registry (registered providers: ${known}).`,
        });
      }
      const model = provider.videoModel(modelId);
      if (!model) {
        throw new NoSuchModelError({
          modelId: id,
          modelType: 'videoModel',
          message: `Provider "${providerName}" has no video model "${modelId}".`,
        });
      }
      return resolveVideoModel(model);
    },
  };
}
