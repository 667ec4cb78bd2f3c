import { createHmac, randomInt, timingSafeEqual } from 'node:crypto';
import type { ApiModule, EmulatorContext, JobRecord, JobState, MatchedRoute, WebhookMessage } from '../context';
import { mp4Response } from '../media';
import { standardWebhookHeaders } from '../webhooks';
import { isRecord, json, randomHex, readBody, uuid } from '../util';

interface KlingModel {
  durations: number[];
  textToVideo: boolean;
  sound: boolean;
  multiShot: boolean;
}

const FIVE_OR_TEN = [5, 10];
const V3_DURATIONS = [3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15];

/** Model catalogue (reference part 2, §2.3). */
export const KLING_MODELS: Record<string, KlingModel> = {
  'kling-v1': { durations: FIVE_OR_TEN, textToVideo: true, sound: false, multiShot: false },
  'kling-v1-5': { durations: FIVE_OR_TEN, textToVideo: false, sound: false, multiShot: false },
  'kling-v1-6': { durations: FIVE_OR_TEN, textToVideo: true, sound: false, multiShot: false },
  'kling-v2-master': { durations: FIVE_OR_TEN, textToVideo: true, sound: false, multiShot: false },
  'kling-v2-1': { durations: FIVE_OR_TEN, textToVideo: false, sound: false, multiShot: false },
  'kling-v2-1-master': { durations: FIVE_OR_TEN, textToVideo: true, sound: false, multiShot: false },
  'kling-v2-5-turbo': { durations: FIVE_OR_TEN, textToVideo: true, sound: false, multiShot: false },
  'kling-v2-6': { durations: FIVE_OR_TEN, textToVideo: true, sound: true, multiShot: false },
  'kling-v3': { durations: V3_DURATIONS, textToVideo: true, sound: true, multiShot: true },
};

/** The task families, each polled on its own path. */
const ENDPOINTS = ['text2video', 'image2video', 'multi-image2video', 'video-extend'] as const;
type Endpoint = (typeof ENDPOINTS)[number];

/** Kling's clips are 24 fps. */
const KLING_FPS = 24;

/** Seconds one `video-extend` task adds to its source. */
const EXTENSION_SECONDS = 4;
/** Kling extends only videos shorter than 3 minutes. */
const MAX_EXTEND_SOURCE_SECONDS = 180;
/** Kling deletes generated videos 30 days after generation (they cannot be fetched or extended after). */
const RETENTION_MS = 30 * 24 * 60 * 60 * 1000;

const CAMERA_TYPES = ['simple', 'down_back', 'forward_up', 'right_turn_forward', 'left_turn_forward'];
const CAMERA_AXES = ['horizontal', 'vertical', 'pan', 'tilt', 'roll', 'zoom'];

/** Kling's HTTP status and code per fault status (reference §2.6). */
const FAULT_CODES: Record<number, { code: number; message: string }> = {
  400: { code: 1200, message: 'Invalid request parameters' },
  401: { code: 1000, message: 'Authentication failed' },
  403: { code: 1103, message: 'Unauthorized access to requested resource' },
  404: { code: 1203, message: 'Requested resource does not exist' },
  429: { code: 1302, message: 'The API request is too fast, please slow down the request frequency' },
  500: { code: 5000, message: 'Server internal error' },
  503: { code: 5001, message: 'Server temporarily unavailable, usually due to maintenance' },
  504: { code: 5002, message: 'Server internal timeout, usually due to a backlog' },
};

const FILTERED_MESSAGE = 'Failure to pass the risk control system';

function error(status: number, code: number, message: string, headers: Record<string, string> = {}): Response {
  return json({ code, message, request_id: uuid() }, status, headers);
}

function invalid(message: string): Response {
  return error(400, 1201, message);
}

function fromBase64Url(text: string): Buffer {
  return Buffer.from(text, 'base64url');
}

/** A 19-digit numeric task id, as Kling's look. */
function newTaskId(): string {
  return `8${String(randomInt(0, 1e9)).padStart(9, '0')}${String(randomInt(0, 1e9)).padStart(9, '0')}`;
}

/** A Kling image field: an http(s) URL or raw base64 (no `data:` prefix). */
function checkImage(value: unknown, field: string): string | undefined {
  if (typeof value !== 'string' || value.length === 0) return `${field} must be a URL or a Base64 string`;
  if (/^https?:\/\//.test(value)) return undefined;
  if (value.startsWith('data:')) return `${field}: Base64 must not carry a data: prefix`;
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(value)) return `${field} is neither a URL nor valid Base64`;
  return undefined;
}

