// Benchmark of @videogen/bullmq: many jobs of long emulated renders through 1, 2
// and 4 worker processes on a real redis-server, by polling and by webhooks,
// with one worker SIGKILLed mid-run in the largest setting. Not part of
// `npm test` and not in run-all.mjs (it needs redis-server and minutes).
//
//   npm run build && node bench/queue.mjs
//   QUEUE_JOBS=10000 QUEUE_RENDER_MS=60000 QUEUE_WORKERS=1,2,4 QUEUE_MODES=polling,webhooks node bench/queue.mjs
//
// Writes bench/results/queue.json and prints a Markdown table (copy it into RESULTS.md).
import { execFileSync, fork, spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));

if (process.argv[2] === '--worker') {
  await runWorker(JSON.parse(process.argv[3]));
} else {
  await main();
}

/** One worker process: reports its activations, RSS and the keys it holds active. */
async function runWorker(config) {
  const { createVideoProviderRegistry } = await import('@videogen/core');
  const { createFal } = await import('@videogen/fal');
  const { createVideoWorker } = await import('@videogen/bullmq');
  let activations = 0;
  let maxRss = 0;
  const active = new Map();
  const worker = createVideoWorker({
    connection: { host: '127.0.0.1', port: config.redisPort, maxRetriesPerRequest: null },
    prefix: config.prefix,
    registry: createVideoProviderRegistry({ fal: createFal({ baseURL: config.fal, apiKey: 'bench' }) }),
    providers: ['fal'],
    concurrency: config.concurrency,
    poll: { intervalMs: config.intervalMs },
    webhookBaseUrl: config.webhookBaseUrl,
    workerOptions: { lockDuration: 5000, stalledInterval: 2000 },
  });
  for (const bullWorker of worker.workers) {
    bullWorker.on('active', (job) => {
      activations++;
      active.set(job.id, job.data.key);
    });
    for (const event of ['completed', 'failed']) bullWorker.on(event, (job) => active.delete(job?.id));
  }
  const timer = setInterval(() => {
    maxRss = Math.max(maxRss, process.memoryUsage().rss);
    // Delayed (parked) activations end with neither event: prune what BullMQ no longer runs.
    process.send?.({ type: 'stats', activations, maxRss, active: [...new Set(active.values())] });
    active.clear();
  }, 200);
  process.on('SIGTERM', async () => {
    clearInterval(timer);
    await worker.close();
    process.exit(0);
  });
  await worker.waitUntilReady();
  process.send?.({ type: 'ready' });
}

async function main() {
  const jobsPerRun = Number(process.env.QUEUE_JOBS ?? 10_000);
  const renderMs = Number(process.env.QUEUE_RENDER_MS ?? 60_000);
  const workerCounts = (process.env.QUEUE_WORKERS ?? '1,2,4').split(',').map(Number);
  const modes = (process.env.QUEUE_MODES ?? 'polling,webhooks').split(',');
  const intervalMs = Number(process.env.QUEUE_INTERVAL_MS ?? 5000);
  const concurrency = Number(process.env.QUEUE_CONCURRENCY ?? 50);

  const redis = await startRedis();
  const { createVideoQueue, createVideoWebhookHandler } = await import('@videogen/bullmq');
  const { createFalWebhookToJob, createFalWebhookVerifier } = await import('@videogen/fal');
  const { Redis } = await import('ioredis');
  const results = [];
  try {
    for (const mode of modes) {
      for (const workers of workerCounts) {
        const emulator = await startEmulator({ jobDurationMs: renderMs, queueMs: 500 });
        const prefix = `bench-${mode}-${workers}`;
        const connection = { host: '127.0.0.1', port: redis.port, maxRetriesPerRequest: null };
        let webhook;
        if (mode === 'webhooks') {
          const verifier = createFalWebhookVerifier({ publicKeys: emulator.jwks.keys, userId: emulator.userId });
          const handler = createVideoWebhookHandler({
            connection,
            prefix,
            providers: { fal: { webhookToJob: createFalWebhookToJob({ verifier }) } },
          });
          webhook = await serve(handler);
        }
        const result = await runOnce({
          mode,
          workers,
          jobsPerRun,
          renderMs,
          intervalMs,
          concurrency,
          prefix,
          redis,
          emulator,
          webhook,
          createVideoQueue,
          Redis,
          kill: workers === Math.max(...workerCounts) && workers > 1,
        });
        results.push(result);
        console.log(JSON.stringify(result));
        await webhook?.close();
        await emulator.stop();
        const client = new Redis({ host: '127.0.0.1', port: redis.port });
        await client.flushall();
        client.disconnect();
      }
    }
  } finally {
    await redis.stop();
  }
  mkdirSync(`${here}results`, { recursive: true });
  const machine = {
    cpus: os.cpus().length,
    cpu: os.cpus()[0]?.model,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
  };
  writeFileSync(`${here}results/queue.json`, `${JSON.stringify({ machine, results }, null, 2)}\n`);
  console.log(table(results));
}

