import {
  InvalidArgumentError,
  type SharedV3Warning,
  type VideoModelV3CallOptions,
  type VideoModelV3File,
} from '@videogen/provider-spec';
import { convertUint8ArrayToBase64, type FetchFunction } from '@ai-sdk/provider-utils';
import {
  fileToBytes,
  getFileKind,
  getFileMediaType,
  getFrameImages,
  describeIssues,
  safeValidate,
  DEFAULT_MAX_INPUT_FILE_BYTES,
  type SchemaIssuesError,
} from '@videogen/provider-utils';
import {
  getGoogleVideoDurations,
  getGoogleVideoModelCapabilities,
  googleReferenceImageOptionsSchema,
  googleVideoSizes,
  parseGoogleResolution,
  type GoogleVideoModelCapabilities,
  type GoogleVideoResolution,
} from './google-video-model-options';

/** The options both variants read (the Gemini API and Vertex AI schemas extend this). */
export type VeoRequestOptions = {
  negativePrompt?: string;
  personGeneration?: 'allow_all' | 'allow_adult' | 'dont_allow';
  enhancePrompt?: boolean;
  maxInputFileBytes?: number;
};

/** The `instances[0]` and `parameters` of a `:predictLongRunning` body. */
export type VeoRequest = {
  instance: Record<string, unknown>;
  parameters: Record<string, unknown>;
  warnings: SharedV3Warning[];
};

type Variant = 'gemini' | 'vertex';

/**
 * Validates a call against the model's capabilities and builds the Veo
 * request body. Everything that can be checked is checked before any input
 * is fetched or any request is made, so that a request the model cannot take
 * is an `InvalidArgumentError` before anything is paid for.
 */
