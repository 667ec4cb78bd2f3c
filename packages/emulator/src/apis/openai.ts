import type { ApiModule, EmulatorContext, JobRecord, JobState, MatchedRoute, WebhookMessage } from '../context';
import { bytesResponse, loadAsset, mp4Response } from '../media';
import { standardWebhookHeaders } from '../webhooks';
import { isRecord, json, randomHex, readBody } from '../util';

/** Frame rate of the emulator's Sora clips (the API has no frame-rate setting). */
const OPENAI_CLIP_FPS = 30;

/** Sizes per model (reference A.3 matrix, including the 2026 additions). */
export const OPENAI_MODELS: Record<string, { sizes: string[]; seconds: string[] }> = {
  'sora-2': { sizes: ['1280x720', '720x1280'], seconds: ['4', '8', '12', '16', '20'] },
  'sora-2-pro': {
    sizes: ['1280x720', '720x1280', '1024x1792', '1792x1024', '1920x1080', '1080x1920'],
    seconds: ['4', '8', '12', '16', '20'],
  },
};

const MODEL_ALIASES: Record<string, string> = {
  'sora-2-2025-10-06': 'sora-2',
  'sora-2-2025-12-08': 'sora-2',
  'sora-2-pro-2025-10-06': 'sora-2-pro',
};

function modelSpec(model: string) {
  return OPENAI_MODELS[MODEL_ALIASES[model] ?? model];
}

function quoteList(values: string[]): string {
  const quoted = values.map((value) => `'${value}'`);
  if (quoted.length <= 1) return quoted.join('');
  return `${quoted.slice(0, -1).join(', ')}, and ${quoted[quoted.length - 1]}`;
}

function commonHeaders(): Record<string, string> {
  return {
    'x-request-id': `req_${randomHex(16)}`,
    'openai-processing-ms': '12',
    'openai-version': '2020-10-01',
    'x-ratelimit-limit-requests': '50',
    'x-ratelimit-remaining-requests': '49',
    'x-ratelimit-reset-requests': '1.2s',
  };
}

function error(
  status: number,
  message: string,
  options: { type?: string; param?: string | null; code?: string | null; headers?: Record<string, string> } = {},
): Response {
  return json(
    {
      error: {
        message,
        type: options.type ?? 'invalid_request_error',
        param: options.param ?? null,
        code: options.code ?? null,
      },
    },
    status,
    { ...commonHeaders(), ...options.headers },
  );
}

const DEFAULT_STATUS_MESSAGES: Record<number, [string, string]> = {
  400: ['Bad request.', 'invalid_request_error'],
  401: ['Incorrect API key provided.', 'invalid_request_error'],
  403: ['You are not allowed to perform this request.', 'invalid_request_error'],
  404: ['Not found.', 'invalid_request_error'],
  409: ['Conflict.', 'invalid_request_error'],
  429: ['Rate limit reached for requests. Please try again later.', 'requests'],
  500: ['The server had an error while processing your request. Sorry about that!', 'server_error'],
  502: ['Bad gateway.', 'server_error'],
  503: ['The engine is currently overloaded, please try again later.', 'server_error'],
  504: ['Gateway timeout.', 'server_error'],
};