/**
 * The Kling API (legacy style: `/v1/videos/{family}`, `model_name` in the body).
 * `secretKeys` maps access keys to secret keys: a JWT whose `iss` is listed must be signed
 * with that secret; without a map, any well-formed, current HS256 JWT is accepted (the
 * emulator cannot know a secret it was not given). A bearer that is not a JWT is an API key
 * (the newer style), checked with `apiKeys`.
 */
export function createKlingApi(ctx: EmulatorContext, secretKeys?: Record<string, string>): ApiModule {
  /** video id -> task, for downloads and video-extend. */
  const videos = new Map<string, { jobId: string; index: number }>();
  /** external_task_id -> task id. */
  const external = new Map<string, string>();

  function checkAuth(request: Request): Response | undefined {
    const header = request.headers.get('authorization');
    const match = header ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
    if (!header || !match) return error(401, 1001, 'Authorization is empty');
    const token = match[1];
    const parts = token.split('.');
    if (parts.length !== 3) {
      return ctx.keyAllowed('kling', token) ? undefined : error(401, 1002, 'Authorization is invalid');
    }
    let header_: unknown;
    let payload: unknown;
    try {
      header_ = JSON.parse(fromBase64Url(parts[0]).toString('utf8'));
      payload = JSON.parse(fromBase64Url(parts[1]).toString('utf8'));
    } catch {
      return error(401, 1002, 'Authorization is invalid');
    }
    if (!isRecord(header_) || header_.alg !== 'HS256' || !isRecord(payload) || typeof payload.iss !== 'string') {
      return error(401, 1002, 'Authorization is invalid');
    }
    if (!ctx.keyAllowed('kling', payload.iss)) return error(401, 1002, 'Authorization is invalid');
    const secret = secretKeys?.[payload.iss];
    if (secretKeys && secret === undefined) return error(401, 1002, 'Authorization is invalid');
    if (secret !== undefined) {
      const expected = createHmac('sha256', secret).update(`${parts[0]}.${parts[1]}`).digest();
      const given = fromBase64Url(parts[2]);
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
        return error(401, 1000, 'Authentication failed');
      }
    }
    const nowSeconds = Math.floor(ctx.now() / 1000);
    if (typeof payload.nbf === 'number' && payload.nbf > nowSeconds) {
      return error(401, 1003, 'Authorization is not yet valid');
    }
    if (typeof payload.exp !== 'number' || payload.exp <= nowSeconds) {
      return error(401, 1004, 'Authorization has expired');
    }
    return undefined;
  }

  function videoUrl(job: JobRecord, index: number): string {
    return `${ctx.baseURLs.klingCdn}/${job.id}/${(job.extra.videoIds as string[])[index]}.mp4`;
  }

  function expired(job: JobRecord): boolean {
    return ctx.now() - job.createdAt >= RETENTION_MS;
  }

  function task(job: JobRecord, state: JobState = ctx.state(job)) {
    const externalTaskId = job.extra.externalTaskId as string | undefined;
    const parent = job.extra.parentVideo as Record<string, unknown> | undefined;
    const base = {
      task_id: job.id,
      task_status: 'submitted',
      task_status_msg: '',
      task_info: {
        ...(parent !== undefined ? { parent_video: parent } : {}),
        ...(externalTaskId !== undefined ? { external_task_id: externalTaskId } : {}),
      },
      created_at: job.createdAt,
      updated_at: state.finishedAt ?? job.createdAt,
    };
    switch (state.status) {
      case 'queued':
        return base;
      case 'in_progress':
        return { ...base, task_status: 'processing' };
      case 'completed':
        return {
          ...base,
          task_status: 'succeed',
          ...(job.extra.watermark ? { watermark_info: { enabled: true } } : {}),
          final_unit_deduction: String(job.extra.units),
          task_result: {
            videos: (job.extra.videoIds as string[]).map((id, index) => ({
              id,
              url: videoUrl(job, index),
              ...(job.extra.watermark ? { watermark_url: videoUrl(job, index) } : {}),
              duration: String(job.seconds),
            })),
          },
        };
      case 'filtered':
        return { ...base, task_status: 'failed', task_status_msg: job.behavior.errorMessage ?? FILTERED_MESSAGE };
      default:
        return {
          ...base,
          task_status: 'failed',
          task_status_msg: job.behavior.errorMessage ?? 'Video generation failed, please try again later',
        };
    }
  }

  function envelope(data: unknown): Response {
    return json({ code: 0, message: 'SUCCEED', request_id: uuid(), data });
  }

  async function create(request: Request, endpoint: Endpoint): Promise<Response> {
    const denied = checkAuth(request);
    if (denied) return denied;
    const parsed = await readBody(request);
    if (parsed.kind !== 'json' || !isRecord(parsed.value)) return invalid('Request body must be a JSON object');
    const body = parsed.value;

    let model = 'kling-v1';
    let spec: KlingModel | undefined = KLING_MODELS[model];
    let source: JobRecord | undefined;
    let parentVideo: Record<string, unknown> | undefined;
    if (endpoint === 'video-extend') {
      const video = typeof body.video_id === 'string' ? videos.get(body.video_id) : undefined;
      source = video && ctx.findJob('kling', video.jobId);
      if (!video || !source || ctx.state(source).status !== 'completed' || expired(source)) {
        return error(404, 1203, 'video_id does not exist');
      }
      if (source.seconds >= MAX_EXTEND_SOURCE_SECONDS) {
        return invalid('The video to extend must be shorter than 3 minutes');
      }
      parentVideo = { id: body.video_id, url: videoUrl(source, video.index), duration: String(source.seconds) };
      model = source.model;
      spec = KLING_MODELS[model];
    } else {
      if (body.model_name !== undefined) {
        if (typeof body.model_name !== 'string') return invalid('model_name must be a string');
        model = body.model_name;
      }
      spec = KLING_MODELS[model];
      if (!spec) return error(404, 1203, `model_name ${model} does not exist`);
    }
    if (!spec) return error(404, 1203, `model_name ${model} does not exist`);

    const prompt = body.prompt;
    if (prompt !== undefined && (typeof prompt !== 'string' || prompt.length > 2500)) {
      return invalid('prompt must be a string of at most 2500 characters');
    }
    if (
      body.negative_prompt !== undefined &&
      (typeof body.negative_prompt !== 'string' || body.negative_prompt.length > 2500)
    ) {
      return invalid('negative_prompt must be a string of at most 2500 characters');
    }
    if (
      body.cfg_scale !== undefined &&
      (typeof body.cfg_scale !== 'number' || body.cfg_scale < 0 || body.cfg_scale > 1)
    ) {
      return invalid('cfg_scale must be a number from 0 to 1');
    }
    const mode = body.mode ?? 'std';
    if (mode !== 'std' && mode !== 'pro') return invalid('mode must be std or pro');
    const aspectRatio = body.aspect_ratio ?? '16:9';
    if (aspectRatio !== '16:9' && aspectRatio !== '9:16' && aspectRatio !== '1:1') {
      return invalid('aspect_ratio must be 16:9, 9:16 or 1:1');
    }
    // The docs and SDKs send a string ("5"); a number is accepted too.
    const rawDuration = body.duration ?? '5';
    const duration = typeof rawDuration === 'string' && /^\d+$/.test(rawDuration) ? Number(rawDuration) : rawDuration;
    if (typeof duration !== 'number' || !spec.durations.includes(duration)) {
      return invalid(`duration must be one of ${spec.durations.map((value) => `"${value}"`).join(', ')} for ${model}`);
    }
    if (body.sound !== undefined) {
      if (body.sound !== 'on' && body.sound !== 'off') return invalid('sound must be on or off');
      if (body.sound === 'on' && !spec.sound) return invalid(`sound is not supported by ${model}`);
    }
    if (body.camera_control !== undefined) {
      const camera = body.camera_control;
      if (!isRecord(camera) || typeof camera.type !== 'string' || !CAMERA_TYPES.includes(camera.type)) {
        return invalid(`camera_control.type must be one of ${CAMERA_TYPES.join(', ')}`);
      }
      if (camera.type === 'simple') {
        const config = camera.config;
        if (!isRecord(config)) return invalid('camera_control.config is required for type simple');
        const values = Object.entries(config);
        if (
          values.some(
            ([key, value]) => !CAMERA_AXES.includes(key) || typeof value !== 'number' || value < -10 || value > 10,
          )
        ) {
          return invalid('camera_control.config values must be numbers from -10 to 10');
        }
        if (values.filter(([, value]) => value !== 0).length !== 1) {
          return invalid('camera_control.config must have exactly one non-zero value');
        }
      } else if (camera.config !== undefined) {
        return invalid(`camera_control.config is only for type simple`);
      }
    }
    let seconds = duration;
    if (body.multi_shot !== undefined) {
      if (typeof body.multi_shot !== 'boolean') return invalid('multi_shot must be a boolean');
      if (body.multi_shot && !spec.multiShot) return invalid(`multi_shot is not supported by ${model}`);
    }
    if (body.multi_shot === true) {
      if (body.shot_type !== 'customize' && body.shot_type !== 'intelligence') {
        return invalid('shot_type must be customize or intelligence when multi_shot is true');
      }
      if (body.shot_type === 'customize') {
        const shots = body.multi_prompt;
        if (!Array.isArray(shots) || shots.length < 1 || shots.length > 6) {
          return invalid('multi_prompt must have 1 to 6 items');
        }
        let total = 0;
        for (const shot of shots) {
          const shotSeconds = isRecord(shot) ? Number(shot.duration) : Number.NaN;
          if (!isRecord(shot) || typeof shot.prompt !== 'string' || shot.prompt.length > 512 || !(shotSeconds >= 1)) {
            return invalid('multi_prompt items need a prompt (≤512 characters) and a duration of at least 1');
          }
          total += shotSeconds;
        }
        if (total !== duration) return invalid('the multi_prompt durations must add up to duration');
      } else if (typeof prompt !== 'string' || !prompt.trim()) {
        return invalid('prompt is required');
      }
    }

    // Inputs per family
    if (endpoint === 'text2video') {
      if (!spec.textToVideo) return invalid(`${model} does not support text to video`);
      if (body.multi_shot !== true && (typeof prompt !== 'string' || !prompt.trim()))
        return invalid('prompt is required');
    } else if (endpoint === 'image2video') {
      if (body.image === undefined && body.image_tail === undefined) return invalid('image or image_tail is required');
      for (const field of ['image', 'image_tail', 'static_mask'] as const) {
        if (body[field] === undefined) continue;
        const problem = checkImage(body[field], field);
        if (problem) return invalid(problem);
      }
      const masks = body.static_mask !== undefined || body.dynamic_masks !== undefined;
      if ([body.image_tail !== undefined, masks, body.camera_control !== undefined].filter(Boolean).length > 1) {
        return invalid('image_tail, static_mask/dynamic_masks and camera_control cannot be used together');
      }
    } else if (endpoint === 'multi-image2video') {
      const list = body.image_list;
      if (!Array.isArray(list) || list.length < 1 || list.length > 4)
        return invalid('image_list must have 1 to 4 items');
      for (const [index, item] of list.entries()) {
        const problem = isRecord(item)
          ? checkImage(item.image, `image_list[${index}].image`)
          : 'image_list items must be objects';
        if (problem) return invalid(problem);
      }
      if (typeof prompt !== 'string' || !prompt.trim()) return invalid('prompt is required');
    }
    for (const [field, kind] of [
      ['callback_url', 'string'],
      ['external_task_id', 'string'],
    ] as const) {
      if (body[field] !== undefined && typeof body[field] !== kind) return invalid(`${field} must be a ${kind}`);
    }
    if (body.callback_url !== undefined && !/^https?:\/\//.test(body.callback_url as string)) {
      return invalid('callback_url must be an http(s) URL');
    }
    const externalTaskId = body.external_task_id as string | undefined;
    if (externalTaskId !== undefined && external.has(externalTaskId)) {
      return invalid('external_task_id must be unique');
    }

    // An extension is the source video continued: its length plus the new seconds, in the source's size.
    if (source) seconds = source.seconds + EXTENSION_SECONDS;
    const short = mode === 'pro' ? 1080 : 720;
    const long = Math.round((short * 16) / 9);
    const [width, height] = source
      ? [source.width, source.height]
      : aspectRatio === '9:16'
        ? [short, long]
        : aspectRatio === '1:1'
          ? [short, short]
          : [long, short];
    const id = newTaskId();
    const videoIds = [uuid()];
    const job = ctx.createJob({
      id,
      api: 'kling',
      model,
      prompt: typeof prompt === 'string' ? prompt : undefined,
      width,
      height,
      seconds,
      fps: KLING_FPS,
      outputs: 1,
      request: body,
      webhookUrls: typeof body.callback_url === 'string' ? [body.callback_url] : [],
      extra: {
        endpoint,
        videoIds,
        externalTaskId,
        parentVideo,
        watermark: isRecord(body.watermark_info) && body.watermark_info.enabled === true,
        // Emulated billing: 1 unit per 5 s in std, 2 in pro (Kling reports its own).
        units: Math.round((((mode === 'pro' ? 2 : 1) * seconds) / 5) * 100) / 100,
      },
    });
    for (const [index, videoId] of videoIds.entries()) videos.set(videoId, { jobId: job.id, index });
    if (externalTaskId !== undefined) external.set(externalTaskId, job.id);
    return envelope(task(job));
  }

  function findTask(endpoint: Endpoint, id: string): JobRecord | undefined {
    const job = ctx.findJob('kling', external.get(id) ?? id);
    return job && job.extra.endpoint === endpoint ? job : undefined;
  }

  function retrieve(request: Request, endpoint: Endpoint, id: string): Response {
    const denied = checkAuth(request);
    if (denied) return denied;
    const job = findTask(endpoint, id);
    if (!job) return error(404, 1203, 'Task does not exist');
    return envelope(task(job));
  }

  function list(request: Request, url: URL, endpoint: Endpoint): Response {
    const denied = checkAuth(request);
    if (denied) return denied;
    const pageNum = Number(url.searchParams.get('pageNum') ?? 1);
    const pageSize = Number(url.searchParams.get('pageSize') ?? 30);
    if (
      !Number.isInteger(pageNum) ||
      pageNum < 1 ||
      pageNum > 1000 ||
      !Number.isInteger(pageSize) ||
      pageSize < 1 ||
      pageSize > 500
    ) {
      return invalid('pageNum must be 1-1000 and pageSize 1-500');
    }
    const tasks = ctx
      .listJobs('kling')
      .filter((job) => job.extra.endpoint === endpoint)
      .reverse()
      .slice((pageNum - 1) * pageSize, pageNum * pageSize)
      .map((job) => task(job));
    return envelope(tasks);
  }

  function media(request: Request, taskId: string, file: string): Response {
    const job = ctx.findJob('kling', taskId);
    const videoId = file.replace(/\.mp4$/, '');
    const video = videos.get(videoId);
    if (!job || !video || video.jobId !== job.id || ctx.state(job).status !== 'completed' || expired(job)) {
      return new Response('Not Found', { status: 404, headers: { 'content-type': 'text/plain' } });
    }
    const { clip, total } = ctx.media(job);
    return mp4Response(request, clip, total, { 'cache-control': 'public, max-age=2592000' });
  }

  function match(request: Request, url: URL, mount: string, path: string): MatchedRoute | undefined {
    const method = request.method.toUpperCase();
    if (mount === 'klingCdn') {
      const m = /^\/([^/]+)\/([^/]+\.mp4)$/.exec(path);
      if (m && (method === 'GET' || method === 'HEAD')) {
        const [, taskId, file] = m;
        return { route: 'media', jobId: taskId, run: () => media(request, taskId, file) };
      }
      return undefined;
    }
    const m = /^\/v1\/videos\/([a-z0-9-]+)(?:\/([^/]+))?$/.exec(path);
    if (!m || !(ENDPOINTS as readonly string[]).includes(m[1])) return undefined;
    const endpoint = m[1] as Endpoint;
    const id = m[2] === undefined ? undefined : decodeURIComponent(m[2]);
    if (id === undefined && method === 'POST') return { route: 'create', run: () => create(request, endpoint) };
    if (id === undefined && method === 'GET') return { route: 'list', run: () => list(request, url, endpoint) };
    if (id !== undefined && method === 'GET') {
      const jobId = external.get(id) ?? id;
      return { route: 'retrieve', jobId, run: () => retrieve(request, endpoint, id) };
    }
    return undefined;
  }

  return {
    api: 'kling',
    match,
    notFound(_request, url) {
      return error(404, 1202, `Request method or path ${url.pathname} is invalid`);
    },
    errorResponse(status, extraHeaders) {
      const known = FAULT_CODES[status] ?? {
        code: status >= 500 ? 5000 : 1200,
        message: `Request failed with status ${status}`,
      };
      return error(status, known.code, known.message, extraHeaders);
    },
    webhooks(job, state): WebhookMessage[] {
      if (job.webhookUrls.length === 0 || state.status === 'cancelled') return [];
      // The legacy callback: the task, flat (not in the response envelope), without watermark_url.
      const { watermark_info: _watermark, ...payload } = task(job, state) as Record<string, unknown>;
      if (isRecord(payload.task_result) && Array.isArray(payload.task_result.videos)) {
        payload.task_result = {
          videos: payload.task_result.videos.map((video) => {
            const { watermark_url: _url, ...rest } = video as Record<string, unknown>;
            return rest;
          }),
        };
      }
      const body = JSON.stringify(payload);
      const timestamp = Math.floor(ctx.now() / 1000);
      const webhookId = randomHex(8);
      return job.webhookUrls.map((url) => ({
        url,
        event: String(payload.task_status),
        body,
        headers: {
          'content-type': 'application/json',
          ...standardWebhookHeaders(ctx.webhookKeys.kling, webhookId, timestamp, body),
        },
      }));
    },
  };
}
