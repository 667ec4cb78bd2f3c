import type { VideoModelV3CallOptions } from '@videogen/provider-spec';
import { createEmulator } from '@videogen/emulator';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMiniMax } from './minimax-provider';

// MiniMax's gateway operations against the emulator in MSW mode (its real URLs, intercepted):
// the v2 task list, deletion, the CDN download links of v1 and v2, and the catalog.
const emulator = createEmulator({ jobDurationMs: 60, queueMs: 10 });
const server = setupServer(...emulator.mswHandlers());
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => {
  server.close();
  emulator.close();
});

const minimax = createMiniMax({ apiKey: 'mm-msw-key' });

const call: VideoModelV3CallOptions = {
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
  providerOptions: { minimax: { pollIntervalMs: 20 } },
};

async function finish(modelId: string, options: Partial<VideoModelV3CallOptions> = {}) {
  const model = minimax.video(modelId);
  const { operation } = await model.doStart({ ...call, ...options });
  let status = await model.doStatus({ operation });
  while (status.status === 'pending') {
    await new Promise((resolve) => setTimeout(resolve, 20));
    status = await model.doStatus({ operation });
  }
  return { model, operation, status };
}

async function isMp4(url: string) {
  const response = await fetch(url);
  const bytes = new Uint8Array(await response.arrayBuffer());
  return response.status === 200 && String.fromCharCode(...bytes.subarray(4, 8)) === 'ftyp';
}

describe('MiniMax gateway operations against the emulator', () => {
  it('lists v2 tasks by page and status; a listed job resumes; its download link; delete', async () => {
    const first = await finish('MiniMax-H3', { duration: 4, aspectRatio: '16:9' });
    const second = await finish('MiniMax-H3', { duration: 5, aspectRatio: '1:1' });
    expect(second.status.status).toBe('completed');

    const page = await minimax.listJobs({ status: 'completed', limit: 1 });
    expect(page.jobs.map((job) => job.operation)).toStrictEqual([second.operation]);
    expect(page.nextCursor).toBe('2');
    const next = await second.model.doListJobs?.({ status: 'completed', limit: 1, after: page.nextCursor });
    expect(next?.jobs.map((job) => job.operation)).toStrictEqual([first.operation]);
    expect(next?.nextCursor).toBeUndefined();
    expect((await second.model.doStatus({ operation: page.jobs[0].operation })).status).toBe('completed');

    const link = await second.model.doGetDownloadUrl({ operation: second.operation });
    expect(link?.mediaType).toBe('video/mp4');
    expect(await isMp4(link?.url as string)).toBe(true);

    await second.model.doDelete?.({ operation: second.operation });
    await second.model.doDelete?.({ operation: second.operation }); // already gone: resolves
    expect((await minimax.listJobs({})).jobs.map((job) => job.operation)).toStrictEqual([first.operation]);
  });

  it("v1: the download link is files/retrieve's download_url with its Expires", async () => {
    const { model, operation } = await finish('MiniMax-Hailuo-2.3');
    const link = await model.doGetDownloadUrl({ operation });
    expect(link?.expiresAt?.getTime()).toBeGreaterThan(Date.now());
    expect(await isMp4(link?.url as string)).toBe(true);
  });

  it('lists the static catalog', async () => {
    const catalog = await minimax.listVideoModels();
    expect(catalog.find((entry) => entry.modelId === 'MiniMax-H3')?.source).toBe('static');
  });
});
