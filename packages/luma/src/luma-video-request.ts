import type {
  SharedV3Warning,
  VideoModelV3CallOptions,
  VideoModelV3Capabilities,
  VideoModelV3File,
} from '@videogen/provider-spec';
import {
  describeVideoModel,
  getFrameImages,
  invalidVideoArgument,
  matchAspectRatio,
  matchResolutionName,
  parseVideoSize,
  resolveSourceVideo,
  type ResolvedSourceVideo,
  unsupportedVideoOption,
  validateVideoCallOptions,
  validateVideoCallSettings,
  validateVideoCount,
} from '@videogen/provider-utils';
import {
  getLumaVideoModelCapabilities,
  LUMA_ASPECT_RATIOS,
  LUMA_MODIFY_MODELS,
  LUMA_RESOLUTIONS,
  type LumaModifyMode,
  type LumaVideoModelOptions,
} from './luma-video-model-options';
import { parseLumaOperation } from './luma-operation';

/** A keyframe as Luma takes it: an image URL, or a completed generation. */
export type LumaKeyframe = { type: 'image'; url: string } | { type: 'generation'; id: string };

/** The body of `POST /generations/video` (Luma's wire names). */
export type LumaCreateBody = {
  model: string;
  prompt?: string;
  aspect_ratio?: string;
  resolution?: string;
  duration?: string;
  loop?: boolean;
  keyframes?: { frame0?: LumaKeyframe; frame1?: LumaKeyframe };
  concepts?: Array<{ key: string }>;
  callback_url?: string;
};

/** The body of `POST /generations/video/modify` (video-to-video). */
export type LumaModifyBody = {
  generation_type: 'modify_video';
  model: string;
  media: { url: string };
  mode: string;
  prompt?: string;
  first_frame?: { url: string };
  callback_url?: string;
};

/**
 * A create request: the path below the base URL and its body. `sourceJob`: the video to modify
 * is this generation's; the caller looks its video URL up and sets `body.media` before sending.
 */
export type LumaRequest =
  | { path: '/generations/video'; body: LumaCreateBody; warnings: SharedV3Warning[] }
  | {
      path: '/generations/video/modify';
      body: LumaModifyBody;
      warnings: SharedV3Warning[];
      sourceJob?: { id: string };
    };

/** The mode of a `sourceVideo` video-to-video call without `providerOptions.luma.modifyMode`. */
export const LUMA_DEFAULT_MODIFY_MODE: LumaModifyMode = 'adhere_1';

/** The model a request is for, as the shared checks name it. */
type LumaModelReference = { provider: string; modelId: string; capabilities: VideoModelV3Capabilities };

/**
 * Validates a call against the model's capabilities and builds the create
 * body (no request of its own). The shared checks come first; then Luma's
 * own rules: images only by URL, a generation keyframe not together with an
 * image for the same frame.
 */
