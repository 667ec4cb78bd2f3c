import type { KeyObject } from 'node:crypto';
import { createByteDanceApi } from './apis/bytedance';
import { createFalApi } from './apis/fal';
import { createGoogleApi } from './apis/google';
import { createKlingApi } from './apis/kling';
import { createOpenAIApi } from './apis/openai';
import { createOpenRouterApi } from './apis/openrouter';
import { createAlibabaApi } from './apis/alibaba';
import { createMiniMaxApi } from './apis/minimax';
import { createRunwayApi } from './apis/runway';
import { createXaiApi } from './apis/xai';
import { createLumaApi } from './apis/luma';
import { createReplicateApi } from './apis/replicate';
import {
  type ApiModule,
  type CreateJobInit,
  DEFAULT_CLIP_FPS,
  type EmulatorContext,
  type JobRecord,
  type JobState,
  type MatchedRoute,
  type Mount,
} from './context';
import { clipFor } from './clip';
import { servedSize } from './media';
import { createMswHandlers, type MswRequestHandler } from './msw';
import type {
  EmulatorApi,
  EmulatorBaseURLs,
  EmulatorFault,
  EmulatorJobInfo,
  EmulatorRequestLogEntry,
  FaultHandle,
  InjectFaultOptions,
  JobBehavior,
  WebhookDelivery,
} from './types';
import { delay, json, parsePromptMagic } from './util';
import { createWebhookKeys, type EmulatorWebhookKeys } from './webhooks';

/** The real base URLs, used by default (MSW mode). */
export const DEFAULT_BASE_URLS: EmulatorBaseURLs = {
  openai: 'https://api.openai.com/v1',
  google: 'https://generativelanguage.googleapis.com/v1beta',
  googleStorage: 'https://storage.googleapis.com/videogen-emulator',
  fal: 'https://queue.fal.run',
  falMedia: 'https://v3.fal.media',
  falJwks: 'https://rest.alpha.fal.ai/.well-known/jwks.json',
  openrouter: 'https://openrouter.ai/api/v1',
  alibaba: 'https://dashscope-intl.aliyuncs.com',
  alibabaStorage: 'https://dashscope-result-sh.oss-accelerate.aliyuncs.com',
  minimax: 'https://api.minimax.io',
  minimaxStorage: 'https://video-product.cdn.minimax.io',
  bytedance: 'https://ark.ap-southeast.bytepluses.com/api/v3',
  bytedanceMedia: 'https://ark-content-generation-ap-southeast-1.tos-ap-southeast-1.volces.com',
  runway: 'https://api.dev.runwayml.com',
  runwayMedia: 'https://runway-output.example.net',
  kling: 'https://api-singapore.klingai.com',
  klingCdn: 'https://v15-kling-fdl.klingai.com/emulator',
  xai: 'https://api.x.ai/v1',
  xaiMedia: 'https://vidgen.x.ai/xai-vidgen-bucket',
  luma: 'https://api.lumalabs.ai/dream-machine/v1',
  lumaStorage: 'https://storage.cdn-luma.com',
  replicate: 'https://api.replicate.com/v1',
  replicateDelivery: 'https://replicate.delivery',
};

export const DEFAULT_JOB_DURATION_MS = 1500;
export const DEFAULT_QUEUE_MS = 300;
export const DEFAULT_PROGRESS_STEPS = 4;

