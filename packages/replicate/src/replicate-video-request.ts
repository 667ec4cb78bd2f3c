import type { JSONValue } from '@ai-sdk/provider';
import type {
  SharedV3Warning,
  VideoModelV3CallOptions,
  VideoModelV3Capabilities,
  VideoModelV3File,
} from '@videogen/provider-spec';
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
import {
  getReplicateVideoModelCapabilities,
  type ReplicateVideoModelCapabilities,
  type ReplicateVideoModelOptions,
} from './replicate-video-model-options';

/** Where a prediction of a model id is created. */
export type ReplicatePredictionTarget =
  /** `POST /models/{owner}/{name}/predictions` (the model's latest version). */
  | { path: string; version?: undefined }
  /** `POST /predictions` with `version`. */
  | { path: '/predictions'; version: string };

const MODEL_NAME = /^[\w.-]+\/[\w.-]+$/;
const VERSION_ID = /^[a-zA-Z0-9]+$/;

/**
 * The endpoint of a model id: `owner/name` runs the latest version through the
 * models endpoint; `owner/name:version` and a bare version id run that version
 * through `POST /predictions` with the version id alone (as `replicate.run`
 * sends it); `deployments/owner/name` runs a deployment
 * (`POST /deployments/{owner}/{name}/predictions`). Anything else is an
 * `InvalidArgumentError` before any request.
 */
export function getReplicatePredictionTarget(modelId: string): ReplicatePredictionTarget {
  const deployment = /^deployments\/([\w.-]+)\/([\w.-]+)$/.exec(modelId);
  if (deployment) {
    return {
      path: `/deployments/${encodeURIComponent(deployment[1])}/${encodeURIComponent(deployment[2])}/predictions`,
    };
  }
  const [name, version, ...rest] = modelId.split(':');
  if (rest.length === 0 && version !== undefined && MODEL_NAME.test(name) && VERSION_ID.test(version)) {
    return { path: '/predictions', version };
  }
  if (version === undefined && MODEL_NAME.test(name)) {
    const [owner, model] = name.split('/');
    return { path: `/models/${encodeURIComponent(owner)}/${encodeURIComponent(model)}/predictions` };
  }
  if (version === undefined && /^[a-f0-9]{64}$/.test(name)) return { path: '/predictions', version: name };
  throw invalidVideoArgument(
    'modelId',
    `Not a Replicate model: "${modelId}". Use "owner/name", "owner/name:<version id>", a 64-hex version id or "deployments/owner/name".`,
  );
}

/** A create-prediction body, its headers and the warnings of what it leaves out. */
export type ReplicateRequest = {
  body: {
    version?: string;
    input: Record<string, JSONValue>;
    webhook?: string;
    webhook_events_filter?: string[];
  };
  headers: Record<string, string>;
  warnings: SharedV3Warning[];
};

type ModelReference = { provider: string; modelId: string; capabilities: VideoModelV3Capabilities };

/**
 * The common call options under the input names every listed model that has
 * the option uses (`prompt`, `duration`, `seed`): what an unknown model gets.
 * The other options are named differently from model to model
 * (`aspect_ratio` / `ratio`, `image` / `start_image` / `first_frame_image` …),
 * so for an unknown model they are not sent and a warning says so.
 */
const UNKNOWN_MODEL_HINT =
  'is not sent to a model this provider does not know (its input name differs between models); ' +
  'pass it under the model’s own name in providerOptions.replicate.input.';

/**
 * Turns an input file into the URL sent in `input`: an `http(s)` URL as is;
 * bytes and `data:` URLs inline as a `data:` URL, or uploaded to `/v1/files`
 * (the model passes the upload) and sent as the file's URL.
 */
export type ResolveReplicateFile = (file: VideoModelV3File) => Promise<string>;

/**
 * Validates a call and builds the prediction. Makes no request of its own:
 * URL inputs go to Replicate as they are (it fetches them itself), other
 * inputs through `resolveFile`, after every check has passed.
 */
