import type { SharedV3Warning, VideoModelV3Capabilities, VideoModelV3StartOptions } from '@videogen/provider-spec';
import {
  describeDurations,
  describeVideoModel,
  fileToUrl,
  getFrameImages,
  invalidVideoArgument,
  isAllowedDuration,
  matchAspectRatio,
  matchResolutionName,
  nearestDuration,
  parseVideoSize,
  resolveSourceVideo,
  unsupportedVideoOption,
  validateVideoCallOptions,
  validateVideoCallSettings,
  validateVideoCount,
  type ResolvedSourceVideo,
  type VideoModelReference,
} from '@videogen/provider-utils';
import { parseXaiOperation } from './xai-operation';
import {
  getXaiVideoModelCapabilityEntry,
  XAI_ASPECT_RATIOS,
  XAI_EXTENSION_DURATIONS,
  type XaiVideoModelOptions,
} from './xai-video-model-options';

/** Which endpoint a request goes to. */
export type XaiVideoMode = 'generation' | 'edit' | 'extension';

/**
 * A request that starts a job: `POST /v1/videos/{generations|edits|extensions}` with a JSON body.
 * `sourceJob`: the source video is this xAI job's; the caller looks its video URL up and sets
 * `body.video` before sending.
 */
export type XaiVideoRequest = {
  mode: XaiVideoMode;
  path: string;
  body: Record<string, unknown>;
  sourceJob?: { requestId: string };
};

const PATHS: Record<XaiVideoMode, string> = {
  generation: '/videos/generations',
  edit: '/videos/edits',
  extension: '/videos/extensions',
};

/**
 * The call options as the request that starts the job, and the warnings of
 * options the API cannot honour. Pure: checks and maps, sends nothing. Throws
 * an InvalidArgumentError for a value the API would refuse, before anything is paid for.
 */
export function getXaiVideoRequest({
  model,
  capabilities,
  options,
  xaiOptions,
}: {
  model: VideoModelReference;
  capabilities: VideoModelV3Capabilities;
  options: VideoModelV3StartOptions;
  xaiOptions: XaiVideoModelOptions;
}): { request: XaiVideoRequest; warnings: SharedV3Warning[] } {
  validateVideoCallSettings(options);
  validateVideoCount({ n: options.n, max: 1, model, per: 'request' });
  const warnings: SharedV3Warning[] = [...validateVideoCallOptions(capabilities, options, model)];
  // validateVideoCallOptions refused a blank prompt (requiresPrompt).
  const prompt = options.prompt as string;
  const source = options.sourceVideo ? resolveSourceVideo(options.sourceVideo, capabilities, model) : undefined;
  if (source && (xaiOptions.mode !== undefined || xaiOptions.videoUrl !== undefined)) {
    throw invalidVideoArgument(
      'sourceVideo',
      'Give the source video once: as sourceVideo, or as providerOptions.xai.mode and videoUrl, not both.',
    );
  }
  const mode: XaiVideoMode = source ? (source.operation === 'edit' ? 'edit' : 'extension') : getMode(xaiOptions);
  const { firstFrame, lastFrame } = getFrameImages(options);

  // A seed is warned about by validateVideoCallOptions (capabilities.seed: false).
  for (const [feature, value, details] of [
    ['fps', options.fps, 'xAI video models have no frame-rate setting.'],
    ['webhookUrl', options.webhookUrl, 'The xAI video API sends no webhooks; the job is polled.'],
  ] as const) {
    if (value !== undefined) warnings.push(unsupportedVideoOption(feature, details));
  }

  if (mode !== 'generation') {
    const sourceVideo: { url?: string; requestId?: string } = source
      ? getSourceVideo(source)
      : { url: xaiOptions.videoUrl };
    if (sourceVideo.url === undefined && sourceVideo.requestId === undefined) {
      throw invalidVideoArgument(
        'providerOptions.xai.videoUrl',
        `providerOptions.xai.mode '${xaiOptions.mode}' needs the source video in providerOptions.xai.videoUrl.`,
      );
    }
    const ignored = mode === 'edit' ? 'An edit keeps the length and size of the source video.' : undefined;
    for (const [feature, value] of [
      ['resolution', options.resolution],
      ['aspectRatio', options.aspectRatio],
      ['generateAudio', options.generateAudio],
      ...(mode === 'edit' ? ([['duration', options.duration]] as const) : []),
    ] as const) {
      if (value !== undefined) {
        warnings.push(
          unsupportedVideoOption(
            feature,
            ignored ?? 'An extension keeps the size of the source video; duration is the length it adds.',
          ),
        );
      }
    }
    if (firstFrame || lastFrame || (options.inputReferences?.length ?? 0) > 0 || xaiOptions.referenceImageUrls) {
      throw invalidVideoArgument(
        'image',
        `xAI video ${mode === 'edit' ? 'edits' : 'extensions'} take a source video and a prompt, no images.`,
      );
    }
    if (mode === 'extension' && options.duration !== undefined) {
      if (!isAllowedDuration(XAI_EXTENSION_DURATIONS, options.duration)) {
        throw invalidVideoArgument(
          'duration',
          `An xAI video extension adds ${describeDurations(XAI_EXTENSION_DURATIONS)} s; got ${options.duration} s. ` +
            `Nearest allowed: ${nearestDuration(XAI_EXTENSION_DURATIONS, options.duration)} s.`,
        );
      }
    }
    const body = {
      model: model.modelId,
      prompt,
      video: sourceVideo.url !== undefined ? { url: sourceVideo.url } : undefined,
      ...(mode === 'extension' && options.duration !== undefined ? { duration: options.duration } : {}),
      // @ai-sdk/xai does not send `user` on extensions.
      ...(mode === 'edit' && xaiOptions.user !== undefined ? { user: xaiOptions.user } : {}),
    };
    const sourceJob = sourceVideo.url === undefined ? { requestId: sourceVideo.requestId! } : undefined;
    return { request: { mode, path: PATHS[mode], body, ...(sourceJob ? { sourceJob } : {}) }, warnings };
  }

  const referenceUrls = [
    ...(options.inputReferences ?? []).map((reference) => fileToUrl(reference)),
    ...(xaiOptions.referenceImageUrls ?? []),
  ];
  if (xaiOptions.mode === 'reference-to-video' && referenceUrls.length === 0) {
    throw invalidVideoArgument(
      'inputReferences',
      "providerOptions.xai.mode 'reference-to-video' needs reference images (inputReferences or providerOptions.xai.referenceImageUrls).",
    );
  }
  if (referenceUrls.length > capabilities.maxReferences!) {
    throw invalidVideoArgument(
      'inputReferences',
      `${describeVideoModel(model)} takes at most ${capabilities.maxReferences} reference images; got ${referenceUrls.length}.`,
    );
  }
  if (referenceUrls.length > 0 && (firstFrame || lastFrame)) {
    throw invalidVideoArgument(
      'inputReferences',
      'xAI takes either a start frame or reference images, not both (the API answers 400).',
    );
  }
  if (lastFrame && !getXaiVideoModelCapabilityEntry(model.modelId).lastFrame) {
    throw invalidVideoArgument('frameImages', `${describeVideoModel(model)} takes no last frame.`);
  }

  const body: Record<string, unknown> = { model: model.modelId, prompt };
  if (options.duration !== undefined) body.duration = options.duration;
  Object.assign(body, getGeometry(model, options, referenceUrls.length > 0, warnings));
  if (firstFrame) body.image = { url: fileToUrl(firstFrame) };
  if (lastFrame) body.last_frame = { url: fileToUrl(lastFrame) };
  if (referenceUrls.length > 0) body.reference_images = referenceUrls.map((url) => ({ url }));
  if (options.generateAudio !== undefined) body.generate_audio = options.generateAudio;
  if (xaiOptions.user !== undefined) body.user = xaiOptions.user;
  return { request: { mode, path: PATHS[mode], body }, warnings };
}

