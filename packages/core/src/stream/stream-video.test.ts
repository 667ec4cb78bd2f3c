import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VideoJobAbortedError, VideoJobTimeoutError, type VideoJob } from '@videogen/provider-spec';
import { createMockJobModel, mockCompletedStatus } from '../test';
import type { VideoEvent } from '../types';
import { readVideoEvents, toServerSentEventsResponse } from './server-sent-events';
import { streamVideo } from './stream-video';
import { createVideoContentResponse } from './video-content-response';

const job = (id: string): VideoJob => ({
  specificationVersion: 'v3',
  provider: 'mock-provider',
  modelId: 'mock-model-id',
  operation: { id },
});

function scriptedModel() {
  return createMockJobModel({
    statuses: [
      { status: 'pending', providerStatus: 'queued', queuePosition: 1 },
      { status: 'pending', providerStatus: 'running', progress: 50 },
      mockCompletedStatus([{ type: 'url', url: 'https://cdn.example.com/v.mp4', mediaType: 'video/mp4' }]),
    ],
    download: () => new Response(new Uint8Array([1, 2, 3]), { headers: { 'content-length': '3' } }),
  });
}

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of iterable) items.push(item);
  return items;
}

describe('streamVideo', () => {
  it('yields the events in order and resolves the result', async () => {
    const model = scriptedModel();
    const { events, result } = streamVideo({ model, prompt: 'x', poll: { intervalMs: 1 } });
    const received = await collect(events);
    expect(received).toStrictEqual([
      { type: 'job-created', callIndex: 0, job: job('job-1') },
      {
        type: 'status',
        callIndex: 0,
        job: job('job-1'),
        status: 'pending',
        providerStatus: 'queued',
        queuePosition: 1,
      },
      { type: 'status', callIndex: 0, job: job('job-1'), status: 'pending', providerStatus: 'running', progress: 50 },
      { type: 'status', callIndex: 0, job: job('job-1'), status: 'completed' },
      { type: 'completed', callIndex: 0, job: job('job-1'), videos: [{ index: 0, mediaType: 'video/mp4' }] },
      { type: 'download-progress', callIndex: 0, job: job('job-1'), videoIndex: 0, bytes: 3, totalBytes: 3 },
    ]);
    expect((await result).video.uint8Array).toStrictEqual(new Uint8Array([1, 2, 3]));
  });

  it('gives the public URL in the completed event only when the video needs no credentials', async () => {
    const model = createMockJobModel({
      statuses: [
        mockCompletedStatus([{ type: 'url', url: 'https://cdn.example.com/public.mp4', mediaType: 'video/mp4' }]),
      ],
    });
    const { events, result } = streamVideo({
      model,
      prompt: 'x',
      download: async () => ({ stream: new Response(new Uint8Array([1])).body!, mediaType: 'video/mp4' }),
    });
    const received = await collect(events);
    expect(received.find((event) => event.type === 'completed')).toStrictEqual({
      type: 'completed',
      callIndex: 0,
      job: job('job-1'),
      videos: [{ index: 0, mediaType: 'video/mp4', url: 'https://cdn.example.com/public.mp4' }],
    });
    await result;
  });

  it('re-attaches to an existing job', async () => {
    const model = scriptedModel();
    const { events, result } = streamVideo({ model, job: job('job-9'), poll: { intervalMs: 1 } });
    const types = (await collect(events)).map((event) => event.type);
    expect(types).toStrictEqual(['status', 'status', 'status', 'completed', 'download-progress']);
    expect((await result).jobs).toStrictEqual([job('job-9')]);
    expect(model.startCalls).toHaveLength(0);
  });

  it('ends with an error event carrying the job, and rejects the result with the typed error', async () => {
    const model = createMockJobModel({ statuses: [{ status: 'pending' }] });
    const { events, result } = streamVideo({ model, prompt: 'x', poll: { intervalMs: 5, timeoutMs: 20 } });
    const received = await collect(events);
    expect(received.at(-1)).toMatchObject({
      type: 'error',
      error: {
        name: 'VideoGen_VideoJobTimeoutError',
        job: job('job-1'),
        message: expect.stringContaining('Timed out after 20 ms'),
      },
    });
    await expect(result).rejects.toSatisfy(VideoJobTimeoutError.isInstance);
  });
});