export function createOpenAIApi(ctx: EmulatorContext): ApiModule {
  function videoObject(job: JobRecord, state: JobState = ctx.state(job)) {
    const terminal = state.finishedAt !== undefined;
    const failed = state.status === 'failed' || state.status === 'filtered' || state.status === 'cancelled';
    const completedAt = terminal ? Math.floor(state.finishedAt! / 1000) : null;
    return {
      id: job.id,
      object: 'video',
      model: job.model,
      status:
        state.status === 'queued'
          ? 'queued'
          : state.status === 'in_progress'
            ? 'in_progress'
            : state.status === 'completed'
              ? 'completed'
              : 'failed',
      progress: state.status === 'completed' ? 100 : failed ? 0 : state.progress,
      created_at: Math.floor(job.createdAt / 1000),
      completed_at: completedAt,
      expires_at: state.status === 'completed' && completedAt !== null ? completedAt + 3600 : null,
      prompt: job.prompt ?? null,
      seconds: String(job.extra.seconds),
      size: String(job.extra.size),
      remixed_from_video_id: (job.extra.remixedFrom as string | undefined) ?? null,
      error:
        state.status === 'filtered'
          ? {
              code: 'moderation_blocked',
              message: job.behavior.errorMessage ?? 'Your request was blocked by our moderation system.',
            }
          : state.status === 'failed'
            ? {
                code: 'video_generation_failed',
                message: job.behavior.errorMessage ?? 'Video generation failed. Please try again.',
              }
            : null,
    };
  }

  function checkAuth(request: Request): Response | undefined {
    const header = request.headers.get('authorization');
    const match = header ? /^Bearer\s+(\S.*)$/i.exec(header.trim()) : null;
    if (!match) {
      return error(
        401,
        "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY), or as the password field (with blank username) if you're accessing the API from your browser and are prompted for a username and password. You can obtain an API key from https://platform.openai.com/account/api-keys.",
      );
    }
    if (!ctx.keyAllowed('openai', match[1].trim())) {
      return error(
        401,
        'Incorrect API key provided. You can find your API key at https://platform.openai.com/account/api-keys.',
        { code: 'invalid_api_key' },
      );
    }
    return undefined;
  }

  function notFoundVideo(id: string) {
    return error(404, `Video with id '${id}' not found.`, { param: 'video_id', code: 'video_not_found' });
  }

  function findVideo(id: string) {
    const job = ctx.findJob('openai', id);
    return job && !job.deleted ? job : undefined;
  }

  function validatePrompt(prompt: unknown): Response | undefined {
    if (prompt === undefined || prompt === null) {
      return error(400, "Missing required parameter: 'prompt'.", {
        param: 'prompt',
        code: 'missing_required_parameter',
      });
    }
    if (typeof prompt !== 'string') {
      return error(400, `Invalid type for 'prompt': expected a string, but got ${typeName(prompt)} instead.`, {
        param: 'prompt',
        code: 'invalid_type',
      });
    }
    if (prompt.length < 1) {
      return error(
        400,
        "Invalid 'prompt': string too short. Expected a string with minimum length 1, but got an empty string instead.",
        {
          param: 'prompt',
          code: 'string_below_min_length',
        },
      );
    }
    if (prompt.length > 32000) {
      return error(
        400,
        `Invalid 'prompt': string too long. Expected a string with maximum length 32000, but got a string with length ${prompt.length} instead.`,
        {
          param: 'prompt',
          code: 'string_above_max_length',
        },
      );
    }
    return undefined;
  }

  async function create(request: Request): Promise<Response> {
    const denied = checkAuth(request);
    if (denied) return denied;
    const parsed = await readBody(request);
    if (parsed.kind === 'invalid') return error(400, parsed.message);
    const body = parsed.kind === 'empty' ? {} : parsed.value;
    if (!isRecord(body)) return error(400, 'The request body must be a JSON object.');

    const promptError = validatePrompt(body.prompt);
    if (promptError) return promptError;

    const model = body.model === undefined ? 'sora-2' : body.model;
    if (typeof model !== 'string' || !modelSpec(model)) {
      const supported = [...Object.keys(OPENAI_MODELS), ...Object.keys(MODEL_ALIASES)];
      return error(400, `Invalid value: '${String(model)}'. Supported values are: ${quoteList(supported)}.`, {
        param: 'model',
        code: 'invalid_value',
      });
    }
    const spec = modelSpec(model);

    const seconds = body.seconds === undefined ? '4' : body.seconds;
    if (typeof seconds !== 'string') {
      return error(
        400,
        `Invalid type for 'seconds': expected one of ${quoteList(spec.seconds).replace(', and', ', or')}, but got ${typeName(seconds)} instead.`,
        { param: 'seconds', code: 'invalid_type' },
      );
    }
    if (!spec.seconds.includes(seconds)) {
      return error(400, `Invalid value: '${seconds}'. Supported values are: ${quoteList(spec.seconds)}.`, {
        param: 'seconds',
        code: 'invalid_value',
      });
    }

    const size = body.size === undefined ? '720x1280' : body.size;
    if (typeof size !== 'string' || !spec.sizes.includes(size)) {
      return error(
        400,
        `Invalid value: '${String(size)}'. Supported values for model '${model}' are: ${quoteList(spec.sizes)}.`,
        { param: 'size', code: 'invalid_value' },
      );
    }

    if (body.input_reference !== undefined) {
      const reference = body.input_reference;
      if (isRecord(reference) && reference.file === true) {
        if (!['image/jpeg', 'image/png', 'image/webp'].includes(String(reference.type))) {
          return error(
            400,
            `Invalid file type for 'input_reference': '${String(reference.type)}'. Supported types are: 'image/jpeg', 'image/png', and 'image/webp'.`,
            { param: 'input_reference', code: 'invalid_value' },
          );
        }
      } else if (isRecord(reference)) {
        const hasUrl = typeof reference.image_url === 'string' && reference.image_url.length > 0;
        const hasFile = typeof reference.file_id === 'string' && reference.file_id.length > 0;
        if (hasUrl === hasFile) {
          return error(400, "Invalid 'input_reference': expected exactly one of 'image_url' or 'file_id'.", {
            param: 'input_reference',
            code: 'invalid_value',
          });
        }
        if (hasUrl && !/^(https:\/\/|data:image\/)/.test(String(reference.image_url))) {
          return error(400, "Invalid 'input_reference.image_url': expected an https URL or a base64 data URL.", {
            param: 'input_reference.image_url',
            code: 'invalid_value',
          });
        }
      } else {
        return error(400, "Invalid type for 'input_reference': expected a file or an object.", {
          param: 'input_reference',
          code: 'invalid_type',
        });
      }
    }

    const [width, height] = size.split('x').map(Number);
    const job = ctx.createJob({
      id: `video_${randomHex(24)}`,
      api: 'openai',
      model,
      prompt: body.prompt as string,
      width,
      height,
      seconds: Number(seconds),
      fps: OPENAI_CLIP_FPS,
      request: body,
      extra: { size, seconds },
    });
    return json(videoObject(job), 200, commonHeaders());
  }

  async function remix(request: Request, sourceId: string): Promise<Response> {
    const denied = checkAuth(request);
    if (denied) return denied;
    const source = findVideo(sourceId);
    if (!source) return notFoundVideo(sourceId);
    const parsed = await readBody(request);
    if (parsed.kind === 'invalid') return error(400, parsed.message);
    const body = parsed.kind === 'empty' ? {} : parsed.value;
    if (!isRecord(body)) return error(400, 'The request body must be a JSON object.');
    const promptError = validatePrompt(body.prompt);
    if (promptError) return promptError;
    if (ctx.state(source).status !== 'completed') {
      return error(400, `Video '${sourceId}' is not completed and cannot be remixed.`, {
        param: 'video_id',
        code: 'invalid_value',
      });
    }
    const job = ctx.createJob({
      id: `video_${randomHex(24)}`,
      api: 'openai',
      model: source.model,
      prompt: body.prompt as string,
      width: source.width,
      height: source.height,
      seconds: source.seconds,
      fps: source.fps,
      request: body,
      extra: { size: source.extra.size, seconds: source.extra.seconds, remixedFrom: source.id },
    });
    return json(videoObject(job), 200, commonHeaders());
  }

  /**
   * `POST /videos/edits` and `POST /videos/extensions`: the source is `video: { id }` (a completed
   * video of this account) or an uploaded file (multipart `video`). An edit keeps the source's size
   * and length; an extension adds `seconds` (default "4"), and its `seconds` is the stitched total
   * (at most 120 s). An uploaded MP4's size and length are read from its `moov`.
   */
  async function fromSource(request: Request, kind: 'edit' | 'extension'): Promise<Response> {
    const denied = checkAuth(request);
    if (denied) return denied;
    const upload = await readUploadedVideo(request);
    const parsed = await readBody(request);
    if (parsed.kind === 'invalid') return error(400, parsed.message);
    const body = parsed.kind === 'empty' ? {} : parsed.value;
    if (!isRecord(body)) return error(400, 'The request body must be a JSON object.');
    const promptError = validatePrompt(body.prompt);
    if (promptError) return promptError;
    const video = body.video;
    if (video === undefined || video === null) {
      return error(400, "Missing required parameter: 'video'.", { param: 'video', code: 'missing_required_parameter' });
    }
    let source: { model: string; width: number; height: number; seconds: number; fps: number; id: string | null };
    if (isRecord(video) && video.file === true) {
      if (!String(video.type).startsWith('video/') && !upload) {
        return error(400, `Invalid file type for 'video': '${String(video.type)}'. Upload an MP4 video.`, {
          param: 'video',
          code: 'invalid_value',
        });
      }
      if (!upload) {
        return error(400, "Invalid 'video': the file could not be read as an MP4 video.", {
          param: 'video',
          code: 'invalid_value',
        });
      }
      const model = typeof body.model === 'string' && modelSpec(body.model) ? body.model : 'sora-2';
      source = { model, ...upload, fps: OPENAI_CLIP_FPS, id: null };
    } else if (isRecord(video) && typeof video.id === 'string' && video.id !== '') {
      const job = findVideo(video.id);
      if (!job) return notFoundVideo(video.id);
      if (ctx.state(job).status !== 'completed') {
        return error(
          400,
          `Video '${video.id}' is not completed and cannot be ${kind === 'edit' ? 'edited' : 'extended'}.`,
          {
            param: 'video',
            code: 'invalid_value',
          },
        );
      }
      source = {
        model: job.model,
        width: job.width,
        height: job.height,
        seconds: job.seconds,
        fps: job.fps,
        id: job.id,
      };
    } else {
      return error(400, "Invalid 'video': expected an object with 'id' or an uploaded file.", {
        param: 'video',
        code: 'invalid_type',
      });
    }
    let seconds = source.seconds;
    if (kind === 'extension') {
      const added = body.seconds === undefined ? '4' : body.seconds;
      const allowed = OPENAI_MODELS['sora-2'].seconds;
      if (typeof added !== 'string' || !allowed.includes(added)) {
        return error(400, `Invalid value: '${String(added)}'. Supported values are: ${quoteList(allowed)}.`, {
          param: 'seconds',
          code: 'invalid_value',
        });
      }
      seconds = source.seconds + Number(added);
      if (seconds > 120) {
        return error(
          400,
          `Invalid 'seconds': the extended video would be ${seconds} seconds long; a video can be extended to at most 120 seconds.`,
          { param: 'seconds', code: 'invalid_value' },
        );
      }
    } else if (body.seconds !== undefined) {
      return error(400, "Unknown parameter: 'seconds'.", { param: 'seconds', code: 'unknown_parameter' });
    }
    const job = ctx.createJob({
      id: `video_${randomHex(24)}`,
      api: 'openai',
      model: source.model,
      prompt: body.prompt as string,
      width: source.width,
      height: source.height,
      seconds,
      fps: source.fps,
      request: body,
      extra: { size: `${source.width}x${source.height}`, seconds: String(seconds), sourceVideoId: source.id },
    });
    return json(videoObject(job), 200, commonHeaders());
  }

  function list(request: Request, url: URL): Response {
    const denied = checkAuth(request);
    if (denied) return denied;
    const limitText = url.searchParams.get('limit');
    const limit = limitText === null ? 20 : Number(limitText);
    if (!Number.isInteger(limit) || limit < 0 || limit > 100) {
      return error(400, `Invalid 'limit': expected an integer between 0 and 100, but got '${limitText}' instead.`, {
        param: 'limit',
        code: 'invalid_value',
      });
    }
    const order = url.searchParams.get('order') ?? 'desc';
    if (order !== 'asc' && order !== 'desc') {
      return error(400, `Invalid value: '${order}'. Supported values are: 'asc' and 'desc'.`, {
        param: 'order',
        code: 'invalid_value',
      });
    }
    let jobs = ctx
      .listJobs('openai')
      .filter((job) => !job.deleted)
      .sort((a, b) => a.seq - b.seq);
    if (order === 'desc') jobs = jobs.reverse();
    const after = url.searchParams.get('after');
    if (after) {
      const index = jobs.findIndex((job) => job.id === after);
      if (index === -1) {
        return error(400, `Invalid 'after': no video with id '${after}'.`, { param: 'after', code: 'invalid_value' });
      }
      jobs = jobs.slice(index + 1);
    }
    const page = jobs.slice(0, limit);
    return json(
      {
        object: 'list',
        data: page.map((job) => videoObject(job)),
        first_id: page[0]?.id ?? null,
        last_id: page[page.length - 1]?.id ?? null,
        has_more: jobs.length > page.length,
      },
      200,
      commonHeaders(),
    );
  }

  function retrieve(request: Request, id: string): Response {
    const denied = checkAuth(request);
    if (denied) return denied;
    const job = findVideo(id);
    if (!job) return notFoundVideo(id);
    return json(videoObject(job), 200, commonHeaders());
  }

  function remove(request: Request, id: string): Response {
    const denied = checkAuth(request);
    if (denied) return denied;
    const job = findVideo(id);
    if (!job) return notFoundVideo(id);
    const status = ctx.state(job).status;
    if (status === 'queued' || status === 'in_progress') {
      return error(
        400,
        `Video '${id}' is still ${status === 'queued' ? 'queued' : 'in progress'} and cannot be deleted yet.`,
        {
          param: 'video_id',
          code: 'invalid_value',
        },
      );
    }
    job.deleted = true;
    return json({ id, object: 'video.deleted', deleted: true }, 200, commonHeaders());
  }

  function content(request: Request, url: URL, id: string): Response {
    const denied = checkAuth(request);
    if (denied) return denied;
    const job = findVideo(id);
    if (!job) return notFoundVideo(id);
    const variant = url.searchParams.get('variant') ?? 'video';
    if (!['video', 'thumbnail', 'spritesheet'].includes(variant)) {
      return error(400, `Invalid value: '${variant}'. Supported values are: 'video', 'thumbnail', and 'spritesheet'.`, {
        param: 'variant',
        code: 'invalid_value',
      });
    }
    const status = ctx.state(job).status;
    if (status !== 'completed') {
      return error(
        404,
        status === 'queued' || status === 'in_progress'
          ? `Video '${id}' is not ready yet (status '${status}'). Download content once the status is 'completed'.`
          : `Video '${id}' has no content because it failed.`,
        { param: 'video_id', code: 'video_not_ready' },
      );
    }
    const headers = {
      ...commonHeaders(),
      'content-disposition': `attachment; filename="${id}.${variant === 'video' ? 'mp4' : variant === 'thumbnail' ? 'webp' : 'jpg'}"`,
    };
    if (variant === 'thumbnail') return bytesResponse(loadAsset('thumbnail.webp'), 'image/webp', headers);
    if (variant === 'spritesheet') return bytesResponse(loadAsset('spritesheet.jpg'), 'image/jpeg', headers);
    const { clip, total } = ctx.media(job);
    return mp4Response(request, clip, total, headers);
  }

  function match(request: Request, url: URL, _mount: string, path: string): MatchedRoute | undefined {
    const method = request.method.toUpperCase();
    const segments = path.split('/').filter(Boolean).map(decodeURIComponent);
    if (segments[0] !== 'videos') return undefined;
    if (segments.length === 1) {
      if (method === 'POST') return { route: 'create', run: () => create(request) };
      if (method === 'GET') return { route: 'list', run: () => list(request, url) };
      return undefined;
    }
    const id = segments[1];
    if (segments.length === 2 && method === 'POST' && id === 'edits') {
      return { route: 'edit', run: () => fromSource(request, 'edit') };
    }
    if (segments.length === 2 && method === 'POST' && id === 'extensions') {
      return { route: 'extension', run: () => fromSource(request, 'extension') };
    }
    if (['edits', 'extensions', 'characters'].includes(id)) return undefined;
    if (segments.length === 2) {
      if (method === 'GET') return { route: 'retrieve', jobId: id, run: () => retrieve(request, id) };
      if (method === 'DELETE') return { route: 'delete', jobId: id, run: () => remove(request, id) };
      return undefined;
    }
    if (segments.length === 3 && segments[2] === 'content' && (method === 'GET' || method === 'HEAD')) {
      return { route: 'content', jobId: id, run: () => content(request, url, id) };
    }
    if (segments.length === 3 && segments[2] === 'remix' && method === 'POST') {
      return { route: 'remix', jobId: id, run: () => remix(request, id) };
    }
    return undefined;
  }

  return {
    api: 'openai',
    match,
    notFound(request, url) {
      return error(404, `Invalid URL (${request.method.toUpperCase()} ${url.pathname})`);
    },
    errorResponse(status, extraHeaders) {
      const [message, type] = DEFAULT_STATUS_MESSAGES[status] ?? [
        `Error ${status}.`,
        status >= 500 ? 'server_error' : 'invalid_request_error',
      ];
      return error(status, message, {
        type,
        code: status === 429 ? 'rate_limit_exceeded' : null,
        headers: extraHeaders,
      });
    },
    webhooks(job, state): WebhookMessage[] {
      if (job.webhookUrls.length === 0) return [];
      if (state.status === 'cancelled') return [];
      const event = state.status === 'completed' ? 'video.completed' : 'video.failed';
      const timestamp = Math.floor(ctx.now() / 1000);
      const body = JSON.stringify({
        id: `evt_${randomHex(16)}`,
        object: 'event',
        created_at: timestamp,
        type: event,
        data: { id: job.id },
      });
      const webhookId = `wh_${randomHex(16)}`;
      return job.webhookUrls.map((url) => ({
        url,
        event,
        body,
        headers: {
          'content-type': 'application/json',
          'user-agent': 'OpenAI/1.0 (+https://platform.openai.com/docs/webhooks)',
          ...standardWebhookHeaders(ctx.webhookKeys.openai, webhookId, timestamp, body),
        },
      }));
    },
  };
}

