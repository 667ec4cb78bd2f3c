import {
  parseVideoJob,
  resolveVideoModel,
  startVideo,
  type SourceVideoOperation,
  type VideoJob,
  type VideoModelProvider,
} from '@videogen/core';
import {
  InvalidArgumentError,
  type JSONObject,
  type SharedV3ProviderOptions,
  type VideoModelV3,
  type VideoModelV3FrameType,
} from '@videogen/provider-spec';

/** Longest idempotency key, in characters. */
export const MAX_KEY_LENGTH = 512;
/** Largest job input (prompt, options, image URLs or data URLs) as JSON, in bytes: inputs live in Redis. */
export const MAX_INPUT_BYTES = 256 * 1024;

/** An input image (or reference) as stored in Redis: an `https:` URL, a `data:` URL or base64. */
export type VideoJobInputFile = string;

/**
 * A video to work on, as stored in Redis: a URL (`https:`, `data:`), base64, or a `VideoJob`
 * (from `startVideo`, a result's `jobs`, or a follow-up's `job`), never bytes.
 */
export type VideoJobInputSourceVideo = {
  /** `'extend'`, `'edit'`, `'remix'` or `'video-to-video'` (see `sourceVideo` of `generateVideo`). */
  operation: SourceVideoOperation;
  /**
   * The video: a URL or base64 string (within the input's size limit, so in practice a URL), or a
   * job, which a model of the same provider takes by its own id; for another provider the worker
   * looks its video up through the job's model in the worker's registry.
   */
  video: VideoJobInputFile | VideoJob;
  /** Which of the job's videos, 0-based. Default: 0. */
  index?: number;
  /** The media type of a URL or base64 video, when its bytes or name do not tell. Default: read from them. */
  mediaType?: string;
};

/** What to generate: the `generateVideo` options of one job, as plain JSON (they are stored in Redis). */
export type VideoJobInput = {
  /** The prompt: a string, or `{ text, image, lastFrame }`. */
  prompt: string | { text?: string; image?: VideoJobInputFile; lastFrame?: VideoJobInputFile };
  /** Videos in this job; at most the model's `maxVideosPerCall`. Default: 1. */
  n?: number;
  /** Aspect ratio `W:H` or `'adaptive'`. Default: the provider's. */
  aspectRatio?: `${number}:${number}` | 'adaptive';
  /** Resolution `WxH`. Default: the provider's. */
  resolution?: `${number}x${number}`;
  /** Duration in seconds. Default: the provider's. */
  duration?: number;
  /** Frames per second. Default: the provider's. */
  fps?: number;
  /** Seed (`0` included). Default: random. */
  seed?: number;
  /** Start image (same as `prompt.image`). */
  image?: VideoJobInputFile;
  /** First and/or last frame images. */
  frameImages?: Array<{ image: VideoJobInputFile; frameType: VideoModelV3FrameType }>;
  /** Reference images (or videos/audio where the model takes them). */
  inputReferences?: Array<VideoJobInputFile | { data: VideoJobInputFile; mediaType?: string }>;
  /** Generate audio with the video. Default: the model's. */
  generateAudio?: boolean;
  /** Provider-specific options keyed by provider id. Default: `{}`. */
  providerOptions?: SharedV3ProviderOptions;
  /**
   * A video to extend, edit, remix or restyle: a URL or a job (bytes are refused: a queued job
   * lives in Redis; upload the video and pass its URL). A `GeneratedVideo` of a result is stored as
   * its job. Checked against the model, like everything else, by `add` when the queue has a
   * registry. Default: none.
   */
  sourceVideo?: VideoJobInputSourceVideo;
};

