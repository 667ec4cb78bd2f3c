import type { SharedV3Warning, VideoModelV3File, VideoModelV3StartOptions } from '@videogen/provider-spec';
import {
  aspectRatioOfSize,
  describeVideoModel,
  fileToUrl,
  getFileKind,
  getFrameImages,
  invalidVideoArgument,
  matchAspectRatio,
  matchResolutionName,
  nearestDuration,
  parseVideoSize,
  resolveSourceVideo,
  unsupportedVideoOption,
  validateVideoCallOptions,
  validateVideoCallSettings,
  validateVideoCount,
  type VideoModelReference,
} from '@videogen/provider-utils';
import { parseOpenRouterOperation, removeUndefined } from './openrouter-operation';
import { OPENROUTER_RESOLUTION_NAMES, type OpenRouterVideoModelOptions } from './openrouter-video-model-options';
import {
  openrouterSourceVideoCapabilities,
  stated,
  toCapabilities,
  type OpenRouterVideoModelInfo,
} from './openrouter-video-models';

/** OpenRouter rejects request bodies above 50 MiB (413). */
const MAX_BODY_BYTES = 50 * 1024 * 1024;

/** The `POST /videos` body and the warnings of the call. */
export type OpenRouterVideoRequest = { body: Record<string, unknown>; warnings: SharedV3Warning[] };

/**
 * The checks that need no model listing, run before it is fetched: the shape
 * of the call settings, one video per job, and whole seconds (OpenRouter's
 * `duration` is an integer).
 */
export function checkOpenRouterCallSettings(options: VideoModelV3StartOptions, model: VideoModelReference): void {
  validateVideoCallSettings(options);
  if (options.n !== undefined) validateVideoCount({ n: options.n, max: 1, model, per: 'request' });
  if (options.duration !== undefined && !Number.isInteger(options.duration)) {
    throw invalidVideoArgument(
      'duration',
      `${describeVideoModel(model)} takes a whole number of seconds; got ${options.duration}. Nearest: ${nearestDuration({ min: 1, max: Number.MAX_SAFE_INTEGER }, options.duration)} s.`,
    );
  }
}

/**
 * Builds the `POST /videos` body from the call options, validating the call
 * against the model's listing entry (`info`, when there is one) before
 * anything is paid for. Pure: the listing is fetched by the caller.
 */
