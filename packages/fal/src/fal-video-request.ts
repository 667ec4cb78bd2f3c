import type {
  JSONValue,
  SharedV3Warning,
  VideoModelV3CallOptions,
  VideoModelV3Capabilities,
  VideoModelV3File,
} from '@videogen/provider-spec';
import {
  describeVideoModel,
  fileToUrl,
  getFileKind,
  getFrameImages,
  getResolutionShortSide,
  invalidVideoArgument,
  matchAspectRatio,
  matchResolutionName,
  parseVideoSize,
  resolveSourceVideo,
  unsupportedVideoOption,
  validateVideoCallOptions,
  validateVideoCallSettings,
  validateVideoCount,
  type VideoModelReference,
  type VideoSize,
} from '@videogen/provider-utils';
import {
  getFalEndpointCapabilities,
  type FalEndpointCapabilities,
  type FalImageRole,
  type FalVideoModelOptions,
} from './fal-video-model-options';

/** Aspect ratios a resolution is matched against for an endpoint that takes any aspect ratio. */
const FAL_COMMON_ASPECT_RATIOS = ['16:9', '9:16', '1:1', '4:3', '3:4', '21:9', '9:21', '3:2', '2:3'];

/**
 * Maps the call options onto the endpoint's input JSON (pure, no I/O):
 * the shared checks of `@videogen/provider-utils` first (shape, `n`, the
 * capabilities), then fal's field names and value forms. Throws an
 * InvalidArgumentError for a value the endpoint cannot take; returns a
 * warning for each option it ignores.
 */
