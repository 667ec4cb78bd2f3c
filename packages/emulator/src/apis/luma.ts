import type { ApiModule, EmulatorContext, JobRecord, JobState, MatchedRoute, WebhookMessage } from '../context';
import { bytesResponse, loadAsset, mp4Response } from '../media';
import { isRecord, json, readBody, uuid } from '../util';

/** Ray renders 24 fps; the API takes no frame rate. */
const LUMA_FPS = 24;

/** Short side in pixels of each resolution label. */
const RESOLUTION_SHORT_SIDES: Record<string, number> = { '540p': 540, '720p': 720, '1080p': 1080, '4k': 2160 };

const ASPECT_RATIOS = ['1:1', '16:9', '9:16', '4:3', '3:4', '21:9', '9:21'];

/** Models (reference §4.3): durations and resolutions of Ray 2; Ray 1.6's limits are not documented. */
export const LUMA_MODELS: Record<string, { durations?: string[]; resolutions?: string[] }> = {
  'ray-2': { durations: ['5s', '9s'], resolutions: ['540p', '720p', '1080p', '4k'] },
  'ray-flash-2': { durations: ['5s', '9s'], resolutions: ['540p', '720p', '1080p', '4k'] },
  'ray-1-6': {},
};

/** The models and modes of `POST /generations/video/modify` (`lumaai` `VideoModifyParams`). */
const MODIFY_MODELS = ['ray-2', 'ray-flash-2'];
const MODIFY_MODES = [
  'adhere_1',
  'adhere_2',
  'adhere_3',
  'flex_1',
  'flex_2',
  'flex_3',
  'reimagine_1',
  'reimagine_2',
  'reimagine_3',
];

const DEFAULT_MESSAGES: Record<number, string> = {
  400: 'Bad request',
  401: 'Invalid API key',
  402: 'Insufficient credits',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  422: 'Unprocessable entity',
  429: 'Too many requests, please slow down',
  500: 'Internal server error',
  502: 'Bad gateway',
  503: 'Service temporarily unavailable',
  504: 'Gateway timeout',
};

function error(status: number, detail: unknown, headers: Record<string, string> = {}): Response {
  return json({ detail }, status, headers);
}

/** The size of a request: the short side of its resolution, the long side from its aspect ratio. */
function sizeFor(resolution: string, aspectRatio: string): { width: number; height: number } {
  const shortSide = RESOLUTION_SHORT_SIDES[resolution] ?? 720;
  const [w, h] = aspectRatio.split(':').map(Number);
  const even = (value: number) => Math.round(value / 2) * 2;
  return w >= h
    ? { width: even((shortSide * w) / h), height: shortSide }
    : { width: shortSide, height: even((shortSide * h) / w) };
}

/**
 * The Luma Dream Machine API: `POST /generations` and `/generations/video` (both paths: docs and SDK),
 * `GET /generations/{id}`, `GET /generations`, `DELETE /generations/{id}`, videos on a public CDN
 * origin (`lumaStorage`), callbacks with the Generation object (unsigned, as Luma's).
 */
