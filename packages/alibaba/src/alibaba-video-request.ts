import type {
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
  invalidVideoArgument,
  matchAspectRatio,
  matchResolutionName,
  parseVideoSize,
  resolveSourceVideo,
  unsupportedVideoOption,
  validateVideoCallOptions,
  validateVideoCallSettings,
  validateVideoCount,
} from '@videogen/provider-utils';
import {
  ALIBABA_TIER_SIZES,
  getAlibabaVideoModelCapabilities,
  type AlibabaResolutionTier,
  type AlibabaVideoModelOptions,
} from './alibaba-video-model-options';

/** The create request: which path, the body, and the warnings of what it leaves out. */
export type AlibabaRequest = {
  /** `video-generation` for all but the first-and-last-frame (`kf2v`) models, which use `image2video`. */
  task: 'video-generation' | 'image2video';
  body: { model: string; input: Record<string, unknown>; parameters: Record<string, unknown> };
  /** Whether an input is an `oss://` temporary upload (needs `X-DashScope-OssResourceResolve: enable`). */
  ossResources: boolean;
  warnings: SharedV3Warning[];
};

type AlibabaModelReference = { provider: string; modelId: string; capabilities: VideoModelV3Capabilities };

const TIERS: AlibabaResolutionTier[] = ['480P', '720P', '1080P'];

/**
 * Validates a call against the model's capabilities and builds the DashScope
 * body (no request of its own). Images go on the wire as DashScope takes
 * them: an `http(s)` or `oss://` URL as is, bytes as a `data:` URI.
 */