export function getFalVideoArgs({
  model,
  capabilities: specCapabilities,
  options,
  falOptions,
}: {
  model: VideoModelReference;
  /** The model's spec capabilities (`getFalVideoModelCapabilities`). */
  capabilities: VideoModelV3Capabilities;
  options: VideoModelV3CallOptions;
  falOptions: FalVideoModelOptions | undefined;
}): { body: Record<string, JSONValue>; warnings: SharedV3Warning[] } {
  validateVideoCallSettings(options);
  validateVideoCount({ n: options.n ?? 1, max: 1, model, per: 'request' });
  const warnings: SharedV3Warning[] = [...validateVideoCallOptions(specCapabilities, options, model)];

  const { capabilities, known } = getFalEndpointCapabilities(model.modelId);
  const endpoint = describeVideoModel(model);
  const body: Record<string, JSONValue> = {};
  const extraInput = falOptions?.input ?? {};

  // A blank prompt is not sent (the shared check refused it where it is needed).
  if (options.prompt !== undefined && options.prompt.trim() !== '') body.prompt = options.prompt;

  // Images: first frame, last frame, references, under the endpoint's own names.
  const { firstFrame, lastFrame } = getFrameImages(options);
  const references = options.inputReferences ?? [];
  const setFrame = (
    role: 'first_frame' | 'last_frame',
    file: VideoModelV3File | undefined,
    field: string | undefined,
  ) => {
    if (file === undefined) return;
    const argument = role === 'first_frame' ? 'image' : 'frameImages';
    if (field === undefined) {
      throw invalidVideoArgument(
        argument,
        `${endpoint} takes no ${role.replace('_', ' ')}. Use an endpoint that does (e.g. an image-to-video or first-last-frame endpoint), or send the input yourself with providerOptions.fal.input.`,
      );
    }
    if (getFileKind(file) !== 'image') {
      throw invalidVideoArgument(argument, `The ${role.replace('_', ' ')} must be an image.`);
    }
    body[field] = fileToUrl(file);
  };
  setFrame('first_frame', firstFrame, capabilities.firstFrameField);
  setFrame('last_frame', lastFrame, capabilities.lastFrameField);
  if (references.length > 0) {
    const field = capabilities.referenceField;
    if (field === undefined) {
      throw invalidVideoArgument(
        'inputReferences',
        `${endpoint} takes no reference images. Use a reference-to-video endpoint, or send the input yourself with providerOptions.fal.input.`,
      );
    }
    for (const reference of references) {
      if (getFileKind(reference) !== 'image') {
        throw invalidVideoArgument(
          'inputReferences',
          `${endpoint} takes reference images only; send video or audio inputs with providerOptions.fal.input.`,
        );
      }
    }
    body[field] = references.map(fileToUrl);
  }
  for (const role of capabilities.requiredImages ?? []) {
    const field =
      role === 'first_frame'
        ? capabilities.firstFrameField
        : role === 'last_frame'
          ? capabilities.lastFrameField
          : capabilities.referenceField;
    if (field !== undefined && body[field] === undefined && extraInput[field] === undefined) {
      throw invalidVideoArgument(
        role === 'reference' ? 'inputReferences' : 'frameImages',
        `${endpoint} needs ${describeRole(role)}.`,
      );
    }
  }

  // The source video (checked by validateVideoCallOptions): `video_url`, a URL or the bytes as a data: URI.
  // `providerOptions.fal.input.video_url` is the provider-specific way; not both.
  if (options.sourceVideo !== undefined) {
    const source = resolveSourceVideo(options.sourceVideo, specCapabilities, model);
    if (extraInput.video_url !== undefined) {
      throw invalidVideoArgument(
        'sourceVideo',
        'Give the source video once: as sourceVideo, or (the provider-specific way) as providerOptions.fal.input.video_url, not both.',
      );
    }
    const video = source.video as VideoModelV3File;
    body.video_url = source.origin === 'url' && video.type === 'url' ? video.url : fileToUrl(video);
  } else if (capabilities.sourceVideo !== undefined && extraInput.video_url === undefined) {
    throw invalidVideoArgument(
      'sourceVideo',
      `${endpoint} works on a video: pass sourceVideo { operation: '${capabilities.sourceVideo.operation}', video }.`,
    );
  }

  // Duration in the endpoint's form: checked against the capabilities above, never rounded.
  if (options.duration !== undefined) {
    if (capabilities.durationFormat === undefined) {
      warnings.push(unsupportedVideoOption('duration', `${endpoint} takes no duration; it was not sent.`));
    } else {
      const seconds = options.duration;
      body.duration =
        capabilities.durationFormat === 'number'
          ? seconds
          : capabilities.durationFormat === 'seconds-string'
            ? `${seconds}s`
            : String(seconds);
    }
  }

  // Aspect ratio and resolution.
  const size = options.resolution !== undefined ? parseVideoSize(options.resolution) : undefined;
  const aspectRatio = mapAspectRatio(options.aspectRatio, size, capabilities, known, endpoint, warnings);
  if (aspectRatio !== undefined) body.aspect_ratio = aspectRatio;
  if (size !== undefined) {
    const resolution = mapResolution(size, options.resolution!, capabilities, endpoint, warnings);
    if (resolution !== undefined) body.resolution = resolution;
  }

  if (options.generateAudio !== undefined) {
    if (capabilities.generateAudio) body.generate_audio = options.generateAudio;
    else if (options.generateAudio) {
      // Known silent endpoints were refused by the shared check; this is a generic one.
      warnings.push(unsupportedVideoOption('generateAudio', `${endpoint} does not generate audio.`));
    }
  }
  // A seed on an endpoint without one: warned by the shared check, not sent.
  if (options.seed !== undefined && capabilities.seed) body.seed = options.seed;
  if (falOptions?.negativePrompt !== undefined) {
    if (capabilities.negativePrompt) body.negative_prompt = falOptions.negativePrompt;
    else {
      warnings.push(
        unsupportedVideoOption('providerOptions.fal.negativePrompt', `${model.modelId} takes no negative prompt.`),
      );
    }
  }
  if (options.fps !== undefined) {
    warnings.push(
      unsupportedVideoOption(
        'fps',
        `fal video endpoints take no common fps option; ${options.fps} was not sent. Where the endpoint has an fps input, pass it with providerOptions.fal.input.`,
      ),
    );
  }

  // Endpoint inputs passed through verbatim (fal endpoints are open-ended); they win.
  Object.assign(body, extraInput);
  return { body, warnings };
}

/**
 * The submit URL: the full endpoint id, with `fal_webhook` when a webhook
 * URL is given (an http(s) URL, else an InvalidArgumentError).
 */
