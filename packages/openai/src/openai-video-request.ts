import type {
  SharedV3Warning,
  VideoModelV3Capabilities,
  VideoModelV3File,
  VideoModelV3StartOptions,
} from '@videogen/provider-spec';
import { convertBase64ToUint8Array } from '@ai-sdk/provider-utils';
import {
  getFileMediaType,
  getFrameImages,
  invalidVideoArgument,
  resolveSourceVideo,
  unsupportedVideoOption,
  validateVideoCallOptions,
  validateVideoCallSettings,
  validateVideoCount,
  validateVideoInputFile,
  type VideoModelReference,
} from '@videogen/provider-utils';
import { parseOpenAIOperation } from './openai-operation';
import {
  getOpenAIVideoModelCapabilityEntry,
  OPENAI_IMAGE_MEDIA_TYPES,
  type OpenAIVideoModelOptions,
} from './openai-video-model-options';

/** File name extension of each `input_reference` image type. */
const INPUT_REFERENCE_EXTENSIONS: Record<string, string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
};

/** One request of the Videos API that starts a job. */
export type OpenAIVideoRequest =
  /** `POST /videos` with a JSON body (no first frame, or one given as a URL). */
  | { type: 'create-json'; body: Record<string, unknown> }
  /** `POST /videos` as multipart (a first frame given as bytes, as the OpenAI SDK and the docs' curl send it). */
  | { type: 'create-multipart'; formData: FormData }
  /** `POST /videos/{id}/remix` with `{ prompt }`. */
  | { type: 'remix'; videoId: string; prompt: string }
  /**
   * `POST /videos/edits` (`edit`) or `POST /videos/extensions` (`extend`, with
   * `seconds`): JSON with `video: { id }` for a job of this provider,
   * multipart with the file as `video` for bytes.
   */
  | OpenAISourceVideoRequest;

/** An edit or extension of a source video (see {@link OpenAIVideoRequest}). */
export type OpenAISourceVideoRequest = {
  type: 'source';
  /** `edit`: `POST /videos/edits`; `extend`: `POST /videos/extensions`. */
  operation: 'edit' | 'extend';
  prompt: string;
  /** The seconds to add (`extend` only), as the API's string. */
  seconds?: string;
  /** The source: the API's own video id, or a file to upload. */
  video: { id: string } | { file: VideoModelV3File };
};

/**
 * The call options as the request that starts the job, and the warnings of
 * options the API cannot honour. Pure: checks and maps, sends nothing. Throws
 * an InvalidArgumentError for a value that cannot be sent, before anything
 * is paid for.
 */
export function getOpenAIVideoRequest({
  model,
  capabilities,
  options,
  openaiOptions,
}: {
  model: VideoModelReference;
  capabilities: VideoModelV3Capabilities;
  options: VideoModelV3StartOptions;
  openaiOptions: OpenAIVideoModelOptions;
}): { request: OpenAIVideoRequest; warnings: SharedV3Warning[] } {
  validateVideoCallSettings(options);
  validateVideoCount({ n: options.n, max: 1, model, per: 'request' });
  const warnings: SharedV3Warning[] = [...validateVideoCallOptions(capabilities, options, model)];
  // validateVideoCallOptions refuses a blank prompt (requiresPrompt).
  const prompt = options.prompt as string;
  const { firstFrame } = getFrameImages(options);
  collectUnsupportedWarnings(options, warnings);

  if (options.sourceVideo !== undefined && openaiOptions.remixVideoId !== undefined) {
    throw invalidVideoArgument(
      'sourceVideo',
      'Give either sourceVideo or providerOptions.openai.remixVideoId, not both (they are two ways to name the source video).',
    );
  }
  if (openaiOptions.remixVideoId !== undefined) {
    warnKeptSettings('remix', options, firstFrame, warnings);
    return { request: { type: 'remix', videoId: openaiOptions.remixVideoId, prompt }, warnings };
  }
  if (options.sourceVideo !== undefined) {
    // Checked by validateVideoCallOptions above; resolved again (pure) for the origin to send.
    const source = resolveSourceVideo(options.sourceVideo, capabilities, model);
    warnKeptSettings(source.operation, options, firstFrame, warnings);
    const video =
      source.origin === 'job'
        ? { id: getSourceVideoId(source.job?.operation, source.providerMetadata) }
        : { file: source.video as VideoModelV3File };
    if (source.operation === 'remix') {
      return { request: { type: 'remix', videoId: (video as { id: string }).id, prompt }, warnings };
    }
    return {
      request: {
        type: 'source',
        operation: source.operation === 'extend' ? 'extend' : 'edit',
        prompt,
        ...(source.operation === 'extend' && options.duration !== undefined
          ? { seconds: String(options.duration) }
          : {}),
        video,
      },
      warnings,
    };
  }

  const fields = {
    model: model.modelId,
    prompt,
    // The API's `seconds` is a string.
    seconds: options.duration !== undefined ? String(options.duration) : undefined,
    size: getSize(model.modelId, options, warnings),
  };
  if (firstFrame?.type === 'file') {
    return { request: { type: 'create-multipart', formData: toFormData(fields, firstFrame, capabilities) }, warnings };
  }
  return {
    request: {
      type: 'create-json',
      body: {
        ...Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined)),
        ...(firstFrame ? { input_reference: { image_url: checkImageUrl(firstFrame) } } : {}),
      },
    },
    warnings,
  };
}

