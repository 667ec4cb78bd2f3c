import {
  getDefaultVideoProviders,
  type SharedV3ProviderMetadata,
  type VideoJob,
  type VideoModelV3,
  type VideoModelV3Capabilities,
  type VideoModelV3File,
  type VideoModelV3SourceVideo,
  type VideoModelV3SourceVideoCapability,
  type VideoModelV3SourceVideoOperation,
  type VideoModelV3VideoData,
} from '@videogen/provider-spec';
import { describeVideoModel, invalidVideoArgument, resolveSourceVideo, retryRequest } from '@videogen/provider-utils';
import { convertToVideoModelFile } from '../convert-input';
import { createDownload } from '../download/create-download';
import { normalizeDownload, type VideoDownloadArgument } from '../download/normalize-download';
import { readVideoBytes } from '../download/video-stream';
import type { GeneratedVideo } from '../generated-video';
import { parseVideoJob } from '../jobs/assert-job';
import { resolveVideoModel, type VideoModelArgument } from '../model/as-video-model';
import type { VideoInput } from '../types';

/**
 * A video to extend, edit, remix or restyle (`sourceVideo` of `generateVideo`,
 * `startVideo`, `streamVideo`).
 */
export type SourceVideo = {
  /**
   * What to do with the video: `'extend'` (continue it from its end), `'edit'`
   * (change what happens in it as the prompt says), `'remix'` (re-render it
   * with the prompt's changes, OpenAI's remix) or `'video-to-video'` (restyle
   * it, keeping its motion). The model must list the operation in its
   * `capabilities.sourceVideo`; otherwise the call is an InvalidArgumentError
   * before anything is paid for.
   */
  operation: VideoModelV3SourceVideoOperation;
  /**
   * The video:
   * - a file: bytes (`Uint8Array`, `Buffer`, `ArrayBuffer`), a base64 string,
   *   a `data:` URL, a `URL` or an `http(s)` URL string;
   * - a video of a result of this SDK (`result.video`): it carries its job,
   *   so a model of the same provider gets the provider's own id and nothing
   *   is uploaded again (its bytes are sent where the model takes no job id);
   * - a `VideoJob` (from `startVideo`, `result.jobs`, a job file): a model of
   *   the same provider gets the job's id; any other model gets the video,
   *   which core looks up first (one status request, no payment): its public
   *   URL where it has one, else its bytes, downloaded through the model that
   *   made it (with that provider's credentials, sent only to its origin).
   */
  video: VideoInput | GeneratedVideo | VideoJob;
  /** Which of the job's videos, 0-based, for a job with several. Default: 0 (or the generated video's own index). */
  index?: number;
  /**
   * The model that made the job, used to look its video up when the job is
   * another model's. Default: the call's model when the job is its own, else
   * the model of the job's provider registered with `registerVideoProvider`
   * (the provider package's default instance, when imported). A job whose
   * model is neither is an InvalidArgumentError: pass this, or the video file.
   */
  model?: VideoModelArgument;
  /** The media type of a file or URL, when its bytes or name do not tell. Default: read from the bytes. */
  mediaType?: string;
};

/** What {@link prepareSourceVideo} needs besides the source. */
type SourceVideoContext = {
  model: VideoModelV3;
  capabilities: VideoModelV3Capabilities | undefined;
  /** Fetches a source video that needs its provider's credentials. Default: `createDownload()`. */
  download?: VideoDownloadArgument;
  abortSignal?: AbortSignal;
  headers?: Record<string, string | undefined>;
  maxRetries?: number;
};

/**
 * Turns the caller's `sourceVideo` into the spec's (operation, video, job,
 * index, provider metadata), the one place where this happens. The operation
 * is checked against the model first, so that an unsupported one costs no
 * request; a job is looked up (never paid for) only when the model cannot take
 * its id. The full check (origin, type, size, prompt) follows in
 * `validateVideoCallOptions`, through `resolveSourceVideo`.
 */
