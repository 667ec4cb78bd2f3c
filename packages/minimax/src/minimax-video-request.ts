import type {
  SharedV3Warning,
  VideoModelV3Capabilities,
  VideoModelV3File,
  VideoModelV3StartOptions,
} from '@videogen/provider-spec';
import {
  describeVideoModel,
  fileToUrl,
  getFileKind,
  getFrameImages,
  invalidVideoArgument,
  matchAspectRatio,
  matchResolutionName,
  parseVideoSize,
  unsupportedVideoOption,
  validateVideoCallOptions,
  validateVideoCallSettings,
  validateVideoCount,
} from '@videogen/provider-utils';
import {
  getMiniMaxApiVersion,
  getMiniMaxVideoModelCapabilities,
  MINIMAX_V2_ASPECT_RATIOS,
  type MiniMaxVideoModelCapabilities,
  type MiniMaxVideoModelOptions,
} from './minimax-video-model-options';

/** A create request for one of the two APIs, and the warnings of what it leaves out. */
export type MiniMaxVideoRequest = {
  api: 'v1' | 'v2';
  body: Record<string, unknown>;
  warnings: SharedV3Warning[];
};

/** The model a request is for, as the shared checks name it. */
type MiniMaxModelReference = { provider: string; modelId: string; capabilities: VideoModelV3Capabilities };

/** v2 defaults for the two fields the API requires. */
const V2_DEFAULT_RESOLUTION = '768P';
const V2_DEFAULT_DURATION = 6;
/** v2 text-only requests need a concrete ratio. */
const V2_DEFAULT_TEXT_RATIO = '16:9';

/**
 * Validates a call against the model's capabilities and builds the create
 * body of its API (no request of its own). Inputs are sent as MiniMax takes
 * them: https URLs as given, bytes as `data:` URLs. Everything is checked
 * before any request, so a call the model cannot take is an
 * `InvalidArgumentError` before anything is paid for.
 */
export function prepareMiniMaxRequest({
  model,
  options,
  providerOptions,
}: {
  model: MiniMaxModelReference;
  options: VideoModelV3StartOptions;
  providerOptions: MiniMaxVideoModelOptions | undefined;
}): MiniMaxVideoRequest {
  validateVideoCallSettings(options);
  validateVideoCount({ n: options.n, max: 1, model, per: 'request' });
  const warnings = validateVideoCallOptions(model.capabilities, options, model);
  const table = getMiniMaxVideoModelCapabilities(model.modelId);
  const name = describeVideoModel(model);

  if (options.fps !== undefined) {
    warnings.push(unsupportedVideoOption('fps', `${name} takes no frame rate; it was not sent.`));
  }
  const inputs = { ...getFrameImages(options), references: options.inputReferences ?? [] };
  const build: BuildOptions = { model, options, providerOptions, table, warnings, name, ...inputs };
  return getMiniMaxApiVersion(model.modelId) === 'v2' ? prepareV2Request(build) : prepareV1Request(build);
}

type BuildOptions = {
  model: MiniMaxModelReference;
  options: VideoModelV3StartOptions;
  providerOptions: MiniMaxVideoModelOptions | undefined;
  table: MiniMaxVideoModelCapabilities | undefined;
  warnings: SharedV3Warning[];
  name: string;
  firstFrame: VideoModelV3File | undefined;
  lastFrame: VideoModelV3File | undefined;
  references: VideoModelV3File[];
};

