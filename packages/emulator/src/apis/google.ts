import type { ApiModule, EmulatorContext, JobRecord, JobState, MatchedRoute, WebhookMessage } from '../context';
import { mp4Response } from '../media';
import { standardWebhookHeaders } from '../webhooks';
import { isRecord, json, randomAlphanumeric, randomHex, readBody } from '../util';

interface VeoModel {
  family: 'veo3.1' | 'veo3' | 'veo2';
  durations: number[];
  resolutions: string[];
  maxSamples: number;
  referenceImages: boolean;
  extension: boolean;
}

/** Veo renders 24 fps; the Gemini API takes no frame rate. */
const VEO_FPS = 24;

/** Model catalogue (reference B.6). */
export const GOOGLE_MODELS: Record<string, VeoModel> = {
  'veo-3.1-generate-preview': {
    family: 'veo3.1',
    durations: [4, 6, 8],
    resolutions: ['720p', '1080p', '4k'],
    maxSamples: 1,
    referenceImages: true,
    extension: true,
  },
  'veo-3.1-fast-generate-preview': {
    family: 'veo3.1',
    durations: [4, 6, 8],
    resolutions: ['720p', '1080p', '4k'],
    maxSamples: 1,
    referenceImages: true,
    extension: true,
  },
  'veo-3.1-lite-generate-preview': {
    family: 'veo3.1',
    durations: [4, 6, 8],
    resolutions: ['720p', '1080p'],
    maxSamples: 1,
    referenceImages: false,
    extension: false,
  },
  'veo-3.0-generate-001': {
    family: 'veo3',
    durations: [4, 6, 8],
    resolutions: ['720p', '1080p', '4k'],
    maxSamples: 1,
    referenceImages: false,
    extension: false,
  },
  'veo-3.0-fast-generate-001': {
    family: 'veo3',
    durations: [4, 6, 8],
    resolutions: ['720p', '1080p', '4k'],
    maxSamples: 1,
    referenceImages: false,
    extension: false,
  },
  'veo-2.0-generate-001': {
    family: 'veo2',
    durations: [5, 6, 8],
    resolutions: ['720p'],
    maxSamples: 2,
    referenceImages: false,
    extension: false,
  },
};

/** Display names of the Veo models, as `GET /v1beta/models` lists them. */
const DISPLAY_NAMES: Record<string, string> = {
  'veo-3.1-generate-preview': 'Veo 3.1',
  'veo-3.1-fast-generate-preview': 'Veo 3.1 Fast',
  'veo-3.1-lite-generate-preview': 'Veo 3.1 Lite',
  'veo-3.0-generate-001': 'Veo 3',
  'veo-3.0-fast-generate-001': 'Veo 3 Fast',
  'veo-2.0-generate-001': 'Veo 2',
};

/** The model list (`GET /v1beta/models`): the Veo models and a few Gemini models that do not make videos. */
function modelList(): Array<Record<string, unknown>> {
  const gemini = ['gemini-2.5-flash', 'gemini-2.5-pro'].map((id) => ({
    name: `models/${id}`,
    version: '001',
    displayName: id === 'gemini-2.5-pro' ? 'Gemini 2.5 Pro' : 'Gemini 2.5 Flash',
    inputTokenLimit: 1048576,
    outputTokenLimit: 65536,
    supportedGenerationMethods: ['generateContent', 'countTokens', 'createCachedContent', 'batchGenerateContent'],
  }));
  const veo = Object.keys(GOOGLE_MODELS).map((id) => ({
    name: `models/${id}`,
    version: id.endsWith('-preview') ? 'preview' : '001',
    displayName: DISPLAY_NAMES[id] ?? id,
    inputTokenLimit: 480,
    outputTokenLimit: 8192,
    supportedGenerationMethods: ['predictLongRunning'],
  }));
  return [...gemini, ...veo];
}