export interface EmulatorOptions {
  /** Where each API is mounted. Defaults to the real URLs ({@link DEFAULT_BASE_URLS}). */
  baseURLs?: Partial<EmulatorBaseURLs>;
  /**
   * Accepted API keys. Default: any non-empty key. A list applies to all APIs; a record
   * restricts per API (APIs not listed accept any key).
   */
  apiKeys?: string[] | Partial<Record<EmulatorApi, string[]>>;
  /** Default time from creation to terminal state, ms. Default 1500. */
  jobDurationMs?: number;
  /** Default time queued, ms. Default 300. */
  queueMs?: number;
  /** Default number of progress steps while in progress. Default 4. */
  progressSteps?: number;
  /** Default behaviour for every job (merged under the other options). */
  defaultJob?: JobBehavior;
  /** Clock in ms. Default `Date.now`. `advance(ms)` adds to it. */
  now?: () => number;
  /** OpenAI configures webhooks per project: the URL that receives `video.completed` / `video.failed`. */
  openaiWebhookUrl?: string;
  /** Fixed webhook secrets/keys (generated per emulator otherwise). */
  webhookSecrets?: { openai?: string; google?: string; openrouter?: string; kling?: string; replicate?: string };
  /**
   * Kling access key -> secret key: a JWT whose `iss` is listed must be signed with that
   * secret, and other access keys are refused. Default: any well-formed, current HS256 JWT.
   */
  klingSecretKeys?: Record<string, string>;
  /** Ed25519 private key for fal webhooks (KeyObject or PEM). Generated per emulator otherwise. */
  falWebhookPrivateKey?: KeyObject | string;
  /** `X-Fal-Webhook-User-Id`. Default `emulator-user`. */
  falUserId?: string;
  /** Retries after a failed webhook delivery (non-2xx or network error). Default 2. */
  webhookRetries?: number;
  /** Delay before the first retry, ms (doubles each time). Default 100. */
  webhookRetryDelayMs?: number;
  /** fetch used to deliver webhooks. Default `globalThis.fetch`. */
  fetch?: typeof fetch;
  /** fal SSE status stream tick, ms. Default 50. */
  sseIntervalMs?: number;
  /** Most recent requests kept in `requests`. Default 10000. */
  maxRequestLog?: number;
  /**
   * @internal Server mode: route by path only (the loopback server serves several "origins"
   * — 127.0.0.1 and localhost — on one port).
   */
  matchPathOnly?: boolean;
}

/** Job inspection and control. */
export interface EmulatorJobs {
  /** All jobs (oldest first), optionally of one API. */
  list(filter?: { api?: EmulatorApi }): EmulatorJobInfo[];
  /** One job by its API id (`video_…`, operation id or full operation name, fal request id, `gen-vid-…`). */
  get(id: string): EmulatorJobInfo | undefined;
  /** Changes a job's behaviour (e.g. `{ outcome: 'failed' }`, a longer `durationMs`). */
  update(id: string, behavior: JobBehavior): EmulatorJobInfo;
  /** Ends a job now, successfully. */
  complete(id: string): EmulatorJobInfo;
  /** Ends a job now with a failure. */
  fail(id: string, message?: string): EmulatorJobInfo;
  /** Ends a job now as content-filtered. */
  filter(id: string, message?: string): EmulatorJobInfo;
  /** Applies `behavior` to the next `times` (default 1) jobs created (of `api`, if given). */
  next(behavior: JobBehavior, options?: { api?: EmulatorApi; times?: number }): void;
}

export interface Emulator {
  /** Handles one request to any of the emulated APIs. Unknown URLs get a 404. */
  handle(request: Request): Promise<Response>;
  /** Whether `url` belongs to one of the emulator's mounts. */
  owns(url: string | URL): boolean;
  /** msw 2 handlers (`http.all`) for every mount. Needs the optional peer `msw`. */
  mswHandlers(): MswRequestHandler[];
  readonly baseURLs: Readonly<EmulatorBaseURLs>;
  readonly jobs: EmulatorJobs;
  /** Request log (credentials are never recorded). */
  readonly requests: readonly EmulatorRequestLogEntry[];
  clearRequests(): void;
  /** Injects a fault on matching requests. */
  injectFault(options: InjectFaultOptions): FaultHandle;
  /** Removes all injected faults. */
  clearFaults(): void;
  /** Current emulator time, ms. */
  now(): number;
  /** Moves the emulator clock forward and delivers any webhooks that became due. */
  advance(ms: number): Promise<void>;
  /** Secrets and keys webhooks are signed with. */
  readonly webhookKeys: EmulatorWebhookKeys;
  /** Webhook deliveries so far. */
  readonly webhookDeliveries: readonly WebhookDelivery[];
  /** Delivers due webhooks and waits for all in-flight deliveries (with their retries). */
  flushWebhooks(): Promise<void>;
  /** Stops timers. */
  close(): void;
}

interface FaultRule extends InjectFaultOptions {
  id: number;
  remaining: number;
  applied: number;
}

