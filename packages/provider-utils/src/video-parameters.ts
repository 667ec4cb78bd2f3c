import {
  InvalidArgumentError,
  type SharedV3Warning,
  type VideoModelV3CallOptions,
  type VideoModelV3Capabilities,
  type VideoModelV3File,
} from '@videogen/provider-spec';
import { convertBase64ToUint8Array } from '@ai-sdk/provider-utils';
import { resolveSourceVideo } from './source-video';
import { sniffMediaType } from './video-inputs';

// One place for the video parameters every provider and core share: sizes,
// resolution names, aspect ratios, durations, and the checks of a call
// against a model's capabilities, each with one wording.

/** Most videos one `generateVideo` call may ask for when the model states no `maxVideos`. */
export const DEFAULT_MAX_VIDEOS = 100;

/** Longest prompt (in characters) when the model states no `maxPromptLength`. */
export const DEFAULT_MAX_PROMPT_LENGTH = 100_000;

/** URL schemes an input may use when the model states no `inputUrlSchemes`. */
export const DEFAULT_INPUT_URL_SCHEMES: readonly string[] = ['http', 'https', 'data'];

/** A size in pixels. */
export type VideoSize = { width: number; height: number };

/** Durations as capabilities state them: a list, or a range (`step` default 1). */
export type VideoDurations = number[] | readonly number[] | { min: number; max: number; step?: number };

/** The model a message is about. */
export type VideoModelReference = { provider: string; modelId: string };

// ---------------------------------------------------------------------------
// Sizes and resolution names

/**
 * Parses `WxH` in pixels (`'1280x720'`, `'1280 × 720'`, any case).
 * `undefined` when it is not such a size (use {@link parseResolution} for
 * names such as `'720p'`).
 */
export function parseVideoSize(value: string): VideoSize | undefined {
  const match = /^\s*(\d+)\s*[x×]\s*(\d+)\s*$/i.exec(value);
  if (!match) return undefined;
  const width = Number(match[1]);
  const height = Number(match[2]);
  return width > 0 && height > 0 ? { width, height } : undefined;
}

/** `{ width: 1280, height: 720 }` → `'1280x720'`. */
export function formatVideoSize(size: VideoSize): `${number}x${number}` {
  return `${size.width}x${size.height}`;
}

/**
 * The short side in pixels of a resolution: a name (`'720p'`, `'768P'`,
 * `'1080p'`, `'2k'` = 1440, `'4K'` = 2160) or a `WxH` size.
 * `undefined` when it is neither (e.g. `'1K'`, which is ambiguous).
 */
export function getResolutionShortSide(value: string): number | undefined {
  const trimmed = value.trim();
  const pixels = /^(\d+)p$/i.exec(trimmed);
  if (pixels) return Number(pixels[1]) > 0 ? Number(pixels[1]) : undefined;
  if (/^2k$/i.test(trimmed)) return 1440;
  if (/^4k$/i.test(trimmed)) return 2160;
  const size = parseVideoSize(trimmed);
  return size ? Math.min(size.width, size.height) : undefined;
}

/**
 * A resolution as a size: `WxH` as given, or a name (`'720p'`, `'4k'` …) as
 * the size of that short side in the orientation of `aspectRatio` (default
 * 16:9, landscape), long side rounded to an even number of pixels.
 *
 * @example parseResolution('720p') // { width: 1280, height: 720 }
 * @example parseResolution('1080p', '9:16') // { width: 1080, height: 1920 }
 */
export function parseResolution(value: string, aspectRatio?: string): VideoSize | undefined {
  const size = parseVideoSize(value);
  if (size) return size;
  if (/x/i.test(value)) return undefined;
  const shortSide = getResolutionShortSide(value);
  if (shortSide === undefined) return undefined;
  const ratio = (aspectRatio !== undefined ? parseAspectRatio(aspectRatio) : undefined) ?? 16 / 9;
  const longSide = Math.round((shortSide * Math.max(ratio, 1 / ratio)) / 2) * 2;
  return ratio >= 1 ? { width: longSide, height: shortSide } : { width: shortSide, height: longSide };
}

