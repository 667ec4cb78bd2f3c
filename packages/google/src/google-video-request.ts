import {
  InvalidArgumentError,
  type SharedV3Warning,
  type VideoModelV3CallOptions,
  type VideoModelV3Capabilities,
  type VideoModelV3File,
  type VideoModelV3VideoData,
} from '@videogen/provider-spec';
import { convertUint8ArrayToBase64 } from '@ai-sdk/provider-utils';
import {
  getFileKind,
  getFileMediaType,
  getFrameImages,
  describeIssues,
  describeVideoModel,
  invalidVideoArgument,
  nearestDuration,
  resolveSourceVideo,
  safeValidate,
  unsupportedVideoOption,
  validateVideoCallOptions,
  validateVideoCallSettings,
  validateVideoCount,
  type ResolvedSourceVideo,
  type SchemaIssuesError,
} from '@videogen/provider-utils';
import {
  getGoogleVideoDurations,
  getGoogleVideoModelCapabilities,
  googleReferenceImageOptionsSchema,
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
  allowPrivateNetwork?: boolean;
  /** Gemini API only. */
  webhookUserMetadata?: Record<string, unknown>;
  /** Vertex AI only. */
  storageUri?: string;
  /** Vertex AI only. */
  compressionQuality?: 'optimized' | 'lossless';
};

/** A `:predictLongRunning` body and the warnings of what it leaves out. */
export type VeoRequest = {
  body: { instances: [Record<string, unknown>]; parameters: Record<string, unknown>; webhookConfig?: unknown };
  warnings: SharedV3Warning[];
};

type Variant = 'gemini' | 'vertex';

/**
 * Reads an input file as bytes (the model passes `fileToBytes` with the
 * fetch, size limit, abort signal and private-network guard): this file
 * makes no request itself.
 */
export type ReadVeoInput = (file: VideoModelV3File) => Promise<{ data: Uint8Array; mediaType: string | undefined }>;

/**
 * Reads the video of a source job (`sourceVideo` with origin `'job'`): its
 * file URI (Gemini), `gs://` URI or bytes (Vertex), from the job's provider
 * metadata or its status. The model passes it; this file makes no request.
 */
export type ReadVeoSourceJob = (source: ResolvedSourceVideo) => Promise<VideoModelV3VideoData>;

/** The model a request is for, as the shared checks name it. */
type VeoModelReference = { provider: string; modelId: string; capabilities: VideoModelV3Capabilities };

/**
 * Validates a call against the model's capabilities and builds the Veo
 * request body (no request of its own: inputs are read through `readFile`). Everything that can be checked is checked before any input
 * is fetched or any request is made, so that a request the model cannot take
 * is an `InvalidArgumentError` before anything is paid for. The shared checks
 * (`validateVideoCallSettings`, `validateVideoCount`, `validateVideoCallOptions`)
 * come first; what follows is Veo's own (the 8-second rule, which inputs go
 * together, `personGeneration`).
 */