const STATUS_NAMES: Record<number, string> = {
  400: 'INVALID_ARGUMENT',
  401: 'UNAUTHENTICATED',
  403: 'PERMISSION_DENIED',
  404: 'NOT_FOUND',
  409: 'ABORTED',
  429: 'RESOURCE_EXHAUSTED',
  500: 'INTERNAL',
  501: 'NOT_IMPLEMENTED',
  503: 'UNAVAILABLE',
  504: 'DEADLINE_EXCEEDED',
};

const DEFAULT_MESSAGES: Record<number, string> = {
  429: 'Resource has been exhausted (e.g. check quota).',
  500: 'An internal error has occurred. Please retry or report in https://developers.generativeai.google/guide/troubleshooting',
  503: 'The model is overloaded. Please try again later.',
  504: 'The request timed out. Please try again.',
};

function error(status: number, message: string, details?: unknown[], headers: Record<string, string> = {}): Response {
  return json(
    {
      error: {
        code: status,
        message,
        status: STATUS_NAMES[status] ?? (status >= 500 ? 'INTERNAL' : 'FAILED_PRECONDITION'),
        ...(details ? { details } : {}),
      },
    },
    status,
    headers,
  );
}

function invalid(message: string, field?: string): Response {
  return error(
    400,
    message,
    field
      ? [{ '@type': 'type.googleapis.com/google.rpc.BadRequest', fieldViolations: [{ field, description: message }] }]
      : undefined,
  );
}

/** Veo adds 7 s per extension; inputs up to 141 s, 720p, Veo-generated (reference B.6). */
const EXTENSION_SECONDS = 7;
const MAX_EXTENSION_INPUT_SECONDS = 141;

