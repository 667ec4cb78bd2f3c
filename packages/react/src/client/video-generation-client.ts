import { readVideoEvents, type VideoJob } from '@videogen/core';
import { VideoGenerationError } from '../video-generation-error';
import type { VideoRouteInput } from '../video-route-protocol';
import { ObjectUrlRegistry } from './object-urls';
import {
  INITIAL_VIDEO_GENERATION_STATE,
  reduceVideoGenerationState,
  sameJob,
  type VideoGenerationAction,
} from './video-generation-reducer';
import { errorFromResponse, toVideoGenerationError, type VideoGenerationTransport } from './video-generation-transport';
import type {
  GeneratedVideoLink,
  VideoFetcherResult,
  VideoGenerationCallbacks,
  VideoGenerationResult,
  VideoGenerationState,
} from './video-generation-types';

/** Settings of a {@link VideoGenerationClient}. */
export type VideoGenerationClientOptions<INPUT, RESULT> = {
  /**
   * How to reach the server: `createVideoRouteTransport({ api })`,
   * `createVideoFetcherTransport({ fetcher })` or your own. A function is
   * called for every request, so a UI binding can hand over the latest
   * options without making a new client.
   */
  transport: VideoGenerationTransport<INPUT> | (() => VideoGenerationTransport<INPUT>);
  /** The callbacks, or a function returning the latest ones. Default: none. */
  callbacks?: VideoGenerationCallbacks<RESULT> | (() => VideoGenerationCallbacks<RESULT>);
  /**
   * Reconnects a dropped event stream (network change, proxy timeout, server
   * restart) through the transport's `resume` with `Last-Event-ID`, so that
   * the page goes on without a gap and without a second job; `false` turns
   * it off. Default: `{ maxReconnects: 5, delayMs: 1000 }` (the delay doubles
   * for each attempt in a row).
   */
  reconnect?: false | { maxReconnects?: number; delayMs?: number };
};

