import { APICallError, readVideoEvents, type VideoEvent, type VideoJob } from '@videogen/core';
import { useCallback, useEffect, useRef, useState } from 'react';
import { VideoGenerationError } from './video-generation-error';
import { getVideoContentUrl, type VideoRouteInput, type VideoRouteRequestBody } from './video-route-protocol';

/** Where a generation stands: `'generating'` while a job is submitted or watched. */
export type UseGenerateVideoStatus = 'idle' | 'generating' | 'success' | 'error';

/** A `status` event of the route: the provider's status, progress and queue position. */
export type VideoStatusEvent = Extract<VideoEvent, { type: 'status' }>;

/** A video the page can play: `<video src={video.url} />`. */
export type GeneratedVideoLink = {
  /** Index of the video in the result. */
  index: number;
  /** A URL a `<video>` element can load. */
  url: string;
  /** IANA media type, e.g. `'video/mp4'`. */
  mediaType: string;
  /**
   * `'provider'`: the provider's public URL; `'server'`: your route (it
   * fetches the video with the provider's key, which never reaches the page)
   * or a URL your fetcher returned; `'object-url'`: bytes held by this page,
   * released on `reset()`, on the next generation and on unmount.
   */
  source: 'provider' | 'server' | 'object-url';
};

/** The result of a finished generation. */
export type VideoGenerationResult = {
  /** The first video. */
  video: GeneratedVideoLink;
  /** All videos. */
  videos: GeneratedVideoLink[];
  /** The job, when the generation ran as one. */
  job: VideoJob | undefined;
};

/** A video in a finished result returned by a `fetcher` (e.g. a server action). */
export type VideoFetcherVideo =
  | { url: string; mediaType?: string }
  | { data: Blob | Uint8Array | ArrayBuffer; mediaType?: string }
  | { uint8Array: Uint8Array; mediaType?: string }
  | { base64: string; mediaType?: string };

/** A finished result returned by a `fetcher` instead of an event stream (then there is no live progress). */
export type VideoFetcherResult = {
  /** The videos: URLs, or bytes (turned into object URLs). */
  videos: VideoFetcherVideo[];
  /** The job, when there was one. */
  job?: VideoJob;
};

/** What a fetcher receives besides the input. */
export type VideoFetcherContext = {
  /** Fires on `stop()`, `cancel()`, `reset()`, a new generation and unmount: pass it to `fetch`. */
  abortSignal: AbortSignal;
};

/** The callbacks of {@link useGenerateVideo}. The latest ones are used (no need to memoize them). */
export type UseGenerateVideoCallbacks<RESULT> = {
  /** The job was submitted: store `job` (e.g. in localStorage) to `resume` it after a reload. */
  onJobCreated?: (job: VideoJob) => void;
  /** The provider reported a status. */
  onStatus?: (event: VideoStatusEvent) => void;
  /** The provider reported progress (0..100). Not every provider does; `onStatus` sees every status. */
  onProgress?: (progress: number, event: VideoStatusEvent) => void;
  /** The videos are ready to play. */
  onResult?: (result: RESULT) => void;
  /** The generation failed (never called for `stop()` or a successful `cancel()`). */
  onError?: (error: VideoGenerationError) => void;
  /** Every event of the route, as it arrives (including `download-progress` of the server's own download). */
  onEvent?: (event: VideoEvent) => void;
};

/** Options of {@link useGenerateVideo} with a videogen route (see `createVideoRouteHandler`). */
export type UseGenerateVideoApiOptions = UseGenerateVideoCallbacks<VideoGenerationResult> & {
  /**
   * URL of the route, e.g. `'/api/video'`. The hook POSTs
   * `{ action: 'generate', input }` / `{ action: 'resume', job }` and reads
   * the Server-Sent Events of the answer.
   */
  api: string;
  /** Where `cancel()` POSTs `{ action: 'cancel', job }`. Default: `api`. */
  cancelApi?: string;
  /**
   * Where videos without a public URL are played from:
   * `GET <contentApi>?job=<job JSON>&index=<n>`. Default: `api`.
   */
  contentApi?: string;
  /** Extra request headers (e.g. a CSRF token), or a function returning them. */
  headers?: Record<string, string> | (() => Record<string, string>);
  /** `fetch`'s `credentials`. Default: the browser's default (`'same-origin'`). */
  credentials?: RequestCredentials;
  /** A custom fetch. Default: the global `fetch`. */
  fetch?: (input: string, init: RequestInit) => Promise<Response>;
  fetcher?: never;
};