function prepareV1Request({
  model,
  options,
  providerOptions,
  table,
  warnings,
  name,
  firstFrame,
  lastFrame,
  references,
}: BuildOptions): MiniMaxVideoRequest {
  const prompt = options.prompt?.trim() ? options.prompt : undefined;

  for (const reference of references) {
    if (getFileKind(reference) !== 'image') {
      throw invalidVideoArgument('inputReferences', `${name} takes only a subject image as reference.`);
    }
  }
  if (lastFrame && !firstFrame) {
    throw invalidVideoArgument('frameImages', `${name} takes a last frame only together with a first frame.`);
  }
  if (references.length > 0 && (firstFrame || lastFrame)) {
    throw invalidVideoArgument('inputReferences', `${name} takes a subject reference only without frame images.`);
  }
  if (table) {
    if (table.firstFrame === 'required' && !firstFrame) {
      throw invalidVideoArgument('image', `${name} is an image-to-video model: give a first frame (image).`);
    }
    if (table.maxReferenceImages > 0 && references.length === 0) {
      throw invalidVideoArgument('inputReferences', `${name} needs one subject reference image.`);
    }
    if (table.textToVideo && !prompt && !firstFrame) {
      throw invalidVideoArgument('prompt', `${name} needs a prompt for text-to-video.`);
    }
  }
  if (providerOptions?.content !== undefined) {
    throw invalidVideoArgument('providerOptions.minimax.content', `content items are for MiniMax-H3 (v2) only.`);
  }

  // Resolution: a WxH size to MiniMax's label; v1 has no aspect-ratio field.
  let resolution: string | undefined;
  if (options.resolution !== undefined) {
    const labels = table?.resolutions ?? ['512P', '720P', '768P', '1080P'];
    resolution = matchResolutionName(parseVideoSize(options.resolution) ?? options.resolution, labels);
    if (!resolution) {
      throw invalidVideoArgument(
        'resolution',
        `${name} takes resolutions ${labels.join(', ')} (short side); got ${options.resolution}.`,
      );
    }
  }
  if (options.aspectRatio !== undefined) {
    warnings.push(
      unsupportedVideoOption(
        'aspectRatio',
        `${name} takes no aspect ratio: text-to-video renders landscape, image-to-video follows the image; it was not sent.`,
      ),
    );
  }
  if (table) checkV1Combination({ table, resolution, duration: options.duration, firstFrame, name });
  if (options.generateAudio === false) {
    warnings.push(unsupportedVideoOption('generateAudio', `${name} makes silent videos; nothing was sent.`));
  }

  const body: Record<string, unknown> = { model: model.modelId };
  if (prompt !== undefined) body.prompt = prompt;
  if (firstFrame) body.first_frame_image = fileToUrl(firstFrame);
  if (lastFrame) body.last_frame_image = fileToUrl(lastFrame);
  if (references.length > 0) {
    body.subject_reference = [{ type: 'character', image: references.map((file) => fileToUrl(file)) }];
  }
  if (options.duration !== undefined) body.duration = options.duration;
  if (resolution !== undefined) body.resolution = resolution;
  if (providerOptions?.promptOptimizer !== undefined) body.prompt_optimizer = providerOptions.promptOptimizer;
  if (providerOptions?.fastPretreatment !== undefined) body.fast_pretreatment = providerOptions.fastPretreatment;
  if (options.webhookUrl !== undefined) body.callback_url = options.webhookUrl;
  if (providerOptions?.aigcWatermark !== undefined) body.aigc_watermark = providerOptions.aigcWatermark;
  return { api: 'v1', body, warnings };
}

/** MiniMax's rules between duration, resolution and inputs on v1 (Hailuo 02 / 2.3 tables). */
function checkV1Combination({
  table,
  resolution,
  duration,
  firstFrame,
  name,
}: {
  table: MiniMaxVideoModelCapabilities;
  resolution: string | undefined;
  duration: number | undefined;
  firstFrame: VideoModelV3File | undefined;
  name: string;
}) {
  const effective = resolution ?? table.resolutions[0];
  if (effective === '512P' && !firstFrame) {
    throw invalidVideoArgument('resolution', `${name} renders 512P only from a first frame (image-to-video).`);
  }
  if (effective === '1080P' && duration !== undefined && duration !== 6) {
    throw invalidVideoArgument('duration', `${name} renders 1080P only at 6 s; got ${duration}. Nearest allowed: 6 s.`);
  }
}