export async function prepareVeoRequest({
  modelId,
  options,
  providerOptions,
  variant,
  providerKey,
  fileOrigin,
  fetch,
}: {
  modelId: string;
  options: VideoModelV3CallOptions;
  providerOptions: VeoRequestOptions | undefined;
  variant: Variant;
  /** `'google'` or `'vertex'`: the per-file providerOptions key. */
  providerKey: string;
  /** The Gemini API origin: a video URL there is a previous generation's `uri`. */
  fileOrigin?: string;
  fetch?: FetchFunction;
}): Promise<VeoRequest> {
  const warnings: SharedV3Warning[] = [];
  const capabilities = getGoogleVideoModelCapabilities(modelId);
  const label = capabilities ? `${modelId} (${capabilities.family})` : modelId;

  // Inputs
  const { firstFrame, lastFrame } = getFrameImages(options);
  const referenceImages: VideoModelV3File[] = [];
  const videos: VideoModelV3File[] = [];
  for (const file of options.inputReferences ?? []) {
    const kind = isGoogleFileUri(file, fileOrigin) ? 'video' : getFileKind(file);
    if (kind === 'image') referenceImages.push(file);
    else if (kind === 'video') videos.push(file);
    else {
      throw new InvalidArgumentError({
        argument: 'inputReferences',
        message: `Veo takes reference images and one video to extend, not ${kind}.`,
      });
    }
  }
  const video = videos[0];
  if (videos.length > 1) {
    throw new InvalidArgumentError({
      argument: 'inputReferences',
      message: `Veo extends one video per request; ${videos.length} videos were given.`,
    });
  }

  if (lastFrame && !firstFrame) {
    throw new InvalidArgumentError({
      argument: 'frameImages',
      message: 'Veo takes a last frame only together with a first frame (interpolation).',
    });
  }
  if (referenceImages.length > 0 && (firstFrame || lastFrame || video)) {
    throw new InvalidArgumentError({
      argument: 'inputReferences',
      message:
        'Veo takes reference images only on their own: not with a first frame, a last frame or a video to extend.',
    });
  }
  if (referenceImages.length > 0 && !options.prompt) {
    throw new InvalidArgumentError({ argument: 'prompt', message: 'Veo needs a prompt with reference images.' });
  }
  if (!options.prompt && !firstFrame && !video) {
    throw new InvalidArgumentError({
      argument: 'prompt',
      message: 'Veo needs a prompt, a first frame or a video to extend.',
    });
  }

  if (capabilities) {
    if (firstFrame && !capabilities.firstFrame) {
      throw new InvalidArgumentError({ argument: 'image', message: `${label} takes no first frame.` });
    }
    if (lastFrame && !capabilities.lastFrame) {
      throw new InvalidArgumentError({ argument: 'frameImages', message: `${label} takes no last frame.` });
    }
    if (referenceImages.length > capabilities.maxReferenceImages) {
      throw new InvalidArgumentError({
        argument: 'inputReferences',
        message:
          capabilities.maxReferenceImages === 0
            ? `${label} takes no reference images (Veo 3.1 takes up to 3).`
            : `${label} takes at most ${capabilities.maxReferenceImages} reference images; ${referenceImages.length} were given.`,
      });
    }
    if (video && !capabilities.videoExtension) {
      throw new InvalidArgumentError({
        argument: 'inputReferences',
        message: `${label} cannot extend a video (Veo 3.1 can).`,
      });
    }
  }

  // n
  if (!Number.isInteger(options.n) || options.n < 1) {
    throw new InvalidArgumentError({ argument: 'n', message: `n must be a positive integer; got ${options.n}.` });
  }
  if (capabilities && options.n > capabilities.maxVideosPerCall) {
    throw new InvalidArgumentError({
      argument: 'n',
      message: `${label} makes at most ${capabilities.maxVideosPerCall} video(s) per request; got n = ${options.n}.`,
    });
  }

  // Aspect ratio and resolution
  let aspectRatio: string | undefined;
  if (options.aspectRatio !== undefined) {
    const allowed = capabilities?.aspectRatios ?? ['16:9', '9:16'];
    if (!(allowed as string[]).includes(options.aspectRatio) && (capabilities || options.aspectRatio === 'adaptive')) {
      throw new InvalidArgumentError({
        argument: 'aspectRatio',
        message: `${label} takes aspectRatio ${allowed.join(' or ')}; got ${JSON.stringify(options.aspectRatio)}.`,
      });
    }
    aspectRatio = options.aspectRatio;
  }

  let resolution: GoogleVideoResolution | undefined;
  if (options.resolution !== undefined) {
    const parsed = parseGoogleResolution(options.resolution);
    if (!parsed) {
      throw new InvalidArgumentError({
        argument: 'resolution',
        message: `Veo takes resolution 720p, 1080p or 4k (${googleVideoSizes.join(', ')}); got ${JSON.stringify(options.resolution)}.`,
      });
    }
    if (parsed.aspectRatio) {
      if (aspectRatio !== undefined && aspectRatio !== parsed.aspectRatio) {
        throw new InvalidArgumentError({
          argument: 'resolution',
          message: `resolution ${options.resolution} is ${parsed.aspectRatio}, but aspectRatio ${aspectRatio} was asked for.`,
        });
      }
      aspectRatio = parsed.aspectRatio;
    }
    resolution = parsed.resolution;
    if (capabilities && !capabilities.resolutions.includes(resolution)) {
      if (capabilities.resolutions.length === 0 && resolution === '720p') {
        // Veo 2 has no resolution parameter and always renders 720p: honoured without sending it.
        resolution = undefined;
      } else {
        throw new InvalidArgumentError({
          argument: 'resolution',
          message:
            capabilities.resolutions.length === 0
              ? `${label} has no resolution setting and renders 720p only; got ${options.resolution}.`
              : `${label} takes resolution ${capabilities.resolutions.join(', ')}; got ${options.resolution}.`,
        });
      }
    }
    if (video && resolution !== undefined && resolution !== '720p') {
      throw new InvalidArgumentError({
        argument: 'resolution',
        message: `Veo extends videos at 720p only; got ${options.resolution}.`,
      });
    }
  }

  // Duration (1080p, 4k, reference images and extension need 8 s)
  let durationSeconds: number | undefined;
  const constraints = { resolution, referenceImages: referenceImages.length > 0, extension: video !== undefined };
  const durations = getGoogleVideoDurations(modelId, constraints);
  if (options.duration !== undefined) {
    if (durations && !durations.includes(options.duration)) {
      throw new InvalidArgumentError({
        argument: 'duration',
        message:
          `${label} takes durations of ${durations.join(', ')} s${describeConstraints(constraints, capabilities)}; ` +
          `got ${options.duration}. snapGoogleVideoDuration() picks the nearest allowed one.`,
      });
    }
    durationSeconds = options.duration;
  } else if (durations && durations.length === 1 && capabilities && capabilities.durations.length > 1) {
    // The constraint leaves one duration: send it rather than rely on the default.
    durationSeconds = durations[0];
  }

  // personGeneration
  const personGeneration = providerOptions?.personGeneration;
  if (personGeneration && capabilities) {
    const imageMode = firstFrame !== undefined || referenceImages.length > 0;
    const allowed = imageMode ? capabilities.personGeneration.imageToVideo : capabilities.personGeneration.textToVideo;
    if (!allowed.includes(personGeneration)) {
      throw new InvalidArgumentError({
        argument: `providerOptions.${providerKey}.personGeneration`,
        message: `${label} takes personGeneration ${allowed.join(' or ')} for ${imageMode ? 'image inputs' : 'text-to-video and extension'}; got ${personGeneration}.`,
      });
    }
  }

  // seed, generateAudio, fps
  const parameters: Record<string, unknown> = {};
  if (options.seed !== undefined) {
    if (variant === 'vertex') {
      if (!Number.isInteger(options.seed) || options.seed < 0 || options.seed > 0xffffffff) {
        throw new InvalidArgumentError({
          argument: 'seed',
          message: `seed must be an integer from 0 to 4294967295; got ${options.seed}.`,
        });
      }
      parameters.seed = options.seed;
    } else {
      warnings.push({
        type: 'unsupported',
        feature: 'seed',
        details: 'The Gemini API does not take a seed for Veo (the official SDK rejects it); use Vertex AI for seeds.',
      });
    }
  }
  if (options.generateAudio !== undefined) {
    if (capabilities && !capabilities.audio) {
      if (options.generateAudio) {
        warnings.push({ type: 'unsupported', feature: 'generateAudio', details: `${label} makes silent videos.` });
      }
    } else if (variant === 'vertex') {
      parameters.generateAudio = options.generateAudio;
    } else if (!options.generateAudio) {
      warnings.push({
        type: 'unsupported',
        feature: 'generateAudio',
        details: 'On the Gemini API, Veo 3 always generates audio; it cannot be turned off.',
      });
    }
  }
  if (options.fps !== undefined) {
    if (variant === 'vertex') {
      if (!Number.isInteger(options.fps) || options.fps < 1) {
        throw new InvalidArgumentError({
          argument: 'fps',
          message: `fps must be a positive integer; got ${options.fps}.`,
        });
      }
      parameters.fps = options.fps;
    } else {
      warnings.push({
        type: 'unsupported',
        feature: 'fps',
        details: 'The Gemini API does not take fps for Veo; the model renders at its own frame rate.',
      });
    }
  }

  // Per-file options are checked before any input is fetched.
  const referenceTypes = await Promise.all(referenceImages.map((file) => readReferenceType(file, providerKey)));

  // Inputs as Google takes them (no URLs: fetched with a size limit and sent as bytes)
  const maxBytes = providerOptions?.maxInputFileBytes ?? DEFAULT_MAX_INPUT_FILE_BYTES;
  const abortSignal = options.abortSignal;
  const instance: Record<string, unknown> = {};
  if (options.prompt) instance.prompt = options.prompt;
  if (firstFrame) instance.image = await encodeImage(firstFrame, 'image', { variant, fetch, maxBytes, abortSignal });
  if (lastFrame) {
    instance.lastFrame = await encodeImage(lastFrame, 'frameImages', { variant, fetch, maxBytes, abortSignal });
  }
  if (referenceImages.length > 0) {
    instance.referenceImages = await Promise.all(
      referenceImages.map(async (file, index) => ({
        image: await encodeImage(file, 'inputReferences', { variant, fetch, maxBytes, abortSignal }),
        referenceType: referenceTypes[index],
      })),
    );
  }
  if (video) instance.video = await encodeVideo(video, { variant, fileOrigin, fetch, maxBytes, abortSignal });

  if (aspectRatio !== undefined) parameters.aspectRatio = aspectRatio;
  if (durationSeconds !== undefined) parameters.durationSeconds = durationSeconds;
  if (resolution !== undefined) parameters.resolution = resolution;
  if (providerOptions?.negativePrompt !== undefined) parameters.negativePrompt = providerOptions.negativePrompt;
  if (personGeneration !== undefined) parameters.personGeneration = personGeneration;
  parameters.sampleCount = options.n;
  if (providerOptions?.enhancePrompt !== undefined) parameters.enhancePrompt = providerOptions.enhancePrompt;

  return { instance, parameters, warnings };
}