async function runOnce(options) {
  const {
    mode,
    workers,
    jobsPerRun,
    renderMs,
    intervalMs,
    concurrency,
    prefix,
    redis,
    emulator,
    webhook,
    createVideoQueue,
    Redis,
  } = options;
  const client = new Redis({ host: '127.0.0.1', port: redis.port });
  const baselineMemory = await usedMemory(client);
  const children = await Promise.all(
    Array.from({ length: workers }, () =>
      startWorker({
        redisPort: redis.port,
        prefix,
        fal: emulator.fal,
        concurrency,
        intervalMs,
        webhookBaseUrl: webhook ? `${webhook.url}/webhook` : undefined,
      }),
    ),
  );
  const queue = createVideoQueue({
    connection: { host: '127.0.0.1', port: redis.port, maxRetriesPerRequest: null },
    prefix,
  });
  const started = Date.now();
  const keys = Array.from({ length: jobsPerRun }, (_, index) => `job-${index}`);
  for (let index = 0; index < keys.length; index += 500) {
    await Promise.all(
      keys
        .slice(index, index + 500)
        .map((key) => queue.add({ key, model: 'fal:bench/render', prompt: `bench [key=${key}]` })),
    );
  }
  const addedMs = Date.now() - started;

  let maxInFlight = 0;
  let memoryAtPeak = baselineMemory;
  let killed;
  let recoveryMs;
  for (;;) {
    await sleep(1000);
    const counts = await stateCounts(client, prefix);
    const inFlight = counts.pending + counts.submitting + counts['in-doubt'];
    if (inFlight > maxInFlight) {
      maxInFlight = inFlight;
      memoryAtPeak = await usedMemory(client);
    }
    if (options.kill && !killed && Date.now() - started > addedMs + renderMs / 2 && counts.pending > 0) {
      // Mid-run: SIGKILL the first worker while it holds activations.
      const victim = children[0];
      const held = victim.lastActive;
      victim.child.kill('SIGKILL');
      killed = { at: Date.now(), held };
    }
    if (counts.completed + counts.failed + counts.cancelled >= jobsPerRun) break;
    if (Date.now() - started > renderMs * 20 + 600_000) throw new Error('the run did not finish');
  }
  const wallMs = Date.now() - started;

  const requests = await (await fetch(`${emulator.control}/requests`)).json();
  const providerJobs = await (await fetch(`${emulator.control}/jobs`)).json();
  const jobIdByKey = new Map(providerJobs.map((job) => [/\[key=(.+)\]/.exec(job.prompt)?.[1], job.id]));
  const perKey = new Map();
  for (const job of providerJobs) {
    const key = /\[key=(.+)\]/.exec(job.prompt)?.[1];
    perKey.set(key, (perKey.get(key) ?? 0) + 1);
  }
  const duplicates = [...perKey.values()].filter((count) => count > 1).length;
  const statusTimes = new Map();
  let statusRequests = 0;
  for (const [time, route, jobId] of requests) {
    if (route !== 'status' && route !== 'result') continue;
    if (route === 'status') statusRequests++;
    if (route !== 'status' || !jobId) continue;
    if (!statusTimes.has(jobId)) statusTimes.set(jobId, []);
    statusTimes.get(jobId).push(time);
  }
  // Lateness: how much later than due each status check came (due = previous check + interval).
  const lateness = [];
  if (mode === 'polling') {
    for (const times of statusTimes.values()) {
      for (let index = 1; index < times.length; index++)
        lateness.push(Math.max(0, times[index] - times[index - 1] - intervalMs));
    }
  }
  lateness.sort((a, b) => a - b);
  if (killed) {
    const after = killed.held.map((key) =>
      (statusTimes.get(jobIdByKey.get(key)) ?? []).find((time) => time > killed.at),
    );
    const seen = after.filter((time) => time !== undefined);
    recoveryMs = seen.length > 0 ? Math.max(...seen) - killed.at : undefined;
  }
  const maxRss = Math.max(...children.map((child) => child.maxRss));
  const activations = children.reduce((sum, child) => sum + child.activations, 0);
  for (const child of children) {
    if (child.child.exitCode === null && child.child.signalCode === null) child.child.kill('SIGTERM');
    await child.exited;
  }
  await queue.close();
  client.disconnect();
  return {
    mode,
    workers,
    jobs: jobsPerRun,
    renderMs,
    wallMs,
    addedMs,
    maxInFlight,
    activationsPerSecond: Math.round((activations / wallMs) * 1000),
    statusRequestsPerJob: Number((statusRequests / jobsPerRun).toFixed(2)),
    pollLatenessP50Ms: percentile(lateness, 0.5),
    pollLatenessP99Ms: percentile(lateness, 0.99),
    redisBytesPerWaitingJob: maxInFlight > 0 ? Math.round((memoryAtPeak - baselineMemory) / maxInFlight) : undefined,
    workerMaxRssMiB: Math.round(maxRss / 2 ** 20),
    killedWorker: killed ? { heldActivations: killed.held.length, recoveryMs } : undefined,
    duplicateSubmissions: duplicates,
    completed: (await stateCountsAfter(redis.port, prefix, Redis)).completed,
  };
}

