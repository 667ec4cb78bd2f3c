import type { VideoModelV3, VideoModelV3Capabilities } from '@videogen/provider-spec';
import { nearestDuration, validateVideoCallOptions, validateVideoCallSettings } from '@videogen/provider-utils';

// The checks themselves live once in `@videogen/provider-utils` (video-parameters.ts), so that
// core and every provider refuse the same values with the same words.

/** Checks the shape of the call options (no model knowledge needed). */
export const validateCallSettings = validateVideoCallSettings;

/**
 * Checks the call against what the model says it accepts. Fields the
 * capabilities leave out are not checked.
 */
export const validateAgainstCapabilities = validateVideoCallOptions;

/** The model's capabilities, looked up when they are a function; `undefined` when unknown. */
export async function resolveCapabilities(
  model: Pick<VideoModelV3, 'capabilities'>,
  abortSignal?: AbortSignal,
): Promise<VideoModelV3Capabilities | undefined> {
  const capabilities = model.capabilities;
  if (typeof capabilities === 'function') return await capabilities({ abortSignal });
  return capabilities;
}

/**
 * The allowed duration nearest to `seconds` (ties go to the longer one), so
 * that a caller can snap a wish to what the model accepts before paying.
 * Returns `seconds` unchanged when the capabilities list no durations.
 *
 * @example snapDuration({ durations: [4, 8, 12] }, 7) // 8
 */
export function snapDuration(capabilities: VideoModelV3Capabilities | undefined, seconds: number): number {
  return nearestDuration(capabilities?.durations, seconds);
}
