import type { ApiModule, EmulatorContext, JobRecord, MatchedRoute, WebhookMessage } from '../context';
import { mp4Response } from '../media';
import { isRecord, json, readBody, uuid } from '../util';

/** Frame rate of the emulator's Grok Imagine clips (the API has no frame-rate setting). */
const XAI_CLIP_FPS = 24;

/** Models and their resolutions (reference §1.3: 1080p only on 1.5). */
export const XAI_MODELS: Record<string, { resolutions: string[] }> = {
  'grok-imagine-video': { resolutions: ['480p', '720p'] },
  'grok-imagine-video-1.5': { resolutions: ['480p', '720p', '1080p'] },
};

const ASPECT_RATIOS = ['1:1', '16:9', '9:16', '4:3', '3:4', '3:2', '2:3'];
const SHORT_SIDES: Record<string, number> = { '480p': 480, '720p': 720, '1080p': 1080 };

/** `{ code, error }`, the error body of the Imagine endpoints (reference §1.6). */
function error(status: number, code: string, message: string, headers: Record<string, string> = {}): Response {
  return json({ code, error: message }, status, headers);
}

const invalidArgument = (message: string) => error(400, 'Client specified an invalid argument', message);

/** The clip size of a resolution label and aspect ratio (`720p`, `16:9` → 1280x720). */
function clipSize(resolution: string, aspectRatio: string): { width: number; height: number } {
  const short = SHORT_SIDES[resolution];
  const [w, h] = aspectRatio.split(':').map(Number);
  const long = Math.round((short * Math.max(w, h)) / Math.min(w, h) / 2) * 2;
  return w >= h ? { width: long, height: short } : { width: short, height: long };
}

function mediaUrl(value: unknown): string | undefined {
  return isRecord(value) && typeof value.url === 'string' && value.url.length > 0 ? value.url : undefined;
}

/** The length in seconds of an MP4 (its `moov/mvhd`), or `undefined` when the bytes are no MP4. */
function mp4Seconds(bytes: Uint8Array): number | undefined {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const type = (offset: number) => String.fromCharCode(...bytes.subarray(offset + 4, offset + 8));
  if (bytes.length < 8 || type(0) !== 'ftyp') return undefined;
  const find = (name: string, start: number, end: number): number | undefined => {
    for (let offset = start; offset + 8 <= end; ) {
      const size = view.getUint32(offset);
      if (type(offset) === name) return offset;
      if (size < 8) return undefined;
      offset += size;
    }
    return undefined;
  };
  const moov = find('moov', 0, bytes.length);
  const mvhd = moov === undefined ? undefined : find('mvhd', moov + 8, moov + view.getUint32(moov));
  if (mvhd === undefined || mvhd + 32 > bytes.length) return undefined;
  // Version 0: 32-bit timescale at +20, duration at +24 (version 1: 64-bit times, timescale at +28).
  const version = bytes[mvhd + 8];
  const timescale = view.getUint32(mvhd + (version === 1 ? 28 : 20));
  const duration = version === 1 ? Number(view.getBigUint64(mvhd + 32)) : view.getUint32(mvhd + 24);
  return timescale > 0 ? duration / timescale : undefined;
}

/** The bytes of a `data:…;base64,` URL. */
function dataUrlBytes(url: string): Uint8Array | undefined {
  const match = /^data:[^,]*;base64,(.*)$/s.exec(url);
  if (!match) return undefined;
  try {
    return Uint8Array.from(atob(match[1]), (char) => char.charCodeAt(0));
  } catch {
    return undefined;
  }
}

function validMediaUrl(url: string): boolean {
  return /^https?:\/\//.test(url) || /^data:[\w.+-]+\/[\w.+-]+;base64,/.test(url);
}

