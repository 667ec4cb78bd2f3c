import type { VideoModelV3CallOptions } from '@videogen/provider-spec';

/**
 * Call options with every key present and unset (as core passes them), with
 * `prompt: 'a cat'` and `n: 1`, overridden by `overrides`: the base of a
 * provider test's `defaultOptions`.
 */
export function createCallOptions(overrides: Partial<VideoModelV3CallOptions> = {}): VideoModelV3CallOptions {
  return {
    prompt: 'a cat',
    n: 1,
    aspectRatio: undefined,
    resolution: undefined,
    duration: undefined,
    fps: undefined,
    seed: undefined,
    image: undefined,
    frameImages: undefined,
    inputReferences: undefined,
    generateAudio: undefined,
    providerOptions: {},
    ...overrides,
  };
}
