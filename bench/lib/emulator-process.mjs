// The emulator in its own process, so that its CPU and memory are never
// counted against the client being measured. Prints one JSON line
// { baseURLs, control } on stdout; the control server answers
//   GET /state?jobs=1&requests=1   jobs (id, api, createdAt, finishedAt, status) and
//                                  per-job request counts by route
//   POST /clear                    forgets the request log
import http from 'node:http';
import { startEmulator } from '@videogen/emulator';

const options = JSON.parse(process.argv[2] ?? '{}');
const server = await startEmulator({ port: 0, maxRequestLog: 5_000_000, ...options });
const { emulator } = server;

const control = http.createServer((req, res) => {
  const url = new URL(req.url, 'http://x');
  if (req.method === 'POST' && url.pathname === '/clear') {
    emulator.clearRequests();
    res.end('{}');
    return;
  }
  if (url.pathname === '/state') {
    const jobs = emulator.jobs.list().map((job) => ({
      id: job.id,
      api: job.api,
      name: job.name,
      prompt: job.prompt,
      status: job.status,
      createdAt: job.createdAt,
      finishedAt: job.finishedAt,
      durationMs: job.behavior.durationMs,
    }));
    const requests = {};
    for (const entry of emulator.requests) {
      const key = entry.jobId ?? '-';
      requests[key] ??= {};
      requests[key][entry.route ?? '?'] = (requests[key][entry.route ?? '?'] ?? 0) + 1;
    }
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ now: emulator.now(), jobs, requests }));
    return;
  }
  res.statusCode = 404;
  res.end();
});
await new Promise((resolve) => control.listen(0, '127.0.0.1', resolve));
process.stdout.write(
  `${JSON.stringify({ baseURLs: server.baseURLs, control: `http://127.0.0.1:${control.address().port}` })}\n`,
);
const stop = async () => {
  control.close();
  await server.close();
  process.exit(0);
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
process.on('disconnect', stop);
