import { createDetachError } from '@videogen/provider-utils';
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
import { withVideoDownloadLinks, type VideoDownloadLinksOptions } from './video-download-links';

/** Options of {@link streamVideo}: a new generation, or `{ model, job }` to re-attach to a job. */
export type StreamVideoOptions = (GenerateVideoOptions | WaitForVideoOptions) & {
  /**
   * A signal that only stops watching, e.g. the request's `signal` in a
   * route: polling and downloading end, the job is **not** cancelled (it
   * keeps running at the provider and can be resumed with the job from the
   * `job-created` event), and `result` rejects with a `VideoJobAbortedError`
   * carrying the job (`cancellation`: `'not-requested'`). Cancelling the
   * response of `toServerSentEventsResponse` (the client went away) does the
   * same. `abortSignal`, by contrast, also cancels the job (unless
   * `cancelOnAbort: false` on a re-attach). Default: none.
   */
  detachSignal?: AbortSignal;
  /**
   * Give the `completed` event a `url` a browser can play directly for every
   * video: the provider's public link (`getVideoDownloadUrl`), or with a
   * `signer`, a short-lived signed link to your content endpoint, instead of
   * leaving credentialed videos to a proxying route. Default: none (only
   * public videos get a `url`, as before).
   */
  downloadLinks?: VideoDownloadLinksOptions;
};

/** What {@link streamVideo} returns. */
export type StreamVideoResult = {
  /**
   * The progress events, as they happen (buffered until read; read once).
   * Ends after the last event; a failure is an `error` event, never a throw.
   */
  events: AsyncIterable<VideoEvent>;
  /** The same result as `generateVideo` (rejects with the typed error). */
  result: Promise<GenerateVideoResult>;
  /**
   * The events as a Server-Sent-Events `Response` (see
   * `toServerSentEventsResponse`). When the response is cancelled (its
   * client went away) the generation is detached (see `detach`).
   */
  toServerSentEventsResponse: (init?: ServerSentEventsResponseInit) => Response;
  /**
   * Stops watching: no more status requests, no download; the job is not
   * cancelled and stays resumable, and `result` rejects with a
   * `VideoJobAbortedError` carrying the job. No effect once the generation ended.
   */
  detach: () => void;
};

/**
 * Starts a generation (or re-attaches to a job with `{ model, job }`) and
 * returns its progress as an async iterable next to the result, so that a
 * server route can stream live progress to a browser.
 *
 * Events, per job: `job-created`, `status` (on each change), `completed`
 * (the job ended at the provider; `url` only for publicly fetchable
 * videos), `download-progress` (core's own download for `result`), and
 * `error` on failure. When the client of a route leaves, the SSE response
 * is cancelled and watching stops, while the paid job keeps running at the
 * provider (resumable with `{ model, job }`); pass the request's signal as
 * `detachSignal` for the same on runtimes that only abort the request.
 * `abortSignal` stops watching *and* cancels the job.
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

  // The wait runs on its own signal: the caller's abortSignal aborts it with its
  // reason (the job is cancelled), a detach with a reason that leaves the job running.
  const watching = new AbortController();
  const detach = () => {
    if (!watching.signal.aborted) watching.abort(createDetachError());
  };
  const onAbort = () => {
    if (!watching.signal.aborted) watching.abort(options.abortSignal?.reason);
  };
  if (options.abortSignal?.aborted) onAbort();
  else options.abortSignal?.addEventListener('abort', onAbort, { once: true });
  if (options.detachSignal?.aborted) detach();
  else options.detachSignal?.addEventListener('abort', detach, { once: true });
  const stopListening = () => {
    options.abortSignal?.removeEventListener('abort', onAbort);
    options.detachSignal?.removeEventListener('abort', detach);
  };

  const run = async (): Promise<GenerateVideoResult> => {
    if ('job' in options && options.job !== undefined) {
      const result = await runJobWait({ ...options, abortSignal: watching.signal }, emit, (outcome, abortSignal) =>
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
    const generateOptions: GenerateVideoOptions = {
      ...(options as GenerateVideoOptions),
      abortSignal: watching.signal,
    };
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
      stopListening();
      queue.close();
      return value;
    },
    (error) => {
      stopListening();
      emit({ type: 'error', error: serializeError(error) });
      queue.close();
      throw error;
    },
  );
  // Callers that only read the events must not get an unhandled rejection.
  result.catch(() => {});

  const events =
    options.downloadLinks !== undefined
      ? withVideoDownloadLinks(queue.iterable, { ...options.downloadLinks, model: options.model })
      : queue.iterable;
  return {
    events,
    result,
    toServerSentEventsResponse: (init) => toServerSentEventsResponse({ events, detach }, init),
    detach,
  };
}
