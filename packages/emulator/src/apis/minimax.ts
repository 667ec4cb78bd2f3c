import type { ApiModule, EmulatorContext, JobRecord, JobState, MatchedRoute, Mount, WebhookMessage } from '../context';
import { mp4Response } from '../media';
import { isRecord, json, readBody } from '../util';

/**
 * MiniMax video (reference provider-apis-2 Part 2b §2): v1 (Hailuo: create, query, file
 * retrieval; errors inside HTTP 200 as `base_resp`) and v2 (MiniMax-H3: task object, delete).
 */
type V1Model = {
  durations: number[];
  resolutions: string[];
  text: boolean;
  image: boolean;
  lastFrame: boolean;
  subject: boolean;
};

const hailuo: V1Model = {
  durations: [6, 10],
  resolutions: ['768P', '1080P'],
  text: true,
  image: true,
  lastFrame: false,
  subject: false,
};
const legacyText: V1Model = {
  durations: [6],
  resolutions: ['720P'],
  text: true,
  image: false,
  lastFrame: false,
  subject: false,
};
const legacyImage: V1Model = { ...legacyText, text: false, image: true };

/** v1 models and what they accept. */
export const MINIMAX_V1_MODELS: Readonly<Record<string, V1Model>> = {
  'MiniMax-Hailuo-2.3': hailuo,
  'MiniMax-Hailuo-2.3-Fast': { ...hailuo, text: false },
  'MiniMax-Hailuo-02': { ...hailuo, resolutions: ['512P', '768P', '1080P'], lastFrame: true },
  'T2V-01-Director': legacyText,
  'T2V-01': legacyText,
  'I2V-01-Director': legacyImage,
  'I2V-01-live': legacyImage,
  'I2V-01': legacyImage,
  'S2V-01': { ...legacyText, text: false, subject: true },
};

/** v2 models. */
export const MINIMAX_V2_MODELS: readonly string[] = ['MiniMax-H3'];

const SHORT_SIDE: Record<string, number> = { '512P': 512, '720P': 720, '768P': 768, '1080P': 1080, '2K': 1440 };
const V2_RATIOS = ['adaptive', '21:9', '16:9', '4:3', '1:1', '3:4', '9:16'];
const V2_ROLES = ['first_frame', 'last_frame', 'reference_image', 'reference_video', 'reference_audio'];
const OK = { status_code: 0, status_msg: 'success' };
const LOGIN_FAIL = "login fail: Please carry the API secret key in the 'Authorization' field of the request header";

/** MiniMax renders 16:9 landscape unless a ratio says otherwise (the long side even, 768P → 1366x768). */
function dimensions(resolution: string, ratio: string | undefined): [number, number] {
  const short = SHORT_SIDE[resolution] ?? 768;
  const [a, b] = (ratio && ratio !== 'adaptive' ? ratio : '16:9').split(':').map(Number);
  const long = Math.round((short * Math.max(a, b)) / Math.min(a, b) / 2) * 2;
  return a >= b ? [long, short] : [short, long];
}

/** A 15-digit numeric id, as MiniMax's task and file ids. */
function numericId(): string {
  let id = String(1 + Math.floor(Math.random() * 9));
  while (id.length < 15) id += String(Math.floor(Math.random() * 10));
  return id;
}

function v1Error(code: number, message: string, headers: Record<string, string> = {}) {
  return json({ task_id: '', base_resp: { status_code: code, status_msg: message } }, 200, headers);
}

const V2_ERROR_TYPES: Record<number, string> = {
  400: 'bad_request_error',
  401: 'authorized_error',
  402: 'insufficient_balance_error',
  404: 'not_found_error',
  422: 'unprocessable_entity_error',
  429: 'rate_limit_error',
  500: 'server_error',
  529: 'overloaded_error',
};

function v2Error(status: number, message: string, headers: Record<string, string> = {}) {
  return json(
    {
      type: 'error',
      error: { type: V2_ERROR_TYPES[status] ?? 'server_error', message, http_code: String(status) },
      request_id: `0217${numericId()}`,
    },
    status,
    headers,
  );
}