/** The length in seconds of an MP4 / QuickTime file, from its `mvhd` box (undefined when none is found). */
export function mp4Seconds(bytes: Uint8Array): number | undefined {
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

/** Whether bytes start like an MP4 / QuickTime file (an `ftyp` box). */
function isMp4(bytes: Uint8Array): boolean {
  return bytes.length >= 8 && bytes[4] === 0x66 && bytes[5] === 0x74 && bytes[6] === 0x79 && bytes[7] === 0x70;
}

/** Reads `{bytesBase64Encoded, mimeType}` or `{inlineData: {data, mimeType}}` (both accepted, ⚠️ B.2). */
function readImage(value: unknown): { ok: true } | { ok: false; message: string } {
  if (!isRecord(value)) return { ok: false, message: 'must be an object' };
  if (typeof value.bytesBase64Encoded === 'string' && value.bytesBase64Encoded.length > 0) {
    if (value.mimeType !== undefined && typeof value.mimeType !== 'string')
      return { ok: false, message: 'mimeType must be a string' };
    return { ok: true };
  }
  if (isRecord(value.inlineData) && typeof value.inlineData.data === 'string' && value.inlineData.data.length > 0) {
    return { ok: true };
  }
  if (typeof value.gcsUri === 'string')
    return { ok: false, message: 'gcsUri is not supported by the Gemini API (Vertex AI only)' };
  return { ok: false, message: 'expected bytesBase64Encoded and mimeType (or inlineData)' };
}

export function createGoogleApi(ctx: EmulatorContext): ApiModule {
  const files = new Map<string, { jobId: string; index: number; token: string }>();

  function checkAuth(request: Request, url: URL): Response | undefined {
    const key = request.headers.get('x-goog-api-key') ?? url.searchParams.get('key');
    if (!key || key.trim() === '') {
      return error(
        403,
        "Method doesn't allow unregistered callers (callers without established identity). Please use API Key or other form of API consumer identity to call this API.",
        [
          {
            '@type': 'type.googleapis.com/google.rpc.ErrorInfo',
            reason: 'SERVICE_DISABLED',
            domain: 'googleapis.com',
            metadata: { service: 'generativelanguage.googleapis.com' },
          },
        ],
      );
    }
    if (!ctx.keyAllowed('google', key.trim())) {
      return error(400, 'API key not valid. Please pass a valid API key.', [
        {
          '@type': 'type.googleapis.com/google.rpc.ErrorInfo',
          reason: 'API_KEY_INVALID',
          domain: 'googleapis.com',
          metadata: { service: 'generativelanguage.googleapis.com' },
        },
      ]);
    }
    return undefined;
  }

  function fileUri(fileId: string) {
    return `${ctx.baseURLs.google}/files/${fileId}:download?alt=media`;
  }

  function operationBody(job: JobRecord, state: JobState = ctx.state(job)) {
    const name = String(job.extra.operationName);
    switch (state.status) {
      case 'queued':
      case 'in_progress':
        return { name };
      case 'completed': {
        const samples = (job.extra.fileIds as string[]).map((fileId) => ({ video: { uri: fileUri(fileId) } }));
        return {
          name,
          done: true,
          response: {
            '@type': 'type.googleapis.com/google.ai.generativelanguage.v1beta.PredictLongRunningResponse',
            generateVideoResponse: { generatedSamples: samples },
          },
        };
      }
      case 'filtered':
        return {
          name,
          done: true,
          response: {
            '@type': 'type.googleapis.com/google.ai.generativelanguage.v1beta.PredictLongRunningResponse',
            generateVideoResponse: {
              raiMediaFilteredCount: job.outputs,
              raiMediaFilteredReasons: [
                job.behavior.errorMessage ??
                  "We couldn't generate a video for this prompt because it may violate our policies. You will not be charged for this request.",
              ],
            },
          },
        };
      case 'cancelled':
        return { name, done: true, error: { code: 1, message: 'The operation was cancelled.' } };
      case 'failed':
      default:
        return {
          name,
          done: true,
          error: {
            code: 13,
            message: job.behavior.errorMessage ?? 'Video generation failed due to an internal error. Please try again.',
          },
        };
    }
  }

  async function create(request: Request, url: URL, model: string): Promise<Response> {
    const denied = checkAuth(request, url);
    if (denied) return denied;
    const spec = GOOGLE_MODELS[model];
    if (!spec) {
      return error(
        404,
        `models/${model} is not found for API version v1beta, or is not supported for predictLongRunning. Call ListModels to see the list of available models and their supported methods.`,
      );
    }
    const parsed = await readBody(request);
    if (parsed.kind === 'invalid') return invalid(`Invalid JSON payload received. ${parsed.message}`);
    if (parsed.kind !== 'json' || !isRecord(parsed.value))
      return invalid('Invalid JSON payload received. Expected an object.');
    const body = parsed.value;
    if (!Array.isArray(body.instances) || body.instances.length === 0 || !isRecord(body.instances[0])) {
      return invalid(
        '* PredictLongRunningRequest.instances: instances must contain exactly one instance object.',
        'instances',
      );
    }
    const instance = body.instances[0] as Record<string, unknown>;
    const parameters = body.parameters === undefined ? {} : body.parameters;
    if (!isRecord(parameters)) return invalid('parameters must be an object.', 'parameters');

    const hasImage = instance.image !== undefined;
    const hasLastFrame = instance.lastFrame !== undefined;
    const hasReferences = instance.referenceImages !== undefined;
    const hasVideo = instance.video !== undefined;

    if (instance.prompt !== undefined && typeof instance.prompt !== 'string')
      return invalid('prompt must be a string.', 'instances[0].prompt');
    if (typeof instance.prompt !== 'string' && !hasImage && !hasVideo) {
      return invalid('A prompt is required for text-to-video generation.', 'instances[0].prompt');
    }
    for (const field of ['image', 'lastFrame'] as const) {
      if (instance[field] === undefined) continue;
      const result = readImage(instance[field]);
      if (!result.ok) return invalid(`instances[0].${field}: ${result.message}.`, `instances[0].${field}`);
    }
    if (hasVideo && (hasImage || hasLastFrame)) {
      return invalid(
        '`image` and `lastFrame` cannot be combined with `video` (video extension).',
        'instances[0].video',
      );
    }
    if (hasLastFrame && !hasImage)
      return invalid('`lastFrame` requires `image` (the first frame).', 'instances[0].lastFrame');
    if (hasReferences) {
      if (!spec.referenceImages)
        return invalid(`\`referenceImages\` isn't supported by this model.`, 'instances[0].referenceImages');
      if (
        !Array.isArray(instance.referenceImages) ||
        instance.referenceImages.length === 0 ||
        instance.referenceImages.length > 3
      ) {
        return invalid('referenceImages must contain between 1 and 3 images.', 'instances[0].referenceImages');
      }
      for (const [index, reference] of instance.referenceImages.entries()) {
        if (!isRecord(reference))
          return invalid('referenceImages entries must be objects.', `instances[0].referenceImages[${index}]`);
        const result = readImage(reference.image);
        if (!result.ok)
          return invalid(
            `instances[0].referenceImages[${index}].image: ${result.message}.`,
            `instances[0].referenceImages[${index}].image`,
          );
        const type = String(reference.referenceType ?? 'asset').toLowerCase();
        if (type !== 'asset' && type !== 'style') {
          return invalid(
            `Unsupported referenceType '${String(reference.referenceType)}'.`,
            `instances[0].referenceImages[${index}].referenceType`,
          );
        }
      }
      if (typeof instance.prompt !== 'string')
        return invalid('A prompt is required with referenceImages.', 'instances[0].prompt');
      if (hasImage || hasLastFrame || hasVideo) {
        return invalid(
          'referenceImages cannot be combined with image, lastFrame or video.',
          'instances[0].referenceImages',
        );
      }
    }
    // The video to extend: a previous generation's file URI (it must exist and be done), or inline bytes.
    let source: { seconds: number; width: number; height: number } | undefined;
    if (hasVideo) {
      if (!spec.extension) return invalid(`Video extension isn't supported by this model.`, 'instances[0].video');
      const video = instance.video;
      if (
        !isRecord(video) ||
        (typeof video.uri !== 'string' && typeof video.encodedVideo !== 'string' && !isRecord(video.inlineData))
      ) {
        return invalid('instances[0].video: expected uri or encodedVideo.', 'instances[0].video');
      }
      if (typeof video.uri === 'string') {
        const fileId = /\/files\/([^/:?]+)/.exec(video.uri)?.[1];
        const file =
          fileId !== undefined && video.uri.startsWith(`${ctx.baseURLs.google}/`) ? files.get(fileId) : undefined;
        const sourceJob = file && ctx.findJob('google', file.jobId);
        if (!file || !sourceJob || ctx.state(sourceJob).status !== 'completed') {
          return error(
            404,
            `Requested entity was not found: the video ${video.uri} is not a generated file of this project (or it expired).`,
          );
        }
        if (Math.min(sourceJob.width, sourceJob.height) !== 720) {
          return invalid('Video extension only supports 720p input videos.', 'instances[0].video');
        }
        source = { seconds: sourceJob.seconds, width: sourceJob.width, height: sourceJob.height };
      } else {
        const encoded =
          typeof video.encodedVideo === 'string' ? video.encodedVideo : (video.inlineData as { data?: unknown }).data;
        const bytes = typeof encoded === 'string' ? Buffer.from(encoded, 'base64') : Buffer.alloc(0);
        if (!isMp4(bytes))
          return invalid('instances[0].video: the video bytes are not a supported video (MP4).', 'instances[0].video');
        const aspectRatio = parameters.aspectRatio ?? '16:9';
        source = {
          seconds: mp4Seconds(bytes) ?? 8,
          width: aspectRatio === '9:16' ? 720 : 1280,
          height: aspectRatio === '9:16' ? 1280 : 720,
        };
      }
      if (source.seconds > MAX_EXTENSION_INPUT_SECONDS) {
        return invalid(
          `The input video is ${source.seconds} seconds long; video extension takes inputs of at most ${MAX_EXTENSION_INPUT_SECONDS} seconds.`,
          'instances[0].video',
        );
      }
    }

    const aspectRatio = parameters.aspectRatio ?? '16:9';
    if (aspectRatio !== '16:9' && aspectRatio !== '9:16') {
      return invalid(
        `Unsupported aspect ratio: ${String(aspectRatio)}. Supported values are 16:9 and 9:16.`,
        'parameters.aspectRatio',
      );
    }
    const resolution = parameters.resolution ?? '720p';
    if (typeof resolution !== 'string' || !spec.resolutions.includes(resolution)) {
      return invalid(
        spec.family === 'veo2'
          ? `\`resolution\` isn't supported by this model.`
          : `Unsupported resolution: ${String(resolution)}. Supported values for ${model} are ${spec.resolutions.join(', ')}.`,
        'parameters.resolution',
      );
    }
    // ⚠️ B.2: docs send strings ("8"), the SDK sends numbers (8): accept both.
    const rawDuration = parameters.durationSeconds ?? 8;
    const duration = typeof rawDuration === 'string' && /^\d+$/.test(rawDuration) ? Number(rawDuration) : rawDuration;
    if (typeof duration !== 'number' || !spec.durations.includes(duration)) {
      return invalid(
        `Unsupported duration: ${String(rawDuration)} seconds. Supported durations for ${model} are ${spec.durations.join(', ')} seconds.`,
        'parameters.durationSeconds',
      );
    }
    if ((resolution === '1080p' || resolution === '4k') && duration !== 8) {
      return invalid(`Resolution ${resolution} requires a duration of 8 seconds.`, 'parameters.durationSeconds');
    }
    if (hasReferences && duration !== 8)
      return invalid('Reference images require a duration of 8 seconds.', 'parameters.durationSeconds');
    if (hasVideo && duration !== 8)
      return invalid('Video extension requires a duration of 8 seconds.', 'parameters.durationSeconds');
    if (hasVideo && resolution !== '720p')
      return invalid('Video extension only supports 720p.', 'parameters.resolution');

    // ⚠️ B.2: the SDK sends sampleCount, the docs' REST sample numberOfVideos.
    const sampleCount = parameters.sampleCount ?? parameters.numberOfVideos ?? 1;
    if (
      typeof sampleCount !== 'number' ||
      !Number.isInteger(sampleCount) ||
      sampleCount < 1 ||
      sampleCount > spec.maxSamples
    ) {
      return invalid(
        `Unsupported sampleCount: ${String(sampleCount)}. ${model} generates ${spec.maxSamples === 1 ? '1 video' : `1 to ${spec.maxSamples} videos`} per request.`,
        'parameters.sampleCount',
      );
    }

    if (parameters.personGeneration !== undefined) {
      const value = parameters.personGeneration;
      const imageMode = hasImage || hasReferences;
      const allowed =
        spec.family === 'veo2'
          ? imageMode
            ? ['allow_adult', 'dont_allow']
            : ['allow_all', 'allow_adult', 'dont_allow']
          : imageMode
            ? ['allow_adult']
            : ['allow_all'];
      if (typeof value !== 'string' || !allowed.includes(value)) {
        return invalid(
          `personGeneration '${String(value)}' is not supported for this request. Allowed: ${allowed.join(', ')}.`,
          'parameters.personGeneration',
        );
      }
    }
    if (parameters.negativePrompt !== undefined && typeof parameters.negativePrompt !== 'string') {
      return invalid('negativePrompt must be a string.', 'parameters.negativePrompt');
    }
    if (
      parameters.seed !== undefined &&
      (typeof parameters.seed !== 'number' ||
        !Number.isInteger(parameters.seed) ||
        parameters.seed < 0 ||
        parameters.seed > 0xffffffff)
    ) {
      return invalid('seed must be an unsigned 32-bit integer.', 'parameters.seed');
    }
    if (parameters.generateAudio !== undefined) {
      return invalid("`generateAudio` isn't supported by the Gemini API.", 'parameters.generateAudio');
    }

    const webhookConfig = body.webhookConfig ?? body.webhook_config;
    let webhookUrls: string[] = [];
    if (webhookConfig !== undefined) {
      if (
        !isRecord(webhookConfig) ||
        !Array.isArray(webhookConfig.uris) ||
        !webhookConfig.uris.every((uri) => typeof uri === 'string')
      ) {
        return invalid('webhookConfig.uris must be a list of URLs.', 'webhookConfig.uris');
      }
      webhookUrls = webhookConfig.uris as string[];
    }

    const size = resolution === '4k' ? [3840, 2160] : resolution === '1080p' ? [1920, 1080] : [1280, 720];
    // An extension is the input plus 7 s, in the input's size.
    const [width, height] = source ? [source.width, source.height] : aspectRatio === '9:16' ? [size[1], size[0]] : size;
    const operationId = randomAlphanumeric(12).toLowerCase();
    const operationName = `models/${model}/operations/${operationId}`;
    const fileIds = Array.from({ length: sampleCount }, () => randomAlphanumeric(12).toLowerCase());
    const job = ctx.createJob({
      id: operationId,
      api: 'google',
      model,
      prompt: typeof instance.prompt === 'string' ? instance.prompt : undefined,
      width,
      height,
      seconds: source ? source.seconds + EXTENSION_SECONDS : duration,
      fps: VEO_FPS,
      outputs: sampleCount,
      request: body,
      webhookUrls,
      extra: {
        operationName,
        fileIds,
        userMetadata: isRecord(webhookConfig) ? (webhookConfig.userMetadata ?? webhookConfig.user_metadata) : undefined,
      },
    });
    fileIds.forEach((fileId, index) => {
      files.set(fileId, { jobId: job.id, index, token: randomHex(16) });
    });
    return json({ name: operationName });
  }

  /** `GET /models?pageSize&pageToken`: pages of 50 by default, at most 1000; an opaque page token. */
  function listModels(request: Request, url: URL): Response {
    const denied = checkAuth(request, url);
    if (denied) return denied;
    const rawSize = url.searchParams.get('pageSize');
    const pageSize = rawSize === null ? 50 : Number(rawSize);
    if (!Number.isInteger(pageSize) || pageSize < 0)
      return invalid('pageSize must be a non-negative integer.', 'page_size');
    const size = Math.min(pageSize === 0 ? 50 : pageSize, 1000);
    const token = url.searchParams.get('pageToken');
    let offset = 0;
    if (token) {
      const decoded = /^offset:(\d+)$/.exec(Buffer.from(token, 'base64url').toString('utf8'));
      if (!decoded) return invalid('Invalid page token.', 'page_token');
      offset = Number(decoded[1]);
    }
    const all = modelList();
    const models = all.slice(offset, offset + size);
    const next = offset + size < all.length ? Buffer.from(`offset:${offset + size}`).toString('base64url') : undefined;
    return json({ models, ...(next ? { nextPageToken: next } : {}) });
  }

  function operation(request: Request, url: URL, model: string, operationId: string): Response {
    const denied = checkAuth(request, url);
    if (denied) return denied;
    const job = ctx.findJob('google', operationId);
    if (!job || job.model !== model) {
      return error(404, `Operation not found: models/${model}/operations/${operationId}`);
    }
    return json(operationBody(job));
  }

  function download(request: Request, url: URL, fileId: string): Response {
    const denied = checkAuth(request, url);
    if (denied) return denied;
    const file = files.get(fileId);
    const job = file && ctx.findJob('google', file.jobId);
    if (!file || !job || ctx.state(job).status !== 'completed') {
      return error(404, `File ${fileId} not found or not ready.`);
    }
    const location = `${ctx.baseURLs.googleStorage}/${fileId}.mp4?X-Goog-Algorithm=GOOG4-HMAC-SHA256&X-Goog-Expires=3600&X-Goog-Signature=${file.token}`;
    return new Response(null, { status: 302, headers: { location, 'content-length': '0' } });
  }

  function storage(request: Request, url: URL, objectName: string): Response {
    const fileId = objectName.replace(/\.mp4$/, '');
    const file = files.get(fileId);
    const job = file && ctx.findJob('google', file.jobId);
    if (!file || !job) {
      return new Response(
        '<?xml version="1.0" encoding="UTF-8"?><Error><Code>NoSuchKey</Code><Message>The specified key does not exist.</Message></Error>',
        {
          status: 404,
          headers: { 'content-type': 'application/xml; charset=UTF-8' },
        },
      );
    }
    if (url.searchParams.get('X-Goog-Signature') !== file.token) {
      return new Response(
        '<?xml version="1.0" encoding="UTF-8"?><Error><Code>AccessDenied</Code><Message>Access denied.</Message><Details>The signature is missing or invalid.</Details></Error>',
        {
          status: 403,
          headers: { 'content-type': 'application/xml; charset=UTF-8' },
        },
      );
    }
    const { clip, total } = ctx.media(job);
    return mp4Response(request, clip, total, {
      'x-goog-storage-class': 'STANDARD',
      'cache-control': 'private, max-age=0',
    });
  }

  function match(request: Request, url: URL, mount: string, path: string): MatchedRoute | undefined {
    const method = request.method.toUpperCase();
    if (mount === 'googleStorage') {
      const objectName = decodeURIComponent(path.replace(/^\//, ''));
      if ((method === 'GET' || method === 'HEAD') && objectName && !objectName.includes('/')) {
        const file = files.get(objectName.replace(/\.mp4$/, ''));
        return { route: 'storage', jobId: file?.jobId, run: () => storage(request, url, objectName) };
      }
      return undefined;
    }
    const decoded = decodeURIComponent(path);
    if (decoded === '/models' && method === 'GET') return { route: 'models', run: () => listModels(request, url) };
    let m = /^\/models\/([^/:]+):predictLongRunning$/.exec(decoded);
    if (m && method === 'POST') {
      const model = m[1];
      return { route: 'create', run: () => create(request, url, model) };
    }
    m = /^\/models\/([^/:]+)\/operations\/([^/:]+)$/.exec(decoded);
    if (m && method === 'GET') {
      const [, model, operationId] = m;
      return { route: 'operation', jobId: operationId, run: () => operation(request, url, model, operationId) };
    }
    m = /^\/files\/([^/:]+):download$/.exec(decoded);
    if (m && (method === 'GET' || method === 'HEAD')) {
      const fileId = m[1];
      return { route: 'download', jobId: files.get(fileId)?.jobId, run: () => download(request, url, fileId) };
    }
    return undefined;
  }

  return {
    api: 'google',
    match,
    notFound(_request, url) {
      return error(404, `The requested URL ${url.pathname} was not found on this server.`);
    },
    errorResponse(status, extraHeaders) {
      const details =
        status === 429
          ? [
              {
                '@type': 'type.googleapis.com/google.rpc.RetryInfo',
                retryDelay: `${extraHeaders['retry-after'] ?? '1'}s`,
              },
            ]
          : undefined;
      return error(status, DEFAULT_MESSAGES[status] ?? `Request failed with status ${status}.`, details, extraHeaders);
    },
    webhooks(job, state): WebhookMessage[] {
      if (job.webhookUrls.length === 0 || state.status === 'cancelled') return [];
      const timestamp = Math.floor(ctx.now() / 1000);
      const fileIds = job.extra.fileIds as string[];
      const body = JSON.stringify({
        type: 'video.generated',
        timestamp: new Date(ctx.now()).toISOString(),
        data: {
          operation: job.extra.operationName,
          done: true,
          ...(state.status === 'completed'
            ? { file_id: fileIds[0], video_uri: fileUri(fileIds[0]), video_uris: fileIds.map(fileUri) }
            : {
                error: (operationBody(job, state) as { error?: unknown }).error ?? {
                  code: 3,
                  message: 'Filtered by responsible AI policies.',
                },
              }),
          ...(job.extra.userMetadata !== undefined ? { userMetadata: job.extra.userMetadata } : {}),
        },
      });
      const webhookId = `msg_${randomHex(12)}`;
      return job.webhookUrls.map((url) => ({
        url,
        event: 'video.generated',
        body,
        headers: {
          'content-type': 'application/json',
          ...standardWebhookHeaders(ctx.webhookKeys.google, webhookId, timestamp, body),
        },
      }));
    },
  };
}