/**
 * The source of a `sourceVideo` edit or extension: the job's video URL where it is known (the
 * completed status's `providerMetadata.xai.videoUrl`, or the job's video given as a URL), else the
 * job's request id (its URL is looked up), a public URL, or the bytes inline as a `data:` URL.
 */
function getSourceVideo(source: ResolvedSourceVideo): { url?: string; requestId?: string } {
  if (source.origin === 'job') {
    if (source.index !== 0) {
      throw invalidVideoArgument(
        'sourceVideo',
        `An xAI job has one video; sourceVideo.index ${source.index} does not exist.`,
      );
    }
    const { requestId } = parseXaiOperation(source.job!.operation);
    const known = (source.providerMetadata?.xai as { videoUrl?: unknown } | undefined)?.videoUrl;
    if (typeof known === 'string' && /^https?:\/\//i.test(known)) return { url: known };
    const video = source.video;
    if (video?.type === 'url' && /^https?:\/\//i.test(video.url)) return { url: video.url };
    return { requestId };
  }
  const video = source.video!;
  // Bytes go inline; the capability let only MP4 through.
  return { url: video.type === 'url' ? video.url : fileToUrl({ ...video, mediaType: 'video/mp4' }) };
}

function getMode(xaiOptions: XaiVideoModelOptions): XaiVideoMode {
  if (xaiOptions.mode === 'edit-video') return 'edit';
  if (xaiOptions.mode === 'extend-video') return 'extension';
  if (xaiOptions.mode === undefined && xaiOptions.videoUrl !== undefined) return 'edit';
  if (xaiOptions.videoUrl !== undefined) {
    throw invalidVideoArgument(
      'providerOptions.xai.videoUrl',
      "providerOptions.xai.videoUrl is the source of 'edit-video' or 'extend-video', not of a generation.",
    );
  }
  return 'generation';
}

/** `aspect_ratio` and `resolution` of a generation (validateVideoCallOptions accepted only listed values). */
function getGeometry(
  model: VideoModelReference,
  options: Pick<VideoModelV3StartOptions, 'resolution' | 'aspectRatio'>,
  hasReferences: boolean,
  warnings: SharedV3Warning[],
): { aspect_ratio?: string; resolution?: string } {
  const geometry: { aspect_ratio?: string; resolution?: string } = {};
  if (options.aspectRatio === 'adaptive') {
    warnings.push(
      unsupportedVideoOption(
        'aspectRatio',
        'xAI has no adaptive aspect ratio (it rejects `auto`); its default applies.',
      ),
    );
  } else if (options.aspectRatio !== undefined) {
    geometry.aspect_ratio = options.aspectRatio;
  }
  if (options.resolution !== undefined) {
    const size = parseVideoSize(options.resolution)!;
    const labels = getXaiVideoModelCapabilityEntry(model.modelId).resolutions;
    const label = matchResolutionName(size, labels);
    if (label === undefined) {
      throw invalidVideoArgument('resolution', `${describeVideoModel(model)} renders ${labels.join(', ')}.`);
    }
    if (hasReferences && label === '1080p') {
      throw invalidVideoArgument('resolution', 'xAI renders reference-to-video at 720p at most.');
    }
    geometry.resolution = label;
    geometry.aspect_ratio ??= matchAspectRatio(size, XAI_ASPECT_RATIOS);
  }
  return geometry;
}
