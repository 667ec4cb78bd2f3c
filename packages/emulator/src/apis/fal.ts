import {
  type ApiModule,
  DEFAULT_CLIP_FPS,
  type EmulatorContext,
  type JobRecord,
  type JobState,
  type MatchedRoute,
  type WebhookMessage,
} from '../context';
import { mp4Response } from '../media';
import { falWebhookHeaders } from '../webhooks';
import { isRecord, json, readBody, uuid } from '../util';

interface FalEndpoint {
  required: string[];
  /** Allowed values of enum fields. */
  enums: Record<string, string[]>;
  defaults: { duration: string; aspect_ratio?: string; resolution?: string };
  /** Fields that must be strings / booleans / arrays when present. */
  strings?: string[];
  booleans?: string[];
  arrays?: string[];
  /**
   * The endpoint works on `video_url`: `extend` (the output is the input plus the
   * `duration`), `edit` (the output keeps the input's length), with the input's length limits.
   */
  sourceVideo?: { operation: 'extend' | 'edit'; minSeconds?: number; maxSeconds: number };
}

const VEO_COMMON = {
  strings: ['negative_prompt'],
  booleans: ['generate_audio', 'auto_fix'],
};
const SAFETY = ['1', '2', '3', '4', '5', '6'];

const veoText: FalEndpoint = {
  required: ['prompt'],
  enums: {
    aspect_ratio: ['16:9', '9:16'],
    duration: ['4s', '6s', '8s'],
    resolution: ['720p', '1080p'],
    safety_tolerance: SAFETY,
  },
  defaults: { duration: '8s', aspect_ratio: '16:9', resolution: '720p' },
  ...VEO_COMMON,
};
const veoImage: FalEndpoint = {
  required: ['prompt', 'image_url'],
  enums: {
    aspect_ratio: ['auto', '16:9', '9:16'],
    duration: ['4s', '6s', '8s'],
    resolution: ['720p', '1080p'],
    safety_tolerance: SAFETY,
  },
  defaults: { duration: '8s', aspect_ratio: 'auto', resolution: '720p' },
  ...VEO_COMMON,
};
const klingImage: FalEndpoint = {
  required: ['prompt', 'image_url'],
  enums: { duration: ['5', '10'] },
  defaults: { duration: '5' },
  strings: ['negative_prompt'],
};

/** Veo 3.1 extension on fal: inputs up to 8 s, 7 s added (fal's endpoint page). */
const veoExtend: FalEndpoint = {
  required: ['prompt', 'video_url'],
  enums: {
    aspect_ratio: ['auto', '16:9', '9:16'],
    duration: ['7s'],
    resolution: ['720p'],
    safety_tolerance: SAFETY,
  },
  defaults: { duration: '7s', aspect_ratio: 'auto', resolution: '720p' },
  ...VEO_COMMON,
  sourceVideo: { operation: 'extend', maxSeconds: 8 },
};
/** Kling O1 video-to-video edit on fal: .mp4/.mov inputs of 3–10.05 s, output as long as the input. */
const klingO1Edit: FalEndpoint = {
  required: ['prompt', 'video_url'],
  enums: {},
  defaults: { duration: '5' },
  booleans: ['keep_audio'],
  arrays: ['image_urls', 'elements'],
  sourceVideo: { operation: 'edit', minSeconds: 3, maxSeconds: 10.05 },
};