/**
 * The name among `names` (a provider's labels such as `'720p'`, `'768P'`,
 * `'4k'`) with the short side of `size`. `undefined` when none has it.
 *
 * @example matchResolutionName({ width: 1920, height: 1080 }, ['720p', '1080p']) // '1080p'
 */
export function matchResolutionName(size: VideoSize | string, names: readonly string[]): string | undefined {
  const shortSide = typeof size === 'string' ? getResolutionShortSide(size) : Math.min(size.width, size.height);
  if (shortSide === undefined) return undefined;
  return names.find((name) => getResolutionShortSide(name) === shortSide);
}

/**
 * The `WxH` sizes of resolution names in each aspect ratio, for a
 * capabilities' `resolutions` list (names and ratios that do not parse are
 * skipped).
 *
 * @example sizesForResolutionNames(['720p'], ['16:9', '9:16']) // ['1280x720', '720x1280']
 */
export function sizesForResolutionNames(names: readonly string[], aspectRatios: readonly string[]): string[] {
  const sizes: string[] = [];
  for (const name of names) {
    if (getResolutionShortSide(name) === undefined || parseVideoSize(name)) continue;
    for (const aspectRatio of aspectRatios) {
      if (parseAspectRatio(aspectRatio) === undefined) continue;
      const size = parseResolution(name, aspectRatio);
      if (size && !sizes.includes(formatVideoSize(size))) sizes.push(formatVideoSize(size));
    }
  }
  return sizes;
}

// ---------------------------------------------------------------------------
// Aspect ratios

/** The value of `'W:H'` (`'16:9'` → 1.777…); `undefined` when malformed (`'auto'`, `'0:9'`). */
export function parseAspectRatio(value: string): number | undefined {
  const match = /^\s*(\d+(?:\.\d+)?)\s*:\s*(\d+(?:\.\d+)?)\s*$/.exec(value);
  if (!match) return undefined;
  const ratio = Number(match[1]) / Number(match[2]);
  return Number.isFinite(ratio) && ratio > 0 ? ratio : undefined;
}

/** A size's aspect ratio, reduced: `1280x720` → `'16:9'`, `854x480` → `'427:240'`. */
export function aspectRatioOfSize(size: VideoSize): string {
  const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));
  const divisor = gcd(size.width, size.height) || 1;
  return `${size.width / divisor}:${size.height / divisor}`;
}

/** Relative difference two aspect ratios may have and still match (854x480 is 16:9). */
export const ASPECT_RATIO_TOLERANCE = 0.01;

/**
 * Whether two aspect ratios (`'W:H'`, a size, or a number) are the same
 * within 1%.
 */
export function sameAspectRatio(a: string | VideoSize | number, b: string | VideoSize | number): boolean {
  const first = ratioOf(a);
  const second = ratioOf(b);
  return first !== undefined && second !== undefined && Math.abs(first / second - 1) <= ASPECT_RATIO_TOLERANCE;
}

/**
 * The candidate (`'W:H'`; others such as `'auto'` are skipped) with the same
 * aspect ratio as `value` (within 1%). `undefined` when none matches.
 *
 * @example matchAspectRatio({ width: 854, height: 480 }, ['16:9', '9:16']) // '16:9'
 */
export function matchAspectRatio(
  value: string | VideoSize | number,
  candidates: readonly string[],
): string | undefined {
  return candidates.find((candidate) => parseAspectRatio(candidate) !== undefined && sameAspectRatio(value, candidate));
}

function ratioOf(value: string | VideoSize | number): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) && value > 0 ? value : undefined;
  if (typeof value === 'string') return parseAspectRatio(value);
  return value.width > 0 && value.height > 0 ? value.width / value.height : undefined;
}

// ---------------------------------------------------------------------------
// Durations

/** Whether `seconds` is one of the durations (a listed value, or on a step of the range). */
export function isAllowedDuration(durations: VideoDurations | null | undefined, seconds: number): boolean {
  if (!durations) return true;
  if (isDurationList(durations)) return durations.length === 0 || durations.includes(seconds);
  if (seconds < durations.min || seconds > durations.max) return false;
  const steps = (seconds - durations.min) / (durations.step ?? 1);
  return Math.abs(steps - Math.round(steps)) < 1e-9;
}

