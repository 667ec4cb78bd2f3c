import { createHash } from 'node:crypto';
import type { ApiModule, EmulatorContext, JobRecord, JobState, MatchedRoute, WebhookMessage } from '../context';
import { mp4Response } from '../media';
import { delay, isRecord, json, randomAlphanumeric, randomHex, readBody } from '../util';
import { standardWebhookHeaders } from '../webhooks';

/** What the emulated predictions API checks per video model (provider-apis-2.md Part 2b §4.3). */
export interface ReplicateEmulatedModel {
  /** The model's current version id (64 hex characters). */
  version: string;
  /** Inputs that must be present. */
  required: string[];
  /** Allowed values per input (enums). */
  enums: Record<string, Array<string | number>>;
  /** Range of `duration`. */
  durations: { min: number; max: number } | number[];
  /** Default `duration`. */
  defaultDuration: number;
  /** The output frame size and rate for an input. */
  size(input: Record<string, unknown>): { width: number; height: number; fps: number };
  /** Input fields that carry a video (checked when they point at this emulator's files). */
  videoInputs?: string[];
}

const versionOf = (name: string) => createHash('sha256').update(`videogen-emulator:${name}`).digest('hex');
const RATIOS = ['16:9', '4:3', '1:1', '3:4', '9:16', '21:9', '9:21'];

function sizeFor(shortSide: number, ratio: string): { width: number; height: number } {
  const [a, b] = (ratio === 'adaptive' || !/^\d+:\d+$/.test(ratio) ? '16:9' : ratio).split(':').map(Number);
  const even = (value: number) => Math.round(value / 2) * 2;
  return a >= b
    ? { width: even((shortSide * a) / b), height: shortSide }
    : { width: shortSide, height: even((shortSide * b) / a) };
}

/** Model catalogue: the reference's models with their inputs. */
export const REPLICATE_MODELS: Record<string, ReplicateEmulatedModel> = {
  'kwaivgi/kling-v2.1': {
    version: versionOf('kwaivgi/kling-v2.1'),
    required: ['prompt', 'start_image'],
    enums: { mode: ['standard', 'pro'] },
    durations: [5, 10],
    defaultDuration: 5,
    size: (input) => ({ ...sizeFor(input.mode === 'pro' ? 1080 : 720, '16:9'), fps: 24 }),
  },
  'bytedance/seedance-1-lite': {
    version: versionOf('bytedance/seedance-1-lite'),
    required: ['prompt'],
    enums: { resolution: ['480p', '720p', '1080p'], aspect_ratio: RATIOS, fps: [24] },
    durations: { min: 2, max: 12 },
    defaultDuration: 5,
    size: (input) => ({
      ...sizeFor(Number.parseInt(String(input.resolution ?? '720p'), 10), String(input.aspect_ratio ?? '16:9')),
      fps: 24,
    }),
  },
  'wan-video/wan-2.5-t2v-fast': {
    version: versionOf('wan-video/wan-2.5-t2v-fast'),
    required: ['prompt'],
    enums: { size: ['1280*720', '720*1280', '1920*1080', '1080*1920'] },
    durations: [5, 10],
    defaultDuration: 5,
    size: (input) => {
      const [width, height] = String(input.size ?? '1280*720')
        .split('*')
        .map(Number);
      return { width, height, fps: 24 };
    },
  },
  'minimax/h3-highspeed': {
    version: versionOf('minimax/h3-highspeed'),
    required: ['prompt'],
    enums: { ratio: ['adaptive', '21:9', '16:9', '4:3', '1:1', '3:4', '9:16'] },
    durations: { min: 4, max: 15 },
    defaultDuration: 6,
    size: (input) => ({ ...sizeFor(768, String(input.ratio ?? 'adaptive')), fps: 24 }),
    videoInputs: ['reference_video_urls'],
  },
};

