import { createVideoProviderRegistry } from '@videogen/core';
import { createFal, createFalWebhookToJob, createFalWebhookVerifier, getFalWebhookJob } from '@videogen/fal';
import {
  InvalidArgumentError,
  NoSuchModelError,
  VideoJobFailedError,
  VideoJobTimeoutError,
  type VideoModelV3,
} from '@videogen/provider-spec';
import { Queue } from 'bullmq';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  createVideoQueue,
  createVideoWebhookHandler,
  createVideoWorker,
  submitQueueName,
  statusQueueName,
  type VideoQueue,
  type VideoWebhookToJob,
  type VideoWorker,
  type VideoWorkerEvent,
  VideoJobInDoubtError,
} from '../src/index';
import {
  buildChild,
  type EmulatorProcess,
  startEmulatorProcess,
  startHttpServer,
  startRedis,
  startWorkerProcess,
  waitFor,
  waitForState,
  type WorkerProcess,
} from './harness';

const MODEL = 'fal:test-owner/test-video' as const;

// Real processes and real time: generous limits for a loaded CI machine (the waits end on events).
vi.setConfig({ testTimeout: 60_000 });

let redis: Awaited<ReturnType<typeof startRedis>>;
let emulator: EmulatorProcess;
let workerScript: string;
let connection: { host: string; port: number; maxRetriesPerRequest: null };
const cleanups: Array<() => Promise<unknown>> = [];

beforeAll(async () => {
  redis = await startRedis();
  connection = { host: '127.0.0.1', port: redis.port, maxRetriesPerRequest: null };
  const [emulatorScript, worker] = await Promise.all([buildChild('emulator-process'), buildChild('worker-process')]);
  workerScript = worker;
  emulator = await startEmulatorProcess(emulatorScript);
}, 60_000);

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

afterAll(async () => {
  await emulator?.stop();
  await redis?.stop();
});

let prefixCount = 0;
/** A fresh key space per test. */
const newPrefix = () => `t${++prefixCount}`;

const registry = () => createVideoProviderRegistry({ fal: createFal({ baseURL: emulator.fal, apiKey: 'test-key' }) });

/** The prompt names the key, so that the emulator's jobs can be counted per key. */
const promptOf = (key: string, magic = '') => `a lighthouse at dusk [key=${key}] ${magic}`.trim();

async function paidJobsPerKey(keys: string[]): Promise<Record<string, number>> {
  const jobs = await emulator.jobs();
  return Object.fromEntries(
    keys.map((key) => [key, jobs.filter((job) => job.prompt?.includes(`[key=${key}]`)).length]),
  );
}

function openQueue(prefix: string): VideoQueue {
  const queue = createVideoQueue({ connection, prefix, registry: registry() });
  cleanups.push(() => queue.close());
  return queue;
}

function startWorker(
  prefix: string,
  options: Partial<Parameters<typeof createVideoWorker>[0]> = {},
): { worker: VideoWorker; events: VideoWorkerEvent[] } {
  const events: VideoWorkerEvent[] = [];
  const worker = createVideoWorker({
    connection,
    prefix,
    registry: registry(),
    providers: ['fal'],
    concurrency: 5,
    poll: { intervalMs: 150 },
    workerOptions: { lockDuration: 1000, stalledInterval: 500 },
    onEvent: (event) => events.push(event),
    ...options,
  });
  cleanups.push(() => worker.close());
  return { worker, events };
}

const everyState = async (queue: VideoQueue, keys: string[], states: string[]) => {
  const statuses = await Promise.all(keys.map((key) => queue.get(key)));
  return statuses.every((status) => status && states.includes(status.state)) ? statuses : undefined;
};

