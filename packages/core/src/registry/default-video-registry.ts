import { NoSuchModelError, type VideoModelV3, getDefaultVideoProviders } from '@videogen/provider-spec';
import { resolveVideoModel } from '../model/as-video-model';

/**
 * A provider (or registry) that resolves every string model id, set by the
 * caller; the counterpart of the Vercel AI SDK's `globalThis.AI_SDK_DEFAULT_PROVIDER`.
 */
declare global {
  // biome-ignore lint/suspicious/noVar: a global declaration must be `var`.
  var VIDEOGEN_DEFAULT_VIDEO_PROVIDER: { videoModel(modelId: string): unknown } | undefined;
}

/**
 * Resolves a string model id the way the Vercel AI SDK resolves one through
 * its global provider: `globalThis.VIDEOGEN_DEFAULT_VIDEO_PROVIDER` when set,
 * otherwise `'<provider>:<model id>'` (`'fal:fal-ai/veo3.1/fast'`) through the
 * providers registered with `registerVideoProvider` (provider packages
 * register their default instance when imported). Core imports no provider.
 *
 * @throws NoSuchModelError for an id without a provider name, or a provider that is not registered.
 */
export function resolveDefaultVideoModel(id: string): VideoModelV3 {
  const fallback = globalThis.VIDEOGEN_DEFAULT_VIDEO_PROVIDER;
  if (fallback !== undefined) {
    return resolveVideoModel(fallback.videoModel(id) as VideoModelV3);
  }
  const providers = getDefaultVideoProviders();
  const known = [...providers.keys()].join(', ') || 'none';
  const index = id.indexOf(':');
  if (index <= 0) {
    throw new NoSuchModelError({
      modelId: id,
      modelType: 'videoModel',
      message: `Invalid video model id "${id}": expected "provider:modelId" (registered providers: ${known}).`,
    });
  }
  const providerName = id.slice(0, index);
  const provider = providers.get(providerName);
  if (provider === undefined) {
    throw new NoSuchModelError({
      modelId: id,
      modelType: 'videoModel',
      message: `No video provider "${providerName}" is registered (registered: ${known}). Import @videogen/${providerName}, or call registerVideoProvider('${providerName}', provider).`,
    });
  }
  const model = provider.videoModel(id.slice(index + 1));
  if (!model) {
    throw new NoSuchModelError({
      modelId: id,
      modelType: 'videoModel',
      message: `Provider "${providerName}" has no video model "${id.slice(index + 1)}".`,
    });
  }
  return resolveVideoModel(model);
}
