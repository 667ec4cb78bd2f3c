import { readVideoEvents, type VideoEvent, type VideoJob } from '@videogen/core';
import { createMockJobModel, mockCompletedStatus } from '@videogen/core/test';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createVideoRouteTransport, VideoGenerationClient } from '../client/index';
import { createVideoRouteHandler, signVideoRouteJob } from './index';

const SECRET = 'route-secret-for-tests-0123456789abcdef';

const job = (id: string): VideoJob => ({
  specificationVersion: 'v3',
  provider: 'mock-provider',
  modelId: 'mock-model-id',
  operation: { id },
});

const post = (body: unknown, headers: Record<string, string> = {}) =>
  new Request('http://app.test/api/video', {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: 'user=alice', ...headers },
    body: JSON.stringify(body),
  });

async function collect(response: Response): Promise<VideoEvent[]> {
  const events: VideoEvent[] = [];
  for await (const event of readVideoEvents(response)) events.push(event);
  return events;
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

/** The user is the `user` cookie, as a session would be. */
const getSubject = (request: Request) => /user=(\w+)/.exec(request.headers.get('cookie') ?? '')?.[1];

async function signedLinkOf(response: Response): Promise<string> {
  const completed = (await collect(response)).find((event) => event.type === 'completed');
  if (completed?.type !== 'completed') throw new Error('no completed event');
  expect(completed.videos[0]).toMatchObject({ index: 0, mediaType: 'video/mp4', urlSource: 'signed' });
  return completed.videos[0].url!;
}

const get = (link: string, user = 'alice') =>
  new Request(new URL(link, 'http://app.test'), { headers: { cookie: `user=${user}` } });

describe('createVideoRouteHandler downloadLinks', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('keeps proxying by default: no url for a credentialed video', async () => {
    const handler = createVideoRouteHandler({ secret: SECRET, model: credentialedModel() });
    const events = await collect(await handler(post({ action: 'generate', input: { prompt: 'x' } })));
    expect(events.find((event) => event.type === 'completed')).toMatchObject({
      videos: [{ index: 0, mediaType: 'video/mp4' }],
    });
    expect(JSON.stringify(events)).not.toContain('signature');
  });

  it("hands out a signed link to the route's GET that plays for its user", async () => {
    const model = credentialedModel();
    const handler = createVideoRouteHandler({ secret: SECRET, model, downloadLinks: true, getSubject });
    const link = await signedLinkOf(await handler(post({ action: 'generate', input: { prompt: 'x' } })));
    expect(link.startsWith('/api/video?job=')).toBe(true);
    expect(link).not.toContain('alice');
    const response = await handler(get(link));
    expect(response.status).toBe(200);
    expect(new Uint8Array(await response.arrayBuffer())).toStrictEqual(new Uint8Array([7, 8, 9]));
  });

  it("refuses another user's link, a tampered job or index, and an expired link with 403, before the provider", async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-12-04T00:00:00Z'));
    const model = credentialedModel();
    const handler = createVideoRouteHandler({
      secret: SECRET,
      model,
      downloadLinks: { expiresIn: 60, baseUrl: 'https://app.test/api/video' },
      getSubject,
    });
    const link = await signedLinkOf(await handler(post({ action: 'generate', input: { prompt: 'x' } })));
    expect(link.startsWith('https://app.test/api/video?job=')).toBe(true);
    const statusCallsBefore = model.statusCalls.length;
    const refused = async (request: Request) => {
      const response = await handler(request);
      return { status: response.status, body: (await response.json()) as { error: { message: string } } };
    };
    expect((await refused(get(link, 'bob'))).status).toBe(403);
    const otherJob = new URL(link);
    otherJob.searchParams.set('job', JSON.stringify(job('job-2')));
    expect((await refused(get(otherJob.href))).status).toBe(403);
    const otherIndex = new URL(link);
    otherIndex.searchParams.set('index', '1');
    expect((await refused(get(otherIndex.href))).status).toBe(403);
    const later = new URL(link);
    later.searchParams.set('expires', String(Number(later.searchParams.get('expires')) + 3600));
    expect((await refused(get(later.href))).status).toBe(403);
    expect(model.statusCalls.length).toBe(statusCallsBefore);
    vi.setSystemTime(new Date('2026-12-04T00:01:01Z'));
    const expired = await refused(get(link));
    expect(expired).toStrictEqual({
      status: 403,
      body: { error: { name: 'Forbidden', message: 'This download link has expired.' } },
    });
    vi.setSystemTime(new Date('2026-12-04T00:00:30Z'));
    expect((await handler(get(link))).status).toBe(200);
  });

  it("gives the provider's own public link where it has one", async () => {
    const model = credentialedModel();
    Object.assign(model, {
      doGetDownloadUrl: async () => ({ url: 'https://cdn.example.com/v.mp4?token=t', mediaType: 'video/mp4' }),
    });
    const handler = createVideoRouteHandler({ secret: SECRET, model, downloadLinks: true });
    const events = await collect(await handler(post({ action: 'generate', input: { prompt: 'x' } })));
    expect(events.find((event) => event.type === 'completed')).toMatchObject({
      videos: [{ index: 0, url: 'https://cdn.example.com/v.mp4?token=t', urlSource: 'provider' }],
    });
  });

  it('needs a secret to sign links', () => {
    expect(() =>
      createVideoRouteHandler({ model: credentialedModel(), authorize: () => true, downloadLinks: true }),
    ).toThrow('`downloadLinks` needs a `secret`');
  });

  it('the client plays the signed link (source "server")', async () => {
    const handler = createVideoRouteHandler({ secret: SECRET, model: credentialedModel(), downloadLinks: true });
    const fetch = async (url: string, init: RequestInit) => handler(new Request(new URL(url, 'http://app.test'), init));
    const client = new VideoGenerationClient({ transport: createVideoRouteTransport({ api: '/api/video', fetch }) });
    const result = await client.generate({ prompt: 'x' });
    expect(result?.video.source).toBe('server');
    expect(result?.video.url.startsWith('/api/video?job=')).toBe(true);
    expect(result?.video.url).toContain('signature=');
  });
});

