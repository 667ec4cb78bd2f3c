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
  BYTEDANCE_ASPECT_RATIOS,
  getByteDanceVideoModelCapabilities,
  type ByteDanceVideoModelOptions,
} from './bytedance-video-model-options';
import { parseByteDanceOperation } from './bytedance-operation';

/** A `content[]` item of a Seedance task. */
export type ByteDanceContentItem =
  | { type: 'text'; text: string }
  | { type: 'image_url'; image_url: { url: string }; role: 'first_frame' | 'last_frame' | 'reference_image' }
  | { type: 'video_url'; video_url: { url: string }; role: 'reference_video' }
  | { type: 'audio_url'; audio_url: { url: string }; role: 'reference_audio' }
  | { type: 'draft_task'; draft_task: { id: string } };

/** A `POST /contents/generations/tasks` body and the warnings of what it leaves out. */
export type ByteDanceRequest = {
  body: Record<string, unknown> & { content: ByteDanceContentItem[] };
  warnings: SharedV3Warning[];
};

type ModelReference = { provider: string; modelId: string; capabilities: VideoModelV3Capabilities };

const ALL_RESOLUTIONS = ['480p', '720p', '1080p', '4k'];

/**
 * Validates a call and builds the Seedance task body. Makes no request:
 * inputs go to the API as they are (URLs, `data:` URLs, `asset://` ids;
 * bytes as `data:` URLs), so nothing is fetched here.
 */