export async function prepareReplicateRequest({
  model,
  options,
  providerOptions,
  resolveFile,
}: {
  model: ModelReference;
  options: VideoModelV3CallOptions & { webhookUrl?: string };
  providerOptions: ReplicateVideoModelOptions | undefined;
  resolveFile: ResolveReplicateFile;
}): Promise<ReplicateRequest> {
  const target = getReplicatePredictionTarget(model.modelId);
  const name = describeVideoModel(model);
  validateVideoCallSettings(options);
  validateVideoCount({ n: options.n, max: 1, model, per: 'request' });
  const warnings = validateVideoCallOptions(model.capabilities, options, model);
  const table = getReplicateVideoModelCapabilities(model.modelId);

  const input: Record<string, JSONValue> = {};
  const prompt = options.prompt?.trim() ? options.prompt : undefined;
  if (prompt !== undefined) input.prompt = prompt;
  if (options.duration !== undefined) {
    // The listed models take whole seconds; another model's schema decides for itself.
    if (table && !Number.isInteger(options.duration)) {
      throw invalidVideoArgument('duration', `${name} takes whole seconds; got ${options.duration}.`);
    }
    input.duration = options.duration;
  }
  const source = options.sourceVideo ? resolveSourceVideo(options.sourceVideo, model.capabilities, model) : undefined;
  if (table) mapKnownModel({ table, options, input, warnings, name, sourceVideo: source?.video });
  else mapUnknownModel({ options, input, warnings });

  // Files last, once every check has passed (an upload is the first request).
  await Promise.all(
    Object.entries(input).map(async ([field, value]) => {
      if (value instanceof PendingFile) input[field] = await resolveFile(value.file);
      else if (Array.isArray(value) && value.some((item) => item instanceof PendingFile)) {
        input[field] = await Promise.all(
          value.map((item) => (item instanceof PendingFile ? resolveFile(item.file) : item)),
        );
      }
    }),
  );
  if (providerOptions?.input) Object.assign(input, providerOptions.input);

  const body: ReplicateRequest['body'] = { ...(target.version ? { version: target.version } : {}), input };
  if (options.webhookUrl !== undefined) {
    body.webhook = options.webhookUrl;
    body.webhook_events_filter = [...(providerOptions?.webhookEventsFilter ?? ['completed'])];
  } else if (providerOptions?.webhookEventsFilter !== undefined) {
    warnings.push(
      unsupportedVideoOption(
        'providerOptions.replicate.webhookEventsFilter',
        'webhookEventsFilter is sent only with a webhook URL.',
      ),
    );
  }
  const headers: Record<string, string> = {};
  if (providerOptions?.waitSeconds !== undefined) headers.Prefer = `wait=${providerOptions.waitSeconds}`;
  if (providerOptions?.cancelAfter !== undefined) headers['Cancel-After'] = providerOptions.cancelAfter;
  return { body, headers, warnings };
}

function mapUnknownModel({
  options,
  input,
  warnings,
}: {
  options: VideoModelV3CallOptions;
  input: Record<string, JSONValue>;
  warnings: SharedV3Warning[];
}): void {
  if (options.seed !== undefined) input.seed = options.seed;
  const { firstFrame, lastFrame } = getFrameImages(options);
  const unsent: Array<[string, unknown]> = [
    ['aspectRatio', options.aspectRatio],
    ['resolution', options.resolution],
    ['fps', options.fps],
    ['generateAudio', options.generateAudio],
    ['image', firstFrame],
    ['frameImages', lastFrame],
    ['inputReferences', options.inputReferences?.length ? options.inputReferences : undefined],
  ];
  for (const [feature, value] of unsent) {
    if (value !== undefined) warnings.push(unsupportedVideoOption(feature, `${feature} ${UNKNOWN_MODEL_HINT}`));
  }
}

