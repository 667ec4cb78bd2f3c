// No React and no DOM here (node environment): the client is framework-neutral.
import type { VideoJob } from '@videogen/core';
import { createMockJobModel, mockCompletedStatus } from '@videogen/core/test';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createVideoRouteHandler } from '../server/index';
import {
  createVideoFetcherTransport,
  createVideoRouteTransport,
  VideoGenerationClient,
  type VideoGenerationState,
  type VideoGenerationTransport,
} from './index';
import { INITIAL_VIDEO_GENERATION_STATE, reduceVideoGenerationState } from './video-generation-reducer';

const SECRET = 'client-test-route-secret-0123456789abcdef';
const PUBLIC_URL = 'https://cdn.example.com/v.mp4';

const job = (id: string): VideoJob => ({
  specificationVersion: 'v3',
  provider: 'mock-provider',
  modelId: 'mock-model-id',
  operation: { id },
});

type Phase = 'queued' | 'running' | 'done';

/** A real route over a scripted model, reached through the transport's `fetch`. */
function createRoute({ credentialed = false } = {}) {
  const state = { phase: 'queued' as Phase };
  const model = createMockJobModel({
    statuses: [
      () => {
        switch (state.phase) {
          case 'queued':
            return { status: 'pending', providerStatus: 'IN_QUEUE', queuePosition: 3 };
          case 'running':
            return { status: 'pending', providerStatus: 'IN_PROGRESS', progress: 50 };
          case 'done':
            return mockCompletedStatus([
              { type: 'url', url: credentialed ? 'https://api.example.com/c' : PUBLIC_URL, mediaType: 'video/mp4' },
            ]);
        }
      },
    ],
    ...(credentialed ? { download: () => new Response(new Uint8Array([7, 8, 9])) } : {}),
  });
  const handler = createVideoRouteHandler({ model, secret: SECRET, poll: { intervalMs: 2 } });
  const requests: Array<{ body: { action: string }; signal: AbortSignal }> = [];
  const fetch = vi.fn(async (url: string, init: RequestInit) => {
    const request = new Request(new URL(url, 'http://app.test'), init);
    requests.push({ body: JSON.parse(String(init.body)), signal: request.signal });
    return handler(request);
  });
  return { state, model, handler, requests, fetch, transport: createVideoRouteTransport({ api: '/api/video', fetch }) };
}

/** Records every snapshot the client publishes. */
function record<STATE>(client: { subscribe: (listener: () => void) => () => void; getSnapshot: () => STATE }) {
  const snapshots: STATE[] = [];
  const unsubscribe = client.subscribe(() => snapshots.push(client.getSnapshot()));
  return { snapshots, unsubscribe };
}

const waitUntil = (condition: () => boolean) => vi.waitFor(() => expect(condition()).toBe(true));

afterEach(() => {
  vi.restoreAllMocks();
});

