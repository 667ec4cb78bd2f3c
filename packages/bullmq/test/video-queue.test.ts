import { createVideoProviderRegistry } from '@videogen/core';
import { createFal, createFalWebhookVerifier } from '@videogen/fal';
import {
  InvalidArgumentError,
  NoSuchModelError,
  VideoJobFailedError,
  VideoJobTimeoutError,
} from '@videogen/provider-spec';
import { Queue } from 'bullmq';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
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
  type WorkerProcess,
} from './harness';

const MODEL = 'fal:test-owner/test-video' as const;

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
    const done = await waitFor(async () => {
      const status = await queue.get('same');
      return status?.state === 'completed' ? status : undefined;
    }, 'completion');
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