/** Options of {@link useGenerateVideo} with a fetcher that returns the route's event stream. */
export type UseGenerateVideoStreamFetcherOptions<INPUT> = UseGenerateVideoCallbacks<VideoGenerationResult> & {
  /** Starts a generation and returns the Server-Sent-Events `Response` of the route. */
  fetcher: (input: INPUT, context: VideoFetcherContext) => Promise<Response>;
  /** Re-attaches to a job (for `resume(job)`): returns the event stream of the job. */
  resumeFetcher?: (job: VideoJob, context: VideoFetcherContext) => Promise<Response>;
  /** Cancels a job at the provider through your server (for `cancel()`). */
  cancelFetcher?: (job: VideoJob) => Promise<unknown>;
  /** The URL of a video that has no public URL (served by your route). */
  videoUrl?: (video: { job: VideoJob | undefined; index: number; mediaType: string }) => string;
  api?: never;
};

/**
 * Options of {@link useGenerateVideo} with a fetcher that returns a finished
 * result (e.g. a server action that waits for the video): no live progress,
 * no resume.
 */
export type UseGenerateVideoResultFetcherOptions<INPUT, RESULT extends VideoFetcherResult> = UseGenerateVideoCallbacks<
  VideoGenerationResult & { raw: RESULT }
> & {
  /** Generates and returns the finished videos (URLs or bytes). */
  fetcher: (input: INPUT, context: VideoFetcherContext) => Promise<RESULT>;
  api?: never;
};

/** What {@link useGenerateVideo} returns. */
export type UseGenerateVideoHelpers<INPUT, RESULT = VideoGenerationResult> = {
  /**
   * Starts a generation. Resolves with the result, or `undefined` when it
   * failed (see `error`) or was stopped; it never rejects. Calling it again
   * with the same input while that generation runs returns the same
   * promise (no second paid job from a double click or a StrictMode effect);
   * another input stops listening to the running one first (that job keeps
   * running: `cancel()` it first if you do not want it).
   */
  generate: (input: INPUT) => Promise<RESULT | undefined>;
  /** Stops listening. The job keeps running at the provider (`job` stays set, so `resume(job)` works). */
  stop: () => void;
  /**
   * Stops listening and cancels the job at the provider through the route.
   * Called before the job exists, it cancels the job as soon as it is
   * created. Resolves when the route confirmed (never rejects: a failure
   * sets `error`, e.g. a 501 from a provider that cannot cancel).
   */
  cancel: () => Promise<void>;
  /**
   * Re-attaches to a running job (the object or its JSON string, e.g. from
   * localStorage after a reload), continuing from its current status.
   */
  resume: (job: VideoJob | string) => Promise<RESULT | undefined>;
  /** Stops listening, releases object URLs and clears every field (the job keeps running). */
  reset: () => void;
  /** `'idle'`, `'generating'`, `'success'` or `'error'`. */
  status: UseGenerateVideoStatus;
  /** The job of the current generation, once submitted. */
  job: VideoJob | undefined;
  /** Progress 0..100 when the provider reports it (100 when done), else `undefined`. */
  progress: number | undefined;
  /** Position in the provider's queue, when reported. */
  queuePosition: number | undefined;
  /** The provider's own status word (`'IN_QUEUE'`, `'in_progress'` …), when reported. */
  providerStatus: string | undefined;
  /** The playable videos, once done. */
  result: RESULT | undefined;
  /** Why the generation failed. */
  error: VideoGenerationError | undefined;
};

/** What {@link useGenerateVideo} returns for a fetcher with a finished result: no live progress, no resume. */
export type UseGenerateVideoFinishedHelpers<INPUT, RESULT> = Omit<
  UseGenerateVideoHelpers<INPUT, RESULT>,
  'progress' | 'queuePosition' | 'providerStatus' | 'resume'
