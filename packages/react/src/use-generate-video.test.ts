// @vitest-environment jsdom
import type { VideoJob } from '@videogen/core';
import { createMockJobModel, mockCompletedStatus, type MockJobModelSettings } from '@videogen/core/test';
import { act, cleanup, renderHook, waitFor } from '@testing-library/react';
import { transferableAbortController } from 'node:util';
import { useEffect } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createVideoRouteHandler, type VideoRouteHandlerSettings } from './server/index';
import { useGenerateVideo, VideoGenerationError } from './index';

const job = (id: string): VideoJob => ({
  specificationVersion: 'v3',
  provider: 'mock-provider',
  modelId: 'mock-model-id',
  operation: { id },
});
const PUBLIC_URL = 'https://cdn.example.com/v.mp4';

/**
 * jsdom's AbortSignal in a signal that Node's `Request` accepts: Node 24's
 * undici refuses a signal of another realm ("Expected signal to be an
 * instance of AbortSignal"), which a browser never meets.
 */
function toNodeSignal(signal: AbortSignal | null | undefined): AbortSignal | undefined {
  if (!signal) return undefined;
  const controller = transferableAbortController();
  if (signal.aborted) controller.abort(signal.reason);
  else signal.addEventListener('abort', () => controller.abort(signal.reason), { once: true });
  return controller.signal;
}

type Phase = 'queued' | 'running' | 'done' | 'failed';

/**
 * A real route (createVideoRouteHandler) over a scripted job model, reached
 * through the hook's `fetch` option; `phase` moves the provider's job along.
 */
function createRoute({
  model: modelSettings = {},
  handler: handlerSettings = {},
  credentialed = false,
}: {
  model?: MockJobModelSettings;
  handler?: Partial<Omit<VideoRouteHandlerSettings, 'model' | 'resolveModel'>>;
  credentialed?: boolean;
} = {}) {
  const state = { phase: 'queued' as Phase };
  const model = createMockJobModel({
    statuses: [
      () => {
        switch (state.phase) {
          case 'queued':
            return { status: 'pending', providerStatus: 'IN_QUEUE', queuePosition: 3 };
          case 'running':
            return { status: 'pending', providerStatus: 'IN_PROGRESS', progress: 50 };
          case 'failed':
            return {
              status: 'failed',
              error: { code: 'moderation', message: 'Blocked by the content filter', contentFiltered: true },
            };
          case 'done':
            return mockCompletedStatus([
              {
                type: 'url',
                url: credentialed ? 'https://api.example.com/content' : PUBLIC_URL,
                mediaType: 'video/mp4',
              },
            ]);
        }
      },
    ],
    ...(credentialed
      ? { download: () => new Response(new Uint8Array([7, 8, 9]), { headers: { 'content-length': '3' } }) }
      : {}),
    ...modelSettings,
  });
  // These tests are about the hook, not job ownership: the route allows every job unless a test signs them (`secret`).
  const handler = createVideoRouteHandler({
    model,
    poll: { intervalMs: 2 },
    authorize: () => true,
    ...handlerSettings,
  });
  const requests: Array<{ url: string; body: unknown; signal: AbortSignal }> = [];
  const fetch = vi.fn(async (url: string, init: RequestInit) => {
    const request = new Request(new URL(url, 'http://app.test'), { ...init, signal: toNodeSignal(init.signal) });
    requests.push({ url, body: JSON.parse(String(init.body)), signal: request.signal });
    return handler(request);
  });
  const bodiesOf = (action: string) =>
    requests.filter((request) => (request.body as { action: string }).action === action);
  return { state, model, handler, requests, fetch, bodiesOf };
}

const tick = (ms = 20) => new Promise((resolve) => setTimeout(resolve, ms));

beforeEach(() => {
  localStorage.clear();
});

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

