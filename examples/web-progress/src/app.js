// @ts-check
/**
 * The example's routes as one fetch handler, `handle(request): Promise<Response>`,
 * the shape of a Next.js / Hono / Remix / Workers route. `server.js` mounts it
 * on node:http; nothing here is Node-specific except reading the static files.
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import {
  cancelVideo,
  createDownload,
  createVideoContentResponse,
  streamVideo,
  UnsupportedFunctionalityError,
} from '@videogen/core';
import { createFal } from '@videogen/fal';
import { createGoogle } from '@videogen/google';
import { createOpenAI } from '@videogen/openai';
import { createOpenRouter } from '@videogen/openrouter';

/** @typedef {import('@videogen/core').VideoModel} VideoModel */
/** @typedef {import('@videogen/core').VideoJob} VideoJob */

/** The provider used when the request names none. */
export const DEFAULT_PROVIDER = 'fal';

/** The model of each provider the page offers. */
export const MODEL_IDS = /** @type {const} */ ({
  fal: 'fal-ai/veo3.1/fast',
  openai: 'sora-2',
  google: 'veo-3.1-fast-generate-preview',
  openrouter: 'google/veo-3.1',
});

/** @typedef {keyof typeof MODEL_IDS} ProviderName */

/** The video shapes the page offers. Default: the first (landscape). */
export const ASPECT_RATIOS = /** @type {const} */ (['16:9', '9:16']);

const PUBLIC_DIR = fileURLToPath(new URL('../public/', import.meta.url));
/** The only files served from `public/` (no path is ever built from the URL). */
const STATIC_FILES = /** @type {Record<string, { file: string, type: string }>} */ ({
  '/': { file: 'index.html', type: 'text/html; charset=utf-8' },
  '/index.html': { file: 'index.html', type: 'text/html; charset=utf-8' },
  '/app.js': { file: 'app.js', type: 'text/javascript; charset=utf-8' },
  '/style.css': { file: 'style.css', type: 'text/css; charset=utf-8' },
});

/**
 * @param {object} settings
 * @param {{ fal: string, openai: string, google: string, openrouter: string }} settings.baseURLs
 *   Where each provider's API is (the emulator's `baseURLs`, or the real APIs).
 * @param {{ fal?: string, openai?: string, google?: string, openrouter?: string }} [settings.apiKeys]
 *   API keys. The emulator takes any non-empty key.
 * @param {import('@videogen/core').PollOptions} [settings.poll] How often to ask the provider.
 * @param {boolean} [settings.allowPrivateNetwork] Let core download videos from loopback / private
 *   addresses (the emulator). Keep it off against real providers.
 * @param {(message: string) => void} [settings.log] Server-side log lines. Default: none.
 */
