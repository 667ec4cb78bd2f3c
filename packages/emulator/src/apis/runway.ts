import type { ApiModule, EmulatorContext, JobRecord, JobState, MatchedRoute } from '../context';
import { mp4Response } from '../media';
import { readMp4Boxes } from '../mp4-boxes';
import { isRecord, json, randomHex, readBody, uuid } from '../util';

/**
 * What the emulated Runway API accepts per model and endpoint (reference §3.3, `@runwayml/sdk`
 * 3.24.0 and 4.20.1): ratios are pixel sizes `W:H`; `durations` undefined: the output follows
 * the input video. Credits per second are illustrative.
 */
export interface RunwayEmulatedModel {
  id: string;
  textToVideo?: { ratios: string[]; durations: number[]; requiresDuration: boolean; requiresPrompt: boolean };
  imageToVideo?: {
    ratios: string[];
    durations: number[];
    requiresDuration: boolean;
    requiresPrompt: boolean;
    lastFrame: boolean;
  };
  videoToVideo?: { requiresPrompt: boolean; maxReferences: number; keyframes: boolean };
  audio: boolean;
  creditsPerSecond: number;
}

const GEN4_RATIOS = ['1280:720', '720:1280', '1104:832', '960:960', '832:1104', '1584:672'];
const VEO_RATIOS = ['1280:720', '720:1280', '1080:1920', '1920:1080'];
const TWO_TO_TEN = [2, 3, 4, 5, 6, 7, 8, 9, 10];

/** The emulated models. */
export const RUNWAY_MODELS: RunwayEmulatedModel[] = [
  {
    id: 'gen4.5',
    textToVideo: {
      ratios: ['1280:720', '720:1280'],
      durations: TWO_TO_TEN,
      requiresDuration: true,
      requiresPrompt: true,
    },
    imageToVideo: {
      ratios: GEN4_RATIOS,
      durations: TWO_TO_TEN,
      requiresDuration: true,
      requiresPrompt: true,
      lastFrame: false,
    },
    audio: false,
    creditsPerSecond: 12,
  },
  {
    id: 'gen4_turbo',
    imageToVideo: {
      ratios: GEN4_RATIOS,
      durations: TWO_TO_TEN,
      requiresDuration: false,
      requiresPrompt: false,
      lastFrame: false,
    },
    audio: false,
    creditsPerSecond: 5,
  },
  ...['veo3.1', 'veo3.1_fast'].map((id) => ({
    id,
    textToVideo: { ratios: VEO_RATIOS, durations: [4, 6, 8], requiresDuration: false, requiresPrompt: true },
    imageToVideo: {
      ratios: VEO_RATIOS,
      durations: [4, 6, 8],
      requiresDuration: false,
      requiresPrompt: false,
      lastFrame: true,
    },
    audio: true,
    creditsPerSecond: id === 'veo3.1' ? 40 : 15,
  })),
  {
    id: 'gen3a_turbo',
    imageToVideo: {
      ratios: ['1280:768', '768:1280'],
      durations: [5, 10],
      requiresDuration: false,
      requiresPrompt: true,
      lastFrame: true,
    },
    audio: false,
    creditsPerSecond: 5,
  },
  {
    id: 'veo3',
    textToVideo: { ratios: VEO_RATIOS, durations: [8], requiresDuration: true, requiresPrompt: true },
    imageToVideo: {
      ratios: VEO_RATIOS,
      durations: [8],
      requiresDuration: true,
      requiresPrompt: false,
      lastFrame: false,
    },
    audio: false,
    creditsPerSecond: 40,
  },
  {
    id: 'aleph2',
    videoToVideo: { requiresPrompt: false, maxReferences: 0, keyframes: true },
    audio: false,
    creditsPerSecond: 15,
  },
  {
    id: 'gen4_aleph',
    videoToVideo: { requiresPrompt: true, maxReferences: 1, keyframes: false },
    audio: false,
    creditsPerSecond: 15,
  },
];