type AnyResult = VideoGenerationResult & { raw?: VideoFetcherResult };

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
 * A video generation without a UI framework: the run (submit once, follow
 * the route's events, stop, cancel, resume), its state as immutable
 * snapshots, and the object URLs it made. UI bindings subscribe to it
 * (`useGenerateVideo` does with `useSyncExternalStore`); any framework with
 * a subscribe/snapshot store can do the same.
 *
 * @example
 * const client = new VideoGenerationClient({ transport: createVideoRouteTransport({ api: '/api/video' }) });
 * const unsubscribe = client.subscribe(() => render(client.getSnapshot()));
 * await client.generate({ prompt: 'A red kite' });
 */
export class VideoGenerationClient<
  INPUT = VideoRouteInput,
  RESULT extends VideoGenerationResult = VideoGenerationResult,
> {
  #state: VideoGenerationState<AnyResult> = INITIAL_VIDEO_GENERATION_STATE;
  readonly #listeners = new Set<() => void>();
  readonly #transport: () => VideoGenerationTransport<INPUT>;
  readonly #callbacks: () => VideoGenerationCallbacks<AnyResult>;
  #run: Run | undefined;
  /** The job `cancel()` acts on when nothing is running (after `stop()` or a failure). */
  #cancellableJob: VideoJob | undefined;
  readonly #objectUrls = new ObjectUrlRegistry();
  readonly #reconnect: false | { maxReconnects?: number; delayMs?: number };

  constructor({ transport, callbacks = {}, reconnect = {} }: VideoGenerationClientOptions<INPUT, RESULT>) {
    this.#reconnect = reconnect;
    this.#transport = typeof transport === 'function' ? transport : () => transport;
    this.#callbacks = (
      typeof callbacks === 'function' ? callbacks : () => callbacks
    ) as () => VideoGenerationCallbacks<AnyResult>;
  }

  /** The current state; the same object until it changes. */
  getSnapshot = (): VideoGenerationState<RESULT> => this.#state as VideoGenerationState<RESULT>;

  /** Calls `listener` after every change of the state. Returns the unsubscribe function. */
  subscribe = (listener: () => void): (() => void) => {
    this.#listeners.add(listener);
    return () => {
      this.#listeners.delete(listener);
    };
  };

  /**
   * Starts a generation. Resolves with the result, or `undefined` when it
   * failed (see `error`) or was stopped; it never rejects. The same input
   * while that generation runs returns the same promise (no second paid
   * job); another input stops listening to the running one first (that job
   * keeps running).
   */
  generate = (input: INPUT): Promise<RESULT | undefined> => {
    const transport = this.#transport();
    const key = transport.generateKey
      ? transport.generateKey(input)
      : isPlainJson(input)
        ? JSON.stringify(['generate', input])
        : undefined;
    return this.#start(key, undefined, (abortSignal) => transport.generate(input, { abortSignal }));
  };

  /** Re-attaches to a running job (the object or its JSON string), continuing from its current status. */
  resume = (jobInput: VideoJob | string): Promise<RESULT | undefined> => {
    let job: VideoJob;
    try {
      job = typeof jobInput === 'string' ? (JSON.parse(jobInput) as VideoJob) : jobInput;
      if (typeof job !== 'object' || job === null) throw new TypeError('not an object');
    } catch {
      return this.#start(undefined, undefined, async () => {
        throw new VideoGenerationError({
          name: 'InvalidVideoJob',
          message: 'resume() needs a video job (an object or its JSON string).',
        });
      });
    }
    const key = JSON.stringify({ action: 'resume', job });
    const transport = this.#transport();
    const resumeTransport = transport.resume?.bind(transport);
    if (resumeTransport) return this.#start(key, job, (abortSignal) => resumeTransport(job, { abortSignal }));
    return this.#start(key, job, async () => {
      throw new VideoGenerationError({
        name: 'VideoResumeUnavailable',
        message: 'resume() needs a transport that can resume.',
        job,
      });
    });
  };

  /** Stops listening. The job keeps running at the provider (`job` stays set, so `resume(job)` works). */
  stop = (): void => {
    const run = this.#run;
    const running = run !== undefined && !run.settled;
    this.#abortRun(run);
    if (running) this.#dispatch({ type: 'stop' });
  };

  /**
   * Stops listening and cancels the job at the provider. Called before the
   * job exists, it cancels the job as soon as it is created. Resolves when
   * the server confirmed (never rejects: a failure sets `error`).
   */
  cancel = async (): Promise<void> => {
    const run = this.#run;
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
    const job = run && !run.settled ? run.job : this.#cancellableJob;
    this.#abortRun(run);
    if (job === undefined) return;
    await this.#cancelJob(job);
  };

  /** Stops listening, releases object URLs and clears the state (the job keeps running). */
  reset = (): void => {
    this.#abortRun(this.#run);
    this.#run = undefined;
    this.#cancellableJob = undefined;
    this.#objectUrls.revokeAll();
    this.#dispatch({ type: 'reset' });
  };

  /**
   * For a UI that goes away: stops listening and releases object URLs,
   * leaving the state and the job alone (it keeps running). The client
   * stays usable.
   */
  dispose = (): void => {
    this.#abortRun(this.#run);
    this.#run = undefined;
    this.#objectUrls.revokeAll();
  };

  #dispatch(action: VideoGenerationAction<AnyResult>): void {
    const next = reduceVideoGenerationState(this.#state, action);
    if (next === this.#state) return;
    this.#state = next;
    for (const listener of [...this.#listeners]) listener();
  }

  #abortRun(run: Run | undefined): void {
    if (!run) return;
    if (!run.controller.signal.aborted)
      run.controller.abort(new DOMException('The video generation was stopped.', 'AbortError'));
    run.settled = true;
    run.resolve(undefined);
    run.pendingCancel?.();
    run.pendingCancel = undefined;
  }

  async #cancelJob(job: VideoJob): Promise<void> {
    this.#dispatch({ type: 'stop' });
    const idle = () => this.#run === undefined || this.#run.settled;
    try {
      const transport = this.#transport();
      if (!transport.cancel) {
        throw new VideoGenerationError({
          name: 'VideoCancelUnavailable',
          message: 'cancel() needs a transport that can cancel; the job keeps running.',
          job,
        });
      }
      await transport.cancel(job);
      if (sameJob(this.#cancellableJob, job)) this.#cancellableJob = undefined;
      if (idle()) this.#dispatch({ type: 'cancelled', job });
    } catch (error) {
      const videoError = toVideoGenerationError(error, job);
      if (idle()) this.#dispatch({ type: 'cancel-failed', error: videoError });
      this.#callbacks().onError?.(videoError);
    }
  }

  #start(key: string | undefined, job: VideoJob | undefined, open: Open): Promise<RESULT | undefined> {
    const active = this.#run;
    if (active && !active.settled && key !== undefined && active.key === key)
      return active.promise as Promise<RESULT | undefined>;
    this.#abortRun(active);
    this.#objectUrls.revokeAll();
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
    this.#run = run;
    this.#cancellableJob = job;
    this.#dispatch({ type: 'start', job });
    void this.#execute(run, open);
    return promise as Promise<RESULT | undefined>;
  }

  async #execute(run: Run, open: Open): Promise<void> {
    const isCurrent = () => this.#run === run && !run.controller.signal.aborted;
    const transport = this.#transport();
    const fail = (error: VideoGenerationError) => {
      run.settled = true;
      this.#dispatch({ type: 'failure', error, job: run.job });
      run.resolve(undefined);
      this.#callbacks().onError?.(error);
    };
    const succeed = (result: AnyResult, live: boolean) => {
      run.settled = true;
      this.#cancellableJob = undefined;
      this.#dispatch({ type: 'success', result, live });
      run.resolve(result);
      this.#callbacks().onResult?.(result);
    };

    try {
      const value = await open(run.controller.signal);
      if (!isCurrent()) {
        if (isResponse(value)) await value.body?.cancel().catch(() => {});
        return;
      }
      if (!isResponse(value)) {
        const videos = value.videos.map((video, index) => this.#objectUrls.toLink(video, index));
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
      const stoppable = (stream: ReadableStream<Uint8Array>) =>
        stream.pipeThrough(new TransformStream<Uint8Array, Uint8Array>(), { signal: run.controller.signal });
      const body = stoppable(value.body);
      const reconnectSettings = this.#reconnect;
      const resumeTransport = transport.resume?.bind(transport);
      const reconnect =
        reconnectSettings === false || resumeTransport === undefined
          ? undefined
          : async ({ lastEventId }: { lastEventId: string }) => {
              // Only a job can be resumed; before it exists there is nothing to reconnect to.
              if (run.job === undefined || !isCurrent()) return undefined;
              const response = await resumeTransport(run.job, { abortSignal: run.controller.signal, lastEventId });
              if (!response.ok || !response.body) return response;
              return new Response(stoppable(response.body), { status: response.status, headers: response.headers });
            };
      const events = readVideoEvents(body, {
        abortSignal: run.controller.signal,
        ...(reconnect !== undefined ? { reconnect } : {}),
        ...(reconnectSettings !== false && reconnectSettings.maxReconnects !== undefined
          ? { maxReconnects: reconnectSettings.maxReconnects }
          : {}),
        ...(reconnectSettings !== false && reconnectSettings.delayMs !== undefined
          ? { reconnectDelayMs: reconnectSettings.delayMs }
          : {}),
      });
      for await (const event of events) {
        if (!isCurrent()) break;
        this.#callbacks().onEvent?.(event);
        if (run.settled) continue; // the result is out; the server finishes its own download
        switch (event.type) {
          case 'job-created': {
            jobsCreated++;
            if (run.job === undefined) {
              run.job = event.job;
              this.#cancellableJob = event.job;
              this.#dispatch({ type: 'job-created', job: event.job });
            }
            this.#callbacks().onJobCreated?.(event.job);
            if (run.pendingCancel) {
              const done = run.pendingCancel;
              run.pendingCancel = undefined;
              this.#abortRun(run);
              await this.#cancelJob(event.job);
              done();
              return;
            }
            break;
          }
          case 'status': {
            this.#dispatch({ type: 'status', event });
            const callbacks = this.#callbacks();
            callbacks.onStatus?.(event);
            if (event.progress !== undefined) callbacks.onProgress?.(event.progress, event);
            break;
          }
          case 'completed': {
            jobsCompleted++;
            const job = event.job ?? run.job;
            for (const video of event.videos) {
              videos.push({ index: videos.length, mediaType: video.mediaType, ...videoUrlOf(transport, job, video) });
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
            message: 'The video route closed the event stream before the job finished; resume(job) re-attaches to it.',
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
  }
}

function videoUrlOf(
  transport: VideoGenerationTransport<never>,
  job: VideoJob | undefined,
  video: { index: number; mediaType: string; url?: string; urlSource?: 'provider' | 'signed' },
): Pick<GeneratedVideoLink, 'url' | 'source'> {
  if (video.url !== undefined) return { url: video.url, source: video.urlSource === 'signed' ? 'server' : 'provider' };
  const url = transport.videoUrl?.({ job, index: video.index, mediaType: video.mediaType });
  if (url !== undefined) return { url, source: 'server' };
  throw new VideoGenerationError({
    name: 'VideoUrlUnavailable',
    message:
      'The video has no public URL; give the hook `api` (with a job) or `videoUrl` (a transport with `videoUrl`) to play it through your server.',
    job,
  });
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
