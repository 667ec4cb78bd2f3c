import type { VideoJob } from '@videogen/provider-spec';
import { describe, expect, it, vi } from 'vitest';
import { createMockJobModel, mockCompletedStatus } from '../test';
import type { VideoEvent } from '../types';
import { readVideoEvents, toServerSentEventsResponse } from './server-sent-events';
import { streamVideo } from './stream-video';
import { readVideoStreamPosition } from './video-event-id';

const job = (id: string): VideoJob => ({
  specificationVersion: 'v3',
  provider: 'mock-provider',
  modelId: 'mock-model-id',
  operation: { id },
});

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of iterable) items.push(item);
  return items;
}

async function* eventsOf(...events: VideoEvent[]): AsyncGenerator<VideoEvent> {
  yield* events;
}

/** A body of SSE text chunks that errors like a dropped connection after them. */
function droppingBody(chunks: string[]): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const queue = [...chunks];
  return new ReadableStream({
    pull(controller) {
      const chunk = queue.shift();
      if (chunk === undefined) controller.error(new TypeError('terminated'));
      else controller.enqueue(encoder.encode(chunk));
    },
  });
}

/** The response's body, cut (the source cancelled, the reader errored) after `events` events, like a dropped connection. */
function dropAfter(response: Response, events: number): Response {
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let seen = 0;
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (seen >= events) {
        await reader.cancel();
        controller.error(new TypeError('terminated'));
        return;
      }
      const { done, value } = await reader.read();
      if (done) return controller.close();
      seen += (decoder.decode(value, { stream: true }).match(/^id: /gm) ?? []).length;
      controller.enqueue(value);
    },
  });
  return new Response(body, { headers: response.headers });
}

describe('toServerSentEventsResponse event ids', () => {
  it('numbers the events in `id:` lines that carry the jobs, and ends with an `end` message', async () => {
    const response = toServerSentEventsResponse(
      eventsOf(
        { type: 'job-created', callIndex: 0, job: job('a') },
        { type: 'status', callIndex: 0, job: job('a'), status: 'pending', progress: 10 },
      ),
      { heartbeatMs: 0 },
    );
    const text = await response.text();
    const ids = [...text.matchAll(/^id: (.+)$/gm)].map((match) => match[1]);
    expect(ids).toHaveLength(2);
    expect(readVideoStreamPosition(ids[0])).toStrictEqual({ eventNumber: 1, jobs: [job('a')] });
    expect(readVideoStreamPosition(ids[1])).toStrictEqual({ eventNumber: 2, jobs: [job('a')] });
    expect(text.endsWith('event: end\ndata:\n\n')).toBe(true);
    // Readers that predate the end message skip it (it has no data).
    expect(await collect(readVideoEvents(new Response(text)))).toHaveLength(2);
  });

  it('continues the numbering and the jobs of a reconnecting client (resumeFrom)', async () => {
    const position = { eventNumber: 7, jobs: [job('a'), undefined, job('c')] };
    const request = new Request('http://localhost/', {
      headers: { 'last-event-id': toServerSentEventsResponseId(position) },
    });
    expect(readVideoStreamPosition(request)).toStrictEqual(position);
    const response = toServerSentEventsResponse(
      eventsOf({ type: 'status', callIndex: 1, job: job('b'), status: 'pending' }),
      { heartbeatMs: 0, resumeFrom: readVideoStreamPosition(request) },
    );
    const id = /^id: (.+)$/m.exec(await response.text())![1];
    expect(readVideoStreamPosition(id)).toStrictEqual({ eventNumber: 8, jobs: [job('a'), job('b'), job('c')] });
  });

  it('leaves out an id too long for a request header (the previous one still resumes its jobs)', async () => {
    const big = { ...job('a'), operation: { id: 'a', blob: 'x'.repeat(9000) } };
    const text = await toServerSentEventsResponse(
      eventsOf(
        { type: 'job-created', callIndex: 0, job: job('a') },
        { type: 'job-created', callIndex: 1, job: big as VideoJob },
      ),
      { heartbeatMs: 0 },
    ).text();
    const ids = [...text.matchAll(/^id: (.+)$/gm)].map((match) => match[1]);
    expect(ids).toHaveLength(1);
    expect(readVideoStreamPosition(ids[0])).toStrictEqual({ eventNumber: 1, jobs: [job('a')] });
    expect(await collect(readVideoEvents(new Response(text)))).toHaveLength(2);
  });

  it('reads no position from a missing or foreign Last-Event-ID, and can leave ids out', async () => {
    expect(readVideoStreamPosition(new Request('http://localhost/'))).toBeUndefined();
    expect(readVideoStreamPosition('42')).toBeUndefined();
    expect(readVideoStreamPosition('v1.!!')).toBeUndefined();
    expect(readVideoStreamPosition(`v1.${btoa('{"n":-1,"jobs":[]}')}`)).toBeUndefined();
    const text = await toServerSentEventsResponse(eventsOf({ type: 'job-created', callIndex: 0, job: job('a') }), {
      heartbeatMs: 0,
      eventIds: false,
    }).text();
    expect(text).not.toMatch(/^id:/m);
  });
});