const MOUNT_API: Record<Mount, EmulatorApi> = {
  openai: 'openai',
  google: 'google',
  googleStorage: 'google',
  fal: 'fal',
  falMedia: 'fal',
  falJwks: 'fal',
  openrouter: 'openrouter',
  alibaba: 'alibaba',
  alibabaStorage: 'alibaba',
  minimax: 'minimax',
  minimaxStorage: 'minimax',
  bytedance: 'bytedance',
  bytedanceMedia: 'bytedance',
  runway: 'runway',
  runwayMedia: 'runway',
  kling: 'kling',
  klingCdn: 'kling',
  xai: 'xai',
  xaiMedia: 'xai',
  luma: 'luma',
  lumaStorage: 'luma',
  replicate: 'replicate',
  replicateDelivery: 'replicate',
};

const PUBLIC_MOUNTS: Mount[] = [
  'googleStorage',
  'falMedia',
  'xaiMedia',
  'lumaStorage',
  'klingCdn',
  'runwayMedia',
  'bytedanceMedia',
  'minimaxStorage',
  'alibabaStorage',
  'replicateDelivery',
];

function trimSlash(url: string) {
  return url.replace(/\/+$/, '');
}

/** Creates an emulator of the OpenAI, Gemini, fal, OpenRouter and ByteDance Ark (Seedance) video APIs. */
export function createEmulator(options: EmulatorOptions = {}): Emulator {
  const baseURLs: EmulatorBaseURLs = { ...DEFAULT_BASE_URLS };
  for (const [key, value] of Object.entries(options.baseURLs ?? {})) {
    if (value) baseURLs[key as Mount] = trimSlash(value);
  }
  const mounts = (Object.keys(baseURLs) as Mount[])
    .map((mount) => ({ mount, url: new URL(baseURLs[mount]) }))
    // longest path first so `/fal-media` wins over `/fal`
    .sort((a, b) => b.url.pathname.length - a.url.pathname.length);

  const clock = options.now ?? Date.now;
  let offset = 0;
  const now = () => clock() + offset;

  const { keys: webhookKeys, falPrivateKey } = createWebhookKeys(
    {
      openaiSecret: options.webhookSecrets?.openai,
      googleSecret: options.webhookSecrets?.google,
      openrouterSecret: options.webhookSecrets?.openrouter,
      klingSecret: options.webhookSecrets?.kling,
      replicateSecret: options.webhookSecrets?.replicate,
      falPrivateKey: options.falWebhookPrivateKey,
      falUserId: options.falUserId,
    },
    baseURLs.falJwks,
  );

  const defaults = {
    durationMs: options.defaultJob?.durationMs ?? options.jobDurationMs ?? DEFAULT_JOB_DURATION_MS,
    queueMs: options.defaultJob?.queueMs ?? options.queueMs ?? DEFAULT_QUEUE_MS,
    progressSteps: options.defaultJob?.progressSteps ?? options.progressSteps ?? DEFAULT_PROGRESS_STEPS,
    outcome: options.defaultJob?.outcome ?? 'completed',
    videoBytes: options.defaultJob?.videoBytes,
    errorMessage: options.defaultJob?.errorMessage,
  } as const;

  const jobs = new Map<string, JobRecord>(); // key: `${api}:${id}`
  const awaitingWebhook = new Set<JobRecord>();
  const aliases = new Map<string, string>(); // any id -> key
  let sequence = 0;
  let maxQueueMs = 0;
  const pendingBehaviors: Array<{ behavior: JobBehavior; api?: EmulatorApi; remaining: number }> = [];
  const timers = new Set<ReturnType<typeof setTimeout>>();
  const requests: EmulatorRequestLogEntry[] = [];
  const faults: FaultRule[] = [];
  let faultId = 0;
  const deliveries: WebhookDelivery[] = [];
  const inflight = new Set<Promise<void>>();
  const fetchImpl = options.fetch ?? ((input, init) => globalThis.fetch(input, init));

  function state(job: JobRecord): JobState {
    const t = now();
    if (job.cancelledAt !== undefined && job.cancelledAt <= t) {
      return { status: 'cancelled', progress: 0, finishedAt: job.cancelledAt, step: 0 };
    }
    const { durationMs, progressSteps, outcome } = job.behavior;
    const queueMs = Math.min(job.behavior.queueMs, durationMs);
    const elapsed = t - job.createdAt;
    if (elapsed < queueMs) return { status: 'queued', progress: 0, finishedAt: undefined, step: 0 };
    if (elapsed < durationMs || outcome === 'stuck') {
      const runMs = Math.max(1, durationMs - queueMs);
      const step = Math.min(progressSteps - 1, Math.floor(((elapsed - queueMs) / runMs) * progressSteps));
      return { status: 'in_progress', progress: Math.floor((step * 100) / progressSteps), finishedAt: undefined, step };
    }
    const finishedAt = job.createdAt + durationMs;
    if (outcome === 'failed') return { status: 'failed', progress: 0, finishedAt, step: progressSteps - 1 };
    if (outcome === 'filtered') return { status: 'filtered', progress: 0, finishedAt, step: progressSteps - 1 };
    return { status: 'completed', progress: 100, finishedAt, step: progressSteps - 1 };
  }

  function media(job: JobRecord) {
    const clip = clipFor({ width: job.width, height: job.height, seconds: job.seconds, fps: job.fps });
    return { clip, total: servedSize(clip.length, job.behavior.videoBytes) };
  }

  function info(job: JobRecord): EmulatorJobInfo {
    const current = state(job);
    return {
      id: job.id,
      api: job.api,
      model: job.model,
      prompt: job.prompt,
      status: current.status,
      progress: current.progress,
      createdAt: job.createdAt,
      finishedAt: current.finishedAt,
      behavior: { ...job.behavior },
      videoBytes: media(job).total,
      width: job.width,
      height: job.height,
      seconds: job.seconds,
      fps: job.fps,
      outputs: job.outputs,
      webhookUrl: job.webhookUrls[0],
      request: job.request,
      ...(job.api === 'google' ? { operationName: String(job.extra.operationName) } : {}),
    };
  }

  function resolveJob(id: string): JobRecord | undefined {
    const key = aliases.get(id);
    return key ? jobs.get(key) : undefined;
  }

  function requireJob(id: string): JobRecord {
    const job = resolveJob(id);
    if (!job) throw new Error(`@videogen/emulator: no job with id ${id}`);
    return job;
  }

  function applyBehavior(job: JobRecord, behavior: JobBehavior) {
    for (const [key, value] of Object.entries(behavior)) {
      if (value !== undefined) (job.behavior as Record<string, unknown>)[key] = value;
    }
    job.behavior.progressSteps = Math.max(1, Math.floor(job.behavior.progressSteps));
    maxQueueMs = Math.max(maxQueueMs, job.behavior.queueMs);
    scheduleWebhookCheck(job);
  }

  function scheduleWebhookCheck(job: JobRecord) {
    if (job.webhookUrls.length === 0 || job.webhookDone || job.behavior.outcome === 'stuck') return;
    const due = Math.max(0, job.createdAt + job.behavior.durationMs - now()) + 5;
    const timer = setTimeout(() => {
      timers.delete(timer);
      processWebhooks();
    }, due);
    timer.unref?.();
    timers.add(timer);
  }

  const ctx: EmulatorContext = {
    baseURLs,
    webhookKeys,
    falPrivateKey,
    sseIntervalMs: options.sseIntervalMs ?? 50,
    now,
    state,
    media,
    createJob(init: CreateJobInit) {
      const magic = parsePromptMagic(init.prompt);
      const job: JobRecord = {
        id: init.id,
        api: init.api,
        model: init.model,
        prompt: init.prompt,
        createdAt: now(),
        seq: sequence++,
        behavior: { ...defaults },
        width: init.width,
        height: init.height,
        seconds: init.seconds,
        fps: init.fps ?? DEFAULT_CLIP_FPS,
        outputs: init.outputs ?? 1,
        request: init.request,
        webhookUrls:
          init.webhookUrls ?? (init.api === 'openai' && options.openaiWebhookUrl ? [options.openaiWebhookUrl] : []),
        webhookDone: false,
        cancelledAt: undefined,
        deleted: false,
        extra: init.extra ?? {},
      };
      const pending = pendingBehaviors.find((entry) => entry.remaining > 0 && (!entry.api || entry.api === init.api));
      let behavior: JobBehavior = {};
      if (pending) {
        pending.remaining--;
        if (pending.remaining === 0) pendingBehaviors.splice(pendingBehaviors.indexOf(pending), 1);
        behavior = { ...pending.behavior };
      }
      const key = `${init.api}:${init.id}`;
      jobs.set(key, job);
      aliases.set(init.id, key);
      if (typeof init.extra?.operationName === 'string') aliases.set(init.extra.operationName, key);
      if (job.webhookUrls.length > 0) awaitingWebhook.add(job);
      applyBehavior(job, { ...magic, ...behavior });
      return job;
    },
    findJob(api, id) {
      const job = resolveJob(id);
      return job && job.api === api ? job : undefined;
    },
    maxQueueMs: () => maxQueueMs,
    listJobs(api) {
      return [...jobs.values()].filter((job) => job.api === api);
    },
    cancel(job) {
      if (job.cancelledAt === undefined) job.cancelledAt = now();
    },
    keyAllowed(api, key) {
      if (!key) return false;
      const allowed = options.apiKeys;
      if (!allowed) return true;
      if (Array.isArray(allowed)) return allowed.includes(key);
      const list = allowed[api];
      return list ? list.includes(key) : true;
    },
  };

  const modules: Record<EmulatorApi, ApiModule> = {
    openai: createOpenAIApi(ctx),
    google: createGoogleApi(ctx),
    fal: createFalApi(ctx),
    openrouter: createOpenRouterApi(ctx),
    alibaba: createAlibabaApi(ctx),
    minimax: createMiniMaxApi(ctx),
    bytedance: createByteDanceApi(ctx),
    runway: createRunwayApi(ctx),
    kling: createKlingApi(ctx, options.klingSecretKeys),
    xai: createXaiApi(ctx),
    luma: createLumaApi(ctx),
    replicate: createReplicateApi(ctx),
  };

  function processWebhooks() {
    for (const job of awaitingWebhook) {
      const current = state(job);
      if (current.finishedAt === undefined) continue;
      job.webhookDone = true;
      awaitingWebhook.delete(job);
      for (const message of modules[job.api].webhooks(job, current)) {
        const delivery: WebhookDelivery = {
          api: job.api,
          jobId: job.id,
          url: message.url,
          event: message.event,
          body: message.body,
          headers: message.headers,
          attempts: 0,
          status: undefined,
          ok: false,
          error: undefined,
        };
        deliveries.push(delivery);
        const promise = deliver(delivery).finally(() => inflight.delete(promise));
        inflight.add(promise);
      }
    }
  }

  async function deliver(delivery: WebhookDelivery) {
    const retries = options.webhookRetries ?? 2;
    let wait = options.webhookRetryDelayMs ?? 100;
    for (let attempt = 0; attempt <= retries; attempt++) {
      if (attempt > 0) {
        await delay(wait);
        wait *= 2;
      }
      delivery.attempts++;
      try {
        const response = await fetchImpl(delivery.url, {
          method: 'POST',
          headers: delivery.headers,
          body: delivery.body,
          signal: AbortSignal.timeout(10_000),
        });
        await response.body?.cancel().catch(() => {});
        delivery.status = response.status;
        delivery.error = undefined;
        if (response.ok) {
          delivery.ok = true;
          return;
        }
      } catch (error) {
        delivery.status = undefined;
        delivery.error = error instanceof Error ? error.message : String(error);
      }
    }
  }

  function locate(url: URL): { mount: Mount; path: string } | undefined {
    for (const { mount, url: base } of mounts) {
      if (!options.matchPathOnly && (url.protocol !== base.protocol || url.host !== base.host)) continue;
      const basePath = base.pathname.replace(/\/$/, '');
      if (mount === 'falJwks') {
        if (url.pathname === basePath) return { mount, path: '' };
        continue;
      }
      if (url.pathname === basePath || url.pathname.startsWith(`${basePath}/`) || basePath === '') {
        return { mount, path: url.pathname.slice(basePath.length) };
      }
    }
    return undefined;
  }

  function matchingFaults(api: EmulatorApi, matched: MatchedRoute | undefined): FaultRule[] {
    return faults.filter(
      (rule) =>
        rule.remaining > 0 &&
        (!rule.api || rule.api === api) &&
        (!rule.route || rule.route === matched?.route) &&
        (!rule.jobId ||
          (matched?.jobId !== undefined &&
            (rule.jobId === matched.jobId || resolveJob(rule.jobId) === resolveJob(matched.jobId)))),
    );
  }

  function consume(rule: FaultRule) {
    rule.remaining--;
    rule.applied++;
    if (rule.remaining <= 0) faults.splice(faults.indexOf(rule), 1);
  }

  function redact(url: URL): string {
    const copy = new URL(url);
    if (copy.searchParams.has('key')) copy.searchParams.set('key', 'REDACTED');
    return copy.toString();
  }

  async function handle(request: Request): Promise<Response> {
    processWebhooks();
    const url = new URL(request.url);
    const located = locate(url);
    const auth: EmulatorRequestLogEntry['auth'] = [];
    if (request.headers.has('authorization')) auth.push('authorization');
    if (request.headers.has('x-goog-api-key')) auth.push('x-goog-api-key');
    if (url.searchParams.has('key')) auth.push('query:key');
    const entry: EmulatorRequestLogEntry = {
      time: now(),
      method: request.method.toUpperCase(),
      url: redact(url),
      api: located ? MOUNT_API[located.mount] : undefined,
      route: undefined,
      jobId: undefined,
      auth,
      authScheme: request.headers.get('authorization')?.trim().split(/\s+/)[0],
      credentialLeak: located !== undefined && PUBLIC_MOUNTS.includes(located.mount) && auth.length > 0,
      status: 0,
      fault: undefined,
    };
    requests.push(entry);
    if (requests.length > (options.maxRequestLog ?? 10_000))
      requests.splice(0, requests.length - (options.maxRequestLog ?? 10_000));

    if (!located) {
      entry.status = 404;
      return json({ error: `@videogen/emulator: no API mounted at ${url.origin}${url.pathname}` }, 404);
    }
    const api = MOUNT_API[located.mount];
    const module = modules[api];
    const matched = module.match(request, url, located.mount, located.path);
    entry.route = matched?.route;
    entry.jobId = matched?.jobId;

    const applicable = matchingFaults(api, matched);
    let response: Response | undefined;
    let truncate: { bytes?: number } | undefined;
    for (const rule of applicable.filter((rule) => rule.fault.type === 'latency')) {
      consume(rule);
      entry.fault = 'latency';
      try {
        await delay((rule.fault as { ms: number }).ms, request.signal);
      } catch {
        entry.status = 0;
        return Response.error();
      }
    }
    const rule = applicable.find((candidate) => candidate.fault.type !== 'latency');
    if (rule) {
      consume(rule);
      const fault: EmulatorFault = rule.fault;
      entry.fault = fault.type;
      switch (fault.type) {
        case 'drop-connection':
          entry.status = 0;
          return Response.error();
        case 'rate-limit':
        case 'http-error': {
          const status = fault.type === 'rate-limit' ? 429 : fault.status;
          const retryAfter = fault.retryAfterSeconds ?? (status === 429 || status === 503 ? 1 : undefined);
          const headers: Record<string, string> = {};
          if (retryAfter !== undefined) {
            headers['retry-after'] = String(retryAfter);
            if (api === 'openai') headers['retry-after-ms'] = String(Math.round(retryAfter * 1000));
          }
          if (fault.type === 'http-error') Object.assign(headers, fault.headers);
          response =
            fault.type === 'http-error' && fault.body !== undefined
              ? json(fault.body, status, headers)
              : module.errorResponse(status, headers);
          break;
        }
        case 'truncate':
          truncate = { bytes: fault.bytes };
          break;
      }
    }
    if (!response) {
      response = matched ? await matched.run() : module.notFound(request, url);
    }
    if (truncate) response = await truncateResponse(response, truncate.bytes);
    entry.status = response.type === 'error' ? 0 : response.status;
    return response;
  }

  const jobsApi: EmulatorJobs = {
    list(filter) {
      return [...jobs.values()]
        .filter((job) => !filter?.api || job.api === filter.api)
        .sort((a, b) => a.seq - b.seq)
        .map(info);
    },
    get(id) {
      const job = resolveJob(id);
      return job ? info(job) : undefined;
    },
    update(id, behavior) {
      const job = requireJob(id);
      applyBehavior(job, behavior);
      processWebhooks();
      return info(job);
    },
    complete(id) {
      return finishNow(id, 'completed');
    },
    fail(id, message) {
      return finishNow(id, 'failed', message);
    },
    filter(id, message) {
      return finishNow(id, 'filtered', message);
    },
    next(behavior, nextOptions) {
      pendingBehaviors.push({ behavior, api: nextOptions?.api, remaining: nextOptions?.times ?? 1 });
    },
  };

  function finishNow(id: string, outcome: 'completed' | 'failed' | 'filtered', message?: string) {
    const job = requireJob(id);
    const elapsed = Math.max(0, now() - job.createdAt);
    applyBehavior(job, {
      outcome,
      durationMs: elapsed,
      queueMs: Math.min(job.behavior.queueMs, elapsed),
      ...(message !== undefined ? { errorMessage: message } : {}),
    });
    processWebhooks();
    return info(job);
  }

  const emulator: Emulator = {
    handle,
    owns(url) {
      return locate(new URL(url)) !== undefined;
    },
    mswHandlers() {
      return createMswHandlers(emulator);
    },
    baseURLs,
    jobs: jobsApi,
    requests,
    clearRequests() {
      requests.length = 0;
    },
    injectFault(faultOptions) {
      const rule: FaultRule = {
        ...faultOptions,
        id: ++faultId,
        remaining: faultOptions.times ?? Number.POSITIVE_INFINITY,
        applied: 0,
      };
      faults.push(rule);
      return {
        id: rule.id,
        get remaining() {
          return rule.remaining;
        },
        get applied() {
          return rule.applied;
        },
        remove() {
          const index = faults.indexOf(rule);
          if (index !== -1) faults.splice(index, 1);
        },
      };
    },
    clearFaults() {
      faults.length = 0;
    },
    now,
    async advance(ms) {
      offset += ms;
      processWebhooks();
      await Promise.resolve();
    },
    webhookKeys,
    webhookDeliveries: deliveries,
    async flushWebhooks() {
      processWebhooks();
      while (inflight.size > 0) await Promise.all([...inflight]);
    },
    close() {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
    },
  };
  return emulator;
}

