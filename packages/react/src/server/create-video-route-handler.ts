import {
  cancelVideo,
  createVideoContentResponse,
  createVideoDownloadLinkSigner,
  readVideoStreamPosition,
  InvalidArgumentError,
  parseVideoJob,
  startVideo,
  streamVideo,
  toServerSentEventsResponse,
  UnsupportedFunctionalityError,
  APICallError,
  type GenerateVideoResult,
  type PollOptions,
  type SourceVideo,
  type SourceVideoOperation,
  type StartVideoOptions,
  type VideoDownloadFunction,
  type VideoEvent,
  type VideoJob,
  type VideoDownloadLinkSigner,
  type VideoModel,
  type VideoStreamPosition,
  VIDEO_DOWNLOAD_LINK_PARAMS,
} from '@videogen/core';
import type { VideoRouteInput } from '../video-route-protocol';
import {
  createVideoJobSigner,
  readSecretFromEnvironment,
  stripVideoJobSignature,
  VIDEO_ROUTE_SECRET_ENV,
  type VideoJobSigner,
} from './video-job-signature';

/** What the route does for one request. */
export type VideoRouteAction = 'generate' | 'resume' | 'cancel' | 'content';

/**
 * The call settings of a generation, as `parseInput` returns them: what
 * `startVideo` takes, except the model and the abort signal (the route sets
 * them).
 */
export type VideoRouteCallSettings = Omit<StartVideoOptions, 'model' | 'abortSignal'>;

/** Context of the route's callbacks. */
export type VideoRouteContext = {
  /** The action of this request. */
  action: VideoRouteAction;
  /** The incoming request (read cookies / auth headers from it). */
  request: Request;
  /** The job of a resume, cancel or content request, or the new job (`onJobCreated`, `onResult`). */
  job: VideoJob | undefined;
  /** The parsed input of a generate request. */
  input: VideoRouteCallSettings | undefined;
  /** The input of a generate request as the page sent it (e.g. to pick a model from a field `parseInput` drops). */
  rawInput: unknown;
};

/** Settings of {@link createVideoRouteHandler}. */
export type VideoRouteHandlerSettings = {
  /**
   * Parses the `input` the page sent into call settings, and throws (any
   * error → 400) when it is not acceptable. Only what this returns reaches
   * the provider. Default: {@link parseVideoRouteInput} (prompt, aspect
   * ratio, resolution, duration, fps, seed, audio, a `data:` start image).
   */
  parseInput?: (
    input: unknown,
    context: { request: Request },
  ) => VideoRouteCallSettings | PromiseLike<VideoRouteCallSettings>;
  /**
   * The server secret the route signs its jobs with (HMAC-SHA-256; at least
   * 32 characters, e.g. `openssl rand -base64 32`). Every job the route
   * starts reaches the page with a `routeSignature`; a resume, cancel or
   * content request whose job this route did not sign (a foreign job, a job
   * built from a bare request id, a tampered one) is refused with 403 before
   * `authorize`, `resolveModel` or the provider see it. Routes that share
   * the secret accept each other's jobs; `signVideoRouteJob` signs a job
   * started elsewhere.
   *
   * Default: the `VIDEOGEN_ROUTE_SECRET` environment variable. Without
   * either, the route needs `authorize` (which then decides alone, and jobs
   * are not signed); with neither, `createVideoRouteHandler` throws.
   */
  secret?: string;
  /**
   * May this caller do this (generate, or touch this job)? `false` → 403.
   * Runs after the signature check. The job of a resume / cancel / content
   * request comes from the page: with signed jobs it was started by this
   * route, but not necessarily for this caller; check that it belongs to
   * them (e.g. that you stored it for them in `onJobCreated`).
   * Default: with a `secret`, every job this route signed is allowed to
   * whoever holds it; without a secret, this function is required.
   */
  authorize?: (context: VideoRouteContext) => boolean | PromiseLike<boolean>;
  /** Called once the job was submitted, before the page hears of it (store it for the user here). */
  onJobCreated?: (job: VideoJob, context: VideoRouteContext) => void | PromiseLike<void>;
  /**
   * Called with the downloaded videos when a generate or resume stream
   * finished (store the video here). When given, the route downloads the
   * videos before it closes the stream (the page gets `download-progress`
   * events); without it, the stream ends at `completed` and nothing is
   * downloaded on the server.
   */
  onResult?: (result: GenerateVideoResult, context: VideoRouteContext) => void | PromiseLike<void>;
  /** Called with every error of the route (failed jobs, bad requests, provider errors). */
  onError?: (error: unknown, context: VideoRouteContext) => void;
  /** How to wait for the provider. Default: core's (every 2 s, 30 min timeout). */
  poll?: PollOptions;
  /** The downloader for `onResult` and for the content route. Default: core's `createDownload()`. */
  download?: VideoDownloadFunction;
  /** Retries of each provider request. Default: 2. */
  maxRetries?: number;
  /** Extra headers for the provider's requests. */
  headers?: Record<string, string | undefined>;
  /** Time between SSE heartbeat comments in ms. Default: 15000. */
  heartbeatMs?: number;
  /**
   * Hand the page a link it plays directly (`<video src>`) instead of
   * proxying a credentialed video's bytes through this route: the
   * provider's own public link where it has one (`doGetDownloadUrl`),
   * otherwise a short-lived link to this route's `GET`, signed with `secret`
   * (HMAC-SHA-256 over the job, the index, the expiry and the
   * `getSubject` user), which the `GET` verifies: a changed, expired or
   * another user's link is refused with 403. `true` takes the defaults;
   * `expiresIn` is the lifetime in seconds (default 900), `baseUrl` the
   * URL of this route's `GET` (default: the path of the request that
   * streams the events). Needs `secret`.
   *
   * Default: `false`: videos that need the provider's key have no `url` in
   * `completed`, and the page plays them from `GET <api>?job=…&index=…`,
   * whose bytes this route proxies (as before).
   */
  downloadLinks?: boolean | { expiresIn?: number; baseUrl?: string };
  /**
   * The user of a request (e.g. from its session), to bind signed download
   * links to: a link made for one user is refused for another. Called for
   * the request that streams the events and for the `GET` of a link (a
   * same-origin `<video>` sends the page's cookies). Default: none (a link
   * works for whoever holds it until it expires).
   */
  getSubject?: (request: Request) => string | undefined | PromiseLike<string | undefined>;
} & (
  | {
      /** The model every generation uses, e.g. `fal.video('fal-ai/veo3.1')`. */
      model: VideoModel;
      resolveModel?: never;
    }
  | {
      model?: never;
      /**
       * Picks the model per request: from the input of a generate request,
       * from `job.provider` / `job.modelId` of the others. Return only models
       * you allow (core checks the job belongs to the model you return).
       */
      resolveModel: (context: VideoRouteContext) => VideoModel | PromiseLike<VideoModel>;
    }
);