describe('useGenerateVideo with api', () => {
  it('reports the events in order: job, queue, progress, result', async () => {
    const route = createRoute();
    const log: string[] = [];
    const { result } = renderHook(() =>
      useGenerateVideo({
        api: '/api/video',
        fetch: route.fetch,
        onJobCreated: (created) => log.push(`job:${JSON.stringify(created.operation)}`),
        onStatus: (event) => log.push(`status:${event.status}:${event.queuePosition ?? event.progress ?? '-'}`),
        onProgress: (progress) => log.push(`progress:${progress}`),
        onResult: (value) => log.push(`result:${value.video.url}`),
        onError: (error) => log.push(`error:${error.message}`),
      }),
    );
    expect(result.current).toMatchObject({
      status: 'idle',
      job: undefined,
      progress: undefined,
      result: undefined,
      error: undefined,
    });

    let promise!: Promise<unknown>;
    act(() => {
      promise = result.current.generate({ prompt: 'A red kite' });
    });
    expect(result.current.status).toBe('generating');
    await waitFor(() => expect(result.current.queuePosition).toBe(3));
    expect(result.current).toMatchObject({ job: job('job-1'), providerStatus: 'IN_QUEUE', progress: undefined });

    route.state.phase = 'running';
    await waitFor(() => expect(result.current.progress).toBe(50));
    expect(result.current).toMatchObject({
      queuePosition: undefined,
      providerStatus: 'IN_PROGRESS',
      status: 'generating',
    });

    route.state.phase = 'done';
    await waitFor(() => expect(result.current.status).toBe('success'));
    const link = { index: 0, url: PUBLIC_URL, mediaType: 'video/mp4', source: 'provider' };
    expect(result.current.result).toStrictEqual({ video: link, videos: [link], job: job('job-1') });
    expect(result.current.progress).toBe(100);
    expect(await promise).toBe(result.current.result);

    expect(log).toStrictEqual([
      'job:{"id":"job-1"}',
      'status:pending:3',
      'status:pending:50',
      'progress:50',
      'status:completed:-',
      `result:${PUBLIC_URL}`,
    ]);
    expect(route.requests.map((request) => request.body)).toStrictEqual([
      { action: 'generate', input: { prompt: 'A red kite' } },
    ]);
    expect(route.fetch.mock.calls[0][1].headers).toMatchObject({ 'content-type': 'application/json' });
    expect(route.model.startCalls).toHaveLength(1);
  });

  it('plays a credentialed video through the route, which serves the bytes', async () => {
    const route = createRoute({ credentialed: true });
    route.state.phase = 'done';
    const { result } = renderHook(() => useGenerateVideo({ api: '/api/video', fetch: route.fetch }));
    await act(() => result.current.generate({ prompt: 'x' }));
    const video = result.current.result!.video;
    expect(video.source).toBe('server');
    expect(video.url).toBe(`/api/video?job=${encodeURIComponent(JSON.stringify(job('job-1')))}&index=0`);
    const served = await route.handler(new Request(new URL(video.url, 'http://app.test')));
    expect(new Uint8Array(await served.arrayBuffer())).toStrictEqual(new Uint8Array([7, 8, 9]));
  });

  it('sends the same generate only once while it runs (double click)', async () => {
    const route = createRoute();
    const { result } = renderHook(() => useGenerateVideo({ api: '/api/video', fetch: route.fetch }));
    let first!: Promise<unknown>;
    let second!: Promise<unknown>;
    act(() => {
      first = result.current.generate({ prompt: 'same' });
      second = result.current.generate({ prompt: 'same' });
    });
    expect(second).toBe(first);
    route.state.phase = 'done';
    await act(() => first);
    expect(route.bodiesOf('generate')).toHaveLength(1);
    expect(route.model.startCalls).toHaveLength(1);
  });

  describe('stop and cancel', () => {
    it('stop() stops listening and leaves the job running', async () => {
      const route = createRoute();
      route.state.phase = 'running';
      const onError = vi.fn();
      const onStatus = vi.fn();
      const { result } = renderHook(() =>
        useGenerateVideo({ api: '/api/video', fetch: route.fetch, onError, onStatus }),
      );
      let promise!: Promise<unknown>;
      act(() => {
        promise = result.current.generate({ prompt: 'x' });
      });
      await waitFor(() => expect(result.current.progress).toBe(50));

      act(() => result.current.stop());
      expect(result.current).toMatchObject({ status: 'idle', job: job('job-1'), progress: 50, error: undefined });
      expect(await promise).toBeUndefined();
      expect(route.requests[0].signal.aborted).toBe(true);

      await tick();
      const polls = route.model.statusCalls.length;
      const statuses = onStatus.mock.calls.length;
      route.state.phase = 'done';
      await tick(40);
      expect(route.model.statusCalls.length).toBe(polls); // the server stopped polling too
      expect(onStatus.mock.calls.length).toBe(statuses);
      expect(route.model.cancelCalls).toHaveLength(0); // …but the job was not cancelled
      expect(route.bodiesOf('cancel')).toHaveLength(0);
      expect(onError).not.toHaveBeenCalled();
      expect(result.current.status).toBe('idle');
    });

    it('cancel() stops listening and cancels the job at the provider through the route', async () => {
      const route = createRoute();
      route.state.phase = 'running';
      const onError = vi.fn();
      const { result } = renderHook(() => useGenerateVideo({ api: '/api/video', fetch: route.fetch, onError }));
      act(() => {
        void result.current.generate({ prompt: 'x' });
      });
      await waitFor(() => expect(result.current.progress).toBe(50));

      await act(() => result.current.cancel());
      expect(route.bodiesOf('cancel').map((request) => request.body)).toStrictEqual([
        { action: 'cancel', job: job('job-1') },
      ]);
      expect(route.model.cancelCalls.map((call) => call.operation)).toStrictEqual([{ id: 'job-1' }]);
      expect(route.requests[0].signal.aborted).toBe(true);
      expect(result.current).toMatchObject({ status: 'idle', job: undefined, progress: undefined, error: undefined });
      expect(onError).not.toHaveBeenCalled();
    });

    it('cancel() after stop() still cancels the stopped job; cancelApi moves the cancel request', async () => {
      const route = createRoute();
      const { result } = renderHook(() =>
        useGenerateVideo({ api: '/api/video', cancelApi: '/api/video/cancel', fetch: route.fetch }),
      );
      act(() => {
        void result.current.generate({ prompt: 'x' });
      });
      await waitFor(() => expect(result.current.job).toBeDefined());
      act(() => result.current.stop());
      await act(() => result.current.cancel());
      expect(route.requests.at(-1)).toMatchObject({
        url: '/api/video/cancel',
        body: { action: 'cancel', job: job('job-1') },
      });
      expect(route.model.cancelCalls).toHaveLength(1);
    });

    it('cancel() before the job exists cancels it as soon as it is created', async () => {
      let release!: () => void;
      const submitted = new Promise<void>((resolve) => {
        release = resolve;
      });
      const route = createRoute({
        model: {
          start: async () => {
            await submitted;
            return {
              operation: { id: 'late' },
              warnings: [],
              response: { timestamp: new Date(0), modelId: 'mock-model-id', headers: undefined },
            };
          },
        },
      });
      const { result } = renderHook(() => useGenerateVideo({ api: '/api/video', fetch: route.fetch }));
      act(() => {
        void result.current.generate({ prompt: 'x' });
      });
      let cancelled = false;
      let cancelPromise!: Promise<void>;
      act(() => {
        cancelPromise = result.current.cancel().then(() => {
          cancelled = true;
        });
      });
      await tick();
      expect(cancelled).toBe(false);
      expect(route.model.cancelCalls).toHaveLength(0);
      release();
      await act(() => cancelPromise);
      expect(route.model.cancelCalls.map((call) => call.operation)).toStrictEqual([{ id: 'late' }]);
      expect(result.current).toMatchObject({ status: 'idle', job: undefined });
    });

    it('reports a provider that cannot cancel as an error and keeps the job', async () => {
      const route = createRoute({ model: { cancel: false } });
      const onError = vi.fn();
      const { result } = renderHook(() => useGenerateVideo({ api: '/api/video', fetch: route.fetch, onError }));
      act(() => {
        void result.current.generate({ prompt: 'x' });
      });
      await waitFor(() => expect(result.current.job).toBeDefined());
      await act(() => result.current.cancel());
      expect(result.current.status).toBe('error');
      expect(result.current.error).toMatchObject({
        statusCode: 501,
        name: 'AI_UnsupportedFunctionalityError',
        job: job('job-1'),
      });
      expect(result.current.job).toStrictEqual(job('job-1'));
      expect(onError).toHaveBeenCalledTimes(1);
    });
  });

  describe('resume', () => {
    it('re-attaches after a reload (unmount, remount with the stored job JSON) without a second submission', async () => {
      const route = createRoute();
      route.state.phase = 'running';
      const first = renderHook(() =>
        useGenerateVideo({
          api: '/api/video',
          fetch: route.fetch,
          onJobCreated: (created) => localStorage.setItem('video-job', JSON.stringify(created)),
        }),
      );
      act(() => {
        void first.result.current.generate({ prompt: 'A fox in the snow' });
      });
      await waitFor(() => expect(first.result.current.progress).toBe(50));
      first.unmount(); // the page reloads
      await tick();
      expect(route.requests[0].signal.aborted).toBe(true);
      expect(route.model.cancelCalls).toHaveLength(0);

      const stored = localStorage.getItem('video-job')!;
      const second = renderHook(() => useGenerateVideo({ api: '/api/video', fetch: route.fetch }));
      let promise!: Promise<unknown>;
      act(() => {
        promise = second.result.current.resume!(stored);
      });
      expect(second.result.current).toMatchObject({ status: 'generating', job: job('job-1') });
      await waitFor(() => expect(second.result.current.progress).toBe(50)); // continues from its current status
      route.state.phase = 'done';
      await waitFor(() => expect(second.result.current.status).toBe('success'));
      expect(await promise).toMatchObject({ video: { url: PUBLIC_URL } });
      expect(route.bodiesOf('resume').map((request) => request.body)).toStrictEqual([
        { action: 'resume', job: job('job-1') },
      ]);
      expect(route.model.startCalls).toHaveLength(1);
    });
  });

  describe('errors', () => {
    it("a failed job: status error, a VideoGenerationError with the provider's details, onError once", async () => {
      const route = createRoute();
      route.state.phase = 'failed';
      const onError = vi.fn();
      const { result } = renderHook(() => useGenerateVideo({ api: '/api/video', fetch: route.fetch, onError }));
      await act(async () => {
        expect(await result.current.generate({ prompt: 'x' })).toBeUndefined();
      });
      const error = result.current.error!;
      expect(result.current.status).toBe('error');
      expect(VideoGenerationError.isInstance(error)).toBe(true);
      expect(error).toBeInstanceOf(Error);
      expect(error).toMatchObject({
        name: 'VideoGen_VideoJobFailedError',
        code: 'moderation',
        contentFiltered: true,
        job: job('job-1'),
      });
      expect(error.message).toContain('Blocked by the content filter');
      expect(onError).toHaveBeenCalledExactlyOnceWith(error);
    });

    it("an input the route refuses: the route's message and status", async () => {
      const route = createRoute();
      const { result } = renderHook(() => useGenerateVideo({ api: '/api/video', fetch: route.fetch }));
      await act(() => result.current.generate({ prompt: '' }));
      expect(result.current.error).toMatchObject({
        name: 'BadRequest',
        statusCode: 400,
        message: '`prompt` must be a non-empty string.',
      });
      expect(route.model.startCalls).toHaveLength(0);
    });

    it('a network error', async () => {
      const { result } = renderHook(() =>
        useGenerateVideo({
          api: '/api/video',
          fetch: async () => {
            throw new TypeError('Failed to fetch');
          },
        }),
      );
      await act(() => result.current.generate({ prompt: 'x' }));
      expect(result.current).toMatchObject({
        status: 'error',
        error: { name: 'TypeError', message: 'Failed to fetch' },
      });
    });

    it('a stream that ends before the job finished keeps the job, to resume it', async () => {
      const encoder = new TextEncoder();
      const { result } = renderHook(() =>
        useGenerateVideo({
          fetcher: async (_input: { prompt: string }) =>
            new Response(
              encoder.encode(`data: ${JSON.stringify({ type: 'job-created', callIndex: 0, job: job('job-9') })}\n\n`),
              {
                headers: { 'content-type': 'text/event-stream' },
              },
            ),
        }),
      );
      await act(() => result.current.generate({ prompt: 'x' }));
      expect(result.current).toMatchObject({
        status: 'error',
        job: job('job-9'),
        error: { name: 'VideoStreamEndedError', job: job('job-9') },
      });
    });

    it('resume with a job that is not JSON sets an error instead of throwing', async () => {
      const route = createRoute();
      const { result } = renderHook(() => useGenerateVideo({ api: '/api/video', fetch: route.fetch }));
      await act(async () => {
        expect(await result.current.resume('{not json')).toBeUndefined();
      });
      expect(result.current).toMatchObject({ status: 'error', error: { name: 'InvalidVideoJob' } });
      expect(route.requests).toHaveLength(0);
    });

    it('a new generate clears the previous error', async () => {
      const route = createRoute();
      route.state.phase = 'failed';
      const { result } = renderHook(() => useGenerateVideo({ api: '/api/video', fetch: route.fetch }));
      await act(() => result.current.generate({ prompt: 'x' }));
      expect(result.current.status).toBe('error');
      route.state.phase = 'done';
      act(() => {
        void result.current.generate({ prompt: 'x' });
      });
      expect(result.current).toMatchObject({ status: 'generating', error: undefined, job: undefined });
      await waitFor(() => expect(result.current.status).toBe('success'));
    });
  });

  describe('unmount and StrictMode', () => {
    it('unmount stops listening (no callbacks, no polling afterwards) and leaves the job running', async () => {
      const route = createRoute();
      route.state.phase = 'running';
      const onStatus = vi.fn();
      const hook = renderHook(() => useGenerateVideo({ api: '/api/video', fetch: route.fetch, onStatus }));
      act(() => {
        void hook.result.current.generate({ prompt: 'x' });
      });
      await waitFor(() => expect(onStatus).toHaveBeenCalled());
      hook.unmount();
      await tick();
      expect(route.requests.every((request) => request.signal.aborted)).toBe(true);
      const calls = onStatus.mock.calls.length;
      const polls = route.model.statusCalls.length;
      route.state.phase = 'done';
      await tick(40);
      expect(onStatus.mock.calls.length).toBe(calls);
      expect(route.model.statusCalls.length).toBe(polls);
      expect(route.model.cancelCalls).toHaveLength(0);
    });

    // Root-level StrictMode (a StrictMode `wrapper` does not double the effects of renderHook).
    const strict = { reactStrictMode: true } as const;

    it('a generate started by an effect under StrictMode is sent once and not stopped by the double effects', async () => {
      const route = createRoute();
      route.state.phase = 'done';
      const onResult = vi.fn();
      let effectRuns = 0;
      const { result } = renderHook(() => {
        const video = useGenerateVideo({ api: '/api/video', fetch: route.fetch, onResult });
        const { generate } = video;
        useEffect(() => {
          effectRuns++;
          void generate({ prompt: 'once' });
        }, [generate]);
        return video;
      }, strict);
      await waitFor(() => expect(result.current.status).toBe('success'));
      expect(effectRuns).toBe(2); // StrictMode did run the effect twice
      expect(route.bodiesOf('generate')).toHaveLength(1);
      expect(route.model.startCalls).toHaveLength(1);
      expect(onResult).toHaveBeenCalledTimes(1);
      expect(route.requests[0].signal.aborted).toBe(false);
    });

    it('a resume started by an effect under StrictMode is sent once, and unmount ends it', async () => {
      const route = createRoute();
      route.state.phase = 'running';
      localStorage.setItem('video-job', JSON.stringify(job('job-4')));
      const hook = renderHook(() => {
        const video = useGenerateVideo({ api: '/api/video', fetch: route.fetch });
        const { resume } = video;
        useEffect(() => {
          const stored = localStorage.getItem('video-job');
          if (stored) void resume(stored);
        }, [resume]);
        return video;
      }, strict);
      await waitFor(() => expect(hook.result.current.progress).toBe(50));
      expect(route.bodiesOf('resume')).toHaveLength(1);
      hook.unmount();
      await tick();
      expect(route.requests.every((request) => request.signal.aborted)).toBe(true);
      const polls = route.model.statusCalls.length;
      await tick(30);
      expect(route.model.statusCalls.length).toBe(polls);
    });
  });
});