export function prepareLumaRequest({
  model,
  options,
  providerOptions,
}: {
  model: LumaModelReference;
  options: VideoModelV3CallOptions & { webhookUrl?: string };
  providerOptions: LumaVideoModelOptions | undefined;
}): LumaRequest {
  const name = describeVideoModel(model);
  validateVideoCallSettings(options);
  validateVideoCount({ n: options.n, max: 1, model, per: 'request' });
  const warnings = validateVideoCallOptions(model.capabilities, options, model);
  const source = options.sourceVideo ? resolveSourceVideo(options.sourceVideo, model.capabilities, model) : undefined;
  if (source && (providerOptions?.modify || (source.operation === 'extend' && providerOptions?.startGenerationId))) {
    throw invalidVideoArgument(
      'sourceVideo',
      `Give the source video once: as sourceVideo, or as providerOptions.luma.${providerOptions?.modify ? 'modify' : 'startGenerationId'}, not both.`,
    );
  }
  if (providerOptions?.modifyMode !== undefined && source?.operation !== 'video-to-video') {
    if (providerOptions.modify) {
      throw invalidVideoArgument(
        'providerOptions.luma.modifyMode',
        'Give the mode of providerOptions.luma.modify in modify.mode; modifyMode is the mode of a sourceVideo.',
      );
    }
    warnings.push(
      unsupportedVideoOption(
        'providerOptions.luma.modifyMode',
        'modifyMode applies to a video-to-video sourceVideo only; it was not sent.',
      ),
    );
  }
  if (source?.operation === 'video-to-video') {
    const video = getModifySource(source);
    return prepareModifyRequest({
      model,
      options,
      providerOptions: providerOptions ?? {},
      modify: { videoUrl: video.url ?? '', mode: providerOptions?.modifyMode ?? LUMA_DEFAULT_MODIFY_MODE },
      warnings,
      argument: 'sourceVideo',
      sourceJob: video.id !== undefined ? { id: video.id } : undefined,
    });
  }
  if (providerOptions?.modify) {
    return prepareModifyRequest({ model, options, providerOptions, modify: providerOptions.modify, warnings });
  }

  // Keyframes: frame0 = first frame or the generation to extend, frame1 = last frame or reverse extend.
  const { firstFrame, lastFrame } = getFrameImages(options);
  // A sourceVideo extend: the generation of the job (only origin 'job' is declared).
  const startId = source ? getGenerationId(source) : providerOptions?.startGenerationId;
  const endId = providerOptions?.endGenerationId;
  if (firstFrame && startId !== undefined) {
    throw invalidVideoArgument(
      source ? 'sourceVideo' : 'providerOptions.luma.startGenerationId',
      'Luma takes one start keyframe: a first-frame image or a generation to extend, not both.',
    );
  }
  if (lastFrame && endId !== undefined) {
    throw invalidVideoArgument(
      'providerOptions.luma.endGenerationId',
      'Luma takes one end keyframe: a last-frame image or a generation to lead into, not both.',
    );
  }
  const frame0: LumaKeyframe | undefined = firstFrame
    ? { type: 'image', url: imageUrl(firstFrame, options.image ? 'image' : 'frameImages') }
    : startId !== undefined
      ? { type: 'generation', id: startId }
      : undefined;
  const frame1: LumaKeyframe | undefined = lastFrame
    ? { type: 'image', url: imageUrl(lastFrame, 'frameImages') }
    : endId !== undefined
      ? { type: 'generation', id: endId }
      : undefined;

  // A blank prompt without an image was refused by the shared check (core runs it too, so extending a
  // generation without an image takes a prompt).
  const prompt = options.prompt?.trim() ? options.prompt : undefined;

  // Aspect ratio and resolution (the lists and their agreement are checked above).
  let aspectRatio: string | undefined = options.aspectRatio;
  if (aspectRatio === 'adaptive') {
    warnings.push(unsupportedVideoOption('aspectRatio', `${name} has no adaptive aspect ratio; none was sent.`));
    aspectRatio = undefined;
  }
  let resolution: string | undefined;
  if (options.resolution !== undefined) {
    const size = parseVideoSize(options.resolution);
    resolution = matchResolutionName(size ?? options.resolution, LUMA_RESOLUTIONS);
    if (!resolution) {
      throw invalidVideoArgument(
        'resolution',
        `${name} takes resolution 540p, 720p, 1080p or 4k (e.g. 1280x720); got ${options.resolution}.`,
      );
    }
    if (size && aspectRatio === undefined) {
      aspectRatio = matchAspectRatio(size, LUMA_ASPECT_RATIOS);
      if (!aspectRatio) {
        throw invalidVideoArgument(
          'resolution',
          `${name} takes aspect ratios ${LUMA_ASPECT_RATIOS.join(', ')}; ${options.resolution} matches none.`,
        );
      }
    }
  }

  if (options.fps !== undefined) {
    warnings.push(unsupportedVideoOption('fps', `${name} takes no frame rate; the model renders at its own.`));
  }
  // seed: the capabilities say seed: false, so the shared check has warned; generateAudio: true was
  // refused there (Ray renders silent video), false changes nothing.

  const body: LumaCreateBody = { model: model.modelId };
  if (prompt !== undefined) body.prompt = prompt;
  if (aspectRatio !== undefined) body.aspect_ratio = aspectRatio;
  if (resolution !== undefined) body.resolution = resolution;
  if (options.duration !== undefined) {
    // The duration list was checked above (ray-2: 5 or 9 s); Luma names it "5s".
    body.duration = `${options.duration}s`;
  }
  if (providerOptions?.loop !== undefined) body.loop = providerOptions.loop;
  if (frame0 || frame1) {
    body.keyframes = {};
    if (frame0) body.keyframes.frame0 = frame0;
    if (frame1) body.keyframes.frame1 = frame1;
  }
  if (providerOptions?.concepts !== undefined) body.concepts = providerOptions.concepts.map((key) => ({ key }));
  if (options.webhookUrl !== undefined) body.callback_url = options.webhookUrl;
  return { path: '/generations/video', body, warnings };
}