/** A web-standard route handler: Next.js route handlers, Hono, Remix, Bun, Deno, Workers, or Node through an adapter. */
export type VideoRouteHandler = (request: Request) => Promise<Response>;

class BadRequestError extends Error {
  readonly status: number;
  constructor(message: string, status = 400) {
    super(message);
    this.name = status === 403 ? 'Forbidden' : status === 409 ? 'Conflict' : 'BadRequest';
    this.status = status;
  }
}

/**
 * One route for `useGenerateVideo`: `POST` generates (`{ action: 'generate',
 * input }`), resumes (`{ action: 'resume', job }`) or cancels
 * (`{ action: 'cancel', job }`), and `GET ?job=…&index=…` serves a video
 * that is not publicly fetchable, with the provider's key kept on the server.
 *
 * A generation is submitted once (`startVideo`) and then watched with
 * `streamVideo({ job, cancelOnAbort: false })`: a page that stops listening
 * (or reloads) leaves the job running; only `{ action: 'cancel' }` cancels it.
 *
 * The route signs the jobs it starts (`secret`, default the
 * `VIDEOGEN_ROUTE_SECRET` environment variable) and acts only on jobs it
 * signed; without a secret it requires `authorize`.
 *
 * @example
 * // app/api/video/route.ts (Next.js), with VIDEOGEN_ROUTE_SECRET set
 * const handler = createVideoRouteHandler({ model: fal.video('fal-ai/veo3.1') });
 * export { handler as GET, handler as POST };
 */
