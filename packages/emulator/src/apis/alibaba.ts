import type { ApiModule, EmulatorContext, JobRecord, JobState, MatchedRoute } from '../context';
import { mp4Response } from '../media';
import { isRecord, json, randomAlphanumeric, readBody, uuid } from '../util';

/** How a Wan model is called (reference Part 2b §3.3-3.4). */
type WanMode = 't2v' | 'i2v' | 'kf2v' | 'r2v' | 'media';

/** One Wan model as the emulator knows it. */
export interface AlibabaWanModel {
  id: string;
  mode: WanMode;
  /** Resolution tiers (`480P` …); `null`: any tier. */
  tiers: string[] | null;
  defaultTier: string;
  /** Durations in seconds (a list or a range); `null`: any positive integer. */
  durations: number[] | { min: number; max: number } | null;
  defaultDuration: number;
  /** `input.media[]` types (wan2.7 / wan3). */
  mediaTypes?: string[];
  /** `parameters.ratio` values (wan2.7 / wan3). */
  ratios?: string[];
}

const RATIOS = ['16:9', '9:16', '1:1', '4:3', '3:4'];

function wan(
  id: string,
  mode: WanMode,
  tiers: string[] | null,
  defaultTier: string,
  durations: AlibabaWanModel['durations'],
  extra: Partial<AlibabaWanModel> = {},
): AlibabaWanModel {
  return { id, mode, tiers, defaultTier, durations, defaultDuration: 5, ...extra };
}

/** The Wan models of DashScope's video synthesis (reference Part 2b §3.3 model matrix and §3.4). */
export const ALIBABA_MODELS: AlibabaWanModel[] = [
  wan('wan2.6-t2v', 't2v', ['720P', '1080P'], '1080P', [5, 10, 15]),
  wan('wan2.5-t2v-preview', 't2v', ['480P', '720P', '1080P'], '1080P', [5, 10]),
  wan('wan2.2-t2v-plus', 't2v', ['480P', '1080P'], '1080P', [5]),
  wan('wanx2.1-t2v-turbo', 't2v', ['480P', '720P'], '720P', [5]),
  wan('wanx2.1-t2v-plus', 't2v', ['720P'], '720P', [5]),
  wan('wan2.6-i2v-flash', 'i2v', ['720P', '1080P'], '1080P', { min: 2, max: 15 }),
  wan('wan2.6-i2v', 'i2v', ['720P', '1080P'], '1080P', [5, 10, 15]),
  wan('wan2.5-i2v-preview', 'i2v', ['480P', '720P', '1080P'], '1080P', [5, 10]),
  wan('wan2.2-i2v-flash', 'i2v', ['480P', '720P', '1080P'], '720P', [5]),
  wan('wan2.2-i2v-plus', 'i2v', ['480P', '1080P'], '1080P', [5]),
  wan('wanx2.1-i2v-plus', 'i2v', ['720P'], '720P', [5]),
  wan('wanx2.1-i2v-turbo', 'i2v', ['480P', '720P'], '720P', [3, 4, 5]),
  wan('wan2.2-kf2v-flash', 'kf2v', null, '720P', [5]),
  wan('wanx2.1-kf2v-plus', 'kf2v', ['720P'], '720P', [5]),
  wan('wan2.6-r2v', 'r2v', ['720P', '1080P'], '1080P', null),
  wan('wan2.6-r2v-flash', 'r2v', ['720P', '1080P'], '1080P', null),
  wan('wan2.7-t2v', 'media', ['720P', '1080P'], '1080P', null, { mediaTypes: [], ratios: RATIOS }),
  wan('wan2.7-i2v', 'media', ['720P', '1080P'], '1080P', null, {
    mediaTypes: ['first_frame', 'last_frame', 'driving_audio', 'first_clip'],
    ratios: RATIOS,
  }),
  wan('wan2.7-r2v', 'media', ['720P', '1080P'], '1080P', null, {
    mediaTypes: ['reference_image', 'reference_video'],
    ratios: RATIOS,
  }),
  wan('wan2.7-videoedit', 'media', ['720P', '1080P'], '1080P', null, {
    mediaTypes: ['video', 'reference_image'],
    ratios: RATIOS,
  }),
  wan(
    'wan3.0-video',
    'media',
    ['480P', '720P', '1080P'],
    '1080P',
    { min: 2, max: 30 },
    {
      mediaTypes: ['first_frame', 'last_frame', 'reference_image', 'reference_video', 'reference_audio'],
      ratios: [...RATIOS, 'adaptive'],
    },
  ),
];

