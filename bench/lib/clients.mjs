import { pathToFileURL } from 'node:url';
// How each library is pointed at the emulator. Every library gets the same
// emulator, the same model, the same prompt magic.
export const FAL_ENDPOINT = 'fal-ai/luma-dream-machine'; // not in the emulator's validated list: accepted as-is
export const GOOGLE_MODEL = 'veo-3.1-fast-generate-preview';
export const API_KEY = 'bench-key';

/**
 * videogen, configured with base URLs. With `root`, the packages built in
 * another checkout (`<root>/packages/<name>/dist`), e.g. main's code for a
 * before/after comparison within one run (`BENCH_BEFORE_ROOT`).
 */
export async function videogen(baseURLs, root) {
  const load = (name) =>
    root ? import(pathToFileURL(`${root}/packages/${name}/dist/index.js`).href) : import(`@videogen/${name}`);
  const core = await load('core');
  const { createFal } = await load('fal');
  const { createGoogle } = await load('google');
  const fal = createFal({ apiKey: API_KEY, baseURL: baseURLs.fal });
  const google = createGoogle({ apiKey: API_KEY, baseURL: baseURLs.google });
  return {
    core,
    download: core.createDownload({ allowPrivateNetwork: true }),
    model: (provider) => (provider === 'fal' ? fal.video(FAL_ENDPOINT) : google.video(GOOGLE_MODEL)),
  };
}

/**
 * Rewrites fal's fixed queue host (`https://queue.fal.run`, hard-coded in
 * @ai-sdk/fal and @fal-ai/client) to the emulator. The emulator answers with
 * absolute status/response URLs on its own host; @ai-sdk/fal sends the key
 * only to the origin it submitted to (queue.fal.run), which in production is
 * the same origin as those URLs, so the key is added back for the emulator's
 * queue mount: what the library would send against the real fal.
 */
export function falRewriteFetch(baseURLs, { onResponse } = {}) {
  return async (input, init = {}) => {
    let url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    if (url.startsWith('https://queue.fal.run')) url = baseURLs.fal + url.slice('https://queue.fal.run'.length);
    const headers = new Headers(init.headers ?? (input instanceof Request ? input.headers : undefined));
    if (url.startsWith(baseURLs.fal) && !headers.has('authorization')) headers.set('authorization', `Key ${API_KEY}`);
    const request =
      input instanceof Request
        ? new Request(url, {
            method: input.method,
            body: input.body,
            duplex: 'half',
            signal: input.signal,
            ...init,
            headers,
          })
        : undefined;
    const response = request ? await fetch(request) : await fetch(url, { ...init, headers });
    onResponse?.(url, init.method ?? request?.method ?? 'GET', response);
    return response;
  };
}

/**
 * The Vercel AI SDK's own download (fetch, then readResponseWithSizeLimit:
 * the whole video in memory), minus its SSRF check that refuses loopback.
 */
export async function vercelDownload() {
  const { readResponseWithSizeLimit, DEFAULT_MAX_DOWNLOAD_SIZE } = await import('@ai-sdk/provider-utils');
  return async ({ url, abortSignal }) => {
    const response = await fetch(url, { signal: abortSignal });
    if (!response.ok) throw new Error(`download failed: ${response.status}`);
    const data = await readResponseWithSizeLimit({
      response,
      url: url.toString(),
      maxBytes: DEFAULT_MAX_DOWNLOAD_SIZE,
    });
    return { data, mediaType: response.headers.get('content-type') ?? undefined };
  };
}

/** The Vercel AI SDK (`ai` + `@ai-sdk/fal` / `@ai-sdk/google`). */
export async function vercel(baseURLs, { onResponse } = {}) {
  const ai = await import('ai');
  const { createFal } = await import('@ai-sdk/fal');
  const { createGoogleGenerativeAI } = await import('@ai-sdk/google');
  const fal = createFal({ apiKey: API_KEY, fetch: falRewriteFetch(baseURLs, { onResponse }) });
  const googleFetch = async (input, init) => {
    const response = await fetch(input, init);
    onResponse?.(typeof input === 'string' ? input : (input.url ?? String(input)), init?.method ?? 'GET', response);
    return response;
  };
  const google = createGoogleGenerativeAI({ apiKey: API_KEY, baseURL: baseURLs.google, fetch: googleFetch });
  return {
    generateVideo: ai.experimental_generateVideo,
    download: await vercelDownload(),
    model: (provider) =>
      provider === 'fal' ? fal.video(FAL_ENDPOINT.replace(/^fal-ai\//, '')) : google.video(GOOGLE_MODEL),
  };
}

/** TanStack AI, from its isolated install (see peers/tanstack). */
export async function tanstack(baseURLs) {
  const module = await import('../peers/tanstack/clients.mjs');
  return module.tanstack(baseURLs, falRewriteFetch(baseURLs), API_KEY, { FAL_ENDPOINT, GOOGLE_MODEL });
}
