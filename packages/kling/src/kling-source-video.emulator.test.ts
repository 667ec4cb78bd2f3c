import type { VideoJob, VideoModelV3StatusResult } from '@videogen/provider-spec';
import { createEmulator, readMp4Boxes } from '@videogen/emulator';
import { createCallOptions } from '@videogen/provider-utils/test';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKling } from './kling-provider';

// Source videos and gateway operations against the emulator in MSW mode (Kling's real URLs).
const ACCESS_KEY = 'AK-source';
const SECRET_KEY = 'SK-source';
const emulator = createEmulator({ jobDurationMs: 60, queueMs: 10, klingSecretKeys: { [ACCESS_KEY]: SECRET_KEY } });
const mswServer = setupServer(...emulator.mswHandlers());

beforeAll(() => mswServer.listen({ onUnhandledRequest: 'error' }));
afterAll(() => {
  mswServer.close();
  emulator.close();
});

const kling = createKling({ accessKey: ACCESS_KEY, secretKey: SECRET_KEY });
const model = kling.video('kling-v2-6');

/** The length an MP4 states in its `moov/mvhd` box, in seconds. */
function mp4Seconds(bytes: Uint8Array): number {
  const moov = readMp4Boxes(bytes).find((box) => box.type === 'moov');
  if (!moov) throw new Error('no moov box');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let offset = moov.offset + 8; offset < moov.offset + moov.size; offset += view.getUint32(offset)) {
    if (String.fromCharCode(...bytes.subarray(offset + 4, offset + 8)) === 'mvhd') {
      return view.getUint32(offset + 24) / view.getUint32(offset + 20);
    }
  }
  throw new Error('no mvhd box');
}

async function download(url: string): Promise<Uint8Array> {
  return new Uint8Array(await (await fetch(url)).arrayBuffer());
}

/** A finished Kling job: started, completed by the emulator, its completed status read. */
async function generate(prompt: string): Promise<{ job: VideoJob; status: VideoModelV3StatusResult }> {
  const { operation } = await model.doStart({ ...createCallOptions({ prompt }), duration: 5 });
  emulator.jobs.complete((operation as { taskId: string }).taskId);
  const job: VideoJob = { specificationVersion: 'v3', provider: model.provider, modelId: model.modelId, operation };
  return { job, status: await model.doStatus({ operation }) };
}

describe('Kling source videos against the emulator', () => {
  it('generates a video, then extends its job with doGenerate: the MP4 is the source continued (longer)', async () => {
    const { job, status } = await generate('A corgi surfing a wave at sunset');
    if (status.status !== 'completed') throw new Error(status.status);
    const source = await download((status.videos[0] as { url: string }).url);
    expect(mp4Seconds(source)).toBe(5);

    const extended = await model.doGenerate({
      ...createCallOptions({ prompt: 'The corgi rides the wave to the beach' }),
      sourceVideo: {
        operation: 'extend',
        job,
        video: { type: 'url', url: (status.videos[0] as { url: string }).url },
        providerMetadata: status.providerMetadata,
      },
      providerOptions: { kling: { pollIntervalMs: 20 } },
    });
    const bytes = await download((extended.videos[0] as { url: string }).url);
    expect(readMp4Boxes(bytes).map((box) => box.type)).toContain('moov');
    expect(mp4Seconds(bytes)).toBe(9);
    expect(extended.providerMetadata?.kling).toMatchObject({ endpoint: 'video-extend' });
    const [extendJob] = emulator.jobs.list({ api: 'kling' }).filter((entry) => entry.request.video_id !== undefined);
    expect(extendJob.request).toStrictEqual({
      video_id: (status.providerMetadata as { kling: { videos: Array<{ id: string }> } }).kling.videos[0].id,
      prompt: 'The corgi rides the wave to the beach',
    });
  });

  it('extends a job alone (no metadata): the video id comes from the job’s status; a job Kling does not know is 1203', async () => {
    const { job } = await generate('A red fox in fresh snow');
    const started = await model.doStart({
      ...createCallOptions({ prompt: undefined }),
      sourceVideo: { operation: 'extend', job },
    });
    expect(started.operation).toMatchObject({ endpoint: 'video-extend' });

    const unknown = { ...job, operation: { taskId: '123', endpoint: 'text2video' } };
    await expect(
      model.doStart({ ...createCallOptions({ prompt: 'x' }), sourceVideo: { operation: 'extend', job: unknown } }),
    ).rejects.toMatchObject({ statusCode: 404, message: '1203: Task does not exist' });
  });
});

describe('Kling gateway operations against the emulator', () => {
  it('lists every family page by page (cursor), and a listed operation resumes with doStatus', async () => {
    const seen: Array<{ taskId: string; endpoint: string }> = [];
    let after: string | undefined;
    let pages = 0;
    do {
      const page = await kling.listJobs({ limit: 1, ...(after ? { after } : {}) });
      seen.push(...page.jobs.map((listed) => listed.operation as { taskId: string; endpoint: string }));
      after = page.nextCursor;
      pages += 1;
    } while (after && pages < 20);
    const created = emulator.jobs.list({ api: 'kling' }).map((entry) => entry.id);
    expect(seen.map((operation) => operation.taskId).sort()).toStrictEqual([...created].sort());
    expect(new Set(seen.map((operation) => operation.endpoint))).toStrictEqual(new Set(['text2video', 'video-extend']));
    const status = await model.doStatus({ operation: seen[0] });
    expect(status.status).toBe('completed');

    const completed = await model.doListJobs({ status: 'completed', limit: 500 });
    expect(completed.jobs.every((listed) => listed.status === 'completed')).toBe(true);
    expect(completed.nextCursor).toBe('image2video:1');
  });

  it('gives the public CDN link of a finished video, valid for 30 days from the task', async () => {
    const { job } = await generate('A lighthouse at dusk');
    const link = await model.doGetDownloadUrl({ operation: job.operation });
    const task = emulator.jobs.get((job.operation as { taskId: string }).taskId);
    expect(link).toStrictEqual({
      url: expect.stringMatching(/^https:\/\/v15-kling-fdl\.klingai\.com\/emulator\//),
      mediaType: 'video/mp4',
      expiresAt: new Date((task?.createdAt ?? 0) + 30 * 24 * 3600 * 1000),
    });
    expect(mp4Seconds(await download(link.url))).toBe(5);
  });

  it('lists the static catalog', async () => {
    expect((await kling.listVideoModels()).find((entry) => entry.modelId === 'kling-v3')).toMatchObject({
      source: 'static',
      capabilities: { sourceVideo: [{ operation: 'extend', origins: ['job'] }] },
    });
  });
});