describe('add', () => {
  it('rejects bad input with a typed error before anything is queued', async () => {
    const prefix = newPrefix();
    const queue = openQueue(prefix);
    const before = (await emulator.jobs()).length;
    const bad: Array<[Record<string, unknown>, string]> = [
      [{ model: MODEL, prompt: 'x' }, 'key'],
      [{ key: '', model: MODEL, prompt: 'x' }, 'key'],
      [{ key: 'a', model: 'no-provider', prompt: 'x' }, 'model'],
      [{ key: 'a', model: MODEL }, 'prompt'],
      [{ key: 'a', model: MODEL, prompt: 'x', duration: -4 }, 'duration'],
      [{ key: 'a', model: MODEL, prompt: 'x', n: 0 }, 'n'],
      [{ key: 'a', model: MODEL, prompt: 'x', seed: 1.5 }, 'seed'],
      [{ key: 'a', model: MODEL, prompt: 'x', image: new Uint8Array([1, 2]) }, 'image'],
      [{ key: 'a', model: MODEL, prompt: 'x', headers: { authorization: 'k' } }, 'headers'],
      [{ key: 'a', model: MODEL, prompt: 'x', poll: { timeoutMs: 0 } }, 'poll.timeoutMs'],
      [{ key: 'a', model: MODEL, prompt: 'x'.repeat(300_000) }, 'input'],
    ];
    for (const [options, argument] of bad) {
      const error = await queue.add(options as never).catch((caught: unknown) => caught);
      expect(InvalidArgumentError.isInstance(error), `${argument}: ${String(error)}`).toBe(true);
      expect(error).toMatchObject({ argument });
    }
    await expect(queue.add({ key: 'a', model: 'nope:some-model', prompt: 'x' })).rejects.toSatisfy((error) =>
      NoSuchModelError.isInstance(error),
    );
    // Nothing in Redis under the prefix, no BullMQ job, no request to the provider.
    expect(await queue.get('a')).toBeUndefined();
    const bull = new Queue(submitQueueName('fal'), { connection, prefix });
    cleanups.push(() => bull.close());
    expect(await bull.getJobCounts()).toMatchObject({ waiting: 0, delayed: 0, active: 0 });
    expect((await emulator.jobs()).length).toBe(before);
  });

  it('enqueues one job per key, however often it is added', async () => {
    const prefix = newPrefix();
    const queue = openQueue(prefix);
    const first = await queue.add({ key: 'same', model: MODEL, prompt: promptOf(`${prefix}-same`) });
    const second = await queue.add({ key: 'same', model: MODEL, prompt: 'another prompt' });
    expect(first).toMatchObject({ created: true, status: { key: 'same', state: 'queued', model: MODEL } });
    expect(second).toMatchObject({ created: false, status: { key: 'same', state: 'queued' } });
    const bull = new Queue(submitQueueName('fal'), { connection, prefix });
    cleanups.push(() => bull.close());
    expect(await bull.getJobCounts()).toMatchObject({ waiting: 1 });

    startWorker(prefix);
    const done = await waitForState(queue, 'same', 'completed');
    expect(done).toMatchObject({
      state: 'completed',
      job: { provider: 'fal.video', modelId: 'test-owner/test-video' },
      videos: [{ url: expect.stringMatching(/^http/), mediaType: 'video/mp4' }],
    });
    expect(await paidJobsPerKey([`${prefix}-same`])).toStrictEqual({ [`${prefix}-same`]: 1 });
    // Added again after completion: still the one job.
    expect(await queue.add({ key: 'same', model: MODEL, prompt: 'x' })).toMatchObject({
      created: false,
      status: { state: 'completed' },
    });
  });
});

/** Verifies fal deliveries with the emulator's keys and turns them into their job (`@videogen/fal`'s helper). */
function falWebhookToJob(): VideoWebhookToJob {
  return createFalWebhookToJob({
    verifier: createFalWebhookVerifier({ publicKeys: emulator.jwks.keys, userId: emulator.userId }),
  });
}

async function startWebhookRoute(prefix: string): Promise<string> {
  const handler = createVideoWebhookHandler({
    connection,
    prefix,
    providers: { fal: { webhookToJob: falWebhookToJob() } },
  });
  const server = await startHttpServer((request) => handler.handle(request));
  cleanups.push(
    () => handler.close(),
    () => server.close(),
  );
  return `${server.url}/webhooks/video`;
}

