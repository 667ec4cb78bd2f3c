import {
  InvalidArgumentError,
  type VideoModelV3,
  type VideoModelV3CallOptions,
  type VideoModelV3Capabilities,
} from '@videogen/provider-spec';
import { getFileKind } from '@videogen/provider-utils';

const ASPECT_RATIO = /^(\d+(?:\.\d+)?):(\d+(?:\.\d+)?)$/;
const RESOLUTION = /^(\d+)x(\d+)$/;

/** Checks the shape of the call options (no model knowledge needed). */
export function validateCallSettings(settings: {
  n?: unknown;
  maxVideosPerCall?: unknown;
  maxConcurrency?: unknown;
  maxRetries?: unknown;
  aspectRatio?: unknown;
  resolution?: unknown;
  duration?: unknown;
  fps?: unknown;
  seed?: unknown;
}): void {
  const { n, maxVideosPerCall, maxConcurrency, maxRetries, aspectRatio, resolution, duration, fps, seed } = settings;
  if (n !== undefined && !(Number.isSafeInteger(n) && (n as number) >= 1)) {
    fail('n', `n must be a whole number of at least 1, got ${show(n)}.`);
  }
  if (
    maxVideosPerCall !== undefined &&
    !(Number.isSafeInteger(maxVideosPerCall) && (maxVideosPerCall as number) >= 1)
  ) {
    fail('maxVideosPerCall', `maxVideosPerCall must be a whole number of at least 1, got ${show(maxVideosPerCall)}.`);
  }
  if (maxConcurrency !== undefined && !(Number.isSafeInteger(maxConcurrency) && (maxConcurrency as number) >= 1)) {
    fail('maxConcurrency', `maxConcurrency must be a whole number of at least 1, got ${show(maxConcurrency)}.`);
  }
  if (maxRetries !== undefined && !(Number.isSafeInteger(maxRetries) && (maxRetries as number) >= 0)) {
    fail('maxRetries', `maxRetries must be a whole number of at least 0, got ${show(maxRetries)}.`);
  }
  if (duration !== undefined && !(typeof duration === 'number' && Number.isFinite(duration) && duration > 0)) {
    fail('duration', `duration must be a finite number of seconds greater than 0, got ${show(duration)}.`);
  }
  if (aspectRatio !== undefined && aspectRatio !== 'adaptive') {
    const match = typeof aspectRatio === 'string' ? ASPECT_RATIO.exec(aspectRatio) : null;
    if (!match || Number(match[1]) <= 0 || Number(match[2]) <= 0) {
      fail('aspectRatio', `aspectRatio must be "W:H" (e.g. "16:9") or "adaptive", got ${show(aspectRatio)}.`);
    }
  }
  if (resolution !== undefined) {
    const match = typeof resolution === 'string' ? RESOLUTION.exec(resolution) : null;
    if (!match || Number(match[1]) <= 0 || Number(match[2]) <= 0) {
      fail('resolution', `resolution must be "WxH" in pixels (e.g. "1280x720"), got ${show(resolution)}.`);
    }
  }
  if (fps !== undefined && !(typeof fps === 'number' && Number.isFinite(fps) && fps > 0)) {
    fail('fps', `fps must be a number greater than 0, got ${show(fps)}.`);
  }
  if (seed !== undefined && !Number.isSafeInteger(seed)) {
    fail('seed', `seed must be an integer, got ${show(seed)}.`);
  }
}

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
  const durations = capabilities?.durations;
  if (durations === undefined) return seconds;
  if (Array.isArray(durations)) {
    if (durations.length === 0) return seconds;
    let best = durations[0];
    for (const value of durations) {
      const distance = Math.abs(value - seconds);
      const bestDistance = Math.abs(best - seconds);
      if (distance < bestDistance || (distance === bestDistance && value > best)) best = value;
    }
    return best;
  }
  const { min, max, step = 1 } = durations;
  const clamped = Math.min(max, Math.max(min, seconds));
  const steps = Math.round((clamped - min) / step);
  const snapped = min + steps * step;
  // Round away floating point noise of the step arithmetic.
  return Math.min(max, Number(snapped.toFixed(6)));
}