export function createVideoRouteHandler(settings: VideoRouteHandlerSettings): VideoRouteHandler {
  const secret = settings.secret ?? readSecretFromEnvironment();
  if (secret === undefined && settings.authorize === undefined) {
    throw new InvalidArgumentError({
      argument: 'secret',
      message:
        `createVideoRouteHandler needs a \`secret\` (or the ${VIDEO_ROUTE_SECRET_ENV} environment variable) to sign its jobs, ` +
        'or an `authorize` function that checks every job belongs to the caller; otherwise anyone could act on any job.',
    });
  }
  const signer: VideoJobSigner | undefined = secret !== undefined ? createVideoJobSigner(secret) : undefined;
  const downloadLinks =
    settings.downloadLinks === undefined || settings.downloadLinks === false
      ? undefined
      : settings.downloadLinks === true
        ? {}
        : settings.downloadLinks;
  if (downloadLinks !== undefined && secret === undefined) {
    throw new InvalidArgumentError({
      argument: 'downloadLinks',
      message: `\`downloadLinks\` needs a \`secret\` (or the ${VIDEO_ROUTE_SECRET_ENV} environment variable) to sign the links.`,
    });
  }
  const linkSigners = new Map<string, VideoDownloadLinkSigner>();
  /** A link signer for `baseUrl` (every one verifies every link of the secret). */
  const linkSignerFor = (baseUrl: string): VideoDownloadLinkSigner => {
    let linkSigner = linkSigners.get(baseUrl);
    if (linkSigner === undefined) {
      linkSigner = createVideoDownloadLinkSigner({ secret: secret!, baseUrl });
      linkSigners.set(baseUrl, linkSigner);
    }
    return linkSigner;
  };
  /** The job as the page gets it: signed when the route has a secret. */
  const toPageJob = (job: VideoJob): Promise<VideoJob> => (signer ? signer.sign(job) : Promise.resolve(job));
  const parseInput = settings.parseInput ?? ((input: unknown) => parseVideoRouteInput(input));
  const resolveModel = async (context: VideoRouteContext): Promise<VideoModel> =>
    settings.model !== undefined ? settings.model : await settings.resolveModel(context);
  const authorize = async (context: VideoRouteContext) => {
    if (settings.authorize && !(await settings.authorize(context))) {
      throw new BadRequestError('You may not do this.', 403);
    }
  };

  /** `job` is the page's (signed) job; core and the provider get it without the signature. */
  const watch = async (
    model: VideoModel,
    job: VideoJob,
    context: VideoRouteContext,
    first: VideoEvent[],
    resumeFrom?: VideoStreamPosition,
  ): Promise<Response> => {
    const links =
      downloadLinks === undefined
        ? undefined
        : {
            signer: linkSignerFor(downloadLinks.baseUrl ?? new URL(context.request.url).pathname),
            subject: await settings.getSubject?.(context.request),
            ...(downloadLinks.expiresIn !== undefined ? { expiresIn: downloadLinks.expiresIn } : {}),
          };
    // Stop polling when the page leaves, but never cancel the job for it:
    // the page may have stopped listening on purpose, or may reload and resume.
    const controller = new AbortController();
    const onAbort = () => controller.abort(context.request.signal.reason);
    if (context.request.signal.aborted) onAbort();
    else context.request.signal.addEventListener('abort', onAbort, { once: true });
    const downloadOnServer = settings.onResult !== undefined;
    const stream = streamVideo({
      model,
      job: stripVideoJobSignature(job),
      cancelOnAbort: false,
      abortSignal: controller.signal,
      poll: settings.poll,
      maxRetries: settings.maxRetries,
      headers: settings.headers,
      // Without onResult nothing on the server needs the bytes: the stream ends at
      // `completed` and this download only waits for that abort.
      download: downloadOnServer ? settings.download : waitForAbort,
      ...(links !== undefined ? { downloadLinks: links } : {}),
    });
    let completed = false;
    stream.result.then(
      (result) => settings.onResult?.(result, context),
      (error) => {
        // The abort we made after `completed` (nothing to download) is no error.
        if (completed && !downloadOnServer) return;
        if (controller.signal.aborted && context.request.signal.aborted) return;
        settings.onError?.(error, context);
      },
    );
    async function* events(): AsyncGenerator<VideoEvent> {
      try {
        yield* first;
        for await (const event of stream.events) {
          yield withPageJob(event, job);
          if (event.type === 'completed') {
            completed = true;
            if (!downloadOnServer) return;
          }
        }
      } finally {
        context.request.signal.removeEventListener('abort', onAbort);
        if (!downloadOnServer || !completed) controller.abort();
      }
    }
    return toServerSentEventsResponse(events(), { heartbeatMs: settings.heartbeatMs, resumeFrom });
  };

  const generate = async (request: Request, body: Record<string, unknown>): Promise<Response> => {
    // A page that reconnects a dropped generate stream (`Last-Event-ID`) resumes its job: never a second paid job.
    const position = readVideoStreamPosition(request);
    if (position !== undefined) {
      const resumeJob = position.jobs[0];
      if (resumeJob === undefined) {
        throw new BadRequestError(
          "The Last-Event-ID names no job to resume; send { action: 'resume', job } or a request without it.",
          409,
        );
      }
      const { job, model, context } = await withJob('resume', request, resumeJob);
      return await watch(model, job, context, [], position);
    }
    let input: VideoRouteCallSettings;
    try {
      input = await parseInput(body.input, { request });
    } catch (error) {
      throw new BadRequestError(error instanceof Error ? error.message : String(error));
    }
    const sourceJob = input.sourceVideo?.video;
    if (isVideoJobValue(sourceJob)) {
      // A source job is worked on (and paid for) by this route: only jobs it signed, as for resume.
      if (signer && !(await signer.verify(sourceJob))) {
        throw new BadRequestError(
          'The source video job was not started by this route (missing or invalid routeSignature).',
          403,
        );
      }
      input = { ...input, sourceVideo: { ...input.sourceVideo!, video: stripVideoJobSignature(sourceJob) } };
    }
    const context: VideoRouteContext = { action: 'generate', request, job: undefined, input, rawInput: body.input };
    await authorize(context);
    const model = await resolveModel(context);
    const started = await startVideo({
      ...input,
      model,
      abortSignal: request.signal,
      maxRetries: input.maxRetries ?? settings.maxRetries,
      headers: { ...settings.headers, ...input.headers },
    });
    const job = await toPageJob(started.job);
    const jobContext: VideoRouteContext = { ...context, job };
    await settings.onJobCreated?.(job, jobContext);
    return await watch(model, job, jobContext, [{ type: 'job-created', callIndex: 0, job }]);
  };

  const withJob = async (action: VideoRouteAction, request: Request, jobValue: unknown) => {
    const job = parseJob(jobValue);
    // Before anything else sees the job: only jobs this route signed.
    if (signer && !(await signer.verify(job))) {
      throw new BadRequestError('This job was not started by this route (missing or invalid routeSignature).', 403);
    }
    const context: VideoRouteContext = { action, request, job, input: undefined, rawInput: undefined };
    await authorize(context);
    const model = await resolveModel(context);
    if (job.provider !== model.provider || job.modelId !== model.modelId) {
      throw new BadRequestError(
        `The job belongs to ${job.provider} model ${job.modelId}, which this route does not serve.`,
      );
    }
    return { job, context, model };
  };

  return async (request: Request): Promise<Response> => {
    let context: VideoRouteContext = {
      action: 'generate',
      request,
      job: undefined,
      input: undefined,
      rawInput: undefined,
    };
    try {
      if (request.method === 'GET' || request.method === 'HEAD') {
        context = { ...context, action: 'content' };
        const url = new URL(request.url);
        if (url.searchParams.has(VIDEO_DOWNLOAD_LINK_PARAMS.signature) && secret !== undefined) {
          // A signed download link is its own authorization: the route made it for this job, index and user.
          const link = await linkSignerFor('/').verify(url, { subject: await settings.getSubject?.(request) });
          if (!link.valid) {
            throw new BadRequestError(
              link.reason === 'expired'
                ? 'This download link has expired.'
                : 'This download link is not valid (changed, or made for another user or job).',
              403,
            );
          }
          context = { ...context, job: link.job };
          const model = await resolveModel(context);
          if (link.job.provider !== model.provider || link.job.modelId !== model.modelId) {
            throw new BadRequestError(
              `The job belongs to ${link.job.provider} model ${link.job.modelId}, which this route does not serve.`,
            );
          }
          return await createVideoContentResponse({
            model,
            job: link.job,
            index: link.index,
            abortSignal: request.signal,
            headers: settings.headers,
            ...(settings.download !== undefined ? { download: settings.download } : {}),
          });
        }
        const jobText = url.searchParams.get('job');
        if (jobText === null) throw new BadRequestError('The `job` query parameter is required.');
        const index = Number(url.searchParams.get('index') ?? '0');
        if (!Number.isSafeInteger(index) || index < 0) throw new BadRequestError('`index` must be a whole number ≥ 0.');
        const { job, model } = await withJob('content', request, parseJson(jobText, '`job`'));
        context = { ...context, job };
        return await createVideoContentResponse({
          model,
          job: stripVideoJobSignature(job),
          index,
          abortSignal: request.signal,
          headers: settings.headers,
          ...(settings.download !== undefined ? { download: settings.download } : {}),
        });
      }
      if (request.method !== 'POST') {
        return jsonResponse(
          405,
          { error: { name: 'MethodNotAllowed', message: `${request.method} is not supported.` } },
          { allow: 'GET, POST' },
        );
      }
      const body = await readJsonObject(request);
      switch (body.action) {
        case 'generate':
          return await generate(request, body);
        case 'resume': {
          const { job, model, context: jobContext } = await withJob('resume', request, body.job);
          context = jobContext;
          return await watch(model, job, jobContext, [], readVideoStreamPosition(request));
        }
        case 'cancel': {
          const { job, model, context: jobContext } = await withJob('cancel', request, body.job);
          context = jobContext;
          await cancelVideo({
            model,
            job: stripVideoJobSignature(job),
            abortSignal: request.signal,
            headers: settings.headers,
          });
          return jsonResponse(200, { cancelled: true });
        }
        default:
          throw new BadRequestError("`action` must be 'generate', 'resume' or 'cancel'.");
      }
    } catch (error) {
      settings.onError?.(error, context);
      return errorResponse(error);
    }
  };
}