/**
 * Video-to-video: the source video and mode from `providerOptions.luma.modify`,
 * the prompt, a first frame. Keyframes of other kinds are refused; what modify
 * has no field for (it keeps the source's length, size and aspect ratio) is a warning.
 */
function prepareModifyRequest({
  model,
  options,
  providerOptions,
  modify,
  warnings,
  argument = 'providerOptions.luma.modify',
  sourceJob,
}: {
  model: LumaModelReference;
  options: VideoModelV3CallOptions & { webhookUrl?: string };
  providerOptions: LumaVideoModelOptions;
  modify: NonNullable<LumaVideoModelOptions['modify']>;
  warnings: SharedV3Warning[];
  argument?: string;
  sourceJob?: { id: string };
}): LumaRequest {
  const name = describeVideoModel(model);
  if (getLumaVideoModelCapabilities(model.modelId) && !LUMA_MODIFY_MODELS.includes(model.modelId)) {
    throw invalidVideoArgument(
      argument,
      `Luma modifies videos with ${LUMA_MODIFY_MODELS.join(' or ')}, not ${model.modelId}.`,
    );
  }
  const { firstFrame, lastFrame } = getFrameImages(options);
  if (lastFrame || providerOptions.startGenerationId !== undefined || providerOptions.endGenerationId !== undefined) {
    throw invalidVideoArgument(
      argument,
      'Luma modifies a video with a prompt and at most a first frame: no last frame and no generation keyframes.',
    );
  }
  for (const [option, value] of [
    ['duration', options.duration],
    ['resolution', options.resolution],
    ['aspectRatio', options.aspectRatio],
    ['fps', options.fps],
  ] as const) {
    if (value !== undefined) {
      warnings.push(
        unsupportedVideoOption(
          option,
          `${name} keeps the source video's length, size and frame rate when modifying; ${option} was not sent.`,
        ),
      );
    }
  }
  for (const option of ['loop', 'concepts'] as const) {
    if (providerOptions[option] !== undefined) {
      warnings.push(
        unsupportedVideoOption(`providerOptions.luma.${option}`, `Luma's modify takes no ${option}; it was not sent.`),
      );
    }
  }
  const body: LumaModifyBody = {
    generation_type: 'modify_video',
    model: model.modelId,
    media: { url: modify.videoUrl },
    mode: modify.mode,
  };
  if (options.prompt?.trim()) body.prompt = options.prompt;
  if (firstFrame) body.first_frame = { url: imageUrl(firstFrame, options.image ? 'image' : 'frameImages') };
  if (options.webhookUrl !== undefined) body.callback_url = options.webhookUrl;
  return { path: '/generations/video/modify', body, warnings, ...(sourceJob ? { sourceJob } : {}) };
}

/** The generation id of a source job (Luma makes one video per generation). */
function getGenerationId(source: ResolvedSourceVideo): string {
  if (source.index !== 0) {
    throw invalidVideoArgument(
      'sourceVideo',
      `A Luma generation has one video; sourceVideo.index ${source.index} does not exist.`,
    );
  }
  return parseLumaOperation(source.job!.operation).id;
}

/**
 * The video to modify: a public URL, or a generation of this provider by its video URL where it
 * is known (the completed status's `providerMetadata.luma.videoUrl`, or the job's video as a URL),
 * else by its id (the caller looks the URL up).
 */
function getModifySource(source: ResolvedSourceVideo): { url?: string; id?: string } {
  const video = source.video;
  const videoUrl = video?.type === 'url' && /^https?:\/\//i.test(video.url) ? video.url : undefined;
  if (source.origin !== 'job') return { url: videoUrl };
  const id = getGenerationId(source);
  const known = (source.providerMetadata?.luma as { videoUrl?: unknown } | undefined)?.videoUrl;
  if (typeof known === 'string' && /^https?:\/\//i.test(known)) return { url: known };
  return videoUrl !== undefined ? { url: videoUrl } : { id };
}

/**
 * Luma takes images only as URLs it fetches itself ("upload and use your own
 * CDN image URLs, currently this is the only way to pass an image"): bytes
 * and `data:` URLs are refused (the capabilities' `inputUrlSchemes` refuse
 * `data:` already).
 */
function imageUrl(file: VideoModelV3File, argument: string): string {
  if (file.type !== 'url') {
    throw invalidVideoArgument(
      argument,
      'Luma takes images only by http(s) URL (it has no upload endpoint); upload the image and pass its URL.',
    );
  }
  return file.url;
}
