import { useEffect, useRef, useState, useSyncExternalStore } from 'react';
import {
  createVideoFetcherTransport,
  createVideoRouteTransport,
  type GeneratedVideoLink,
  type VideoFetcherContext,
  type VideoFetcherResult,
  type VideoFetcherVideo,
  type VideoGenerationCallbacks,
  type VideoGenerationClientOptions,
  type VideoGenerationResult,
  type VideoGenerationStatus,
  type VideoGenerationTransport,
  type VideoJob,
  type VideoRouteTransportOptions,
  type VideoStatusEvent,
  VideoGenerationClient,
} from './client/index';
import type { VideoGenerationError } from './video-generation-error';
import type { VideoRouteInput } from './video-route-protocol';

// The hook is a thin React binding over the framework-neutral VideoGenerationClient (`@videogen/react/client`).
export type {
  GeneratedVideoLink,
  VideoFetcherContext,
  VideoFetcherResult,
  VideoFetcherVideo,
  VideoGenerationResult,
  VideoStatusEvent,
};

/** Where a generation stands: `'generating'` while a job is submitted or watched. */
export type UseGenerateVideoStatus = VideoGenerationStatus;

/** The callbacks of {@link useGenerateVideo}. The latest ones are used (no need to memoize them). */
export type UseGenerateVideoCallbacks<RESULT> = VideoGenerationCallbacks<RESULT> & {
  /**
   * Reconnects a dropped event stream with `Last-Event-ID` (no gap, no second job); `false` turns it
   * off. Read when the component mounts. Default: `{ maxReconnects: 5, delayMs: 1000 }`.
   */
  reconnect?: VideoGenerationClientOptions<unknown, VideoGenerationResult>['reconnect'];
};

/** Options of {@link useGenerateVideo} with a videogen route (see `createVideoRouteHandler`). */
export type UseGenerateVideoApiOptions = UseGenerateVideoCallbacks<VideoGenerationResult> &
  VideoRouteTransportOptions & {
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
  const latest = useRef({ options, mounted: false });
  latest.current.options = options;
  // One client per component; it reads the latest options on every request and callback.
  const [client] = useState(
    () =>
      new VideoGenerationClient<unknown, AnyResult>({
        transport: () => transportOf(latest.current.options),
        callbacks: () => latest.current.options as UseGenerateVideoCallbacks<AnyResult>,
        reconnect: options.reconnect,
      }),
  );
  const state = useSyncExternalStore(client.subscribe, client.getSnapshot, client.getSnapshot);

  useEffect(() => {
    const mount = latest.current;
    mount.mounted = true;
    return () => {
      mount.mounted = false;
      // StrictMode unmounts and remounts at once: tear down only when the
      // component is still unmounted after that, so a generation started by
      // an effect is neither stopped nor sent twice.
      queueMicrotask(() => {
        if (!mount.mounted) client.dispose();
      });
    };
  }, [client]);

  const { generate, stop, cancel, resume, reset } = client;
  return { ...state, generate, stop, cancel, resume, reset };
}

function transportOf(options: AnyOptions): VideoGenerationTransport<unknown> {
  if ('api' in options && typeof options.api === 'string') return createVideoRouteTransport(options);
  return createVideoFetcherTransport(
    options as { fetcher: (input: unknown, context: VideoFetcherContext) => Promise<Response | VideoFetcherResult> },
  );
}