export function getFalSubmitUrl(baseURL: string, endpointId: string, webhookUrl: string | undefined): string {
  const url = `${baseURL}/${endpointId}`;
  if (webhookUrl === undefined) return url;
  if (!isHttpUrl(webhookUrl)) {
    throw invalidVideoArgument('webhookUrl', `webhookUrl must be an http(s) URL, got ${JSON.stringify(webhookUrl)}.`);
  }
  return `${url}?fal_webhook=${encodeURIComponent(webhookUrl)}`;
}

/** The queue headers of a submission, from the provider options. */
export function getFalSubmitHeaders(falOptions: FalVideoModelOptions | undefined): Record<string, string | undefined> {
  const objectExpiration = falOptions?.objectExpirationSeconds;
  return {
    // The fal SDK always sends a priority (`normal` by default).
    'x-fal-queue-priority': falOptions?.queuePriority ?? 'normal',
    'x-fal-request-timeout': falOptions?.requestTimeoutSeconds?.toString(),
    'x-fal-runner-hint': falOptions?.runnerHint,
    'x-fal-no-retry': falOptions?.noRetry ? '1' : undefined,
    'x-fal-object-lifecycle-preference':
      objectExpiration !== undefined ? JSON.stringify({ expiration_duration_seconds: objectExpiration }) : undefined,
  };
}

function describeRole(role: FalImageRole): string {
  switch (role) {
    case 'first_frame':
      return 'a first frame (the image option, or a first_frame in frameImages)';
    case 'last_frame':
      return 'a last frame (a last_frame in frameImages)';
    case 'reference':
      return 'reference images (inputReferences)';
  }
}

function mapAspectRatio(
  aspectRatio: VideoModelV3CallOptions['aspectRatio'],
  size: VideoSize | undefined,
  capabilities: FalEndpointCapabilities,
  known: boolean,
  endpoint: string,
  warnings: SharedV3Warning[],
): string | undefined {
  const allowed = capabilities.aspectRatios;
  if (aspectRatio === undefined) {
    // A resolution implies an aspect ratio where the endpoint takes one.
    if (size === undefined || allowed === undefined) return undefined;
    return matchAspectRatio(size, allowed === 'any' ? FAL_COMMON_ASPECT_RATIOS : allowed);
  }
  if (aspectRatio === 'adaptive') {
    if (allowed === undefined) return undefined; // the endpoint follows the input image anyway
    if (allowed === 'any' || allowed.includes('auto')) return 'auto';
    warnings.push(
      unsupportedVideoOption(
        'aspectRatio',
        `${endpoint} cannot follow the input image's aspect ratio; its default was used. Allowed: ${allowed.join(', ')}.`,
      ),
    );
    return undefined;
  }
  if (allowed === undefined) {
    warnings.push(
      unsupportedVideoOption(
        'aspectRatio',
        `${endpoint} takes no aspect ratio${known ? ' (it follows the input image)' : ''}; ${aspectRatio} was not sent.`,
      ),
    );
    return undefined;
  }
  // A value outside a known list was refused by the shared check.
  return aspectRatio;
}

/** fal's label for a size: `<short side>p` for generic endpoints, else the endpoint's label of that short side. */
function mapResolution(
  size: VideoSize,
  resolution: string,
  capabilities: FalEndpointCapabilities,
  endpoint: string,
  warnings: SharedV3Warning[],
): string | undefined {
  const allowed = capabilities.resolutions;
  if (allowed === undefined) {
    warnings.push(unsupportedVideoOption('resolution', `${endpoint} takes no resolution; ${resolution} was not sent.`));
    return undefined;
  }
  if (allowed === 'any') return `${Math.min(size.width, size.height)}p`;
  const label = matchResolutionName(size, allowed);
  if (label === undefined) {
    throw invalidVideoArgument(
      'resolution',
      `${endpoint} cannot render ${resolution}; allowed: ${allowed
        .map((candidate) => `${candidate} (short side ${getResolutionShortSide(candidate) ?? '?'} px)`)
        .join(', ')}.`,
    );
  }
  return label;
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}