/** The API version the emulator accepts in `X-Runway-Version` (the one Runway's SDKs send). */
export const RUNWAY_API_VERSIONS = ['2024-11-06'];

/** Output of a video-to-video task when the input's length is unknown, in seconds. */
const VIDEO_TO_VIDEO_SECONDS = 5;
/** Tasks of an organization that run at once; more wait as `THROTTLED` (tier 1 has 1–2). */
const CONCURRENCY = 2;
/** Longest inline `data:` URI, in characters (Runway: under 5 MB). */
const MAX_DATA_URI_LENGTH = 5_000_000;

type Endpoint = 'text_to_video' | 'image_to_video' | 'video_to_video';

/** How long an output URL's token is valid: Runway's signed URLs expire within 24–48 h (24 h here). */
const OUTPUT_URL_LIFETIME_SECONDS = 24 * 60 * 60;

/** The length in seconds an MP4 states in its `moov/mvhd` box; `undefined` when unreadable. */
function mp4Seconds(bytes: Uint8Array): number | undefined {
  try {
    const moov = readMp4Boxes(bytes).find((box) => box.type === 'moov');
    if (!moov) return undefined;
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    let offset = moov.offset + 8;
    while (offset + 8 <= moov.offset + moov.size) {
      const size = view.getUint32(offset);
      const type = String.fromCharCode(...bytes.subarray(offset + 4, offset + 8));
      if (size < 8) return undefined;
      if (type === 'mvhd') {
        const version = bytes[offset + 8];
        const timescale = view.getUint32(offset + (version === 1 ? 28 : 20));
        const duration = version === 1 ? Number(view.getBigUint64(offset + 32)) : view.getUint32(offset + 24);
        return timescale > 0 ? duration / timescale : undefined;
      }
      offset += size;
    }
  } catch {
    // not an MP4 the emulator can read: the length stays unknown
  }
  return undefined;
}

function error(
  status: number,
  message: string,
  extra: Record<string, unknown> = {},
  headers: Record<string, string> = {},
) {
  return json({ error: message, ...extra }, status, headers);
}

function validation(issues: Array<{ path: Array<string | number>; message: string }>) {
  return error(400, 'Validation of body failed', {
    issues: issues.map((issue) => ({ code: 'custom', ...issue })),
    docUrl: 'https://docs.dev.runwayml.com/api',
  });
}

