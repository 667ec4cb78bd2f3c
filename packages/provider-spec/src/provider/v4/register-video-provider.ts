import type { VideoModelV3 } from '../../video-model/v3/video-model-v3';
import type { VideoModelV4 } from '../../video-model/v4/video-model-v4';

/** A provider as the default registry holds it: anything with `videoModel(id)` of spec V3 or V4. */
export type DefaultVideoProvider = {
  videoModel(modelId: string): VideoModelV3 | VideoModelV4;
};

/**
 * The key of the process-wide map of installed providers on `globalThis`
 * (`Symbol.for`, so that two copies of the package share one map).
 */
export const DEFAULT_VIDEO_PROVIDERS_KEY: unique symbol = Symbol.for('videogen.defaultVideoProviders') as never;

/** The process-wide map of installed providers (created on first use). */
export function getDefaultVideoProviders(): Map<string, DefaultVideoProvider> {
  const holder = globalThis as unknown as Record<symbol, Map<string, DefaultVideoProvider> | undefined>;
  let providers = holder[DEFAULT_VIDEO_PROVIDERS_KEY];
  if (providers === undefined) {
    providers = new Map();
    holder[DEFAULT_VIDEO_PROVIDERS_KEY] = providers;
  }
  return providers;
}

/**
 * Makes a provider reachable by name in string model ids
 * (`generateVideo({ model: 'fal:fal-ai/veo3.1/fast' })`). Provider packages
 * call it for their default instance when imported; callers may call it to
 * add or replace one (e.g. a provider created with their own settings).
 * A later registration of the same name wins.
 */
export function registerVideoProvider(name: string, provider: DefaultVideoProvider): void {
  getDefaultVideoProviders().set(name, provider);
}
