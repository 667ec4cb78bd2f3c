import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, manualEmulator } from './__fixtures__/helpers';
import { startEmulator, type EmulatorServer } from './server';

const OPENAI = 'https://api.openai.com/v1';
const AUTH = { authorization: 'Bearer sk-test' };

/** Raw HTTP GET that counts the body bytes actually received before the connection ends. */
function rawGet(url: string, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; contentLength: number; received: number; complete: boolean }>(
    (resolve, reject) => {
      const req = httpRequest(url, { headers }, (res) => {
        let received = 0;
        res.on('data', (chunk: Buffer) => {
          received += chunk.length;
        });
        const finish = () =>
          resolve({
            status: res.statusCode ?? 0,
            contentLength: Number(res.headers['content-length']),
            received,
            complete: res.complete,
          });
        res.on('end', finish);
        res.on('aborted', finish);
        res.on('error', finish);
      });
      req.on('error', reject);
      req.end();
    },
  );
}

describe('fault injection through handle()', () => {
  it('answers 429 with Retry-After (and retry-after-ms for OpenAI) in the API error shape, N times', async () => {
    const { emulator } = manualEmulator();
    const handle = emulator.injectFault({
      api: 'openai',
      route: 'create',
      fault: { type: 'rate-limit', retryAfterSeconds: 2 },
      times: 2,
    });
    for (let i = 0; i < 2; i++) {
      const response = await call(emulator, 'POST', `${OPENAI}/videos`, { headers: AUTH, json: { prompt: 'x' } });
      expect(response.status).toBe(429);
      expect(response.headers.get('retry-after')).toBe('2');
      expect(response.headers.get('retry-after-ms')).toBe('2000');
      expect((await response.json()).error).toMatchObject({ code: 'rate_limit_exceeded', type: 'requests' });
    }
    expect(handle.applied).toBe(2);
    expect(handle.remaining).toBe(0);
    expect((await call(emulator, 'POST', `${OPENAI}/videos`, { headers: AUTH, json: { prompt: 'x' } })).status).toBe(
      200,
    );
    expect(emulator.requests.map((entry) => entry.fault)).toEqual(['rate-limit', 'rate-limit', undefined]);
    expect(emulator.jobs.list()).toHaveLength(1); // a rejected create never creates a job
  });

  it('answers 5xx in each API’s own error body', async () => {
    const { emulator } = manualEmulator();
    emulator.injectFault({ fault: { type: 'http-error', status: 503 } });
    const google = await call(
      emulator,
      'GET',
      'https://generativelanguage.googleapis.com/v1beta/models/veo-3.1-generate-preview/operations/x',
      { headers: { 'x-goog-api-key': 'k' } },
    );
    expect(google.status).toBe(503);
    expect(google.headers.get('retry-after')).toBe('1');
    expect((await google.json()).error).toMatchObject({ code: 503, status: 'UNAVAILABLE' });
    const fal = await call(emulator, 'GET', 'https://queue.fal.run/fal-ai/veo3/requests/x/status', {
      headers: { authorization: 'Key k' },
    });
    expect(await fal.json()).toMatchObject({ error_type: 'runner_scheduling_failure' });
    expect(fal.headers.get('x-fal-error-type')).toBe('runner_scheduling_failure');
    const openrouter = await call(emulator, 'GET', 'https://openrouter.ai/api/v1/videos/models');
    expect(await openrouter.json()).toMatchObject({ error: { code: 503, message: expect.any(String) } });
    emulator.clearFaults();
    expect((await call(emulator, 'GET', 'https://openrouter.ai/api/v1/videos/models')).status).toBe(200);
  });

  it('scopes a fault to one job', async () => {
    const { emulator } = manualEmulator();
    const a = await (await call(emulator, 'POST', `${OPENAI}/videos`, { headers: AUTH, json: { prompt: 'a' } })).json();
    const b = await (await call(emulator, 'POST', `${OPENAI}/videos`, { headers: AUTH, json: { prompt: 'b' } })).json();
    emulator.injectFault({ jobId: a.id, fault: { type: 'http-error', status: 500 } });
    expect((await call(emulator, 'GET', `${OPENAI}/videos/${a.id}`, { headers: AUTH })).status).toBe(500);
    expect((await call(emulator, 'GET', `${OPENAI}/videos/${b.id}`, { headers: AUTH })).status).toBe(200);
  });

  it('delays with latency faults and returns a network error for dropped connections', async () => {
    const { emulator } = manualEmulator();
    emulator.injectFault({ route: 'models', fault: { type: 'latency', ms: 80 }, times: 1 });
    const started = performance.now();
    expect((await call(emulator, 'GET', 'https://openrouter.ai/api/v1/videos/models')).status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(75);

    emulator.injectFault({ route: 'models', fault: { type: 'drop-connection' }, times: 1 });
    const dropped = await call(emulator, 'GET', 'https://openrouter.ai/api/v1/videos/models');
    expect(dropped.type).toBe('error');
    expect(emulator.requests.at(-1)).toMatchObject({ status: 0, fault: 'drop-connection' });
  });

  it('truncates a body: full Content-Length, fewer bytes, then an error', async () => {
    const { emulator } = manualEmulator();
    emulator.injectFault({ route: 'models', fault: { type: 'truncate', bytes: 10 } });
    const response = await call(emulator, 'GET', 'https://openrouter.ai/api/v1/videos/models');
    expect(Number(response.headers.get('content-length'))).toBeGreaterThan(10);
    const reader = response.body!.getReader();
    let received = 0;
    await expect(
      (async () => {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) return;
          received += value.length;
        }
      })(),
    ).rejects.toThrow(/truncated/);
    expect(received).toBe(10);
  });

  it('drives job outcomes: stuck never completes; jobs.next / update / complete / fail', async () => {
    const { emulator, set } = manualEmulator();
    emulator.jobs.next({ outcome: 'stuck' }, { api: 'openai' });
    const stuck = await (
      await call(emulator, 'POST', `${OPENAI}/videos`, { headers: AUTH, json: { prompt: 'x' } })
    ).json();
    const normal = await (
      await call(emulator, 'POST', `${OPENAI}/videos`, { headers: AUTH, json: { prompt: 'y' } })
    ).json();
    set(3_600_000);
    expect(emulator.jobs.get(stuck.id)).toMatchObject({ status: 'in_progress', progress: 75 });
    expect(emulator.jobs.get(normal.id)?.status).toBe('completed');
    emulator.jobs.complete(stuck.id);
    expect((await (await call(emulator, 'GET', `${OPENAI}/videos/${stuck.id}`, { headers: AUTH })).json()).status).toBe(
      'completed',
    );

    const third = await (
      await call(emulator, 'POST', `${OPENAI}/videos`, { headers: AUTH, json: { prompt: 'z' } })
    ).json();
    emulator.jobs.fail(third.id, 'GPU on fire');
    expect(await (await call(emulator, 'GET', `${OPENAI}/videos/${third.id}`, { headers: AUTH })).json()).toMatchObject(
      {
        status: 'failed',
        error: { message: 'GPU on fire' },
      },
    );
    const fourth = await (
      await call(emulator, 'POST', `${OPENAI}/videos`, {
        headers: AUTH,
        json: { prompt: 'w [emulator:duration=10000] [emulator:steps=10] [emulator:queue=0]' },
      })
    ).json();
    expect(emulator.jobs.get(fourth.id)?.behavior).toMatchObject({ durationMs: 10000, progressSteps: 10, queueMs: 0 });
    set(3_600_000 + 5000);
    expect(emulator.jobs.get(fourth.id)).toMatchObject({ status: 'in_progress', progress: 50 });
    emulator.jobs.update(fourth.id, { durationMs: 1000 });
    expect(emulator.jobs.get(fourth.id)?.status).toBe('completed');
  });
});