export async function prepareSourceVideo(
  source: SourceVideo | undefined,
  context: SourceVideoContext,
): Promise<VideoModelV3SourceVideo | undefined> {
  if (source === undefined) return undefined;
  if (typeof source !== 'object' || source === null || typeof source.operation !== 'string') {
    throw invalidVideoArgument('sourceVideo', 'sourceVideo must be { operation, video, index? }.');
  }
  const { model, capabilities } = context;
  const capability = capabilities?.sourceVideo?.find((entry) => entry.operation === source.operation);
  // Throws the words of the one check: the model cannot do this operation (or takes no source video).
  if (capability === undefined) resolveSourceVideo({ operation: source.operation }, capabilities, model);
  if (source.video === undefined || source.video === null) {
    throw invalidVideoArgument('sourceVideo', 'sourceVideo needs a video: a file, a URL, a generated video or a job.');
  }
  const base = { operation: source.operation, ...(source.index !== undefined ? { index: source.index } : {}) };

  if (isGeneratedVideo(source.video)) {
    const generated = source.video;
    const ownJob = generated.job !== undefined && generated.job.provider === model.provider;
    const takesBytes = capability!.origins.includes('data');
    if (generated.job !== undefined && !takesBytes && !(ownJob && capability!.origins.includes('job'))) {
      // A model that takes neither these bytes nor this job's id may take the job's public URL.
      return await sourceFromJob(
        generated.job,
        { ...source, index: source.index ?? generated.index ?? 0 },
        capability!,
        context,
      );
    }
    return {
      ...base,
      video: { type: 'file', mediaType: source.mediaType ?? generated.mediaType, data: generated.uint8Array },
      ...(ownJob
        ? {
            job: generated.job,
            index: source.index ?? generated.index ?? 0,
            ...(generated.providerMetadata !== undefined ? { providerMetadata: generated.providerMetadata } : {}),
          }
        : {}),
    };
  }

  const job = asVideoJob(source.video);
  if (job !== undefined) {
    return await sourceFromJob(job, source, capability!, context);
  }

  const file = convertToVideoModelFile(source.video as VideoInput, 'sourceVideo');
  return { ...base, video: source.mediaType !== undefined ? { ...file, mediaType: source.mediaType } : file };
}

/** A job as a source: its id for a model of the same provider that takes one, else its video. */
async function sourceFromJob(
  job: VideoJob,
  source: SourceVideo,
  capability: VideoModelV3SourceVideoCapability,
  context: SourceVideoContext,
): Promise<VideoModelV3SourceVideo> {
  const { model } = context;
  const index = source.index ?? 0;
  if (!Number.isInteger(index) || index < 0) {
    throw invalidVideoArgument('sourceVideo', `sourceVideo.index must be a whole number from 0; got ${index}.`);
  }
  const ownProvider = job.provider === model.provider;
  const takesJob = ownProvider && capability.origins.includes('job');
  const sourceModel = findSourceModel(job, source.model, model);
  if (sourceModel === undefined) {
    // Only possible for another provider's job: there is no id to send, and no model to find the video.
    throw invalidVideoArgument(
      'sourceVideo',
      `The source job is from ${job.provider} model ${job.modelId}, and ${describeVideoModel(model)} cannot take its id. ` +
        `To look its video up, pass sourceVideo.model (the ${job.provider} model that made it) or import its provider package; or pass the video file itself.`,
    );
  }
  const status = await getCompletedSource(job, sourceModel, context);
  if (status !== undefined && index >= status.videos.length) {
    throw invalidVideoArgument(
      'sourceVideo',
      `The source job has ${status.videos.length} video(s); there is no video ${index}.`,
    );
  }
  const providerMetadata = ownProvider ? status?.providerMetadata : undefined;
  const fromJob = {
    operation: source.operation,
    index,
    ...(ownProvider ? { job } : {}),
    ...(providerMetadata !== undefined ? { providerMetadata } : {}),
  };
  if (takesJob) return fromJob;
  if (status === undefined) {
    throw invalidVideoArgument(
      'sourceVideo',
      `${describeVideoModel(sourceModel)} cannot report its jobs (no doStatus), so the source job's video cannot be looked up; pass the video file itself.`,
    );
  }
  const video = await videoOfJob(job, status.videos[index], index, sourceModel, capability, context);
  return { ...fromJob, video: source.mediaType !== undefined ? { ...video, mediaType: source.mediaType } : video };
}

/**
 * The model that can read a job: the caller's `sourceVideo.model`, the call's
 * model when the job is of its provider (a sibling model reads it too: the job
 * reference holds what the provider needs), else the job's provider from the
 * default registry.
 */
function findSourceModel(
  job: VideoJob,
  given: VideoModelArgument | undefined,
  model: VideoModelV3,
): VideoModelV3 | undefined {
  if (given !== undefined) {
    const resolved = resolveVideoModel(given);
    if (resolved.provider !== job.provider || resolved.modelId !== job.modelId) {
      throw invalidVideoArgument(
        'sourceVideo',
        `sourceVideo.model is ${resolved.provider} model ${resolved.modelId}, but the job belongs to ${job.provider} model ${job.modelId}.`,
      );
    }
    return resolved;
  }
  // The call's model has the caller's settings (key, base URL) for its provider's jobs, whatever their model id.
  if (job.provider === model.provider) return model;
  return findRegisteredModel(job);
}

