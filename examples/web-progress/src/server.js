// @ts-check
/**
 * Mounts the example's fetch handler on node:http with `@hono/node-server`
 * (streamed responses, `request.signal` aborted when the client disconnects)
 * and starts the videogen emulator in the same process, so the page runs with
 * no keys and no network.
 */
import { once } from 'node:events';
import { createAdaptorServer } from '@hono/node-server';
import { startEmulator } from '@videogen/emulator';
import { createWebProgressApp } from './app.js';

/**
 * Jobs in the emulator last this long, with this many progress steps, so
 * that a person sees the progress bar move. Prompt magic changes them per job,
 * e.g. `[emulator:duration=20000]` or `[emulator:fail]`.
 */
export const EMULATOR_JOB_OPTIONS = { jobDurationMs: 6000, queueMs: 1200, progressSteps: 8 };

/** This example's port when `PORT` is not set (the React example uses 3001, so both run side by side). */
export const DEFAULT_PORT = 3000;

/**
 * Starts the emulator and the example server on loopback.
 *
 * @param {object} [options]
 * @param {number} [options.port] Port of the example. Default: {@link DEFAULT_PORT} (0 = a free one).
 *   A port in use rejects with Node's `EADDRINUSE` error (`main.js` turns it into a message).
 * @param {string} [options.host] Default: 127.0.0.1.
 * @param {import('@videogen/emulator').StartEmulatorOptions} [options.emulator] Emulator options
 *   (default: {@link EMULATOR_JOB_OPTIONS}).
 * @param {(message: string) => void} [options.log] Server log lines. Default: none.
 */
export async function startWebProgressServer({
  port = DEFAULT_PORT,
  host = '127.0.0.1',
  emulator: emulatorOptions,
  log,
} = {}) {
  const emulator = await startEmulator({ host: '127.0.0.1', port: 0, ...EMULATOR_JOB_OPTIONS, ...emulatorOptions });
  const app = createWebProgressApp({
    baseURLs: emulator.baseURLs,
    // Statuses are cheap on loopback; against a real API keep the default (2 s).
    poll: { intervalMs: 250 },
    // The emulator's "public" fal media host is on loopback.
    allowPrivateNetwork: true,
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
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${boundPort}`;
  return {
    /** The page, e.g. `http://127.0.0.1:3000`. */
    url,
    server,
    app,
    /** The running emulator (`emulator.emulator.jobs`, `.requests` …). */
    emulator,
    async close() {
      server.closeAllConnections(); // open SSE streams too
      await new Promise((resolve) => server.close(resolve));
      await emulator.close();
    },
  };
}