async function spawnWorker(config: Record<string, unknown>): Promise<WorkerProcess> {
  const worker = await startWorkerProcess(workerScript, {
    redisPort: redis.port,
    falBaseURL: emulator.fal,
    poll: { intervalMs: 150 },
    workerOptions: { lockDuration: 1000, stalledInterval: 500 },
    ...config,
  });
  cleanups.push(async () => {
    if (worker.child.exitCode === null && worker.child.signalCode === null) worker.child.kill('SIGKILL');
    await worker.exited;
  });
  return worker;
}

describe('provider outcomes', () => {
  it('records a provider failure as a typed VideoJobFailedError with the job', async () => {
    const prefix = newPrefix();
    const queue = openQueue(prefix);
    startWorker(prefix);
    await queue.add({ key: 'fails', model: MODEL, prompt: promptOf(`${prefix}-fails`, '[emulator:fail]') });
    const status = await waitForState(queue, 'fails', 'failed');
    expect(VideoJobFailedError.isInstance(status.error)).toBe(true);
    expect(status).toMatchObject({ job: { provider: 'fal.video' }, error: { job: { provider: 'fal.video' } } });
  });

  it('fails a job that outlives its timeout with a VideoJobTimeoutError carrying the job', async () => {
    const prefix = newPrefix();
    const queue = openQueue(prefix);
    startWorker(prefix);
    await queue.add({
      key: 'stuck',
      model: MODEL,
      prompt: promptOf(`${prefix}-stuck`, '[emulator:stuck]'),
      poll: { timeoutMs: 600 },
    });
    const status = await waitForState(queue, 'stuck', 'failed');
    expect(VideoJobTimeoutError.isInstance(status.error)).toBe(true);
    expect(status.error).toMatchObject({ timeoutMs: 600, job: { provider: 'fal.video' } });
    expect(await paidJobsPerKey([`${prefix}-stuck`])).toStrictEqual({ [`${prefix}-stuck`]: 1 });
  });
});

describe('cancel', () => {
  it('cancels a queued job without sending anything', async () => {
    const prefix = newPrefix();
    const queue = openQueue(prefix);
    await queue.add({ key: 'early', model: MODEL, prompt: promptOf(`${prefix}-early`) });
    expect(await queue.cancel('early')).toMatchObject({ state: 'cancelled' });
    const bull = new Queue(submitQueueName('fal'), { connection, prefix });
    cleanups.push(() => bull.close());
    expect(await bull.getJobCounts()).toMatchObject({ waiting: 0, delayed: 0, active: 0 });
    expect(await paidJobsPerKey([`${prefix}-early`])).toStrictEqual({ [`${prefix}-early`]: 0 });
  });

  it('cancels a running job at the provider', async () => {
    const prefix = newPrefix();
    const queue = openQueue(prefix);
    startWorker(prefix, { poll: { intervalMs: 10_000 } });
    await queue.add({ key: 'long', model: MODEL, prompt: promptOf(`${prefix}-long`, '[emulator:duration=60000]') });
    await waitFor(async () => (await queue.get('long'))?.state === 'pending', 'pending');
    expect(await queue.cancel('long')).toMatchObject({ cancelRequested: true });
    // The parked check is woken at once (its next poll would be 10 s away).
    await waitFor(async () => (await queue.get('long'))?.state === 'cancelled', 'cancelled');
    const [job] = (await emulator.jobs()).filter((candidate) => candidate.prompt?.includes(`[key=${prefix}-long]`));
    expect(job.status).toBe('cancelled');
  });
});

