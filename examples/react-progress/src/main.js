// @ts-check
// `npm start`: the example against the in-process emulator. PORT / HOST override the address.
import { DEFAULT_PORT, startReactProgressServer } from './server.js';

const NAME = 'react-progress';
const host = process.env.HOST ?? '127.0.0.1';
const portText = process.env.PORT;
const port = portText === undefined || portText === '' ? undefined : Number(portText);
if (port !== undefined && !(Number.isInteger(port) && port >= 0 && port <= 65535)) {
  console.error(`${NAME}: PORT must be a port number (0 to 65535, 0 = a free one), not "${portText}".`);
  process.exit(1);
}

/** @param {number} listenPort */
const start = (listenPort) =>
  startReactProgressServer({
    port: listenPort,
    host,
    log: (message) => console.log(`[${NAME}] ${message}`),
  });

/** @param {unknown} error */
const codeOf = (error) => /** @type {{ code?: unknown } | undefined} */ (error)?.code;

/** @type {Awaited<ReturnType<typeof start>>} */
let server;
try {
  server = await start(port ?? DEFAULT_PORT);
} catch (error) {
  const code = codeOf(error);
  if (code === 'EADDRINUSE' && port === undefined) {
    // The default port is taken (another example, another app): any free port will do.
    console.log(
      `${NAME}: port ${DEFAULT_PORT} is in use, so the example takes a free port instead (set PORT to choose).`,
    );
    server = await start(0);
  } else if (code === 'EADDRINUSE' || code === 'EACCES' || code === 'EADDRNOTAVAIL') {
    const what = code === 'EADDRINUSE' ? 'is in use' : code === 'EACCES' ? 'is not allowed' : 'is not available';
    console.error(
      `${NAME}: ${host}:${port ?? DEFAULT_PORT} ${what}. Choose another with PORT (PORT=0 picks a free one) or HOST.`,
    );
    process.exit(1);
  } else {
    throw error;
  }
}

console.log(`videogen React example: ${server.url}`);
console.log(`emulator: ${server.emulator.url} (no keys, no network)`);
console.log('Open the URL above in a browser. Ctrl-C to stop.');

const shutdown = async () => {
  await server.close();
  process.exit(0);
};
process.once('SIGINT', shutdown);
process.once('SIGTERM', shutdown);
