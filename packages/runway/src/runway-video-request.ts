import type {
  SharedV3Warning,
  VideoJob,
  VideoModelV3CallOptions,
  VideoModelV3Capabilities,
  VideoModelV3File,
} from '@videogen/provider-spec';
import {
  describeVideoModel,
  fileToUrl,
  getFileKind,
  getFrameImages,
  invalidVideoArgument,
  parseVideoSize,
  resolveSourceVideo,
  sameAspectRatio,
  unsupportedVideoOption,
  validateVideoCallOptions,
  validateVideoCallSettings,
  validateVideoCount,
} from '@videogen/provider-utils';
import {
  getRunwayVideoModelCapabilities,
  RUNWAY_INPUT_URL_SCHEMES,
  runwayRatioToSize,
  type RunwayEndpoint,
  type RunwayVideoModelOptions,
} from './runway-video-model-options';

/** Longest `data:` URI Runway takes inline: its total encoded length must stay under 5 MB. */
export const RUNWAY_MAX_DATA_URI_LENGTH = 5_000_000;

/** A create request: the endpoint, the body, and the warnings of what it leaves out. */
export type RunwayRequest = {
  endpoint: RunwayEndpoint;
  body: Record<string, unknown>;
  warnings: SharedV3Warning[];
};

/**
 * Uploads an input through `POST /v1/uploads` and returns its `runway://`
 * URI (the model passes it: this file makes no request).
 */
export type UploadRunwayInput = (file: VideoModelV3File) => Promise<string>;

/**
 * The output URL of a Runway job's video, freshly read from its task (the
 * model passes it: this file makes no request).
 */
export type FindRunwayJobVideoUrl = (job: VideoJob, index: number) => Promise<string>;

type RunwayModelReference = { provider: string; modelId: string; capabilities: VideoModelV3Capabilities };

/**
 * Validates a call (the shared checks first, then Runway's own: which
 * endpoint the model has, its ratios, integer durations, which inputs go
 * together) and builds the create body with Runway's wire names. Inputs are
 * sent as URLs or `data:` URIs; bytes too large for a `data:` URI go through
 * `uploadFile`, after every check. A `sourceVideo` (`video-to-video` or
 * `edit`) becomes `videoUri`: a Runway job's output URL (`findJobVideoUrl`),
 * else the URL, else the bytes.
 */