/**
 * The default `parseInput` of {@link createVideoRouteHandler}: accepts
 * `{ prompt, aspectRatio?, resolution?, duration?, fps?, seed?,
 * generateAudio?, image? }` with checked types (`image` only as a `data:`
 * URL, so the server never fetches a URL a page chose) and nothing else.
 * Extend it in your own `parseInput` to accept more.
 */
export function parseVideoRouteInput(input: unknown): VideoRouteCallSettings & Omit<VideoRouteInput, 'sourceVideo'> {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new InvalidArgumentError({ argument: 'input', message: '`input` must be an object with a `prompt`.' });
  }
  const value = input as Record<string, unknown>;
  const allowed = new Set([
    'prompt',
    'aspectRatio',
    'resolution',
    'duration',
    'fps',
    'seed',
    'generateAudio',
    'image',
    'sourceVideo',
  ]);
  for (const key of Object.keys(value)) {
    if (!allowed.has(key)) {
      throw new InvalidArgumentError({
        argument: key,
        message: `\`${key}\` is not accepted by this route (allowed: ${[...allowed].join(', ')}).`,
      });
    }
  }
  const fail = (argument: string, message: string): never => {
    throw new InvalidArgumentError({ argument, message });
  };
  const result: VideoRouteCallSettings & Omit<VideoRouteInput, 'sourceVideo'> = { prompt: '' };
  if (typeof value.prompt !== 'string' || value.prompt.trim() === '')
    fail('prompt', '`prompt` must be a non-empty string.');
  result.prompt = value.prompt as string;
  if (value.aspectRatio !== undefined) {
    if (typeof value.aspectRatio !== 'string' || !/^(\d+:\d+|adaptive)$/.test(value.aspectRatio)) {
      fail('aspectRatio', "`aspectRatio` must be 'W:H' or 'adaptive'.");
    }
    result.aspectRatio = value.aspectRatio as VideoRouteInput['aspectRatio'];
  }
  if (value.resolution !== undefined) {
    if (typeof value.resolution !== 'string' || !/^\d+x\d+$/.test(value.resolution))
      fail('resolution', "`resolution` must be 'WxH'.");
    result.resolution = value.resolution as VideoRouteInput['resolution'];
  }
  for (const key of ['duration', 'fps', 'seed'] as const) {
    if (value[key] === undefined) continue;
    if (typeof value[key] !== 'number' || !Number.isFinite(value[key])) fail(key, `\`${key}\` must be a number.`);
    result[key] = value[key] as number;
  }
  if (value.generateAudio !== undefined) {
    if (typeof value.generateAudio !== 'boolean') fail('generateAudio', '`generateAudio` must be a boolean.');
    result.generateAudio = value.generateAudio as boolean;
  }
  if (value.image !== undefined) {
    if (typeof value.image !== 'string' || !/^data:image\/[\w.+-]+;base64,/i.test(value.image)) {
      fail('image', '`image` must be a data: URL of an image (base64).');
    }
    result.image = value.image as string;
  }
  if (value.sourceVideo !== undefined) result.sourceVideo = parseRouteSourceVideo(value.sourceVideo, fail);
  return result;
}