async function stateCounts(client, prefix) {
  const counts = { queued: 0, submitting: 0, pending: 0, completed: 0, failed: 0, cancelled: 0, 'in-doubt': 0 };
  let cursor = '0';
  do {
    const [next, keys] = await client.scan(cursor, 'MATCH', `${prefix}:video:*`, 'COUNT', 1000);
    cursor = next;
    if (keys.length > 0) {
      const pipeline = client.pipeline();
      for (const key of keys) pipeline.hget(key, 'state');
      for (const [, state] of await pipeline.exec()) counts[state] = (counts[state] ?? 0) + 1;
    }
  } while (cursor !== '0');
  return counts;
}

async function stateCountsAfter(port, prefix, Redis) {
  const client = new Redis({ host: '127.0.0.1', port });
  const counts = await stateCounts(client, prefix);
  client.disconnect();
  return counts;
}

async function usedMemory(client) {
  const info = await client.info('memory');
  return Number(/used_memory:(\d+)/.exec(info)[1]);
}

function percentile(sorted, p) {
  if (sorted.length === 0) return undefined;
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))];
}

function table(results) {
  const rows = [
    '| mode | workers | jobs | render | wall | max in flight | activations/s | status req/job | poll lateness p50 / p99 | Redis / waiting job | worker RSS | SIGKILL recovery | duplicates |',
    '| --- | --: | --: | --: | --: | --: | --: | --: | --: | --: | --: | --: | --: |',
  ];
  for (const r of results) {
    rows.push(
      `| ${r.mode} | ${r.workers} | ${r.jobs} | ${r.renderMs / 1000} s | ${(r.wallMs / 1000).toFixed(0)} s | ${r.maxInFlight} | ${r.activationsPerSecond} | ${r.statusRequestsPerJob} | ${r.pollLatenessP50Ms ?? '–'} / ${r.pollLatenessP99Ms ?? '–'} ms | ${r.redisBytesPerWaitingJob ?? '–'} B | ${r.workerMaxRssMiB} MiB | ${r.killedWorker ? `${r.killedWorker.recoveryMs ?? '–'} ms (${r.killedWorker.heldActivations} held)` : '–'} | ${r.duplicateSubmissions} |`,
    );
  }
  return rows.join('\n');
}

async function startRedis() {
  try {
    execFileSync('redis-server', ['--version'], { stdio: 'ignore' });
  } catch {
    throw new Error('redis-server is not installed: run `bash scripts/install-redis.sh`.');
  }
  const port = await freePort();
  const child = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    {
      stdio: 'ignore',
    },
  );
  for (let attempt = 0; attempt < 200; attempt++) {
    if (await canConnect(port)) break;
    await sleep(25);
  }
  return {
    port,
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', resolve);
        process.kill(child.pid, 'SIGTERM');
      }),
  };
}

async function startEmulator(options) {
  const child = spawn(process.execPath, [`${here}queue-emulator.mjs`, JSON.stringify(options)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const line = await new Promise((resolve) => {
    let buffer = '';
    child.stdout.on('data', (chunk) => {
      buffer += chunk;
      if (buffer.includes('\n')) resolve(buffer.slice(0, buffer.indexOf('\n')));
    });
  });
  return {
    ...JSON.parse(line),
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', resolve);
        child.kill('SIGTERM');
      }),
  };
}

async function startWorker(config) {
  const child = fork(fileURLToPath(import.meta.url), ['--worker', JSON.stringify(config)], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const handle = {
    child,
    activations: 0,
    maxRss: 0,
    lastActive: [],
    exited: new Promise((resolve) => child.once('exit', resolve)),
  };
  await new Promise((resolve) => {
    child.on('message', (message) => {
      if (message.type === 'ready') resolve();
      if (message.type === 'stats') {
        handle.activations = message.activations;
        handle.maxRss = message.maxRss;
        handle.lastActive = message.active;
      }
    });
  });
  return handle;
}

async function serve(handler) {
  const server = http.createServer(async (incoming, outgoing) => {
    const chunks = [];
    for await (const chunk of incoming) chunks.push(chunk);
    const headers = new Headers();
    for (const [name, value] of Object.entries(incoming.headers))
      if (typeof value === 'string') headers.set(name, value);
    const response = await handler.handle(
      new Request(`http://127.0.0.1${incoming.url}`, { method: 'POST', headers, body: Buffer.concat(chunks) }),
    );
    outgoing.writeHead(response.status);
    outgoing.end(await response.text());
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await handler.close();
    },
  };
}

function freePort() {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function canConnect(port) {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
