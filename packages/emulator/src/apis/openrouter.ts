import type { ApiModule, EmulatorContext, JobRecord, JobState, MatchedRoute, WebhookMessage } from '../context';
import { mp4Response } from '../media';
import { openrouterWebhookHeaders } from '../webhooks';
import { isRecord, json, randomAlphanumeric, readBody } from '../util';

/** One entry of `GET /videos/models` (reference D.6). */
export interface OpenRouterVideoModel {
  id: string;
  canonical_slug: string;
  name: string;
  created: number;
  description: string;
  hugging_face_id: string | null;
  allowed_passthrough_parameters: string[];
  generate_audio: boolean | null;
  seed: boolean | null;
  supported_aspect_ratios: string[] | null;
  supported_durations: number[] | null;
  supported_frame_images: string[] | null;
  supported_resolutions: string[] | null;
  supported_sizes: string[] | null;
  pricing_skus: Record<string, string> | null;
  creativity: null;
  upscale_factor: null;
}

function model(
  id: string,
  name: string,
  capabilities: Pick<
    OpenRouterVideoModel,
    | 'allowed_passthrough_parameters'
    | 'generate_audio'
    | 'seed'
    | 'supported_aspect_ratios'
    | 'supported_durations'
    | 'supported_frame_images'
    | 'supported_resolutions'
    | 'supported_sizes'
    | 'pricing_skus'
  >,
): OpenRouterVideoModel {
  return {
    id,
    canonical_slug: id,
    name,
    created: 1760000000,
    description: `${name} (emulated by @videogen/emulator).`,
    hugging_face_id: null,
    ...capabilities,
    creativity: null,
    upscale_factor: null,
  };
}

const VEO_SIZES = ['1280x720', '720x1280', '1920x1080', '1080x1920'];