const SOURCE_VIDEO_OPERATIONS: readonly string[] = ['extend', 'edit', 'remix', 'video-to-video'];

/**
 * `input.sourceVideo` as core takes it: `{ operation, job, index? }` (the route verifies the job's
 * signature before anything is paid for) or `{ operation, video: 'data:video/…;base64,…' }`.
 */
function parseRouteSourceVideo(value: unknown, fail: (argument: string, message: string) => never): SourceVideo {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return fail('sourceVideo', '`sourceVideo` must be an object `{ operation, job }` or `{ operation, video }`.');
  }
  const { operation, job, index, video, ...rest } = value as Record<string, unknown>;
  const extra = Object.keys(rest)[0];
  if (extra !== undefined) fail('sourceVideo', `\`sourceVideo.${extra}\` is not accepted by this route.`);
  if (typeof operation !== 'string' || !SOURCE_VIDEO_OPERATIONS.includes(operation)) {
    fail('sourceVideo', `\`sourceVideo.operation\` must be one of ${SOURCE_VIDEO_OPERATIONS.join(', ')}.`);
  }
  if ((job === undefined) === (video === undefined)) {
    fail('sourceVideo', '`sourceVideo` takes either a `job` this route started or a `video` data: URL.');
  }
  if (index !== undefined && (typeof index !== 'number' || !Number.isInteger(index) || index < 0)) {
    fail('sourceVideo', '`sourceVideo.index` must be a whole number from 0.');
  }
  if (video !== undefined) {
    if (typeof video !== 'string' || !/^data:video\/[\w.+-]+;base64,/i.test(video)) {
      fail('sourceVideo', '`sourceVideo.video` must be a data: URL of a video (base64).');
    }
    return { operation: operation as SourceVideoOperation, video: video as string };
  }
  try {
    parseVideoJob(job);
  } catch (error) {
    fail('sourceVideo', `\`sourceVideo.job\`: ${error instanceof Error ? error.message : String(error)}`);
  }
  // The job as the page sent it, signature included: the route verifies it before anything is paid for.
  return {
    operation: operation as SourceVideoOperation,
    video: job as VideoJob,
    ...(index !== undefined ? { index: index as number } : {}),
  };
}

