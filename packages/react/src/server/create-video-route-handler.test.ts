import { readVideoEvents, type GenerateVideoResult, type VideoEvent, type VideoJob } from '@videogen/core';
import { createMockJobModel, mockCompletedStatus } from '@videogen/core/test';
import { describe, expect, it, vi } from 'vitest';
import { createVideoRouteHandler, parseVideoRouteInput, type VideoRouteContext } from './index';

const job = (id: string): VideoJob => ({
  specificationVersion: 'v3',
  provider: 'mock-provider',
  modelId: 'mock-model-id',
  operation: { id },
});

const post = (body: unknown, init: RequestInit = {}) =>
  new Request('http://app.test/api/video', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
    ...init,
  });

async function collect(response: Response): Promise<VideoEvent[]> {
  const events: VideoEvent[] = [];
  for await (const event of readVideoEvents(response)) events.push(event);
  return events;
}

function publicModel() {
  return createMockJobModel({
    statuses: [
      { status: 'pending', providerStatus: 'IN_QUEUE', queuePosition: 2 },
      { status: 'pending', providerStatus: 'IN_PROGRESS', progress: 40 },
      mockCompletedStatus([{ type: 'url', url: 'https://cdn.example.com/v.mp4', mediaType: 'video/mp4' }]),
    ],
  });
}

function credentialedModel() {
  return createMockJobModel({
    statuses: [
      mockCompletedStatus([{ type: 'url', url: 'https://api.example.com/videos/1/content', mediaType: 'video/mp4' }]),
    ],
    download: () =>
      new Response(new Uint8Array([7, 8, 9]), { headers: { 'content-length': '3', 'content-type': 'video/mp4' } }),
  });
}

