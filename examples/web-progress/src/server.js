// @ts-check
/**
 * Mounts the example's fetch handler on node:http and starts the videogen
 * emulator in the same process, so the page runs with no keys and no network.
 */
import { createServer } from 'node:http';
import { startEmulator } from '@videogen/emulator';
import { createWebProgressApp } from './app.js';

/**
 * Serves a `(request: Request) => Promise<Response>` handler with node:http:
 * request bodies in, streamed response bodies out (SSE flushes per event),
 * and the request's `signal` aborted when the client disconnects.
 *
 * @param {(request: Request) => Promise<Response>} handle
 * @returns {import('node:http').Server}
 */
export function createNodeServer(handle) {
  return createServer(async (incoming, outgoing) => {
    const controller = new AbortController();
    outgoing.on('close', () => {
      if (!outgoing.writableFinished) controller.abort();
    });
    try {
      const host = incoming.headers.host ?? 'localhost';
      const method = incoming.method ?? 'GET';
      /** @type {Uint8Array<ArrayBuffer> | undefined} */
      let body;
      if (method !== 'GET' && method !== 'HEAD') {
        const chunks = [];
        for await (const chunk of incoming) chunks.push(chunk);
        body = new Uint8Array(Buffer.concat(chunks));
      }
      /** @type {[string, string][]} */
      const headers = [];
      for (const [name, value] of Object.entries(incoming.headers)) {
        if (value === undefined) continue;
        for (const item of Array.isArray(value) ? value : [value]) headers.push([name, item]);
      }
      const request = new Request(`http://${host}${incoming.url ?? '/'}`, {
        method,
        headers,
        body,
        signal: controller.signal,
      });
      const response = await handle(request);
      outgoing.writeHead(response.status, Object.fromEntries(response.headers.entries()));
      outgoing.flushHeaders();
      if (!response.body) {
        outgoing.end();
        return;
      }
      const reader = response.body.getReader();
      controller.signal.addEventListener('abort', () => void reader.cancel().catch(() => {}), { once: true });
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        if (!outgoing.write(value)) {
          await new Promise((resolve) => {
            outgoing.once('drain', resolve);
            outgoing.once('close', resolve);
          });
        }
        if (controller.signal.aborted) break;
      }
      outgoing.end();
    } catch (error) {
      if (controller.signal.aborted) return;
      if (!outgoing.headersSent) {
        outgoing.writeHead(500, { 'content-type': 'application/json' });
        outgoing.end(JSON.stringify({ error: { name: 'InternalError', message: String(error) } }));
      } else {
        outgoing.destroy();
      }
    }
  });
}

/**
 * Jobs in the emulator last this long, with this many progress steps, so
 * that a person sees the progress bar move. Prompt magic changes them per job,
 * e.g. `[emulator:duration=20000]` or `[emulator:fail]`.
 */
export const EMULATOR_JOB_OPTIONS = { jobDurationMs: 6000, queueMs: 1200, progressSteps: 8 };

/**
 * Starts the emulator and the example server on loopback.
 *
 * @param {object} [options]
 * @param {number} [options.port] Port of the example. Default: 3000 (0 = a free one).
 * @param {string} [options.host] Default: 127.0.0.1.
 * @param {import('@videogen/emulator').StartEmulatorOptions} [options.emulator] Emulator options
 *   (default: {@link EMULATOR_JOB_OPTIONS}).
 * @param {(message: string) => void} [options.log] Server log lines. Default: none.
 */
export async function startWebProgressServer({ port = 3000, host = '127.0.0.1', emulator: emulatorOptions, log } = {}) {
  const emulator = await startEmulator({ host: '127.0.0.1', port: 0, ...EMULATOR_JOB_OPTIONS, ...emulatorOptions });
  const app = createWebProgressApp({
    baseURLs: emulator.baseURLs,
    // Statuses are cheap on loopback; against a real API keep the default (2 s).
    poll: { intervalMs: 250 },
    // The emulator's "public" fal media host is on loopback.
    allowPrivateNetwork: true,
    log,
  });
  const server = createNodeServer(app.handle);
  try {
    await new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => resolve(undefined));
    });
  } catch (error) {
    await emulator.close();
    throw error;
  }
  const address = /** @type {import('node:net').AddressInfo} */ (server.address());
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${address.port}`;
  return {
    /** The page, e.g. `http://127.0.0.1:3000`. */
    url,
    server,
    app,
    /** The running emulator (`emulator.emulator.jobs`, `.requests` …). */
    emulator,
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(() => resolve(undefined)));
      await emulator.close();
    },
  };
}