describe('useGenerateVideo with a route that signs its jobs (the default setup)', () => {
  const secret = 'hook-test-route-secret-0123456789abcdef';

  it('carries the signed job through localStorage: resume and play work; a bare job is refused', async () => {
    const route = createRoute({ credentialed: true, handler: { secret, authorize: undefined } });
    route.state.phase = 'running';
    const first = renderHook(() =>
      useGenerateVideo({
        api: '/api/video',
        fetch: route.fetch,
        onJobCreated: (created) => localStorage.setItem('video-job', JSON.stringify(created)),
      }),
    );
    act(() => {
      void first.result.current.generate({ prompt: 'x' });
    });
    await waitFor(() => expect(first.result.current.progress).toBe(50));
    expect(first.result.current.job).toMatchObject({ ...job('job-1'), routeSignature: expect.stringMatching(/^v1\./) });
    first.unmount();

    const second = renderHook(() => useGenerateVideo({ api: '/api/video', fetch: route.fetch }));
    route.state.phase = 'done';
    await act(() => second.result.current.resume(localStorage.getItem('video-job')!));
    expect(second.result.current.status).toBe('success');
    const served = await route.handler(
      new Request(new URL(second.result.current.result!.video.url, 'http://app.test')),
    );
    expect(served.status).toBe(200);
    expect(new Uint8Array(await served.arrayBuffer())).toStrictEqual(new Uint8Array([7, 8, 9]));
    await act(() => second.result.current.resume(job('job-1')));
    expect(second.result.current.error).toMatchObject({ name: 'Forbidden', statusCode: 403 });
    expect(route.model.startCalls).toHaveLength(1);
  });
});