describe('never twice, never lost', () => {
  it('leaves a job killed between "sent" and "stored" in doubt, then adopts it from the webhook', async () => {
    const prefix = newPrefix();
    const queue = openQueue(prefix);
    const webhookBaseUrl = await startWebhookRoute(prefix);
    const poll = { intervalMs: 150, webhookFallbackIntervalMs: 500 };
    const victim = await spawnWorker({ prefix, webhookBaseUrl, poll, killAfterSubmitOf: 'doubt' });
    await queue.add({ key: 'doubt', model: MODEL, prompt: promptOf(`${prefix}-doubt`, '[emulator:duration=4000]') });
    expect(await victim.exited).toMatchObject({ signal: 'SIGKILL' });
    // The provider accepted (and charges for) the job; Redis only knows a claimed submission.
    expect(await paidJobsPerKey([`${prefix}-doubt`])).toStrictEqual({ [`${prefix}-doubt`]: 1 });
    expect(await queue.get('doubt')).toMatchObject({ state: 'submitting' });

    const { events } = startWorker(prefix, { webhookBaseUrl, poll });
    const inDoubt = await waitForState(queue, 'doubt', 'in-doubt');
    expect(inDoubt.inDoubtSince).toBeGreaterThan(0);
    const done = await waitForState(queue, 'doubt', 'completed');
    const [providerJob] = (await emulator.jobs()).filter((job) => job.prompt?.includes(`[key=${prefix}-doubt]`));
    expect(done.job.operation).toStrictEqual({ requestId: providerJob.id, endpointId: 'test-owner/test-video' });
    expect(events.filter((event) => event.type === 'submitted')).toStrictEqual([]);
    expect(await paidJobsPerKey([`${prefix}-doubt`])).toStrictEqual({ [`${prefix}-doubt`]: 1 });
  });

  it('fails an in-doubt job that no webhook names with a VideoJobInDoubtError, without resubmitting it', async () => {
    const prefix = newPrefix();
    const queue = openQueue(prefix);
    const victim = await spawnWorker({ prefix, killAfterSubmitOf: 'lost-answer' });
    await queue.add({ key: 'lost-answer', model: MODEL, prompt: promptOf(`${prefix}-lost-answer`) });
    expect(await victim.exited).toMatchObject({ signal: 'SIGKILL' });
    startWorker(prefix, { inDoubtTimeoutMs: 800 });
    const status = await waitForState(queue, 'lost-answer', 'failed');
    expect(VideoJobInDoubtError.isInstance(status.error)).toBe(true);
    expect(status.error).toMatchObject({ key: 'lost-answer' });
    expect(await paidJobsPerKey([`${prefix}-lost-answer`])).toStrictEqual({ [`${prefix}-lost-answer`]: 1 });
  });

  it('runs many jobs through 4 worker processes, one SIGKILLed mid-run: all complete, one paid job per key', async () => {
    const prefix = newPrefix();
    const queue = openQueue(prefix);
    const workers = await Promise.all([0, 1, 2, 3].map(() => spawnWorker({ prefix, concurrency: 4 })));
    const keys = Array.from({ length: 40 }, (_, index) => `batch-${index}`);
    for (const key of keys) {
      await queue.add({ key, model: MODEL, prompt: promptOf(`${prefix}-${key}`, '[emulator:duration=2500]') });
    }
    // Mid-run: every job submitted, the renders still running, the workers polling.
    await waitFor(() => everyState(queue, keys, ['pending', 'completed']), 'all submitted');
    expect((await Promise.all(keys.map((key) => queue.get(key)))).some((status) => status?.state === 'pending')).toBe(
      true,
    );
    workers[0].child.kill('SIGKILL');
    expect(await workers[0].exited).toMatchObject({ signal: 'SIGKILL' });
    expect(workers[0].events.length).toBeGreaterThan(0);

    const statuses = await waitFor(() => everyState(queue, keys, ['completed', 'failed']), 'all done', 45_000);
    expect(statuses.map((status) => status?.state)).toStrictEqual(keys.map(() => 'completed'));
    const paid = await paidJobsPerKey(keys.map((key) => `${prefix}-${key}`));
    expect(Object.values(paid)).toStrictEqual(keys.map(() => 1));
  });

  it('closes gracefully on SIGTERM, leaving the jobs parked for the next worker', async () => {
    const prefix = newPrefix();
    const queue = openQueue(prefix);
    const first = await spawnWorker({ prefix });
    const keys = Array.from({ length: 8 }, (_, index) => `graceful-${index}`);
    for (const key of keys) {
      await queue.add({ key, model: MODEL, prompt: promptOf(`${prefix}-${key}`, '[emulator:duration=3000]') });
    }
    await waitFor(() => everyState(queue, keys, ['pending']), 'all pending');
    first.child.kill('SIGTERM');
    expect(await first.exited).toMatchObject({ code: 0 });
    const status = new Queue(statusQueueName('fal'), { connection, prefix });
    cleanups.push(() => status.close());
    const counts = await status.getJobCounts();
    expect(counts.active).toBe(0);
    expect(counts.delayed + counts.waiting).toBe(keys.length);

    startWorker(prefix);
    await waitFor(() => everyState(queue, keys, ['completed']), 'all completed');
    const paid = await paidJobsPerKey(keys.map((key) => `${prefix}-${key}`));
    expect(Object.values(paid)).toStrictEqual(keys.map(() => 1));
  });
});