describe('createVideoRouteHandler reconnection', () => {
  it('resumes the job of a generate request that reconnects with Last-Event-ID, never submitting again', async () => {
    const model = credentialedModel();
    const handler = createVideoRouteHandler({ secret: SECRET, model });
    const first = await handler(post({ action: 'generate', input: { prompt: 'x' } }));
    const text = await first.text();
    const firstId = /^id: (.+)$/m.exec(text)![1];
    const again = await handler(post({ action: 'generate', input: { prompt: 'x' } }, { 'last-event-id': firstId }));
    const events = await collect(again);
    expect(model.startCalls).toHaveLength(1);
    const pageJob = await signVideoRouteJob({ job: job('job-1'), secret: SECRET });
    expect(events.find((event) => event.type === 'completed')).toMatchObject({ job: pageJob });
  });

  it('refuses a Last-Event-ID that names a job the route did not sign', async () => {
    const model = credentialedModel();
    const handler = createVideoRouteHandler({ secret: SECRET, model });
    const forged = `v1.${btoa(JSON.stringify({ n: 1, jobs: [job('someone-elses')] })).replace(/=+$/, '')}`;
    const response = await handler(post({ action: 'generate', input: { prompt: 'x' } }, { 'last-event-id': forged }));
    expect(response.status).toBe(403);
    expect(model.startCalls).toHaveLength(0);
  });

  it('answers 409 to a generate whose Last-Event-ID names no job, without submitting', async () => {
    const model = credentialedModel();
    const handler = createVideoRouteHandler({ secret: SECRET, model });
    const noJob = `v1.${btoa(JSON.stringify({ n: 1, jobs: [] })).replace(/=+$/, '')}`;
    const response = await handler(post({ action: 'generate', input: { prompt: 'x' } }, { 'last-event-id': noJob }));
    expect(response.status).toBe(409);
    expect(model.startCalls).toHaveLength(0);
  });

  it('the client reconnects a dropped stream through resume with Last-Event-ID and finishes', async () => {
    const model = createMockJobModel({
      statuses: [
        { status: 'pending', providerStatus: 'IN_QUEUE' },
        mockCompletedStatus([{ type: 'url', url: 'https://cdn.example.com/v.mp4', mediaType: 'video/mp4' }]),
      ],
    });
    const handler = createVideoRouteHandler({ secret: SECRET, model, poll: { intervalMs: 1 } });
    const seen: Array<{ action: string; lastEventId: string | null }> = [];
    const fetch = async (url: string, init: RequestInit) => {
      const request = new Request(new URL(url, 'http://app.test'), init);
      seen.push({ action: JSON.parse(String(init.body)).action, lastEventId: request.headers.get('last-event-id') });
      const response = await handler(request);
      if (seen.length > 1) return response;
      // The first connection drops right after job-created.
      const reader = response.body!.getReader();
      const { value } = await reader.read();
      const first = new TextDecoder().decode(value);
      const body = new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(new TextEncoder().encode(first));
        },
        async pull(controller) {
          const chunk = await reader.read();
          const text = new TextDecoder().decode(chunk.value);
          if (/^id: /m.test(text)) {
            controller.enqueue(chunk.value!);
            await reader.cancel();
            controller.error(new TypeError('network error'));
          } else if (chunk.done) controller.close();
          else controller.enqueue(chunk.value!);
        },
      });
      return new Response(body, { headers: response.headers });
    };
    const client = new VideoGenerationClient({
      transport: createVideoRouteTransport({ api: '/api/video', fetch }),
      reconnect: { delayMs: 0 },
    });
    const result = await client.generate({ prompt: 'x' });
    expect(result?.video.url).toBe('https://cdn.example.com/v.mp4');
    expect(model.startCalls).toHaveLength(1);
    expect(seen.map((request) => request.action)).toStrictEqual(['generate', 'resume']);
    expect(seen[1].lastEventId).toMatch(/^v1\./);
  });
});