/** `parameters.size` values per tier (t2v and r2v take exact sizes). */
const TIER_SIZES: Record<string, string[]> = {
  '480P': ['832*480', '480*832', '624*624'],
  '720P': ['1280*720', '720*1280', '960*960', '1088*832', '832*1088'],
  '1080P': ['1920*1080', '1080*1920', '1440*1440', '1632*1248', '1248*1632'],
};

const SHORT_SIDE: Record<string, number> = { '480P': 480, '720P': 720, '1080P': 1080 };

/** Wan renders at 30 fps. */
const WAN_FPS = 30;

function findModel(id: string): AlibabaWanModel | undefined {
  return (
    ALIBABA_MODELS.find((model) => model.id === id) ??
    // dated aliases, e.g. wan2.7-t2v-2026-06-12
    ALIBABA_MODELS.filter((model) => id.startsWith(`${model.id}-`)).sort((a, b) => b.id.length - a.id.length)[0]
  );
}

function error(status: number, code: string, message: string, headers: Record<string, string> = {}): Response {
  return json({ code, message, request_id: uuid() }, status, headers);
}

function invalid(message: string): Response {
  return error(400, 'InvalidParameter', message);
}

/** `YYYY-MM-DD HH:mm:ss.SSS` (DashScope's timestamp format; UTC here). */
function timestamp(ms: number): string {
  return new Date(ms).toISOString().replace('T', ' ').replace('Z', '');
}

