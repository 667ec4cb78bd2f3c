// The emulator in its own process for the queue benchmark (bench/queue.mjs).
// Prints one JSON line { fal, jwks, userId, control } on stdout; the control
// server answers GET /jobs (id, prompt, status), GET /requests (time, route,
// jobId, status of every request) and POST /clear.
import http from 'node:http';
import { startEmulator } from '@videogen/emulator';

const options = JSON.parse(process.argv[2] ?? '{}');
const server = await startEmulator({ port: 0, maxRequestLog: 5_000_000, ...options });
const { emulator } = server;

const control = http.createServer((req, res) => {
  const url = new URL(req.url, 'http://x');
  res.setHeader('content-type', 'application/json');
  if (req.method === 'POST' && url.pathname === '/clear') {
    emulator.clearRequests();
    res.end('{}');
  } else if (url.pathname === '/jobs') {
    res.end(
      JSON.stringify(emulator.jobs.list({ api: 'fal' }).map(({ id, prompt, status }) => ({ id, prompt, status }))),
    );
  } else if (url.pathname === '/requests') {
    res.end(
      JSON.stringify(emulator.requests.map(({ time, route, jobId, status }) => [time, route, jobId ?? null, status])),
    );
  } else {
    res.statusCode = 404;
    res.end('{}');
  }
});
await new Promise((resolve) => control.listen(0, '127.0.0.1', resolve));
process.stdout.write(
  `${JSON.stringify({
    fal: server.baseURLs.fal,
    jwks: emulator.webhookKeys.fal.jwks,
    userId: emulator.webhookKeys.fal.userId,
    control: `http://127.0.0.1:${control.address().port}`,
  })}\n`,
);
const stop = async () => {
  control.close();
  await server.close();
  process.exit(0);
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