> & {
  /** Always `undefined`: the fetcher returns a finished result, so there is no live progress. */
  progress: undefined;
  /** Always `undefined` (no live progress). */
  queuePosition: undefined;
  /** Always `undefined` (no live progress). */
  providerStatus: undefined;
  /** Not available: a finished-result fetcher cannot re-attach to a job (use a streaming route for that). */
  resume: never;
};

type AnyOptions =
  | UseGenerateVideoApiOptions
  | UseGenerateVideoStreamFetcherOptions<unknown>
  | UseGenerateVideoResultFetcherOptions<unknown, VideoFetcherResult>;

type AnyResult = VideoGenerationResult & { raw?: VideoFetcherResult };

type State = {
  status: UseGenerateVideoStatus;
  job: VideoJob | undefined;
  progress: number | undefined;
  queuePosition: number | undefined;
  providerStatus: string | undefined;
  result: AnyResult | undefined;
  error: VideoGenerationError | undefined;
};

const INITIAL_STATE: State = {
  status: 'idle',
  job: undefined,
  progress: undefined,
  queuePosition: undefined,
  providerStatus: undefined,
  result: undefined,
  error: undefined,
};

type Run = {
  /** Identifies the request, so that the same generate/resume while it runs is not sent twice. */
  key: string | undefined;
  controller: AbortController;
  job: VideoJob | undefined;
  /** Completed, failed or stopped: later events only go to `onEvent`. */
  settled: boolean;
  promise: Promise<AnyResult | undefined>;
  resolve: (result: AnyResult | undefined) => void;
  /** `cancel()` came before the job existed: cancel it once `job-created` arrives. */
  pendingCancel: (() => void) | undefined;
};

type Open = (abortSignal: AbortSignal) => Promise<Response | VideoFetcherResult>;

/**
 * Generates a video through your server and follows it live: job created,
 * queue position, progress, the playable result, errors; stop, cancel and
 * resume after a reload.
 *
 * - `api`: the URL of a videogen route (`createVideoRouteHandler` from
 *   `@videogen/react/server`) that answers with Server-Sent Events.
 * - `fetcher` returning a `Response`: your own request to such a route.
 * - `fetcher` returning a finished result (`{ videos }`): e.g. a server
 *   action; then there is no live progress and the types say so.
 *
 * @example
 * const { generate, cancel, status, progress, result, error } = useGenerateVideo({
 *   api: '/api/video',
 *   onJobCreated: (job) => localStorage.setItem('video-job', JSON.stringify(job)),
 * });
 * // <button onClick={() => generate({ prompt })}>Generate</button>
 * // <progress value={progress} max={100} />
 * // {result && <video src={result.video.url} controls />}
 */