describe('Server-Sent Events', () => {
  let server: Server;
  let baseURL: string;

  beforeAll(async () => {
    server = createServer(async (_request, reply) => {
      const response = streamVideo({
        model: scriptedModel(),
        prompt: 'x',
        poll: { intervalMs: 1 },
      }).toServerSentEventsResponse();
      reply.writeHead(response.status, Object.fromEntries(response.headers.entries()));
      const reader = response.body!.getReader();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        reply.write(value);
      }
      reply.end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseURL = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  it('round-trips the events through a real HTTP server', async () => {
    const response = await fetch(baseURL);
    expect(response.headers.get('content-type')).toBe('text/event-stream');
    expect(response.headers.get('cache-control')).toBe('no-cache');
    const events = await collect(readVideoEvents(response));
    expect(events.map((event) => event.type)).toStrictEqual([
      'job-created',
      'status',
      'status',
      'status',
      'completed',
      'download-progress',
    ]);
    expect(events[0]).toStrictEqual({ type: 'job-created', callIndex: 0, job: job('job-1') });
    expect(events[2]).toMatchObject({ type: 'status', progress: 50 });
  });

  it('writes one data line per event and heartbeat comments', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    async function* source(): AsyncGenerator<VideoEvent> {
      yield { type: 'job-created', callIndex: 0, job: job('a') };
      await gate;
      yield { type: 'status', callIndex: 0, status: 'pending', progress: 10 };
    }
    const response = toServerSentEventsResponse(source(), { heartbeatMs: 5, headers: { 'x-extra': '1' } });
    expect(response.headers.get('x-extra')).toBe('1');
    const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
    let text = '';
    while (!text.includes(': heartbeat')) text += (await reader.read()).value;
    release();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      text += value;
    }
    const dataLines = text.split('\n').filter((line) => line.startsWith('data: '));
    expect(dataLines).toStrictEqual([
      `data: ${JSON.stringify({ type: 'job-created', callIndex: 0, job: job('a') })}`,
      `data: ${JSON.stringify({ type: 'status', callIndex: 0, status: 'pending', progress: 10 })}`,
    ]);
    expect(text).toContain(': heartbeat\n\n');
  });

  it('refuses a failed response', async () => {
    const iterator = readVideoEvents(new Response('nope', { status: 500 }));
    await expect(iterator.next()).rejects.toMatchObject({ statusCode: 500 });
  });
});

describe('createVideoContentResponse', () => {
  it('streams a credentialed video, and answers 409 / 422 / 404 otherwise', async () => {
    const model = createMockJobModel({
      statuses: [
        ({ operation }) => {
          const id = (operation as { id: string }).id;
          if (id === 'pending') return { status: 'pending' };
          if (id === 'failed') return { status: 'failed', error: { message: 'no' } };
          return mockCompletedStatus([{ type: 'url', url: 'https://api.example.com/content', mediaType: 'video/mp4' }]);
        },
      ],
      download: () => new Response(new Uint8Array([4, 5]), { headers: { 'content-length': '2' } }),
    });
    const ok = await createVideoContentResponse({ model, job: job('done') });
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-type')).toBe('video/mp4');
    expect(ok.headers.get('content-length')).toBe('2');
    expect(new Uint8Array(await ok.arrayBuffer())).toStrictEqual(new Uint8Array([4, 5]));
    expect((await createVideoContentResponse({ model, job: job('pending') })).status).toBe(409);
    const failed = await createVideoContentResponse({ model, job: job('failed') });
    expect(failed.status).toBe(422);
    expect(await failed.json()).toMatchObject({ error: { name: 'VideoGen_VideoJobFailedError', job: job('failed') } });
    expect((await createVideoContentResponse({ model, job: job('done'), index: 3 })).status).toBe(404);
  });
});

describe('a client that leaves an SSE route', () => {
  // The "provider": status requests and the video download are counted here.
  let provider: Server;
  let providerURL: string;
  let statusRequests = 0;
  let videoRequests = 0;
  let onStatusRequest: () => void = () => {};
  // The app's SSE route, as in core's README.
  let route: Server;
  let routeURL: string;
  let routeDisconnected!: Promise<void>;
  let generation: ReturnType<typeof streamVideo> | undefined;
  let model: ReturnType<typeof createMockJobModel>;

  beforeAll(async () => {
    provider = createServer((request, reply) => {
      if (request.url === '/status') {
        statusRequests++;
        onStatusRequest();
        reply.end('{}');
      } else {
        videoRequests++;
        reply.writeHead(200, { 'content-type': 'video/mp4' }).end(Buffer.alloc(1024));
      }
    });
    await new Promise<void>((resolve) => provider.listen(0, '127.0.0.1', resolve));
    providerURL = `http://127.0.0.1:${(provider.address() as { port: number }).port}`;

    route = createServer((request, reply) => {
      let disconnected!: () => void;
      routeDisconnected = new Promise((resolve) => {
        disconnected = resolve;
      });
      generation = streamVideo({ model, prompt: 'x', poll: { intervalMs: 1 } });
      const response = generation.toServerSentEventsResponse();
      reply.writeHead(response.status, Object.fromEntries(response.headers.entries()));
      const reader = response.body!.getReader();
      // What Node adapters (Next.js, Hono …) do when the client goes away: cancel the response body.
      reply.on('close', () => {
        reader.cancel().catch(() => {});
        disconnected();
      });
      void (async () => {
        for (;;) {
          const { done, value } = await reader.read().catch(() => ({ done: true, value: undefined }));
          if (done) break;
          reply.write(value);
        }
        reply.end();
      })();
      request.resume();
    });
    await new Promise<void>((resolve) => route.listen(0, '127.0.0.1', resolve));
    routeURL = `http://127.0.0.1:${(route.address() as { port: number }).port}`;
  });
  afterAll(async () => {
    route.closeAllConnections();
    provider.closeAllConnections();
    await new Promise((resolve) => route.close(resolve));
    await new Promise((resolve) => provider.close(resolve));
  });

  it('stops polling, downloads nothing and leaves the job running (resumable)', async () => {
    model = createMockJobModel({
      statuses: [
        async ({ callNumber }) => {
          await fetch(`${providerURL}/status`);
          // From the second status request on, the job only moves on after the client left.
          if (callNumber >= 1) await routeDisconnected;
          return callNumber < 3
            ? { status: 'pending', progress: callNumber * 10 }
            : mockCompletedStatus([{ type: 'url', url: `${providerURL}/video`, mediaType: 'video/mp4' }]);
        },
      ],
      download: () => fetch(`${providerURL}/video`),
    });
    const secondStatusRequest = new Promise<void>((resolve) => {
      onStatusRequest = () => {
        if (statusRequests >= 2) resolve();
      };
    });

    const client = new AbortController();
    const response = await fetch(routeURL, { method: 'POST', signal: client.signal });
    const seen: string[] = [];
    for await (const event of readVideoEvents(response)) {
      seen.push(event.type);
      if (event.type === 'status') break;
    }
    await secondStatusRequest;
    client.abort();

    const error = await generation!.result.then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(VideoJobAbortedError.isInstance(error)).toBe(true);
    expect((error as VideoJobAbortedError).job).toStrictEqual(job('job-1'));
    expect(await (error as VideoJobAbortedError).cancellation).toBe('not-requested');
    expect(seen).toStrictEqual(['job-created', 'status']);
    expect(statusRequests).toBe(2); // none after the client left
    expect(videoRequests).toBe(0);
    expect(model.downloadCalls).toHaveLength(0);
    expect(model.cancelCalls).toHaveLength(0); // the paid job runs on at the provider
  });
});

describe('streamVideo detachSignal', () => {
  it('stops watching without cancelling the job; abortSignal still cancels it', async () => {
    const pendingModel = () => createMockJobModel({ statuses: [{ status: 'pending' }] });
    const detached = pendingModel();
    const leave = new AbortController();
    const watching = streamVideo({ model: detached, prompt: 'x', poll: { intervalMs: 1 }, detachSignal: leave.signal });
    for await (const event of watching.events) if (event.type === 'status') break;
    leave.abort();
    const error = await watching.result.catch((caught: unknown) => caught);
    expect(VideoJobAbortedError.isInstance(error)).toBe(true);
    expect(await (error as VideoJobAbortedError).cancellation).toBe('not-requested');
    expect(detached.cancelCalls).toHaveLength(0);

    const cancelled = pendingModel();
    const abort = new AbortController();
    const aborting = streamVideo({ model: cancelled, prompt: 'x', poll: { intervalMs: 1 }, abortSignal: abort.signal });
    for await (const event of aborting.events) if (event.type === 'status') break;
    abort.abort();
    const abortError = await aborting.result.catch((caught: unknown) => caught);
    expect(await (abortError as VideoJobAbortedError).cancellation).toBe('cancelled');
    expect(cancelled.cancelCalls).toHaveLength(1);
  });
});