/** Model catalogue (ids and values illustrative, shapes per D.6). */
export const OPENROUTER_MODELS: OpenRouterVideoModel[] = [
  model('google/veo-3.1', 'Google: Veo 3.1', {
    allowed_passthrough_parameters: ['negativePrompt', 'personGeneration'],
    generate_audio: true,
    seed: true,
    supported_aspect_ratios: ['16:9', '9:16'],
    supported_durations: [4, 6, 8],
    supported_frame_images: ['first_frame', 'last_frame'],
    supported_resolutions: ['720p', '1080p'],
    supported_sizes: VEO_SIZES,
    pricing_skus: { video_seconds: '0.4' },
  }),
  model('google/veo-3.1-fast', 'Google: Veo 3.1 Fast', {
    allowed_passthrough_parameters: ['negativePrompt', 'personGeneration'],
    generate_audio: true,
    seed: true,
    supported_aspect_ratios: ['16:9', '9:16'],
    supported_durations: [4, 6, 8],
    supported_frame_images: ['first_frame', 'last_frame'],
    supported_resolutions: ['720p', '1080p'],
    supported_sizes: VEO_SIZES,
    pricing_skus: { video_seconds: '0.15' },
  }),
  model('openai/sora-2-pro', 'OpenAI: Sora 2 Pro', {
    allowed_passthrough_parameters: [],
    generate_audio: true,
    seed: false,
    supported_aspect_ratios: ['16:9', '9:16'],
    supported_durations: [4, 8, 12, 16, 20],
    supported_frame_images: ['first_frame'],
    supported_resolutions: ['720p', '1080p'],
    supported_sizes: ['1280x720', '720x1280', '1792x1024', '1024x1792', '1920x1080', '1080x1920'],
    pricing_skus: { video_seconds: '0.3' },
  }),
  model('bytedance/seedance-1-pro', 'ByteDance: Seedance 1 Pro', {
    allowed_passthrough_parameters: ['camera_fixed'],
    generate_audio: false,
    seed: true,
    supported_aspect_ratios: ['16:9', '9:16', '1:1', '4:3', '3:4', '21:9'],
    supported_durations: [5, 10],
    supported_frame_images: ['first_frame', 'last_frame'],
    supported_resolutions: ['480p', '720p', '1080p'],
    supported_sizes: null,
    pricing_skus: { video_seconds: '0.12' },
  }),
  model('kwaivgi/kling-v2.5-turbo-pro', 'Kling: v2.5 Turbo Pro', {
    allowed_passthrough_parameters: ['cfg_scale', 'negative_prompt'],
    generate_audio: false,
    seed: false,
    supported_aspect_ratios: ['16:9', '9:16', '1:1'],
    supported_durations: [5, 10],
    supported_frame_images: ['first_frame', 'last_frame'],
    supported_resolutions: ['1080p'],
    supported_sizes: null,
    pricing_skus: { video_seconds: '0.07' },
  }),
  // The ids the @videogen/openrouter README uses in its examples (OpenRouterVideoModelId).
  model('bytedance/seedance-2.0', 'ByteDance: Seedance 2.0', {
    allowed_passthrough_parameters: ['camera_fixed'],
    generate_audio: true,
    seed: true,
    supported_aspect_ratios: ['16:9', '9:16', '1:1', '4:3', '3:4', '21:9'],
    supported_durations: [5, 10],
    supported_frame_images: ['first_frame', 'last_frame'],
    supported_resolutions: ['480p', '720p', '1080p'],
    supported_sizes: null,
    pricing_skus: { video_seconds: '0.15' },
  }),
  model('kwaivgi/kling-v3.0-std', 'Kling: v3.0 Standard', {
    allowed_passthrough_parameters: ['cfg_scale', 'negative_prompt'],
    generate_audio: true,
    seed: false,
    supported_aspect_ratios: ['16:9', '9:16', '1:1'],
    supported_durations: [5, 10],
    supported_frame_images: ['first_frame', 'last_frame'],
    supported_resolutions: ['720p', '1080p'],
    supported_sizes: null,
    pricing_skus: { video_seconds: '0.08' },
  }),
  model('alibaba/wan-2.7', 'Alibaba: Wan 2.7', {
    allowed_passthrough_parameters: ['negative_prompt'],
    generate_audio: true,
    seed: true,
    supported_aspect_ratios: ['16:9', '9:16', '1:1'],
    supported_durations: [5, 10],
    supported_frame_images: ['first_frame', 'last_frame'],
    supported_resolutions: ['480p', '720p', '1080p'],
    supported_sizes: null,
    pricing_skus: { video_seconds: '0.1' },
  }),
  model('minimax/hailuo-02', 'MiniMax: Hailuo 02', {
    allowed_passthrough_parameters: ['prompt_optimizer'],
    generate_audio: false,
    seed: false,
    supported_aspect_ratios: ['16:9'],
    supported_durations: [6, 10],
    supported_frame_images: ['first_frame'],
    supported_resolutions: ['768p', '1080p'],
    supported_sizes: null,
    pricing_skus: { video_seconds: '0.045' },
  }),
];

const SHORT_SIDE: Record<string, number> = {
  '360p': 360,
  '480p': 480,
  '720p': 720,
  '768p': 768,
  '1080p': 1080,
  '1K': 1024,
  '2K': 1440,
  '4K': 2160,
};

function dimensions(size: unknown, resolution: unknown, aspectRatio: unknown): [number, number] {
  if (typeof size === 'string' && /^\d+x\d+$/.test(size)) {
    const [width, height] = size.split('x').map(Number);
    return [width, height];
  }
  const short = SHORT_SIDE[String(resolution)] ?? 720;
  const [a, b] = String(aspectRatio ?? '16:9')
    .split(':')
    .map(Number);
  if (!a || !b) return [Math.round((short * 16) / 9 / 2) * 2, short];
  // the long side rounded to an even number (H.264 4:2:0 sizes are even): 480p 16:9 is 854x480
  return a >= b ? [Math.round((short * a) / b / 2) * 2, short] : [short, Math.round((short * b) / a / 2) * 2];
}

/** Frame rate of the emulator's clips per model vendor (the API has no frame-rate setting). */
function clipFps(modelId: string): number {
  return modelId.startsWith('openai/') ? 30 : 24;
}

function error(
  status: number,
  message: string,
  metadata: Record<string, unknown> | null = null,
  headers: Record<string, string> = {},
) {
  return json({ error: { code: status, message, metadata }, user_id: 'user_emulator' }, status, headers);
}

