import { startEmulator, type EmulatorServer } from '@videogen/emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMiniMax } from './minimax-provider';

let server: EmulatorServer;

beforeAll(async () => {
  server = await startEmulator({ host: '127.0.0.1', port: 0, jobDurationMs: 200, queueMs: 50 });
});

afterAll(async () => {
  await server.close();
});

const options = {
  prompt: 'A koi pond in light rain',
  n: 1,
  aspectRatio: undefined,
  resolution: undefined,
  duration: undefined,
  fps: undefined,
  seed: undefined,
  image: undefined,
  frameImages: undefined,
  inputReferences: undefined,
  generateAudio: undefined,
  providerOptions: { minimax: { pollIntervalMs: 50, allowPrivateNetwork: true } },
};

describe('MiniMax against the emulator over HTTP', () => {
  it('retries a rate limit that arrives inside HTTP 200 (base_resp 1002) like a 429: one job, the video', async () => {
    const model = createMiniMax({ apiKey: 'k', baseURL: server.baseURLs.minimax }).video('MiniMax-Hailuo-2.3');
    const since = server.emulator.now();
    const fault = server.emulator.injectFault({
      api: 'minimax',
      route: 'status',
      fault: {
        type: 'http-error',
        status: 200,
        body: { base_resp: { status_code: 1002, status_msg: 'rate limit exceeded(RPM)' } },
        headers: { 'retry-after': '0' },
      },
      times: 2,
    });
    const result = await model.doGenerate(options);
    expect(fault.applied).toBe(2);
    expect(result.videos).toHaveLength(1);
    expect(server.emulator.jobs.list({ api: 'minimax' }).filter((job) => job.createdAt >= since)).toHaveLength(1);
  });

  it('generates with MiniMax-H3 (v2) and reports its usage', async () => {
    const model = createMiniMax({ apiKey: 'k', baseURL: server.baseURLs.minimax }).video('MiniMax-H3');
    const started = await model.doStart({ ...options, duration: 5 });
    expect(started.operation).toMatchObject({ api: 'v2' });
    server.emulator.jobs.complete((started.operation as { taskId: string }).taskId);
    const status = await model.doStatus({ operation: started.operation });
    expect(status).toMatchObject({ status: 'completed', usage: { videoSeconds: 5 } });
  });

  it('cancels a queued H3 task', async () => {
    const model = createMiniMax({ apiKey: 'k', baseURL: server.baseURLs.minimax }).video('MiniMax-H3');
    server.emulator.jobs.next({ queueMs: 60_000, durationMs: 120_000 }, { api: 'minimax' });
    const { operation } = await model.doStart(options);
    await model.doCancel?.({ operation });
    expect(await model.doStatus({ operation })).toMatchObject({ status: 'failed', error: { code: 'cancelled' } });
  });
});
