// @ts-check
/**
 * The example's server: the page (index.html + app.tsx bundled with esbuild
 * at start-up), and `/api/video`, a `createVideoRouteHandler` route, served
 * on node:http by `@hono/node-server` (streamed responses, `request.signal`
 * aborted when the client disconnects); the videogen emulator runs in the
 * same process, so no keys and no network are needed.
 */
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createAdaptorServer } from '@hono/node-server';
import { createDownload } from '@videogen/core';
import { startEmulator } from '@videogen/emulator';
import { createFal } from '@videogen/fal';
import { createOpenAI } from '@videogen/openai';
import { createVideoRouteHandler, parseVideoRouteInput } from '@videogen/react/server';
import { build } from 'esbuild';

/** The model of each provider the page offers. */
export const MODEL_IDS = /** @type {const} */ ({ fal: 'fal-ai/veo3.1/fast', openai: 'sora-2' });

/** Emulator jobs last this long, in this many progress steps, so the bar visibly moves. */
export const EMULATOR_JOB_OPTIONS = { jobDurationMs: 5000, queueMs: 1000, progressSteps: 8 };

/** This example's port when `PORT` is not set (the web-progress example uses 3000, so both run side by side). */
export const DEFAULT_PORT = 3001;

const INDEX_HTML = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>videogen · React progress</title>
    <style>
      body { font: 16px/1.5 system-ui, sans-serif; max-width: 40rem; margin: 2rem auto; padding: 0 1rem; }
      textarea, progress { display: block; width: 100%; margin: 0.5rem 0; }
      /* The video's own size, shrunk to fit the column and the screen's height: a portrait video keeps its controls on screen. */
      video { display: block; max-width: 100%; max-height: calc(100svh - 2rem); margin: 0.5rem auto; background: #000; }
      .buttons { display: flex; gap: 0.5rem; }
      #error { color: #b00020; }
    </style>
  </head>
  <body>
    <div id="root"></div>
    <script type="module" src="/app.js"></script>
  </body>
</html>
`;

const PACKAGES_DIR = fileURLToPath(new URL('../../../packages/', import.meta.url));

/**
 * Bundles `src/app.tsx` for the browser. Inside this repository the
 * `@videogen/*` packages are taken from their sources (like the tests), so
 * the page works without building them first.
 *
 * @returns {Promise<string>}
 */
export async function bundleApp() {
  const result = await build({
    entryPoints: [fileURLToPath(new URL('./app.tsx', import.meta.url))],
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    jsx: 'automatic',
    minify: true,
    logLevel: 'silent',
    define: { 'process.env.NODE_ENV': '"production"' },
    plugins: [
      {
        name: 'videogen-workspace-sources',
        setup(builder) {
          builder.onResolve({ filter: /^@videogen\/[a-z-]+(\/[a-z-]+)?$/ }, ({ path }) => {
            const [, name, subpath] = /** @type {RegExpMatchArray} */ (
              path.match(/^@videogen\/([a-z-]+)(?:\/([a-z-]+))?$/)
            );
            const file = `${PACKAGES_DIR}${name}/src/${subpath ? `${subpath}/` : ''}index.ts`;
            return existsSync(file) ? { path: file } : undefined;
          });
        },
      },
    ],
  });
  return result.outputFiles[0].text;
}

/**
 * The app's routes as one fetch handler.
 *
 * @param {object} settings
 * @param {{ fal: string, openai: string }} settings.baseURLs Where the APIs are (the emulator's `baseURLs`).
 * @param {string} settings.appJs The bundled page script.
 * @param {import('@videogen/core').PollOptions} [settings.poll]
 * @param {boolean} [settings.allowPrivateNetwork] Let the server download from loopback (the emulator only).
 * @param {string} [settings.secret] The route's signing secret. Default: the `VIDEOGEN_ROUTE_SECRET` environment variable.
 * @param {(message: string) => void} [settings.log]
 */
export function createReactProgressApp({ baseURLs, appJs, poll, allowPrivateNetwork = false, secret, log = () => {} }) {
  const providers = {
    fal: createFal({ baseURL: baseURLs.fal, apiKey: 'emulator' }),
    openai: createOpenAI({ baseURL: baseURLs.openai, apiKey: 'emulator' }),
  };
  /** @param {unknown} name @returns {name is keyof typeof MODEL_IDS} */
  const isProvider = (name) => typeof name === 'string' && Object.hasOwn(MODEL_IDS, name);

  const videoRoute = createVideoRouteHandler({
    // The page sends { prompt, provider }: `provider` picks the model; the rest goes through the default allow-list.
    parseInput: (input) => {
      const { provider: _provider, ...rest } = /** @type {Record<string, unknown>} */ (input ?? {});
      return parseVideoRouteInput(rest);
    },
    resolveModel: ({ action, rawInput, job }) => {
      const input = /** @type {{ provider?: unknown }} */ (rawInput ?? {});
      const name = action === 'generate' ? (input.provider ?? 'fal') : job?.provider.replace(/\.video$/, '');
      if (!isProvider(name)) throw new Error(`Unknown provider ${String(name)}.`);
      // A job may only be resumed with the model that made it; the route refuses others with a 400.
      return providers[name].videoModel(action === 'generate' || !job ? MODEL_IDS[name] : job.modelId);
    },
    // The route signs the jobs it starts and acts only on those (403 for any other job).
    // A real app with accounts also passes `authorize` to check that the job belongs to the signed-in user.
    secret,
    onJobCreated: (job) => log(`job created: ${job.provider} ${JSON.stringify(job.operation).slice(0, 80)}`),
    onError: (error) => log(`error: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`),
    poll,
    download: createDownload({ allowPrivateNetwork }),
  });

  /** @param {Request} request @returns {Promise<Response>} */
  async function handle(request) {
    const { pathname } = new URL(request.url);
    if (pathname === '/api/video') return videoRoute(request);
    if (request.method === 'GET' && (pathname === '/' || pathname === '/index.html')) {
      return new Response(INDEX_HTML, {
        headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-cache' },
      });
    }
    if (request.method === 'GET' && pathname === '/app.js') {
      return new Response(appJs, {
        headers: { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'no-cache' },
      });
    }
    if (pathname === '/favicon.ico') return new Response(null, { status: 204 });
    return new Response('Not found', { status: 404 });
  }
  return { handle, providers };
}

/**
 * Starts the emulator and the example on loopback.
 *
 * @param {object} [options]
 * @param {number} [options.port] Default: {@link DEFAULT_PORT} (0 = a free port). A port in use rejects with
 *   Node's `EADDRINUSE` error (`main.js` turns it into a message).
 * @param {string} [options.host] Default: 127.0.0.1.
 * @param {import('@videogen/emulator').StartEmulatorOptions} [options.emulator] Default: {@link EMULATOR_JOB_OPTIONS}.
 * @param {string} [options.secret] The route's signing secret. Default: `VIDEOGEN_ROUTE_SECRET`, else a random one
 *   per start (then a job stored by the page cannot be resumed after the server restarts).
 * @param {(message: string) => void} [options.log]
 */
export async function startReactProgressServer({
  port = DEFAULT_PORT,
  host = '127.0.0.1',
  emulator: emulatorOptions,
  secret = process.env.VIDEOGEN_ROUTE_SECRET || randomBytes(32).toString('base64url'),
  log,
} = {}) {
  const appJs = await bundleApp();
  const emulator = await startEmulator({ host: '127.0.0.1', port: 0, ...EMULATOR_JOB_OPTIONS, ...emulatorOptions });
  const app = createReactProgressApp({
    baseURLs: emulator.baseURLs,
    appJs,
    // Statuses are cheap on loopback; against a real API keep the default (2 s).
    poll: { intervalMs: 250 },
    allowPrivateNetwork: true,
    secret,
    log,
  });
  // overrideGlobalObjects: false leaves the process's own Request / Response alone (the emulator runs here too).
  const server = /** @type {import('node:http').Server} */ (
    createAdaptorServer({ fetch: app.handle, overrideGlobalObjects: false })
  );
  try {
    await once(server.listen(port, host), 'listening');
  } catch (error) {
    await emulator.close();
    throw error;
  }
  const { port: boundPort } = /** @type {import('node:net').AddressInfo} */ (server.address());
  return {
    /** The page, e.g. `http://127.0.0.1:3001`. */
    url: `http://${host.includes(':') ? `[${host}]` : host}:${boundPort}`,
    server,
    emulator,
    async close() {
      server.closeAllConnections(); // open SSE streams too
      await new Promise((resolve) => server.close(resolve));
      await emulator.close();
    },
  };
}