export function createMiniMaxApi(ctx: EmulatorContext): ApiModule {
  const files = new Map<string, string>(); // file_id -> task id

  function bearer(request: Request): string | undefined {
    const header = request.headers.get('authorization');
    const match = header ? /^Bearer\s+(\S.*)$/i.exec(header.trim()) : null;
    const key = match?.[1].trim();
    return key && ctx.keyAllowed('minimax', key) ? key : undefined;
  }

  function v1Status(state: JobState): string {
    switch (state.status) {
      case 'queued':
        return 'Queueing';
      case 'in_progress':
        return state.step === 0 ? 'Preparing' : 'Processing';
      case 'completed':
        return 'Success';
      default:
        return 'Fail';
    }
  }

  function failure(job: JobRecord, state: JobState): { code: number; message: string } | undefined {
    if (state.status === 'filtered')
      return { code: 1027, message: job.behavior.errorMessage ?? 'output new_sensitive' };
    if (state.status === 'failed')
      return { code: 1013, message: job.behavior.errorMessage ?? 'video generation failed' };
    if (state.status === 'cancelled') return { code: 1000, message: 'task cancelled' };
    return undefined;
  }

  function downloadUrl(job: JobRecord) {
    const expires = Math.floor(ctx.now() / 1000) + 9 * 3600;
    return `${ctx.baseURLs.minimaxStorage}/${job.id}/output.mp4?Expires=${expires}`;
  }

  function v1QueryBody(job: JobRecord, state: JobState = ctx.state(job)) {
    const failed = failure(job, state);
    return {
      task_id: job.id,
      status: v1Status(state),
      ...(state.status === 'completed'
        ? { file_id: String(job.extra.fileId), video_width: job.width, video_height: job.height }
        : {}),
      base_resp: failed ? { status_code: failed.code, status_msg: failed.message } : OK,
    };
  }

  function v2TaskBody(job: JobRecord, state: JobState = ctx.state(job)) {
    const status = {
      queued: 'queued',
      in_progress: 'running',
      completed: 'succeeded',
      failed: 'failed',
      filtered: 'failed',
      cancelled: 'cancelled',
    }[state.status];
    const error =
      state.status === 'filtered'
        ? { code: '1026', message: job.behavior.errorMessage ?? 'video description contains sensitive content' }
        : state.status === 'failed'
          ? { code: '1013', message: job.behavior.errorMessage ?? 'video generation failed' }
          : undefined;
    return {
      id: job.id,
      model: job.model,
      status,
      created_at: Math.floor(job.createdAt / 1000),
      updated_at: Math.floor((state.finishedAt ?? ctx.now()) / 1000),
      ...(state.status === 'completed' ? { content: { url: downloadUrl(job) } } : {}),
      resolution: job.extra.resolution,
      duration: job.seconds,
      ratio: job.extra.ratio ?? '',
      usage:
        state.status === 'completed'
          ? { total_seconds: job.seconds, input_seconds: 0, output_seconds: job.seconds, input_image_count: 0 }
          : {},
      ...(error ? { error } : {}),
      task_type: 'generation',
      modality: 'video',
    };
  }

  async function createV1(request: Request): Promise<Response> {
    if (!bearer(request)) return v1Error(1004, LOGIN_FAIL);
    const parsed = await readBody(request);
    if (parsed.kind !== 'json' || !isRecord(parsed.value)) return v1Error(2013, 'invalid params, body must be JSON');
    const body = parsed.value;
    const invalid = (what: string) => v1Error(2013, `invalid params, ${what}`);
    const spec = typeof body.model === 'string' ? MINIMAX_V1_MODELS[body.model] : undefined;
    if (!spec) return invalid(`model ${JSON.stringify(body.model)} is not supported`);
    const model = body.model as string;
    const prompt = typeof body.prompt === 'string' ? body.prompt : undefined;
    if (body.prompt !== undefined && prompt === undefined) return invalid('prompt must be a string');
    if (prompt !== undefined && prompt.length > 2000) return invalid('prompt is longer than 2000 characters');
    for (const field of ['first_frame_image', 'last_frame_image', 'callback_url']) {
      if (body[field] !== undefined && typeof body[field] !== 'string') return invalid(`${field} must be a string`);
    }
    const first = body.first_frame_image as string | undefined;
    if (first !== undefined && !spec.image) return invalid(`${model} does not take first_frame_image`);
    if (first !== undefined && !/^(https?:\/\/|data:image\/)/.test(first)) return invalid('first_frame_image');
    if (body.last_frame_image !== undefined && (!spec.lastFrame || first === undefined)) {
      return invalid('last_frame_image needs first_frame_image and MiniMax-Hailuo-02');
    }
    if (!spec.text && spec.image && first === undefined) return invalid(`${model} needs first_frame_image`);
    if (spec.subject) {
      const reference = body.subject_reference;
      const ok =
        Array.isArray(reference) &&
        reference.length === 1 &&
        isRecord(reference[0]) &&
        reference[0].type === 'character' &&
        Array.isArray(reference[0].image) &&
        reference[0].image.length === 1 &&
        typeof reference[0].image[0] === 'string';
      if (!ok) return invalid('subject_reference must be [{type: "character", image: ["<url>"]}]');
    } else if (body.subject_reference !== undefined) {
      return invalid(`${model} does not take subject_reference`);
    }
    if (spec.text && first === undefined && (prompt === undefined || prompt.trim() === '')) {
      return invalid('prompt is required');
    }
    const duration = body.duration ?? 6;
    if (typeof duration !== 'number' || !spec.durations.includes(duration)) {
      return invalid(`duration ${JSON.stringify(body.duration)} (allowed: ${spec.durations.join(', ')})`);
    }
    const resolution = body.resolution ?? (spec.resolutions.includes('768P') ? '768P' : '720P');
    if (typeof resolution !== 'string' || !spec.resolutions.includes(resolution)) {
      return invalid(`resolution ${JSON.stringify(body.resolution)} (allowed: ${spec.resolutions.join(', ')})`);
    }
    if (resolution === '512P' && first === undefined) return invalid('512P needs first_frame_image');
    if (resolution === '1080P' && duration !== 6) return invalid('1080P supports 6 s only');
    const callbackUrl = body.callback_url as string | undefined;
    if (callbackUrl !== undefined && !URL.canParse(callbackUrl)) return invalid('callback_url');
    for (const flag of ['prompt_optimizer', 'fast_pretreatment', 'aigc_watermark']) {
      if (body[flag] !== undefined && typeof body[flag] !== 'boolean') return invalid(`${flag} must be a boolean`);
    }

    const [width, height] = dimensions(resolution, undefined);
    const fileId = numericId();
    const job = ctx.createJob({
      id: numericId(),
      api: 'minimax',
      model,
      prompt,
      width,
      height,
      seconds: duration,
      request: body,
      webhookUrls: callbackUrl ? [callbackUrl] : [],
      extra: { version: 'v1', fileId, resolution },
    });
    files.set(fileId, job.id);
    return json({ task_id: job.id, base_resp: OK });
  }

  function queryV1(request: Request, url: URL): Response {
    if (!bearer(request)) return v1Error(1004, LOGIN_FAIL);
    const id = url.searchParams.get('task_id') ?? '';
    const job = ctx.findJob('minimax', id);
    if (job?.extra.version !== 'v1') return v1Error(2013, `invalid params, task_id ${JSON.stringify(id)} not found`);
    return json(v1QueryBody(job));
  }

  function retrieveFile(request: Request, url: URL): Response {
    if (!bearer(request)) return v1Error(1004, LOGIN_FAIL);
    const fileId = url.searchParams.get('file_id') ?? '';
    const job = ctx.findJob('minimax', files.get(fileId) ?? '');
    if (!job || ctx.state(job).status !== 'completed') {
      return v1Error(2013, `invalid params, file_id ${JSON.stringify(fileId)} not found`);
    }
    return json({
      file: {
        file_id: Number(fileId),
        bytes: ctx.media(job).total,
        created_at: Math.floor((ctx.state(job).finishedAt ?? ctx.now()) / 1000),
        filename: 'output_aigc.mp4',
        purpose: 'video_generation',
        download_url: downloadUrl(job),
      },
      base_resp: OK,
    });
  }

  async function createV2(request: Request): Promise<Response> {
    if (!bearer(request)) return v2Error(401, 'invalid api key (1004)');
    const parsed = await readBody(request);
    if (parsed.kind !== 'json' || !isRecord(parsed.value))
      return v2Error(400, 'invalid params, body must be JSON (2013)');
    const body = parsed.value;
    const invalid = (what: string) => v2Error(400, `invalid params, ${what} (2013)`);
    if (typeof body.model !== 'string' || !MINIMAX_V2_MODELS.includes(body.model)) {
      return invalid(`model ${JSON.stringify(body.model)} is not supported`);
    }
    if (!Array.isArray(body.content)) return invalid('content must be an array');
    let prompt: string | undefined;
    const roles: string[] = [];
    for (const [index, item] of body.content.entries()) {
      if (!isRecord(item)) return invalid(`content[${index}] must be an object`);
      if (item.type === 'text') {
        if (typeof item.text !== 'string' || item.text.trim() === '' || prompt !== undefined) {
          return invalid('content must include exactly one non-empty text item');
        }
        if (item.text.length > 7000) return invalid('text is longer than 7000 characters');
        prompt = item.text;
        continue;
      }
      const type = item.type;
      if (type !== 'image_url' && type !== 'video_url' && type !== 'audio_url') {
        return invalid(`content[${index}].type ${JSON.stringify(type)}`);
      }
      const media = item[type];
      if (!isRecord(media) || typeof media.url !== 'string' || !/^(https?:\/\/|mm_file:\/\/|data:)/.test(media.url)) {
        return invalid(`content[${index}].${type}.url`);
      }
      const role = item.role ?? (type === 'image_url' ? 'first_frame' : `reference_${type.slice(0, -4)}`);
      if (typeof role !== 'string' || !V2_ROLES.includes(role)) return invalid(`content[${index}].role`);
      roles.push(role);
    }
    if (prompt === undefined) return invalid('content must include a non-empty text item (prompt is required)');
    const frames = roles.some((role) => role === 'first_frame' || role === 'last_frame');
    const references = roles.some((role) => role.startsWith('reference_'));
    if (frames && references) return invalid('frame roles and reference roles cannot be mixed');
    if (body.resolution !== '768P' && body.resolution !== '2K') return invalid('resolution must be 768P or 2K');
    if (
      typeof body.duration !== 'number' ||
      !Number.isInteger(body.duration) ||
      body.duration < 4 ||
      body.duration > 15
    ) {
      return invalid('duration must be an integer from 4 to 15');
    }
    if (body.ratio !== undefined && (typeof body.ratio !== 'string' || !V2_RATIOS.includes(body.ratio))) {
      return invalid(`ratio ${JSON.stringify(body.ratio)}`);
    }
    if (!frames && !references && (body.ratio === undefined || body.ratio === 'adaptive')) {
      return invalid('ratio is required for text-to-video');
    }
    if (
      body.callback_url !== undefined &&
      (typeof body.callback_url !== 'string' || !URL.canParse(body.callback_url))
    ) {
      return invalid('callback_url');
    }
    const ratio = frames ? undefined : (body.ratio as string | undefined);
    const [width, height] = dimensions(body.resolution, ratio);
    const job = ctx.createJob({
      id: numericId(),
      api: 'minimax',
      model: body.model,
      prompt,
      width,
      height,
      seconds: body.duration,
      request: body,
      webhookUrls: typeof body.callback_url === 'string' ? [body.callback_url] : [],
      extra: { version: 'v2', resolution: body.resolution, ratio: ratio ?? '' },
    });
    return json({ task_id: job.id });
  }

  function findV2(id: string): JobRecord | undefined {
    const job = ctx.findJob('minimax', id);
    return job && job.extra.version === 'v2' && !job.deleted ? job : undefined;
  }

  function queryV2(request: Request, id: string): Response {
    if (!bearer(request)) return v2Error(401, 'invalid api key (1004)');
    const job = findV2(id);
    if (!job) return v2Error(400, 'invalid task_id (2013)');
    return json({ task: v2TaskBody(job) });
  }

  /**
   * `GET /v2/query/video_generation`: the account's v2 tasks of the last 7 days, newest first,
   * filtered by `filter.status`, `filter.task_ids` (repeated), `filter.model` and `filter.task_type`,
   * paged by `page_num` / `page_size` (1-500, default 1 / 10) → `{ items, total }`.
   */
  function listV2(request: Request, url: URL): Response {
    if (!bearer(request)) return v2Error(401, 'invalid api key (1004)');
    const query = url.searchParams;
    const pageNum = Number(query.get('page_num') ?? '1');
    const pageSize = Number(query.get('page_size') ?? '10');
    if (!Number.isInteger(pageNum) || pageNum < 1 || pageNum > 500) {
      return v2Error(400, 'invalid params, page_num must be 1 to 500 (2013)');
    }
    if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 500) {
      return v2Error(400, 'invalid params, page_size must be 1 to 500 (2013)');
    }
    const status = query.get('filter.status');
    const ids = query.getAll('filter.task_ids');
    const model = query.get('filter.model');
    const taskType = query.get('filter.task_type');
    const week = 7 * 86_400_000;
    const items = ctx
      .listJobs('minimax')
      .filter((job) => job.extra.version === 'v2' && !job.deleted && job.createdAt >= ctx.now() - week)
      .map((job) => v2TaskBody(job))
      .filter((task) => (!status || task.status === status) && (ids.length === 0 || ids.includes(task.id)))
      .filter((task) => (!model || task.model === model) && (!taskType || task.task_type === taskType))
      .reverse();
    return json({ items: items.slice((pageNum - 1) * pageSize, pageNum * pageSize), total: items.length });
  }

  function deleteV2(request: Request, id: string): Response {
    if (!bearer(request)) return v2Error(401, 'invalid api key (1004)');
    const job = findV2(id);
    if (!job) return v2Error(400, 'invalid task_id (2013)');
    const { status } = ctx.state(job);
    if (status === 'queued') {
      ctx.cancel(job);
      return json({ task_id: job.id, action: 'cancelled', status: 'cancelled' });
    }
    if (status === 'completed' || status === 'failed' || status === 'filtered') {
      job.deleted = true;
      return json({ task_id: job.id, action: 'deleted', status: 'deleted' });
    }
    return v2Error(400, `task in status ${status === 'in_progress' ? 'running' : status} cannot be cancelled (2013)`);
  }

  function storage(request: Request, id: string): Response {
    const job = ctx.findJob('minimax', id);
    if (!job || ctx.state(job).status !== 'completed') {
      return new Response('<Error><Code>NoSuchKey</Code></Error>', {
        status: 404,
        headers: { 'content-type': 'application/xml' },
      });
    }
    const { clip, total } = ctx.media(job);
    return mp4Response(request, clip, total);
  }

  function match(request: Request, url: URL, mount: Mount, path: string): MatchedRoute | undefined {
    const method = request.method.toUpperCase();
    const segments = path.split('/').filter(Boolean).map(decodeURIComponent);
    if (mount === 'minimaxStorage') {
      if (segments.length === 2 && segments[1] === 'output.mp4' && (method === 'GET' || method === 'HEAD')) {
        return { route: 'storage', jobId: segments[0], run: () => storage(request, segments[0]) };
      }
      return undefined;
    }
    const route = segments.join('/');
    if (route === 'v1/video_generation' && method === 'POST') return { route: 'create', run: () => createV1(request) };
    if (route === 'v1/query/video_generation' && method === 'GET') {
      return { route: 'status', jobId: url.searchParams.get('task_id') ?? undefined, run: () => queryV1(request, url) };
    }
    if (route === 'v1/files/retrieve' && method === 'GET') {
      const jobId = files.get(url.searchParams.get('file_id') ?? '');
      return { route: 'retrieve', jobId, run: () => retrieveFile(request, url) };
    }
    if (route === 'v2/video_generation' && method === 'POST') return { route: 'create', run: () => createV2(request) };
    if (route === 'v2/query/video_generation' && method === 'GET') {
      return { route: 'list', run: () => listV2(request, url) };
    }
    if (segments.length === 4 && route.startsWith('v2/query/video_generation/') && method === 'GET') {
      return { route: 'status', jobId: segments[3], run: () => queryV2(request, segments[3]) };
    }
    if (segments.length === 3 && route.startsWith('v2/video_generation/') && method === 'DELETE') {
      return { route: 'cancel', jobId: segments[2], run: () => deleteV2(request, segments[2]) };
    }
    return undefined;
  }

  return {
    api: 'minimax',
    match,
    notFound(request, url) {
      return v2Error(404, `Not Found: ${request.method.toUpperCase()} ${url.pathname}`);
    },
    /**
     * An injected HTTP error: the real status with v2's error body and v1's `base_resp` (clients
     * of either generation read theirs). A v1 error inside HTTP 200 is injected as
     * `{ type: 'http-error', status: 200, body: { base_resp: { status_code: 1002, … } } }`.
     */
    errorResponse(status, extraHeaders) {
      const code = status === 429 ? 1002 : status === 401 ? 1004 : status === 402 ? 1008 : status >= 500 ? 1000 : 2013;
      const message = status === 429 ? 'rate limit exceeded(RPM)' : status >= 500 ? 'unknown error' : `error ${status}`;
      return json(
        {
          type: 'error',
          error: {
            type: V2_ERROR_TYPES[status] ?? 'server_error',
            message: `${message} (${code})`,
            http_code: String(status),
          },
          base_resp: { status_code: code, status_msg: message },
        },
        status,
        extraHeaders,
      );
    },
    webhooks(job, state): WebhookMessage[] {
      if (job.webhookUrls.length === 0) return [];
      // MiniMax signs nothing; v1 callbacks use lower-case statuses, v2 sends the task object.
      let event: string;
      let body: string;
      if (job.extra.version === 'v2') {
        const task = v2TaskBody(job, state);
        event = task.status;
        body = JSON.stringify({ task });
      } else {
        const query = v1QueryBody(job, state);
        event = state.status === 'completed' ? 'success' : 'failed';
        body = JSON.stringify({
          task_id: query.task_id,
          status: event,
          ...(query.file_id !== undefined ? { file_id: query.file_id } : {}),
          base_resp: query.base_resp,
        });
      }
      return job.webhookUrls.map((url) => ({ url, event, body, headers: { 'content-type': 'application/json' } }));
    },
  };
}