/** Options of `VideoQueue.add`: the idempotency key, the model, the input, and how to wait. */
export type AddVideoJobOptions = VideoJobInput & {
  /**
   * Your idempotency key (1 to 512 characters): adding the same key again
   * returns the existing job and enqueues nothing. Use a stable id of the
   * thing the video is for (`'product-123-hero'`).
   */
  key: string;
  /** `'provider:model-id'` as the worker's registry knows it, e.g. `'fal:fal-ai/veo3.1'`. */
  model: `${string}:${string}`;
  /** Per-job waiting; the worker's `poll` gives the defaults. */
  poll?: {
    /** Time between status checks in ms (provider hints win). Default: the worker's. */
    intervalMs?: number;
    /** Longest wait after the provider accepted the job, in ms; then the job fails with a `VideoJobTimeoutError`. Default: the worker's. */
    timeoutMs?: number;
  };
  /**
   * A BullMQ queue (same connection and prefix) that gets one job
   * `{ key, model, job, videos }` when this job completes, e.g. to download
   * and save the video in your own worker. Default: none.
   */
  followUp?: { queue: string; name?: string };
};

const INPUT_FIELDS = [
  'prompt',
  'n',
  'aspectRatio',
  'resolution',
  'duration',
  'fps',
  'seed',
  'image',
  'frameImages',
  'inputReferences',
  'generateAudio',
  'providerOptions',
  'sourceVideo',
] as const;

const ALLOWED_FIELDS = new Set<string>([...INPUT_FIELDS, 'key', 'model', 'poll', 'followUp']);

/** Thrown by the dry-run model at the point where a real submission would be sent. */
const DRY_RUN = Symbol('videogen.bullmq.dryRun');

/**
 * Checks `add`'s options before anything is queued: the key, the model id,
 * plain-JSON inputs within the size limit, and, with a registry, everything
 * `startVideo` checks (model, durations, sizes, images, `n`) by running it up
 * to the point where it would send the request.
 */
export async function validateAddOptions(
  options: AddVideoJobOptions,
  registry: VideoModelProvider | undefined,
): Promise<{ input: VideoJobInput }> {
  if (options == null || typeof options !== 'object') {
    throw new InvalidArgumentError({ argument: 'options', message: 'add() takes an options object.' });
  }
  const { key, model } = options;
  if (typeof key !== 'string' || key.length === 0 || key.length > MAX_KEY_LENGTH) {
    throw new InvalidArgumentError({
      argument: 'key',
      message: `key must be a non-empty string of at most ${MAX_KEY_LENGTH} characters (your idempotency key).`,
    });
  }
  if (typeof model !== 'string' || !/^[^:\s]+:\S+$/.test(model)) {
    throw new InvalidArgumentError({
      argument: 'model',
      message: `model must be a 'provider:model-id' string as the registry knows it (e.g. 'fal:fal-ai/veo3.1'), got ${JSON.stringify(model)}.`,
    });
  }
  for (const field of Object.keys(options)) {
    if (!ALLOWED_FIELDS.has(field)) {
      throw new InvalidArgumentError({
        argument: field,
        message: `add() does not take "${field}"${
          field === 'abortSignal' || field === 'headers'
            ? ' (a queued job cannot carry a signal or headers; configure headers on the provider)'
            : ''
        }.`,
      });
    }
  }
  const { poll, followUp } = options;
  if (poll !== undefined) {
    for (const name of ['intervalMs', 'timeoutMs'] as const) {
      const value = poll?.[name];
      if (value !== undefined && !(typeof value === 'number' && Number.isFinite(value) && value > 0)) {
        throw new InvalidArgumentError({ argument: `poll.${name}`, message: `poll.${name} must be a number > 0.` });
      }
    }
  }
  if (followUp !== undefined && (typeof followUp?.queue !== 'string' || !/^[^:]+$/.test(followUp.queue))) {
    throw new InvalidArgumentError({
      argument: 'followUp.queue',
      message: 'followUp.queue must be a BullMQ queue name (a non-empty string without ":").',
    });
  }

  const input: Record<string, unknown> = {};
  for (const field of INPUT_FIELDS) {
    if (options[field] !== undefined) input[field] = options[field];
  }
  if (options.sourceVideo !== undefined) input.sourceVideo = toStoredSourceVideo(options.sourceVideo);
  assertPlainJson(input, 'input');
  const bytes = Buffer.byteLength(JSON.stringify(input));
  if (bytes > MAX_INPUT_BYTES) {
    throw new InvalidArgumentError({
      argument: 'input',
      message: `The job's input is ${bytes} bytes as JSON; at most ${MAX_INPUT_BYTES} are kept in Redis. Pass images and videos as URLs.`,
    });
  }
  if (input.prompt === undefined) {
    throw new InvalidArgumentError({
      argument: 'prompt',
      message: 'prompt is required (a string or { text, image }).',
    });
  }
  if (registry) {
    const resolved = resolveVideoModel(registry.videoModel(model));
    await dryRunStart(resolved, withSourceVideoModel(input, registry, resolved));
  }
  return { input: input as VideoJobInput };
}