export function useGenerateVideo<INPUT = VideoRouteInput>(
  options: UseGenerateVideoApiOptions,
): UseGenerateVideoHelpers<INPUT>;
export function useGenerateVideo<INPUT>(
  options: UseGenerateVideoStreamFetcherOptions<INPUT>,
): UseGenerateVideoHelpers<INPUT>;
export function useGenerateVideo<INPUT, RESULT extends VideoFetcherResult>(
  options: UseGenerateVideoResultFetcherOptions<INPUT, RESULT>,
): UseGenerateVideoFinishedHelpers<INPUT, VideoGenerationResult & { raw: RESULT }>;
export function useGenerateVideo(
  options: AnyOptions,
): UseGenerateVideoHelpers<unknown, AnyResult> | UseGenerateVideoFinishedHelpers<unknown, AnyResult> {
  const [state, setState] = useState<State>(INITIAL_STATE);
  const optionsRef = useRef(options);
  optionsRef.current = options;
  const runRef = useRef<Run | undefined>(undefined);
  /** The job `cancel()` acts on when nothing is running (after `stop()` or a failure). */
  const cancellableJobRef = useRef<VideoJob | undefined>(undefined);
  const objectUrlsRef = useRef<string[]>([]);
  const mountedRef = useRef(false);

  const revokeObjectUrls = useCallback(() => {
    for (const url of objectUrlsRef.current.splice(0)) URL.revokeObjectURL(url);
  }, []);

  const abortRun = useCallback((run: Run | undefined) => {
    if (!run) return;
    if (!run.controller.signal.aborted)
      run.controller.abort(new DOMException('The video generation was stopped.', 'AbortError'));
    run.settled = true;
    run.resolve(undefined);
    run.pendingCancel?.();
    run.pendingCancel = undefined;
  }, []);

  useEffect(() => {
    mountedRef.current = true;
    return () => {
      mountedRef.current = false;
      // StrictMode unmounts and remounts at once: tear down only when the
      // component is still unmounted after that, so a generation started by
      // an effect is neither stopped nor sent twice.
      queueMicrotask(() => {
        if (mountedRef.current) return;
        abortRun(runRef.current);
        runRef.current = undefined;
        revokeObjectUrls();
      });
    };
  }, [abortRun, revokeObjectUrls]);

  const sendCancel = useCallback(async (job: VideoJob): Promise<void> => {
    const current = optionsRef.current;
    if ('api' in current && typeof current.api === 'string') {
      const body: VideoRouteRequestBody = { action: 'cancel', job };
      const response = await postJson(current, current.cancelApi ?? current.api, body);
      if (!response.ok) throw await errorFromResponse(response, job);
      await response.body?.cancel();
      return;
    }
    if ('cancelFetcher' in current && current.cancelFetcher) {
      await current.cancelFetcher(job);
      return;
    }
    throw new VideoGenerationError({
      name: 'VideoCancelUnavailable',
      message: 'cancel() needs the `api` option or a `cancelFetcher`; the job keeps running.',
      job,
    });
  }, []);

  const cancelJob = useCallback(
    async (job: VideoJob): Promise<void> => {
      setState((previous) => ({ ...previous, status: 'idle' }));
      try {
        await sendCancel(job);
        if (sameJob(cancellableJobRef.current, job)) cancellableJobRef.current = undefined;
        if (runRef.current === undefined || runRef.current.settled) {
          setState((previous) => (sameJob(previous.job, job) ? { ...INITIAL_STATE } : previous));
        }
      } catch (error) {
        const videoError = toVideoGenerationError(error, job);
        if (runRef.current === undefined || runRef.current.settled) {
          setState((previous) => ({ ...previous, status: 'error', error: videoError }));
        }
        optionsRef.current.onError?.(videoError);
      }
    },
    [sendCancel],
  );

  const execute = useCallback(
    async (run: Run, open: Open): Promise<void> => {
      const isCurrent = () => runRef.current === run && !run.controller.signal.aborted;
      const callbacks = optionsRef.current;
      const fail = (error: VideoGenerationError) => {
        run.settled = true;
        setState((previous) => ({ ...previous, status: 'error', error, job: run.job ?? previous.job }));
        run.resolve(undefined);
        optionsRef.current.onError?.(error);
      };
      const succeed = (result: AnyResult, live: boolean) => {
        run.settled = true;
        cancellableJobRef.current = undefined;
        setState((previous) => ({
          ...previous,
          status: 'success',
          result,
          job: result.job ?? previous.job,
          progress: live ? 100 : previous.progress,
          queuePosition: undefined,
        }));
        run.resolve(result);
        optionsRef.current.onResult?.(result as VideoGenerationResult & { raw: VideoFetcherResult });
      };

      try {
        const value = await open(run.controller.signal);
        if (!isCurrent()) {
          if (isResponse(value)) await value.body?.cancel().catch(() => {});
          return;
        }
        if (!isResponse(value)) {
          const videos = value.videos.map((video, index) => toLink(video, index, objectUrlsRef.current));
          if (videos.length === 0) {
            fail(
              new VideoGenerationError({
                name: 'NoVideoGenerated',
                message: 'The fetcher returned no videos.',
                job: value.job,
              }),
            );
            return;
          }
          succeed({ video: videos[0], videos, job: value.job, raw: value }, false);
          return;
        }

        let jobsCreated = 0;
        let jobsCompleted = 0;
        const videos: GeneratedVideoLink[] = [];
        if (!value.ok) throw await errorFromResponse(value, run.job);
        if (!value.body)
          throw new VideoGenerationError({
            name: 'VideoRouteError',
            message: 'The video route answered without a body.',
            job: run.job,
          });
        // Reading ends at once on stop, even with a fetcher that ignores the abort signal.
        const body = value.body.pipeThrough(new TransformStream<Uint8Array, Uint8Array>(), {
          signal: run.controller.signal,
        });
        for await (const event of readVideoEvents(body)) {
          if (!isCurrent()) break;
          optionsRef.current.onEvent?.(event);
          if (run.settled) continue; // the result is out; the server finishes its own download
          switch (event.type) {
            case 'job-created': {
              jobsCreated++;
              if (run.job === undefined) {
                run.job = event.job;
                cancellableJobRef.current = event.job;
                setState((previous) => ({ ...previous, job: event.job }));
              }
              optionsRef.current.onJobCreated?.(event.job);
              if (run.pendingCancel) {
                const done = run.pendingCancel;
                run.pendingCancel = undefined;
                abortRun(run);
                await cancelJob(event.job);
                done();
                return;
              }
              break;
            }
            case 'status': {
              setState((previous) => ({
                ...previous,
                progress: event.progress ?? previous.progress,
                queuePosition: event.queuePosition,
                providerStatus: event.providerStatus ?? previous.providerStatus,
              }));
              optionsRef.current.onStatus?.(event);
              if (event.progress !== undefined) optionsRef.current.onProgress?.(event.progress, event);
              break;
            }
            case 'completed': {
              jobsCompleted++;
              const job = event.job ?? run.job;
              for (const video of event.videos) {
                videos.push({ index: videos.length, mediaType: video.mediaType, ...videoUrlOf(callbacks, job, video) });
              }
              if (jobsCompleted >= jobsCreated) {
                if (videos.length === 0) {
                  fail(
                    new VideoGenerationError({
                      name: 'NoVideoGenerated',
                      message: 'The job completed without videos.',
                      job,
                    }),
                  );
                } else {
                  succeed({ video: videos[0], videos, job: run.job ?? job }, true);
                }
              }
              break;
            }
            case 'error': {
              fail(
                new VideoGenerationError({
                  name: event.error.name,
                  message: event.error.message,
                  job: event.error.job ?? run.job,
                  code: event.error.code,
                  contentFiltered: event.error.contentFiltered,
                }),
              );
              break;
            }
            case 'download-progress':
              break;
          }
        }
        if (!run.settled && isCurrent()) {
          fail(
            new VideoGenerationError({
              name: 'VideoStreamEndedError',
              message:
                'The video route closed the event stream before the job finished; resume(job) re-attaches to it.',
              job: run.job,
            }),
          );
        }
      } catch (error) {
        if (!isCurrent() || run.settled) return;
        fail(toVideoGenerationError(error, run.job));
      } finally {
        if (run.pendingCancel) {
          // The stream ended before a job existed: there is nothing to cancel.
          const done = run.pendingCancel;
          run.pendingCancel = undefined;
          done();
        }
        run.settled = true;
        run.resolve(undefined);
      }
    },
    [abortRun, cancelJob],
  );

  const start = useCallback(
    (key: string | undefined, job: VideoJob | undefined, open: Open): Promise<AnyResult | undefined> => {
      const active = runRef.current;
      if (active && !active.settled && key !== undefined && active.key === key) return active.promise;
      abortRun(active);
      revokeObjectUrls();
      let resolve!: (result: AnyResult | undefined) => void;
      const promise = new Promise<AnyResult | undefined>((resolvePromise) => {
        resolve = resolvePromise;
      });
      const run: Run = {
        key,
        controller: new AbortController(),
        job,
        settled: false,
        promise,
        resolve,
        pendingCancel: undefined,
      };
      runRef.current = run;
      cancellableJobRef.current = job;
      setState({ ...INITIAL_STATE, status: 'generating', job });
      void execute(run, open);
      return promise;
    },
    [abortRun, execute, revokeObjectUrls],
  );

  const generate = useCallback(
    (input: unknown): Promise<AnyResult | undefined> => {
      const current = optionsRef.current;
      if ('api' in current && typeof current.api === 'string') {
        const body: VideoRouteRequestBody<unknown> = { action: 'generate', input };
        const key = JSON.stringify(body);
        return start(key, undefined, (abortSignal) => postJson(current, current.api, body, abortSignal));
      }
      const fetcher = current.fetcher as (
        input: unknown,
        context: VideoFetcherContext,
      ) => Promise<Response | VideoFetcherResult>;
      const key = isPlainJson(input) ? JSON.stringify(['generate', input]) : undefined;
      return start(key, undefined, (abortSignal) => fetcher(input, { abortSignal }));
    },
    [start],
  );

  const resume = useCallback(
    (jobInput: VideoJob | string): Promise<AnyResult | undefined> => {
      let job: VideoJob;
      try {
        job = typeof jobInput === 'string' ? (JSON.parse(jobInput) as VideoJob) : jobInput;
        if (typeof job !== 'object' || job === null) throw new TypeError('not an object');
      } catch {
        return start(undefined, undefined, async () => {
          throw new VideoGenerationError({
            name: 'InvalidVideoJob',
            message: 'resume() needs a video job (an object or its JSON string).',
          });
        });
      }
      const current = optionsRef.current;
      const body: VideoRouteRequestBody = { action: 'resume', job };
      const key = JSON.stringify(body);
      if ('api' in current && typeof current.api === 'string') {
        return start(key, job, (abortSignal) => postJson(current, current.api, body, abortSignal));
      }
      if ('resumeFetcher' in current && current.resumeFetcher) {
        const resumeFetcher = current.resumeFetcher;
        return start(key, job, (abortSignal) => resumeFetcher(job, { abortSignal }));
      }
      return start(key, job, async () => {
        throw new VideoGenerationError({
          name: 'VideoResumeUnavailable',
          message: 'resume() needs the `api` option or a `resumeFetcher`.',
          job,
        });
      });
    },
    [start],
  );

  const stop = useCallback(() => {
    const run = runRef.current;
    if (!run || run.settled) {
      abortRun(run);
      return;
    }
    abortRun(run);
    setState((previous) => ({ ...previous, status: 'idle' }));
  }, [abortRun]);

  const cancel = useCallback(async (): Promise<void> => {
    const run = runRef.current;
    if (run && !run.settled && run.job === undefined) {
      // Not submitted yet: keep listening until the job exists, then cancel it.
      await new Promise<void>((resolve) => {
        const previous = run.pendingCancel;
        run.pendingCancel = () => {
          previous?.();
          resolve();
        };
      });
      return;
    }
    const job = run && !run.settled ? run.job : cancellableJobRef.current;
    abortRun(run);
    if (job === undefined) return;
    await cancelJob(job);
  }, [abortRun, cancelJob]);

  const reset = useCallback(() => {
    abortRun(runRef.current);
    runRef.current = undefined;
    cancellableJobRef.current = undefined;
    revokeObjectUrls();
    setState(INITIAL_STATE);
  }, [abortRun, revokeObjectUrls]);

  return { ...state, generate, stop, cancel, resume, reset };
}