/** The id the writer gives the next event after `position` minus one. */
function toServerSentEventsResponseId(position: { eventNumber: number; jobs: Array<VideoJob | undefined> }): string {
  return `v1.${btoa(JSON.stringify({ n: position.eventNumber, jobs: position.jobs.map((item) => item ?? null) }))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '')}`;
}

describe('readVideoEvents reconnection', () => {
  it('reconnects with Last-Event-ID after a drop and skips what a resumed stream repeats', async () => {
    const status: VideoEvent = { type: 'status', callIndex: 0, job: job('a'), status: 'pending', progress: 10 };
    const completed: VideoEvent = { type: 'completed', callIndex: 0, job: job('a'), videos: [] };
    const reconnect = vi.fn(async () => {
      return new Response(
        `id: x3\ndata: ${JSON.stringify(status)}\n\nid: x4\ndata: ${JSON.stringify(completed)}\n\n` +
          `id: x5\ndata: ${JSON.stringify(completed)}\n\nevent: end\ndata:\n\n`,
      );
    });
    const first = droppingBody([
      `id: x1\ndata: ${JSON.stringify({ type: 'job-created', callIndex: 0, job: job('a') })}\n\n`,
      `id: x2\ndata: ${JSON.stringify(status)}\n\n`,
    ]);
    const events = await collect(readVideoEvents(first, { reconnect, reconnectDelayMs: 0 }));
    expect(events.map((event) => event.type)).toStrictEqual(['job-created', 'status', 'completed']);
    expect(reconnect).toHaveBeenCalledTimes(1);
    expect(reconnect).toHaveBeenCalledWith({ lastEventId: 'x2', attempt: 1, abortSignal: undefined });
  });

  it('never reconnects before an event with an id arrived (the job may not exist: no second paid job)', async () => {
    const reconnect = vi.fn(async () => new Response(''));
    await expect(collect(readVideoEvents(droppingBody([': videogen events\n\n']), { reconnect }))).rejects.toThrow(
      'terminated',
    );
    expect(reconnect).not.toHaveBeenCalled();
  });

  it('does not reconnect after the end message or an error event; without `reconnect` a drop ends as before', async () => {
    const reconnect = vi.fn(async () => new Response(''));
    const error: VideoEvent = { type: 'error', error: { name: 'X', message: 'failed' } };
    await collect(readVideoEvents(new Response(`id: 1\ndata: ${JSON.stringify(error)}\n\n`), { reconnect }));
    await collect(
      readVideoEvents(new Response('id: 1\ndata: {"type":"status"}\n\nevent: end\ndata:\n\n'), { reconnect }),
    );
    expect(reconnect).not.toHaveBeenCalled();
    expect(await collect(readVideoEvents(new Response('id: 1\ndata: {"type":"x"}\n\n')))).toHaveLength(1);
  });

  it('gives up after maxReconnects attempts in a row, with the latest error', async () => {
    const reconnect = vi.fn(async (_context: { attempt: number }): Promise<Response> => {
      throw new TypeError('fetch failed');
    });
    const body = droppingBody(['id: 1\ndata: {"type":"status","callIndex":0,"status":"pending"}\n\n']);
    await expect(collect(readVideoEvents(body, { reconnect, maxReconnects: 3, reconnectDelayMs: 0 }))).rejects.toThrow(
      'fetch failed',
    );
    expect(reconnect.mock.calls.map(([context]) => context.attempt)).toStrictEqual([1, 2, 3]);
  });

  it('resumes a generation on a stateless server from the Last-Event-ID alone, without a second job', async () => {
    const model = createMockJobModel({
      statuses: [
        { status: 'pending', providerStatus: 'queued' },
        { status: 'pending', providerStatus: 'running', progress: 50 },
        mockCompletedStatus(),
      ],
    });
    const lastEventIds: Array<string | null> = [];
    let connections = 0;
    // Any instance can answer: everything it needs is in the request.
    const handler = async (request: Request): Promise<Response> => {
      connections++;
      lastEventIds.push(request.headers.get('last-event-id'));
      const position = readVideoStreamPosition(request);
      const resumeJob = position?.jobs[0];
      if (resumeJob) {
        return streamVideo({ model, job: resumeJob, poll: { intervalMs: 1 } }).toServerSentEventsResponse({
          heartbeatMs: 0,
          resumeFrom: position,
        });
      }
      const { prompt } = (await request.json()) as { prompt: string };
      const response = streamVideo({ model, prompt, poll: { intervalMs: 1 } }).toServerSentEventsResponse({
        heartbeatMs: 0,
      });
      // The first connection drops after two events.
      return connections === 1 ? dropAfter(response, 2) : response;
    };
    const request = new Request('http://localhost/api/video', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ prompt: 'a kite' }),
    });
    const events = await collect(readVideoEvents(request, { fetch: handler, reconnectDelayMs: 0 }));
    expect(model.startCalls).toHaveLength(1);
    expect(connections).toBe(2);
    expect(lastEventIds[0]).toBeNull();
    expect(readVideoStreamPosition(lastEventIds[1])).toStrictEqual({ eventNumber: 2, jobs: [job('job-1')] });
    expect(events.slice(0, 2)).toStrictEqual([
      { type: 'job-created', callIndex: 0, job: job('job-1') },
      { type: 'status', callIndex: 0, job: job('job-1'), status: 'pending', providerStatus: 'queued' },
    ]);
    expect(events.filter((event) => event.type === 'completed')).toHaveLength(1);
    expect(events.at(-1)?.type).not.toBe('error');
  });
});