/**
 * What a deployment runs (`POST /deployments/{owner}/{name}/predictions`): deployments are the
 * account's own, so the emulator runs any of them as a generic video model (a prompt, 1–60 s,
 * 1280x720 at 24 fps).
 */
const DEPLOYMENT_MODEL: ReplicateEmulatedModel = {
  version: versionOf('deployment'),
  required: ['prompt'],
  enums: {},
  durations: { min: 1, max: 60 },
  defaultDuration: 5,
  size: () => ({ width: 1280, height: 720, fps: 24 }),
};

const PAGE_SIZE = 100;
/** API predictions' inputs, outputs and logs are removed 1 hour after they end. */
const DATA_RETENTION_MS = 60 * 60 * 1000;

/** Replicate's problem-details error body. */
function problem(
  status: number,
  title: string | undefined,
  detail: string,
  extra: Record<string, unknown> = {},
  headers: Record<string, string> = {},
) {
  return json({ ...(title ? { title } : {}), detail, status, ...extra }, status, headers);
}

function invalidInput(messages: string[]) {
  return problem(422, 'Input validation failed', messages.map((message) => `- ${message}\n`).join(''), {
    invalid_fields: messages.map((message) => {
      const [field, description] = message.split(': ');
      return { type: 'invalid', field, description };
    }),
  });
}

function parseDuration(value: string): number | undefined {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m|h)$/.exec(value.trim());
  if (!match) return undefined;
  const factor = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[match[2] as 'ms' | 's' | 'm' | 'h'];
  return Number(match[1]) * factor;
}

function iso(ms: number): string {
  return new Date(ms).toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
}

/**
 * Replicate's predictions API (`/v1`): create by model (`/models/{owner}/{name}/predictions`) or by
 * version (`/predictions` with `version`), `Prefer: wait`, `Cancel-After`, get, cancel, list with
 * cursor pages, the account's webhook secret; outputs on `replicate.delivery` (public, no key),
 * removed with the prediction's data 1 hour after it ends; webhooks signed the Standard Webhooks way.
 */