export function prepareAlibabaRequest({
  model,
  options,
  providerOptions,
}: {
  model: AlibabaModelReference;
  options: VideoModelV3CallOptions & { webhookUrl?: string };
  providerOptions: AlibabaVideoModelOptions | undefined;
}): AlibabaRequest {
  const { modelId } = model;
  const name = describeVideoModel(model);
  const capabilities = getAlibabaVideoModelCapabilities(modelId);
  const mode = capabilities?.mode ?? 't2v';

  validateVideoCallSettings(options);
  validateVideoCount({ n: options.n, max: 1, model, per: 'request' });
  const warnings = validateVideoCallOptions(model.capabilities, options, model);
  const source = options.sourceVideo ? resolveSourceVideo(options.sourceVideo, model.capabilities, model) : undefined;
  // edit → the `video` media item (wan2.7-videoedit); extend → `first_clip` (wan2.7-i2v).
  const sourceUrl = source?.video?.type === 'url' ? source.video.url : undefined;
  const editUrl = source?.operation === 'edit' ? sourceUrl : undefined;
  const clipUrl = source?.operation === 'extend' ? sourceUrl : undefined;
  for (const [given, option] of [
    [editUrl, 'videoUrl'],
    [clipUrl, 'firstClipUrl'],
  ] as const) {
    if (given !== undefined && providerOptions?.[option] !== undefined) {
      throw invalidVideoArgument(
        'sourceVideo',
        `Give the source video either as sourceVideo or as providerOptions.alibaba.${option}, not both.`,
      );
    }
  }
  const firstClipUrl = clipUrl ?? providerOptions?.firstClipUrl;
  const videoUrl = editUrl ?? providerOptions?.videoUrl;

  const { firstFrame, lastFrame } = getFrameImages(options);
  const references = options.inputReferences ?? [];
  const input: Record<string, unknown> = {};
  const parameters: Record<string, unknown> = {};
  const urls: string[] = [];
  const url = (file: VideoModelV3File) => {
    const value = fileToUrl(file);
    urls.push(value);
    return value;
  };
  const optionUrl = (value: string) => {
    urls.push(value);
    return value;
  };

  if (options.prompt?.trim()) input.prompt = options.prompt;
  if (providerOptions?.negativePrompt !== undefined) input.negative_prompt = providerOptions.negativePrompt;

  // Inputs by mode
  if (mode === 'i2v' || mode === 'kf2v') {
    if (!firstFrame) {
      throw invalidVideoArgument('image', `${name} is an image-to-video model: it needs a first-frame image.`);
    }
    if (mode === 'i2v') input.img_url = url(firstFrame);
    else {
      input.first_frame_url = url(firstFrame);
      if (lastFrame) input.last_frame_url = url(lastFrame);
    }
    if (providerOptions?.template !== undefined) input.template = providerOptions.template;
  } else if (mode === 'r2v') {
    if (references.length === 0) {
      throw invalidVideoArgument('inputReferences', `${name} needs reference images or videos.`);
    }
    input.reference_urls = references.map(url);
  } else if (mode === 'media') {
    const media: Array<{ type: string; url: string }> = [];
    if (firstFrame) media.push({ type: 'first_frame', url: url(firstFrame) });
    if (lastFrame) media.push({ type: 'last_frame', url: url(lastFrame) });
    for (const file of references) {
      media.push({ type: `reference_${getFileKind(file)}`, url: url(file) });
    }
    const allowed = capabilities?.mediaTypes;
    if (firstClipUrl !== undefined) media.push({ type: 'first_clip', url: optionUrl(firstClipUrl) });
    if (videoUrl !== undefined) media.unshift({ type: 'video', url: optionUrl(videoUrl) });
    if (providerOptions?.drivingAudioUrl !== undefined) {
      media.push({ type: 'driving_audio', url: optionUrl(providerOptions.drivingAudioUrl) });
    }
    for (const entry of media) {
      if (allowed && !allowed.includes(entry.type as never)) {
        throw invalidVideoArgument(
          entry.type === 'first_clip' || entry.type === 'driving_audio'
            ? `providerOptions.alibaba.${entry.type === 'first_clip' ? 'firstClipUrl' : 'drivingAudioUrl'}`
            : entry.type === 'video'
              ? 'providerOptions.alibaba.videoUrl'
              : 'inputReferences',
          `${name} does not take ${entry.type} media (it takes: ${allowed.join(', ') || 'text only'}).`,
        );
      }
    }
    const framed = media.some((entry) => entry.type.endsWith('_frame') || entry.type === 'first_clip');
    if (framed && media.some((entry) => entry.type.startsWith('reference_'))) {
      throw invalidVideoArgument('inputReferences', `${name} takes references or frames, not both in one request.`);
    }
    // An image-to-video model needs a frame (or a clip to continue); an edit model its source video.
    if (
      allowed?.includes('first_clip') &&
      !media.some((entry) => entry.type === 'first_frame' || entry.type === 'first_clip')
    ) {
      throw invalidVideoArgument(
        'image',
        `${name} needs a first-frame image (or a clip to extend: sourceVideo, or providerOptions.alibaba.firstClipUrl).`,
      );
    }
    if (allowed?.includes('video') && !media.some((entry) => entry.type === 'video')) {
      throw invalidVideoArgument(
        'providerOptions.alibaba.videoUrl',
        `${name} edits a video: give sourceVideo: { operation: 'edit', video } (or providerOptions.alibaba.videoUrl).`,
      );
    }
    if (media.length > 0) input.media = media;
  }
  if (mode !== 'media') {
    for (const option of ['firstClipUrl', 'drivingAudioUrl', 'videoUrl'] as const) {
      if (providerOptions?.[option] !== undefined) {
        throw invalidVideoArgument(
          `providerOptions.alibaba.${option}`,
          `${name} takes no ${option} (${option === 'videoUrl' ? 'wan2.7-videoedit' : 'wan2.7-i2v'} does).`,
        );
      }
    }
  }
  if (providerOptions?.audioUrl !== undefined) {
    if (capabilities?.audio === false) {
      throw invalidVideoArgument('providerOptions.alibaba.audioUrl', `${name} is silent: it takes no audio track.`);
    }
    input.audio_url = optionUrl(providerOptions.audioUrl);
  }

  // Size, or tier and ratio
  const size = options.resolution !== undefined ? parseVideoSize(options.resolution) : undefined;
  let aspectRatio: string | undefined = options.aspectRatio;
  if (mode === 't2v' || mode === 'r2v') {
    if (aspectRatio === 'adaptive') {
      warnings.push(unsupportedVideoOption('aspectRatio', `${name} has no adaptive aspect ratio; none was sent.`));
      aspectRatio = undefined;
    }
    if (size) parameters.size = `${size.width}*${size.height}`;
    else if (aspectRatio !== undefined) {
      const tier = capabilities?.defaultTier ?? '1080P';
      const candidates = ALIBABA_TIER_SIZES[tier].map((value) => parseVideoSize(value)!);
      const match = candidates.find((candidate) => matchAspectRatio(candidate, [aspectRatio!]) !== undefined);
      if (!match) {
        throw invalidVideoArgument('aspectRatio', `${name} has no ${tier} size with aspect ratio ${aspectRatio}.`);
      }
      parameters.size = `${match.width}*${match.height}`;
    }
  } else {
    if (size) {
      const tier = matchResolutionName(size, capabilities?.tiers ?? TIERS);
      if (!tier) {
        throw invalidVideoArgument(
          'resolution',
          `${name} takes resolution tiers ${(capabilities?.tiers ?? TIERS).join(', ')}; got ${options.resolution}.`,
        );
      }
      parameters.resolution = tier;
    }
    if (mode === 'media') {
      const ratios = capabilities?.ratios;
      if (aspectRatio === 'adaptive' && ratios && !ratios.includes('adaptive')) {
        warnings.push(unsupportedVideoOption('aspectRatio', `${name} has no adaptive aspect ratio; none was sent.`));
        aspectRatio = undefined;
      }
      if (aspectRatio === undefined && size && ratios) aspectRatio = matchAspectRatio(size, ratios);
      if (aspectRatio !== undefined) parameters.ratio = aspectRatio;
    } else if (aspectRatio !== undefined) {
      warnings.push(
        unsupportedVideoOption('aspectRatio', `${name} follows the input image's aspect ratio; none was sent.`),
      );
    }
  }
  if (options.duration !== undefined) parameters.duration = options.duration;

  // Prompt rewrite, shots, audio, watermark, seed, fps
  if (providerOptions?.promptExtend !== undefined) parameters.prompt_extend = providerOptions.promptExtend;
  if (providerOptions?.shotType !== undefined) {
    if (capabilities && !capabilities.shotType) {
      warnings.push(
        unsupportedVideoOption('providerOptions.alibaba.shotType', `${name} takes no shot_type; none was sent.`),
      );
    } else parameters.shot_type = providerOptions.shotType;
  }
  if (options.generateAudio !== undefined && capabilities?.audio !== false) {
    if (capabilities?.audioToggle) parameters.audio = options.generateAudio;
    else if (!options.generateAudio) {
      warnings.push(
        unsupportedVideoOption('generateAudio', `${name} always generates audio; it cannot be turned off.`),
      );
    }
  }
  if (providerOptions?.watermark !== undefined) parameters.watermark = providerOptions.watermark;
  if (options.seed !== undefined) {
    if (!Number.isInteger(options.seed) || options.seed < 0 || options.seed > 2147483647) {
      throw invalidVideoArgument('seed', `seed must be an integer from 0 to 2147483647; got ${options.seed}.`);
    }
    parameters.seed = options.seed;
  }
  if (options.fps !== undefined) {
    warnings.push(unsupportedVideoOption('fps', `${name} takes no fps; Wan renders at 30 fps.`));
  }
  if (options.webhookUrl !== undefined) {
    warnings.push(
      unsupportedVideoOption(
        'webhookUrl',
        'DashScope video synthesis takes no callback URL; the job is polled instead.',
      ),
    );
  }

  return {
    task: mode === 'kf2v' ? 'image2video' : 'video-generation',
    body: { model: modelId, input, parameters },
    ossResources: urls.some((value) => value.startsWith('oss://')),
    warnings,
  };
}
