import {
  InvalidArgumentError,
  type VideoModelV3CallOptions,
  type VideoModelV3FrameImage,
  type VideoModelV3File,
  type VideoModelV3Capabilities,
} from '@videogen/provider-spec';
import { DEFAULT_MAX_VIDEOS, getFrameImages, validateVideoCount } from '@videogen/provider-utils';
import { convertToVideoModelFile } from '../convert-input';
import type { VideoInput } from '../types';
import { resolveCapabilities, validateAgainstCapabilities, validateCallSettings } from '../validate-options';
import type { VideoCallSettings } from './generate-video-options';
import { resolveVideoModel } from '../model/as-video-model';
import type { VideoDownloadArgument } from '../download/normalize-download';
import { prepareSourceVideo } from './source-video';

/** The call options of every call, without `n`, signal and headers. */
export type PreparedCallOptions = Omit<VideoModelV3CallOptions, 'n' | 'abortSignal' | 'headers'>;

/**
 * Validates the settings and converts the inputs, before anything is paid
 * for. Throws InvalidArgumentError with the argument's name.
 */
export async function prepareCallOptions(
  settings: VideoCallSettings & {
    n?: number;
    maxVideosPerCall?: number;
    maxConcurrency?: number;
    /** Fetches a source video behind its provider's credentials. */
    download?: VideoDownloadArgument;
  },
): Promise<{ callOptions: PreparedCallOptions; capabilities: VideoModelV3Capabilities | undefined }> {
  const { prompt } = settings;
  const model = resolveVideoModel(settings.model);
  if (model == null || model.specificationVersion !== 'v3' || typeof model.doGenerate !== 'function') {
    throw new InvalidArgumentError({
      argument: 'model',
      message: 'model must be a V3 or V4 video model (specificationVersion "v3" with doGenerate, or "v4").',
    });
  }
  validateCallSettings(settings);

  let text: string | undefined;
  let promptImage: VideoInput | undefined;
  let lastFrame: VideoInput | undefined;
  if (typeof prompt === 'string') {
    text = prompt;
  } else if (prompt != null && typeof prompt === 'object') {
    text = prompt.text;
    promptImage = prompt.image;
    lastFrame = prompt.lastFrame;
  } else if (prompt !== undefined) {
    throw new InvalidArgumentError({
      argument: 'prompt',
      message: 'prompt must be a string or { text, image, lastFrame }.',
    });
  }
  if (promptImage !== undefined && settings.image !== undefined) {
    throw new InvalidArgumentError({
      argument: 'image',
      message: 'Give the start image once: prompt.image or image, not both.',
    });
  }
  const imageInput = promptImage ?? settings.image;
  const image = imageInput !== undefined ? convertToVideoModelFile(imageInput, 'image') : undefined;

  const frameImages: VideoModelV3FrameImage[] | undefined =
    settings.frameImages !== undefined || lastFrame !== undefined
      ? [
          ...(settings.frameImages ?? []).map((frame) => ({
            image: convertToVideoModelFile(frame.image, 'frameImages'),
            frameType: frame.frameType,
          })),
          ...(lastFrame !== undefined
            ? [{ image: convertToVideoModelFile(lastFrame, 'prompt.lastFrame'), frameType: 'last_frame' as const }]
            : []),
        ]
      : undefined;
  // Two first (or last) frames are an error here, before any request.
  getFrameImages({ image, frameImages });

  const inputReferences: VideoModelV3File[] | undefined = settings.inputReferences?.map((reference) => {
    if (isReferenceObject(reference)) {
      const file = convertToVideoModelFile(reference.data, 'inputReferences');
      return reference.mediaType ? { ...file, mediaType: reference.mediaType } : file;
    }
    return convertToVideoModelFile(reference, 'inputReferences');
  });

  if (text !== undefined && typeof text !== 'string') {
    throw new InvalidArgumentError({ argument: 'prompt', message: 'prompt.text must be a string.' });
  }

  const options: PreparedCallOptions = {
    // A blank prompt is no prompt: it is not sent (and refused where the model needs one).
    prompt: text?.trim() === '' ? undefined : text,
    aspectRatio: settings.aspectRatio,
    resolution: settings.resolution,
    duration: settings.duration,
    fps: settings.fps,
    seed: settings.seed,
    image,
    frameImages,
    inputReferences,
    generateAudio: settings.generateAudio,
    providerOptions: settings.providerOptions ?? {},
  };

  const capabilities = await resolveCapabilities(model, settings.abortSignal);
  // Before anything is split or submitted: n: 1e9 must not even allocate its calls.
  validateVideoCount({
    n: settings.n ?? 1,
    max: capabilities?.maxVideos ?? DEFAULT_MAX_VIDEOS,
    model,
    per: 'generation',
  });
  // Inputs (URL scheme, content), prompt (length, emptiness) and the capabilities, in one place.
  // Its warnings (options the model ignores) are left to the provider, which reports what it sent.
  // The source video, converted once (a job of another model is looked up here, never paid for);
  // then checked with everything else by the one validation path.
  const sourceVideo = await prepareSourceVideo(settings.sourceVideo, {
    model,
    capabilities,
    download: settings.download,
    abortSignal: settings.abortSignal,
    headers: settings.headers,
    maxRetries: settings.maxRetries,
  });
  if (sourceVideo !== undefined) options.sourceVideo = sourceVideo;
  validateAgainstCapabilities(capabilities, { ...options, prompt: text }, model);
  return { callOptions: options, capabilities };
}

function isReferenceObject(value: unknown): value is { data: VideoInput; mediaType?: string } {
  return (
    typeof value === 'object' &&
    value !== null &&
    !(value instanceof Uint8Array) &&
    !(value instanceof ArrayBuffer) &&
    !(value instanceof URL) &&
    'data' in value &&
    !('type' in value)
  );
}
