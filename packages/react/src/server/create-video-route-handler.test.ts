import { readVideoEvents, type GenerateVideoResult, type VideoEvent, type VideoJob } from '@videogen/core';
import { createMockJobModel, mockCompletedStatus } from '@videogen/core/test';
import { describe, expect, it, vi } from 'vitest';
import { createVideoRouteHandler, parseVideoRouteInput, signVideoRouteJob, type VideoRouteContext } from './index';

const SECRET = 'route-secret-for-tests-0123456789abcdef';

const job = (id: string): VideoJob => ({
  specificationVersion: 'v3',
  provider: 'mock-provider',
  modelId: 'mock-model-id',
  operation: { id },
});

/** The job as the route hands it to the page: signed with the route's secret. */
const signed = (id: string) => signVideoRouteJob({ job: job(id), secret: SECRET });

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
      const handler = createVideoRouteHandler({ secret: SECRET, model, poll: { intervalMs: 1 } });
      const response = await handler(
        post({ action: 'generate', input: { prompt: 'A red kite', duration: 4, seed: 0 } }),
      );
      expect(response.status).toBe(200);
      const pageJob = await signed('job-1');
      expect(response.headers.get('content-type')).toBe('text/event-stream');
      expect(await collect(response)).toStrictEqual([
        { type: 'job-created', callIndex: 0, job: pageJob },
        {
          type: 'status',
          callIndex: 0,
          job: pageJob,
          status: 'pending',
          providerStatus: 'IN_QUEUE',
          queuePosition: 2,
        },
        {
          type: 'status',
          callIndex: 0,
          job: pageJob,
          status: 'pending',
          providerStatus: 'IN_PROGRESS',
          progress: 40,
        },
        { type: 'status', callIndex: 0, job: pageJob, status: 'completed' },
        {
          type: 'completed',
          callIndex: 0,
          job: pageJob,
          videos: [{ index: 0, mediaType: 'video/mp4', url: 'https://cdn.example.com/v.mp4' }],
        },
      ]);
      expect(model.startCalls).toHaveLength(1);
      expect(model.startCalls[0]).toMatchObject({ prompt: 'A red kite', duration: 4, seed: 0, n: 1 });
      expect(model.cancelCalls).toHaveLength(0);
    });

    it('does not download on the server without onResult (the stream ends at completed)', async () => {
      const model = credentialedModel();
      const handler = createVideoRouteHandler({ secret: SECRET, model, poll: { intervalMs: 1 } });
      const events = await collect(await handler(post({ action: 'generate', input: { prompt: 'x' } })));
      expect(events.map((event) => event.type)).toStrictEqual(['job-created', 'status', 'completed']);
      expect(events[2]).toStrictEqual({
        type: 'completed',
        callIndex: 0,
        job: await signed('job-1'),
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
        secret: SECRET,
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
        job: await signed('job-1'),
        input: { prompt: 'x' },
      });
    });

    it('refuses input outside the allow-list before anything is submitted (400)', async () => {
      const model = publicModel();
      const handler = createVideoRouteHandler({ secret: SECRET, model });
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
      const handler = createVideoRouteHandler({ secret: SECRET, model: publicModel() });
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
      const providerError = await createVideoRouteHandler({ secret: SECRET, model: failing })(
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
      const handler = createVideoRouteHandler({ secret: SECRET, model, poll: { intervalMs: 2 } });
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
      const handler = createVideoRouteHandler({ secret: SECRET, model, poll: { intervalMs: 1 } });
      const events = await collect(await handler(post({ action: 'resume', job: await signed('job-7') })));
      expect(events.map((event) => event.type)).toStrictEqual(['status', 'status', 'status', 'completed']);
      expect(events[0]).toStrictEqual({ ...events[0], job: await signed('job-7'), queuePosition: 2 });
      expect(model.startCalls).toHaveLength(0);
      expect(model.statusCalls[0].operation).toStrictEqual({ id: 'job-7' });
    });

    it('accepts the job as a JSON string, ends a failed job with an error event, and rejects a malformed job', async () => {
      const model = createMockJobModel({
        statuses: [{ status: 'failed', error: { code: 'filtered', message: 'Blocked', contentFiltered: true } }],
      });
      const onError = vi.fn();
      const handler = createVideoRouteHandler({ secret: SECRET, model, poll: { intervalMs: 1 }, onError });
      const events = await collect(
        await handler(post({ action: 'resume', job: JSON.stringify(await signed('job-2')) })),
      );
      expect(events.at(-1)).toMatchObject({
        type: 'error',
        error: {
          name: 'VideoGen_VideoJobFailedError',
          job: await signed('job-2'),
          code: 'filtered',
          contentFiltered: true,
        },
      });
      await vi.waitFor(() => expect(onError).toHaveBeenCalledTimes(1));
      expect((await handler(post({ action: 'resume', job: { provider: 'x' } }))).status).toBe(400);
      expect((await handler(post({ action: 'resume' }))).status).toBe(400);
    });

    it("asks resolveModel for the job's model and refuses a job of another model", async () => {
      const model = publicModel();
      const resolveModel = vi.fn(() => model);
      const handler = createVideoRouteHandler({ secret: SECRET, resolveModel, poll: { intervalMs: 1 } });
      await collect(await handler(post({ action: 'resume', job: await signed('job-3') })));
      expect(resolveModel).toHaveBeenCalledWith(
        expect.objectContaining({ action: 'resume', job: await signed('job-3') }),
      );
      const foreign = await handler(
        post({
          action: 'resume',
          job: await signVideoRouteJob({ job: { ...job('job-4'), provider: 'other.video' }, secret: SECRET }),
        }),
      );
      expect(foreign.status).toBe(400);
    });
  });

  describe('cancel', () => {
    it('cancels at the provider', async () => {
      const model = publicModel();
      const handler = createVideoRouteHandler({ secret: SECRET, model });
      const response = await handler(post({ action: 'cancel', job: await signed('job-5') }));
      expect(response.status).toBe(200);
      expect(await response.json()).toStrictEqual({ cancelled: true });
      expect(model.cancelCalls.map((call) => call.operation)).toStrictEqual([{ id: 'job-5' }]);
    });

    it('answers 501 when the provider cannot cancel', async () => {
      const handler = createVideoRouteHandler({ secret: SECRET, model: createMockJobModel({ cancel: false }) });
      const response = await handler(post({ action: 'cancel', job: await signed('job-5') }));
      expect(response.status).toBe(501);
      expect((await response.json()).error.name).toBe('AI_UnsupportedFunctionalityError');
    });
  });

  describe('content', () => {
    it('serves a credentialed video by GET ?job=&index=', async () => {
      const model = credentialedModel();
      const handler = createVideoRouteHandler({ secret: SECRET, model });
      const url = `http://app.test/api/video?job=${encodeURIComponent(JSON.stringify(await signed('job-1')))}&index=0`;
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

describe('job signatures (the default authorization)', () => {
  const contentRequest = (value: unknown) =>
    new Request(`http://app.test/api/video?job=${encodeURIComponent(JSON.stringify(value))}&index=0`);
  const actOn = (handler: (request: Request) => Promise<Response>, value: unknown) =>
    Promise.all([
      handler(post({ action: 'resume', job: value })).then((response) => response.status),
      handler(post({ action: 'cancel', job: value })).then((response) => response.status),
      handler(contentRequest(value)).then((response) => response.status),
    ]);
  const nonCanonical = (signature: string) => {
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const last = alphabet.indexOf(signature.at(-1)!);
    return signature.slice(0, -1) + alphabet[last ^ 1];
  };
  const providerCalls = (model: ReturnType<typeof credentialedModel>) =>
    model.startCalls.length + model.statusCalls.length + model.cancelCalls.length + model.downloadCalls.length;

  it('refuses to create a route without a secret or authorize, and reads VIDEOGEN_ROUTE_SECRET', () => {
    vi.stubEnv('VIDEOGEN_ROUTE_SECRET', '');
    try {
      expect(() => createVideoRouteHandler({ model: publicModel() })).toThrow(/VIDEOGEN_ROUTE_SECRET/);
      expect(() => createVideoRouteHandler({ model: publicModel(), secret: 'short' })).toThrow(/32 characters/);
      vi.stubEnv('VIDEOGEN_ROUTE_SECRET', SECRET);
      expect(createVideoRouteHandler({ model: publicModel() })).toBeTypeOf('function');
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it("refuses an anonymous resume, cancel and content of another route's job with 403, before the provider", async () => {
    const model = credentialedModel();
    const resolveModel = vi.fn(() => model);
    const handler = createVideoRouteHandler({ secret: SECRET, resolveModel });
    const foreign = await signVideoRouteJob({ job: job('job-1'), secret: 'another-route-secret-0123456789abcdef' });
    expect(await actOn(handler, foreign)).toStrictEqual([403, 403, 403]);
    const response = await handler(post({ action: 'cancel', job: foreign }));
    expect(await response.json()).toMatchObject({ error: { name: 'Forbidden' } });
    expect(resolveModel).not.toHaveBeenCalled();
    expect(providerCalls(model)).toBe(0);
  });

  it('refuses a job built from a bare request id (no signature)', async () => {
    const model = credentialedModel();
    const handler = createVideoRouteHandler({ secret: SECRET, model });
    expect(await actOn(handler, job('job-1'))).toStrictEqual([403, 403, 403]);
    expect(await actOn(handler, JSON.stringify(job('job-1')))).toStrictEqual([403, 403, 403]);
    expect(providerCalls(model)).toBe(0);
  });

  it('refuses tampered jobs and signatures', async () => {
    const model = credentialedModel();
    const authorize = vi.fn(() => true);
    const handler = createVideoRouteHandler({ secret: SECRET, model, authorize });
    const own = await signed('job-1');
    const tampered = [
      { ...own, operation: { id: 'job-2' } },
      { ...own, modelId: 'other-model' },
      { ...own, operation: { id: 'job-1', extra: true } },
      { ...own, routeSignature: (await signed('job-2')).routeSignature },
      {
        ...own,
        routeSignature: `${own.routeSignature.slice(0, -2)}${own.routeSignature.endsWith('AA') ? 'BB' : 'AA'}`,
      },
      // The same bytes in a non-canonical base64url spelling (the last character's unused bits set).
      { ...own, routeSignature: nonCanonical(own.routeSignature) },
      { ...own, routeSignature: own.routeSignature.replace('v1.', 'v2.') },
      { ...own, routeSignature: 'v1.not base64!' },
      { ...own, routeSignature: 'v1.' },
      { ...own, routeSignature: 42 },
    ];
    for (const value of tampered)
      expect(await actOn(handler, value), JSON.stringify(value)).toStrictEqual([403, 403, 403]);
    expect(authorize).not.toHaveBeenCalled();
    expect(providerCalls(model)).toBe(0);
  });

  it('serves its own jobs: the job-created job resumes, plays and cancels, even with its keys reordered', async () => {
    const model = credentialedModel();
    const onJobCreated = vi.fn();
    const handler = createVideoRouteHandler({ secret: SECRET, model, poll: { intervalMs: 1 }, onJobCreated });
    const events = await collect(await handler(post({ action: 'generate', input: { prompt: 'x' } })));
    const created = events[0] as unknown as { type: 'job-created'; job: VideoJob & { routeSignature: string } };
    expect(created.job).toStrictEqual({ ...job('job-1'), routeSignature: expect.stringMatching(/^v1\.[\w-]{43}$/) });
    expect(onJobCreated).toHaveBeenCalledWith(created.job, expect.objectContaining({ job: created.job }));
    // The provider never sees the signature.
    expect(JSON.stringify([model.startCalls, model.statusCalls])).not.toContain(created.job.routeSignature);

    const { routeSignature, operation, ...rest } = created.job as VideoJob & { routeSignature: string };
    const reordered = { routeSignature, operation, ...rest };
    const resumed = await collect(await handler(post({ action: 'resume', job: reordered })));
    expect(resumed.at(-1)).toMatchObject({ type: 'completed', job: reordered });
    const content = await handler(contentRequest(created.job));
    expect(content.status).toBe(200);
    expect(new Uint8Array(await content.arrayBuffer())).toStrictEqual(new Uint8Array([7, 8, 9]));
    expect((await handler(post({ action: 'cancel', job: created.job }))).status).toBe(200);
    expect(model.cancelCalls.map((call) => call.operation)).toStrictEqual([{ id: 'job-1' }]);
  });

  it('checks the signature first, then authorize', async () => {
    const model = credentialedModel();
    const authorize = vi.fn(({ request }: VideoRouteContext) => request.headers.get('x-user') === 'ada');
    const handler = createVideoRouteHandler({ secret: SECRET, model, authorize });
    const asAda = { headers: { 'content-type': 'application/json', 'x-user': 'ada' } };
    expect((await handler(post({ action: 'cancel', job: job('job-1') }, asAda))).status).toBe(403);
    expect(authorize).not.toHaveBeenCalled();
    expect((await handler(post({ action: 'cancel', job: await signed('job-1') }))).status).toBe(403);
    expect((await handler(post({ action: 'cancel', job: await signed('job-1') }, asAda))).status).toBe(200);
    expect(authorize).toHaveBeenCalledTimes(2);
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

describe('source videos (extend, edit, remix)', () => {
  const sourceModel = () =>
    createMockJobModel({
      capabilities: {
        sourceVideo: [
          { operation: 'extend', origins: ['job'], requiresPrompt: false },
          { operation: 'edit', origins: ['data'] },
        ],
      },
      statuses: [mockCompletedStatus([{ type: 'url', url: 'https://cdn.example.com/v.mp4', mediaType: 'video/mp4' }])],
    });
  // An MP4's first bytes: size, `ftyp`, brand `isom`.
  const mp4 = new Uint8Array([0, 0, 0, 0x18, 0x66, 0x74, 0x79, 0x70, 0x69, 0x73, 0x6f, 0x6d, 0, 0, 2, 0]);
  const mp4DataUrl = `data:video/mp4;base64,${btoa(String.fromCharCode(...mp4))}`;

  it('extends a job this route started: the signature is checked, then core gets the bare job', async () => {
    const model = sourceModel();
    const handler = createVideoRouteHandler({ secret: SECRET, model, poll: { intervalMs: 1 } });
    const source = await signed('job-7');
    const response = await handler(
      post({ action: 'generate', input: { prompt: 'Keep going', sourceVideo: { operation: 'extend', job: source } } }),
    );
    expect(response.status).toBe(200);
    await collect(response);
    expect(model.startCalls).toHaveLength(1);
    expect(model.startCalls[0].sourceVideo).toMatchObject({ operation: 'extend', job: job('job-7'), index: 0 });
    expect(JSON.stringify(model.startCalls[0].sourceVideo)).not.toContain('routeSignature');
  });

  it('refuses a source job this route did not sign (or a tampered one) before anything is paid for', async () => {
    const model = sourceModel();
    const handler = createVideoRouteHandler({ secret: SECRET, model, poll: { intervalMs: 1 } });
    const tampered = { ...(await signed('job-7')), operation: { id: 'someone-elses-job' } };
    for (const source of [job('job-7'), tampered]) {
      const response = await handler(
        post({
          action: 'generate',
          input: { prompt: 'Keep going', sourceVideo: { operation: 'extend', job: source } },
        }),
      );
      expect(response.status).toBe(403);
      expect(await response.json()).toMatchObject({
        error: { message: 'The source video job was not started by this route (missing or invalid routeSignature).' },
      });
    }
    expect(model.startCalls).toHaveLength(0);
    expect(model.statusCalls).toHaveLength(0);
  });

  it('edits an uploaded video (a data: URL) and refuses other URLs and shapes in the default parser', async () => {
    const model = sourceModel();
    const handler = createVideoRouteHandler({ secret: SECRET, model, poll: { intervalMs: 1 } });
    const response = await handler(
      post({
        action: 'generate',
        input: { prompt: 'Make it night', sourceVideo: { operation: 'edit', video: mp4DataUrl } },
      }),
    );
    expect(response.status).toBe(200);
    await collect(response);
    expect(model.startCalls[0].sourceVideo).toMatchObject({ operation: 'edit', video: { mediaType: 'video/mp4' } });

    expect(() =>
      parseVideoRouteInput({ prompt: 'x', sourceVideo: { operation: 'edit', video: 'https://evil.test/v.mp4' } }),
    ).toThrow('`sourceVideo.video` must be a data: URL of a video (base64).');
    expect(() =>
      parseVideoRouteInput({ prompt: 'x', sourceVideo: { operation: 'stretch', video: mp4DataUrl } }),
    ).toThrow('`sourceVideo.operation` must be one of extend, edit, remix, video-to-video.');
    expect(() => parseVideoRouteInput({ prompt: 'x', sourceVideo: { operation: 'edit' } })).toThrow(
      '`sourceVideo` takes either a `job` this route started or a `video` data: URL.',
    );
    expect(() =>
      parseVideoRouteInput({
        prompt: 'x',
        sourceVideo: { operation: 'edit', video: mp4DataUrl, model: 'openai:sora-2' },
      }),
    ).toThrow('`sourceVideo.model` is not accepted by this route.');
  });
});