describe('fault injection over the loopback server', () => {
  let server: EmulatorServer;
  beforeAll(async () => {
    server = await startEmulator({ jobDurationMs: 50, queueMs: 10 });
  });
  afterAll(async () => {
    await server.close();
  });

  async function completedVideo() {
    const created = await fetch(`${server.baseURLs.openai}/videos`, {
      method: 'POST',
      headers: { ...AUTH, 'content-type': 'application/json' },
      body: JSON.stringify({ prompt: 'x', size: '1280x720' }),
    });
    const { id } = await created.json();
    server.emulator.jobs.complete(id);
    return id as string;
  }

  it('truncated download: Content-Length says N, fewer bytes arrive, the connection closes', async () => {
    const id = await completedVideo();
    server.emulator.injectFault({ route: 'content', jobId: id, fault: { type: 'truncate', bytes: 5000 }, times: 1 });
    const raw = await rawGet(`${server.baseURLs.openai}/videos/${id}/content`, AUTH);
    expect(raw.status).toBe(200);
    expect(raw.contentLength).toBeGreaterThan(5000);
    expect(raw.received).toBe(5000);
    expect(raw.complete).toBe(false);

    server.emulator.injectFault({ route: 'content', jobId: id, fault: { type: 'truncate' }, times: 1 });
    const response = await fetch(`${server.baseURLs.openai}/videos/${id}/content`, { headers: AUTH });
    expect(response.status).toBe(200);
    await expect(response.arrayBuffer()).rejects.toThrow();

    // the fault was used up: the next download is whole
    const whole = await fetch(`${server.baseURLs.openai}/videos/${id}/content`, { headers: AUTH });
    expect((await whole.arrayBuffer()).byteLength).toBe(Number(whole.headers.get('content-length')));
  });

  it('dropped connection: the socket is destroyed without a response', async () => {
    server.emulator.injectFault({ api: 'fal', route: 'submit', fault: { type: 'drop-connection' }, times: 1 });
    const attempt = fetch(`${server.baseURLs.fal}/fal-ai/veo3`, {
      method: 'POST',
      headers: { authorization: 'Key k', 'content-type': 'application/json' },
      body: JSON.stringify({ prompt: 'x' }),
    });
    await expect(attempt).rejects.toThrow(TypeError);
    const retry = await fetch(`${server.baseURLs.fal}/fal-ai/veo3`, {
      method: 'POST',
      headers: { authorization: 'Key k', 'content-type': 'application/json' },
      body: JSON.stringify({ prompt: 'x' }),
    });
    expect(retry.status).toBe(200);
  });

  it('429 and 503 over HTTP carry Retry-After', async () => {
    server.emulator.injectFault({
      api: 'google',
      fault: { type: 'http-error', status: 429, retryAfterSeconds: 3 },
      times: 1,
    });
    const response = await fetch(`${server.baseURLs.google}/models/veo-3.1-generate-preview:predictLongRunning`, {
      method: 'POST',
      headers: { 'x-goog-api-key': 'k', 'content-type': 'application/json' },
      body: JSON.stringify({ instances: [{ prompt: 'x' }] }),
    });
    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBe('3');
    const body = await response.json();
    expect(body.error).toMatchObject({ code: 429, status: 'RESOURCE_EXHAUSTED' });
    expect(body.error.details[0]).toMatchObject({
      '@type': 'type.googleapis.com/google.rpc.RetryInfo',
      retryDelay: '3s',
    });
  });

  it('honours client aborts during an injected latency', async () => {
    server.emulator.injectFault({ route: 'models', fault: { type: 'latency', ms: 10_000 }, times: 1 });
    const started = performance.now();
    await expect(
      fetch(`${server.baseURLs.openrouter}/videos/models`, { signal: AbortSignal.timeout(100) }),
    ).rejects.toThrow();
    expect(performance.now() - started).toBeLessThan(2000);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(server.emulator.requests.at(-1)).toMatchObject({ route: 'models', status: 0 });
  });
});
