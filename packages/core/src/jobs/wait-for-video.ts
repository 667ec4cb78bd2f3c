import { createLinkedAbortController } from '@videogen/provider-utils';
import { UnsupportedFunctionalityError, VideoJobAbortedError, type VideoJob } from '@videogen/provider-spec';
import { createDownload } from '../download/create-download';
import { normalizeDownload, type VideoDownloadArgument } from '../download/normalize-download';
import { buildGenerateVideoResult, bufferVideos, createEmitter } from '../generate-video/generate-video';
import {
  createStatusEmitter,
  hasJobMethods,
  type CallOutcome,
  type HandleVideos,
} from '../generate-video/run-video-calls';
import { waitForJob } from '../generate-video/wait-for-job';
import type { GenerateVideoResult, PollOptions, VideoEvent } from '../types';
import { serializeError } from '../util/serialize-error';
import { assertJobOfModel } from './assert-job';
import { type VideoModelArgument, resolveVideoModel } from '../model/as-video-model';

/** Options of {@link waitForVideo}. */
export type WaitForVideoOptions = {
  /** The model that started the job (same provider and model id; a fresh instance is fine). */
  model: VideoModelArgument;
  /** The job from `startVideo` (or from an error's `job`), as an object or its JSON string. */
  job: VideoJob | string;
  /** How to wait: interval, timeout, sleep function. */
  poll?: PollOptions;
  /** Receives status, completed and download-progress events (callIndex 0). */
  onProgress?: (event: VideoEvent) => void;
  /**
   * Ends the wait promptly with a `VideoJobAbortedError` carrying the job.
   * The job is cancelled at the provider unless `cancelOnAbort` is false.
   */
  abortSignal?: AbortSignal;
  /**
   * Cancel the job at the provider when `abortSignal` fires. Set it to false
   * when the wait may be resumed later (e.g. a browser that may reconnect).
   * Default: true.
   */
  cancelOnAbort?: boolean;
  /** Extra HTTP headers for the provider's requests. */
  headers?: Record<string, string | undefined>;
  /** The downloader. Default: `createDownload()`. */
  download?: VideoDownloadArgument;
  /**
   * Retries of each download. Status requests are retried on transient failures until
   * `poll.timeoutMs`, whatever this says. Default: 2.
   */
  maxRetries?: number;
  /**
   * The webhook given at `startVideo({ webhookUrl })`: `received` settles when
   * it arrived; until then core polls every `poll.webhookFallbackIntervalMs`.
   */
  webhook?: { received: PromiseLike<unknown> };
};

/**
 * Waits for a job started earlier (in this process or another) and returns
 * what `generateVideo` returns. Throws `VideoJobFailedError`,
 * `VideoJobTimeoutError` / `VideoJobInterruptedError` / `VideoDownloadError`
 * (carrying the job, to try again), or a `VideoJobAbortedError`.
 *
 * @example
 * const { video } = await waitForVideo({ model, job: JSON.parse(stored) });
 */
export async function waitForVideo(options: WaitForVideoOptions): Promise<GenerateVideoResult> {
  const emit = createEmitter(options.onProgress);
  try {
    const download = normalizeDownload(options.download) ?? createDownload();
    const result = await runJobWait(options, emit, (outcome, abortSignal) =>
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
    return buildGenerateVideoResult([result]);
  } catch (error) {
    emit({ type: 'error', error: serializeError(error) });
    throw error;
  }
}

/** Waits for one job and hands its videos to `handleVideos`; shared by waitForVideo, saveVideoFromJob and streamVideo. */
export async function runJobWait<T>(
  options: Omit<WaitForVideoOptions, 'onProgress' | 'download'>,
  emit: (event: VideoEvent) => void,
  handleVideos: HandleVideos<T>,
): Promise<{ outcome: CallOutcome; value: T }> {
  const model = resolveVideoModel(options.model);
  if (!hasJobMethods(model)) {
    throw new UnsupportedFunctionalityError({
      functionality: 'waitForVideo',
      message: `${model.provider} model ${model.modelId} has no job methods (doStart/doStatus), so it cannot resume a job.`,
    });
  }
  const job = assertJobOfModel(model, options.job);
  const { controller, dispose } = createLinkedAbortController(options.abortSignal);
  try {
    const completed = await waitForJob({
      model: model as Parameters<typeof waitForJob>[0]['model'],
      job,
      poll: options.poll,
      maxRetries: options.maxRetries,
      abortSignal: controller.signal,
      headers: options.headers,
      webhookReceived: options.webhook?.received,
      onStatus: createStatusEmitter(emit, 0, job),
      cancelOnAbort: options.cancelOnAbort ?? true,
    });
    const outcome: CallOutcome = {
      callIndex: 0,
      firstVideoIndex: 0,
      job,
      videos: completed.videos,
      warnings: completed.warnings,
      providerMetadata: completed.providerMetadata,
      response: completed.response,
      ...(completed.usage !== undefined ? { usage: completed.usage } : {}),
    };
    emit({
      type: 'completed',
      callIndex: 0,
      job,
      videos: completed.videos.map((video, index) => ({
        index,
        mediaType: video.mediaType,
        ...(video.type === 'url' && !model.doDownload && /^https?:/i.test(video.url) ? { url: video.url } : {}),
      })),
    });
    return { outcome, value: await handleVideos(outcome, controller.signal) };
  } catch (error) {
    if (controller.signal.aborted && !VideoJobAbortedError.isInstance(error)) {
      throw new VideoJobAbortedError({ job, cause: controller.signal.reason });
    }
    throw error;
  } finally {
    dispose();
  }
}
