// @ts-check
// `npm start`: the example against the in-process emulator. PORT / HOST override the address.
import { startWebProgressServer } from './server.js';

const port = process.env.PORT === undefined ? 3000 : Number(process.env.PORT);
const host = process.env.HOST ?? '127.0.0.1';

const server = await startWebProgressServer({
  port,
  host,
  log: (message) => console.log(`[web-progress] ${message}`),
});

console.log(`videogen web-progress example: ${server.url}`);
console.log(`emulator: ${server.emulator.url} (fal, OpenAI, Gemini and OpenRouter APIs, no keys needed)`);
console.log('Open the URL above in a browser. Ctrl-C to stop.');

const shutdown = async () => {
  await server.close();
  process.exit(0);
};
process.once('SIGINT', shutdown);
process.once('SIGTERM', shutdown);
