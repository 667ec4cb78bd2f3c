// @ts-check
// `npm start`: the example against the in-process emulator. PORT / HOST override the address.
import { startReactProgressServer } from './server.js';

const server = await startReactProgressServer({
  port: process.env.PORT === undefined ? 3000 : Number(process.env.PORT),
  host: process.env.HOST ?? '127.0.0.1',
  log: (message) => console.log(`[react-progress] ${message}`),
});
console.log(`videogen React example: ${server.url}`);
console.log(`emulator: ${server.emulator.url} (no keys, no network)`);

const shutdown = async () => {
  await server.close();
  process.exit(0);
};
process.once('SIGINT', shutdown);
process.once('SIGTERM', shutdown);