describe('streamVideo downloadLinks', () => {
  const SECRET = 'a-test-secret-of-at-least-32-characters!';

  it('gives a credentialed video a signed link in the completed event, and a public one stays as it is', async () => {
    const { createVideoDownloadLinkSigner } = await import('../gateway/video-download-link');
    const signer = createVideoDownloadLinkSigner({ secret: SECRET, baseUrl: '/api/video' });
    const model = createMockJobModel({
      statuses: [
        mockCompletedStatus([
          { type: 'url', url: 'https://api.example.com/content/1', mediaType: 'video/mp4' },
          { type: 'url', url: 'https://api.example.com/content/2', mediaType: 'video/mp4' },
        ]),
      ],
      download: () => new Response(new Uint8Array([1])),
    });
    const { events } = streamVideo({
      model,
      job: job('j'),
      downloadLinks: { signer, subject: 'alice', expiresIn: 60 },
      download: async () => ({ stream: new Response(new Uint8Array([1])).body!, mediaType: 'video/mp4' }),
    });
    const completed = (await collect(events)).find((event) => event.type === 'completed');
    expect(completed?.type).toBe('completed');
    const videos = completed?.type === 'completed' ? completed.videos : [];
    expect(videos.map((video) => video.urlSource)).toStrictEqual(['signed', 'signed']);
    const verified = await signer.verify(videos[1].url!, { subject: 'alice' });
    expect(verified).toMatchObject({ valid: true, job: job('j'), index: 1 });
    expect(await signer.verify(videos[1].url!, { subject: 'bob' })).toMatchObject({ valid: false });
    expect(Date.parse(videos[0].urlExpiresAt!)).toBeGreaterThan(Date.now());
  });

  it('leaves the url out where no link can be made (no signer, no public link)', async () => {
    const model = createMockJobModel({
      statuses: [mockCompletedStatus([{ type: 'url', url: 'https://api.example.com/c', mediaType: 'video/mp4' }])],
      download: () => new Response(new Uint8Array([1])),
    });
    const { events } = streamVideo({
      model,
      job: job('j'),
      downloadLinks: {},
      download: async () => ({ stream: new Response(new Uint8Array([1])).body!, mediaType: 'video/mp4' }),
    });
    const completed = (await collect(events)).find((event) => event.type === 'completed');
    expect(completed).toMatchObject({ videos: [{ index: 0, mediaType: 'video/mp4' }] });
    expect(completed?.type === 'completed' ? completed.videos[0].url : 'none').toBeUndefined();
  });
});