describe('useGenerateVideo with a fetcher', () => {
  let created: string[];
  let revoked: string[];

  beforeEach(() => {
    created = [];
    revoked = [];
    let counter = 0;
    URL.createObjectURL = vi.fn((blob: Blob) => {
      const url = `blob:http://app.test/${++counter}-${blob.size}-${blob.type}`;
      created.push(url);
      return url;
    });
    URL.revokeObjectURL = vi.fn((url: string) => {
      revoked.push(url);
    });
  });

  it('turns bytes of a finished result into an object URL, released on reset', async () => {
    const fetcher = vi.fn(async (input: { prompt: string; seconds: number }) => ({
      videos: [{ uint8Array: new Uint8Array([1, 2, 3]), mediaType: 'video/mp4' }],
      job: job(`for-${input.prompt}`),
      costUsd: 0.4,
    }));
    const { result } = renderHook(() => useGenerateVideo({ fetcher }));
    await act(() => result.current.generate({ prompt: 'a', seconds: 4 }));
    expect(fetcher).toHaveBeenCalledWith({ prompt: 'a', seconds: 4 }, { abortSignal: expect.any(AbortSignal) });
    expect(result.current.status).toBe('success');
    expect(result.current.result!.video).toStrictEqual({
      index: 0,
      url: created[0],
      mediaType: 'video/mp4',
      source: 'object-url',
    });
    expect(created).toStrictEqual(['blob:http://app.test/1-3-video/mp4']);
    expect(result.current.result!.raw.costUsd).toBe(0.4);
    expect(result.current.job).toStrictEqual(job('for-a'));
    expect(result.current.progress).toBeUndefined();

    act(() => result.current.reset());
    expect(revoked).toStrictEqual(created);
    expect(result.current).toMatchObject({ status: 'idle', result: undefined, job: undefined });
  });

  it('releases the previous object URL on the next generation and the last one on unmount', async () => {
    const fetcher = async (_input: string) => ({
      videos: [
        { data: new Blob([new Uint8Array([1])], { type: 'video/webm' }) },
        { base64: 'AAEC', mediaType: 'video/mp4' },
      ],
    });
    const hook = renderHook(() => useGenerateVideo({ fetcher }));
    await act(() => hook.result.current.generate('one'));
    expect(hook.result.current.result!.videos.map((video) => video.mediaType)).toStrictEqual([
      'video/webm',
      'video/mp4',
    ]);
    expect(created).toHaveLength(2);
    await act(() => hook.result.current.generate('two'));
    expect(revoked).toStrictEqual(created.slice(0, 2));
    expect(created).toHaveLength(4);
    hook.unmount();
    await tick(0);
    expect(revoked).toStrictEqual(created);
  });

  it('creates no object URL for a result that arrives after stop()', async () => {
    let finish!: (value: { videos: Array<{ uint8Array: Uint8Array }> }) => void;
    const fetcher = (_input: string) =>
      new Promise<{ videos: Array<{ uint8Array: Uint8Array }> }>((resolve) => {
        finish = resolve;
      });
    const { result } = renderHook(() => useGenerateVideo({ fetcher }));
    act(() => {
      void result.current.generate('x');
    });
    act(() => result.current.stop());
    finish({ videos: [{ uint8Array: new Uint8Array([1]) }] });
    await tick(0);
    expect(created).toHaveLength(0);
    expect(result.current.status).toBe('idle');
  });

  it("passes the abort signal to the fetcher and follows a streamed Response with the route's resume/cancel", async () => {
    const route = createRoute();
    route.state.phase = 'running';
    const post = (body: unknown, abortSignal?: AbortSignal) =>
      route.handler(
        new Request('http://app.test/api/video', {
          method: 'POST',
          body: JSON.stringify(body),
          signal: toNodeSignal(abortSignal),
        }),
      );
    const { result } = renderHook(() =>
      useGenerateVideo({
        fetcher: (input: { prompt: string }, { abortSignal }) => post({ action: 'generate', input }, abortSignal),
        resumeFetcher: (resumed, { abortSignal }) => post({ action: 'resume', job: resumed }, abortSignal),
        cancelFetcher: (cancelled) => post({ action: 'cancel', job: cancelled }),
        videoUrl: ({ index }) => `/videos/${index}`,
      }),
    );
    act(() => {
      void result.current.generate({ prompt: 'x' });
    });
    await waitFor(() => expect(result.current.progress).toBe(50));
    act(() => result.current.stop());
    act(() => {
      void result.current.resume(job('job-1'));
    });
    await waitFor(() => expect(result.current.progress).toBe(50));
    await act(() => result.current.cancel());
    expect(route.model.cancelCalls).toHaveLength(1);
    expect(route.model.startCalls).toHaveLength(1);
  });
});