export function createLumaApi(ctx: EmulatorContext): ApiModule {
  function videoUrl(job: JobRecord) {
    return `${ctx.baseURLs.lumaStorage}/dream_machine/${job.id}/video_0.mp4`;
  }

  function generation(job: JobRecord, state: JobState = ctx.state(job)) {
    const failed = state.status === 'failed' || state.status === 'filtered' || state.status === 'cancelled';
    return {
      id: job.id,
      generation_type: 'video',
      state:
        state.status === 'queued'
          ? 'queued'
          : state.status === 'in_progress'
            ? 'dreaming'
            : state.status === 'completed'
              ? 'completed'
              : 'failed',
      failure_reason: !failed
        ? null
        : state.status === 'filtered'
          ? (job.behavior.errorMessage ?? 'Advanced moderation failed')
          : (job.behavior.errorMessage ?? 'Generation failed'),
      created_at: new Date(job.createdAt).toISOString(),
      assets:
        state.status === 'completed'
          ? { video: videoUrl(job), image: `${ctx.baseURLs.lumaStorage}/dream_machine/${job.id}/video_0_thumb.jpg` }
          : null,
      model: job.model,
      request: job.request,
    };
  }

  function checkAuth(request: Request): Response | undefined {
    const header = request.headers.get('authorization');
    const match = header ? /^Bearer\s+(\S.*)$/i.exec(header.trim()) : null;
    if (!match) return error(401, 'Not authenticated');
    if (!ctx.keyAllowed('luma', match[1].trim())) return error(401, 'Invalid API key');
    return undefined;
  }

  function findGeneration(id: string) {
    const job = ctx.findJob('luma', id);
    return job && !job.deleted ? job : undefined;
  }

  /** A keyframe: `{ type: 'image', url }` or `{ type: 'generation', id }` of a completed generation. */
  function checkKeyframe(name: string, frame: unknown): string | undefined {
    if (frame === undefined || frame === null) return undefined;
    if (!isRecord(frame)) return `keyframes.${name} must be an object`;
    if (frame.type === 'image') {
      if (typeof frame.url !== 'string' || !/^https?:\/\//i.test(frame.url)) {
        return `keyframes.${name}.url must be an http(s) URL`;
      }
      return undefined;
    }
    if (frame.type === 'generation') {
      const source = typeof frame.id === 'string' ? findGeneration(frame.id) : undefined;
      if (!source) return `keyframes.${name}.id: generation not found`;
      if (ctx.state(source).status !== 'completed') return `keyframes.${name}.id: generation is not completed`;
      return undefined;
    }
    return `keyframes.${name}.type must be "image" or "generation"`;
  }

  async function create(request: Request): Promise<Response> {
    const denied = checkAuth(request);
    if (denied) return denied;
    const parsed = await readBody(request);
    if (parsed.kind === 'invalid') return error(400, parsed.message);
    const body = parsed.kind === 'empty' ? {} : parsed.value;
    if (!isRecord(body)) return error(400, 'The request body must be a JSON object');

    const model = body.model ?? 'ray-2';
    if (typeof model !== 'string' || !LUMA_MODELS[model]) {
      return error(400, `Invalid model: ${String(model)}. Supported: ${Object.keys(LUMA_MODELS).join(', ')}`);
    }
    const spec = LUMA_MODELS[model];
    if (body.prompt !== undefined && typeof body.prompt !== 'string') return error(400, 'prompt must be a string');
    const aspectRatio = body.aspect_ratio ?? '16:9';
    if (typeof aspectRatio !== 'string' || !ASPECT_RATIOS.includes(aspectRatio)) {
      return error(400, `Invalid aspect_ratio: ${String(aspectRatio)}. Supported: ${ASPECT_RATIOS.join(', ')}`);
    }
    const resolution = body.resolution ?? '720p';
    if (typeof resolution !== 'string' || (spec.resolutions && !spec.resolutions.includes(resolution))) {
      return error(400, `Invalid resolution: ${String(resolution)}. Supported: ${(spec.resolutions ?? []).join(', ')}`);
    }
    const duration = body.duration ?? '5s';
    if (
      typeof duration !== 'string' ||
      !/^\d+s$/.test(duration) ||
      (spec.durations && !spec.durations.includes(duration))
    ) {
      return error(400, `Invalid duration: ${String(duration)}. Supported: ${(spec.durations ?? ['5s']).join(', ')}`);
    }
    if (body.loop !== undefined && typeof body.loop !== 'boolean') return error(400, 'loop must be a boolean');
    if (body.keyframes !== undefined && !isRecord(body.keyframes)) return error(400, 'keyframes must be an object');
    const keyframes = (body.keyframes ?? {}) as Record<string, unknown>;
    for (const name of ['frame0', 'frame1']) {
      const problem = checkKeyframe(name, keyframes[name]);
      if (problem) return error(400, problem);
    }
    if (!body.prompt && !keyframes.frame0 && !keyframes.frame1) {
      return error(400, 'A prompt or a keyframe is required');
    }
    if (body.concepts !== undefined) {
      if (
        !Array.isArray(body.concepts) ||
        !body.concepts.every((concept) => isRecord(concept) && typeof concept.key === 'string')
      ) {
        return error(400, 'concepts must be a list of { key }');
      }
    }
    const callbackUrl = body.callback_url;
    if (callbackUrl !== undefined && (typeof callbackUrl !== 'string' || !/^https?:\/\//.test(callbackUrl))) {
      return error(400, 'callback_url must be an http(s) URL');
    }

    // Extending (frame0) or reverse-extending (frame1) one generation continues it: the result is
    // the source plus the new seconds, at the source's size. Interpolating between two is new footage.
    const generationOf = (frame: unknown) =>
      isRecord(frame) && frame.type === 'generation' && typeof frame.id === 'string'
        ? findGeneration(frame.id)
        : undefined;
    const start = generationOf(keyframes.frame0);
    const end = generationOf(keyframes.frame1);
    const continued = start && !end ? start : end && !start ? end : undefined;
    const { width, height } = continued ?? sizeFor(resolution, aspectRatio);
    const seconds = Number.parseInt(duration, 10) + (continued?.seconds ?? 0);
    const job = ctx.createJob({
      id: uuid(),
      api: 'luma',
      model,
      prompt: body.prompt as string | undefined,
      width,
      height,
      seconds,
      fps: LUMA_FPS,
      request: { generation_type: 'video', ...body, model },
      webhookUrls: typeof callbackUrl === 'string' ? [callbackUrl] : undefined,
    });
    return json(generation(job), 201);
  }

  /**
   * `POST /generations/video/modify` (video-to-video): the output has the source's size and length
   * when the source is one of this emulator's videos, else 720p 16:9 and 5 s.
   */
  async function modify(request: Request): Promise<Response> {
    const denied = checkAuth(request);
    if (denied) return denied;
    const parsed = await readBody(request);
    if (parsed.kind === 'invalid') return error(400, parsed.message);
    const body = parsed.kind === 'empty' ? {} : parsed.value;
    if (!isRecord(body)) return error(400, 'The request body must be a JSON object');
    if (body.generation_type !== undefined && body.generation_type !== 'modify_video') {
      return error(400, 'generation_type must be "modify_video"');
    }
    if (typeof body.model !== 'string' || !MODIFY_MODELS.includes(body.model)) {
      return error(400, `Invalid model: ${String(body.model)}. Supported: ${MODIFY_MODELS.join(', ')}`);
    }
    const media = body.media;
    if (!isRecord(media) || typeof media.url !== 'string' || !/^https?:\/\//i.test(media.url)) {
      return error(400, 'media.url must be an http(s) URL');
    }
    if (typeof body.mode !== 'string' || !MODIFY_MODES.includes(body.mode)) {
      return error(400, `Invalid mode: ${String(body.mode)}. Supported: ${MODIFY_MODES.join(', ')}`);
    }
    if (body.prompt !== undefined && typeof body.prompt !== 'string') return error(400, 'prompt must be a string');
    const firstFrame = body.first_frame;
    if (
      firstFrame !== undefined &&
      (!isRecord(firstFrame) || typeof firstFrame.url !== 'string' || !/^https?:\/\//i.test(firstFrame.url))
    ) {
      return error(400, 'first_frame.url must be an http(s) URL');
    }
    const callbackUrl = body.callback_url;
    if (callbackUrl !== undefined && (typeof callbackUrl !== 'string' || !/^https?:\/\//.test(callbackUrl))) {
      return error(400, 'callback_url must be an http(s) URL');
    }
    const sourceId = /\/dream_machine\/([^/]+)\/video_0\.mp4$/.exec(new URL(media.url).pathname)?.[1];
    const source = sourceId ? findGeneration(sourceId) : undefined;
    // A video on the emulator's CDN must exist (Luma fetches media.url before accepting the job).
    if (media.url.startsWith(`${ctx.baseURLs.lumaStorage}/`) && (!source || ctx.state(source).status !== 'completed')) {
      return error(400, `media.url could not be fetched: ${media.url}`);
    }
    const job = ctx.createJob({
      id: uuid(),
      api: 'luma',
      model: body.model,
      prompt: body.prompt as string | undefined,
      width: source?.width ?? 1280,
      height: source?.height ?? 720,
      seconds: source?.seconds ?? 5,
      fps: LUMA_FPS,
      request: { ...body, generation_type: 'modify_video' },
      webhookUrls: typeof callbackUrl === 'string' ? [callbackUrl] : undefined,
    });
    return json(generation(job), 201);
  }

  function retrieve(request: Request, id: string): Response {
    const denied = checkAuth(request);
    if (denied) return denied;
    const job = findGeneration(id);
    if (!job) return error(404, 'Generation not found');
    return json(generation(job));
  }

  function list(request: Request, url: URL): Response {
    const denied = checkAuth(request);
    if (denied) return denied;
    const limit = Number(url.searchParams.get('limit') ?? 100);
    const offset = Number(url.searchParams.get('offset') ?? 0);
    if (!Number.isInteger(limit) || limit < 1 || limit > 1000 || !Number.isInteger(offset) || offset < 0) {
      return error(400, 'limit must be 1..1000 and offset a non-negative integer');
    }
    const jobs = ctx
      .listJobs('luma')
      .filter((job) => !job.deleted)
      .sort((a, b) => b.seq - a.seq);
    const page = jobs.slice(offset, offset + limit);
    return json({
      generations: page.map((job) => generation(job)),
      count: page.length,
      has_more: offset + page.length < jobs.length,
      limit,
      offset,
    });
  }

  function remove(request: Request, id: string): Response {
    const denied = checkAuth(request);
    if (denied) return denied;
    const job = findGeneration(id);
    if (!job) return error(404, 'Generation not found');
    job.deleted = true;
    return new Response(null, { status: 204 });
  }

  function storage(request: Request, id: string, file: string): Response {
    const job = ctx.findJob('luma', id);
    if (!job || job.deleted || ctx.state(job).status !== 'completed') {
      return new Response('Not Found', { status: 404, headers: { 'content-type': 'text/plain' } });
    }
    if (file === 'video_0_thumb.jpg') return bytesResponse(loadAsset('spritesheet.jpg'), 'image/jpeg');
    const { clip, total } = ctx.media(job);
    return mp4Response(request, clip, total, { 'cache-control': 'public, max-age=31536000' });
  }

  function match(request: Request, url: URL, mount: string, path: string): MatchedRoute | undefined {
    const method = request.method.toUpperCase();
    const segments = path.split('/').filter(Boolean).map(decodeURIComponent);
    if (mount === 'lumaStorage') {
      if (
        (method === 'GET' || method === 'HEAD') &&
        segments.length === 3 &&
        segments[0] === 'dream_machine' &&
        (segments[2] === 'video_0.mp4' || segments[2] === 'video_0_thumb.jpg')
      ) {
        const [, id, file] = segments;
        return { route: 'media', jobId: id, run: () => storage(request, id, file) };
      }
      return undefined;
    }
    if (segments[0] !== 'generations') return undefined;
    if (segments.length === 1) {
      if (method === 'POST') return { route: 'create', run: () => create(request) };
      if (method === 'GET') return { route: 'list', run: () => list(request, url) };
      return undefined;
    }
    if (segments.length === 3 && segments[1] === 'video' && segments[2] === 'modify' && method === 'POST') {
      return { route: 'create', run: () => modify(request) };
    }
    if (segments.length === 2 && segments[1] === 'video' && method === 'POST') {
      return { route: 'create', run: () => create(request) };
    }
    if (segments.length === 2) {
      const id = segments[1];
      if (method === 'GET') return { route: 'retrieve', jobId: id, run: () => retrieve(request, id) };
      if (method === 'DELETE') return { route: 'delete', jobId: id, run: () => remove(request, id) };
    }
    return undefined;
  }

  return {
    api: 'luma',
    match,
    notFound() {
      return error(404, 'Not Found');
    },
    errorResponse(status, extraHeaders) {
      return error(status, DEFAULT_MESSAGES[status] ?? `Error ${status}`, extraHeaders);
    },
    webhooks(job, state): WebhookMessage[] {
      if (job.webhookUrls.length === 0 || state.status === 'cancelled') return [];
      const body = JSON.stringify(generation(job, state));
      const event = state.status === 'completed' ? 'completed' : 'failed';
      // Luma signs nothing: the Generation object, as JSON, to the callback URL.
      return job.webhookUrls.map((url) => ({ url, event, body, headers: { 'content-type': 'application/json' } }));
    },
  };
}