describe('VideoGenerationClient with a route transport', () => {
  it('publishes immutable snapshots: generating, job, queue, progress, success; callbacks in order', async () => {
    const route = createRoute();
    const log: string[] = [];
    const client = new VideoGenerationClient({
      transport: route.transport,
      callbacks: {
        onJobCreated: (created) => log.push(`job:${JSON.stringify(created.operation)}`),
        onStatus: (event) => log.push(`status:${event.queuePosition ?? event.progress ?? '-'}`),
        onResult: (result) => log.push(`result:${result.video.url}`),
      },
    });
    const { snapshots } = record(client);
    expect(client.getSnapshot()).toBe(INITIAL_VIDEO_GENERATION_STATE);

    const promise = client.generate({ prompt: 'A red kite' });
    expect(client.getSnapshot()).toMatchObject({ status: 'generating', job: undefined });
    await waitUntil(() => client.getSnapshot().queuePosition === 3);
    const queued = client.getSnapshot();
    expect(queued).toMatchObject({ job: { ...job('job-1'), routeSignature: expect.any(String) } });
    route.state.phase = 'running';
    await waitUntil(() => client.getSnapshot().progress === 50);
    expect(queued.progress).toBeUndefined(); // earlier snapshots never change
    route.state.phase = 'done';
    const result = await promise;

    expect(result).toStrictEqual({
      video: { index: 0, url: PUBLIC_URL, mediaType: 'video/mp4', source: 'provider' },
      videos: [{ index: 0, url: PUBLIC_URL, mediaType: 'video/mp4', source: 'provider' }],
      job: queued.job,
    });
    expect(client.getSnapshot()).toMatchObject({ status: 'success', progress: 100, queuePosition: undefined, result });
    expect(snapshots[0]).toMatchObject({ status: 'generating' });
    expect(snapshots.at(-1)).toBe(client.getSnapshot());
    expect(new Set(snapshots).size).toBe(snapshots.length); // a new object per change
    expect(log[0]).toBe('job:{"id":"job-1"}');
    expect(log.at(-1)).toBe(`result:${PUBLIC_URL}`);
    expect(route.model.startCalls).toHaveLength(1);
  });

  it('merges the same generate while it runs, and plays a credentialed video through the route', async () => {
    const route = createRoute({ credentialed: true });
    route.state.phase = 'done';
    const client = new VideoGenerationClient({ transport: route.transport });
    const first = client.generate({ prompt: 'same' });
    expect(client.generate({ prompt: 'same' })).toBe(first);
    const result = await first;
    expect(route.requests.map((request) => request.body.action)).toStrictEqual(['generate']);
    expect(result!.video.source).toBe('server');
    const served = await route.handler(new Request(new URL(result!.video.url, 'http://app.test')));
    expect(new Uint8Array(await served.arrayBuffer())).toStrictEqual(new Uint8Array([7, 8, 9]));
  });

  it('stop() stops listening and keeps the job; cancel() then cancels it; resume() re-attaches', async () => {
    const route = createRoute();
    route.state.phase = 'running';
    const client = new VideoGenerationClient({ transport: route.transport });
    const promise = client.generate({ prompt: 'x' });
    await waitUntil(() => client.getSnapshot().progress === 50);
    const created = client.getSnapshot().job!;
    client.stop();
    expect(await promise).toBeUndefined();
    expect(client.getSnapshot()).toMatchObject({ status: 'idle', job: created });
    expect(route.requests[0].signal.aborted).toBe(true);
    expect(route.model.cancelCalls).toHaveLength(0);

    const resumed = client.resume(JSON.stringify(created));
    await waitUntil(() => client.getSnapshot().progress === 50);
    await client.cancel();
    expect(await resumed).toBeUndefined();
    expect(route.model.cancelCalls.map((call) => call.operation)).toStrictEqual([{ id: 'job-1' }]);
    expect(client.getSnapshot()).toBe(INITIAL_VIDEO_GENERATION_STATE);
  });

  it('cancel() before the job exists cancels it as soon as it is created', async () => {
    const route = createRoute();
    const client = new VideoGenerationClient({ transport: route.transport });
    void client.generate({ prompt: 'x' });
    await client.cancel();
    expect(route.model.cancelCalls).toHaveLength(1);
    expect(client.getSnapshot().status).toBe('idle');
  });

  it('dispose() stops listening without touching the state or the job', async () => {
    const route = createRoute();
    route.state.phase = 'running';
    const client = new VideoGenerationClient({ transport: route.transport });
    void client.generate({ prompt: 'x' });
    await waitUntil(() => client.getSnapshot().progress === 50);
    const before = client.getSnapshot();
    client.dispose();
    expect(client.getSnapshot()).toBe(before);
    expect(route.requests.every((request) => request.signal.aborted)).toBe(true);
    expect(route.model.cancelCalls).toHaveLength(0);
  });

  it('turns a refused request into an error state with the route message and status', async () => {
    const route = createRoute();
    const onError = vi.fn();
    const client = new VideoGenerationClient({ transport: route.transport, callbacks: () => ({ onError }) });
    expect(await client.resume(job('forged'))).toBeUndefined();
    expect(client.getSnapshot()).toMatchObject({ status: 'error', error: { name: 'Forbidden', statusCode: 403 } });
    expect(onError).toHaveBeenCalledTimes(1);
  });
});