export function createRunwayApi(ctx: EmulatorContext): ApiModule {
  const uploads = new Set<string>();

  function checkHeaders(request: Request): Response | undefined {
    const header = request.headers.get('authorization');
    const match = header ? /^Bearer\s+(\S+)\s*$/i.exec(header.trim()) : null;
    if (!match || !ctx.keyAllowed('runway', match[1])) {
      return error(401, 'Invalid API key or API key not provided.');
    }
    const version = request.headers.get('x-runway-version');
    if (!version) return error(400, 'The X-Runway-Version header is required (e.g. 2024-11-06).');
    if (!RUNWAY_API_VERSIONS.includes(version)) {
      return error(400, `Unsupported API version ${version}. Supported: ${RUNWAY_API_VERSIONS.join(', ')}.`);
    }
    return undefined;
  }

  /** An input URI as Runway takes it: HTTPS (http for loopback), a small data URI, or a known upload. */
  function uriProblem(value: unknown, kind: 'image' | 'video'): string | undefined {
    if (typeof value !== 'string' || value === '') return 'Expected a URI string';
    if (value.startsWith('data:')) {
      if (!new RegExp(`^data:${kind}/[\\w.+-]+(;[^,]*)?,`).test(value)) return `Invalid data URI: expected a ${kind}`;
      if (value.length >= MAX_DATA_URI_LENGTH) return 'Data URI too large (limit 5 MB)';
      return undefined;
    }
    if (value.startsWith('runway://')) return uploads.has(value) ? undefined : 'Unknown upload URI';
    if (!URL.canParse(value) || !/^https?:$/.test(new URL(value).protocol)) return 'Invalid asset URL';
    if (value.length > 2048) return 'Asset URL longer than 2048 characters';
    return undefined;
  }

  async function create(request: Request, endpoint: Endpoint): Promise<Response> {
    const denied = checkHeaders(request);
    if (denied) return denied;
    const parsed = await readBody(request);
    if (parsed.kind === 'invalid') return error(400, parsed.message);
    if (parsed.kind !== 'json' || !isRecord(parsed.value)) return error(400, 'Request body must be a JSON object.');
    const body = parsed.value;
    const spec = RUNWAY_MODELS.find((entry) => entry.id === body.model);
    const mode = spec
      ? endpoint === 'text_to_video'
        ? spec.textToVideo
        : endpoint === 'image_to_video'
          ? spec.imageToVideo
          : spec.videoToVideo
      : undefined;
    if (!spec || !mode) {
      return validation([{ path: ['model'], message: `Invalid model for ${endpoint}: ${JSON.stringify(body.model)}` }]);
    }
    const issues: Array<{ path: Array<string | number>; message: string }> = [];
    const prompt = body.promptText;
    if (prompt !== undefined && (typeof prompt !== 'string' || prompt.length > 1000)) {
      issues.push({ path: ['promptText'], message: 'Expected a string of at most 1000 characters' });
    }
    if (mode.requiresPrompt && (typeof prompt !== 'string' || prompt.trim() === '')) {
      issues.push({ path: ['promptText'], message: 'Required' });
    }
    if (body.seed !== undefined && !(Number.isInteger(body.seed) && (body.seed as number) >= 0)) {
      issues.push({ path: ['seed'], message: 'Expected an integer from 0 to 4294967295' });
    }
    if (body.contentModeration !== undefined) {
      const threshold = isRecord(body.contentModeration) ? body.contentModeration.publicFigureThreshold : undefined;
      if (threshold !== undefined && threshold !== 'auto' && threshold !== 'low') {
        issues.push({ path: ['contentModeration', 'publicFigureThreshold'], message: "Expected 'auto' | 'low'" });
      }
    }
    if (body.audio !== undefined && (typeof body.audio !== 'boolean' || !spec.audio)) {
      issues.push({ path: ['audio'], message: spec.audio ? 'Expected a boolean' : 'Unrecognized key: audio' });
    }

    let width = 1280;
    let height = 720;
    let seconds = VIDEO_TO_VIDEO_SECONDS;
    if ('ratios' in mode) {
      if (typeof body.ratio !== 'string' || !mode.ratios.includes(body.ratio)) {
        issues.push({ path: ['ratio'], message: `Expected one of ${mode.ratios.join(', ')}` });
      } else {
        [width, height] = body.ratio.split(':').map(Number);
      }
      if (body.duration === undefined) {
        if (mode.requiresDuration) issues.push({ path: ['duration'], message: 'Required' });
        seconds = mode.durations.includes(5) ? 5 : mode.durations[mode.durations.length - 1];
      } else if (typeof body.duration !== 'number' || !mode.durations.includes(body.duration)) {
        issues.push({ path: ['duration'], message: `Expected one of ${mode.durations.join(', ')}` });
      } else {
        seconds = body.duration;
      }
    }
    if (endpoint === 'image_to_video' && 'lastFrame' in mode) {
      const image = body.promptImage;
      if (typeof image === 'string') {
        const problem = uriProblem(image, 'image');
        if (problem) issues.push({ path: ['promptImage'], message: problem });
      } else if (Array.isArray(image) && image.length > 0 && image.length <= 2) {
        image.forEach((entry, index) => {
          const position = isRecord(entry) ? entry.position : undefined;
          const problem = isRecord(entry) ? uriProblem(entry.uri, 'image') : 'Expected { uri, position }';
          if (problem) issues.push({ path: ['promptImage', index, 'uri'], message: problem });
          if (position !== 'first' && !(position === 'last' && mode.lastFrame)) {
            issues.push({
              path: ['promptImage', index, 'position'],
              message: mode.lastFrame ? "Expected 'first' | 'last'" : "Expected 'first'",
            });
          }
        });
        if (image.length === 2 && !image.some((entry) => isRecord(entry) && entry.position === 'first')) {
          issues.push({ path: ['promptImage'], message: 'A last frame needs a first frame' });
        }
      } else {
        issues.push({ path: ['promptImage'], message: 'Required: a URI or [{ uri, position }]' });
      }
    }
    if (endpoint === 'video_to_video' && 'maxReferences' in mode) {
      const problem = uriProblem(body.videoUri, 'video');
      if (problem) issues.push({ path: ['videoUri'], message: problem });
      else {
        // The output follows the input video: its size and length where the emulator knows them.
        const source = sourceVideo(body.videoUri as string);
        if (source === 'unavailable') {
          issues.push({ path: ['videoUri'], message: 'Failed to fetch asset: the server responded with 403' });
        } else if (source) {
          if (source.width && source.height) [width, height] = [source.width, source.height];
          seconds = source.seconds;
        }
      }
      if (body.references !== undefined) {
        const references = Array.isArray(body.references) ? body.references : [];
        if (!Array.isArray(body.references) || references.length > mode.maxReferences) {
          issues.push({ path: ['references'], message: `At most ${mode.maxReferences} reference(s)` });
        }
        references.forEach((reference, index) => {
          const ok = isRecord(reference) && reference.type === 'image' && !uriProblem(reference.uri, 'image');
          if (!ok) issues.push({ path: ['references', index], message: 'Expected { type: "image", uri }' });
        });
      }
      if (body.keyframes !== undefined) {
        const keyframes = Array.isArray(body.keyframes) ? body.keyframes : [];
        if (!mode.keyframes || !Array.isArray(body.keyframes) || keyframes.length > 5) {
          issues.push({ path: ['keyframes'], message: mode.keyframes ? 'At most 5 keyframes' : 'Unrecognized key' });
        }
        keyframes.forEach((keyframe, index) => {
          const ok =
            isRecord(keyframe) &&
            !uriProblem(keyframe.uri, 'image') &&
            (typeof keyframe.seconds === 'number' || typeof keyframe.at === 'number');
          if (!ok) issues.push({ path: ['keyframes', index], message: 'Expected { uri, seconds } or { uri, at }' });
        });
      }
    }
    if (issues.length > 0) return validation(issues);

    const job = ctx.createJob({
      id: uuid(),
      api: 'runway',
      model: spec.id,
      prompt: typeof prompt === 'string' ? prompt : undefined,
      width,
      height,
      seconds,
      fps: 24,
      request: body,
      extra: { endpoint, credits: Math.round(spec.creditsPerSecond * seconds) },
    });
    return json({ id: job.id, estimatedCost: { credits: job.extra.credits } });
  }

  /**
   * What the emulator knows of an input video: one of its own outputs (Runway fetches the URL,
   * which answers 403 once the task is gone), or the length a `data:` MP4 states.
   */
  function sourceVideo(uri: string): { width?: number; height?: number; seconds: number } | 'unavailable' | undefined {
    const prefix = `${ctx.baseURLs.runwayMedia}/`;
    if (uri.startsWith(prefix)) {
      const id = /^([^/?#]+)\.mp4(?:[?#]|$)/.exec(uri.slice(prefix.length))?.[1];
      const job = id ? findTask(decodeURIComponent(id)) : undefined;
      if (!job || ctx.state(job).status !== 'completed') return 'unavailable';
      return { width: job.width, height: job.height, seconds: job.seconds };
    }
    const data = /^data:video\/[\w.+-]+;base64,(.*)$/s.exec(uri);
    const seconds = data ? mp4Seconds(new Uint8Array(Buffer.from(data[1], 'base64'))) : undefined;
    return seconds ? { seconds: Math.max(1, Math.round(seconds)) } : undefined;
  }

  /** A signed-looking output URL: `_jwt` is a token whose `exp` is when the URL stops working. */
  function outputUrl(job: JobRecord) {
    const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const exp = Math.floor(ctx.now() / 1000) + OUTPUT_URL_LIFETIME_SECONDS;
    const token = `${encode({ alg: 'HS256', typ: 'JWT' })}.${encode({ id: job.id, exp })}.${randomHex(16)}`;
    return `${ctx.baseURLs.runwayMedia}/${job.id}.mp4?_jwt=${token}`;
  }

  /** Queued tasks beyond the organization's concurrency wait as THROTTLED. */
  function throttled(job: JobRecord): boolean {
    const ahead = ctx
      .listJobs('runway')
      .filter((other) => other !== job && !other.deleted && other.createdAt <= job.createdAt && other.seq < job.seq)
      .filter((other) => {
        const status = ctx.state(other).status;
        return status === 'queued' || status === 'in_progress';
      });
    return ahead.length >= CONCURRENCY;
  }

  function taskBody(job: JobRecord, state: JobState = ctx.state(job)) {
    const base = { id: job.id, createdAt: new Date(job.createdAt).toISOString() };
    const credits = job.extra.credits as number;
    switch (state.status) {
      case 'queued':
        return { ...base, status: throttled(job) ? 'THROTTLED' : 'PENDING', estimatedCost: { credits } };
      case 'in_progress':
        return { ...base, status: 'RUNNING', progress: state.progress / 100, estimatedCost: { credits } };
      case 'completed':
        return {
          ...base,
          status: 'SUCCEEDED',
          output: Array.from({ length: job.outputs }, () => outputUrl(job)),
          cost: { credits },
        };
      case 'failed':
        return {
          ...base,
          status: 'FAILED',
          failure: job.behavior.errorMessage ?? 'An unexpected error occurred while generating the video.',
          failureCode: 'INTERNAL',
          cost: { credits: 0 },
        };
      case 'filtered':
        return {
          ...base,
          status: 'FAILED',
          failure: job.behavior.errorMessage ?? 'Your output was flagged by our content moderation system.',
          failureCode: 'SAFETY.OUTPUT.VIDEO',
          cost: { credits: 0 },
        };
      case 'cancelled':
        return { ...base, status: 'CANCELLED', cost: { credits: 0 } };
    }
  }

  function findTask(id: string) {
    const job = ctx.findJob('runway', id);
    return job && !job.deleted ? job : undefined;
  }

  function retrieve(request: Request, id: string): Response {
    const denied = checkHeaders(request);
    if (denied) return denied;
    const job = findTask(id);
    if (!job) return error(404, 'Task not found.');
    return json(taskBody(job));
  }

  function remove(request: Request, id: string): Response {
    const denied = checkHeaders(request);
    if (denied) return denied;
    const job = findTask(id);
    if (!job) return error(404, 'Task not found.');
    const status = ctx.state(job).status;
    if (status === 'queued' || status === 'in_progress') ctx.cancel(job);
    else job.deleted = true; // a finished task is deleted: its outputs are gone
    return new Response(null, { status: 204 });
  }

  async function startUpload(request: Request): Promise<Response> {
    const denied = checkHeaders(request);
    if (denied) return denied;
    const parsed = await readBody(request);
    const body = parsed.kind === 'json' && isRecord(parsed.value) ? parsed.value : undefined;
    if (!body || typeof body.filename !== 'string' || body.filename === '' || body.type !== 'ephemeral') {
      return validation([{ path: ['filename'], message: 'Expected { filename, type: "ephemeral" }' }]);
    }
    const key = `uploads/${uuid()}/${body.filename}`;
    return json({
      uploadUrl: `${ctx.baseURLs.runwayMedia}/uploads`,
      fields: { key, policy: randomHex(16), 'x-amz-signature': randomHex(32) },
      runwayUri: `runway://${key}`,
    });
  }

  async function receiveUpload(request: Request): Promise<Response> {
    const parsed = await readBody(request);
    const fields = parsed.kind === 'form' ? parsed.value : undefined;
    const file = fields?.file;
    if (!fields || typeof fields.key !== 'string' || !isRecord(file) || file.file !== true) {
      return new Response('<Error><Code>InvalidArgument</Code><Message>POST requires key and file</Message></Error>', {
        status: 400,
        headers: { 'content-type': 'application/xml' },
      });
    }
    uploads.add(`runway://${fields.key}`);
    return new Response(null, { status: 204 });
  }

  /** Whether the URL's `_jwt` token has expired (a URL without one is not checked). */
  function tokenExpired(url: URL): boolean {
    const payload = url.searchParams.get('_jwt')?.split('.')[1];
    if (!payload) return false;
    try {
      const exp = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'))?.exp;
      return typeof exp === 'number' && exp * 1000 <= ctx.now();
    } catch {
      return false;
    }
  }

  function media(request: Request, url: URL, id: string): Response {
    const job = findTask(id);
    if (!job || ctx.state(job).status !== 'completed' || tokenExpired(url)) {
      return new Response('<Error><Code>AccessDenied</Code></Error>', {
        status: 403,
        headers: { 'content-type': 'application/xml' },
      });
    }
    const { clip, total } = ctx.media(job);
    return mp4Response(request, clip, total);
  }

  function match(request: Request, url: URL, mount: string, path: string): MatchedRoute | undefined {
    const method = request.method.toUpperCase();
    const segments = path.split('/').filter(Boolean).map(decodeURIComponent);
    if (mount === 'runwayMedia') {
      if (segments.length === 1 && segments[0] === 'uploads' && method === 'POST') {
        return { route: 'upload', run: () => receiveUpload(request) };
      }
      const id = segments.length === 1 ? /^(.+)\.mp4$/.exec(segments[0])?.[1] : undefined;
      if (id && (method === 'GET' || method === 'HEAD')) {
        return { route: 'media', jobId: id, run: () => media(request, url, id) };
      }
      return undefined;
    }
    if (segments[0] !== 'v1') return undefined;
    const [, resource, id] = segments;
    if (segments.length === 2 && method === 'POST') {
      if (resource === 'text_to_video' || resource === 'image_to_video' || resource === 'video_to_video') {
        return { route: 'create', run: () => create(request, resource) };
      }
      if (resource === 'uploads') return { route: 'upload', run: () => startUpload(request) };
    }
    if (segments.length === 3 && resource === 'tasks') {
      if (method === 'GET') return { route: 'retrieve', jobId: id, run: () => retrieve(request, id) };
      if (method === 'DELETE') return { route: 'cancel', jobId: id, run: () => remove(request, id) };
    }
    return undefined;
  }

  const MESSAGES: Record<number, string> = {
    400: 'Bad request.',
    401: 'Invalid API key or API key not provided.',
    404: 'Not found.',
    429: 'You have exceeded the rate limit for this organization. Please retry later.',
    500: 'Internal server error.',
    502: 'Bad gateway. Please retry.',
    503: 'Service temporarily unavailable. Please retry.',
    504: 'Gateway timeout. Please retry.',
  };

  return {
    api: 'runway',
    match,
    notFound(request, url) {
      return error(404, `Not found: ${request.method.toUpperCase()} ${url.pathname}`);
    },
    errorResponse(status, extraHeaders) {
      return error(status, MESSAGES[status] ?? `Request failed with status ${status}`, {}, extraHeaders);
    },
    // The Runway API sends no webhooks: tasks are polled.
    webhooks: () => [],
  };
}