export function createReplicateApi(ctx: EmulatorContext): ApiModule {
  /** Uploaded input files (`POST /files`), by id. */
  const files = new Map<string, Record<string, unknown>>();

  function checkAuth(request: Request): Response | undefined {
    const header = request.headers.get('authorization');
    const match = header ? /^(Bearer|Token)\s+(\S.*)$/i.exec(header.trim()) : null;
    if (!match || !ctx.keyAllowed('replicate', match[2].trim())) {
      return problem(401, 'Unauthenticated', 'You did not pass a valid authentication token');
    }
    return undefined;
  }

  function outputUrl(job: JobRecord) {
    return `${ctx.baseURLs.replicateDelivery}/emulator/${job.id}/output.mp4`;
  }

  /** The prediction's status word, with the `Cancel-After` deadline applied. */
  function status(job: JobRecord, state: JobState): { status: string; endedAt: number | undefined } {
    const deadline = job.extra.deadlineMs as number | undefined;
    if (deadline !== undefined && state.finishedAt === undefined && ctx.now() >= job.createdAt + deadline) {
      return {
        status: state.status === 'queued' ? 'aborted' : 'canceled',
        endedAt: job.createdAt + deadline,
      };
    }
    switch (state.status) {
      case 'queued':
        return { status: 'starting', endedAt: undefined };
      case 'in_progress':
        return { status: 'processing', endedAt: undefined };
      case 'completed':
        return { status: 'succeeded', endedAt: state.finishedAt };
      case 'cancelled':
        return { status: 'canceled', endedAt: state.finishedAt };
      default:
        return { status: 'failed', endedAt: state.finishedAt };
    }
  }

  function predictionBody(job: JobRecord, state: JobState = ctx.state(job)) {
    const { status: word, endedAt } = status(job, state);
    const removed = endedAt !== undefined && ctx.now() >= endedAt + DATA_RETENTION_MS;
    const startedAt = job.createdAt + job.behavior.queueMs;
    const started = word !== 'starting' && word !== 'aborted' && ctx.now() >= startedAt;
    const logLines = ['Generating video...'];
    if (started) {
      const steps = state.status === 'in_progress' ? state.progress : word === 'succeeded' ? 100 : 0;
      logLines.push(`${String(steps).padStart(3)}%|${'█'.repeat(Math.floor(steps / 10)).padEnd(10)}| ${steps}/100`);
    }
    const error =
      state.status === 'failed' && word === 'failed'
        ? (job.behavior.errorMessage ?? 'Prediction failed: the model raised an exception.')
        : state.status === 'filtered' && word === 'failed'
          ? `ContentModerationError: ${job.behavior.errorMessage ?? 'Content flagged for: violence'}`
          : null;
    const id = job.id;
    const seconds = endedAt !== undefined ? Math.max(0, endedAt - startedAt) / 1000 : undefined;
    return {
      id,
      model: job.model,
      version: job.extra.byVersion ? job.extra.version : 'hidden',
      input: removed ? {} : job.request.input,
      logs: removed ? '' : started ? logLines.join('\n') : '',
      output: word === 'succeeded' && !removed ? outputUrl(job) : null,
      data_removed: removed,
      error,
      status: word,
      source: 'api',
      created_at: iso(job.createdAt),
      ...(started ? { started_at: iso(startedAt) } : {}),
      ...(endedAt !== undefined ? { completed_at: iso(endedAt) } : {}),
      ...(endedAt !== undefined && started
        ? { metrics: { predict_time: seconds, total_time: (endedAt - job.createdAt) / 1000 } }
        : {}),
      urls: {
        get: `${ctx.baseURLs.replicate}/predictions/${id}`,
        cancel: `${ctx.baseURLs.replicate}/predictions/${id}/cancel`,
        web: `https://replicate.com/p/${id}`,
      },
      ...(job.webhookUrls.length > 0
        ? { webhook: job.webhookUrls[0], webhook_events_filter: job.extra.eventsFilter }
        : {}),
      ...(job.extra.deployment !== undefined ? { deployment: job.extra.deployment } : {}),
      ...(job.extra.deadlineMs !== undefined
        ? { deadline: iso(job.createdAt + (job.extra.deadlineMs as number)) }
        : {}),
    };
  }

  function isTerminal(word: string) {
    return ['succeeded', 'failed', 'canceled', 'aborted'].includes(word);
  }

  /** The emulator's own delivery URL of a prediction's output, if `url` is one. */
  function deliveredJobId(url: string): string | undefined {
    const base = `${ctx.baseURLs.replicateDelivery}/emulator/`;
    if (!url.startsWith(base)) return undefined;
    return url.slice(base.length).split('/')[0];
  }

  async function create(request: Request, modelName: string | undefined, deployment?: string): Promise<Response> {
    const denied = checkAuth(request);
    if (denied) return denied;
    const parsed = await readBody(request);
    if (parsed.kind !== 'json' || !isRecord(parsed.value)) {
      return problem(400, 'Invalid JSON', 'The request body is not valid JSON.');
    }
    const body = parsed.value;
    let name = modelName;
    let byVersion = false;
    if (name === undefined) {
      const version = typeof body.version === 'string' ? body.version : '';
      const id = version.includes(':') ? version.split(':')[1] : version;
      name = Object.keys(REPLICATE_MODELS).find((key) => REPLICATE_MODELS[key].version === id);
      if (!name || (version.includes(':') && version.split(':')[0] !== name)) {
        return problem(
          422,
          'Invalid version or not permitted',
          "The specified version does not exist (or perhaps you don't have permission to use it?)",
        );
      }
      byVersion = true;
    }
    const spec = deployment !== undefined ? DEPLOYMENT_MODEL : REPLICATE_MODELS[name];
    if (!spec) return problem(404, 'Not found', 'The requested resource could not be found.');
    if (!isRecord(body.input)) return invalidInput(['input: Invalid type. Expected: object, given: null']);
    const input = body.input;

    const errors: string[] = [];
    for (const field of spec.required) {
      if (input[field] === undefined || input[field] === '') errors.push(`input: ${field} is required`);
    }
    for (const [field, values] of Object.entries(spec.enums)) {
      if (input[field] !== undefined && !values.includes(input[field] as string | number)) {
        errors.push(`input.${field}: ${field} must be one of the following: ${values.map((v) => `"${v}"`).join(', ')}`);
      }
    }
    const duration = input.duration ?? spec.defaultDuration;
    const durationOk =
      typeof duration === 'number' &&
      Number.isInteger(duration) &&
      (Array.isArray(spec.durations)
        ? spec.durations.includes(duration)
        : duration >= spec.durations.min && duration <= spec.durations.max);
    if (!durationOk) errors.push(`input.duration: duration is not allowed (${JSON.stringify(spec.durations)})`);
    if (name === 'kwaivgi/kling-v2.1' && input.end_image !== undefined && input.mode !== 'pro') {
      errors.push('input.end_image: end_image requires mode "pro"');
    }
    for (const [field, value] of Object.entries(input)) {
      const urls = Array.isArray(value) ? value : [value];
      for (const [index, url] of urls.entries()) {
        if (typeof url !== 'string' || !/^(https?:|data:)/.test(url)) continue;
        if (/^https?:/.test(url) && !URL.canParse(url)) errors.push(`input.${field}: not a valid URI`);
        const fileId = url.startsWith(`${ctx.baseURLs.replicate}/files/`)
          ? url.slice(`${ctx.baseURLs.replicate}/files/`.length)
          : undefined;
        if (fileId !== undefined && !files.has(fileId)) {
          errors.push(
            `input.${field}${Array.isArray(value) ? `.${index}` : ''}: file could not be downloaded (${url})`,
          );
        }
        const sourceId = deliveredJobId(url);
        if (sourceId === undefined) continue;
        const source = ctx.findJob('replicate', sourceId);
        if (!source || status(source, ctx.state(source)).status !== 'succeeded') {
          errors.push(`input.${field}.${index}: file could not be downloaded (${url})`);
        }
      }
    }
    if (body.webhook !== undefined && (typeof body.webhook !== 'string' || !/^https?:\/\//.test(body.webhook))) {
      errors.push('webhook: webhook must be an HTTPS URL');
    }
    const filter = body.webhook_events_filter ?? ['start', 'output', 'logs', 'completed'];
    if (!Array.isArray(filter) || filter.some((event) => !['start', 'output', 'logs', 'completed'].includes(event))) {
      errors.push('webhook_events_filter: must be a list of start, output, logs, completed');
    }
    if (errors.length > 0) return invalidInput(errors);

    const cancelAfter = request.headers.get('cancel-after');
    const deadlineMs = cancelAfter !== null ? parseDuration(cancelAfter) : undefined;
    if (cancelAfter !== null && (deadlineMs === undefined || deadlineMs < 1000)) {
      return problem(400, 'Invalid Cancel-After header', 'Cancel-After must be a duration such as "1m" or "90s".');
    }

    // An edit (MiniMax H3 with a reference video from this emulator) keeps its source's size.
    let size = spec.size(input);
    let seconds = duration as number;
    for (const field of spec.videoInputs ?? []) {
      const first = Array.isArray(input[field]) ? (input[field] as unknown[])[0] : undefined;
      const sourceId = typeof first === 'string' ? deliveredJobId(first) : undefined;
      const source = sourceId !== undefined ? ctx.findJob('replicate', sourceId) : undefined;
      if (source) {
        size = { width: source.width, height: source.height, fps: source.fps };
        if (input.duration === undefined) seconds = source.seconds;
      }
    }
    const webhook = typeof body.webhook === 'string' ? body.webhook : undefined;
    const job = ctx.createJob({
      id: randomAlphanumeric(26).toLowerCase(),
      api: 'replicate',
      model: name,
      prompt: typeof input.prompt === 'string' ? input.prompt : undefined,
      width: size.width,
      height: size.height,
      seconds,
      fps: size.fps,
      request: body,
      webhookUrls: webhook && (filter as string[]).includes('completed') ? [webhook] : [],
      extra: { version: spec.version, byVersion, eventsFilter: filter, deadlineMs, webhook, deployment },
    });

    const prefer = request.headers.get('prefer');
    const wait = prefer !== null ? /^\s*wait(?:\s*=\s*(\d+))?\s*$/i.exec(prefer) : null;
    if (wait) {
      const seconds = Math.min(60, Math.max(1, Number(wait[1] ?? '60')));
      const until = Date.now() + seconds * 1000;
      while (Date.now() < until && !isTerminal(status(job, ctx.state(job)).status)) {
        try {
          await delay(20, request.signal);
        } catch {
          break;
        }
      }
      const prediction = predictionBody(job);
      // A wait that ran out answers `starting` (what Replicate's SDK takes as "not done yet").
      return json(isTerminal(prediction.status) ? prediction : { ...prediction, status: 'starting' }, 201);
    }
    return json(predictionBody(job), 201);
  }

  /** `POST /files` (multipart `content`, optional `metadata`), as Replicate's SDK uploads inputs. */
  async function upload(request: Request): Promise<Response> {
    const denied = checkAuth(request);
    if (denied) return denied;
    const parsed = await readBody(request);
    const content = parsed.kind === 'form' ? parsed.value.content : undefined;
    if (!isRecord(content) || content.file !== true) {
      return problem(400, 'Invalid request', 'The request must be multipart/form-data with a file in `content`.');
    }
    const id = randomAlphanumeric(40).toLowerCase();
    const created = ctx.now();
    const file = {
      id,
      name: content.name,
      content_type: content.type || 'application/octet-stream',
      size: content.size,
      etag: randomHex(16),
      checksums: {},
      metadata: {},
      created_at: iso(created),
      expires_at: iso(created + 24 * DATA_RETENTION_MS),
      urls: { get: `${ctx.baseURLs.replicate}/files/${id}` },
    };
    files.set(id, file);
    return json(file, 201);
  }

  function notFoundPrediction() {
    return problem(404, 'Not found', 'The requested resource could not be found.');
  }

  function retrieve(request: Request, id: string): Response {
    const denied = checkAuth(request);
    if (denied) return denied;
    const job = ctx.findJob('replicate', id);
    return job ? json(predictionBody(job)) : notFoundPrediction();
  }

  function cancel(request: Request, id: string): Response {
    const denied = checkAuth(request);
    if (denied) return denied;
    const job = ctx.findJob('replicate', id);
    if (!job) return notFoundPrediction();
    if (!isTerminal(status(job, ctx.state(job)).status)) ctx.cancel(job);
    return json(predictionBody(job));
  }

  function list(request: Request, url: URL): Response {
    const denied = checkAuth(request);
    if (denied) return denied;
    const cursor = url.searchParams.get('cursor');
    let before = Number.POSITIVE_INFINITY;
    if (cursor !== null) {
      const decoded = /^s=(\d+)$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
      if (!decoded) return problem(400, 'Invalid cursor', 'The cursor is not valid.');
      before = Number(decoded[1]);
    }
    const jobs = ctx
      .listJobs('replicate')
      .filter((job) => job.seq < before)
      .sort((a, b) => b.seq - a.seq);
    const page = jobs.slice(0, PAGE_SIZE);
    const last = page.at(-1);
    const next =
      jobs.length > PAGE_SIZE && last
        ? `${ctx.baseURLs.replicate}/predictions?cursor=${Buffer.from(`s=${last.seq}`).toString('base64url')}`
        : null;
    const previous = cursor !== null ? `${ctx.baseURLs.replicate}/predictions` : null;
    return json({ next, previous, results: page.map((job) => predictionBody(job)) });
  }

  function media(request: Request, id: string): Response {
    const job = ctx.findJob('replicate', id);
    const body = job ? predictionBody(job) : undefined;
    if (!job || body?.status !== 'succeeded' || body.data_removed) {
      return new Response('Not Found', { status: 404, headers: { 'content-type': 'text/plain' } });
    }
    const { clip, total } = ctx.media(job);
    return mp4Response(request, clip, total);
  }

  function match(request: Request, url: URL, mount: string, path: string): MatchedRoute | undefined {
    const method = request.method.toUpperCase();
    const segments = path.split('/').filter(Boolean).map(decodeURIComponent);
    if (mount === 'replicateDelivery') {
      if (segments.length !== 3 || segments[0] !== 'emulator' || segments[2] !== 'output.mp4') return undefined;
      if (method !== 'GET' && method !== 'HEAD') return undefined;
      return { route: 'media', jobId: segments[1], run: () => media(request, segments[1]) };
    }
    if (segments[0] === 'models' && segments[3] === 'predictions' && segments.length === 4 && method === 'POST') {
      return { route: 'create', run: () => create(request, `${segments[1]}/${segments[2]}`) };
    }
    if (segments[0] === 'deployments' && segments[3] === 'predictions' && segments.length === 4 && method === 'POST') {
      const deployment = `${segments[1]}/${segments[2]}`;
      return { route: 'create', run: () => create(request, deployment, deployment) };
    }
    if (segments[0] === 'webhooks' && segments[1] === 'default' && segments[2] === 'secret' && method === 'GET') {
      return {
        route: 'retrieve',
        run: () => checkAuth(request) ?? json({ key: ctx.webhookKeys.replicate }),
      };
    }
    if (segments[0] === 'files') {
      if (segments.length === 1 && method === 'POST') return { route: 'upload', run: () => upload(request) };
      if (segments.length === 2 && method === 'GET') {
        const file = files.get(segments[1]);
        return {
          route: 'retrieve',
          run: () => checkAuth(request) ?? (file ? json(file) : notFoundPrediction()),
        };
      }
      return undefined;
    }
    if (segments[0] !== 'predictions') return undefined;
    if (segments.length === 1 && method === 'POST') return { route: 'create', run: () => create(request, undefined) };
    if (segments.length === 1 && method === 'GET') return { route: 'list', run: () => list(request, url) };
    const id = segments[1];
    if (segments.length === 2 && method === 'GET')
      return { route: 'retrieve', jobId: id, run: () => retrieve(request, id) };
    if (segments.length === 3 && segments[2] === 'cancel' && method === 'POST') {
      return { route: 'cancel', jobId: id, run: () => cancel(request, id) };
    }
    return undefined;
  }

  return {
    api: 'replicate',
    match,
    notFound() {
      return problem(404, 'Not found', 'The requested resource could not be found.');
    },
    errorResponse(status, extraHeaders) {
      if (status === 429) {
        return problem(429, undefined, 'Request was throttled. Your rate limit resets in ~30s.', {}, extraHeaders);
      }
      const titles: Record<number, string> = {
        500: 'Internal Server Error',
        502: 'Bad Gateway',
        503: 'Service Unavailable',
      };
      return problem(status, titles[status] ?? 'Error', `The request failed with status ${status}.`, {}, extraHeaders);
    },
    webhooks(job, state): WebhookMessage[] {
      // The `completed` delivery (the only one the emulator sends; a filter without it gets none).
      const body = JSON.stringify(predictionBody(job, state));
      const timestamp = Math.floor(ctx.now() / 1000);
      const webhookId = `msg_${randomHex(12)}`;
      return job.webhookUrls.map((url) => ({
        url,
        event: status(job, state).status,
        body,
        headers: {
          'content-type': 'application/json',
          ...standardWebhookHeaders(ctx.webhookKeys.replicate, webhookId, timestamp, body),
        },
      }));
    },
  };
}