describe('VideoGenerationClient with a fetcher transport', () => {
  it('makes object URLs for bytes and releases them on the next generation, reset and dispose', async () => {
    const created: string[] = [];
    const revoked: string[] = [];
    vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => {
      created.push(`blob:test/${created.length + 1}-${(blob as Blob).type}`);
      return created.at(-1)!;
    });
    vi.spyOn(URL, 'revokeObjectURL').mockImplementation((url) => {
      revoked.push(url);
    });
    const client = new VideoGenerationClient<string>({
      transport: createVideoFetcherTransport({
        fetcher: async () => ({
          videos: [{ uint8Array: new Uint8Array([1]) }, { base64: 'AAEC', mediaType: 'video/webm' }],
        }),
      }),
    });
    const first = await client.generate('one');
    expect(first!.videos.map((video) => [video.source, video.mediaType])).toStrictEqual([
      ['object-url', 'video/mp4'],
      ['object-url', 'video/webm'],
    ]);
    await client.generate('two');
    expect(revoked).toStrictEqual(created.slice(0, 2));
    client.reset();
    expect(revoked).toStrictEqual(created);
    await client.generate('three');
    client.dispose();
    expect(revoked).toStrictEqual(created);
    expect(client.getSnapshot().status).toBe('success'); // dispose leaves the state alone
  });

  it('reads the latest transport on every request', async () => {
    let answer = 'a';
    const client = new VideoGenerationClient<string>({
      transport: () => createVideoFetcherTransport({ fetcher: async () => ({ videos: [{ url: `/${answer}.mp4` }] }) }),
    });
    expect((await client.generate('x'))!.video.url).toBe('/a.mp4');
    answer = 'b';
    expect((await client.generate('y'))!.video.url).toBe('/b.mp4');
  });

  it('a transport without resume or cancel: typed errors, the job kept', async () => {
    const transport: VideoGenerationTransport<string> = {
      generate: async () => ({ videos: [{ url: '/v.mp4' }], job: job('kept') }),
    };
    const client = new VideoGenerationClient<string>({ transport });
    await client.resume(job('kept'));
    expect(client.getSnapshot()).toMatchObject({
      status: 'error',
      error: { name: 'VideoResumeUnavailable' },
      job: job('kept'),
    });
    await client.cancel();
    expect(client.getSnapshot()).toMatchObject({ status: 'error', error: { name: 'VideoCancelUnavailable' } });
  });
});

describe('reduceVideoGenerationState', () => {
  const state = (patch: Partial<VideoGenerationState>): VideoGenerationState => ({
    ...INITIAL_VIDEO_GENERATION_STATE,
    ...patch,
  });

  it('keeps the last known progress and provider status, and clears the queue position', () => {
    const next = reduceVideoGenerationState(
      state({ status: 'generating', progress: 40, providerStatus: 'RUN', queuePosition: 2 }),
      {
        type: 'status',
        event: { type: 'status', callIndex: 0, status: 'pending' },
      },
    );
    expect(next).toMatchObject({ progress: 40, providerStatus: 'RUN', queuePosition: undefined });
  });

  it('cancelled clears only the cancelled job; stop on idle changes nothing', () => {
    const running = state({ status: 'idle', job: job('a') });
    expect(reduceVideoGenerationState(running, { type: 'cancelled', job: job('b') })).toBe(running);
    expect(reduceVideoGenerationState(running, { type: 'cancelled', job: job('a') })).toBe(
      INITIAL_VIDEO_GENERATION_STATE,
    );
    expect(reduceVideoGenerationState(running, { type: 'stop' })).toBe(running);
  });

  it('success from a stream ends progress at 100; a finished result keeps it', () => {
    const link = { index: 0, url: '/v.mp4', mediaType: 'video/mp4', source: 'server' as const };
    const result = { video: link, videos: [link], job: undefined };
    const generating = state({ status: 'generating', progress: 30, job: job('a') });
    expect(reduceVideoGenerationState(generating, { type: 'success', result, live: true })).toMatchObject({
      status: 'success',
      progress: 100,
      job: job('a'),
    });
    expect(reduceVideoGenerationState(generating, { type: 'success', result, live: false }).progress).toBe(30);
  });
});