/** The job's model from a provider registered under the first part of its id (`'fal'` for `'fal.video'`). */
function findRegisteredModel(job: VideoJob): VideoModelV3 | undefined {
  for (const [name, provider] of getDefaultVideoProviders()) {
    if (job.provider !== name && !job.provider.startsWith(`${name}.`)) continue;
    try {
      const found = resolveVideoModel(provider.videoModel(job.modelId));
      if (found.provider === job.provider) return found;
    } catch {
      // Not this provider's model id: try the next registration.
    }
  }
  return undefined;
}

type CompletedSource = { videos: VideoModelV3VideoData[]; providerMetadata?: SharedV3ProviderMetadata };

/**
 * Asks once where the source job stands (free; retried on transient errors):
 * a pending or failed job is refused before anything is paid for.
 * `undefined` when the model cannot be asked.
 */
async function getCompletedSource(
  job: VideoJob,
  sourceModel: VideoModelV3,
  { abortSignal, headers, maxRetries }: SourceVideoContext,
): Promise<CompletedSource | undefined> {
  if (typeof sourceModel.doStatus !== 'function') return undefined;
  const status = await retryRequest(() => sourceModel.doStatus!({ operation: job.operation, abortSignal, headers }), {
    maxRetries,
    abortSignal,
  });
  if (status.status === 'pending') {
    throw invalidVideoArgument(
      'sourceVideo',
      `The source job (${job.provider} model ${job.modelId}) has not finished yet${status.providerStatus ? ` (${status.providerStatus})` : ''}; wait for it (waitForVideo) before working on its video.`,
    );
  }
  if (status.status === 'failed') {
    throw invalidVideoArgument(
      'sourceVideo',
      `The source job (${job.provider} model ${job.modelId}) failed, so it has no video: ${status.error.message}`,
    );
  }
  return { videos: status.videos, ...(status.providerMetadata ? { providerMetadata: status.providerMetadata } : {}) };
}

/**
 * The video of another model's job as a file the call's model takes: its
 * public URL where there is one (the provider's `doGetDownloadUrl`, or a URL
 * of a model that needs no credentials to download), else its bytes,
 * downloaded through the model that made it. A video behind credentials for a
 * model that takes only URLs is refused before anything is downloaded.
 */
async function videoOfJob(
  job: VideoJob,
  video: VideoModelV3VideoData,
  index: number,
  sourceModel: VideoModelV3,
  capability: VideoModelV3SourceVideoCapability,
  { model, download, abortSignal, headers }: SourceVideoContext,
): Promise<VideoModelV3File> {
  if (video.type === 'base64') return { type: 'file', mediaType: video.mediaType || 'video/mp4', data: video.data };
  if (video.type === 'binary') return { type: 'file', mediaType: video.mediaType || 'video/mp4', data: video.data };
  let publicUrl: string | undefined;
  if (typeof sourceModel.doGetDownloadUrl === 'function') {
    publicUrl = (await sourceModel.doGetDownloadUrl({ operation: job.operation, index, abortSignal, headers }))?.url;
  } else if (typeof sourceModel.doDownload !== 'function' && /^https?:/i.test(video.url)) {
    publicUrl = video.url;
  }
  if (publicUrl !== undefined) {
    return { type: 'url', url: publicUrl, ...(video.mediaType ? { mediaType: video.mediaType } : {}) };
  }
  if (!capability.origins.includes('data')) {
    throw invalidVideoArgument(
      'sourceVideo',
      `${describeVideoModel(model)} takes the video to ${capability.operation} as a public URL, but the source video needs ${job.provider}'s credentials to fetch. Save it and pass a public URL, or pass the file to a model that takes files.`,
    );
  }
  const downloader = normalizeDownload(download) ?? createDownload();
  const stream = await downloader({ video, model: sourceModel, abortSignal, headers });
  const bytes = await readVideoBytes(stream);
  return { type: 'file', mediaType: stream.mediaType || video.mediaType || 'video/mp4', data: bytes };
}

/** A generated video of this SDK (or one shaped like it): bytes with a media type. */
function isGeneratedVideo(value: unknown): value is GeneratedVideo {
  return (
    typeof value === 'object' &&
    value !== null &&
    !(value instanceof Uint8Array) &&
    !(value instanceof ArrayBuffer) &&
    !(value instanceof URL) &&
    !('type' in value) &&
    'uint8Array' in value &&
    'mediaType' in value
  );
}

/** A `VideoJob` object, or its JSON string; `undefined` for anything else. */
function asVideoJob(value: unknown): VideoJob | undefined {
  if (typeof value === 'string') {
    if (!value.trimStart().startsWith('{')) return undefined;
    return parseVideoJob(value);
  }
  if (
    typeof value === 'object' &&
    value !== null &&
    !(value instanceof Uint8Array) &&
    !(value instanceof ArrayBuffer) &&
    !(value instanceof URL) &&
    'operation' in value &&
    'provider' in value
  ) {
    return parseVideoJob(value);
  }
  return undefined;
}