function describeConstraints(
  constraints: { resolution?: string; referenceImages: boolean; extension: boolean },
  capabilities: GoogleVideoModelCapabilities | undefined,
): string {
  const reasons: string[] = [];
  if (constraints.resolution === '1080p' || constraints.resolution === '4k') reasons.push(constraints.resolution);
  if (constraints.referenceImages) reasons.push('reference images');
  if (constraints.extension) reasons.push('extension');
  if (reasons.length === 0 || !capabilities) return '';
  return ` with ${reasons.join(' and ')} (which need 8 s)`;
}

/** A Gemini API file URI (`…/v1beta/files/{id}:download?alt=media`) of a previous generation. */
function isGoogleFileUri(file: VideoModelV3File, fileOrigin: string | undefined): boolean {
  if (file.type !== 'url' || !fileOrigin) return false;
  try {
    const url = new URL(file.url);
    return url.origin === fileOrigin && /\/files\/[^/]+/.test(url.pathname);
  } catch {
    return false;
  }
}

async function readReferenceType(file: VideoModelV3File, providerKey: string): Promise<string> {
  const raw = file.providerOptions?.[providerKey];
  // The docs write 'asset', the official SDK sends its enum 'ASSET': accept both, send the SDK's form.
  if (raw === undefined) return 'ASSET';
  const argument = `inputReferences[].providerOptions.${providerKey}`;
  const parsed = await safeValidate(googleReferenceImageOptionsSchema, raw);
  if (!parsed.success) {
    const { issues } = parsed.error.cause as SchemaIssuesError;
    throw new InvalidArgumentError({
      argument,
      message: `Invalid reference image options: ${describeIssues(issues, argument, googleReferenceImageOptionsSchema)}`,
      cause: parsed.error,
    });
  }
  return (parsed.value.referenceType ?? 'ASSET').toUpperCase();
}

