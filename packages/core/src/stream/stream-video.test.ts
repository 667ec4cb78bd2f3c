import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VideoJobTimeoutError, type VideoJob } from '@videogen/provider-spec';
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