function prepareV2Request({
  model,
  options,
  providerOptions,
  table,
  warnings,
  name,
  firstFrame,
  lastFrame,
  references,
}: BuildOptions): MiniMaxVideoRequest {
  const extra = providerOptions?.content ?? [];
  const hasFrames = firstFrame !== undefined || lastFrame !== undefined || extra.some((item) => isFrameRole(item.role));
  const hasReferences =
    references.length > 0 || extra.some((item) => item.role !== undefined && !isFrameRole(item.role));
  if (hasFrames && hasReferences) {
    throw invalidVideoArgument('inputReferences', `${name} takes frame images or references, not both.`);
  }
  if (!options.prompt?.trim()) {
    throw invalidVideoArgument('prompt', `${name} needs a text prompt.`);
  }
  if (table) {
    const count = { image: 0, video: 0, audio: 0 };
    for (const reference of references) count[getFileKind(reference)]++;
    const limits = {
      image: table.maxReferenceImages,
      video: table.maxReferenceVideos,
      audio: table.maxReferenceAudios,
    };
    for (const kind of ['image', 'video', 'audio'] as const) {
      if (count[kind] > limits[kind]) {
        throw invalidVideoArgument(
          'inputReferences',
          `${name} takes at most ${limits[kind]} reference ${kind}s; got ${count[kind]}.`,
        );
      }
    }
  }

  // Resolution and ratio (the lists and their agreement are checked above).
  const size = options.resolution !== undefined ? parseVideoSize(options.resolution) : undefined;
  const labels = table?.resolutions ?? ['768P', '2K'];
  let resolution = V2_DEFAULT_RESOLUTION;
  if (options.resolution !== undefined) {
    const label = matchResolutionName(size ?? options.resolution, labels);
    if (!label) {
      throw invalidVideoArgument(
        'resolution',
        `${name} takes resolutions ${labels.join(', ')}; got ${options.resolution}.`,
      );
    }
    resolution = label;
  }
  let ratio: string | undefined;
  if (hasFrames) {
    // Frame-image requests always follow the image.
    if (options.aspectRatio !== undefined && options.aspectRatio !== 'adaptive') {
      warnings.push(
        unsupportedVideoOption(
          'aspectRatio',
          `${name} follows the frame image's aspect ratio; ${options.aspectRatio} was not sent.`,
        ),
      );
    }
  } else if (options.aspectRatio !== undefined) {
    ratio = options.aspectRatio;
  } else if (size) {
    ratio = matchAspectRatio(size, MINIMAX_V2_ASPECT_RATIOS);
  }
  if (ratio === 'adaptive' && !hasReferences) {
    warnings.push(
      unsupportedVideoOption(
        'aspectRatio',
        `${name} needs a concrete aspect ratio for text-to-video; ${V2_DEFAULT_TEXT_RATIO} was sent instead of adaptive.`,
      ),
    );
    ratio = undefined;
  }
  if (!hasFrames && !hasReferences) ratio ??= V2_DEFAULT_TEXT_RATIO;

  if (options.generateAudio !== undefined) {
    warnings.push(unsupportedVideoOption('generateAudio', `${name} has no audio setting; it was not sent.`));
  }
  if (providerOptions?.promptOptimizer !== undefined || providerOptions?.fastPretreatment !== undefined) {
    warnings.push(
      unsupportedVideoOption(
        'providerOptions.minimax',
        `promptOptimizer and fastPretreatment are v1 settings; ${name} does not take them.`,
      ),
    );
  }

  const content: Array<Record<string, unknown>> = [{ type: 'text', text: options.prompt }];
  if (firstFrame) content.push(mediaItem('image_url', fileToUrl(firstFrame), 'first_frame'));
  if (lastFrame) content.push(mediaItem('image_url', fileToUrl(lastFrame), 'last_frame'));
  for (const reference of references) {
    const kind = getFileKind(reference);
    content.push(mediaItem(`${kind}_url`, fileToUrl(reference), `reference_${kind}`));
  }
  for (const item of extra) content.push(mediaItem(item.type, item.url, item.role));

  const body: Record<string, unknown> = {
    model: model.modelId,
    content,
    resolution,
    duration: options.duration ?? V2_DEFAULT_DURATION,
  };
  if (ratio !== undefined) body.ratio = ratio;
  if (options.webhookUrl !== undefined) body.callback_url = options.webhookUrl;
  if (providerOptions?.aigcWatermark !== undefined) body.aigc_watermark = providerOptions.aigcWatermark;
  return { api: 'v2', body, warnings };
}

function isFrameRole(role: string | undefined): boolean {
  return role === 'first_frame' || role === 'last_frame';
}

function mediaItem(type: string, url: string, role: string | undefined): Record<string, unknown> {
  return { type, [type]: { url }, ...(role !== undefined ? { role } : {}) };
}