describe('rate limits', () => {
  it('429s on submit pause every worker of the provider and lose nothing', async () => {
    const prefix = newPrefix();
    const queue = openQueue(prefix);
    const requestsBefore = (await emulator.request<unknown[]>({ type: 'requests' })).length;
    await emulator.request({
      type: 'fault',
      options: { api: 'fal', route: 'submit', fault: { type: 'rate-limit', retryAfterSeconds: 1 }, times: 2 },
    });
    // Two workers, one activation each: both first submissions get the 429.
    const first = startWorker(prefix, { concurrency: 1 });
    const second = startWorker(prefix, { concurrency: 1 });
    const keys = Array.from({ length: 4 }, (_, index) => `limited-${index}`);
    for (const key of keys) await queue.add({ key, model: MODEL, prompt: promptOf(`${prefix}-${key}`) });
    await waitFor(() => everyState(queue, keys, ['completed']), 'all completed');

    const paid = await paidJobsPerKey(keys.map((key) => `${prefix}-${key}`));
    expect(Object.values(paid)).toStrictEqual(keys.map(() => 1));
    const rateLimited = [...first.events, ...second.events].filter((event) => event.type === 'rate-limited');
    expect(rateLimited).toHaveLength(2);
    expect(rateLimited[0]).toMatchObject({ provider: 'fal', phase: 'submit', delayMs: 1000 });
    // After the 429s, no worker sent a submission before Retry-After passed: the pause is shared.
    const submits = (
      await emulator.request<Array<{ time: number; route: string; status: number }>>({ type: 'requests' })
    )
      .slice(requestsBefore)
      .filter((request) => request.route === 'submit');
    expect(submits.map((request) => request.status)).toStrictEqual([429, 429, 200, 200, 200, 200]);
    expect(submits[2].time - submits[1].time).toBeGreaterThanOrEqual(900);
  });
});

describe('webhook route', () => {
  it('finds the job of a delivery that names no key (account-wide webhooks, like OpenAI) and wakes its check', async () => {
    const prefix = newPrefix();
    const queue = openQueue(prefix);
    // A stand-in verifier: the signature checks are the providers' own (tested there and above with fal).
    const handler = createVideoWebhookHandler({
      connection,
      prefix,
      providers: {
        fal: {
          webhookToJob: async ({ request, modelId }) => {
            const body = (await request.json()) as { request_id: string };
            return { job: getFalWebhookJob(body, { endpointId: modelId ?? MODEL.slice('fal:'.length) }) };
          },
        },
      },
    });
    cleanups.push(() => handler.close());
    const poll = { intervalMs: 20_000, webhookFallbackIntervalMs: 20_000 };
    const { events } = startWorker(prefix, { poll, webhookBaseUrl: 'http://127.0.0.1:9/unused' });
    await queue.add({ key: 'quiet', model: MODEL, prompt: promptOf(`${prefix}-quiet`, '[emulator:duration=60000]') });
    await queue.add({ key: 'other', model: MODEL, prompt: promptOf(`${prefix}-other`, '[emulator:duration=60000]') });
    await waitFor(() => everyState(queue, ['quiet', 'other'], ['pending']), 'pending');
    const quiet = await waitForState(queue, 'quiet', 'pending');
    const { requestId } = quiet.job.operation as { requestId: string };
    // With a webhook expected, the first check is due only after the fallback interval (20 s).
    expect(events.filter((event) => event.type === 'status')).toStrictEqual([]);

    const deliver = (query: string, requestIdOf: string) =>
      handler.handle(
        new Request(`http://127.0.0.1/webhooks/video?${query}`, {
          method: 'POST',
          body: JSON.stringify({ request_id: requestIdOf }),
        }),
      );
    expect((await deliver('provider=fal', requestId)).status).toBe(200);
    // Woken at once: its next check was 20 s away.
    await waitFor(
      () => events.filter((event) => event.type === 'status' && event.key === 'quiet').length === 1,
      'woken check',
    );
    expect(events.filter((event) => event.type === 'status' && event.key === 'other')).toStrictEqual([]);
    expect((await deliver('provider=fal', 'no-such-request')).status).toBe(200);
    expect((await deliver('provider=fal&key=other', requestId)).status).toBe(409);
    expect((await deliver('provider=fal&key=missing', requestId)).status).toBe(404);
    expect((await deliver('provider=openai', requestId)).status).toBe(404);
  });
});

