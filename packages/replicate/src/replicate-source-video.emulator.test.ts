// Spec-level runs against the emulator in MSW mode (the real api.replicate.com and
// replicate.delivery URLs, intercepted in-process): generate, then edit the result; and the
// gateway operations (list, download link, catalog) on real predictions.
import { createEmulator, readMp4Boxes } from '@videogen/emulator';
import { createCallOptions } from '@videogen/provider-utils/test';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createReplicate } from './replicate-provider';

const emulator = createEmulator({ jobDurationMs: 60, queueMs: 10 });
const mswServer = setupServer(...emulator.mswHandlers());
beforeAll(() => mswServer.listen({ onUnhandledRequest: 'error' }));
afterAll(() => {
  mswServer.close();
  emulator.close();
});

const provider = createReplicate({ apiKey: 'r8_msw-test' });
const H3 = 'minimax/h3-highspeed';
const options = (overrides: Parameters<typeof createCallOptions>[0] = {}) =>
  createCallOptions({ providerOptions: { replicate: { pollIntervalMs: 20 } }, ...overrides });

async function bytesOf(url: string): Promise<Uint8Array> {
  return new Uint8Array(await (await fetch(url)).arrayBuffer());
}

describe('Replicate source video over the emulator (MSW mode)', () => {
  it('generates a video, then edits it with MiniMax H3 from the job and its URL', async () => {
    const model = provider.video(H3);
    const first = await model.doStart(options({ prompt: 'a koi pond', aspectRatio: '9:16', duration: 5 }));
    const done = await model.doGenerate(options({ prompt: 'a koi pond', aspectRatio: '9:16', duration: 5 }));
    const video = done.videos[0] as { type: 'url'; url: string };
    expect(new URL(video.url).origin).toBe('https://replicate.delivery');
    const job = {
      specificationVersion: 'v3' as const,
      provider: model.provider,
      modelId: H3,
      operation: first.operation,
    };

    const edited = await model.doGenerate(
      options({ prompt: 'the koi turn gold', sourceVideo: { operation: 'edit', job, video } }),
    );
    const editedUrl = (edited.videos[0] as { url: string }).url;
    expect(readMp4Boxes(await bytesOf(editedUrl)).map((box) => box.type)).toContain('moov');
    const id = editedUrl.split('/').at(-2) as string;
    expect(emulator.jobs.get(id)).toMatchObject({ width: 768, height: 1366, seconds: 5 });
    expect(emulator.jobs.get(id)?.request).toMatchObject({ input: { reference_video_urls: [video.url] } });
  });

  it('uploads a source video given as bytes (over 256 KB) to /v1/files and edits it', async () => {
    const model = provider.video(H3);
    const first = await model.doGenerate(options({ prompt: 'a koi pond', duration: 4 }));
    const mp4 = await bytesOf((first.videos[0] as { url: string }).url);
    const padded = new Uint8Array(300 * 1024);
    padded.set(mp4);
    const started = await model.doStart(
      options({
        prompt: 'gold',
        sourceVideo: { operation: 'edit', video: { type: 'file', mediaType: 'video/mp4', data: padded } },
      }),
    );
    const job = emulator.jobs.get((started.operation as { id: string }).id);
    expect((job!.request.input as { reference_video_urls: string[] }).reference_video_urls[0]).toMatch(
      /^https:\/\/api\.replicate\.com\/v1\/files\/[a-z0-9]+$/,
    );
  });

  it('refuses a source video the emulator never produced finishing, with its 422 body', async () => {
    const model = provider.video(H3);
    const pending = await model.doStart(options({ prompt: 'still running [emulator:stuck]' }));
    const url = `https://replicate.delivery/emulator/${(pending.operation as { id: string }).id}/output.mp4`;
    await expect(
      model.doStart(options({ prompt: 'edit', sourceVideo: { operation: 'edit', video: { type: 'url', url } } })),
    ).rejects.toMatchObject({ statusCode: 422, message: expect.stringContaining('file could not be downloaded') });
  });
});

describe('Replicate gateway operations over the emulator (MSW mode)', () => {
  it('lists jobs that resume with doStatus, filters by status, and pages with the cursor', async () => {
    const model = provider.video('bytedance/seedance-1-lite');
    const started = await model.doStart(options({ prompt: 'listed [emulator:stuck]' }));
    const listed = await provider.listJobs({ limit: 1 });
    expect(listed.jobs).toHaveLength(1);
    expect(listed.jobs[0].operation).toStrictEqual(started.operation);
    expect(listed.nextCursor).toBeDefined();
    const next = await provider.listJobs({ limit: 1, after: listed.nextCursor });
    expect(next.jobs[0].operation).not.toStrictEqual(started.operation);
    expect((await model.doStatus({ operation: listed.jobs[0].operation })).status).toBe('pending');
    const completed = await provider.listJobs({ status: 'completed' });
    expect(completed.jobs.every((job) => job.status === 'completed')).toBe(true);
    expect(completed.jobs.length).toBeGreaterThan(0);
  });

  it('cancels a prediction', async () => {
    const model = provider.video('bytedance/seedance-1-lite');
    const started = await model.doStart(options({ prompt: 'cancel me [emulator:stuck]' }));
    await model.doCancel({ operation: started.operation });
    expect(await model.doStatus({ operation: started.operation })).toMatchObject({
      status: 'failed',
      error: { code: 'canceled' },
    });
  });

  it('gives the public replicate.delivery link with its 1-hour expiry', async () => {
    const model = provider.video('bytedance/seedance-1-lite');
    const started = await model.doStart(options({ prompt: 'link', resolution: '854x480' }));
    emulator.jobs.complete((started.operation as { id: string }).id);
    const link = await model.doGetDownloadUrl({ operation: started.operation });
    expect(link?.url).toMatch(/^https:\/\/replicate\.delivery\/emulator\/[a-z0-9]{26}\/output\.mp4$/);
    expect(link?.expiresAt?.getTime()).toBeGreaterThan(Date.now() + 59 * 60_000);
    expect(readMp4Boxes(await bytesOf(link?.url as string)).length).toBeGreaterThan(2);
  });

  it('lists the static catalog', async () => {
    expect((await provider.listVideoModels()).map((entry) => entry.modelId)).toContain(H3);
  });
});