/** Whether a source video is a job (not bytes, a URL or a generated video). */
function isVideoJobValue(value: unknown): value is VideoJob {
  return (
    typeof value === 'object' &&
    value !== null &&
    !ArrayBuffer.isView(value) &&
    !(value instanceof ArrayBuffer) &&
    !(value instanceof URL) &&
    'specificationVersion' in value &&
    'operation' in value
  );
}

/** A downloader that downloads nothing: it settles when the wait is aborted. */
const waitForAbort: VideoDownloadFunction = ({ abortSignal }) =>
  new Promise((_resolve, reject) => {
    if (!abortSignal) return reject(new Error('No download without onResult.'));
    if (abortSignal.aborted) return reject(abortSignal.reason);
    abortSignal.addEventListener('abort', () => reject(abortSignal.reason), { once: true });
  });

/** The page sees its own (signed) job in every event, never the bare one core reports. */
function withPageJob(event: VideoEvent, job: VideoJob): VideoEvent {
  if (event.type === 'error')
    return event.error.job !== undefined ? { ...event, error: { ...event.error, job } } : event;
  return 'job' in event && event.job !== undefined ? { ...event, job } : event;
}

function parseJob(value: unknown): VideoJob {
  try {
    return parseVideoJob(value);
  } catch (error) {
    throw new BadRequestError(error instanceof Error ? error.message : String(error));
  }
}

function parseJson(text: string, what: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new BadRequestError(`${what} must be JSON.`);
  }
}

async function readJsonObject(request: Request): Promise<Record<string, unknown>> {
  let value: unknown;
  try {
    value = await request.json();
  } catch {
    throw new BadRequestError('The body must be JSON.');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new BadRequestError('The body must be a JSON object.');
  return value as Record<string, unknown>;
}

function jsonResponse(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', 'cache-control': 'no-store', ...headers },
  });
}

function errorResponse(error: unknown): Response {
  if (error instanceof BadRequestError)
    return jsonResponse(error.status, { error: { name: error.name, message: error.message } });
  const name = error instanceof Error ? error.name : 'Error';
  const message = error instanceof Error ? error.message : String(error);
  let status = 500;
  if (InvalidArgumentError.isInstance(error)) status = 400;
  else if (UnsupportedFunctionalityError.isInstance(error)) status = 501;
  else if (APICallError.isInstance(error)) status = error.statusCode === 429 ? 429 : 502;
  else if (isAbortError(error)) status = 499;
  return jsonResponse(status, { error: { name, message } });
}

function isAbortError(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { name?: unknown }).name === 'AbortError';
}