/**
 * Keeps the status and headers (including the full `Content-Length`) but ends the body with an
 * error after `bytes` bytes (default: half), which the server adapter turns into a closed socket.
 */
async function truncateResponse(response: Response, bytes: number | undefined): Promise<Response> {
  let total = Number(response.headers.get('content-length'));
  let source: ReadableStream<Uint8Array> | null = response.body;
  const headers = new Headers(response.headers);
  if (!Number.isFinite(total) || !response.headers.has('content-length')) {
    const buffer = new Uint8Array(await response.arrayBuffer());
    total = buffer.length;
    headers.set('content-length', String(total));
    source = new Response(buffer).body;
  }
  const limit = Math.max(0, Math.min(bytes ?? Math.floor(total / 2), Math.max(0, total - 1)));
  const reader = source?.getReader();
  let sent = 0;
  const body = new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        if (sent >= limit || !reader) {
          await reader?.cancel().catch(() => {});
          controller.error(new Error('@videogen/emulator: connection closed (truncated download fault)'));
          return;
        }
        const { done, value } = await reader.read();
        if (done) {
          controller.error(new Error('@videogen/emulator: connection closed (truncated download fault)'));
          return;
        }
        const chunk = value.subarray(0, limit - sent);
        sent += chunk.length;
        if (chunk.length > 0) controller.enqueue(chunk);
      },
      cancel(reason) {
        return reader?.cancel(reason);
      },
    },
    { highWaterMark: 0 },
  );
  return new Response(body, { status: response.status, statusText: response.statusText, headers });
}