/**
 * Checks the call against what the model says it accepts. Fields the
 * capabilities leave out are not checked.
 */
export function validateAgainstCapabilities(
  capabilities: VideoModelV3Capabilities,
  options: Pick<
    VideoModelV3CallOptions,
    'aspectRatio' | 'resolution' | 'duration' | 'fps' | 'image' | 'frameImages' | 'inputReferences' | 'generateAudio'
  >,
  context: { provider: string; modelId: string },
): void {
  const model = `${context.provider} model ${context.modelId}`;
  const { durations } = capabilities;
  if (options.duration !== undefined && durations !== undefined) {
    const allowed = Array.isArray(durations)
      ? durations.includes(options.duration)
      : options.duration >= durations.min &&
        options.duration <= durations.max &&
        isOnStep(options.duration - durations.min, durations.step ?? 1);
    if (!allowed) {
      const list = Array.isArray(durations)
        ? durations.map((value) => `${value}`).join(', ')
        : `${durations.min}..${durations.max}${durations.step !== undefined ? ` in steps of ${durations.step}` : ''}`;
      fail(
        'duration',
        `${model} does not accept a duration of ${options.duration} s. Allowed: ${list}. ` +
          `Nearest allowed: ${snapDuration(capabilities, options.duration)} s.`,
      );
    }
  }
  checkList('resolution', options.resolution, capabilities.resolutions, model);
  if (options.aspectRatio !== 'adaptive')
    checkList('aspectRatio', options.aspectRatio, capabilities.aspectRatios, model);
  checkList('fps', options.fps, capabilities.fps, model);

  const roles = capabilities.imageRoles;
  if (roles !== undefined) {
    const hasFirst =
      options.image !== undefined || options.frameImages?.some((frame) => frame.frameType === 'first_frame');
    const hasLast = options.frameImages?.some((frame) => frame.frameType === 'last_frame');
    if (hasFirst && !roles.includes('first_frame')) {
      fail(
        'image',
        `${model} does not take a first-frame image (image roles it takes: ${roles.join(', ') || 'none'}).`,
      );
    }
    if (hasLast && !roles.includes('last_frame')) {
      fail(
        'frameImages',
        `${model} does not take a last-frame image (image roles it takes: ${roles.join(', ') || 'none'}).`,
      );
    }
    const hasImageReference = options.inputReferences?.some((reference) => getFileKind(reference) === 'image');
    if (hasImageReference && !roles.includes('reference')) {
      fail(
        'inputReferences',
        `${model} does not take reference images (image roles it takes: ${roles.join(', ') || 'none'}).`,
      );
    }
  }
  const references = options.inputReferences ?? [];
  if (capabilities.referenceKinds !== undefined) {
    for (const reference of references) {
      const kind = getFileKind(reference);
      if (!capabilities.referenceKinds.includes(kind)) {
        fail(
          'inputReferences',
          `${model} does not take ${kind} references. Allowed kinds: ${capabilities.referenceKinds.join(', ') || 'none'}.`,
        );
      }
    }
  }
  if (capabilities.maxReferences !== undefined && references.length > capabilities.maxReferences) {
    fail(
      'inputReferences',
      `${model} takes at most ${capabilities.maxReferences} references, got ${references.length}.`,
    );
  }
  if (options.generateAudio === true && capabilities.audio === false) {
    fail('generateAudio', `${model} cannot generate audio.`);
  }
}

function isOnStep(offset: number, step: number): boolean {
  const ratio = offset / step;
  return Math.abs(ratio - Math.round(ratio)) < 1e-9;
}

function checkList<T extends string | number>(
  argument: string,
  value: T | undefined,
  allowed: T[] | undefined,
  model: string,
): void {
  if (value === undefined || allowed === undefined) return;
  if (!allowed.includes(value)) {
    fail(argument, `${model} does not accept ${argument} ${show(value)}. Allowed: ${allowed.join(', ')}.`);
  }
}

function fail(argument: string, message: string): never {
  throw new InvalidArgumentError({ argument, message });
}

function show(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value) : String(value);
}