function sameJob(a: VideoJob | undefined, b: VideoJob | undefined): boolean {
  return a === b || (a !== undefined && b !== undefined && JSON.stringify(a) === JSON.stringify(b));
}

function isResponse(value: unknown): value is Response {
  if (typeof Response !== 'undefined' && value instanceof Response) return true;
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as Response).headers?.get === 'function' &&
    typeof (value as Response).status === 'number' &&
    'body' in value
  );
}

function videoUrlOf(
  options: AnyOptions,
  job: VideoJob | undefined,
  video: { index: number; mediaType: string; url?: string },
): Pick<GeneratedVideoLink, 'url' | 'source'> {
  if (video.url !== undefined) return { url: video.url, source: 'provider' };
  if ('api' in options && typeof options.api === 'string' && job !== undefined) {
    return { url: getVideoContentUrl(options.contentApi ?? options.api, job, video.index), source: 'server' };
  }
  if ('videoUrl' in options && options.videoUrl) {
    return { url: options.videoUrl({ job, index: video.index, mediaType: video.mediaType }), source: 'server' };
  }
  throw new VideoGenerationError({
    name: 'VideoUrlUnavailable',
    message:
      'The video has no public URL; give the hook `api` (with a job) or `videoUrl` to play it through your server.',
    job,
  });
}