export function prepareByteDanceRequest({
  model,
  options,
  providerOptions,
}: {
  model: ModelReference;
  options: VideoModelV3CallOptions & { webhookUrl?: string };
  providerOptions: ByteDanceVideoModelOptions | undefined;
}): ByteDanceRequest {
  const name = describeVideoModel(model);
  const table = getByteDanceVideoModelCapabilities(model.modelId);
  validateVideoCallSettings(options);
  validateVideoCount({ n: options.n, max: 1, model, per: 'request' });
  const warnings = validateVideoCallOptions(model.capabilities, options, model);
  const source = options.sourceVideo ? resolveSourceVideo(options.sourceVideo, model.capabilities, model) : undefined;

  // Inputs: which go together (the API's scenarios are exclusive)
  const { firstFrame, lastFrame } = getFrameImages(options);
  const references = (options.inputReferences ?? []).map((file) => ({ file, kind: getFileKind(file) }));
  // extend / edit: the source is "video 1", the first reference video.
  const sourceVideoUrl =
    source && source.operation !== 'remix' && source.video?.type === 'url' ? source.video.url : undefined;
  if (sourceVideoUrl !== undefined) references.unshift({ file: source?.video as VideoModelV3File, kind: 'video' });
  if (sourceVideoUrl !== undefined && (firstFrame || lastFrame)) {
    throw invalidVideoArgument(
      'sourceVideo',
      `${name} takes a source video as a reference video: not with a first or last frame.`,
    );
  }
  const count = (kind: string) => references.filter((reference) => reference.kind === kind).length;
  if (lastFrame && !firstFrame) {
    throw invalidVideoArgument('frameImages', `${name} takes a last frame only together with a first frame.`);
  }
  if (references.length > 0 && (firstFrame || lastFrame)) {
    throw invalidVideoArgument(
      'inputReferences',
      `${name} takes reference inputs only on their own: not with a first or last frame.`,
    );
  }
  if (references.length > 0 && count('image') + count('video') === 0) {
    throw invalidVideoArgument('inputReferences', `${name} needs at least one reference image or video with audio.`);
  }
  if (table) {
    for (const [kind, max] of [
      ['image', table.maxReferenceImages],
      ['video', table.maxReferenceVideos],
      ['audio', table.maxReferenceAudios],
    ] as const) {
      if (count(kind) > max) {
        throw invalidVideoArgument(
          'inputReferences',
          `${name} takes at most ${max} reference ${kind}s; got ${count(kind)}.`,
        );
      }
    }
    if (!table.textToVideo && !firstFrame && references.length === 0) {
      throw invalidVideoArgument(
        'image',
        `${name} is an image-to-video model: give a first frame or reference images.`,
      );
    }
  }
  const prompt = options.prompt?.trim() ? options.prompt : undefined;
  // remix: a draft task of this provider rendered in full (draft_task), its id read from the job.
  if (source?.operation === 'remix' && providerOptions?.draftTaskId !== undefined) {
    throw invalidVideoArgument(
      'sourceVideo',
      'Give the draft either as sourceVideo or as providerOptions.bytedance.draftTaskId, not both.',
    );
  }
  const draftTaskId =
    source?.operation === 'remix' && source.job
      ? parseByteDanceOperation(source.job.operation).id
      : providerOptions?.draftTaskId;
  if (!prompt && !firstFrame && references.length === 0 && !draftTaskId) {
    throw invalidVideoArgument('prompt', `${name} needs a prompt, an image or a draft task.`);
  }

  const content: ByteDanceContentItem[] = [];
  if (prompt) content.push({ type: 'text', text: prompt });
  if (firstFrame) content.push({ type: 'image_url', image_url: { url: fileToUrl(firstFrame) }, role: 'first_frame' });
  if (lastFrame) content.push({ type: 'image_url', image_url: { url: fileToUrl(lastFrame) }, role: 'last_frame' });
  for (const { file, kind } of references) content.push(referenceItem(file, kind));
  if (draftTaskId) content.push({ type: 'draft_task', draft_task: { id: draftTaskId } });

  const body: ByteDanceRequest['body'] = { model: model.modelId, content };

  // ratio and resolution
  const size = options.resolution !== undefined ? parseVideoSize(options.resolution) : undefined;
  if (options.aspectRatio !== undefined) body.ratio = options.aspectRatio;
  else if (size) body.ratio = matchAspectRatio(size, BYTEDANCE_ASPECT_RATIOS);
  if (options.resolution !== undefined) {
    const resolution = matchResolutionName(size ?? options.resolution, table?.resolutions ?? ALL_RESOLUTIONS);
    if (!resolution) {
      throw invalidVideoArgument(
        'resolution',
        `${name} takes resolutions ${(table?.resolutions ?? ALL_RESOLUTIONS).join(', ')}; got ${options.resolution}.`,
      );
    }
    body.resolution = resolution;
  }
  if (options.duration !== undefined) {
    if (!Number.isInteger(options.duration)) {
      throw invalidVideoArgument('duration', `${name} takes whole seconds; got ${options.duration}.`);
    }
    body.duration = options.duration;
  }
  if (options.seed !== undefined) {
    if (!Number.isInteger(options.seed) || options.seed < -1 || options.seed > 0xffffffff) {
      throw invalidVideoArgument('seed', `seed must be an integer from -1 to 4294967295; got ${options.seed}.`);
    }
    body.seed = options.seed;
  }
  if (options.fps !== undefined) {
    warnings.push(unsupportedVideoOption('fps', `${name} takes no fps; it renders at its own frame rate (24 fps).`));
  }
  if (options.generateAudio !== undefined) {
    // true on a silent model was refused above; false there changes nothing.
    if (table?.audio !== false) body.generate_audio = options.generateAudio;
  }

  // Provider options, each only where the model has it
  const onlyWhere = (supported: boolean | undefined, option: string, what: string) => {
    if (supported === false) {
      throw invalidVideoArgument(`providerOptions.bytedance.${option}`, `${name} takes no ${what}.`);
    }
  };
  if (providerOptions?.watermark !== undefined) body.watermark = providerOptions.watermark;
  if (providerOptions?.cameraFixed !== undefined) {
    onlyWhere(table?.cameraFixed, 'cameraFixed', 'camera_fixed');
    if (references.length > 0) {
      throw invalidVideoArgument(
        'providerOptions.bytedance.cameraFixed',
        `${name} takes no camera_fixed with references.`,
      );
    }
    body.camera_fixed = providerOptions.cameraFixed;
  }
  if (providerOptions?.returnLastFrame !== undefined) body.return_last_frame = providerOptions.returnLastFrame;
  if (providerOptions?.draft !== undefined) {
    onlyWhere(table?.draft, 'draft', 'draft mode');
    body.draft = providerOptions.draft;
  }
  if (draftTaskId !== undefined) onlyWhere(table?.draft, 'draftTaskId', 'draft tasks');
  if (providerOptions?.frames !== undefined) {
    onlyWhere(table?.frames, 'frames', 'frames (only Seedance 1.0 does)');
    if ((providerOptions.frames - 25) % 4 !== 0) {
      throw invalidVideoArgument(
        'providerOptions.bytedance.frames',
        `frames must be 25 + 4n (29, 33, … 289); got ${providerOptions.frames}.`,
      );
    }
    body.frames = providerOptions.frames;
    if (body.duration !== undefined) {
      delete body.duration;
      warnings.push(
        unsupportedVideoOption('duration', `providerOptions.bytedance.frames sets the length; duration was not sent.`),
      );
    }
  }
  if (providerOptions?.serviceTier !== undefined) {
    if (providerOptions.serviceTier === 'flex') {
      onlyWhere(table?.flex, 'serviceTier', "service_tier 'flex'");
      if (providerOptions.draft) {
        throw invalidVideoArgument(
          'providerOptions.bytedance.serviceTier',
          "service_tier 'flex' cannot render a draft.",
        );
      }
    }
    body.service_tier = providerOptions.serviceTier;
  }
  if (providerOptions?.executionExpiresAfter !== undefined) {
    body.execution_expires_after = providerOptions.executionExpiresAfter;
  }
  if (providerOptions?.priority !== undefined) {
    onlyWhere(table?.priorityAndTools, 'priority', 'priority');
    body.priority = providerOptions.priority;
  }
  if (providerOptions?.safetyIdentifier !== undefined) body.safety_identifier = providerOptions.safetyIdentifier;
  if (providerOptions?.webSearch) {
    onlyWhere(table?.priorityAndTools, 'webSearch', 'web search tool');
    body.tools = [{ type: 'web_search' }];
  }
  if (options.webhookUrl !== undefined) body.callback_url = options.webhookUrl;
  return { body, warnings };
}

function referenceItem(file: VideoModelV3File, kind: 'image' | 'video' | 'audio'): ByteDanceContentItem {
  const url = fileToUrl(file);
  if (kind === 'video') return { type: 'video_url', video_url: { url }, role: 'reference_video' };
  if (kind === 'audio') return { type: 'audio_url', audio_url: { url }, role: 'reference_audio' };
  return { type: 'image_url', image_url: { url }, role: 'reference_image' };
}