export async function prepareVeoRequest({
  model,
  options,
  providerOptions,
  variant,
  fileOrigin,
  readFile,
  readSourceJob,
}: {
  model: VeoModelReference;
  options: VideoModelV3CallOptions & { webhookUrl?: string };
  providerOptions: VeoRequestOptions | undefined;
  variant: Variant;
  /** The Gemini API origin: a video URL there is a previous generation's `uri`. */
  fileOrigin?: string;
  /** Reads URL inputs Google cannot take (all but Vertex's `gs://`), and bytes. */
  readFile: ReadVeoInput;
  /** Reads the video of a source job (origin `'job'`). */
  readSourceJob: ReadVeoSourceJob;
}): Promise<VeoRequest> {
  const { modelId } = model;
  const providerKey = variant === 'gemini' ? 'google' : 'vertex';
  const capabilities = getGoogleVideoModelCapabilities(modelId);
  const name = describeVideoModel(model);

  validateVideoCallSettings(options);
  if (capabilities) {
    validateVideoCount({ n: options.n, max: capabilities.maxVideosPerCall, model, per: 'request' });
  }
  // References labelled as the request below sorts them (a Gemini file URI is a video to extend).
  const inputReferences = options.inputReferences?.map((file) =>
    file.type === 'url' && file.mediaType === undefined
      ? { ...file, mediaType: isGoogleFileUri(file, fileOrigin) ? 'video/mp4' : getFileMediaType(file) }
      : file,
  );
  const warnings = validateVideoCallOptions(model.capabilities, { ...options, inputReferences }, model);

  // Inputs
  const { firstFrame, lastFrame } = getFrameImages(options);
  const referenceImages: VideoModelV3File[] = [];
  const videos: VideoModelV3File[] = [];
  for (const file of options.inputReferences ?? []) {
    const kind = isGoogleFileUri(file, fileOrigin) ? 'video' : getFileKind(file);
    if (kind === 'image') referenceImages.push(file);
    else if (kind === 'video') videos.push(file);
    else
      throw invalidVideoArgument('inputReferences', `Veo takes reference images and one video to extend, not ${kind}.`);
  }
  const video = videos[0];
  // The first-class source video (checked by validateVideoCallOptions above); the
  // provider-specific way is a video in inputReferences. Not both.
  const source = options.sourceVideo ? resolveSourceVideo(options.sourceVideo, model.capabilities, model) : undefined;
  if (source && video) {
    throw invalidVideoArgument(
      'sourceVideo',
      'Give the video to extend once: as sourceVideo, or (the provider-specific way) as a video in inputReferences, not both.',
    );
  }
  const extending = video !== undefined || source !== undefined;
  if (videos.length > 1) {
    throw invalidVideoArgument(
      'inputReferences',
      `Veo extends one video per request; ${videos.length} videos were given.`,
    );
  }
  if (extending && (firstFrame || lastFrame)) {
    // The SDK's GenerateVideosParameters: the image is "not allowed if video is provided".
    throw invalidVideoArgument(
      source ? 'sourceVideo' : 'inputReferences',
      'Veo extends a video from its last frame: it takes no first or last frame image with a video to extend.',
    );
  }
  if (lastFrame && !firstFrame) {
    throw invalidVideoArgument(
      'frameImages',
      'Veo takes a last frame only together with a first frame (interpolation).',
    );
  }
  if (referenceImages.length > 0 && (firstFrame || lastFrame || extending)) {
    throw invalidVideoArgument(
      'inputReferences',
      'Veo takes reference images only on their own: not with a first frame, a last frame or a video to extend.',
    );
  }
  if (referenceImages.length > 0 && !options.prompt?.trim()) {
    throw invalidVideoArgument('prompt', 'Veo needs a prompt with reference images.');
  }

  // Aspect ratio and resolution (the lists and their agreement are checked above)
  let aspectRatio: string | undefined = options.aspectRatio;
  if (aspectRatio === 'adaptive') {
    warnings.push(unsupportedVideoOption('aspectRatio', `${name} has no adaptive aspect ratio; none was sent.`));
    aspectRatio = undefined;
  }
  let resolution: GoogleVideoResolution | undefined;
  if (options.resolution !== undefined) {
    const parsed = parseGoogleResolution(options.resolution);
    if (!parsed) {
      throw invalidVideoArgument(
        'resolution',
        `${name} takes resolution 720p, 1080p or 4k in 16:9 or 9:16 (e.g. 1280x720, 1080x1920); got ${options.resolution}.`,
      );
    }
    aspectRatio ??= parsed.aspectRatio;
    // Veo 2 has no resolution parameter and always renders 720p (the only size its capabilities list).
    resolution = capabilities?.resolutions.length === 0 ? undefined : parsed.resolution;
    if (extending && parsed.resolution !== '720p') {
      throw invalidVideoArgument('resolution', `Veo extends videos at 720p only; got ${options.resolution}.`);
    }
  }

  // Duration: Google's 8-second rule (1080p, 4k, reference images and extension need 8 s)
  let durationSeconds: number | undefined;
  const constraints = { resolution, referenceImages: referenceImages.length > 0, extension: extending };
  const durations = getGoogleVideoDurations(modelId, constraints);
  if (options.duration !== undefined) {
    if (durations && !durations.includes(options.duration)) {
      throw invalidVideoArgument(
        'duration',
        `${name} takes durations of ${durations.join(', ')} s${describeConstraints(constraints, capabilities)}; ` +
          `got ${options.duration}. Nearest allowed: ${nearestDuration(durations, options.duration)} s.`,
      );
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
      throw invalidVideoArgument(
        `providerOptions.${providerKey}.personGeneration`,
        `${name} takes personGeneration ${allowed.join(' or ')} for ${imageMode ? 'image inputs' : 'text-to-video and extension'}; got ${personGeneration}.`,
      );
    }
  }

  // seed (the Gemini API's capabilities say seed: false, so the shared check has warned), generateAudio, fps
  const parameters: Record<string, unknown> = {};
  if (options.seed !== undefined && variant === 'vertex') {
    if (options.seed < 0 || options.seed > 0xffffffff) {
      throw invalidVideoArgument('seed', `seed must be an integer from 0 to 4294967295; got ${options.seed}.`);
    }
    parameters.seed = options.seed;
  }
  // generateAudio: true on a silent model was refused above; false there changes nothing.
  if (options.generateAudio !== undefined && capabilities?.audio !== false) {
    if (variant === 'vertex') parameters.generateAudio = options.generateAudio;
    else if (!options.generateAudio) {
      warnings.push(
        unsupportedVideoOption(
          'generateAudio',
          'On the Gemini API, Veo 3 always generates audio; it cannot be turned off.',
        ),
      );
    }
  }
  if (options.fps !== undefined) {
    if (variant === 'vertex') {
      if (!Number.isInteger(options.fps)) {
        throw invalidVideoArgument('fps', `fps must be a positive integer; got ${options.fps}.`);
      }
      parameters.fps = options.fps;
    } else {
      warnings.push(
        unsupportedVideoOption(
          'fps',
          'The Gemini API does not take fps for Veo; the model renders at its own frame rate.',
        ),
      );
    }
  }

  // Per-file options are checked before any input is fetched.
  const referenceTypes = await Promise.all(referenceImages.map((file) => readReferenceType(file, providerKey)));

  // Inputs as Google takes them (no URLs but gs:// on Vertex: read by `readFile`, sent as bytes)
  const encode: EncodeOptions = { variant, readFile };
  const instance: Record<string, unknown> = {};
  if (options.prompt) instance.prompt = options.prompt;
  if (firstFrame) instance.image = await encodeImage(firstFrame, 'image', encode);
  if (lastFrame) instance.lastFrame = await encodeImage(lastFrame, 'frameImages', encode);
  if (referenceImages.length > 0) {
    instance.referenceImages = await Promise.all(
      referenceImages.map(async (file, index) => ({
        image: await encodeImage(file, 'inputReferences', encode),
        referenceType: referenceTypes[index],
      })),
    );
  }
  if (source) instance.video = await encodeSourceVideo(source, { ...encode, fileOrigin, readSourceJob });
  else if (video) instance.video = await encodeVideo(video, { ...encode, fileOrigin });

  if (aspectRatio !== undefined) parameters.aspectRatio = aspectRatio;
  if (durationSeconds !== undefined) parameters.durationSeconds = durationSeconds;
  if (resolution !== undefined) parameters.resolution = resolution;
  if (providerOptions?.negativePrompt !== undefined) parameters.negativePrompt = providerOptions.negativePrompt;
  if (personGeneration !== undefined) parameters.personGeneration = personGeneration;
  parameters.sampleCount = options.n;
  if (providerOptions?.enhancePrompt !== undefined) parameters.enhancePrompt = providerOptions.enhancePrompt;

  const body: VeoRequest['body'] = { instances: [instance], parameters };
  if (variant === 'vertex') {
    if (providerOptions?.storageUri !== undefined) parameters.storageUri = providerOptions.storageUri;
    if (providerOptions?.compressionQuality !== undefined) {
      parameters.compressionQuality = providerOptions.compressionQuality;
    }
    if (options.webhookUrl !== undefined) {
      warnings.push(
        unsupportedVideoOption(
          'webhookUrl',
          'Vertex AI takes no webhook URL for Veo (it notifies through Pub/Sub); the job is polled instead.',
        ),
      );
    }
  } else if (options.webhookUrl !== undefined) {
    const userMetadata = providerOptions?.webhookUserMetadata;
    body.webhookConfig = { uris: [options.webhookUrl], ...(userMetadata !== undefined ? { userMetadata } : {}) };
  } else if (providerOptions?.webhookUserMetadata !== undefined) {
    warnings.push(
      unsupportedVideoOption(
        'providerOptions.google.webhookUserMetadata',
        'webhookUserMetadata is sent only with a webhook URL.',
      ),
    );
  }
  return { body, warnings };
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
export function isGoogleFileUri(file: VideoModelV3File, fileOrigin: string | undefined): boolean {
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

type EncodeOptions = { variant: Variant; readFile: ReadVeoInput };

async function encodeImage(
  file: VideoModelV3File,
  argument: string,
  { variant, readFile }: EncodeOptions,
): Promise<Record<string, string>> {
  if (variant === 'vertex' && file.type === 'url' && file.url.startsWith('gs://')) {
    return { gcsUri: file.url, mimeType: requireMediaType(getFileMediaType(file), 'image', argument) };
  }
  const { data, mediaType } = await readFile(file);
  const mimeType = requireMediaType(mediaType, 'image', argument);
  return { bytesBase64Encoded: convertUint8ArrayToBase64(data), mimeType };
}

async function encodeVideo(
  file: VideoModelV3File,
  { variant, fileOrigin, readFile }: EncodeOptions & { fileOrigin?: string },
): Promise<Record<string, string>> {
  if (variant === 'vertex') {
    if (file.type === 'url' && file.url.startsWith('gs://')) {
      return { gcsUri: file.url, mimeType: getFileMediaType(file) ?? 'video/mp4' };
    }
    const { data, mediaType } = await readFile(file);
    return {
      bytesBase64Encoded: convertUint8ArrayToBase64(data),
      mimeType: requireMediaType(mediaType, 'video', 'inputReferences'),
    };
  }
  // A video of a previous generation is referenced by its URI (as the SDK does: bytes are dropped when a uri is present).
  if (isGoogleFileUri(file, fileOrigin)) return { uri: (file as { url: string }).url };
  const { data, mediaType } = await readFile(file);
  return {
    encodedVideo: convertUint8ArrayToBase64(data),
    encoding: requireMediaType(mediaType, 'video', 'inputReferences'),
  };
}

/**
 * The `video` of an extension from `sourceVideo`: a job's own video by
 * reference (Gemini file URI, Vertex `gs://`) or as bytes; a file as
 * `encodeVideo` sends it (a Gemini file URI or `gs://` by reference, else bytes).
 */
async function encodeSourceVideo(
  source: ResolvedSourceVideo,
  options: EncodeOptions & { fileOrigin?: string; readSourceJob: ReadVeoSourceJob },
): Promise<Record<string, string>> {
  if (source.origin !== 'job') return encodeVideo(source.video as VideoModelV3File, options);
  const video = await options.readSourceJob(source);
  if (video.type === 'url') {
    if (options.variant === 'gemini') return { uri: video.url };
    return encodeVideo({ type: 'url', url: video.url, mediaType: video.mediaType }, options);
  }
  const data = video.type === 'base64' ? video.data : convertUint8ArrayToBase64(video.data);
  return options.variant === 'gemini'
    ? { encodedVideo: data, encoding: video.mediaType }
    : { bytesBase64Encoded: data, mimeType: video.mediaType };
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