export function createWebProgressApp({ baseURLs, apiKeys = {}, poll, allowPrivateNetwork = false, log = () => {} }) {
  const providers = {
    fal: createFal({ apiKey: apiKeys.fal ?? 'emulator-key', baseURL: baseURLs.fal }),
    openai: createOpenAI({ apiKey: apiKeys.openai ?? 'emulator-key', baseURL: baseURLs.openai }),
    google: createGoogle({ apiKey: apiKeys.google ?? 'emulator-key', baseURL: baseURLs.google }),
    openrouter: createOpenRouter({ apiKey: apiKeys.openrouter ?? 'emulator-key', baseURL: baseURLs.openrouter }),
  };
  const download = createDownload({ allowPrivateNetwork });

  /**
   * @param {ProviderName} name
   * @param {string} [modelId]
   * @returns {VideoModel}
   */
  const modelOf = (name, modelId = MODEL_IDS[name]) => providers[name].videoModel(modelId);

  /**
   * The model that made a job, from the job's `provider` ('fal.video' …).
   * @param {unknown} job
   */
  const modelOfJob = (job) => {
    if (typeof job !== 'object' || job === null) throw new BadRequest('`job` must be a video job object.');
    const { provider, modelId } = /** @type {{ provider?: unknown, modelId?: unknown }} */ (job);
    const name = typeof provider === 'string' ? provider.replace(/\.video$/, '') : '';
    if (!isProviderName(name) || typeof modelId !== 'string') throw new BadRequest('Unknown job provider.');
    return modelOf(name, modelId);
  };

  /** @param {Request} request */
  async function generate(request) {
    const body = await readJson(request);
    const prompt = typeof body.prompt === 'string' ? body.prompt.trim() : '';
    if (prompt === '') throw new BadRequest('`prompt` must be a non-empty string.');
    const provider = body.provider ?? DEFAULT_PROVIDER;
    if (!isProviderName(provider))
      throw new BadRequest(`\`provider\` must be one of ${Object.keys(MODEL_IDS).join(', ')}.`);
    const aspectRatio = body.aspectRatio ?? ASPECT_RATIOS[0];
    if (!ASPECT_RATIOS.includes(aspectRatio))
      throw new BadRequest(`\`aspectRatio\` must be one of ${ASPECT_RATIOS.join(', ')}.`);

    const stream = streamVideo({
      model: modelOf(provider),
      prompt,
      aspectRatio,
      poll,
      download,
      // The browser went away (tab closed, fetch aborted): stop, and cancel the job where the API can.
      abortSignal: request.signal,
    });
    // A real app would store the video here (core downloads it for `result`) and the job when it is created.
    stream.result.then(
      ({ video, jobs }) =>
        log(`${provider}: job ${jobOperationId(jobs[0])} done, ${video.uint8Array.byteLength} bytes`),
      (error) => log(`${provider}: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`),
    );
    return stream.toServerSentEventsResponse();
  }

  /** @param {Request} request */
  async function cancel(request) {
    const { job } = await readJson(request);
    const model = modelOfJob(job);
    // A real app checks here that the caller may touch this job (e.g. it is stored under their account).
    await cancelVideo({ model, job, abortSignal: request.signal });
    log(`${model.provider}: cancel requested for job ${jobOperationId(job)}`);
    return json(200, { cancelled: true });
  }

  /** @param {Request} request */
  async function video(request) {
    const url = new URL(request.url);
    const jobText = url.searchParams.get('job');
    if (!jobText) throw new BadRequest('`job` is required.');
    /** @type {unknown} */
    let job;
    try {
      job = JSON.parse(jobText);
    } catch {
      throw new BadRequest('`job` must be JSON.');
    }
    const index = Number(url.searchParams.get('index') ?? '0');
    // The provider's key stays on the server; the browser gets the bytes.
    return createVideoContentResponse({
      model: modelOfJob(job),
      job: /** @type {VideoJob} */ (job),
      index,
      download,
      abortSignal: request.signal,
    });
  }

  /**
   * @param {Request} request
   * @returns {Promise<Response>}
   */
  async function handle(request) {
    const { pathname } = new URL(request.url);
    try {
      if (pathname === '/api/generate' && request.method === 'POST') return await generate(request);
      if (pathname === '/api/cancel' && request.method === 'POST') return await cancel(request);
      if (pathname === '/api/video' && request.method === 'GET') return await video(request);
      if (pathname === '/api/providers' && request.method === 'GET')
        return json(200, { default: DEFAULT_PROVIDER, models: MODEL_IDS });
      const entry = Object.hasOwn(STATIC_FILES, pathname) ? STATIC_FILES[pathname] : undefined;
      if (entry && (request.method === 'GET' || request.method === 'HEAD')) {
        const content = await readFile(PUBLIC_DIR + entry.file);
        return new Response(request.method === 'HEAD' ? null : content, {
          headers: { 'content-type': entry.type, 'cache-control': 'no-cache' },
        });
      }
      return json(404, { error: { name: 'NotFound', message: `No route for ${request.method} ${pathname}` } });
    } catch (error) {
      if (error instanceof BadRequest) return json(400, { error: { name: 'BadRequest', message: error.message } });
      const { name, message } = error instanceof Error ? error : { name: 'Error', message: String(error) };
      // e.g. UnsupportedFunctionalityError from cancelVideo (OpenAI, Gemini and OpenRouter have no cancel).
      const status = UnsupportedFunctionalityError.isInstance(error) ? 501 : 500;
      log(`${request.method} ${pathname}: ${name}: ${message}`);
      return json(status, { error: { name, message } });
    }
  }

  return { handle, providers, modelOf };
}

class BadRequest extends Error {}

/**
 * @param {unknown} name
 * @returns {name is ProviderName}
 */
function isProviderName(name) {
  return typeof name === 'string' && Object.hasOwn(MODEL_IDS, name);
}

/**
 * @param {Request} request
 * @returns {Promise<Record<string, any>>}
 */
async function readJson(request) {
  try {
    const value = await request.json();
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value;
  } catch {
    // fall through
  }
  throw new BadRequest('The body must be a JSON object.');
}

/**
 * @param {number} status
 * @param {unknown} body
 */
function json(status, body) {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

/** @param {unknown} job */
function jobOperationId(job) {
  const operation = /** @type {{ operation?: Record<string, unknown> } | undefined} */ (job)?.operation ?? {};
  // The provider's own JSON: fal `requestId`, OpenAI `videoId`, Gemini `name` …
  return String(Object.values(operation).find((value) => typeof value === 'string') ?? '?');
}