describe('createVideoRouteHandler', () => {
  describe('generate', () => {
    it('submits once and streams job-created, the statuses and completed as SSE', async () => {
      const model = publicModel();
      const handler = createVideoRouteHandler({ model, poll: { intervalMs: 1 } });
      const response = await handler(
        post({ action: 'generate', input: { prompt: 'A red kite', duration: 4, seed: 0 } }),
      );
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('text/event-stream');
      expect(await collect(response)).toStrictEqual([
        { type: 'job-created', callIndex: 0, job: job('job-1') },
        {
          type: 'status',
          callIndex: 0,
          job: job('job-1'),
          status: 'pending',
          providerStatus: 'IN_QUEUE',
          queuePosition: 2,
        },
        {
          type: 'status',
          callIndex: 0,
          job: job('job-1'),
          status: 'pending',
          providerStatus: 'IN_PROGRESS',
          progress: 40,
        },
        { type: 'status', callIndex: 0, job: job('job-1'), status: 'completed' },
        {
          type: 'completed',
          callIndex: 0,
          job: job('job-1'),
          videos: [{ index: 0, mediaType: 'video/mp4', url: 'https://cdn.example.com/v.mp4' }],
        },
      ]);
      expect(model.startCalls).toHaveLength(1);
      expect(model.startCalls[0]).toMatchObject({ prompt: 'A red kite', duration: 4, seed: 0, n: 1 });
      expect(model.cancelCalls).toHaveLength(0);
    });

    it('does not download on the server without onResult (the stream ends at completed)', async () => {
      const model = credentialedModel();
      const handler = createVideoRouteHandler({ model, poll: { intervalMs: 1 } });
      const events = await collect(await handler(post({ action: 'generate', input: { prompt: 'x' } })));
      expect(events.map((event) => event.type)).toStrictEqual(['job-created', 'status', 'completed']);
      expect(events[2]).toStrictEqual({
        type: 'completed',
        callIndex: 0,
        job: job('job-1'),
        videos: [{ index: 0, mediaType: 'video/mp4' }],
      });
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(model.downloadCalls).toHaveLength(0);
    });

    it('downloads for onResult, streaming download-progress, and reports the job to onJobCreated first', async () => {
      const model = credentialedModel();
      const calls: string[] = [];
      const onResult = vi.fn(async (result: GenerateVideoResult, _context: VideoRouteContext) => {
        calls.push(`result:${result.video.uint8Array.join(',')}`);
      });
      const handler = createVideoRouteHandler({
        model,
        poll: { intervalMs: 1 },
        onJobCreated: (created) => {
          calls.push(`job:${JSON.stringify(created.operation)}`);
        },
        onResult,
      });
      const events = await collect(await handler(post({ action: 'generate', input: { prompt: 'x' } })));
      expect(events.map((event) => event.type)).toStrictEqual([
        'job-created',
        'status',
        'completed',
        'download-progress',
      ]);
      await vi.waitFor(() => expect(onResult).toHaveBeenCalledTimes(1));
      expect(calls).toStrictEqual(['job:{"id":"job-1"}', 'result:7,8,9']);
      expect(onResult.mock.calls[0][1]).toMatchObject({
        action: 'generate',
        job: job('job-1'),
        input: { prompt: 'x' },
      });
    });

    it('refuses input outside the allow-list before anything is submitted (400)', async () => {
      const model = publicModel();
      const handler = createVideoRouteHandler({ model });
      for (const input of [
        {},
        { prompt: '' },
        { prompt: 'x', n: 50 },
        { prompt: 'x', providerOptions: {} },
        { prompt: 'x', image: 'http://10.0.0.1/a.png' },
      ]) {
        const response = await handler(post({ action: 'generate', input }));
        expect(response.status, JSON.stringify(input)).toBe(400);
        expect(await response.json()).toMatchObject({ error: { name: 'BadRequest', message: expect.any(String) } });
      }
      expect(model.startCalls).toHaveLength(0);
    });

    it('answers 400 for invalid values core rejects, 502 for a provider error, 405 for other methods', async () => {
      const handler = createVideoRouteHandler({ model: publicModel() });
      const invalid = await handler(post({ action: 'generate', input: { prompt: 'x', duration: -1 } }));
      expect(invalid.status).toBe(400);
      expect((await invalid.json()).error.name).toBe('AI_InvalidArgumentError');

      const { APICallError } = await import('@videogen/core');
      const failing = createMockJobModel({
        start: () => {
          throw new APICallError({
            message: 'Bad gateway',
            url: 'https://api',
            requestBodyValues: {},
            statusCode: 400,
            isRetryable: false,
          });
        },
      });
      const providerError = await createVideoRouteHandler({ model: failing })(
        post({ action: 'generate', input: { prompt: 'x' } }),
      );
      expect(providerError.status).toBe(502);
      expect(await providerError.json()).toStrictEqual({ error: { name: 'AI_APICallError', message: 'Bad gateway' } });

      expect((await handler(new Request('http://app.test/api/video', { method: 'PUT' }))).status).toBe(405);
      expect((await handler(post({ action: 'explode' }))).status).toBe(400);
      expect((await handler(new Request('http://app.test/api/video', { method: 'POST', body: 'nope' }))).status).toBe(
        400,
      );
    });

    it('stops watching but never cancels the job when the page disconnects', async () => {
      const model = createMockJobModel({ statuses: [{ status: 'pending', progress: 10 }] });
      const handler = createVideoRouteHandler({ model, poll: { intervalMs: 2 } });
      const controller = new AbortController();
      const response = await handler(
        post({ action: 'generate', input: { prompt: 'x' } }, { signal: controller.signal }),
      );
      const iterator = readVideoEvents(response)[Symbol.asyncIterator]();
      expect((await iterator.next()).value).toMatchObject({ type: 'job-created' });
      expect((await iterator.next()).value).toMatchObject({ type: 'status', progress: 10 });
      controller.abort();
      await iterator.return?.();
      await new Promise((resolve) => setTimeout(resolve, 30));
      const polls = model.statusCalls.length;
      await new Promise((resolve) => setTimeout(resolve, 30));
      expect(model.statusCalls.length).toBe(polls);
      expect(model.cancelCalls).toHaveLength(0);
    });
  });

  describe('resume', () => {
    it('re-attaches to a job with its current status first, without submitting', async () => {
      const model = publicModel();
      const handler = createVideoRouteHandler({ model, poll: { intervalMs: 1 } });
      const events = await collect(await handler(post({ action: 'resume', job: job('job-7') })));
      expect(events.map((event) => event.type)).toStrictEqual(['status', 'status', 'status', 'completed']);
      expect(events[0]).toMatchObject({ job: job('job-7'), queuePosition: 2 });
      expect(model.startCalls).toHaveLength(0);
      expect(model.statusCalls[0].operation).toStrictEqual({ id: 'job-7' });
    });

    it('accepts the job as a JSON string, ends a failed job with an error event, and rejects a malformed job', async () => {
      const model = createMockJobModel({
        statuses: [{ status: 'failed', error: { code: 'filtered', message: 'Blocked', contentFiltered: true } }],
      });
      const onError = vi.fn();
      const handler = createVideoRouteHandler({ model, poll: { intervalMs: 1 }, onError });
      const events = await collect(await handler(post({ action: 'resume', job: JSON.stringify(job('job-2')) })));
      expect(events.at(-1)).toMatchObject({
        type: 'error',
        error: { name: 'VideoGen_VideoJobFailedError', job: job('job-2'), code: 'filtered', contentFiltered: true },
      });
      await vi.waitFor(() => expect(onError).toHaveBeenCalledTimes(1));
      expect((await handler(post({ action: 'resume', job: { provider: 'x' } }))).status).toBe(400);
      expect((await handler(post({ action: 'resume' }))).status).toBe(400);
    });

    it("asks resolveModel for the job's model and refuses a job of another model", async () => {
      const model = publicModel();
      const resolveModel = vi.fn(() => model);
      const handler = createVideoRouteHandler({ resolveModel, poll: { intervalMs: 1 } });
      await collect(await handler(post({ action: 'resume', job: job('job-3') })));
      expect(resolveModel).toHaveBeenCalledWith(expect.objectContaining({ action: 'resume', job: job('job-3') }));
      const foreign = await handler(post({ action: 'resume', job: { ...job('job-4'), provider: 'other.video' } }));
      expect(foreign.status).toBe(400);
    });
  });

  describe('cancel', () => {
    it('cancels at the provider', async () => {
      const model = publicModel();
      const handler = createVideoRouteHandler({ model });
      const response = await handler(post({ action: 'cancel', job: job('job-5') }));
      expect(response.status).toBe(200);
      expect(await response.json()).toStrictEqual({ cancelled: true });
      expect(model.cancelCalls.map((call) => call.operation)).toStrictEqual([{ id: 'job-5' }]);
    });

    it('answers 501 when the provider cannot cancel', async () => {
      const handler = createVideoRouteHandler({ model: createMockJobModel({ cancel: false }) });
      const response = await handler(post({ action: 'cancel', job: job('job-5') }));
      expect(response.status).toBe(501);
      expect((await response.json()).error.name).toBe('AI_UnsupportedFunctionalityError');
    });
  });

  describe('content', () => {
    it('serves a credentialed video by GET ?job=&index=', async () => {
      const model = credentialedModel();
      const handler = createVideoRouteHandler({ model });
      const url = `http://app.test/api/video?job=${encodeURIComponent(JSON.stringify(job('job-1')))}&index=0`;
      const response = await handler(new Request(url));
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('video/mp4');
      expect(new Uint8Array(await response.arrayBuffer())).toStrictEqual(new Uint8Array([7, 8, 9]));
      expect((await handler(new Request('http://app.test/api/video'))).status).toBe(400);
      expect((await handler(new Request(`${url.slice(0, -1)}5`))).status).toBe(404);
    });
  });

  describe('authorize', () => {
    it('answers 403 for every action it refuses, before touching the provider', async () => {
      const model = credentialedModel();
      const authorize = vi.fn(({ request }: VideoRouteContext) => request.headers.get('x-user') === 'ada');
      const handler = createVideoRouteHandler({ model, authorize });
      const bodies = [
        { action: 'generate', input: { prompt: 'x' } },
        { action: 'resume', job: job('job-1') },
        { action: 'cancel', job: job('job-1') },
      ];
      for (const body of bodies) expect((await handler(post(body))).status).toBe(403);
      expect(
        (
          await handler(
            new Request(`http://app.test/api/video?job=${encodeURIComponent(JSON.stringify(job('job-1')))}`),
          )
        ).status,
      ).toBe(403);
      expect(authorize.mock.calls.map(([context]) => context.action)).toStrictEqual([
        'generate',
        'resume',
        'cancel',
        'content',
      ]);
      expect(model.startCalls.length + model.statusCalls.length + model.cancelCalls.length).toBe(0);
      const allowed = await handler(
        post(
          { action: 'cancel', job: job('job-1') },
          { headers: { 'content-type': 'application/json', 'x-user': 'ada' } },
        ),
      );
      expect(allowed.status).toBe(200);
    });
  });
});

describe('parseVideoRouteInput', () => {
  it('keeps exactly the allowed fields', () => {
    expect(
      parseVideoRouteInput({
        prompt: 'x',
        aspectRatio: '16:9',
        resolution: '1280x720',
        duration: 8,
        fps: 24,
        seed: 0,
        generateAudio: false,
        image: 'data:image/png;base64,AAAA',
      }),
    ).toStrictEqual({
      prompt: 'x',
      aspectRatio: '16:9',
      resolution: '1280x720',
      duration: 8,
      fps: 24,
      seed: 0,
      generateAudio: false,
      image: 'data:image/png;base64,AAAA',
    });
    expect(() => parseVideoRouteInput({ prompt: 'x', aspectRatio: 'wide' })).toThrow(/aspectRatio/);
    expect(() => parseVideoRouteInput({ prompt: 'x', seed: '1' })).toThrow(/seed/);
    expect(() => parseVideoRouteInput(null)).toThrow(/input/);
  });
});
