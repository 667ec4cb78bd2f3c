import type { VideoJob, VideoModelV3CallOptions } from '@videogen/provider-spec';
import { createEmulator } from '@videogen/emulator';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createByteDance } from './bytedance-provider';

// Seedance against the emulator in MSW mode (BytePlus's real URLs, intercepted):
// generate, then extend and edit that video, render a draft in full, and the gateway operations.
const emulator = createEmulator({ jobDurationMs: 60, queueMs: 10 });
const server = setupServer(...emulator.mswHandlers());
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => {
  server.close();
  emulator.close();
});

const bytedance = createByteDance({ apiKey: 'ark-msw-key' });

const call: VideoModelV3CallOptions = {
  prompt: undefined,
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
  providerOptions: { bytedance: { pollIntervalMs: 20 } },
};

/** Length in seconds of an MP4 (mvhd timescale and duration). */
async function mp4Seconds(url: string): Promise<number> {
  const bytes = new Uint8Array(await (await fetch(url)).arrayBuffer());
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let index = 0; index + 24 < bytes.length; index++) {
    if (bytes[index] === 0x6d && bytes[index + 1] === 0x76 && bytes[index + 2] === 0x68 && bytes[index + 3] === 0x64) {
      const version = bytes[index + 4];
      const timescale = view.getUint32(index + (version === 1 ? 24 : 16));
      const duration = version === 1 ? Number(view.getBigUint64(index + 28)) : view.getUint32(index + 20);
      return duration / timescale;
    }
  }
  throw new Error('no mvhd box');
}

async function generate(modelId: string, options: Partial<VideoModelV3CallOptions>) {
  const model = bytedance.video(modelId);
  const started = await model.doStart({ ...call, ...options });
  let status = await model.doStatus({ operation: started.operation });
  while (status.status === 'pending') {
    await new Promise((resolve) => setTimeout(resolve, 20));
    status = await model.doStatus({ operation: started.operation });
  }
  if (status.status !== 'completed') throw new Error(`job ${JSON.stringify(status)}`);
  const video = status.videos[0] as { type: 'url'; url: string };
  const job: VideoJob = { specificationVersion: 'v3', provider: model.provider, modelId, operation: started.operation };
  return { job, url: video.url, operation: started.operation };
}

describe('Seedance source videos against the emulator', () => {
  it('generates a clip, then extends and edits it (video_url reference_video); each result is a real MP4', async () => {
    const modelId = 'dreamina-seedance-2-0-fast-260128';
    const first = await generate(modelId, { prompt: 'A paper boat on a puddle', duration: 4, resolution: '854x480' });
    expect(await mp4Seconds(first.url)).toBe(4);

    const extended = await bytedance.video(modelId).doGenerate({
      ...call,
      prompt: 'Extend video 1: the boat drifts into a gutter',
      duration: 6,
      sourceVideo: { operation: 'extend', job: first.job, video: { type: 'url', url: first.url } },
    });
    const extendedUrl = (extended.videos[0] as { url: string }).url;
    expect(await mp4Seconds(extendedUrl)).toBe(6);

    const edited = await bytedance.video(modelId).doGenerate({
      ...call,
      prompt: 'In video 1, make it snow',
      duration: 4,
      sourceVideo: { operation: 'edit', video: { type: 'url', url: extendedUrl } },
    });
    expect(await mp4Seconds((edited.videos[0] as { url: string }).url)).toBe(4);
    const [record] = emulator.jobs
      .list({ api: 'bytedance' })
      .filter((job) => job.prompt === 'In video 1, make it snow');
    expect(record.status).toBe('completed');
  });

  it('the API refuses a source link of a task that does not exist (400 InvalidParameter)', async () => {
    const url =
      'https://ark-content-generation-ap-southeast-1.tos-ap-southeast-1.volces.com/ark-emulator/cgt-20260101000000-nope0/video.mp4';
    await expect(
      bytedance.video('dreamina-seedance-2-0-260128').doStart({
        ...call,
        prompt: 'Extend video 1',
        sourceVideo: { operation: 'extend', video: { type: 'url', url } },
      }),
    ).rejects.toMatchObject({ statusCode: 400, message: expect.stringContaining('content[1].video_url.url') });
  });

  it('renders a 1.5 pro draft in full (remix: the draft job id as draft_task)', async () => {
    const draft = await generate('seedance-1-5-pro-251215', {
      prompt: 'A lantern rises',
      providerOptions: { bytedance: { draft: true } },
    });
    const final = await bytedance.video('seedance-1-5-pro-251215').doGenerate({
      ...call,
      sourceVideo: { operation: 'remix', job: draft.job },
      resolution: '1280x720',
    });
    expect(await mp4Seconds((final.videos[0] as { url: string }).url)).toBe(5);
    // A job that is not a draft task (or does not exist): Ark's 404.
    const notDraft: VideoJob = { ...draft.job, operation: { id: 'cgt-20260101000000-nope0' } };
    await expect(
      bytedance
        .video('seedance-1-5-pro-251215')
        .doStart({ ...call, sourceVideo: { operation: 'remix', job: notDraft } }),
    ).rejects.toMatchObject({ statusCode: 404, message: expect.stringContaining('draft task') });
  });
});

describe('Seedance gateway operations against the emulator', () => {
  it('lists tasks by page with a status filter; a listed job resumes; the download URL; delete', async () => {
    const model = bytedance.video('seedance-1-0-pro-250528');
    const done = await generate('seedance-1-0-pro-250528', { prompt: 'listed', duration: 2 });

    const completed = await bytedance.listJobs({ status: 'completed', limit: 2 });
    expect(completed.jobs.length).toBeGreaterThan(0);
    expect(completed.jobs.every((job) => job.status === 'completed')).toBe(true);
    const total = emulator.jobs.list({ api: 'bytedance' }).filter((job) => job.status === 'completed').length;
    expect(completed.nextCursor).toBe(total > 2 ? '2' : undefined);
    const second = await model.doListJobs({ status: 'completed', limit: 2, after: completed.nextCursor });
    expect(second.jobs.map((job) => job.operation)).not.toContainEqual(completed.jobs[0].operation);

    const first = await model.doListJobs({ limit: 1 });
    expect(first.jobs[0].operation).toStrictEqual(done.operation);
    expect((await model.doStatus({ operation: first.jobs[0].operation })).status).toBe('completed');

    const link = await model.doGetDownloadUrl({ operation: done.operation });
    expect(link?.url).toBe(done.url);
    expect(link?.expiresAt?.getTime()).toBeGreaterThan(Date.now() + 23 * 3600_000);
    expect(await mp4Seconds(link?.url as string)).toBe(2);

    await model.doDelete({ operation: done.operation });
    await model.doDelete({ operation: done.operation }); // already gone: resolves
    await expect(model.doStatus({ operation: done.operation })).rejects.toMatchObject({ statusCode: 404 });
  });

  it('lists the static catalog', async () => {
    const catalog = await bytedance.listVideoModels();
    expect(
      catalog.find((entry) => entry.modelId === 'dreamina-seedance-2-0-260128')?.capabilities.sourceVideo,
    ).toHaveLength(2);
  });
});
