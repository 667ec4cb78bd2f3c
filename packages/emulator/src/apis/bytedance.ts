import type { ApiModule, EmulatorContext, JobRecord, JobState, MatchedRoute, WebhookMessage } from '../context';
import { bytesResponse, mp4Response } from '../media';
import { isRecord, json, randomAlphanumeric, randomHex, readBody } from '../util';

/** What the emulated Ark API checks per Seedance model (provider-apis-2.md Part 2b §1.3). */
export interface ByteDanceSeedanceModel {
  textToVideo: boolean;
  firstFrame: boolean;
  lastFrame: boolean;
  /** Most reference images, videos and audio clips (0: none). */
  references: { image: number; video: number; audio: number };
  resolutions: string[];
  durations: { min: number; max: number; auto: boolean };
  audio: boolean;
  frames: boolean;
  draft: boolean;
  flex: boolean;
}

const V10: ByteDanceSeedanceModel = {
  textToVideo: true,
  firstFrame: true,
  lastFrame: true,
  references: { image: 0, video: 0, audio: 0 },
  resolutions: ['480p', '720p', '1080p'],
  durations: { min: 2, max: 12, auto: false },
  audio: false,
  frames: true,
  draft: false,
  flex: true,
};
const V15: ByteDanceSeedanceModel = {
  ...V10,
  durations: { min: 4, max: 12, auto: false },
  audio: true,
  frames: false,
  draft: true,
};
const V20: ByteDanceSeedanceModel = {
  ...V10,
  references: { image: 9, video: 3, audio: 3 },
  resolutions: ['480p', '720p', '1080p', '4k'],
  durations: { min: 4, max: 15, auto: true },
  audio: true,
  frames: false,
  flex: false,
};
const V20_FAST: ByteDanceSeedanceModel = { ...V20, resolutions: ['480p', '720p'] };

/** Model catalogue: BytePlus ids, and the Volcengine (`doubao-`) ids of the same models. */
export const BYTEDANCE_MODELS: Record<string, ByteDanceSeedanceModel> = {
  'seedance-1-0-lite-t2v-250428': { ...V10, firstFrame: false, lastFrame: false },
  'seedance-1-0-lite-i2v-250428': { ...V10, textToVideo: false, references: { image: 4, video: 0, audio: 0 } },
  'seedance-1-0-pro-250528': V10,
  'seedance-1-0-pro-fast-251015': { ...V10, lastFrame: false },
  'seedance-1-5-pro-251215': V15,
  'dreamina-seedance-2-0-260128': V20,
  'dreamina-seedance-2-0-fast-260128': V20_FAST,
  'dreamina-seedance-2-0-mini-260615': V20_FAST,
  'doubao-seedance-1-0-pro-250528': V10,
  'doubao-seedance-1-5-pro-251215': V15,
  'doubao-seedance-2-0-260128': V20,
  'doubao-seedance-2-0-fast-260128': V20_FAST,
};

const RATIOS = ['16:9', '4:3', '1:1', '3:4', '9:16', '21:9', 'adaptive'];
const SHORT_SIDE: Record<string, number> = { '480p': 480, '720p': 720, '1080p': 1080, '4k': 2160 };
/** Seedance renders 24 fps and takes no frame rate. */
const SEEDANCE_FPS = 24;
/** A 1x1 PNG: the emulator's "last frame". */
const LAST_FRAME_PNG = Uint8Array.from(
  atob('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII='),
  (c) => c.charCodeAt(0),
);

const ERROR_TYPES: Record<number, string> = {
  400: 'BadRequest',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'NotFound',
  429: 'TooManyRequests',
  500: 'InternalServiceError',
  502: 'BadGateway',
  503: 'ServiceUnavailable',
};
const ERROR_CODES: Record<number, string> = {
  400: 'InvalidParameter',
  401: 'AuthenticationError',
  403: 'AccessDenied',
  404: 'InvalidEndpointOrModel.NotFound',
  429: 'RateLimitExceeded.EndpointRPMExceeded',
  500: 'InternalServiceError',
  502: 'InternalServiceError',
  503: 'ServerOverloaded',
};

function requestId() {
  return `0217${randomHex(16)}`;
}

/** Ark's error envelope: `{ error: { code, message, param, type } }`; the message ends with the request id. */
function error(
  status: number,
  message: string,
  options: { code?: string; param?: string; headers?: Record<string, string> } = {},
) {
  const id = requestId();
  return json(
    {
      error: {
        code: options.code ?? ERROR_CODES[status] ?? 'InternalServiceError',
        message: `${message} Request id: ${id}`,
        ...(options.param !== undefined ? { param: options.param } : {}),
        type: ERROR_TYPES[status] ?? 'InternalServiceError',
      },
    },
    status,
    { 'x-request-id': id, ...options.headers },
  );
}