export async function prepareRunwayRequest({
  model,
  options,
  providerOptions,
  uploadFile,
  findJobVideoUrl,
}: {
  model: RunwayModelReference;
  options: VideoModelV3CallOptions & { webhookUrl?: string };
  providerOptions: RunwayVideoModelOptions | undefined;
  uploadFile: UploadRunwayInput;
  findJobVideoUrl: FindRunwayJobVideoUrl;
}): Promise<RunwayRequest> {
  const { modelId } = model;
  const name = describeVideoModel(model);
  const table = getRunwayVideoModelCapabilities(modelId);

  validateVideoCallSettings(options);
  validateVideoCount({ n: options.n, max: 1, model, per: 'request' });
  const warnings = validateVideoCallOptions(model.capabilities, options, model);

  const { firstFrame, lastFrame } = getFrameImages(options);
  const references = options.inputReferences ?? [];
  for (const reference of references) {
    if (getFileKind(reference) !== 'image') {
      throw invalidVideoArgument(
        'inputReferences',
        `${name} takes reference images only; pass the video to edit as sourceVideo.`,
      );
    }
  }
  // validateVideoCallOptions has checked the source (operation, origin, file); here it is resolved to send it.
  const source = options.sourceVideo ? resolveSourceVideo(options.sourceVideo, model.capabilities, model) : undefined;
  if (source && providerOptions?.videoUri !== undefined) {
    throw invalidVideoArgument(
      'sourceVideo',
      'Give the video to edit once: sourceVideo or providerOptions.runway.videoUri, not both.',
    );
  }
  const videoUri = providerOptions?.videoUri;
  const hasVideo = source !== undefined || videoUri !== undefined;
  const endpoint: RunwayEndpoint =
    providerOptions?.endpoint ?? (hasVideo ? 'video_to_video' : firstFrame ? 'image_to_video' : 'text_to_video');

  // The endpoint the model has, and the inputs that endpoint takes
  if (table) {
    const has =
      endpoint === 'text_to_video'
        ? table.textToVideoRatios !== undefined
        : endpoint === 'image_to_video'
          ? table.imageToVideoRatios !== undefined
          : table.videoToVideo;
    if (!has) {
      throw invalidVideoArgument(
        endpoint === 'video_to_video' ? 'providerOptions.runway.videoUri' : 'image',
        endpoint === 'text_to_video'
          ? `${name} has no text-to-video: give a first-frame image${table.videoToVideo ? ' or a video to edit (sourceVideo)' : ''}.`
          : endpoint === 'image_to_video'
            ? `${name} has no image-to-video${table.videoToVideo ? ': it edits a video (sourceVideo)' : ''}.`
            : `${name} has no video-to-video.`,
      );
    }
  }
  if (endpoint === 'video_to_video') {
    if (!hasVideo) {
      throw invalidVideoArgument('sourceVideo', 'video_to_video needs the video to edit (sourceVideo).');
    }
    if (firstFrame || lastFrame) {
      throw invalidVideoArgument('image', `${name} edits a video; it takes no first or last frame.`);
    }
  } else {
    if (hasVideo) {
      throw invalidVideoArgument(
        source ? 'sourceVideo' : 'providerOptions.runway.videoUri',
        `${endpoint} takes no video to edit.`,
      );
    }
    if (endpoint === 'image_to_video' && !firstFrame) {
      throw invalidVideoArgument('image', `${name} needs a first-frame image for image-to-video.`);
    }
    if (endpoint === 'text_to_video' && (firstFrame || lastFrame)) {
      throw invalidVideoArgument('image', 'text_to_video takes no image; leave providerOptions.runway.endpoint unset.');
    }
    if (lastFrame && !firstFrame) {
      throw invalidVideoArgument('frameImages', `${name} takes a last frame only together with a first frame.`);
    }
    if (references.length > 0) {
      throw invalidVideoArgument('inputReferences', `${name} takes reference images only when editing a video.`);
    }
  }
  if (videoUri !== undefined) checkInputUri(videoUri, 'providerOptions.runway.videoUri');
  for (const keyframe of providerOptions?.keyframes ?? [])
    checkInputUri(keyframe.uri, 'providerOptions.runway.keyframes');
  if (providerOptions?.keyframes !== undefined && endpoint !== 'video_to_video') {
    throw invalidVideoArgument('providerOptions.runway.keyframes', 'keyframes belong to video_to_video (aleph2).');
  }

  const body: Record<string, unknown> = { model: modelId };
  const prompt = options.prompt?.trim() ? options.prompt : undefined;
  if (prompt !== undefined) body.promptText = prompt;

  // Ratio (pixel size), duration, fps: the output of video_to_video follows its input.
  if (endpoint === 'video_to_video') {
    for (const [option, value] of [
      ['aspectRatio', options.aspectRatio],
      ['resolution', options.resolution],
      ['duration', options.duration],
    ] as const) {
      if (value !== undefined) {
        warnings.push(unsupportedVideoOption(option, `${name} follows the input video's ${option}; it was not sent.`));
      }
    }
  } else {
    const ratios = table
      ? endpoint === 'text_to_video'
        ? table.textToVideoRatios
        : table.imageToVideoRatios
      : undefined;
    const ratio = chooseRatio(options, ratios, name, warnings);
    if (ratio !== undefined) body.ratio = ratio;
    if (options.duration !== undefined) {
      if (!Number.isInteger(options.duration)) {
        throw invalidVideoArgument('duration', `${name} takes whole seconds; got ${options.duration}.`);
      }
      body.duration = options.duration;
    } else if (table?.defaultDuration !== undefined) {
      body.duration = table.defaultDuration;
    }
  }
  if (options.fps !== undefined) {
    warnings.push(unsupportedVideoOption('fps', `${name} takes no frame rate; it renders at its own.`));
  }
  if (options.seed !== undefined && (table === undefined || table.seed)) {
    if (options.seed < 0 || options.seed > 4294967295) {
      throw invalidVideoArgument('seed', `seed must be an integer from 0 to 4294967295; got ${options.seed}.`);
    }
    body.seed = options.seed;
  }
  if (options.generateAudio !== undefined && (table === undefined || table.audio)) body.audio = options.generateAudio;
  if (options.webhookUrl !== undefined) {
    warnings.push(
      unsupportedVideoOption('webhookUrl', 'The Runway API sends no webhooks; the task is polled instead.'),
    );
  }

  // Inputs as Runway takes them: URL, data URI, or a runway:// URI of an upload
  const toUri = (file: VideoModelV3File) => toRunwayUri(file, providerOptions, uploadFile);
  if (firstFrame) {
    body.promptImage = lastFrame
      ? [
          { uri: await toUri(firstFrame), position: 'first' },
          { uri: await toUri(lastFrame), position: 'last' },
        ]
      : await toUri(firstFrame);
  }
  if (videoUri !== undefined) body.videoUri = await toUri({ type: 'url', url: videoUri });
  if (source) {
    body.videoUri =
      source.origin === 'job' && source.job
        ? await findJobVideoUrl(source.job, source.index)
        : await toUri(source.video as VideoModelV3File);
  }
  if (references.length > 0) {
    body.references = await Promise.all(references.map(async (file) => ({ type: 'image', uri: await toUri(file) })));
  }
  if (providerOptions?.keyframes !== undefined) {
    body.keyframes = await Promise.all(
      providerOptions.keyframes.map(async (keyframe) => ({
        ...keyframe,
        uri: await toUri({ type: 'url', url: keyframe.uri }),
      })),
    );
  }
  if (providerOptions?.publicFigureThreshold !== undefined) {
    body.contentModeration = { publicFigureThreshold: providerOptions.publicFigureThreshold };
  }
  if (providerOptions?.negativePrompt !== undefined) body.negativePrompt = providerOptions.negativePrompt;
  if (providerOptions?.outputFormat !== undefined) body.outputFormat = providerOptions.outputFormat;
  return { endpoint, body, warnings };
}

