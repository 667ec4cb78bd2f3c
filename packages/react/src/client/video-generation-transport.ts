import { APICallError, type VideoJob } from '@videogen/core';
import { VideoGenerationError } from '../video-generation-error';
import { getVideoContentUrl, type VideoRouteRequestBody } from '../video-route-protocol';
import type { VideoFetcherContext, VideoFetcherResult } from './video-generation-types';

/**
 * How a {@link VideoGenerationClient} reaches your server. The client owns
 * the run (dedupe, stop, cancel before the job exists, object URLs); the
 * transport only makes requests.
 */
export type VideoGenerationTransport<INPUT = unknown> = {
  /** Starts a generation: the route's Server-Sent-Events `Response`, or a finished result (no live progress). */
  generate: (input: INPUT, context: VideoFetcherContext) => Promise<Response | VideoFetcherResult>;
  /**
   * Identifies a generate request: while it runs, the same key returns the
   * same promise instead of a second paid job. `undefined`: never merged.
   * Default: the input's JSON when it is plain JSON.
   */
  generateKey?: (input: INPUT) => string | undefined;
  /** Re-attaches to a job: its event stream. Without it, `resume()` fails with `VideoResumeUnavailable`. */
  resume?: (job: VideoJob, context: VideoFetcherContext) => Promise<Response>;
  /** Cancels a job at the provider through your server. Without it, `cancel()` fails with `VideoCancelUnavailable`. */
  cancel?: (job: VideoJob) => Promise<void>;
  /** The URL of a video that has no public URL (served by your server), or `undefined` when there is none. */
  videoUrl?: (video: { job: VideoJob | undefined; index: number; mediaType: string }) => string | undefined;
};

/** Settings of {@link createVideoRouteTransport}: a videogen route (`createVideoRouteHandler`). */
export type VideoRouteTransportOptions = {
  /**
   * URL of the route, e.g. `'/api/video'`. The client POSTs
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
};

/** The transport of a videogen route: generate, resume, cancel and content on one URL. */
export function createVideoRouteTransport<INPUT = unknown>(
  options: VideoRouteTransportOptions,
): Required<VideoGenerationTransport<INPUT>> {
  return {
    generate: (input, { abortSignal }) => postJson(options, options.api, { action: 'generate', input }, abortSignal),
    generateKey: (input) => JSON.stringify({ action: 'generate', input } satisfies VideoRouteRequestBody<INPUT>),
    resume: (job, { abortSignal, lastEventId }) =>
      postJson(
        options,
        options.api,
        { action: 'resume', job },
        abortSignal,
        lastEventId !== undefined ? { 'last-event-id': lastEventId } : {},
      ),
    cancel: async (job) => {
      const response = await postJson(options, options.cancelApi ?? options.api, { action: 'cancel', job });
      if (!response.ok) throw await errorFromResponse(response, job);
      await response.body?.cancel();
    },
    videoUrl: ({ job, index }) =>
      job === undefined ? undefined : getVideoContentUrl(options.contentApi ?? options.api, job, index),
  };
}

/** Settings of {@link createVideoFetcherTransport}: your own functions instead of a route URL. */
export type VideoFetcherTransportOptions<INPUT> = {
  /** Starts a generation: the route's event stream `Response`, or a finished result (`{ videos, job? }`). */
  fetcher: (input: INPUT, context: VideoFetcherContext) => Promise<Response | VideoFetcherResult>;
  /** Re-attaches to a job (for `resume(job)`): returns the event stream of the job. */
  resumeFetcher?: (job: VideoJob, context: VideoFetcherContext) => Promise<Response>;
  /** Cancels a job at the provider through your server (for `cancel()`). */
  cancelFetcher?: (job: VideoJob) => Promise<unknown>;
  /** The URL of a video that has no public URL (served by your route). */
  videoUrl?: (video: { job: VideoJob | undefined; index: number; mediaType: string }) => string;
};

/** The transport of fetcher functions (e.g. a server action, or your own request to a route). */
export function createVideoFetcherTransport<INPUT>(
  options: VideoFetcherTransportOptions<INPUT>,
): VideoGenerationTransport<INPUT> & Pick<Required<VideoGenerationTransport<INPUT>>, 'resume' | 'cancel'> {
  const { fetcher, resumeFetcher, cancelFetcher, videoUrl } = options;
  return {
    generate: (input, context) => fetcher(input, context),
    resume: async (job, context) => {
      if (!resumeFetcher) {
        throw new VideoGenerationError({
          name: 'VideoResumeUnavailable',
          message: 'resume() needs the `api` option or a `resumeFetcher`.',
          job,
        });
      }
      return resumeFetcher(job, context);
    },
    cancel: async (job) => {
      if (!cancelFetcher) {
        throw new VideoGenerationError({
          name: 'VideoCancelUnavailable',
          message: 'cancel() needs the `api` option or a `cancelFetcher`; the job keeps running.',
          job,
        });
      }
      await cancelFetcher(job);
    },
    ...(videoUrl ? { videoUrl } : {}),
  };
}

async function postJson(
  options: VideoRouteTransportOptions,
  url: string,
  body: VideoRouteRequestBody<unknown>,
  abortSignal?: AbortSignal,
  requestHeaders: Record<string, string> = {},
): Promise<Response> {
  const extraHeaders = typeof options.headers === 'function' ? options.headers() : options.headers;
  const init: RequestInit = {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'text/event-stream, application/json',
      ...extraHeaders,
      ...requestHeaders,
    },
    body: JSON.stringify(body),
    ...(options.credentials !== undefined ? { credentials: options.credentials } : {}),
    ...(abortSignal !== undefined ? { signal: abortSignal } : {}),
  };
  return options.fetch ? options.fetch(url, init) : fetch(url, init);
}

/** The route's JSON error (`{ error: { name, message } }`) as a {@link VideoGenerationError}. */
export async function errorFromResponse(response: Response, job: VideoJob | undefined): Promise<VideoGenerationError> {
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

export function toVideoGenerationError(error: unknown, job: VideoJob | undefined): VideoGenerationError {
  if (VideoGenerationError.isInstance(error)) return error;
  if (APICallError.isInstance(error)) return errorFromBody(error.responseBody, error.statusCode, job);
  const { name, message } = error instanceof Error ? error : { name: 'Error', message: String(error) };
  return new VideoGenerationError({ name, message, job, cause: error });
}