/** A handful of fal video endpoints (reference C.9). Unknown endpoint ids are accepted generically. */
export const FAL_ENDPOINTS: Record<string, FalEndpoint> = {
  'fal-ai/veo3': veoText,
  'fal-ai/veo3/fast': veoText,
  'fal-ai/veo3.1': veoText,
  'fal-ai/veo3.1/fast': veoText,
  'fal-ai/veo3.1/lite': veoText,
  'fal-ai/veo3.1/image-to-video': veoImage,
  'fal-ai/veo3.1/fast/image-to-video': veoImage,
  'fal-ai/veo3.1/first-last-frame-to-video': {
    required: ['prompt', 'first_frame_url', 'last_frame_url'],
    enums: {
      aspect_ratio: ['auto', '16:9', '9:16'],
      duration: ['4s', '6s', '8s'],
      resolution: ['720p', '1080p', '4k'],
      safety_tolerance: SAFETY,
    },
    defaults: { duration: '8s', aspect_ratio: 'auto', resolution: '720p' },
    ...VEO_COMMON,
  },
  'fal-ai/veo3.1/reference-to-video': {
    required: ['prompt', 'image_urls'],
    enums: {
      aspect_ratio: ['16:9', '9:16'],
      duration: ['8s'],
      resolution: ['720p', '1080p', '4k'],
      safety_tolerance: SAFETY,
    },
    defaults: { duration: '8s', aspect_ratio: '16:9', resolution: '720p' },
    arrays: ['image_urls'],
    ...VEO_COMMON,
  },
  'fal-ai/veo3.1/extend-video': veoExtend,
  'fal-ai/veo3.1/fast/extend-video': veoExtend,
  'fal-ai/kling-video/o1/video-to-video/edit': klingO1Edit,
  'fal-ai/kling-video/o1/standard/video-to-video/edit': klingO1Edit,
  'fal-ai/kling-video/v2.1/standard/image-to-video': klingImage,
  'fal-ai/kling-video/v2.1/master/image-to-video': klingImage,
  'fal-ai/kling-video/v2/master/image-to-video': klingImage,
  'fal-ai/kling-video/v2.5-turbo/pro/image-to-video': { ...klingImage, strings: ['negative_prompt', 'tail_image_url'] },
  'fal-ai/kling-video/v2.5-turbo/pro/text-to-video': {
    required: ['prompt'],
    enums: { aspect_ratio: ['16:9', '9:16', '1:1'], duration: ['5', '10'] },
    defaults: { duration: '5', aspect_ratio: '16:9' },
    strings: ['negative_prompt'],
  },
  'fal-ai/kling-video/v2.6/pro/image-to-video': {
    required: ['prompt', 'start_image_url'],
    enums: { duration: ['5', '10'] },
    defaults: { duration: '5' },
    strings: ['negative_prompt', 'end_image_url'],
    booleans: ['generate_audio'],
    arrays: ['voice_ids'],
  },
  'fal-ai/minimax/hailuo-02/standard/image-to-video': {
    required: ['prompt', 'image_url'],
    enums: { duration: ['6', '10'], resolution: ['512P', '768P'] },
    defaults: { duration: '6', resolution: '768P' },
    strings: ['end_image_url'],
    booleans: ['prompt_optimizer'],
  },
  'fal-ai/minimax/hailuo-02/standard/text-to-video': {
    required: ['prompt'],
    enums: { duration: ['6', '10'] },
    defaults: { duration: '6' },
    booleans: ['prompt_optimizer'],
  },
};

const NAMESPACES = ['workflows', 'comfy'];

/** owner/app of an endpoint id (namespaced ids keep one extra segment) — reference C.1 path rule. */
export function falAppId(endpointId: string): string {
  const parts = endpointId.split('/').filter(Boolean);
  const length = NAMESPACES.includes(parts[0]) ? 3 : 2;
  return parts.slice(0, length).join('/');
}

function formatExpected(values: string[]) {
  const quoted = values.map((value) => `'${value}'`);
  return quoted.length <= 1 ? quoted.join('') : `${quoted.slice(0, -1).join(', ')} or ${quoted[quoted.length - 1]}`;
}

type Detail = {
  loc: Array<string | number>;
  msg: string;
  type: string;
  input?: unknown;
  ctx?: Record<string, unknown>;
  url?: string;
};

function validate(endpoint: FalEndpoint, input: Record<string, unknown>): Detail[] {
  const details: Detail[] = [];
  for (const field of endpoint.required) {
    if (input[field] === undefined || input[field] === null) {
      details.push({ loc: ['body', field], msg: 'Field required', type: 'missing', input });
    }
  }
  const stringFields = [
    ...new Set([...endpoint.required.filter((f) => !(endpoint.arrays ?? []).includes(f)), ...(endpoint.strings ?? [])]),
  ];
  for (const field of stringFields) {
    const value = input[field];
    if (value !== undefined && value !== null && typeof value !== 'string') {
      details.push({ loc: ['body', field], msg: 'Input should be a valid string', type: 'string_type', input: value });
    }
  }
  for (const field of endpoint.booleans ?? []) {
    const value = input[field];
    if (value !== undefined && typeof value !== 'boolean') {
      details.push({ loc: ['body', field], msg: 'Input should be a valid boolean', type: 'bool_type', input: value });
    }
  }
  for (const field of endpoint.arrays ?? []) {
    const value = input[field];
    if (value !== undefined && !Array.isArray(value)) {
      details.push({ loc: ['body', field], msg: 'Input should be a valid list', type: 'list_type', input: value });
    }
  }
  for (const [field, allowed] of Object.entries(endpoint.enums)) {
    const value = input[field];
    if (value === undefined) continue;
    if (typeof value !== 'string' || !allowed.includes(value)) {
      const expected = formatExpected(allowed);
      details.push({
        loc: ['body', field],
        msg: `Input should be ${expected}`,
        type: 'literal_error',
        input: value,
        ctx: { expected },
      });
    }
  }
  if (input.seed !== undefined && (typeof input.seed !== 'number' || !Number.isInteger(input.seed))) {
    details.push({
      loc: ['body', 'seed'],
      msg: 'Input should be a valid integer',
      type: 'int_type',
      input: input.seed,
    });
  }
  return details;
}