/**
 * The source video as it is stored: a URL, base64 or a job as given; a generated video (a result's
 * `video`) as its job; bytes refused, with what to do instead.
 */
function toStoredSourceVideo(source: VideoJobInputSourceVideo): VideoJobInputSourceVideo {
  if (source === null || typeof source !== 'object' || typeof source.operation !== 'string') {
    throw new InvalidArgumentError({
      argument: 'sourceVideo',
      message: 'sourceVideo must be { operation, video, index? } with video a URL or a job.',
    });
  }
  const video: unknown = source.video;
  if (typeof video === 'object' && video !== null && 'uint8Array' in video && 'mediaType' in video) {
    const generated = video as { job?: VideoJob; index?: number };
    if (generated.job !== undefined) {
      return { ...source, video: generated.job, index: source.index ?? generated.index ?? 0 };
    }
  }
  if (typeof video === 'string') return source;
  if (typeof video === 'object' && video !== null && 'operation' in video && 'provider' in video) {
    return { ...source, video: parseVideoJob(video) };
  }
  throw new InvalidArgumentError({
    argument: 'sourceVideo.video',
    message:
      'sourceVideo.video must be a URL, a base64 string or a VideoJob: a queued job is stored in Redis, so bytes are not taken. Upload the video and pass its URL, or pass the job that made it.',
  });
}

/**
 * The input with `sourceVideo.model` set to the model of a source job of another model, from the
 * worker's registry (by the first part of the job's provider id: `'fal'` for `'fal.video'`), so that
 * core can look the job's video up with that instance's settings. Unchanged when the registry has
 * no such provider (core then tries the providers registered by their packages).
 */
export function withSourceVideoModel<INPUT extends { sourceVideo?: VideoJobInputSourceVideo }>(
  input: INPUT,
  registry: VideoModelProvider,
  model: Pick<VideoModelV3, 'provider' | 'modelId'>,
): INPUT & { sourceVideo?: { model?: VideoModelV3 } } {
  const source = input.sourceVideo;
  if (source === undefined || typeof source.video !== 'object') return input;
  const job = source.video;
  if (job.provider === model.provider && job.modelId === model.modelId) return input;
  try {
    const found = resolveVideoModel(registry.videoModel(`${job.provider.split('.')[0]}:${job.modelId}`));
    return found.provider === job.provider ? { ...input, sourceVideo: { ...source, model: found } } : input;
  } catch {
    return input;
  }
}

/** Runs `startVideo`'s checks with a model whose submission stops before any request. */
async function dryRunStart(model: VideoModelV3, input: Record<string, unknown>): Promise<void> {
  const probe: VideoModelV3 = Object.create(model);
  probe.doStart = async () => {
    throw DRY_RUN;
  };
  try {
    await startVideo({ ...(input as VideoJobInput), model: probe, maxRetries: 0 });
  } catch (error) {
    if (error === DRY_RUN) return;
    throw error;
  }
}

/** Only strings, finite numbers, booleans, arrays and plain objects: what survives a trip through Redis. */
function assertPlainJson(value: unknown, path: string): void {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return;
  if (typeof value === 'number') {
    if (Number.isFinite(value)) return;
  } else if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) assertPlainJson(item, `${path}[${index}]`);
    return;
  } else if (typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    for (const [field, item] of Object.entries(value as JSONObject)) {
      if (item !== undefined) assertPlainJson(item, `${path}.${field}`);
    }
    return;
  }
  throw new InvalidArgumentError({
    argument: path.replace(/^input\./, ''),
    message: `${path.replace(/^input\./, '')} must be plain JSON (strings, numbers, booleans, arrays, objects): a queued job is stored in Redis. Pass files as URLs or base64 strings.`,
  });
}
