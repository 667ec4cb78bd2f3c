/**
 * The example's route without a browser: it acts only on the jobs it signed.
 * Run from the repository root: `npx vitest run examples/react-progress`.
 */
import { readVideoEvents, type VideoJob } from '@videogen/core';
import { startEmulator } from '@videogen/emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createReactProgressApp } from '../src/server.js';

const SECRET = 'example-route-test-secret-0123456789abcdef';

describe('react-progress route', () => {
  let emulator: Awaited<ReturnType<typeof startEmulator>>;
  let app: ReturnType<typeof createReactProgressApp>;

  beforeAll(async () => {
    emulator = await startEmulator({ host: '127.0.0.1', port: 0, jobDurationMs: 60_000 });
    app = createReactProgressApp({
      baseURLs: emulator.baseURLs,
      appJs: '',
      poll: { intervalMs: 50 },
      allowPrivateNetwork: true,
      secret: SECRET,
    });
  });

  afterAll(async () => {
    await emulator?.close();
  });

  const post = (body: unknown) =>
    app.handle(
      new Request('http://127.0.0.1/api/video', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      }),
    );

  it('cancels its own job, and refuses a bare or tampered job with 403 before the provider', async () => {
    const controller = new AbortController();
    const response = await app.handle(
      new Request('http://127.0.0.1/api/video', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ action: 'generate', input: { prompt: 'A slow river', provider: 'fal' } }),
        signal: controller.signal,
      }),
    );
    expect(response.status).toBe(200);
    const iterator = readVideoEvents(response)[Symbol.asyncIterator]();
    const first = (await iterator.next()).value as unknown as {
      type: string;
      job: VideoJob & { routeSignature: string };
    };
    controller.abort(); // the page leaves; the job keeps running
    await iterator.return?.().catch(() => {});
    expect(first).toMatchObject({
      type: 'job-created',
      job: { provider: 'fal.video', routeSignature: expect.any(String) },
    });
    const job = first.job;
    const { routeSignature: _signature, ...bare } = job;
    const requestsBefore = emulator.emulator.requests.length;

    const refused = [
      bare,
      { ...job, operation: { ...(job.operation as object), requestId: 'someone-elses-request' } },
      { ...job, routeSignature: `${job.routeSignature.slice(0, -1)}x` },
    ];
    for (const value of refused) {
      expect((await post({ action: 'cancel', job: value })).status).toBe(403);
      expect((await post({ action: 'resume', job: value })).status).toBe(403);
      const content = await app.handle(
        new Request(`http://127.0.0.1/api/video?job=${encodeURIComponent(JSON.stringify(value))}&index=0`),
      );
      expect(content.status).toBe(403);
    }
    // Nothing of it reached the provider (status polls of the aborted stream may still land, so count cancels).
    const cancelsAfter = emulator.emulator.requests.slice(requestsBefore).filter((entry) => entry.route === 'cancel');
    expect(cancelsAfter).toHaveLength(0);

    const cancelled = await post({ action: 'cancel', job });
    expect(cancelled.status).toBe(200);
    expect(await cancelled.json()).toStrictEqual({ cancelled: true });
  });
});
