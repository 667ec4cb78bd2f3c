// The worker's decisions, with a mock model (no provider): which submission
// errors are retried, which fail, which leave the job in doubt; poll hints.
import { createMockJobModel, mockCompletedStatus } from '@videogen/core/test';
import { APICallError } from '@videogen/provider-spec';
import { Queue } from 'bullmq';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createVideoQueue, createVideoWorker, type VideoWorkerEvent } from '../src/index';
import { startRedis, waitFor, waitForState } from './harness';

vi.setConfig({ testTimeout: 60_000 });

let redis: Awaited<ReturnType<typeof startRedis>>;
let connection: { host: string; port: number; maxRetriesPerRequest: null };
const cleanups: Array<() => Promise<unknown>> = [];
let prefixCount = 0;

beforeAll(async () => {
  redis = await startRedis();
  connection = { host: '127.0.0.1', port: redis.port, maxRetriesPerRequest: null };
});
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});
afterAll(async () => {
  await redis?.stop();
});

const apiError = (statusCode: number) =>
  new APICallError({
    message: `HTTP ${statusCode}`,
    url: 'https://api.example.com/videos',
    requestBodyValues: {},
    statusCode,
    responseHeaders: statusCode === 429 ? { 'retry-after': '0' } : {},
    isRetryable: statusCode === 429 || statusCode >= 500,
  });

function setup(model: ReturnType<typeof createMockJobModel>) {
  const prefix = `s${++prefixCount}`;
  const registry = { videoModel: () => model };
  const queue = createVideoQueue({ connection, prefix, registry });
  const events: VideoWorkerEvent[] = [];
  const worker = createVideoWorker({
    connection,
    prefix,
    registry,
    providers: ['mock'],
    poll: { intervalMs: 50 },
    retryDelayMs: 20,
    inDoubtTimeoutMs: 60_000,
    onEvent: (event) => events.push(event),
  });
  cleanups.push(
    () => worker.close(),
    () => queue.close(),
  );
  const settled = <S extends Parameters<typeof waitForState>[2]>(key: string, state: S) =>
    waitForState(queue, key, state);
  return { queue, events, settled };
}

describe('submission errors', () => {
  it('retries a 503 (the provider cannot have accepted it) and completes with one accepted job', async () => {
    const model = createMockJobModel({
      start: (_options, callNumber) => {
        if (callNumber === 1) throw apiError(503);
        return {
          operation: { id: 'job-ok' },
          warnings: [],
          response: { timestamp: new Date(0), modelId: 'm', headers: undefined },
        };
      },
    });
    const { queue, settled } = setup(model);
    await queue.add({ key: 'a', model: 'mock:m', prompt: 'x' });
    await settled('a', 'completed');
    expect(model.startCalls).toHaveLength(2);
    expect(model.startCalls.map((call) => call.idempotencyKey)).toStrictEqual(['a', 'a']);
  });

  it('fails a job the provider refused (400) without retrying it', async () => {
    const model = createMockJobModel({
      start: () => {
        throw apiError(400);
      },
    });
    const { queue, settled } = setup(model);
    await queue.add({ key: 'b', model: 'mock:m', prompt: 'x' });
    const status = await settled('b', 'failed');
    expect(APICallError.isInstance(status.error)).toBe(true);
    expect(status.error).toMatchObject({ statusCode: 400 });
    expect(model.startCalls).toHaveLength(1);
  });

  it('leaves a job in doubt after an answer that may hide an accepted job (500, reset), never resending it', async () => {
    const model = createMockJobModel({
      start: (_options, callNumber) => {
        throw callNumber === 1 ? apiError(500) : Object.assign(new TypeError('fetch failed'), { code: 'ECONNRESET' });
      },
    });
    const { queue, events, settled } = setup(model);
    await queue.add({ key: 'c', model: 'mock:m', prompt: 'x' });
    await queue.add({ key: 'd', model: 'mock:m', prompt: 'x' });
    await settled('c', 'in-doubt');
    await settled('d', 'in-doubt');
    expect(
      events
        .filter((event) => event.type === 'in-doubt')
        .map((event) => event.key)
        .sort(),
    ).toStrictEqual(['c', 'd']);
    expect(model.startCalls).toHaveLength(2);
  });
});

describe('polling', () => {
  it("honours the provider's pollAfterMs hint and stores progress", async () => {
    const model = createMockJobModel({
      statuses: [{ status: 'pending', progress: 40, pollAfterMs: 25_000 }, mockCompletedStatus()],
    });
    const { queue, events } = setup(model);
    await queue.add({ key: 'hinted', model: 'mock:m', prompt: 'x' });
    const event = await waitFor(() => events.find((candidate) => candidate.type === 'status'), 'a status check');
    expect(event).toMatchObject({ key: 'hinted', progress: 40, nextCheckInMs: 25_000 });
    expect(await queue.get('hinted')).toMatchObject({ state: 'pending', progress: 40 });
  });
});

describe('hung requests', () => {
  it('puts a submission that outlasts requestTimeoutMs in doubt and retries a status check that does', async () => {
    const never = new Promise<never>(() => {});
    const hung = createMockJobModel({
      start: (_options, callNumber) =>
        callNumber === 1
          ? never
          : {
              operation: { id: 'ok' },
              warnings: [],
              response: { timestamp: new Date(0), modelId: 'm', headers: undefined },
            },
      statuses: [() => never, mockCompletedStatus()],
    });
    const prefix = `s${++prefixCount}`;
    const registry = { videoModel: () => hung };
    const queue = createVideoQueue({ connection, prefix, registry });
    const worker = createVideoWorker({
      connection,
      prefix,
      registry,
      providers: ['mock'],
      poll: { intervalMs: 20 },
      retryDelayMs: 20,
      requestTimeoutMs: 200,
      onEvent: () => {},
    });
    cleanups.push(
      () => worker.close(),
      () => queue.close(),
    );
    await queue.add({ key: 'hung-submit', model: 'mock:m', prompt: 'x' });
    await waitFor(async () => (await queue.get('hung-submit'))?.state === 'in-doubt', 'in doubt');
    await queue.add({ key: 'hung-check', model: 'mock:m', prompt: 'x' });
    await waitFor(
      async () => (await queue.get('hung-check'))?.state === 'completed',
      'completed after a retried check',
    );
    expect(hung.startCalls).toHaveLength(2);
  });
});

describe('follow-up job', () => {
  it('adds { key, model, job, videos } to the follow-up queue when the job completes', async () => {
    const model = createMockJobModel({
      statuses: [mockCompletedStatus([{ type: 'url', url: 'https://cdn.example.com/v.mp4', mediaType: 'video/mp4' }])],
    });
    const { queue, settled } = setup(model);
    await queue.add({ key: 'then-save', model: 'mock:m', prompt: 'x', followUp: { queue: 'downloads' } });
    await settled('then-save', 'completed');
    const downloads = new Queue('downloads', { connection, prefix: `s${prefixCount}` });
    cleanups.push(() => downloads.close());
    const [job] = await downloads.getJobs(['waiting']);
    expect(job.name).toBe('video-completed');
    expect(job.data).toMatchObject({
      key: 'then-save',
      model: 'mock:m',
      job: { operation: { id: 'job-1' } },
      videos: [{ url: 'https://cdn.example.com/v.mp4', mediaType: 'video/mp4' }],
    });
  });
});