export function createXaiApi(ctx: EmulatorContext): ApiModule {
  function checkAuth(request: Request): Response | undefined {
    const header = request.headers.get('authorization');
    const match = header ? /^Bearer\s+(\S.*)$/i.exec(header.trim()) : null;
    // xAI answers a missing or wrong key with 400, not 401 (reference Part 2c).
    if (!match) {
      return invalidArgument(
        'No API key provided. Please provide your API key in the Authorization header as `Bearer <key>`.',
      );
    }
    if (!ctx.keyAllowed('xai', match[1].trim())) {
      return invalidArgument('Incorrect API key provided. You can obtain an API key from https://console.x.ai.');
    }
    return undefined;
  }

  /** The job whose public video URL is `url`, when it is one of the emulator's. */
  function sourceJob(url: string): JobRecord | undefined {
    const prefix = `${ctx.baseURLs.xaiMedia}/`;
    if (!url.startsWith(prefix)) return undefined;
    const id = url.slice(prefix.length).replace(/\.mp4$/, '');
    return ctx.findJob('xai', id);
  }

  async function readJson(request: Request): Promise<Record<string, unknown> | Response> {
    const parsed = await readBody(request);
    if (parsed.kind === 'invalid') return invalidArgument(parsed.message);
    const body = parsed.kind === 'json' ? parsed.value : undefined;
    if (!isRecord(body)) return error(422, 'Unprocessable Entity', 'The request body must be a JSON object.');
    return body;
  }

  function checkCommon(body: Record<string, unknown>): { model: string } | Response {
    if (typeof body.prompt !== 'string' || body.prompt.trim() === '') {
      return error(422, 'Unprocessable Entity', 'prompt: field required (a non-empty string).');
    }
    const model = body.model === undefined ? 'grok-imagine-video' : body.model;
    if (typeof model !== 'string' || !XAI_MODELS[model]) {
      return error(404, 'Some requested entity was not found', `The model ${String(model)} does not exist.`);
    }
    return { model };
  }

  function created(job: JobRecord): Response {
    return json({ request_id: job.id });
  }

  async function generate(request: Request): Promise<Response> {
    const denied = checkAuth(request);
    if (denied) return denied;
    const body = await readJson(request);
    if (body instanceof Response) return body;
    const common = checkCommon(body);
    if (common instanceof Response) return common;
    const { model } = common;

    const duration = body.duration ?? 8;
    if (typeof duration !== 'number' || !Number.isInteger(duration) || duration < 1 || duration > 15) {
      return invalidArgument(`duration must be an integer between 1 and 15; got ${JSON.stringify(duration)}.`);
    }
    const aspectRatio = body.aspect_ratio ?? '16:9';
    if (typeof aspectRatio !== 'string' || !ASPECT_RATIOS.includes(aspectRatio)) {
      return invalidArgument(
        `aspect_ratio must be one of ${ASPECT_RATIOS.join(', ')}; got ${JSON.stringify(aspectRatio)}.`,
      );
    }
    const resolution = body.resolution ?? '720p';
    const resolutions = XAI_MODELS[model].resolutions;
    if (typeof resolution !== 'string' || !resolutions.includes(resolution)) {
      return invalidArgument(
        `resolution must be one of ${resolutions.join(', ')} for ${model}; got ${JSON.stringify(resolution)}.`,
      );
    }
    const image = body.image === undefined ? undefined : mediaUrl(body.image);
    if (body.image !== undefined && (!image || !validMediaUrl(image))) {
      return invalidArgument('image.url must be a public URL or a base64 data URI.');
    }
    if (body.last_frame !== undefined) {
      const lastFrame = mediaUrl(body.last_frame);
      if (model !== 'grok-imagine-video-1.5') return invalidArgument(`last_frame is not supported by ${model}.`);
      if (!lastFrame || !validMediaUrl(lastFrame)) {
        return invalidArgument('last_frame.url must be a public URL or a base64 data URI.');
      }
    }
    if (body.reference_images !== undefined) {
      const references = body.reference_images;
      if (!Array.isArray(references) || references.length < 1 || references.length > 7) {
        return invalidArgument('reference_images must hold 1 to 7 images.');
      }
      if (references.some((reference) => !mediaUrl(reference) || !validMediaUrl(mediaUrl(reference)!))) {
        return invalidArgument('reference_images[].url must be a public URL or a base64 data URI.');
      }
      if (body.image !== undefined) return invalidArgument('image and reference_images cannot be combined.');
      if (resolution === '1080p') return invalidArgument('reference-to-video renders at most 720p.');
    }
    if (body.generate_audio !== undefined && typeof body.generate_audio !== 'boolean') {
      return invalidArgument('generate_audio must be a boolean.');
    }
    return created(
      ctx.createJob({
        id: uuid(),
        api: 'xai',
        model,
        prompt: body.prompt as string,
        ...clipSize(resolution, aspectRatio),
        seconds: duration,
        fps: XAI_CLIP_FPS,
        request: body,
        extra: { mode: 'generation' },
      }),
    );
  }

  async function fromVideo(request: Request, mode: 'edit' | 'extension'): Promise<Response> {
    const denied = checkAuth(request);
    if (denied) return denied;
    const body = await readJson(request);
    if (body instanceof Response) return body;
    const common = checkCommon(body);
    if (common instanceof Response) return common;
    const video = mediaUrl(body.video);
    if (!video || !validMediaUrl(video)) {
      return invalidArgument('video.url must be a public URL or a base64 data URI of an .mp4 video.');
    }
    for (const field of ['aspect_ratio', 'resolution', ...(mode === 'edit' ? ['duration'] : [])]) {
      if (body[field] !== undefined) return invalidArgument(`${field} is not supported for video ${mode}s.`);
    }
    const added = body.duration ?? 6;
    if (mode === 'extension' && (typeof added !== 'number' || !Number.isInteger(added) || added < 2 || added > 10)) {
      return invalidArgument(
        `duration (the extension's length) must be an integer between 2 and 10; got ${JSON.stringify(added)}.`,
      );
    }
    // The source: one of the emulator's own videos (it must exist and be done: xAI downloads
    // it), an inline MP4 (its length is read), or any other URL, taken as an 8-second 720p 16:9 clip.
    const source = sourceJob(video);
    if (video.startsWith(`${ctx.baseURLs.xaiMedia}/`) && (!source || ctx.state(source).status !== 'completed')) {
      return invalidArgument(`Could not download the video at video.url: ${video} was not found.`);
    }
    let sourceSeconds = source?.seconds ?? 8;
    if (video.startsWith('data:')) {
      const seconds = mp4Seconds(dataUrlBytes(video) ?? new Uint8Array());
      if (seconds === undefined) return invalidArgument('video.url must hold an .mp4 video (H.264, H.265 or AV1).');
      sourceSeconds = seconds;
    }
    // xAI: an edit takes at most 8.7 s; an extension's input is 2 to 15 s.
    if (mode === 'edit' && sourceSeconds > 8.7 + 1e-6) {
      return invalidArgument(`The input video is ${sourceSeconds} s long; video edits take at most 8.7 s.`);
    }
    if (mode === 'extension' && (sourceSeconds < 2 - 1e-6 || sourceSeconds > 15 + 1e-6)) {
      return invalidArgument(`The input video is ${sourceSeconds} s long; video extensions take 2 to 15 s.`);
    }
    // The output keeps the source's geometry (capped at 720p).
    const size = source ? { width: source.width, height: source.height } : clipSize('720p', '16:9');
    return created(
      ctx.createJob({
        id: uuid(),
        api: 'xai',
        model: common.model,
        prompt: body.prompt as string,
        ...size,
        seconds: mode === 'extension' ? sourceSeconds + (added as number) : sourceSeconds,
        fps: XAI_CLIP_FPS,
        request: body,
        extra: { mode },
      }),
    );
  }

  function retrieve(request: Request, id: string): Response {
    const denied = checkAuth(request);
    if (denied) return denied;
    const job = ctx.findJob('xai', id);
    if (!job) return error(404, 'Some requested entity was not found', `Request ${id} not found.`);
    const state = ctx.state(job);
    if (state.finishedAt === undefined) {
      // 202 while running (a real answer may even have no body; @ai-sdk/xai 3.x needs one).
      return json({ status: 'pending', progress: state.progress }, 202);
    }
    if (state.status === 'completed') {
      return json({
        status: 'done',
        model: job.model,
        progress: 100,
        video: { url: `${ctx.baseURLs.xaiMedia}/${job.id}.mp4`, duration: job.seconds, respect_moderation: true },
        // 0.05 USD per second of video, in ticks of 1e-10 USD.
        usage: { cost_in_usd_ticks: Math.round(job.seconds * 500_000_000) },
      });
    }
    if (state.status === 'filtered') {
      // Moderation blocks a video whose status still says done.
      return json({
        status: 'done',
        model: job.model,
        progress: 100,
        video: { url: '', duration: job.seconds, respect_moderation: false },
      });
    }
    return json({
      status: 'failed',
      model: '',
      error: {
        code: 'internal_error',
        message: job.behavior.errorMessage ?? 'Video generation failed, please retry.',
      },
    });
  }

  function media(request: Request, id: string): Response {
    const job = ctx.findJob('xai', id);
    if (!job || ctx.state(job).status !== 'completed') {
      return new Response('Not Found', { status: 404, headers: { 'content-type': 'text/plain' } });
    }
    const { clip, total } = ctx.media(job);
    return mp4Response(request, clip, total, { 'cache-control': 'public, max-age=3600' });
  }

  function match(request: Request, _url: URL, mount: string, path: string): MatchedRoute | undefined {
    const method = request.method.toUpperCase();
    const segments = path.split('/').filter(Boolean).map(decodeURIComponent);
    if (mount === 'xaiMedia') {
      if (segments.length !== 1 || !segments[0].endsWith('.mp4') || (method !== 'GET' && method !== 'HEAD')) {
        return undefined;
      }
      const id = segments[0].slice(0, -'.mp4'.length);
      return { route: 'media', jobId: id, run: () => media(request, id) };
    }
    if (segments[0] !== 'videos' || segments.length !== 2) return undefined;
    const [, name] = segments;
    if (method === 'POST') {
      if (name === 'generations') return { route: 'create', run: () => generate(request) };
      if (name === 'edits') return { route: 'edit', run: () => fromVideo(request, 'edit') };
      if (name === 'extensions') return { route: 'extension', run: () => fromVideo(request, 'extension') };
      return undefined;
    }
    if (method === 'GET') return { route: 'retrieve', jobId: name, run: () => retrieve(request, name) };
    return undefined;
  }

  const STATUS_ERRORS: Record<number, [string, string]> = {
    429: ['Too Many Requests', 'Rate limit exceeded. Please retry later.'],
    500: ['Internal error', 'The service encountered an internal error.'],
    502: ['Bad gateway', 'Bad gateway.'],
    503: ['The service is currently unavailable', 'The service is temporarily unavailable. Please retry.'],
    504: ['Deadline exceeded', 'The request timed out.'],
  };

  return {
    api: 'xai',
    match,
    notFound(request, url) {
      return error(404, 'Not Found', `No route for ${request.method.toUpperCase()} ${url.pathname}.`);
    },
    errorResponse(status, extraHeaders) {
      // An injected 202 is the running answer without a body, as xAI sometimes sends it.
      if (status === 202) return new Response(null, { status, headers: extraHeaders });
      const [code, message] = STATUS_ERRORS[status] ?? [`Error ${status}`, `Request failed with status ${status}.`];
      return error(status, code, message, extraHeaders);
    },
    // xAI sends no webhooks.
    webhooks(_job, _state): WebhookMessage[] {
      return [];
    },
  };
}