/** A URL, a `data:` URI or bare base64 (the API takes all three; @ai-sdk/alibaba sends bare base64). */
function isMediaReference(value: unknown): boolean {
  if (typeof value !== 'string' || value === '') return false;
  if (/^(https?|oss):\/\//.test(value)) return true;
  if (/^data:[\w.+-]+\/[\w.+-]+;base64,/.test(value)) return true;
  return /^[A-Za-z0-9+/=\s]+$/.test(value);
}

function dimensionsOf(tier: string, ratio: string | undefined): [number, number] {
  const short = SHORT_SIDE[tier] ?? 720;
  const [a, b] = (ratio && ratio !== 'adaptive' ? ratio : '16:9').split(':').map(Number);
  const even = (value: number) => Math.round(value / 2) * 2;
  return a >= b ? [even((short * a) / b), short] : [short, even((short * b) / a)];
}

function durationAllowed(durations: AlibabaWanModel['durations'], value: number): boolean {
  if (durations === null) return value > 0;
  if (Array.isArray(durations)) return durations.includes(value);
  return value >= durations.min && value <= durations.max;
}

export function createAlibabaApi(ctx: EmulatorContext): ApiModule {
  function checkAuth(request: Request): Response | undefined {
    const header = request.headers.get('authorization');
    const match = header ? /^Bearer\s+(\S.*)$/i.exec(header.trim()) : null;
    if (!match) return error(401, 'InvalidApiKey', 'No API-key provided.');
    if (!ctx.keyAllowed('alibaba', match[1].trim())) return error(401, 'InvalidApiKey', 'Invalid API-key provided.');
    return undefined;
  }

  /** The task id of an emulated OSS result link (`{alibabaStorage}/{id}.mp4?…`), else `undefined`. */
  function sourceTaskId(url: string): string | undefined {
    const prefix = `${ctx.baseURLs.alibabaStorage}/`;
    if (!url.startsWith(prefix)) return undefined;
    return decodeURIComponent(
      url
        .slice(prefix.length)
        .split('?')[0]
        .replace(/\.mp4$/, ''),
    );
  }

  function videoUrl(job: JobRecord): string {
    const expires = Math.floor(ctx.now() / 1000) + 86_400;
    return `${ctx.baseURLs.alibabaStorage}/${job.id}.mp4?Expires=${expires}&OSSAccessKeyId=LTAIemulator&Signature=${encodeURIComponent(String(job.extra.token))}`;
  }

  function taskStatus(state: JobState): string {
    switch (state.status) {
      case 'queued':
        return 'PENDING';
      case 'in_progress':
        return 'RUNNING';
      case 'completed':
        return 'SUCCEEDED';
      case 'cancelled':
        return 'CANCELED';
      default:
        return 'FAILED';
    }
  }

  function usage(job: JobRecord) {
    const model = findModel(job.model);
    const base = { video_count: 1, SR: Math.min(job.width, job.height), size: `${job.width}*${job.height}` };
    if (model?.id.startsWith('wanx2.1'))
      return { video_duration: job.seconds, video_ratio: 'standard', video_count: 1 };
    if (model?.id.startsWith('wan2.2') || model?.id.startsWith('wan2.5')) {
      return { duration: job.seconds, video_duration: job.seconds, video_ratio: base.size, ...base };
    }
    return { duration: job.seconds, input_video_duration: 0, output_video_duration: job.seconds, ...base };
  }

  function taskBody(job: JobRecord) {
    const state = ctx.state(job);
    const status = taskStatus(state);
    const output: Record<string, unknown> = {
      task_id: job.id,
      task_status: status,
      submit_time: timestamp(job.createdAt),
    };
    if (state.status !== 'queued' && state.status !== 'cancelled') {
      output.scheduled_time = timestamp(job.createdAt + job.behavior.queueMs);
    }
    if (state.finishedAt !== undefined) output.end_time = timestamp(state.finishedAt);
    if (job.prompt !== undefined) output.orig_prompt = job.prompt;
    if (state.status === 'completed') output.video_url = videoUrl(job);
    if (state.status === 'failed') {
      output.code = 'InternalError.Algo';
      output.message = job.behavior.errorMessage ?? 'An internal error occurred while generating the video.';
    }
    if (state.status === 'filtered') {
      output.code = 'DataInspectionFailed';
      output.message = job.behavior.errorMessage ?? 'Output data may contain inappropriate content.';
    }
    return {
      request_id: uuid(),
      output,
      ...(state.status === 'completed' ? { usage: usage(job) } : {}),
    };
  }

  async function create(request: Request, task: string): Promise<Response> {
    const denied = checkAuth(request);
    if (denied) return denied;
    if (request.headers.get('x-dashscope-async')?.trim().toLowerCase() !== 'enable') {
      return error(403, 'AccessDenied', 'current user api does not support synchronous calls');
    }
    const parsed = await readBody(request);
    if (parsed.kind === 'invalid') return invalid(parsed.message);
    if (parsed.kind !== 'json' || !isRecord(parsed.value)) return invalid('Request body must be a JSON object.');
    const body = parsed.value;
    if (typeof body.model !== 'string' || body.model === '') return invalid('Model not specified.');
    const model = findModel(body.model);
    if (!model) return invalid('Model not exist.');
    if ((model.mode === 'kf2v') !== (task === 'image2video')) {
      return invalid(`Model ${body.model} is not supported on the ${task} task path.`);
    }
    const input = body.input;
    if (!isRecord(input)) return invalid('Field required: input');
    const parameters = body.parameters === undefined ? {} : body.parameters;
    if (!isRecord(parameters)) return invalid('parameters must be an object.');
    const prompt = input.prompt;
    if (prompt !== undefined && typeof prompt !== 'string') return invalid('input.prompt must be a string.');
    if ((model.mode === 't2v' || model.mode === 'r2v') && (typeof prompt !== 'string' || prompt.trim() === '')) {
      return invalid('Field required: input.prompt');
    }
    if (model.mode === 'i2v' && !isMediaReference(input.img_url)) return invalid('Field required: input.img_url');
    if (model.mode === 'kf2v') {
      if (!isMediaReference(input.first_frame_url)) return invalid('Field required: input.first_frame_url');
      if (input.last_frame_url !== undefined && !isMediaReference(input.last_frame_url)) {
        return invalid('input.last_frame_url must be a URL or base64 image.');
      }
    }
    if (model.mode === 'r2v') {
      const references = input.reference_urls;
      if (!Array.isArray(references) || references.length === 0 || references.length > 5) {
        return invalid('input.reference_urls must hold 1 to 5 URLs.');
      }
      if (!references.every(isMediaReference)) return invalid('input.reference_urls must hold URLs.');
    }
    if (model.mode === 'media' && input.media !== undefined) {
      if (!Array.isArray(input.media)) return invalid('input.media must be an array.');
      for (const [index, entry] of input.media.entries()) {
        if (!isRecord(entry) || typeof entry.type !== 'string' || !isMediaReference(entry.url)) {
          return invalid(`input.media[${index}] must be { type, url }.`);
        }
        if (!model.mediaTypes?.includes(entry.type)) {
          return invalid(`input.media[${index}].type ${entry.type} is not supported by ${model.id}.`);
        }
      }
    }
    // A source video (edit: `video`; extend: `first_clip`) from an earlier task's OSS link: that task must
    // exist and have succeeded, and its clip be 2-10 s (DashScope downloads it; an unknown link fails).
    let source: JobRecord | undefined;
    if (model.mode === 'media' && Array.isArray(input.media)) {
      for (const entry of input.media) {
        if (!isRecord(entry) || (entry.type !== 'video' && entry.type !== 'first_clip')) continue;
        const id = sourceTaskId(String(entry.url));
        if (id === undefined) continue;
        const job = ctx.findJob('alibaba', id);
        if (!job || ctx.state(job).status !== 'completed') {
          return invalid(`Failed to download the ${entry.type} media from url: the resource does not exist.`);
        }
        if (job.seconds < 2 || job.seconds > 10) {
          return invalid(`The ${entry.type} video must be 2 to 10 seconds long; got ${job.seconds}.`);
        }
        source = job;
      }
    }
    if (model.mode === 'media') {
      const types = Array.isArray(input.media)
        ? input.media.map((entry) => (isRecord(entry) ? entry.type : undefined))
        : [];
      if (model.mediaTypes?.includes('first_clip') && !types.includes('first_frame') && !types.includes('first_clip')) {
        return invalid(`image-to-video model ${model.id} must provide an image`);
      }
      if (model.mediaTypes?.includes('video') && !types.includes('video')) {
        return invalid(`video edit model ${model.id} must provide a video`);
      }
    }

    // Parameters
    const editing = model.mediaTypes?.includes('video') === true;
    let duration: unknown = parameters.duration ?? (editing ? 0 : model.defaultDuration);
    if (editing) {
      // wan2.7-videoedit: 0 keeps the source's length; 2-10 cuts it from the start.
      const sourceSeconds = source?.seconds ?? model.defaultDuration;
      if (
        typeof duration !== 'number' ||
        !Number.isInteger(duration) ||
        (duration !== 0 && (duration < 2 || duration > 10 || duration > sourceSeconds))
      ) {
        return invalid(
          `The duration ${JSON.stringify(parameters.duration)} must be 0 or 2 to 10 seconds, at most the video's.`,
        );
      }
      if (duration === 0) duration = sourceSeconds;
    } else if (
      typeof duration !== 'number' ||
      !Number.isInteger(duration) ||
      !durationAllowed(model.durations, duration)
    ) {
      return invalid(`The duration ${JSON.stringify(parameters.duration)} is not supported by ${model.id}.`);
    }
    const seconds = duration as number;
    // wan2.7-i2v with a first_clip: duration is the total length, the clip plus its continuation.
    if (source && !editing && (seconds <= source.seconds || seconds > 15)) {
      return invalid(
        `The duration ${seconds} must be longer than the first_clip (${source.seconds} s) and at most 15 seconds.`,
      );
    }
    if (
      parameters.seed !== undefined &&
      (typeof parameters.seed !== 'number' ||
        !Number.isInteger(parameters.seed) ||
        parameters.seed < 0 ||
        parameters.seed > 2147483647)
    ) {
      return invalid('parameters.seed must be an integer in [0, 2147483647].');
    }
    for (const flag of ['prompt_extend', 'watermark', 'audio'] as const) {
      if (parameters[flag] !== undefined && typeof parameters[flag] !== 'boolean') {
        return invalid(`parameters.${flag} must be a boolean.`);
      }
    }
    let width: number;
    let height: number;
    if (model.mode === 't2v' || model.mode === 'r2v') {
      if (parameters.resolution !== undefined) return invalid(`${model.id} takes parameters.size, not resolution.`);
      const allowed = (model.tiers ?? Object.keys(TIER_SIZES)).flatMap((tier) => TIER_SIZES[tier] ?? []);
      const size = parameters.size ?? TIER_SIZES[model.defaultTier][0];
      if (typeof size !== 'string' || !allowed.includes(size)) {
        return invalid(`The size ${JSON.stringify(parameters.size)} is not supported by ${model.id}.`);
      }
      [width, height] = size.split('*').map(Number);
    } else {
      if (parameters.size !== undefined) return invalid(`${model.id} takes parameters.resolution, not size.`);
      const tier = parameters.resolution ?? model.defaultTier;
      if (typeof tier !== 'string' || !(model.tiers ?? Object.keys(SHORT_SIDE)).includes(tier)) {
        return invalid(`The resolution ${JSON.stringify(parameters.resolution)} is not supported by ${model.id}.`);
      }
      let ratio: string | undefined;
      if (model.mode === 'media' && parameters.ratio !== undefined) {
        if (typeof parameters.ratio !== 'string' || !model.ratios?.includes(parameters.ratio)) {
          return invalid(`The ratio ${JSON.stringify(parameters.ratio)} is not supported by ${model.id}.`);
        }
        ratio = parameters.ratio;
      }
      [width, height] = dimensionsOf(tier, ratio);
    }

    const job = ctx.createJob({
      id: uuid(),
      api: 'alibaba',
      model: model.id,
      prompt: typeof prompt === 'string' ? prompt : undefined,
      width,
      height,
      seconds,
      fps: WAN_FPS,
      request: body,
      extra: { token: randomAlphanumeric(24), task, ...(source ? { sourceTaskId: source.id } : {}) },
    });
    return json({ output: { task_status: 'PENDING', task_id: job.id }, request_id: uuid() });
  }

  function retrieve(request: Request, id: string): Response {
    const denied = checkAuth(request);
    if (denied) return denied;
    const job = ctx.findJob('alibaba', id);
    // DashScope answers an unknown or expired task with 200 and UNKNOWN.
    if (!job) return json({ request_id: uuid(), output: { task_id: id, task_status: 'UNKNOWN' } });
    return json(taskBody(job));
  }

  /** `YYYYMMDDhhmmss` (UTC in the emulator) to ms; `undefined` when malformed. */
  function parseListTime(value: string): number | undefined {
    const match = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(value);
    if (!match) return undefined;
    const [, y, mo, d, h, mi, se] = match.map(Number);
    return Date.UTC(y, mo - 1, d, h, mi, se);
  }

  /**
   * `GET /api/v1/tasks`: the account's tasks created in a window of at most 24 h
   * (default: the last 24 h), filtered by `task_id`, `model_name` and `status`,
   * newest first, paged by `page_no` / `page_size` (default 1 / 10).
   */
  function list(request: Request, url: URL): Response {
    const denied = checkAuth(request);
    if (denied) return denied;
    const query = url.searchParams;
    const pageNo = Number(query.get('page_no') ?? '1');
    const pageSize = Number(query.get('page_size') ?? '10');
    if (!Number.isInteger(pageNo) || pageNo < 1) return invalid('page_no must be a positive integer.');
    if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 100) {
      return invalid('page_size must be an integer from 1 to 100.');
    }
    const day = 86_400_000;
    const startParam = query.get('start_time');
    const endParam = query.get('end_time');
    let start = startParam === null ? undefined : parseListTime(startParam);
    let end = endParam === null ? undefined : parseListTime(endParam);
    if ((startParam !== null && start === undefined) || (endParam !== null && end === undefined)) {
      return invalid('start_time and end_time must be YYYYMMDDhhmmss.');
    }
    if (start === undefined && end === undefined) end = ctx.now();
    if (start === undefined) start = (end as number) - day;
    if (end === undefined) end = start + day;
    if (end - start > day) return invalid('The time range between start_time and end_time cannot exceed 24 hours.');
    const status = query.get('status');
    const model = query.get('model_name');
    const taskId = query.get('task_id');
    const data = ctx
      .listJobs('alibaba')
      .filter((job) => job.createdAt >= (start as number) && job.createdAt <= (end as number))
      .filter((job) => (!taskId || job.id === taskId) && (!model || job.model === model))
      .map((job) => {
        const state = ctx.state(job);
        return {
          api_key_id: 'emulator',
          caller_parent_id: 'emulator',
          caller_uid: 'emulator',
          gmt_create: job.createdAt,
          model_name: job.model,
          region: 'ap-southeast-1',
          request_id: uuid(),
          ...(state.status !== 'queued' && state.status !== 'cancelled'
            ? { start_time: job.createdAt + job.behavior.queueMs }
            : {}),
          ...(state.finishedAt !== undefined ? { end_time: state.finishedAt } : {}),
          status: taskStatus(state),
          task_id: job.id,
          user_api_unique_key: `apikey:v1:aigc:${String(job.extra.task)}:video-synthesis:${job.model}`,
        };
      })
      .filter((item) => !status || item.status === status)
      .reverse();
    return json({
      total: data.length,
      data: data.slice((pageNo - 1) * pageSize, pageNo * pageSize),
      total_page: Math.ceil(data.length / pageSize),
      page_no: pageNo,
      request_id: uuid(),
      page_size: pageSize,
    });
  }

  function cancel(request: Request, id: string): Response {
    const denied = checkAuth(request);
    if (denied) return denied;
    const job = ctx.findJob('alibaba', id);
    if (!job) return error(404, 'InvalidParameter.TaskNotExist', `Task ${id} does not exist.`);
    const status = ctx.state(job).status;
    if (status !== 'queued') {
      return error(400, 'UnsupportedOperation', 'Failed to cancel the task, please confirm task status is PENDING');
    }
    ctx.cancel(job);
    return json({ request_id: uuid() });
  }

  function storage(request: Request, url: URL, objectName: string): Response {
    const job = ctx.findJob('alibaba', objectName.replace(/\.mp4$/, ''));
    const xml = (code: string, message: string, status: number) =>
      new Response(
        `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message></Error>`,
        { status, headers: { 'content-type': 'application/xml' } },
      );
    if (!job || ctx.state(job).status !== 'completed')
      return xml('NoSuchKey', 'The specified key does not exist.', 404);
    if (url.searchParams.get('Signature') !== String(job.extra.token)) {
      return xml('AccessDenied', 'The request signature we calculated does not match the signature you provided.', 403);
    }
    const { clip, total } = ctx.media(job);
    return mp4Response(request, clip, total, { 'x-oss-request-id': randomAlphanumeric(24) });
  }

  function match(request: Request, url: URL, mount: string, path: string): MatchedRoute | undefined {
    const method = request.method.toUpperCase();
    const segments = path.split('/').filter(Boolean).map(decodeURIComponent);
    if (mount === 'alibabaStorage') {
      if ((method === 'GET' || method === 'HEAD') && segments.length === 1) {
        const jobId = segments[0].replace(/\.mp4$/, '');
        return { route: 'storage', jobId, run: () => storage(request, url, segments[0]) };
      }
      return undefined;
    }
    if (segments[0] !== 'api' || segments[1] !== 'v1') return undefined;
    const rest = segments.slice(2);
    if (
      method === 'POST' &&
      rest.length === 4 &&
      rest[0] === 'services' &&
      rest[1] === 'aigc' &&
      (rest[2] === 'video-generation' || rest[2] === 'image2video') &&
      rest[3] === 'video-synthesis'
    ) {
      const task = rest[2];
      return { route: 'create', run: () => create(request, task) };
    }
    if (rest[0] === 'tasks' && rest.length === 1 && method === 'GET') {
      return { route: 'list', run: () => list(request, url) };
    }
    if (rest[0] === 'tasks' && rest.length === 2 && method === 'GET') {
      const id = rest[1];
      return { route: 'retrieve', jobId: id, run: () => retrieve(request, id) };
    }
    if (rest[0] === 'tasks' && rest.length === 3 && rest[2] === 'cancel' && method === 'POST') {
      const id = rest[1];
      return { route: 'cancel', jobId: id, run: () => cancel(request, id) };
    }
    return undefined;
  }

  const ERRORS: Record<number, [string, string]> = {
    400: ['InvalidParameter', 'The request is invalid.'],
    401: ['InvalidApiKey', 'Invalid API-key provided.'],
    403: ['AccessDenied', 'Access denied.'],
    404: ['ModelNotFound', 'Model not found.'],
    429: ['Throttling.RateQuota', 'Requests rate limit exceeded, please try again later.'],
    500: ['InternalError', 'An internal error has occured, please try again later or contact service support.'],
    503: ['ServiceUnavailable', 'The service is temporarily unavailable, please try again later.'],
  };

  return {
    api: 'alibaba',
    match,
    notFound(request, url) {
      return error(404, 'NotFound', `Not Found: ${request.method.toUpperCase()} ${url.pathname}`);
    },
    errorResponse(status, extraHeaders) {
      const [code, message] = ERRORS[status] ?? ['InternalError', `Request failed with status ${status}`];
      return error(status, code, message, extraHeaders);
    },
    // DashScope's video synthesis takes no callback URL.
    webhooks: () => [],
  };
}