function toLink(video: VideoFetcherVideo, index: number, objectUrls: string[]): GeneratedVideoLink {
  const mediaType = video.mediaType ?? 'video/mp4';
  if ('url' in video) return { index, url: video.url, mediaType, source: 'server' };
  let part: Blob | ArrayBuffer | Uint8Array;
  if ('data' in video) part = video.data;
  else if ('uint8Array' in video) part = video.uint8Array;
  else part = base64ToBytes(video.base64);
  if (typeof URL.createObjectURL !== 'function') {
    throw new VideoGenerationError({
      name: 'ObjectUrlUnavailable',
      message: 'URL.createObjectURL is not available here.',
    });
  }
  const blob = part instanceof Blob ? part : new Blob([part as BlobPart], { type: mediaType });
  const url = URL.createObjectURL(blob);
  objectUrls.push(url);
  return { index, url, mediaType: blob.type || mediaType, source: 'object-url' };
}

function base64ToBytes(base64: string): Uint8Array {
  const binary = atob(base64.replace(/^data:[^,]*,/, ''));
  const bytes = new Uint8Array(binary.length);
  for (let index = 0; index < binary.length; index++) bytes[index] = binary.charCodeAt(index);
  return bytes;
}

async function postJson(
  options: UseGenerateVideoApiOptions,
  url: string,
  body: VideoRouteRequestBody<unknown>,
  abortSignal?: AbortSignal,
): Promise<Response> {
  const extraHeaders = typeof options.headers === 'function' ? options.headers() : options.headers;
  const init: RequestInit = {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'text/event-stream, application/json', ...extraHeaders },
    body: JSON.stringify(body),
    ...(options.credentials !== undefined ? { credentials: options.credentials } : {}),
    ...(abortSignal !== undefined ? { signal: abortSignal } : {}),
  };
  return options.fetch ? options.fetch(url, init) : fetch(url, init);
}

