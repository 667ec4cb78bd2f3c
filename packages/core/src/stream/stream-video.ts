import { createDownload } from '../download/create-download';
import { normalizeDownload } from '../download/normalize-download';
import type { GenerateVideoOptions } from '../generate-video/generate-video-options';
import { buildGenerateVideoResult, bufferVideos, runGeneration } from '../generate-video/generate-video';
import { runJobWait, type WaitForVideoOptions } from '../jobs/wait-for-video';
import type { GenerateVideoResult, VideoEvent } from '../types';
import { resolveVideoModel } from '../model/as-video-model';
import { createEventQueue } from '../util/event-queue';
import { serializeError } from '../util/serialize-error';
import { toServerSentEventsResponse, type ServerSentEventsResponseInit } from './server-sent-events';

/** Options of {@link streamVideo}: a new generation, or `{ model, job }` to re-attach to a job. */
export type StreamVideoOptions = GenerateVideoOptions | WaitForVideoOptions;

/** What {@link streamVideo} returns. */
export type StreamVideoResult = {
  /**
   * The progress events, as they happen (buffered until read; read once).
   * Ends after the last event; a failure is an `error` event, never a throw.
   */
  events: AsyncIterable<VideoEvent>;
  /** The same result as `generateVideo` (rejects with the typed error). */
  result: Promise<GenerateVideoResult>;
  /** The events as a Server-Sent-Events `Response` (see `toServerSentEventsResponse`). */
  toServerSentEventsResponse: (init?: ServerSentEventsResponseInit) => Response;
};

/**
 * Starts a generation (or re-attaches to a job with `{ model, job }`) and
 * returns its progress as an async iterable next to the result, so that a
 * server route can stream live progress to a browser.
 *
 * Events, per job: `job-created`, `status` (on each change), `completed`
 * (the job ended at the provider; `url` only for publicly fetchable
 * videos), `download-progress` (core's own download for `result`), and
 * `error` on failure. Pass the request's signal as `abortSignal` to stop when
 * the client leaves (with `cancelOnAbort: false` on a re-attach to keep the
 * job running).
 *
 * @example
 * const { events, result } = streamVideo({ model, prompt: 'A red kite' });
 * for await (const event of events) console.log(event.type);
 * const { video } = await result;
 */
export function streamVideo(options: StreamVideoOptions): StreamVideoResult {
  const queue = createEventQueue<VideoEvent>();
  const userListener = options.onProgress;
  const emit = (event: VideoEvent) => {
    queue.push(event);
    try {
      userListener?.(event);
    } catch {
      // A listener's bug must not cost a paid job.
    }
  };
  const download = normalizeDownload(options.download) ?? createDownload();

  const run = async (): Promise<GenerateVideoResult> => {
    if ('job' in options && options.job !== undefined) {
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
    }
    const generateOptions = options as GenerateVideoOptions;
    const results = await runGeneration(generateOptions, emit, (outcome, abortSignal) =>
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
    return buildGenerateVideoResult(results);
  };

  const result = run().then(
    (value) => {
      queue.close();
      return value;
    },
    (error) => {
      emit({ type: 'error', error: serializeError(error) });
      queue.close();
      throw error;
    },
  );
  // Callers that only read the events must not get an unhandled rejection.
  result.catch(() => {});

  return {
    events: queue.iterable,
    result,
    toServerSentEventsResponse: (init) => toServerSentEventsResponse(queue.iterable, init),
  };
}