function invalid(param: string, detail: string) {
  return error(400, `The parameter \`${param}\` specified in the request is not valid: ${detail}.`, { param });
}

function dimensions(resolution: string, ratio: string): [number, number] {
  const short = SHORT_SIDE[resolution] ?? 720;
  const [a, b] = (ratio === 'adaptive' ? '16:9' : ratio).split(':').map(Number);
  return a >= b ? [Math.round((short * a) / b / 2) * 2, short] : [short, Math.round((short * b) / a / 2) * 2];
}

/**
 * BytePlus ModelArk / Volcengine Ark content-generation tasks
 * (`/contents/generations/tasks`): create, retrieve, list, cancel/delete;
 * the video on a storage origin (no key, like the signed TOS links);
 * callbacks to `callback_url` with the task object (unsigned, as Ark's).
 */
export function createByteDanceApi(ctx: EmulatorContext): ApiModule {
  function checkAuth(request: Request): Response | undefined {
    const header = request.headers.get('authorization');
    const match = header ? /^Bearer\s+(\S.*)$/i.exec(header.trim()) : null;
    if (!match || !ctx.keyAllowed('bytedance', match[1].trim())) {
      return error(401, 'The API key or AK/SK in the request is missing or invalid.', { code: 'AuthenticationError' });
    }
    return undefined;
  }

  /** The task id of an emulated storage link (`…/ark-emulator/{id}/video.mp4`), else `undefined`. */
  function sourceTaskId(url: string): string | undefined {
    const prefix = `${ctx.baseURLs.bytedanceMedia}/ark-emulator/`;
    if (!url.startsWith(prefix)) return undefined;
    return decodeURIComponent(url.slice(prefix.length).split(/[/?]/)[0]);
  }

  function mediaUrl(job: JobRecord, file: string) {
    return `${ctx.baseURLs.bytedanceMedia}/ark-emulator/${job.id}/${file}?X-Tos-Expires=86400`;
  }

  function statusName(state: JobState): string {
    switch (state.status) {
      case 'in_progress':
        return 'running';
      case 'completed':
        return 'succeeded';
      case 'filtered':
        return 'failed';
      default:
        return state.status;
    }
  }

  function taskBody(job: JobRecord, state: JobState = ctx.state(job)) {
    const request = job.request;
    const status = statusName(state);
    const seconds = (t: number | undefined) => Math.floor((t ?? ctx.now()) / 1000);
    const completedTokens = Math.round((job.seconds * job.width * job.height * job.fps) / 1024);
    return {
      id: job.id,
      model: job.model,
      status,
      ...(state.status === 'failed'
        ? {
            error: {
              code: 'InternalServiceError',
              message: `${job.behavior.errorMessage ?? 'The service encountered an unexpected internal error.'} Request id: ${job.extra.requestId}`,
            },
          }
        : {}),
      ...(state.status === 'filtered'
        ? {
            error: {
              code: 'OutputVideoSensitiveContentDetected',
              message: `${job.behavior.errorMessage ?? 'The request failed because the output video may contain sensitive information.'} Request id: ${job.extra.requestId}`,
            },
          }
        : {}),
      ...(state.status === 'completed'
        ? {
            content: {
              video_url: mediaUrl(job, 'video.mp4'),
              ...(request.return_last_frame === true ? { last_frame_url: mediaUrl(job, 'last-frame.png') } : {}),
            },
            usage: { completion_tokens: completedTokens, total_tokens: completedTokens },
          }
        : {}),
      created_at: seconds(job.createdAt),
      updated_at: seconds(state.finishedAt),
      ...(state.status === 'completed'
        ? {
            seed: job.extra.seed,
            resolution: job.extra.resolution,
            ratio: job.extra.ratio === 'adaptive' ? '16:9' : job.extra.ratio,
            duration: job.seconds,
            framespersecond: job.fps,
            ...(typeof request.frames === 'number' ? { frames: request.frames } : {}),
            ...(job.extra.audio ? { generate_audio: request.generate_audio !== false } : {}),
            draft: request.draft === true,
          }
        : {}),
      service_tier: typeof request.service_tier === 'string' ? request.service_tier : 'default',
      execution_expires_after:
        typeof request.execution_expires_after === 'number' ? request.execution_expires_after : 172800,
    };
  }

  async function create(request: Request): Promise<Response> {
    const denied = checkAuth(request);
    if (denied) return denied;
    if (Number(request.headers.get('content-length') ?? '0') > 64 * 1024 * 1024) {
      return error(400, 'The request body exceeds 64 MB.', { code: 'InvalidParameter' });
    }
    const parsed = await readBody(request);
    if (parsed.kind !== 'json' || !isRecord(parsed.value)) {
      return error(400, 'The request body is not valid JSON.', { code: 'InvalidParameter' });
    }
    const body = parsed.value;
    if (typeof body.model !== 'string' || body.model === '') {
      return error(400, 'The parameter `model` specified in the request is missing.', {
        code: 'MissingParameter',
        param: 'model',
      });
    }
    const spec = BYTEDANCE_MODELS[body.model];
    if (!spec) {
      return error(404, `The model or endpoint ${body.model} does not exist or you do not have access to it.`, {
        code: 'InvalidEndpointOrModel.NotFound',
      });
    }
    if (!Array.isArray(body.content) || body.content.length === 0) {
      return error(400, 'The parameter `content` specified in the request is missing.', {
        code: 'MissingParameter',
        param: 'content',
      });
    }
    let prompt: string | undefined;
    const roles: string[] = [];
    const counts = { image: 0, video: 0, audio: 0 };
    let draftTask = false;
    const sourceTasks: string[] = [];
    const images = body.content.filter((item) => isRecord(item) && item.type === 'image_url').length;
    for (const [index, item] of body.content.entries()) {
      const param = `content[${index}]`;
      if (!isRecord(item)) return invalid(param, 'must be an object');
      if (item.type === 'text') {
        if (typeof item.text !== 'string') return invalid(`${param}.text`, 'must be a string');
        prompt = item.text;
      } else if (item.type === 'image_url' || item.type === 'video_url' || item.type === 'audio_url') {
        const payload = item[item.type];
        if (!isRecord(payload) || typeof payload.url !== 'string' || !/^(https?:|data:|asset:\/\/)/.test(payload.url)) {
          return invalid(`${param}.${item.type}.url`, 'expected an http(s) URL, a base64 data URL or asset://<id>');
        }
        const kind = item.type === 'image_url' ? 'image' : item.type === 'video_url' ? 'video' : 'audio';
        // A video from an earlier task's link (extend / edit): that task must exist and have succeeded.
        const source = kind === 'video' ? sourceTaskId(payload.url) : undefined;
        if (source !== undefined) {
          const sourceJob = findTask(source);
          if (!sourceJob || ctx.state(sourceJob).status !== 'completed') {
            return invalid(`${param}.video_url.url`, 'the video could not be downloaded (the resource does not exist)');
          }
          sourceTasks.push(source);
        }
        // A single image without a role is the first frame.
        const role = item.role ?? (kind === 'image' && images === 1 ? 'first_frame' : undefined);
        const allowed = kind === 'image' ? ['first_frame', 'last_frame', 'reference_image'] : [`reference_${kind}`];
        if (typeof role !== 'string' || !allowed.includes(role)) {
          return invalid(`${param}.role`, `expected one of ${allowed.join(', ')}`);
        }
        roles.push(role);
        if (role.startsWith('reference_')) counts[kind]++;
      } else if (item.type === 'draft_task') {
        if (!isRecord(item.draft_task) || typeof item.draft_task.id !== 'string') {
          return invalid(`${param}.draft_task.id`, 'must be a task id');
        }
        if (!spec.draft) return invalid(`${param}.type`, `draft_task is not supported by ${body.model}`);
        const draft = ctx.findJob('bytedance', item.draft_task.id);
        if (!draft || draft.request.draft !== true) {
          return error(404, `The draft task ${item.draft_task.id} does not exist.`, { code: 'InvalidParameter' });
        }
        draftTask = true;
      } else {
        return invalid(`${param}.type`, 'expected text, image_url, video_url, audio_url or draft_task');
      }
    }
    const hasFirst = roles.includes('first_frame');
    const hasLast = roles.includes('last_frame');
    const references = counts.image + counts.video + counts.audio;
    if (hasLast && !hasFirst) return invalid('content', 'a last frame needs a first frame');
    if (references > 0 && (hasFirst || hasLast)) {
      return invalid('content', 'last frame image content cannot be mixed with first frame or reference image content');
    }
    if (hasFirst && !spec.firstFrame) return invalid('content', `first frame is not supported by ${body.model}`);
    if (hasLast && !spec.lastFrame) return invalid('content', `last frame is not supported by ${body.model}`);
    for (const kind of ['image', 'video', 'audio'] as const) {
      if (counts[kind] > spec.references[kind]) {
        return invalid('content', `${body.model} takes at most ${spec.references[kind]} reference ${kind}s`);
      }
    }
    if (counts.audio > 0 && counts.image + counts.video === 0) {
      return invalid('content', 'audio cannot be the only reference');
    }
    if (!spec.textToVideo && !hasFirst && references === 0) {
      return invalid('content', `${body.model} needs an image`);
    }
    if (prompt === undefined && roles.length === 0 && !draftTask) {
      return invalid('content', 'a text prompt or an image is required');
    }

    const ratio = body.ratio ?? (spec.durations.auto || hasFirst ? 'adaptive' : '16:9');
    if (typeof ratio !== 'string' || !RATIOS.includes(ratio)) return invalid('ratio', `expected ${RATIOS.join(', ')}`);
    const resolution = typeof body.resolution === 'string' ? body.resolution.toLowerCase() : '720p';
    if (body.resolution !== undefined && !spec.resolutions.includes(resolution)) {
      return invalid('resolution', `${body.model} takes ${spec.resolutions.join(', ')}`);
    }
    let seconds = 5;
    if (body.duration !== undefined) {
      const ok =
        typeof body.duration === 'number' &&
        Number.isInteger(body.duration) &&
        ((body.duration >= spec.durations.min && body.duration <= spec.durations.max) ||
          (spec.durations.auto && body.duration === -1));
      if (!ok) return invalid('duration', `expected ${spec.durations.min} to ${spec.durations.max}`);
      if (body.duration !== -1) seconds = body.duration as number;
    }
    if (body.frames !== undefined) {
      const frames = body.frames;
      if (!spec.frames) return invalid('frames', `frames is not supported by ${body.model}`);
      if (typeof frames !== 'number' || !Number.isInteger(frames) || frames < 29 || frames > 289 || (frames - 25) % 4) {
        return invalid('frames', 'expected 25 + 4n in [29, 289]');
      }
      seconds = frames / SEEDANCE_FPS;
    }
    if (
      body.seed !== undefined &&
      (typeof body.seed !== 'number' || !Number.isInteger(body.seed) || body.seed < -1 || body.seed > 0xffffffff)
    ) {
      return invalid('seed', 'expected an integer in [-1, 4294967295]');
    }
    for (const flag of ['watermark', 'camera_fixed', 'generate_audio', 'return_last_frame', 'draft']) {
      if (body[flag] !== undefined && typeof body[flag] !== 'boolean') return invalid(flag, 'must be a boolean');
    }
    if (body.draft === true && !spec.draft) return invalid('draft', `draft is not supported by ${body.model}`);
    if (body.service_tier !== undefined) {
      if (body.service_tier !== 'default' && body.service_tier !== 'flex') {
        return invalid('service_tier', 'expected default or flex');
      }
      if (body.service_tier === 'flex' && (!spec.flex || body.draft === true)) {
        return invalid('service_tier', `flex is not supported here`);
      }
    }
    if (
      body.execution_expires_after !== undefined &&
      (typeof body.execution_expires_after !== 'number' ||
        body.execution_expires_after < 3600 ||
        body.execution_expires_after > 259200)
    ) {
      return invalid('execution_expires_after', 'expected 3600 to 259200');
    }
    if (
      body.callback_url !== undefined &&
      (typeof body.callback_url !== 'string' || !URL.canParse(body.callback_url))
    ) {
      return invalid('callback_url', 'must be a URL');
    }

    const effectiveResolution = body.draft === true ? '480p' : resolution;
    const [width, height] = dimensions(effectiveResolution, ratio);
    const stamp = new Date(ctx.now()).toISOString().replace(/\D/g, '').slice(0, 14);
    const job = ctx.createJob({
      id: `cgt-${stamp}-${randomAlphanumeric(5).toLowerCase()}`,
      api: 'bytedance',
      model: body.model,
      prompt,
      width,
      height,
      seconds,
      fps: SEEDANCE_FPS,
      request: body,
      webhookUrls: typeof body.callback_url === 'string' ? [body.callback_url] : [],
      extra: {
        requestId: requestId(),
        seed: typeof body.seed === 'number' && body.seed >= 0 ? body.seed : Math.floor(Math.random() * 2 ** 31),
        resolution: effectiveResolution,
        ratio,
        audio: spec.audio,
        ...(sourceTasks.length > 0 ? { sourceTasks } : {}),
      },
    });
    return json({ id: job.id });
  }

  function findTask(id: string) {
    const job = ctx.findJob('bytedance', id);
    return job && !job.deleted ? job : undefined;
  }

  function notFoundTask(id: string) {
    return error(404, `The specified task ${id} is not found.`, { code: 'ResourceNotFound' });
  }

  function retrieve(request: Request, id: string): Response {
    const denied = checkAuth(request);
    if (denied) return denied;
    const job = findTask(id);
    return job ? json(taskBody(job)) : notFoundTask(id);
  }

  function list(request: Request, url: URL): Response {
    const denied = checkAuth(request);
    if (denied) return denied;
    const pageNum = Number(url.searchParams.get('page_num') ?? '1');
    const pageSize = Number(url.searchParams.get('page_size') ?? '10');
    if (!Number.isInteger(pageNum) || pageNum < 1 || pageNum > 500) return invalid('page_num', 'expected 1 to 500');
    if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 500) return invalid('page_size', 'expected 1 to 500');
    const status = url.searchParams.get('filter.status');
    const ids = url.searchParams.getAll('filter.task_ids');
    const model = url.searchParams.get('filter.model');
    const items = ctx
      .listJobs('bytedance')
      .filter((job) => !job.deleted)
      .map((job) => taskBody(job))
      .filter((task) => (!status || task.status === status) && (ids.length === 0 || ids.includes(task.id)))
      .filter((task) => !model || task.model === model)
      .reverse();
    return json({ items: items.slice((pageNum - 1) * pageSize, pageNum * pageSize), total: items.length });
  }

  function remove(request: Request, id: string): Response {
    const denied = checkAuth(request);
    if (denied) return denied;
    const job = findTask(id);
    if (!job) return notFoundTask(id);
    const status = statusName(ctx.state(job));
    if (status === 'queued') ctx.cancel(job);
    else if (status === 'running' || status === 'cancelled') {
      return error(400, `The task ${id} is ${status} and cannot be cancelled or deleted.`, {
        code: 'InvalidParameter',
      });
    } else job.deleted = true;
    return json({});
  }

  function media(request: Request, id: string, file: string): Response {
    const job = ctx.findJob('bytedance', id);
    if (!job || ctx.state(job).status !== 'completed') {
      return new Response('<Error><Code>NoSuchKey</Code></Error>', {
        status: 404,
        headers: { 'content-type': 'application/xml' },
      });
    }
    if (file === 'last-frame.png') return bytesResponse(LAST_FRAME_PNG, 'image/png');
    const { clip, total } = ctx.media(job);
    return mp4Response(request, clip, total);
  }

  function match(request: Request, url: URL, mount: string, path: string): MatchedRoute | undefined {
    const method = request.method.toUpperCase();
    const segments = path.split('/').filter(Boolean).map(decodeURIComponent);
    if (mount === 'bytedanceMedia') {
      const ok =
        segments.length === 3 &&
        segments[0] === 'ark-emulator' &&
        (segments[2] === 'video.mp4' || segments[2] === 'last-frame.png');
      if (!ok || (method !== 'GET' && method !== 'HEAD')) return undefined;
      return { route: 'media', jobId: segments[1], run: () => media(request, segments[1], segments[2]) };
    }
    if (segments[0] !== 'contents' || segments[1] !== 'generations' || segments[2] !== 'tasks') return undefined;
    if (segments.length === 3 && method === 'POST') return { route: 'create', run: () => create(request) };
    if (segments.length === 3 && method === 'GET') return { route: 'list', run: () => list(request, url) };
    if (segments.length === 4) {
      const id = segments[3];
      if (method === 'GET') return { route: 'retrieve', jobId: id, run: () => retrieve(request, id) };
      if (method === 'DELETE') return { route: 'cancel', jobId: id, run: () => remove(request, id) };
    }
    return undefined;
  }

  return {
    api: 'bytedance',
    match,
    notFound(request, url) {
      return error(404, `The requested resource ${request.method.toUpperCase()} ${url.pathname} is not found.`, {
        code: 'NotFound',
      });
    },
    errorResponse(status, extraHeaders) {
      const messages: Record<number, string> = {
        429: 'The request rate of the endpoint exceeds the RPM limit. Please retry later.',
        500: 'The service encountered an unexpected internal error.',
        503: 'The service is overloaded. Please retry later.',
      };
      return error(status, messages[status] ?? `The request failed with status ${status}.`, { headers: extraHeaders });
    },
    webhooks(job, state): WebhookMessage[] {
      // Ark calls back on each status change; the emulator sends the terminal one. Unsigned, as Ark's.
      const body = JSON.stringify(taskBody(job, state));
      return job.webhookUrls.map((url) => ({
        url,
        event: statusName(state),
        body,
        headers: { 'content-type': 'application/json' },
      }));
    },
  };
}
