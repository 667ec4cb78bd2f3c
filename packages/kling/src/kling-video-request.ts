import type {
  SharedV3ProviderMetadata,
  SharedV3Warning,
  VideoJob,
  VideoModelV3CallOptions,
  VideoModelV3Capabilities,
  VideoModelV3File,
} from '@videogen/provider-spec';
import { convertUint8ArrayToBase64 } from '@ai-sdk/provider-utils';
import {
  describeVideoModel,
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
import type { KlingEndpoint } from './kling-operation';
import {
  getKlingVideoModelCapabilities,
  KLING_ASPECT_RATIOS,
  KLING_RESOLUTIONS,
  type KlingVideoModelOptions,
} from './kling-video-model-options';

/** A create body, the endpoint it goes to, and the warnings of what it leaves out. */
export type KlingRequest = {
  endpoint: KlingEndpoint;
  body: Record<string, unknown>;
  warnings: SharedV3Warning[];
};

type KlingModelReference = { provider: string; modelId: string; capabilities: VideoModelV3Capabilities };

/**
 * Looks up the `video_id` of a job's video (the model reads the job's
 * completed status; this file makes no request).
 */
export type FindKlingVideoId = (job: VideoJob, index: number) => Promise<string>;

/** The Kling video id of a completed status's `providerMetadata.kling.videos[index].id`, when there. */
export function readKlingVideoId(
  providerMetadata: SharedV3ProviderMetadata | undefined,
  index: number,
): string | undefined {
  const videos = (providerMetadata?.kling as { videos?: unknown } | undefined)?.videos;
  const id = Array.isArray(videos) ? (videos[index] as { id?: unknown } | undefined)?.id : undefined;
  return typeof id === 'string' && id !== '' ? id : undefined;
}

const MODE_BY_RESOLUTION: Record<(typeof KLING_RESOLUTIONS)[number], 'std' | 'pro'> = { '720p': 'std', '1080p': 'pro' };

/**
 * Validates a call and builds Kling's create body (no request of its own).
 * The endpoint follows from the inputs: `video-extend` with `sourceVideo`
 * (operation `extend`, a Kling job) or `providerOptions.kling.extendVideoId`,
 * `multi-image2video` with reference images, `image2video` with a first
 * and/or last frame, else `text2video`. A source job's `video_id` is read
 * from the given `providerMetadata`, else looked up with `findVideoId`.
 */
export async function prepareKlingRequest({
  model,
  options,
  providerOptions = {},
  findVideoId,
}: {
  model: KlingModelReference;
  options: VideoModelV3CallOptions & { webhookUrl?: string };
  providerOptions: KlingVideoModelOptions | undefined;
  findVideoId: FindKlingVideoId;
}): Promise<KlingRequest> {
  const { modelId } = model;
  const name = describeVideoModel(model);
  const table = getKlingVideoModelCapabilities(modelId);

  validateVideoCallSettings(options);
  validateVideoCount({ n: options.n, max: 1, model, per: 'request' });
  // With customized shots the prompts are in multiPrompt (Kling ignores `prompt` then).
  const shotPrompts = providerOptions.multiPrompt?.map((shot) => shot.prompt).join(' ');
  const warnings = validateVideoCallOptions(
    model.capabilities,
    options.prompt?.trim() || !shotPrompts ? options : { ...options, prompt: shotPrompts },
    model,
  );

  const { firstFrame, lastFrame } = getFrameImages(options);
  const references = options.inputReferences ?? [];
  for (const file of references) {
    if (getFileKind(file) !== 'image') {
      throw invalidVideoArgument(
        'inputReferences',
        'Kling takes reference images only; extend a Kling video with sourceVideo (operation extend, its job).',
      );
    }
  }
  const prompt = options.prompt?.trim() ? options.prompt : undefined;
  // validateVideoCallOptions has checked the source (operation, origin); here it is resolved to send it.
  const source = options.sourceVideo ? resolveSourceVideo(options.sourceVideo, model.capabilities, model) : undefined;
  if (source && providerOptions.extendVideoId !== undefined) {
    throw invalidVideoArgument(
      'sourceVideo',
      'Give the video to extend once: sourceVideo or providerOptions.kling.extendVideoId, not both.',
    );
  }
  const extendsVideo = source !== undefined || providerOptions.extendVideoId !== undefined;

  let endpoint: KlingEndpoint;
  if (extendsVideo) {
    if (firstFrame || lastFrame || references.length > 0) {
      throw invalidVideoArgument(
        source ? 'sourceVideo' : 'providerOptions.kling.extendVideoId',
        'Kling extends a video without images: give no frames or reference images with the video to extend.',
      );
    }
    endpoint = 'video-extend';
  } else if (references.length > 0) {
    if (firstFrame || lastFrame) {
      throw invalidVideoArgument(
        'inputReferences',
        'Kling takes reference images (multi-image2video) without a first or last frame.',
      );
    }
    endpoint = 'multi-image2video';
  } else if (firstFrame || lastFrame) {
    endpoint = 'image2video';
  } else {
    endpoint = 'text2video';
    if (table && !table.textToVideo) {
      throw invalidVideoArgument('image', `${name} is image-to-video only: give a first frame (image).`);
    }
  }

  // Resolution -> mode (std 720p, pro 1080p); aspect ratio
  let mode = providerOptions.mode;
  let aspectRatio: string | undefined = options.aspectRatio;
  if (aspectRatio === 'adaptive') {
    warnings.push(unsupportedVideoOption('aspectRatio', `${name} has no adaptive aspect ratio; none was sent.`));
    aspectRatio = undefined;
  }
  if (options.resolution !== undefined) {
    const size = parseVideoSize(options.resolution);
    const label = matchResolutionName(size ?? options.resolution, KLING_RESOLUTIONS) as
      | (typeof KLING_RESOLUTIONS)[number]
      | undefined;
    if (!label) {
      throw invalidVideoArgument(
        'resolution',
        `${name} renders 720p (mode std) or 1080p (mode pro); got ${options.resolution}.`,
      );
    }
    const implied = MODE_BY_RESOLUTION[label];
    if (mode !== undefined && mode !== implied) {
      throw invalidVideoArgument(
        'providerOptions.kling.mode',
        `mode ${mode} does not match resolution ${options.resolution} (${label} is mode ${implied}).`,
      );
    }
    mode = implied;
    if (size && aspectRatio === undefined) aspectRatio = matchAspectRatio(size, KLING_ASPECT_RATIOS);
  }
  if (aspectRatio !== undefined && endpoint !== 'text2video' && endpoint !== 'multi-image2video') {
    // Only an aspect ratio the caller gave is worth a warning (one derived from `resolution` is just dropped).
    if (options.aspectRatio !== undefined && options.aspectRatio !== 'adaptive') {
      warnings.push(
        unsupportedVideoOption('aspectRatio', 'Kling takes the aspect ratio from the image; aspectRatio was not sent.'),
      );
    }
    aspectRatio = undefined;
  }
  if (options.fps !== undefined) {
    warnings.push(unsupportedVideoOption('fps', `${name} takes no frame rate; fps was not sent.`));
  }

  // Audio
  let sound: 'on' | 'off' | undefined;
  if (options.generateAudio !== undefined) {
    if (table?.audio === false) {
      // generateAudio: true was refused by the shared check; false is what the model does anyway.
    } else sound = options.generateAudio ? 'on' : 'off';
  }

  // Multi-shot
  const { multiShot, multiPrompt } = providerOptions;
  const shotType = providerOptions.shotType ?? (multiShot ? (multiPrompt ? 'customize' : 'intelligence') : undefined);
  if (multiShot && table && !table.multiShot) {
    throw invalidVideoArgument('providerOptions.kling.multiShot', `${name} takes no multi-shot; kling-v3 does.`);
  }
  if (!multiShot && (providerOptions.shotType !== undefined || multiPrompt !== undefined)) {
    throw invalidVideoArgument('providerOptions.kling.multiShot', 'shotType and multiPrompt need multiShot: true.');
  }
  if (shotType === 'customize') {
    if (!multiPrompt) {
      throw invalidVideoArgument('providerOptions.kling.multiPrompt', 'shotType customize needs multiPrompt.');
    }
    const total = multiPrompt.reduce((sum, shot) => sum + Number(shot.duration), 0);
    const duration = options.duration ?? 5;
    if (multiPrompt.some((shot) => !(Number(shot.duration) >= 1)) || total !== duration) {
      throw invalidVideoArgument(
        'providerOptions.kling.multiPrompt',
        `Each shot lasts at least 1 s and the shots add up to the duration (${duration} s); they add up to ${total} s.`,
      );
    }
  } else if (multiPrompt !== undefined) {
    throw invalidVideoArgument('providerOptions.kling.multiPrompt', 'multiPrompt is for shotType customize.');
  }
  if (!prompt && shotType !== 'customize' && endpoint === 'text2video') {
    throw invalidVideoArgument('prompt', `${name} needs a prompt for text-to-video.`);
  }

  // Camera control, motion brush and their exclusions
  const { cameraControl, staticMask, dynamicMasks } = providerOptions;
  if (cameraControl) {
    const axes = Object.values(cameraControl.config ?? {}).filter((value) => value !== undefined && value !== 0);
    if (cameraControl.type === 'simple' ? axes.length !== 1 : cameraControl.config !== undefined) {
      throw invalidVideoArgument(
        'providerOptions.kling.cameraControl',
        cameraControl.type === 'simple'
          ? 'cameraControl type simple needs a config with exactly one non-zero axis.'
          : `cameraControl type ${cameraControl.type} takes no config.`,
      );
    }
  }
  const masks = staticMask !== undefined || dynamicMasks !== undefined;
  if (
    endpoint === 'image2video' &&
    [lastFrame !== undefined, masks, cameraControl !== undefined].filter(Boolean).length > 1
  ) {
    throw invalidVideoArgument(
      'providerOptions.kling',
      'Kling takes a last frame, motion brush masks and camera control one at a time.',
    );
  }
  if (masks && endpoint !== 'image2video') {
    throw invalidVideoArgument('providerOptions.kling.staticMask', 'Motion brush masks need a first frame.');
  }
  if (providerOptions.elementIds && providerOptions.voiceIds) {
    throw invalidVideoArgument('providerOptions.kling.elementIds', 'Kling takes elements or voices, not both.');
  }
  if (providerOptions.voiceIds && sound !== 'on') {
    throw invalidVideoArgument('providerOptions.kling.voiceIds', 'Voices need audio: set generateAudio: true.');
  }

  // cfg_scale: not on the v2.x and v3 models (Kling ignores it there)
  let cfgScale = providerOptions.cfgScale;
  if (cfgScale !== undefined && table && !table.cfgScale) {
    warnings.push(
      unsupportedVideoOption('providerOptions.kling.cfgScale', `${name} takes no cfg_scale; it was not sent.`),
    );
    cfgScale = undefined;
  }

  // The body, in Kling's field order
  const body: Record<string, unknown> = {};
  if (endpoint === 'video-extend') {
    // Origin 'job' is the only one Kling's capability lists: the video id of the job's result.
    body.video_id =
      source?.job !== undefined
        ? (readKlingVideoId(source.providerMetadata, source.index) ?? (await findVideoId(source.job, source.index)))
        : providerOptions.extendVideoId;
    for (const [option, value] of Object.entries({ mode, aspectRatio, duration: options.duration, sound })) {
      if (value !== undefined) {
        warnings.push(unsupportedVideoOption(option, `Kling's video-extend takes no ${option}; it was not sent.`));
      }
    }
  } else {
    body.model_name = modelId;
    if (firstFrame) body.image = toKlingImage(firstFrame);
    if (lastFrame) body.image_tail = toKlingImage(lastFrame);
    if (references.length > 0) body.image_list = references.map((file) => ({ image: toKlingImage(file) }));
  }
  if (prompt !== undefined) body.prompt = prompt;
  if (providerOptions.negativePrompt !== undefined) body.negative_prompt = providerOptions.negativePrompt;
  if (cfgScale !== undefined) body.cfg_scale = cfgScale;
  if (endpoint !== 'video-extend') {
    if (mode !== undefined) body.mode = mode;
    if (sound !== undefined) body.sound = sound;
    if (aspectRatio !== undefined) body.aspect_ratio = aspectRatio;
    if (options.duration !== undefined) body.duration = String(options.duration);
    if (cameraControl !== undefined) body.camera_control = cameraControl;
    if (multiShot !== undefined) body.multi_shot = multiShot;
    if (shotType !== undefined) body.shot_type = shotType;
    if (multiPrompt !== undefined) {
      body.multi_prompt = multiPrompt.map((shot) => ({ ...shot, duration: String(shot.duration) }));
    }
    if (providerOptions.voiceIds) body.voice_list = providerOptions.voiceIds.map((voice_id) => ({ voice_id }));
    if (providerOptions.elementIds) {
      body.element_list = providerOptions.elementIds.map((element_id) => ({ element_id }));
    }
    if (staticMask !== undefined) body.static_mask = staticMask;
    if (dynamicMasks !== undefined) body.dynamic_masks = dynamicMasks;
    if (providerOptions.watermark !== undefined) body.watermark_info = { enabled: providerOptions.watermark };
  }
  if (options.webhookUrl !== undefined) body.callback_url = options.webhookUrl;
  if (providerOptions.externalTaskId !== undefined) body.external_task_id = providerOptions.externalTaskId;
  return { endpoint, body, warnings };
}

/** An image as Kling takes it: an `http(s)` URL as is, else raw base64 without a `data:` prefix. */
function toKlingImage(file: VideoModelV3File): string {
  if (file.type === 'url') {
    const dataUrl = /^data:[^,]*;base64,(.*)$/s.exec(file.url);
    if (dataUrl) return dataUrl[1];
    if (file.url.startsWith('data:')) {
      throw invalidVideoArgument('image', 'Kling takes base64 images: a data: URL must be base64-encoded.');
    }
    return file.url;
  }
  return typeof file.data === 'string' ? file.data : convertUint8ArrayToBase64(file.data);
}