const SHORT_SIDE: Record<string, number> = { '4k': 2160, '512P': 512, '768P': 768 };

/** Width and height for an aspect ratio (`16:9` when absent or `auto`) and a resolution (`720p` when absent). */
function dimensions(aspectRatio: unknown, resolution: unknown): [number, number] {
  const named = /^(\d+)p$/i.exec(String(resolution ?? ''));
  const short = SHORT_SIDE[String(resolution)] ?? (named ? Number(named[1]) : 720);
  const ratio = /^(\d+):(\d+)$/.exec(String(aspectRatio ?? ''));
  const [a, b] = ratio && Number(ratio[1]) > 0 && Number(ratio[2]) > 0 ? [Number(ratio[1]), Number(ratio[2])] : [16, 9];
  const long = Math.round((short * Math.max(a, b)) / Math.min(a, b) / 2) * 2;
  return a >= b ? [long, short] : [short, long];
}

/** The frame rate an endpoint was asked for (`fps` or `frames_per_second`), if any. */
function requestedFps(input: Record<string, unknown>): number | undefined {
  const value = input.fps ?? input.frames_per_second;
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : undefined;
}

/** The length in seconds of an MP4 / QuickTime file, from its `mvhd` box (undefined when none is found). */
function mp4Seconds(bytes: Uint8Array): number | undefined {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let index = 4; index + 4 <= bytes.length; index++) {
    if (bytes[index] !== 0x6d || bytes[index + 1] !== 0x76 || bytes[index + 2] !== 0x68 || bytes[index + 3] !== 0x64) {
      continue;
    }
    const version = bytes[index + 4];
    const timescaleAt = index + (version === 1 ? 24 : 16);
    if (timescaleAt + (version === 1 ? 12 : 8) > bytes.length) return undefined;
    const timescale = view.getUint32(timescaleAt);
    const duration = version === 1 ? Number(view.getBigUint64(timescaleAt + 4)) : view.getUint32(timescaleAt + 4);
    return timescale > 0 ? duration / timescale : undefined;
  }
  return undefined;
}

function parseSeconds(duration: unknown): number {
  const value = typeof duration === 'number' ? duration : Number.parseFloat(String(duration ?? ''));
  return Number.isFinite(value) && value > 0 ? value : 5;
}