export function getOpenRouterVideoRequest({
  model,
  options,
  openrouterOptions,
  info,
}: {
  model: VideoModelReference;
  options: VideoModelV3StartOptions;
  openrouterOptions: OpenRouterVideoModelOptions;
  /** The model's entry in `GET /videos/models`; `undefined` when unknown or not fetched. */
  info: OpenRouterVideoModelInfo | undefined;
}): OpenRouterVideoRequest {
  const name = describeVideoModel(model);
  // Without a listing entry nothing is validated, except the source video (every model takes a job).
  const capabilities = info
    ? toCapabilities(info)
    : options.sourceVideo
      ? { sourceVideo: openrouterSourceVideoCapabilities() }
      : undefined;
  // providerOptions.openrouter.resolution / size replace the call's resolution.
  const overridden = openrouterOptions.resolution !== undefined || openrouterOptions.size !== undefined;
  const warnings = validateVideoCallOptions(
    capabilities,
    { ...options, resolution: overridden ? undefined : options.resolution },
    model,
  );

  const previousJobId = getPreviousJobId(options, openrouterOptions, capabilities, model);

  if (options.fps !== undefined) {
    warnings.push(unsupportedVideoOption('fps', 'OpenRouter video models take no fps; the model default is used.'));
  }
  // options.idempotencyKey is not sent: POST /videos takes none. No warning, because core
  // adds a key to every submission on its own; it retries a submission only when OpenRouter
  // cannot have accepted it (429, 503, connection refused), so no job is paid twice.
  const { firstFrame, lastFrame } = getFrameImages(options);
  const references = options.inputReferences ?? [];
  if ((firstFrame || lastFrame) && references.length > 0) {
    warnings.push({
      type: 'other',
      message:
        'Both frame images and input references were given: OpenRouter treats the request as image-to-video and uses frame_images; input_references may be ignored.',
    });
  }

  // Aspect ratio, resolution and size.
  let aspectRatio: string | undefined;
  if (options.aspectRatio === 'adaptive') {
    warnings.push(
      unsupportedVideoOption(
        'aspectRatio',
        "OpenRouter has no 'adaptive' aspect ratio; aspect_ratio is not sent and the model's default (usually the first frame's shape) applies.",
      ),
    );
  } else {
    aspectRatio = options.aspectRatio;
  }
  let resolution = openrouterOptions.resolution;
  let size = openrouterOptions.size;
  if (options.resolution !== undefined && !overridden) {
    ({ resolution, size, aspectRatio } = mapResolution(options.resolution, aspectRatio, info, name));
  } else if (options.resolution !== undefined) {
    warnings.push({
      type: 'other',
      message: `resolution ${options.resolution} was overridden by providerOptions.openrouter.${size !== undefined ? 'size' : 'resolution'}.`,
    });
  }

  // OpenRouter's own options against the listing.
  const sizes = stated(info?.supportedSizes);
  if (openrouterOptions.size !== undefined && sizes && !sizes.includes(openrouterOptions.size)) {
    throw invalidVideoArgument(
      'providerOptions.openrouter.size',
      `${name} does not support size ${openrouterOptions.size}. Supported sizes: ${sizes.join(', ')}.`,
    );
  }
  const resolutionNames = stated(info?.supportedResolutions);
  if (
    openrouterOptions.resolution !== undefined &&
    resolutionNames &&
    !resolutionNames.includes(openrouterOptions.resolution)
  ) {
    throw invalidVideoArgument(
      'providerOptions.openrouter.resolution',
      `${name} does not support resolution ${openrouterOptions.resolution}. Supported resolutions: ${resolutionNames.join(', ')}${sizes ? `; sizes: ${sizes.join(', ')}` : ''}.`,
    );
  }
  if (info) warnings.push(...checkPassthroughOptions(openrouterOptions, info, model.modelId));

  const frameImages = [
    ...(firstFrame ? [toFrameImage(firstFrame, 'first_frame')] : []),
    ...(lastFrame ? [toFrameImage(lastFrame, 'last_frame')] : []),
  ];
  const body = removeUndefined({
    model: model.modelId,
    // A blank prompt is not sent (validateVideoCallOptions made sure there is an image then).
    prompt: options.prompt?.trim() ? options.prompt : undefined,
    duration: options.duration,
    resolution,
    aspect_ratio: aspectRatio,
    size,
    // A seed the model ignores is not sent (validateVideoCallOptions warned).
    seed: capabilities?.seed === false ? undefined : options.seed,
    generate_audio: options.generateAudio,
    frame_images: frameImages.length > 0 ? frameImages : undefined,
    input_references: references.length > 0 ? references.map(toInputReference) : undefined,
    callback_url: openrouterOptions.callbackUrl ?? options.webhookUrl,
    previous_job_id: previousJobId,
    provider: openrouterOptions.provider ? { options: openrouterOptions.provider.options } : undefined,
    session_id: openrouterOptions.sessionId,
    user: openrouterOptions.user,
    creativity: openrouterOptions.creativity,
    upscale_factor: openrouterOptions.upscaleFactor,
  });

  // Checked before sending so that a too-large body fails fast with advice, not with a 413.
  const bodyBytes = new TextEncoder().encode(JSON.stringify(body)).byteLength;
  if (bodyBytes > MAX_BODY_BYTES) {
    throw invalidVideoArgument(
      'frameImages',
      `The request body would be ${(bodyBytes / 1024 / 1024).toFixed(1)} MiB; OpenRouter accepts at most 50 MiB. Pass large images, videos and audio as https URLs instead of bytes.`,
    );
  }

  return { body, warnings };
}

/**
 * The `previous_job_id` to send: the id of `sourceVideo.job` (an OpenRouter
 * job of the same model, which OpenRouter edits or extends), or
 * `providerOptions.openrouter.previousJobId`. Both at once, or a job of
 * another model (OpenRouter would answer 400), is an InvalidArgumentError.
 */