describe('useGenerateVideo reconnects a dropped stream', () => {
  /** The first generate stream breaks right after its first event (job-created, with its id), as a proxy timeout would. */
  function dropFirstStream(route: ReturnType<typeof createRoute>) {
    const original = route.fetch.getMockImplementation()!;
    let dropped = false;
    route.fetch.mockImplementation(async (url: string, init: RequestInit) => {
      const response = await original(url, init);
      if (dropped || (JSON.parse(String(init.body)) as { action: string }).action !== 'generate') return response;
      dropped = true;
      const reader = response.body!.getReader();
      const decoder = new TextDecoder();
      let text = '';
      // Up to the end of the first data event (after the opening comment).
      while (!/data: .*\n\n/.test(text)) {
        const { value, done } = await reader.read();
        if (done) break;
        text += decoder.decode(value, { stream: true });
      }
      await reader.cancel();
      const end = text.search(/data: .*\n\n/);
      const first = text.slice(0, text.indexOf('\n\n', end) + 2);
      return new Response(new TextEncoder().encode(first), { status: response.status, headers: response.headers });
    });
  }

  it('resumes the same job (no second generate) and finishes', async () => {
    const route = createRoute();
    dropFirstStream(route);
    const { result } = renderHook(() =>
      useGenerateVideo({ api: '/api/video', fetch: route.fetch, reconnect: { delayMs: 1 } }),
    );
    act(() => void result.current.generate({ prompt: 'a kite' }));
    await waitFor(() => expect(route.bodiesOf('resume').length).toBeGreaterThan(0));
    route.state.phase = 'done';
    await waitFor(() => expect(result.current.status).toBe('success'));
    expect(route.bodiesOf('generate')).toHaveLength(1);
    expect(route.model.startCalls).toHaveLength(1);
  });

  it('with reconnect: false, a dropped stream is an error and nothing is resumed', async () => {
    const route = createRoute();
    dropFirstStream(route);
    const { result } = renderHook(() => useGenerateVideo({ api: '/api/video', fetch: route.fetch, reconnect: false }));
    act(() => void result.current.generate({ prompt: 'a kite' }));
    await waitFor(() => expect(result.current.status).toBe('error'));
    expect(route.bodiesOf('resume')).toHaveLength(0);
    expect(route.model.startCalls).toHaveLength(1);
  });
});