export function createOpenRouterApi(ctx: EmulatorContext): ApiModule {
  function checkAuth(request: Request): Response | undefined {
    const header = request.headers.get('authorization');
    const match = header ? /^Bearer\s+(\S.*)$/i.exec(header.trim()) : null;
    if (!match) return json({ error: { code: 401, message: 'No auth credentials found' } }, 401);
    if (!ctx.keyAllowed('openrouter', match[1].trim()))
      return json({ error: { code: 401, message: 'User not found.' } }, 401);
    return undefined;
  }

  function pollingUrl(id: string) {
    // root-relative, like the real API (`/api/v1/videos/{id}`), including the prefix in server mode
    return `${new URL(ctx.baseURLs.openrouter).pathname.replace(/\/$/, '')}/videos/${id}`;
  }

  function contentUrls(job: JobRecord) {
    return Array.from(
      { length: job.outputs },
      (_, index) => `${ctx.baseURLs.openrouter}/videos/${job.id}/content?index=${index}`,
    );
  }

  function statusName(state: JobState) {
    switch (state.status) {
      case 'queued':
        return 'pending';
      case 'filtered':
        return 'failed';
      default:
        return state.status;
    }
  }

  function cost(job: JobRecord) {
    const spec = OPENROUTER_MODELS.find((entry) => entry.id === job.model);
    const price = Number(spec?.pricing_skus?.video_seconds ?? '0.1');
    return Math.round(price * job.seconds * 10000) / 10000;
  }

  function errorText(job: JobRecord, state: JobState) {
    if (state.status === 'filtered')
      return job.behavior.errorMessage ?? 'Provider rejected the request: content policy violation';
    if (state.status === 'failed')
      return job.behavior.errorMessage ?? 'Provider returned an error while generating the video';
    return undefined;
  }

  function jobBody(job: JobRecord, state: JobState = ctx.state(job)) {
    const status = statusName(state);
    return {
      id: job.id,
      polling_url: pollingUrl(job.id),
      status,
      ...(state.status !== 'queued' ? { generation_id: job.extra.generationId } : {}),
      ...(state.status === 'completed'
        ? { unsigned_urls: contentUrls(job), usage: { cost: cost(job), is_byok: false } }
        : {}),
      ...(errorText(job, state) !== undefined ? { error: errorText(job, state) } : {}),
    };
  }

  function unsupported(parameter: string, received: unknown, supported: unknown[] | null, modelId: string) {
    return error(
      400,
      `${parameter} ${JSON.stringify(received)} is not supported by ${modelId}. Supported values: ${JSON.stringify(supported)}`,
      {
        parameter,
        received,
        supported,
      },
    );
  }

  async function create(request: Request): Promise<Response> {
    const denied = checkAuth(request);
    if (denied) return denied;
    const length = Number(request.headers.get('content-length') ?? '0');
    if (length > 50 * 1024 * 1024) return error(413, 'Request body too large (limit 50 MiB).');
    const parsed = await readBody(request);
    if (parsed.kind === 'invalid') return error(400, parsed.message);
    if (parsed.kind !== 'json' || !isRecord(parsed.value)) return error(400, 'Request body must be a JSON object.');
    const body = parsed.value;
    if (typeof body.model !== 'string' || body.model === '')
      return error(400, 'model is required', { parameter: 'model' });
    const spec = OPENROUTER_MODELS.find((entry) => entry.id === body.model);
    if (!spec) return error(400, `${body.model} is not a valid model ID`, { parameter: 'model' });
    const hasFrames = Array.isArray(body.frame_images) && body.frame_images.length > 0;
    const hasReferences = Array.isArray(body.input_references) && body.input_references.length > 0;
    if (body.prompt !== undefined && typeof body.prompt !== 'string')
      return error(400, 'prompt must be a string', { parameter: 'prompt' });
    // An extension of a previous job may go without a prompt (it continues the video).
    const hasPrevious = typeof body.previous_job_id === 'string' && body.previous_job_id !== '';
    if ((body.prompt === undefined || body.prompt === '') && !hasFrames && !hasReferences && !hasPrevious) {
      return error(400, 'prompt is required', { parameter: 'prompt' });
    }
    if (body.duration !== undefined) {
      if (typeof body.duration !== 'number' || !Number.isInteger(body.duration)) {
        return error(400, 'duration must be an integer number of seconds', {
          parameter: 'duration',
          received: body.duration,
        });
      }
      if (spec.supported_durations && !spec.supported_durations.includes(body.duration)) {
        return unsupported('duration', body.duration, spec.supported_durations, spec.id);
      }
    }
    if (
      body.resolution !== undefined &&
      spec.supported_resolutions &&
      !spec.supported_resolutions.includes(String(body.resolution))
    ) {
      return unsupported('resolution', body.resolution, spec.supported_resolutions, spec.id);
    }
    if (
      body.aspect_ratio !== undefined &&
      spec.supported_aspect_ratios &&
      !spec.supported_aspect_ratios.includes(String(body.aspect_ratio))
    ) {
      return unsupported('aspect_ratio', body.aspect_ratio, spec.supported_aspect_ratios, spec.id);
    }
    if (body.size !== undefined) {
      if (typeof body.size !== 'string' || !/^\d+x\d+$/.test(body.size))
        return error(400, 'size must be "WIDTHxHEIGHT"', { parameter: 'size', received: body.size });
      if (spec.supported_sizes && !spec.supported_sizes.includes(body.size))
        return unsupported('size', body.size, spec.supported_sizes, spec.id);
    }
    if (body.generate_audio !== undefined && typeof body.generate_audio !== 'boolean') {
      return error(400, 'generate_audio must be a boolean', { parameter: 'generate_audio' });
    }
    if (body.seed !== undefined && (typeof body.seed !== 'number' || !Number.isInteger(body.seed))) {
      return error(400, 'seed must be an integer', { parameter: 'seed' });
    }
    if (body.frame_images !== undefined) {
      if (!Array.isArray(body.frame_images))
        return error(400, 'frame_images must be an array', { parameter: 'frame_images' });
      for (const [index, frame] of body.frame_images.entries()) {
        const valid =
          isRecord(frame) &&
          frame.type === 'image_url' &&
          isRecord(frame.image_url) &&
          typeof frame.image_url.url === 'string' &&
          (frame.frame_type === 'first_frame' || frame.frame_type === 'last_frame');
        if (!valid) {
          return error(
            400,
            `frame_images[${index}] must be {type: "image_url", image_url: {url}, frame_type: "first_frame" | "last_frame"}`,
            {
              parameter: `frame_images[${index}]`,
            },
          );
        }
        if (spec.supported_frame_images && !spec.supported_frame_images.includes(String(frame.frame_type))) {
          return unsupported('frame_type', frame.frame_type, spec.supported_frame_images, spec.id);
        }
      }
    }
    if (body.input_references !== undefined) {
      if (!Array.isArray(body.input_references))
        return error(400, 'input_references must be an array', { parameter: 'input_references' });
      for (const [index, reference] of body.input_references.entries()) {
        const type = isRecord(reference) ? reference.type : undefined;
        const valid =
          (type === 'image_url' || type === 'audio_url' || type === 'video_url') &&
          isRecord(reference) &&
          isRecord(reference[type]) &&
          typeof (reference[type] as Record<string, unknown>).url === 'string';
        if (!valid)
          return error(400, `input_references[${index}] is invalid`, { parameter: `input_references[${index}]` });
      }
    }
    if (body.callback_url !== undefined) {
      if (typeof body.callback_url !== 'string' || !URL.canParse(body.callback_url)) {
        return error(400, 'callback_url must be a valid URL', { parameter: 'callback_url' });
      }
    }
    if (body.previous_job_id !== undefined) {
      const previous =
        typeof body.previous_job_id === 'string' ? ctx.findJob('openrouter', body.previous_job_id) : undefined;
      if (!previous)
        return error(404, `Job ${String(body.previous_job_id)} not found`, { parameter: 'previous_job_id' });
      if (previous.model !== spec.id)
        return error(400, 'previous_job_id belongs to a different model', { parameter: 'previous_job_id' });
      if (ctx.state(previous).status !== 'completed')
        return error(409, `Job ${previous.id} is not completed`, { parameter: 'previous_job_id' });
    }
    if (body.provider !== undefined && !isRecord(body.provider))
      return error(400, 'provider must be an object', { parameter: 'provider' });

    const [width, height] = dimensions(body.size, body.resolution, body.aspect_ratio);
    const job = ctx.createJob({
      id: `gen-vid-${Math.floor(ctx.now() / 1000)}-${randomAlphanumeric(20)}`,
      api: 'openrouter',
      model: spec.id,
      prompt: typeof body.prompt === 'string' ? body.prompt : undefined,
      width,
      height,
      seconds:
        typeof body.duration === 'number'
          ? body.duration
          : (spec.supported_durations?.[spec.supported_durations.length - 1] ?? 8),
      fps: clipFps(spec.id),
      request: body,
      webhookUrls: typeof body.callback_url === 'string' ? [body.callback_url] : [],
      extra: {
        generationId: `gen-${Math.floor(ctx.now() / 1000)}-${randomAlphanumeric(10)}`,
        ...(hasPrevious ? { previousJobId: body.previous_job_id } : {}),
      },
    });
    return json({ id: job.id, polling_url: pollingUrl(job.id), status: 'pending' }, 202);
  }

  function retrieve(request: Request, id: string): Response {
    const denied = checkAuth(request);
    if (denied) return denied;
    const job = ctx.findJob('openrouter', id);
    if (!job) return error(404, `Video generation job ${id} not found`);
    return json(jobBody(job));
  }

  function content(request: Request, url: URL, id: string): Response {
    const denied = checkAuth(request);
    if (denied) return denied;
    const job = ctx.findJob('openrouter', id);
    if (!job) return error(404, `Video generation job ${id} not found`);
    const indexText = url.searchParams.get('index') ?? '0';
    const index = Number(indexText);
    if (!Number.isInteger(index) || index < 0) return error(400, `Invalid index: ${indexText}`, { parameter: 'index' });
    const state = ctx.state(job);
    if (state.status !== 'completed') {
      return error(
        409,
        `Video generation job ${id} is ${statusName(state)}; content is available once it is completed`,
      );
    }
    if (index >= job.outputs)
      return error(400, `index ${index} out of range (job has ${job.outputs} output${job.outputs === 1 ? '' : 's'})`, {
        parameter: 'index',
      });
    const { clip, total } = ctx.media(job);
    return mp4Response(request, clip, total);
  }

  function match(request: Request, url: URL, _mount: string, path: string): MatchedRoute | undefined {
    const method = request.method.toUpperCase();
    const segments = path.split('/').filter(Boolean).map(decodeURIComponent);
    if (segments[0] !== 'videos') return undefined;
    if (segments.length === 1 && method === 'POST') return { route: 'create', run: () => create(request) };
    if (segments.length === 2 && segments[1] === 'models' && method === 'GET') {
      return { route: 'models', run: () => json({ data: OPENROUTER_MODELS }) };
    }
    if (segments.length === 2 && method === 'GET') {
      const id = segments[1];
      return { route: 'retrieve', jobId: id, run: () => retrieve(request, id) };
    }
    if (segments.length === 3 && segments[2] === 'content' && (method === 'GET' || method === 'HEAD')) {
      const id = segments[1];
      return { route: 'content', jobId: id, run: () => content(request, url, id) };
    }
    return undefined;
  }

  const MESSAGES: Record<number, string> = {
    402: 'Insufficient credits. Add more using https://openrouter.ai/credits',
    429: 'Rate limit exceeded: too many requests. Please retry shortly.',
    500: 'Internal Server Error',
    502: 'Provider returned error',
    503: 'Service temporarily unavailable',
  };

  return {
    api: 'openrouter',
    match,
    notFound(request, url) {
      return error(404, `Not Found: ${request.method.toUpperCase()} ${url.pathname}`);
    },
    errorResponse(status, extraHeaders) {
      return error(status, MESSAGES[status] ?? `Request failed with status ${status}`, null, extraHeaders);
    },
    webhooks(job, state): WebhookMessage[] {
      if (job.webhookUrls.length === 0) return [];
      const status = statusName(state);
      const event = `video.generation.${status}`;
      const data = {
        id: job.id,
        status,
        generation_id: job.extra.generationId ?? null,
        model: job.model,
        ...(state.status === 'completed'
          ? { unsigned_urls: contentUrls(job), usage: { cost: cost(job), is_byok: false } }
          : {}),
        ...(errorText(job, state) !== undefined ? { error: errorText(job, state) } : {}),
      };
      const body = JSON.stringify({ type: event, created_at: new Date(ctx.now()).toISOString(), data });
      const timestamp = Math.floor(ctx.now() / 1000);
      return job.webhookUrls.map((url) => ({
        url,
        event,
        body,
        headers: {
          'content-type': 'application/json',
          ...openrouterWebhookHeaders(ctx.webhookKeys.openrouter, timestamp, body, `${job.id}-${status}`),
        },
      }));
    },
  };
}