function getPreviousJobId(
  options: VideoModelV3StartOptions,
  openrouterOptions: OpenRouterVideoModelOptions,
  capabilities: Parameters<typeof resolveSourceVideo>[1],
  model: VideoModelReference,
): string | undefined {
  if (options.sourceVideo === undefined) return openrouterOptions.previousJobId;
  if (openrouterOptions.previousJobId !== undefined) {
    throw invalidVideoArgument(
      'sourceVideo',
      'Give either sourceVideo or providerOptions.openrouter.previousJobId, not both (they are two ways to name the source job).',
    );
  }
  // Checked by validateVideoCallOptions; resolved again (pure) for the job. The only origin is 'job'.
  const { job } = resolveSourceVideo(options.sourceVideo, capabilities, model);
  if (job === undefined) throw invalidVideoArgument('sourceVideo', 'sourceVideo needs the OpenRouter job to work on.');
  if (job.modelId !== model.modelId) {
    throw invalidVideoArgument(
      'sourceVideo',
      `OpenRouter edits or extends a job only with the model that made it: the job is ${job.modelId}'s, this model is ${model.modelId}.`,
    );
  }
  let id: string;
  try {
    id = parseOpenRouterOperation(job.operation).id;
  } catch {
    throw invalidVideoArgument(
      'sourceVideo',
      'sourceVideo.job is not an OpenRouter video job: its operation should be { id: "gen-vid-…" } as doStart returns it.',
    );
  }
  return id;
}

/**
 * Maps the call's `WxH` resolution (already checked against the listing) to
 * the wire: `size` when the model lists that size; otherwise OpenRouter's
 * resolution name plus the aspect ratio; `size` as a last resort when no
 * name fits and the model lists nothing.
 */
function mapResolution(
  value: string,
  requestedAspectRatio: string | undefined,
  info: OpenRouterVideoModelInfo | undefined,
  name: string,
): { resolution?: string; size?: string; aspectRatio?: string } {
  // validateVideoCallSettings checked the WxH shape.
  const size = parseVideoSize(value)!;
  const sizes = stated(info?.supportedSizes);
  if (sizes?.includes(value)) {
    // The size says everything; aspect_ratio is not sent next to it.
    return { size: value };
  }
  const names = stated(info?.supportedResolutions);
  const resolution = matchResolutionName(size, names ?? OPENROUTER_RESOLUTION_NAMES);
  if (resolution !== undefined) {
    const aspectRatios = stated(info?.supportedAspectRatios);
    const aspectRatio =
      requestedAspectRatio ?? (aspectRatios ? matchAspectRatio(size, aspectRatios) : aspectRatioOfSize(size));
    if (aspectRatio === undefined) {
      throw invalidVideoArgument(
        'resolution',
        `${name} does not accept resolution ${value}: its aspect ratio ${aspectRatioOfSize(size)} is not one of ${aspectRatios!.join(', ')}.`,
      );
    }
    return { resolution, aspectRatio };
  }
  if (sizes || names) {
    throw invalidVideoArgument(
      'resolution',
      `${name} does not accept resolution ${value}.${sizes ? ` Supported sizes: ${sizes.join(', ')}.` : ''}${names ? ` Supported resolutions: ${names.join(', ')} (pass one as providerOptions.openrouter.resolution).` : ''}`,
    );
  }
  return { size: value };
}

/** Warnings for keys under `provider.options[slug]` that the model does not list as passthrough parameters. */
function checkPassthroughOptions(
  openrouterOptions: OpenRouterVideoModelOptions,
  info: OpenRouterVideoModelInfo,
  modelId: string,
): SharedV3Warning[] {
  const warnings: SharedV3Warning[] = [];
  const allowed = info.allowedPassthroughParameters;
  for (const [slug, slugOptions] of Object.entries(openrouterOptions.provider?.options ?? {})) {
    const inner = slugOptions.parameters;
    const keys =
      Object.keys(slugOptions).length === 1 && inner !== null && typeof inner === 'object' && !Array.isArray(inner)
        ? Object.keys(inner)
        : Object.keys(slugOptions);
    const unknown = keys.filter((key) => !allowed.includes(key));
    if (unknown.length > 0) {
      warnings.push({
        type: 'other',
        message: `provider.options.${slug}: ${unknown.join(', ')} not in ${modelId}'s allowed passthrough parameters (${allowed.join(', ') || 'none'}); OpenRouter may drop or reject them.`,
      });
    }
  }
  return warnings;
}

function toFrameImage(file: VideoModelV3File, frameType: 'first_frame' | 'last_frame') {
  return { type: 'image_url', image_url: { url: fileToUrl(file) }, frame_type: frameType };
}

function toInputReference(file: VideoModelV3File) {
  const url = fileToUrl(file);
  switch (getFileKind(file)) {
    case 'video':
      return { type: 'video_url', video_url: { url } };
    case 'audio':
      return { type: 'audio_url', audio_url: { url } };
    default:
      return { type: 'image_url', image_url: { url } };
  }
}