/**
 * The size and length of an MP4 uploaded as the multipart field `video` (from `mvhd` and the
 * first `tkhd`), read from a clone of the request; `undefined` when there is none or it is no MP4.
 */
async function readUploadedVideo(
  request: Request,
): Promise<{ width: number; height: number; seconds: number } | undefined> {
  if (!(request.headers.get('content-type') ?? '').includes('multipart/form-data')) return undefined;
  let file: FormDataEntryValue | null;
  try {
    file = (await request.clone().formData()).get('video');
  } catch {
    return undefined;
  }
  if (file === null || typeof file === 'string') return undefined;
  return readMp4Geometry(new Uint8Array(await file.arrayBuffer()));
}

function readMp4Geometry(bytes: Uint8Array): { width: number; height: number; seconds: number } | undefined {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const find = (type: string, start: number, end: number): [number, number] | undefined => {
    let offset = start;
    while (offset + 8 <= end) {
      const size = view.getUint32(offset);
      if (size < 8 || offset + size > end) return undefined;
      if (String.fromCharCode(...bytes.subarray(offset + 4, offset + 8)) === type) return [offset + 8, offset + size];
      offset += size;
    }
    return undefined;
  };
  const moov = find('moov', 0, bytes.length);
  const mvhd = moov && find('mvhd', moov[0], moov[1]);
  const trak = moov && find('trak', moov[0], moov[1]);
  const tkhd = trak && find('tkhd', trak[0], trak[1]);
  if (!mvhd || !tkhd) return undefined;
  const v1 = bytes[mvhd[0]] === 1;
  const timescale = view.getUint32(mvhd[0] + (v1 ? 20 : 12));
  const duration = v1 ? Number(view.getBigUint64(mvhd[0] + 24)) : view.getUint32(mvhd[0] + 16);
  const sizeAt = tkhd[0] + (bytes[tkhd[0]] === 1 ? 88 : 76);
  if (timescale === 0 || sizeAt + 8 > tkhd[1]) return undefined;
  return {
    width: view.getUint32(sizeAt) >>> 16,
    height: view.getUint32(sizeAt + 4) >>> 16,
    seconds: Math.max(1, Math.round(duration / timescale)),
  };
}

export function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'an integer' : 'a decimal';
  if (typeof value === 'boolean') return 'a boolean';
  if (typeof value === 'object') return 'an object';
  return `a ${typeof value}`;
}