describe('source videos (issue 21)', () => {
  /**
   * The fal model as it will be once it declares an extension (`capabilities.sourceVideo`): it takes
   * its own jobs' ids; this wrapper records the spec's `sourceVideo` and submits an ordinary job.
   */
  function extendingRegistry(sent: unknown[]) {
    const fal = createFal({ baseURL: emulator.fal, apiKey: 'test-key' });
    return createVideoProviderRegistry({
      fal: {
        videoModel: (modelId: string) => {
          const model = fal.video(modelId);
          const wrapped: VideoModelV3 = {
            specificationVersion: 'v3',
            provider: model.provider,
            modelId: model.modelId,
            maxVideosPerCall: model.maxVideosPerCall,
            capabilities: { sourceVideo: [{ operation: 'extend', origins: ['job'] }] },
            doGenerate: (options) => model.doGenerate(options),
            doStart: async (options) => {
              const { sourceVideo, ...rest } = options;
              sent.push(sourceVideo);
              return await model.doStart!(rest);
            },
            doStatus: (options) => model.doStatus!(options),
            doCancel: (options) => model.doCancel!(options),
          };
          return wrapped;
        },
      },
    });
  }

  it('extends a completed job through the queue: stored as JSON, sent by its own id by the worker', async () => {
    const prefix = newPrefix();
    const sent: unknown[] = [];
    const queue = createVideoQueue({ connection, prefix, registry: extendingRegistry(sent) });
    cleanups.push(() => queue.close());
    startWorker(prefix, { registry: extendingRegistry(sent) });

    await queue.add({ key: 'first', model: MODEL, prompt: promptOf(`${prefix}-first`) });
    const first = await waitForState(queue, 'first', 'completed');
    const job = first.job!;

    await expect(
      queue.add({
        key: 'bytes',
        model: MODEL,
        prompt: 'x',
        sourceVideo: { operation: 'extend', video: new Uint8Array([1, 2]) as never },
      }),
    ).rejects.toMatchObject({ argument: 'sourceVideo.video' });
    await expect(
      queue.add({ key: 'remix', model: MODEL, prompt: 'x', sourceVideo: { operation: 'remix', video: job } }),
    ).rejects.toMatchObject({ argument: 'sourceVideo' });
    expect(await queue.get('bytes')).toBeUndefined();

    await queue.add({
      key: 'second',
      model: MODEL,
      prompt: promptOf(`${prefix}-second`),
      sourceVideo: { operation: 'extend', video: job },
    });
    await waitForState(queue, 'second', 'completed');
    // The first job's own submission had no source; the extension got the first job, by its id.
    expect(sent).toHaveLength(2);
    expect(sent[0]).toBeUndefined();
    expect(sent[1]).toMatchObject({ operation: 'extend', index: 0, job });
    expect(await paidJobsPerKey([`${prefix}-first`, `${prefix}-second`])).toStrictEqual({
      [`${prefix}-first`]: 1,
      [`${prefix}-second`]: 1,
    });
  });
});