export function createFalApi(ctx: EmulatorContext): ApiModule {
  // jobs per owner/app in creation order, for queue positions
  const queues = new Map<string, JobRecord[]>();

  function checkAuth(request: Request): Response | undefined {
    const header = request.headers.get('authorization');
    const match = header ? /^Key\s+(\S.*)$/i.exec(header.trim()) : null;
    if (!match) {
      return json(
        {
          detail: header
            ? 'Invalid authorization header. Use "Authorization: Key <FAL_KEY>".'
            : 'No authentication credentials were provided. Use the header "Authorization: Key <FAL_KEY>".',
        },
        401,
      );
    }
    if (!ctx.keyAllowed('fal', match[1].trim())) {
      return json({ detail: 'No user found for Key ID and Secret' }, 401);
    }
    return undefined;
  }

  function urls(job: JobRecord) {
    const base = `${ctx.baseURLs.fal}/${job.extra.appId}/requests/${job.id}`;
    return { response_url: base, status_url: `${base}/status`, cancel_url: `${base}/cancel` };
  }

  function mediaUrl(job: JobRecord) {
    return `${ctx.baseURLs.falMedia}/files/emulator/${job.id}/output.mp4`;
  }

  function output(job: JobRecord) {
    const { total } = ctx.media(job);
    return {
      video: { url: mediaUrl(job), content_type: 'video/mp4', file_name: 'output.mp4', file_size: total },
      ...(typeof job.request.seed === 'number' ? { seed: job.request.seed } : {}),
    };
  }

  function logs(job: JobRecord, state: JobState) {
    if (state.status === 'queued') return [];
    const steps = state.finishedAt !== undefined ? job.behavior.progressSteps : state.step + 1;
    const entries = [];
    for (let step = 0; step < steps; step++) {
      const at =
        job.createdAt +
        job.behavior.queueMs +
        (step * (job.behavior.durationMs - job.behavior.queueMs)) / job.behavior.progressSteps;
      entries.push({
        message: `Generating video… ${Math.floor((step * 100) / job.behavior.progressSteps)}%`,
        level: 'INFO',
        source: 'USER',
        timestamp: new Date(at).toISOString(),
      });
    }
    return entries;
  }

  /** Number of earlier requests to the same app that are still queued (0-based position). */
  function queuePosition(job: JobRecord): number {
    const queue = queues.get(String(job.extra.appId)) ?? [];
    const horizon = ctx.now() - ctx.maxQueueMs();
    let position = 0;
    for (let index = (job.extra.queueIndex as number) - 1; index >= 0; index--) {
      const other = queue[index];
      if (other.createdAt < horizon) break; // created too long ago to still be queued
      if (ctx.state(other).status === 'queued') position++;
    }
    return position;
  }

  function failureDetail(
    job: JobRecord,
    state: JobState,
  ): { status: number; body: Record<string, unknown>; error: string; errorType: string } {
    if (state.status === 'filtered') {
      const detail = [
        {
          loc: ['body', 'prompt'],
          msg:
            job.behavior.errorMessage ??
            'The content could not be processed because it contained material flagged by a content checker.',
          type: 'content_policy_violation',
          url: 'https://docs.fal.ai/errors#content_policy_violation',
          input: job.prompt,
        },
      ];
      return {
        status: 422,
        body: { detail },
        error: 'Invalid status code: 422',
        errorType: 'content_policy_violation',
      };
    }
    if (state.status === 'cancelled') {
      return {
        status: 400,
        body: { detail: 'Request was cancelled.' },
        error: 'Request was cancelled.',
        errorType: 'request_cancelled',
      };
    }
    return {
      status: 500,
      body: {
        detail: job.behavior.errorMessage ?? 'Internal error while generating the video.',
        error_type: 'internal_server_error',
      },
      error: 'Invalid status code: 500',
      errorType: 'internal_server_error',
    };
  }

  function statusBody(job: JobRecord, state: JobState, withLogs: boolean) {
    const common = { request_id: job.id, ...urls(job) };
    if (state.status === 'queued') return { status: 'IN_QUEUE', queue_position: queuePosition(job), ...common };
    if (state.status === 'in_progress')
      return { status: 'IN_PROGRESS', logs: withLogs ? logs(job, state) : null, ...common };
    const body: Record<string, unknown> = {
      status: 'COMPLETED',
      logs: withLogs ? logs(job, state) : null,
      metrics: { inference_time: Math.max(0, (state.finishedAt! - job.createdAt - job.behavior.queueMs) / 1000) },
      ...common,
    };
    if (state.status !== 'completed') {
      const failure = failureDetail(job, state);
      body.error = failure.error;
      body.error_type = failure.errorType;
    }
    return body;
  }

  function requestHeaders(job: JobRecord) {
    return { 'x-fal-request-id': job.id };
  }

  async function submit(request: Request, url: URL, endpointId: string): Promise<Response> {
    const denied = checkAuth(request);
    if (denied) return denied;
    const parsed = await readBody(request);
    if (parsed.kind === 'invalid') {
      return json(
        { detail: [{ loc: ['body'], msg: `JSON decode error: ${parsed.message}`, type: 'json_invalid' }] },
        422,
      );
    }
    const input = parsed.kind === 'json' ? parsed.value : parsed.kind === 'empty' ? {} : parsed.value;
    if (!isRecord(input)) {
      return json(
        { detail: [{ loc: ['body'], msg: 'Input should be a valid dictionary', type: 'dict_type', input }] },
        422,
      );
    }
    const endpoint = FAL_ENDPOINTS[endpointId];
    if (endpoint) {
      const details = validate(endpoint, input);
      if (details.length > 0) return json({ detail: details }, 422, { 'x-fal-retryable': 'false' });
    }
    const source = endpoint?.sourceVideo ? readSourceVideo(input.video_url, endpoint.sourceVideo) : undefined;
    if (source && 'detail' in source) return json(source, 422, { 'x-fal-retryable': 'false' });
    const webhookUrl = url.searchParams.get('fal_webhook') ?? undefined;
    const aspectRatio = input.aspect_ratio ?? endpoint?.defaults.aspect_ratio ?? '16:9';
    // An extension or an edit keeps the input's size.
    const [width, height] = source
      ? [source.width, source.height]
      : dimensions(aspectRatio === 'auto' ? '16:9' : aspectRatio, input.resolution ?? endpoint?.defaults.resolution);
    const fps = requestedFps(input) ?? DEFAULT_CLIP_FPS;
    const requested =
      input.duration === undefined && typeof input.num_frames === 'number' && input.num_frames > 0
        ? input.num_frames / fps
        : parseSeconds(input.duration ?? endpoint?.defaults.duration);
    // Extend: the input plus the seconds added; edit: as long as the input.
    const seconds = source
      ? endpoint?.sourceVideo?.operation === 'extend'
        ? source.seconds + requested
        : source.seconds
      : requested;
    const job = ctx.createJob({
      id: uuid(),
      api: 'fal',
      model: endpointId,
      prompt: typeof input.prompt === 'string' ? input.prompt : undefined,
      width,
      height,
      seconds,
      fps,
      request: input,
      webhookUrls: webhookUrl ? [webhookUrl] : [],
      extra: { appId: falAppId(endpointId) },
    });
    const queue = queues.get(String(job.extra.appId)) ?? [];
    job.extra.queueIndex = queue.length;
    queue.push(job);
    queues.set(String(job.extra.appId), queue);
    return json(
      {
        status: 'IN_QUEUE',
        request_id: job.id,
        ...urls(job),
        queue_position: queuePosition(job),
        ...(webhookUrl ? { gateway_request_id: job.id } : {}),
      },
      200,
      requestHeaders(job),
    );
  }

  /**
   * The input video of an extend / edit endpoint: a result on fal's media host (the request must
   * exist and be completed), a `data:` URI of an MP4 / QuickTime file, or another URL (not fetched:
   * taken as an 8 s 720p clip). A 422 body in fal's `detail` form when it cannot be used.
   */
  function readSourceVideo(
    videoUrl: unknown,
    limits: NonNullable<FalEndpoint['sourceVideo']>,
  ): { seconds: number; width: number; height: number } | { detail: Detail[] } {
    const refuse = (msg: string, type: string, ctx?: Record<string, unknown>) => ({
      detail: [
        {
          loc: ['body', 'video_url'],
          msg,
          type,
          url: `https://docs.fal.ai/errors#${type}`,
          input: videoUrl,
          ...(ctx ? { ctx } : {}),
        },
      ],
    });
    if (typeof videoUrl !== 'string') return refuse('Input should be a valid string', 'string_type');
    let source: { seconds: number; width: number; height: number } | undefined;
    const dataUri = /^data:([^;,]*)(;base64)?,(.*)$/s.exec(videoUrl);
    const mediaPrefix = `${ctx.baseURLs.falMedia}/files/emulator/`;
    if (dataUri) {
      const bytes = dataUri[2]
        ? Buffer.from(dataUri[3], 'base64')
        : Buffer.from(decodeURIComponent(dataUri[3]), 'latin1');
      const isMp4 = bytes.length >= 8 && bytes.subarray(4, 8).toString('latin1') === 'ftyp';
      if (!isMp4) return refuse('Unsupported video format. Supported formats: mp4, mov.', 'video_format_unsupported');
      source = { seconds: mp4Seconds(bytes) ?? 8, width: 1280, height: 720 };
    } else if (videoUrl.startsWith(mediaPrefix)) {
      const requestId = videoUrl.slice(mediaPrefix.length).split('/')[0];
      const sourceJob = ctx.findJob('fal', requestId);
      if (!sourceJob || ctx.state(sourceJob).status !== 'completed') {
        return refuse('Failed to download the file. Please check if the URL is accessible.', 'file_download_error');
      }
      source = { seconds: sourceJob.seconds, width: sourceJob.width, height: sourceJob.height };
    } else if (/^https?:\/\//i.test(videoUrl)) {
      source = { seconds: 8, width: 1280, height: 720 };
    } else {
      return refuse('Failed to download the file. Please check if the URL is accessible.', 'file_download_error');
    }
    if (source.seconds > limits.maxSeconds) {
      return refuse(`Video duration must be at most ${limits.maxSeconds} seconds.`, 'video_duration_too_long', {
        max_duration: limits.maxSeconds,
      });
    }
    if (limits.minSeconds !== undefined && source.seconds < limits.minSeconds) {
      return refuse(`Video duration must be at least ${limits.minSeconds} seconds.`, 'video_duration_too_short', {
        min_duration: limits.minSeconds,
      });
    }
    return source;
  }

  function findJob(appId: string, requestId: string) {
    const job = ctx.findJob('fal', requestId);
    return job && job.extra.appId === appId ? job : undefined;
  }

  function status(request: Request, url: URL, appId: string, requestId: string): Response {
    const denied = checkAuth(request);
    if (denied) return denied;
    const job = findJob(appId, requestId);
    if (!job) return json({ detail: `Request ${requestId} not found` }, 404);
    const state = ctx.state(job);
    const withLogs = url.searchParams.get('logs') === '1' || url.searchParams.get('logs') === 'true';
    const terminal = state.finishedAt !== undefined;
    return json(statusBody(job, state, withLogs), terminal ? 200 : 202, requestHeaders(job));
  }

  function stream(request: Request, url: URL, appId: string, requestId: string): Response {
    const denied = checkAuth(request);
    if (denied) return denied;
    const job = findJob(appId, requestId);
    if (!job) return json({ detail: `Request ${requestId} not found` }, 404);
    const withLogs = url.searchParams.get('logs') === '1' || url.searchParams.get('logs') === 'true';
    const encoder = new TextEncoder();
    let timer: ReturnType<typeof setTimeout> | undefined;
    let closed = false;
    let last = '';
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        const tick = () => {
          if (closed) return;
          const state = ctx.state(job);
          const text = JSON.stringify(statusBody(job, state, withLogs));
          if (text !== last) {
            last = text;
            controller.enqueue(encoder.encode(`event: status\ndata: ${text}\n\n`));
          }
          if (state.finishedAt !== undefined) {
            closed = true;
            controller.close();
            return;
          }
          timer = setTimeout(tick, ctx.sseIntervalMs);
        };
        request.signal.addEventListener('abort', () => {
          closed = true;
          if (timer) clearTimeout(timer);
          try {
            controller.close();
          } catch {
            // already closed
          }
        });
        tick();
      },
      cancel() {
        closed = true;
        if (timer) clearTimeout(timer);
      },
    });
    return new Response(body, {
      status: 200,
      headers: {
        'content-type': 'text/event-stream',
        'cache-control': 'no-cache',
        connection: 'keep-alive',
        ...requestHeaders(job),
      },
    });
  }

  function result(request: Request, appId: string, requestId: string): Response {
    const denied = checkAuth(request);
    if (denied) return denied;
    const job = findJob(appId, requestId);
    if (!job) return json({ detail: `Request ${requestId} not found` }, 404);
    const state = ctx.state(job);
    if (state.finishedAt === undefined)
      return json({ detail: 'Request is still in progress' }, 400, requestHeaders(job));
    if (state.status !== 'completed') {
      const failure = failureDetail(job, state);
      return json(failure.body, failure.status, {
        ...requestHeaders(job),
        'x-fal-retryable': 'false',
        ...(state.status === 'failed' ? { 'x-fal-error-type': failure.errorType } : {}),
      });
    }
    return json(output(job), 200, {
      ...requestHeaders(job),
      'x-fal-billable-units': String(job.seconds),
    });
  }

  function cancel(request: Request, appId: string, requestId: string): Response {
    const denied = checkAuth(request);
    if (denied) return denied;
    const job = findJob(appId, requestId);
    if (!job) return json({ status: 'NOT_FOUND' }, 404);
    const state = ctx.state(job);
    if (state.finishedAt !== undefined) return json({ status: 'ALREADY_COMPLETED' }, 400, requestHeaders(job));
    ctx.cancel(job);
    return json({ status: 'CANCELLATION_REQUESTED' }, 202, requestHeaders(job));
  }

  function media(request: Request, requestId: string): Response {
    const job = ctx.findJob('fal', requestId);
    if (!job || ctx.state(job).status !== 'completed') {
      return new Response('Not Found', { status: 404, headers: { 'content-type': 'text/plain' } });
    }
    const { clip, total } = ctx.media(job);
    return mp4Response(request, clip, total, { 'cache-control': 'public, max-age=3600' });
  }

  function match(request: Request, url: URL, mount: string, path: string): MatchedRoute | undefined {
    const method = request.method.toUpperCase();
    if (mount === 'falJwks') {
      if (method !== 'GET' || path !== '') return undefined;
      return {
        route: 'jwks',
        run: () => json(ctx.webhookKeys.fal.jwks, 200, { 'cache-control': 'public, max-age=86400' }),
      };
    }
    const segments = path.split('/').filter(Boolean).map(decodeURIComponent);
    if (mount === 'falMedia') {
      const m =
        segments.length === 4 && segments[0] === 'files' && segments[1] === 'emulator' && segments[3] === 'output.mp4';
      if (!m || (method !== 'GET' && method !== 'HEAD')) return undefined;
      const requestId = segments[2];
      return { route: 'media', jobId: requestId, run: () => media(request, requestId) };
    }
    const requestsIndex = segments.indexOf('requests');
    if (requestsIndex === -1) {
      if (method === 'POST' && segments.length >= 2) {
        const endpointId = segments.join('/');
        return { route: 'submit', run: () => submit(request, url, endpointId) };
      }
      return undefined;
    }
    const appSegments = segments.slice(0, requestsIndex);
    const rest = segments.slice(requestsIndex + 1);
    const appId = appSegments.join('/');
    // Path rule (C.1): status/result/cancel live under owner/app only. A longer prefix (the full
    // endpoint id) does not exist on fal: it 404s here too.
    if (appSegments.length < 2 || falAppId(appId) !== appId || rest.length === 0) return undefined;
    const requestId = rest[0];
    if (rest.length === 1 && (method === 'GET' || method === 'HEAD')) {
      return { route: 'result', jobId: requestId, run: () => result(request, appId, requestId) };
    }
    if (rest.length === 2 && rest[1] === 'status' && method === 'GET') {
      return { route: 'status', jobId: requestId, run: () => status(request, url, appId, requestId) };
    }
    if (rest.length === 3 && rest[1] === 'status' && rest[2] === 'stream' && method === 'GET') {
      return { route: 'stream', jobId: requestId, run: () => stream(request, url, appId, requestId) };
    }
    if (rest.length === 2 && rest[1] === 'cancel' && method === 'PUT') {
      return { route: 'cancel', jobId: requestId, run: () => cancel(request, appId, requestId) };
    }
    return undefined;
  }

  const ERROR_TYPES: Record<number, string> = {
    503: 'runner_scheduling_failure',
    504: 'request_timeout',
    500: 'internal_server_error',
    502: 'runner_disconnected',
  };

  return {
    api: 'fal',
    match,
    notFound() {
      return json({ detail: 'Not Found' }, 404);
    },
    errorResponse(status, extraHeaders) {
      if (status === 429)
        return json(
          { detail: 'Rate limit exceeded. Please try again later.', error_type: 'rate_limited' },
          429,
          extraHeaders,
        );
      const errorType = ERROR_TYPES[status];
      if (errorType) {
        return json({ detail: `Request failed: ${errorType.replace(/_/g, ' ')}`, error_type: errorType }, status, {
          'x-fal-error-type': errorType,
          'x-fal-retryable': 'true',
          ...extraHeaders,
        });
      }
      return json({ detail: `Request failed with status ${status}` }, status, extraHeaders);
    },
    webhooks(job, state): WebhookMessage[] {
      if (job.webhookUrls.length === 0 || state.status === 'cancelled') return [];
      const payload =
        state.status === 'completed'
          ? { request_id: job.id, gateway_request_id: job.id, status: 'OK', payload: output(job) }
          : (() => {
              const failure = failureDetail(job, state);
              return {
                request_id: job.id,
                gateway_request_id: job.id,
                status: 'ERROR',
                error: failure.error,
                payload: failure.body,
              };
            })();
      const body = JSON.stringify(payload);
      const timestamp = Math.floor(ctx.now() / 1000);
      return job.webhookUrls.map((url) => ({
        url,
        event: payload.status,
        body,
        headers: {
          'content-type': 'application/json',
          ...falWebhookHeaders(ctx.falPrivateKey, job.id, ctx.webhookKeys.fal.userId, timestamp, body),
        },
      }));
    },
  };
}