const KEPT_SETTINGS_REASONS = {
  remix: 'A remix keeps the size and duration of the source video and takes only a prompt.',
  edit: 'An edit keeps the size and duration of the source video and takes only a prompt.',
  extend: 'An extension keeps the size of the source video; it takes a prompt and the seconds to add (duration).',
} as const;

/** Warnings for the settings a remix, edit or extension cannot take (the source decides them). */
function warnKeptSettings(
  operation: string,
  options: VideoModelV3StartOptions,
  firstFrame: VideoModelV3File | undefined,
  warnings: SharedV3Warning[],
): void {
  const reason = KEPT_SETTINGS_REASONS[operation as keyof typeof KEPT_SETTINGS_REASONS];
  const settings = [
    ['duration', operation === 'extend' ? undefined : options.duration],
    ['resolution', options.resolution],
    ['aspectRatio', options.aspectRatio],
    ['image', firstFrame],
  ] as const;
  for (const [feature, value] of settings) {
    if (value !== undefined) warnings.push(unsupportedVideoOption(feature, reason));
  }
}

/**
 * The API's video id of a source job of this provider: its operation's
 * `videoId`, else the id in the completed status's `providerMetadata.openai`.
 */
function getSourceVideoId(operation: unknown, providerMetadata: unknown): string {
  const metadataId = (providerMetadata as { openai?: { id?: unknown } } | undefined)?.openai?.id;
  if (operation === undefined && typeof metadataId === 'string' && metadataId !== '') return metadataId;
  try {
    return parseOpenAIOperation(operation).videoId;
  } catch {
    throw invalidVideoArgument(
      'sourceVideo',
      'sourceVideo.job is not an OpenAI video job: its operation should be { videoId: "video_…" } as doStart returns it.',
    );
  }
}

function collectUnsupportedWarnings(options: VideoModelV3StartOptions, warnings: SharedV3Warning[]) {
  if (options.fps !== undefined) {
    warnings.push(unsupportedVideoOption('fps', 'The OpenAI Videos API has no frame-rate setting.'));
  }
  if (options.generateAudio === false) {
    warnings.push(unsupportedVideoOption('generateAudio', 'Sora 2 always generates audio; it cannot be turned off.'));
  }
  if (options.webhookUrl !== undefined) {
    warnings.push(
      unsupportedVideoOption(
        'webhookUrl',
        'OpenAI sends video.completed / video.failed webhooks to the endpoints configured per project in its dashboard, not to a URL per request.',
      ),
    );
  }
}

/** The `size` to send: the resolution (checked against the model's list), else the size of the aspect ratio. */
function getSize(
  modelId: string,
  options: Pick<VideoModelV3StartOptions, 'resolution' | 'aspectRatio'>,
  warnings: SharedV3Warning[],
): string | undefined {
  const { resolution, aspectRatio } = options;
  // A resolution and an aspect ratio that disagree were refused by validateVideoCallOptions.
  if (resolution !== undefined) return resolution;
  if (aspectRatio === undefined) return undefined;
  if (aspectRatio === 'adaptive') {
    warnings.push(
      unsupportedVideoOption(
        'aspectRatio',
        'OpenAI has no adaptive aspect ratio; the API default size (720x1280) applies. Set a resolution that matches the first frame.',
      ),
    );
    return undefined;
  }
  // validateVideoCallOptions accepted only a listed ratio. An exact lookup,
  // not matchAspectRatio: 7:4 (1.75) is within its 2% of 16:9 (1.78).
  return getOpenAIVideoModelCapabilityEntry(modelId).aspectRatioSizes[aspectRatio];
}

function toFormData(
  fields: Record<string, string | undefined>,
  image: Extract<VideoModelV3File, { type: 'file' }>,
  capabilities: VideoModelV3Capabilities,
): FormData {
  // The type its bytes have (validateVideoCallOptions refused a mislabelled or unsupported image).
  const mediaType =
    validateVideoInputFile(image, { argument: 'image', role: 'image', capabilities }) ?? image.mediaType;
  const extension = INPUT_REFERENCE_EXTENSIONS[mediaType];
  if (extension === undefined) throw unsupportedImageType(mediaType);
  const bytes = typeof image.data === 'string' ? convertBase64ToUint8Array(image.data) : image.data;
  const formData = new FormData();
  for (const [name, value] of Object.entries(fields)) {
    if (value !== undefined) formData.append(name, value);
  }
  formData.append(
    'input_reference',
    new Blob([bytes as BlobPart], { type: mediaType }),
    `input_reference.${extension}`,
  );
  return formData;
}

// A URL's type is known only from its extension or a data: URL's label; an
// https URL without a known extension is left to the API to judge.
function checkImageUrl(image: Extract<VideoModelV3File, { type: 'url' }>): string {
  const mediaType = getFileMediaType(image);
  if (mediaType !== undefined && INPUT_REFERENCE_EXTENSIONS[mediaType] === undefined) {
    throw unsupportedImageType(mediaType);
  }
  return image.url;
}

function unsupportedImageType(mediaType: string | undefined) {
  return invalidVideoArgument(
    'image',
    `The OpenAI Videos API takes a first frame as ${OPENAI_IMAGE_MEDIA_TYPES.join(', ').replace(/, ([^,]*)$/, ' or $1')}; got ${mediaType ?? 'an unknown type'}.`,
  );
}