async function errorFromResponse(response: Response, job: VideoJob | undefined): Promise<VideoGenerationError> {
  const text = await response.text().catch(() => '');
  return errorFromBody(text, response.status, job);
}

function errorFromBody(
  text: string | undefined,
  statusCode: number | undefined,
  job: VideoJob | undefined,
): VideoGenerationError {
  let name = 'VideoRouteError';
  let message = `The video route answered HTTP ${statusCode ?? '?'}.`;
  try {
    const parsed = JSON.parse(text ?? '') as { error?: { name?: unknown; message?: unknown } };
    if (typeof parsed.error?.name === 'string') name = parsed.error.name;
    if (typeof parsed.error?.message === 'string') message = parsed.error.message;
  } catch {
    if (text) message = `${message} ${text.slice(0, 500)}`;
  }
  return new VideoGenerationError({ name, message, job, statusCode });
}

function toVideoGenerationError(error: unknown, job: VideoJob | undefined): VideoGenerationError {
  if (VideoGenerationError.isInstance(error)) return error;
  if (APICallError.isInstance(error)) return errorFromBody(error.responseBody, error.statusCode, job);
  const { name, message } = error instanceof Error ? error : { name: 'Error', message: String(error) };
  return new VideoGenerationError({ name, message, job, cause: error });
}

function isPlainJson(value: unknown, depth = 0): boolean {
  if (depth > 20) return false;
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return true;
  if (typeof value === 'number') return Number.isFinite(value);
  if (Array.isArray(value)) return value.every((item) => isPlainJson(item, depth + 1));
  if (typeof value === 'object') {
    const prototype = Object.getPrototypeOf(value);
    if (prototype !== Object.prototype && prototype !== null) return false;
    return Object.values(value as Record<string, unknown>).every(
      (item) => item === undefined || isPlainJson(item, depth + 1),
    );
  }
  return false;
}