function mapKnownModel({
  table,
  options,
  input,
  warnings,
  name,
  sourceVideo,
}: {
  table: ReplicateVideoModelCapabilities;
  options: VideoModelV3CallOptions;
  input: Record<string, JSONValue>;
  warnings: SharedV3Warning[];
  name: string;
  /** The resolved source video (sent as the first reference video). */
  sourceVideo: VideoModelV3File | undefined;
}): void {
  const { firstFrame, lastFrame } = getFrameImages(options);
  if (table.firstFrameRequired && !firstFrame) {
    throw invalidVideoArgument('image', `${name} is an image-to-video model: give a first frame (prompt.image).`);
  }
  if (lastFrame && !firstFrame) {
    throw invalidVideoArgument('frameImages', `${name} takes a last frame only together with a first frame.`);
  }

  // References by kind (the kinds and the total were checked against the capabilities)
  const references: Record<'image' | 'video' | 'audio', VideoModelV3File[]> = { image: [], video: [], audio: [] };
  for (const file of options.inputReferences ?? []) references[getFileKind(file)].push(file);
  const source = sourceVideo;
  if (source) references.video.unshift(source);
  const slots = [
    ['image', table.referenceImages],
    ['video', table.referenceVideos],
    ['audio', table.referenceAudios],
  ] as const;
  for (const [kind, slot] of slots) {
    const files = references[kind];
    if (files.length === 0) continue;
    if (!slot) throw invalidVideoArgument('inputReferences', `${name} takes no reference ${kind}s.`);
    if (files.length > slot.max) {
      throw invalidVideoArgument(
        kind === 'video' && source ? 'sourceVideo' : 'inputReferences',
        `${name} takes at most ${slot.max} reference ${kind}${slot.max === 1 ? '' : 's'}` +
          `${kind === 'video' && source ? ' (the source video included)' : ''}; got ${files.length}.`,
      );
    }
    const urls = files.map(pending);
    input[slot.field] = (slot.field === 'audio' ? urls[0] : urls) as JSONValue;
  }
  const hasReferences = references.image.length > 0;
  if (hasReferences && (firstFrame || lastFrame) && table.referenceImages?.field === 'reference_images') {
    throw invalidVideoArgument('inputReferences', `${name} takes reference images only without first or last frames.`);
  }

  // Resolution and aspect ratio
  const size = options.resolution !== undefined ? parseVideoSize(options.resolution) : undefined;
  let label: string | undefined;
  if (options.resolution !== undefined) {
    if (!table.resolutionField || !table.resolutions) {
      warnings.push(unsupportedVideoOption('resolution', `${name} takes no resolution; it was not sent.`));
    } else {
      label = matchResolutionName(size ?? options.resolution, table.resolutions);
      if (!label) {
        throw invalidVideoArgument(
          'resolution',
          `${name} takes resolutions ${table.resolutions.join(', ')}; got ${options.resolution}.`,
        );
      }
    }
  }
  let aspectRatio: string | undefined = options.aspectRatio;
  // MiniMax H3's `ratio` takes `adaptive` (its default); the other models have no such value.
  if (aspectRatio === 'adaptive' && table.aspectRatioField !== 'ratio') {
    warnings.push(unsupportedVideoOption('aspectRatio', `${name} has no adaptive aspect ratio; none was sent.`));
    aspectRatio = undefined;
  }
  if (aspectRatio === undefined && size && table.aspectRatios) aspectRatio = matchAspectRatio(size, table.aspectRatios);

  switch (table.resolutionField) {
    case 'resolution':
      if (label) input.resolution = label;
      break;
    case 'mode':
      if (label) input.mode = label === '1080p' ? 'pro' : 'standard';
      break;
    case 'size':
      if (label || aspectRatio) {
        const short = (label ?? '720p') === '1080p' ? 1080 : 720;
        const long = short === 1080 ? 1920 : 1280;
        input.size = aspectRatio === '9:16' ? `${short}*${long}` : `${long}*${short}`;
      }
      break;
  }
  if (table.aspectRatioField && aspectRatio) input[table.aspectRatioField] = aspectRatio;
  else if (
    options.aspectRatio !== undefined &&
    options.aspectRatio !== 'adaptive' &&
    table.resolutionField !== 'size'
  ) {
    warnings.push(
      unsupportedVideoOption(
        'aspectRatio',
        `${name} takes no aspect ratio${table.firstFrameField ? ' (the first frame decides it)' : ''}; it was not sent.`,
      ),
    );
  }
  if (hasReferences && label === '1080p' && table.referenceImages?.field === 'reference_images') {
    throw invalidVideoArgument('resolution', `${name} takes reference images only below 1080p.`);
  }

  // Frames
  if (firstFrame && table.firstFrameField) input[table.firstFrameField] = pending(firstFrame);
  if (lastFrame && table.lastFrameField) {
    if (table.lastFrameNeedsPro && input.mode !== 'pro') {
      throw invalidVideoArgument(
        'frameImages',
        `${name} takes a last frame only in its pro mode: set resolution to 1080p (e.g. 1920x1080).`,
      );
    }
    input[table.lastFrameField] = pending(lastFrame);
  }

  // fps, seed, audio
  if (options.fps !== undefined) {
    if (table.fps) input.fps = options.fps;
    else warnings.push(unsupportedVideoOption('fps', `${name} takes no fps; it was not sent.`));
  }
  if (options.seed !== undefined && table.seed) input.seed = options.seed;
  // true on a silent model was refused by the capability check; no listed model has an audio switch.
  if (table.audio === true && options.generateAudio === false) {
    warnings.push(unsupportedVideoOption('generateAudio', `${name} always generates audio; it cannot be turned off.`));
  } else if (table.audio === undefined && options.generateAudio !== undefined) {
    warnings.push(unsupportedVideoOption('generateAudio', `${name} has no audio switch; it was not sent.`));
  }
}

/** A file input, resolved to its URL by `resolveFile` once the request is checked. */
class PendingFile {
  constructor(readonly file: VideoModelV3File) {}
}

/** Stands in the input until the file is resolved (a JSON value to the type checker). */
function pending(file: VideoModelV3File): JSONValue {
  return new PendingFile(file) as unknown as JSONValue;
}