/**
 * The allowed duration nearest to `seconds` (ties go to the longer one, so
 * the video is at least as long as asked), or the nearest step of a range.
 * `seconds` unchanged when nothing is stated.
 *
 * @example nearestDuration([4, 6, 8], 5) // 6
 * @example nearestDuration({ min: 2, max: 10, step: 2 }, 5.2) // 6
 */
export function nearestDuration(durations: VideoDurations | null | undefined, seconds: number): number {
  if (!durations) return seconds;
  if (isDurationList(durations)) {
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
  const snapped = min + Math.round((clamped - min) / step) * step;
  // Round away floating point noise of the step arithmetic.
  return Math.min(max, Number(snapped.toFixed(6)));
}

/** `'4, 8, 12'` or `'2..10 in steps of 2'`. */
export function describeDurations(durations: VideoDurations): string {
  if (isDurationList(durations)) return durations.join(', ');
  return `${durations.min}..${durations.max}${durations.step !== undefined ? ` in steps of ${durations.step}` : ''}`;
}

function isDurationList(durations: VideoDurations): durations is readonly number[] {
  return Array.isArray(durations);
}

// ---------------------------------------------------------------------------
// One wording

/** `'fal.video model fal-ai/veo3.1'`: how every message names a model. */
export function describeVideoModel(model: VideoModelReference): string {
  return `${model.provider} model ${model.modelId}`;
}

/** The error of a value that cannot be sent, named by its call option (`argument`). */
export function invalidVideoArgument(argument: string, message: string): InvalidArgumentError {
  return new InvalidArgumentError({ argument, message });
}

/** The warning of an option a model ignores: `{ type: 'unsupported', feature, details }`. */
export function unsupportedVideoOption(feature: string, details: string): SharedV3Warning {
  return { type: 'unsupported', feature, details };
}

// ---------------------------------------------------------------------------
// Checks

/**
 * Checks the shape of the call settings (no model knowledge needed): whole
 * numbers for counts, positive finite numbers, `W:H` (or `'adaptive'`),
 * `WxH`, an integer seed. Throws an InvalidArgumentError naming the option.
 */
export function validateVideoCallSettings(settings: {
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
  const wholeAtLeast = (argument: string, value: unknown, min: number) => {
    if (value !== undefined && !(Number.isSafeInteger(value) && (value as number) >= min)) {
      throw invalidVideoArgument(
        argument,
        `${argument} must be a whole number of at least ${min}, got ${show(value)}.`,
      );
    }
  };
  wholeAtLeast('n', n, 1);
  wholeAtLeast('maxVideosPerCall', maxVideosPerCall, 1);
  wholeAtLeast('maxConcurrency', maxConcurrency, 1);
  wholeAtLeast('maxRetries', maxRetries, 0);
  if (duration !== undefined && !(typeof duration === 'number' && Number.isFinite(duration) && duration > 0)) {
    throw invalidVideoArgument(
      'duration',
      `duration must be a finite number of seconds greater than 0, got ${show(duration)}.`,
    );
  }
  if (
    aspectRatio !== undefined &&
    aspectRatio !== 'adaptive' &&
    !(
      typeof aspectRatio === 'string' &&
      /^\d+(?:\.\d+)?:\d+(?:\.\d+)?$/.test(aspectRatio) &&
      parseAspectRatio(aspectRatio) !== undefined
    )
  ) {
    throw invalidVideoArgument(
      'aspectRatio',
      `aspectRatio must be "W:H" (e.g. "16:9") or "adaptive", got ${show(aspectRatio)}.`,
    );
  }
  if (
    resolution !== undefined &&
    !(typeof resolution === 'string' && /^\d+x\d+$/.test(resolution) && parseVideoSize(resolution))
  ) {
    throw invalidVideoArgument(
      'resolution',
      `resolution must be "WxH" in pixels (e.g. "1280x720"), got ${show(resolution)}.`,
    );
  }
  if (fps !== undefined && !(typeof fps === 'number' && Number.isFinite(fps) && fps > 0)) {
    throw invalidVideoArgument('fps', `fps must be a number greater than 0, got ${show(fps)}.`);
  }
  if (seed !== undefined && !Number.isSafeInteger(seed)) {
    throw invalidVideoArgument('seed', `seed must be an integer, got ${show(seed)}.`);
  }
}

/**
 * Checks `n` against an upper bound: core with the model's `maxVideos` (else
 * {@link DEFAULT_MAX_VIDEOS}) for a whole generation, a provider with its
 * `maxVideosPerCall` for one request (core splits `n`, so a provider only
 * sees more when it is called directly).
 */
export function validateVideoCount({
  n,
  max,
  model,
  per,
}: {
  n: number;
  max: number;
  model: VideoModelReference;
  /** `'generation'` (one `generateVideo` call) or `'request'` (one provider call). */
  per: 'generation' | 'request';
}): void {
  if (n > max) {
    throw invalidVideoArgument(
      'n',
      per === 'generation'
        ? `${describeVideoModel(model)} makes at most ${max} videos per generateVideo call; got n = ${n}. Split larger batches into several calls.`
        : `${describeVideoModel(model)} makes at most ${max} video(s) per request; got n = ${n}. Core splits larger n into several requests.`,
    );
  }
}

/**
 * Checks the prompt: at most `maxPromptLength` characters (else
 * {@link DEFAULT_MAX_PROMPT_LENGTH}); a blank prompt counts as none, which
 * is an error where the model `requiresPrompt`, and where there is no image
 * or reference to generate from either.
 */
export function validateVideoPrompt({
  prompt,
  hasInputs,
  capabilities,
  model,
}: {
  prompt: string | undefined;
  /** Whether the call has an image, a frame or a reference. */
  hasInputs: boolean;
  capabilities: VideoModelV3Capabilities | undefined;
  model: VideoModelReference;
}): void {
  const maxLength = capabilities?.maxPromptLength ?? DEFAULT_MAX_PROMPT_LENGTH;
  if (prompt !== undefined && prompt.length > maxLength) {
    throw invalidVideoArgument(
      'prompt',
      `${describeVideoModel(model)} takes prompts of at most ${maxLength} characters; got ${prompt.length}.`,
    );
  }
  const blank = prompt === undefined || prompt.trim() === '';
  if (blank && capabilities?.requiresPrompt === true) {
    throw invalidVideoArgument('prompt', `${describeVideoModel(model)} needs a text prompt; the prompt is empty.`);
  }
  if (blank && !hasInputs) {
    throw invalidVideoArgument('prompt', 'Give a text prompt, an image or both; the prompt is empty.');
  }
}

/**
 * Checks one input file before it is sent: its URL scheme (`http`, `https`,
 * `data`, or the model's `inputUrlSchemes`), and for bytes and `data:` URLs
 * its content: an image role (`'image'`: a first or last frame, or a
 * reference image) must hold bytes of a recognised image format (see
 * `sniffMediaType`), a labelled media type must not contradict the bytes,
 * and a `data:` URL must carry an image media type. A reference
 * (`'reference'`) may be an image, a video or audio; its label must fit its
 * bytes where they are recognised. URLs are not fetched here.
 *
 * Returns the media type the file has (labelled or read from its bytes),
 * `undefined` for a URL without one.
 */
export function validateVideoInputFile(
  file: VideoModelV3File,
  {
    argument,
    role,
    capabilities,
  }: {
    /** The call option, e.g. `'image'`, `'frameImages'`, `'inputReferences'`. */
    argument: string;
    /** `'image'` for frames and reference images, `'reference'` for a reference of any kind. */
    role: 'image' | 'reference';
    capabilities?: VideoModelV3Capabilities;
  },
): string | undefined {
  let label = file.mediaType;
  let head: Uint8Array | undefined;
  if (file.type === 'url') {
    const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(file.url)?.[1]?.toLowerCase();
    const schemes = capabilities?.inputUrlSchemes ?? DEFAULT_INPUT_URL_SCHEMES;
    if (scheme === undefined || !schemes.includes(scheme)) {
      throw invalidVideoArgument(
        argument,
        `${argument} must be an ${schemes.map((value) => `${value}:`).join(', ')} URL, bytes or base64; got ${scheme ? `a ${scheme}: URL` : 'a string that is no URL'}.`,
      );
    }
    if (scheme === 'data') {
      const dataUrl = /^data:([^;,]*)((?:;[^;,]*)*),(.*)$/is.exec(file.url);
      if (!dataUrl) throw invalidVideoArgument(argument, `${argument} is a malformed data: URL.`);
      const [, dataType, parameters, payload] = dataUrl;
      label = dataType || label;
      // An unlabelled data URL is judged by its bytes below.
      if (role === 'image' && !isGeneric(label) && !isKind(label, 'image')) {
        throw invalidVideoArgument(argument, `${argument} is a data: URL of ${label}; an image (image/…) is needed.`);
      }
      head = decodeHead(payload, /;base64/i.test(parameters));
    }
  } else {
    head = typeof file.data === 'string' ? decodeHead(file.data, true) : file.data.subarray(0, 32);
  }
  const labelled = label && !isGeneric(label) ? normalizeMediaType(label) : undefined;

  if (head === undefined) {
    // A URL to be fetched by the provider: only a label can be checked.
    if (labelled !== undefined && role === 'image' && !isKind(labelled, 'image')) {
      throw invalidVideoArgument(argument, `${argument} is labelled ${labelled}; an image (image/…) is needed.`);
    }
    checkImageType(labelled, argument, role, capabilities);
    return labelled;
  }

  const sniffed = sniffMediaType(head);
  const kind = labelled ? kindOf(labelled) : undefined;
  const needsImage = role === 'image' || kind === 'image' || kind === undefined;
  if (needsImage && !isKind(sniffed, 'image')) {
    if (role === 'reference' && sniffed !== undefined && (isKind(sniffed, 'video') || isKind(sniffed, 'audio'))) {
      if (labelled !== undefined && kindOf(sniffed) !== kind) {
        throw invalidVideoArgument(argument, `${argument} is labelled ${labelled}, but its bytes are ${sniffed}.`);
      }
      return sniffed;
    }
    throw invalidVideoArgument(
      argument,
      `${argument} is not an image: ${sniffed ? `its bytes are ${sniffed}` : 'its bytes are no recognised image format (PNG, JPEG, WebP, GIF, AVIF, HEIC, BMP, TIFF)'}${labelled ? `, though it is labelled ${labelled}` : ''}.`,
    );
  }
  if (labelled !== undefined && sniffed !== undefined && contradicts(labelled, sniffed)) {
    throw invalidVideoArgument(argument, `${argument} is labelled ${labelled}, but its bytes are ${sniffed}.`);
  }
  const mediaType = sniffed ?? labelled;
  checkImageType(mediaType, argument, role, capabilities);
  return mediaType;
}

/**
 * Checks a call against what the model says it accepts (fields the
 * capabilities leave out are not checked): duration, resolution, aspect
 * ratio (and that a resolution and an aspect ratio given together agree,
 * within 1%), fps, image roles, reference kinds and count, audio, the
 * prompt, and every input file ({@link validateVideoInputFile}). Throws an
 * InvalidArgumentError naming the option (a duration error names the
 * nearest allowed one); returns the warnings of options the model ignores
 * (a seed where `seed` is `false`). `n` is checked by
 * {@link validateVideoCount}.
 */
export function validateVideoCallOptions(
  capabilities: VideoModelV3Capabilities | undefined,
  options: Pick<
    VideoModelV3CallOptions,
    | 'prompt'
    | 'aspectRatio'
    | 'resolution'
    | 'duration'
    | 'fps'
    | 'seed'
    | 'image'
    | 'frameImages'
    | 'inputReferences'
    | 'generateAudio'
    | 'sourceVideo'
  >,
  model: VideoModelReference,
): SharedV3Warning[] {
  const name = describeVideoModel(model);
  const warnings: SharedV3Warning[] = [];
  const references = options.inputReferences ?? [];

  // Inputs: URL scheme and content, before anything is fetched or paid.
  if (options.image) validateVideoInputFile(options.image, { argument: 'image', role: 'image', capabilities });
  for (const frame of options.frameImages ?? []) {
    validateVideoInputFile(frame.image, { argument: 'frameImages', role: 'image', capabilities });
  }
  const referenceKinds = references.map((reference) =>
    kindOf(validateVideoInputFile(reference, { argument: 'inputReferences', role: 'reference', capabilities })),
  );
  // A source video is checked (operation, origin, file) by resolveSourceVideo; its operation
  // decides whether a prompt is needed (default: yes).
  const source = options.sourceVideo ? resolveSourceVideo(options.sourceVideo, capabilities, model) : undefined;
  if (source && source.capability.requiresPrompt !== false && (options.prompt ?? '').trim() === '') {
    throw invalidVideoArgument(
      'prompt',
      `${name} needs a text prompt to ${source.operation} a video; the prompt is empty.`,
    );
  }
  validateVideoPrompt({
    prompt: options.prompt,
    hasInputs:
      source !== undefined ||
      options.image !== undefined ||
      (options.frameImages?.length ?? 0) > 0 ||
      references.length > 0,
    capabilities:
      source && source.capability.requiresPrompt === false ? { ...capabilities, requiresPrompt: false } : capabilities,
    model,
  });
  const size = options.resolution !== undefined ? parseVideoSize(options.resolution) : undefined;
  if (size && options.aspectRatio !== undefined && options.aspectRatio !== 'adaptive') {
    if (!sameAspectRatio(size, options.aspectRatio)) {
      throw invalidVideoArgument(
        'aspectRatio',
        `aspectRatio ${options.aspectRatio} does not match resolution ${options.resolution} (${aspectRatioOfSize(size)}); give one of them, or matching values.`,
      );
    }
  }
  if (!capabilities) return warnings;

  const { durations } = capabilities;
  if (options.duration !== undefined && durations !== undefined && !isAllowedDuration(durations, options.duration)) {
    throw invalidVideoArgument(
      'duration',
      `${name} does not accept a duration of ${options.duration} s. Allowed: ${describeDurations(durations)}. ` +
        `Nearest allowed: ${nearestDuration(durations, options.duration)} s.`,
    );
  }
  checkList('resolution', options.resolution, capabilities.resolutions, name);
  if (options.aspectRatio !== 'adaptive') {
    checkList('aspectRatio', options.aspectRatio, capabilities.aspectRatios, name);
  }
  checkList('fps', options.fps, capabilities.fps, name);

  const roles = capabilities.imageRoles;
  if (roles !== undefined) {
    const rolesText = roles.join(', ') || 'none';
    const hasFirst =
      options.image !== undefined || options.frameImages?.some((frame) => frame.frameType === 'first_frame');
    const hasLast = options.frameImages?.some((frame) => frame.frameType === 'last_frame');
    if (hasFirst && !roles.includes('first_frame')) {
      throw invalidVideoArgument(
        'image',
        `${name} does not take a first-frame image (image roles it takes: ${rolesText}).`,
      );
    }
    if (hasLast && !roles.includes('last_frame')) {
      throw invalidVideoArgument(
        'frameImages',
        `${name} does not take a last-frame image (image roles it takes: ${rolesText}).`,
      );
    }
    if (referenceKinds.includes('image') && !roles.includes('reference')) {
      throw invalidVideoArgument(
        'inputReferences',
        `${name} does not take reference images (image roles it takes: ${rolesText}).`,
      );
    }
  }
  if (capabilities.referenceKinds !== undefined) {
    for (const kind of referenceKinds) {
      const allowed = capabilities.referenceKinds as string[];
      if (!allowed.includes(kind)) {
        throw invalidVideoArgument(
          'inputReferences',
          `${name} does not take ${kind} references. Allowed kinds: ${allowed.join(', ') || 'none'}.`,
        );
      }
    }
  }
  if (capabilities.maxReferences !== undefined && references.length > capabilities.maxReferences) {
    throw invalidVideoArgument(
      'inputReferences',
      `${name} takes at most ${capabilities.maxReferences} references, got ${references.length}.`,
    );
  }
  if (options.generateAudio === true && capabilities.audio === false) {
    throw invalidVideoArgument('generateAudio', `${name} cannot generate audio.`);
  }
  if (options.seed !== undefined && capabilities.seed === false) {
    warnings.push(unsupportedVideoOption('seed', `${name} takes no seed; it was not sent.`));
  }
  return warnings;
}

function checkList<T extends string | number>(
  argument: string,
  value: T | undefined,
  allowed: readonly T[] | undefined,
  name: string,
): void {
  if (value === undefined || allowed === undefined) return;
  if (!allowed.includes(value)) {
    throw invalidVideoArgument(
      argument,
      `${name} does not accept ${argument} ${show(value)}. Allowed: ${allowed.join(', ')}.`,
    );
  }
}

function checkImageType(
  mediaType: string | undefined,
  argument: string,
  role: 'image' | 'reference',
  capabilities: VideoModelV3Capabilities | undefined,
): void {
  const allowed = capabilities?.imageMediaTypes;
  if (allowed === undefined || mediaType === undefined || !isKind(mediaType, 'image')) return;
  if (!allowed.map(normalizeMediaType).includes(mediaType)) {
    throw invalidVideoArgument(
      argument,
      `${argument} is ${mediaType}; the model takes ${role === 'image' ? 'images' : 'reference images'} as ${allowed.join(', ')}.`,
    );
  }
}

/** The first bytes of base64 or percent-encoded data, enough to sniff. */
function decodeHead(payload: string, base64: boolean): Uint8Array {
  if (!base64) {
    let text: string;
    try {
      text = decodeURIComponent(payload.slice(0, 96));
    } catch {
      text = payload.slice(0, 32);
    }
    return new TextEncoder().encode(text).subarray(0, 32);
  }
  const prefix = payload.replace(/\s+/g, '').slice(0, 44);
  try {
    return convertBase64ToUint8Array(prefix.slice(0, prefix.length - (prefix.length % 4)));
  } catch {
    return new Uint8Array();
  }
}

const MEDIA_TYPE_ALIASES: Record<string, string> = {
  'image/jpg': 'image/jpeg',
  'image/pjpeg': 'image/jpeg',
  'image/x-png': 'image/png',
  'image/heif': 'image/heic',
  'image/x-ms-bmp': 'image/bmp',
  'audio/mp3': 'audio/mpeg',
  'audio/x-wav': 'audio/wav',
  'audio/wave': 'audio/wav',
  'video/x-matroska': 'video/webm',
};

function normalizeMediaType(mediaType: string): string {
  const bare = mediaType.split(';')[0].trim().toLowerCase();
  return MEDIA_TYPE_ALIASES[bare] ?? bare;
}

function isGeneric(mediaType: string | undefined): boolean {
  return mediaType === undefined || mediaType === '' || /^(application|binary)\/octet-stream$/i.test(mediaType);
}

function isKind(mediaType: string | undefined, kind: 'image' | 'video' | 'audio'): boolean {
  return mediaType?.toLowerCase().startsWith(`${kind}/`) === true;
}

/** image, video or audio; `'image'` for anything else (as `getFileKind`). */
function kindOf(mediaType: string | undefined): 'image' | 'video' | 'audio' {
  if (isKind(mediaType, 'video')) return 'video';
  if (isKind(mediaType, 'audio')) return 'audio';
  return 'image';
}

/**
 * Whether a label contradicts the bytes: another kind, or another image
 * format (a provider decodes an image by its label). Containers of one kind
 * (MP4 labelled QuickTime) are not a contradiction.
 */
function contradicts(labelled: string, sniffed: string): boolean {
  const labelKind = labelled.split('/')[0];
  const sniffedKind = sniffed.split('/')[0];
  if (labelKind !== sniffedKind) return true;
  return labelKind === 'image' && labelled !== sniffed;
}

function show(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value) : String(value);
}