/**
 * The Runway `ratio` (`'1280:720'`): the call's resolution as is, else the
 * listed ratio of the call's aspect ratio, else the first listed (Runway
 * requires one). `undefined` for a model outside the table without either.
 */
function chooseRatio(
  options: VideoModelV3CallOptions,
  ratios: string[] | undefined,
  name: string,
  warnings: SharedV3Warning[],
): string | undefined {
  const aspectRatio = options.aspectRatio === 'adaptive' ? undefined : options.aspectRatio;
  if (options.aspectRatio === 'adaptive') {
    warnings.push(
      unsupportedVideoOption('aspectRatio', `${name} has no adaptive aspect ratio; a fixed ratio was sent.`),
    );
  }
  if (options.resolution !== undefined) {
    const size = parseVideoSize(options.resolution);
    const ratio = size ? `${size.width}:${size.height}` : undefined;
    if (ratio && ratios && !ratios.includes(ratio)) {
      throw invalidVideoArgument(
        'resolution',
        `${name} takes ${ratios.map((value) => value.replace(':', 'x')).join(', ')} for this input; got ${options.resolution}.`,
      );
    }
    return ratio;
  }
  if (aspectRatio !== undefined) {
    if (!ratios) {
      const size = parseVideoSize(aspectRatio.replace(':', 'x'));
      return size ? `${size.width}:${size.height}` : undefined;
    }
    const ratio = ratios.find((candidate) => {
      const size = runwayRatioToSize(candidate);
      return size !== undefined && sameAspectRatio(size, aspectRatio);
    });
    if (!ratio) {
      throw invalidVideoArgument(
        'aspectRatio',
        `${name} takes the ratios ${ratios.join(', ')} for this input; none has aspect ratio ${aspectRatio}.`,
      );
    }
    return ratio;
  }
  return ratios?.[0];
}

/** A URI given in provider options: a scheme Runway takes (the call's files are checked by the shared checks). */
function checkInputUri(uri: string, argument: string): void {
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(uri)?.[1]?.toLowerCase();
  if (scheme === undefined || !RUNWAY_INPUT_URL_SCHEMES.includes(scheme)) {
    throw invalidVideoArgument(
      argument,
      `${argument} must be an https:, data: or runway:// URI; got ${scheme ? `a ${scheme}: URI` : 'no URI'}.`,
    );
  }
}

async function toRunwayUri(
  file: VideoModelV3File,
  providerOptions: RunwayVideoModelOptions | undefined,
  uploadFile: UploadRunwayInput,
): Promise<string> {
  if (file.type === 'url' && !file.url.startsWith('data:')) return file.url;
  const uri = fileToUrl(file);
  if (uri.length < RUNWAY_MAX_DATA_URI_LENGTH) return uri;
  if (providerOptions?.uploadLargeInputs === false) {
    throw invalidVideoArgument(
      'inputReferences',
      `An input's data: URI is ${uri.length} characters; Runway takes less than 5 MB inline (uploadLargeInputs is false).`,
    );
  }
  return uploadFile(file);
}