type EncodeOptions = {
  variant: Variant;
  fetch?: FetchFunction;
  maxBytes: number;
  abortSignal?: AbortSignal;
};

async function encodeImage(
  file: VideoModelV3File,
  argument: string,
  { variant, fetch, maxBytes, abortSignal }: EncodeOptions,
): Promise<Record<string, string>> {
  if (variant === 'vertex' && file.type === 'url' && file.url.startsWith('gs://')) {
    return { gcsUri: file.url, mimeType: requireMediaType(getFileMediaType(file), 'image', argument) };
  }
  const { data, mediaType } = await fileToBytes(file, { fetch, maxBytes, abortSignal });
  const mimeType = requireMediaType(mediaType, 'image', argument);
  return { bytesBase64Encoded: convertUint8ArrayToBase64(data), mimeType };
}

async function encodeVideo(
  file: VideoModelV3File,
  { variant, fileOrigin, fetch, maxBytes, abortSignal }: EncodeOptions & { fileOrigin?: string },
): Promise<Record<string, string>> {
  if (variant === 'vertex') {
    if (file.type === 'url' && file.url.startsWith('gs://')) {
      return { gcsUri: file.url, mimeType: getFileMediaType(file) ?? 'video/mp4' };
    }
    const { data, mediaType } = await fileToBytes(file, { fetch, maxBytes, abortSignal });
    return {
      bytesBase64Encoded: convertUint8ArrayToBase64(data),
      mimeType: requireMediaType(mediaType, 'video', 'inputReferences'),
    };
  }
  // A video of a previous generation is referenced by its URI (as the SDK does: bytes are dropped when a uri is present).
  if (isGoogleFileUri(file, fileOrigin)) return { uri: (file as { url: string }).url };
  const { data, mediaType } = await fileToBytes(file, { fetch, maxBytes, abortSignal });
  return {
    encodedVideo: convertUint8ArrayToBase64(data),
    encoding: requireMediaType(mediaType, 'video', 'inputReferences'),
  };
}

function requireMediaType(mediaType: string | undefined, kind: 'image' | 'video', argument: string): string {
  if (!mediaType || !mediaType.startsWith(`${kind}/`)) {
    throw new InvalidArgumentError({
      argument,
      message: `Veo needs an ${kind} here; the input's media type is ${mediaType ?? 'unknown'}. Set mediaType on the file.`,
    });
  }
  return mediaType;
}
