import { NoVideoGeneratedError, type VideoJob } from '@videogen/provider-spec';
import { mergeProviderMetadata } from '@videogen/provider-utils';
import { consumeVideoDownload, type CallDownloadContext } from '../download/consume-video-download';
import { createDownload } from '../download/create-download';
import { normalizeDownload } from '../download/normalize-download';
import { DefaultGeneratedVideo, type GeneratedVideo } from '../generated-video';
import type { GenerateVideoResult, VideoEvent } from '../types';
import { readVideoBytes } from '../download/video-stream';
import { serializeError } from '../util/serialize-error';
import { readMp4DurationSeconds } from '@videogen/provider-utils';
import { sumVideoUsage, type VideoUsage } from '../util/usage';
import type { GenerateVideoOptions } from './generate-video-options';
import { prepareCallOptions } from './prepare-call';
import { resolveVideoModel } from '../model/as-video-model';
import {
  resolveMaxVideosPerCall,
  runVideoCalls,
  splitVideoCount,
  type CallOutcome,
  ignoreEvents,
  type HandleVideos,
} from './run-video-calls';

/**
 * Generates videos and returns them in memory.
 *
 * For models with job methods (every videogen provider) core submits each
 * job once, waits with the shared polling loop (or a webhook), cancels on
 * abort and downloads with a size limit; for a model with only `doGenerate`
 * (e.g. a Vercel AI SDK provider) it calls `doGenerate`. To keep memory flat
 * for large videos, use `saveVideo` from `@videogen/core/node` or
 * `streamVideo` instead.
 *
 * @example
 * const { video } = await generateVideo({ model: fal.video('fal-ai/veo3.1'), prompt: 'A cat surfing' });
 * video.uint8Array; // the MP4
 */
export async function generateVideo(options: GenerateVideoOptions): Promise<GenerateVideoResult> {
  const emit = createEmitter(options.onProgress);
  try {
    options = { ...options, model: resolveVideoModel(options.model) };
    const download = normalizeDownload(options.download) ?? createDownload();
    const results = await runGeneration(options, emit, (outcome, abortSignal) =>
      bufferVideos({
        outcome,
        download,
        model: resolveVideoModel(options.model),
        abortSignal,
        headers: options.headers,
        emit,
        maxRetries: options.maxRetries,
      }),
    );
    return buildResult(results);
  } catch (error) {
    emit({ type: 'error', error: serializeError(error) });
    throw error;
  }
}

/** Validates, splits `n` into calls and runs them; shared by generateVideo, saveVideo and streamVideo. */
export async function runGeneration<T>(
  options: GenerateVideoOptions,
  emit: (event: VideoEvent) => void,
  handleVideos: HandleVideos<T>,
): Promise<Array<{ outcome: CallOutcome; value: T }>> {
  const n = options.n ?? 1;
  const model = resolveVideoModel(options.model);
  const { callOptions: prepared, capabilities } = await prepareCallOptions({ ...options, model });
  const maxPerCall = await resolveMaxVideosPerCall(model, options.maxVideosPerCall, capabilities?.maxVideosPerCall);
  return await runVideoCalls({
    model,
    callOptions: prepared,
    callCounts: splitVideoCount(n, maxPerCall),
    maxConcurrency: options.maxConcurrency,
    maxRetries: options.maxRetries,
    abortSignal: options.abortSignal,
    headers: options.headers,
    poll: options.poll,
    webhook: options.webhook,
    emit,
    handleVideos,
  });
}

/** Wraps `onProgress` so that a throwing listener cannot break a generation. */
export function createEmitter(onProgress: ((event: VideoEvent) => void) | undefined): (event: VideoEvent) => void {
  if (!onProgress) return ignoreEvents;
  return (event) => {
    try {
      onProgress(event);
    } catch {
      // A listener's bug must not cost a paid job.
    }
  };
}

/** Downloads the videos of one call into memory, each download retried by itself. */
export async function bufferVideos(context: CallDownloadContext): Promise<GeneratedVideo[]> {
  const videos: GeneratedVideo[] = [];
  const { job, providerMetadata } = context.outcome;
  // Each video knows its job, so that it can be extended or edited without an upload.
  const origin = (index: number) => ({
    ...(job !== undefined ? { job, index } : {}),
    ...(providerMetadata !== undefined ? { providerMetadata } : {}),
  });
  for (const [videoIndex, video] of context.outcome.videos.entries()) {
    if (video.type !== 'url') {
      // Inline data: no download, and no copy of a base64 string until it is asked for.
      videos.push(
        new DefaultGeneratedVideo({
          data: video.data,
          mediaType: video.mediaType || 'video/mp4',
          ...origin(videoIndex),
        }),
      );
      continue;
    }
    const { value: data, mediaType } = await consumeVideoDownload({
      ...context,
      videoIndex,
      video,
      consume: readVideoBytes,
    });
    videos.push(new DefaultGeneratedVideo({ data, mediaType, ...origin(videoIndex) }));
  }
  return videos;
}

function buildResult(results: Array<{ outcome: CallOutcome; value: GeneratedVideo[] }>): GenerateVideoResult {
  const videos = results.flatMap((result) => result.value);
  const responses = results.map((result) => result.outcome.response);
  if (videos.length === 0) throw new NoVideoGeneratedError({ responses });
  const jobs = results.map((result) => result.outcome.job).filter((job): job is VideoJob => job !== undefined);
  return {
    video: videos[0],
    videos,
    warnings: results.flatMap((result) => result.outcome.warnings),
    responses,
    providerMetadata: mergeProviderMetadata(...results.map((result) => result.outcome.providerMetadata)) ?? {},
    jobs,
    usage: sumVideoUsage(results.map((result) => withRenderedSeconds(result.outcome.usage, result.value))),
  };
}

/**
 * A call's usage with `videoSeconds` read from the rendered MP4s themselves
 * when the provider reported none (Veo reports no usage): measured, not estimated.
 */
function withRenderedSeconds(usage: VideoUsage | undefined, videos: GeneratedVideo[]): VideoUsage | undefined {
  if (usage?.videoSeconds !== undefined || videos.length === 0) return usage;
  let seconds = 0;
  for (const video of videos) {
    const duration = video.mediaType.startsWith('video/') ? readMp4DurationSeconds(video.uint8Array) : undefined;
    if (duration === undefined) return usage;
    seconds += duration;
  }
  return { ...usage, videoSeconds: seconds };
}

export { buildResult as buildGenerateVideoResult };
