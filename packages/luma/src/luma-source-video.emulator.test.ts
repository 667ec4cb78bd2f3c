import { createEmulator, readMp4Boxes } from '@videogen/emulator';
import { APICallError, type VideoJob, type VideoModelV3CallOptions } from '@videogen/provider-spec';
import { createCallOptions } from '@videogen/provider-utils/test';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLuma } from './luma-provider';

// Generate, then extend and restyle through the provider-neutral `sourceVideo`, and list, link and
// delete the generations, against the emulator in MSW mode (Luma's real URLs, intercepted).
const emulator = createEmulator({ jobDurationMs: 60, queueMs: 10 });
const server = setupServer(...emulator.mswHandlers());
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => {
  server.close();
  emulator.close();
});

const luma = createLuma({ apiKey: 'luma-msw-key' });
const model = luma.video('ray-2');
const options = (overrides: Partial<VideoModelV3CallOptions>) =>
  createCallOptions({
    prompt: 'A tiger walking in snow',
    ...overrides,
    providerOptions: { luma: { pollIntervalMs: 20 } },
  });

/** The MP4's length in seconds, from its `moov/mvhd` box. */
async function fetchMp4Seconds(url: string): Promise<number> {
  const response = await fetch(url);
  expect(response.status).toBe(200);
  const bytes = new Uint8Array(await response.arrayBuffer());
  const moov = readMp4Boxes(bytes).find((box) => box.type === 'moov')!;
  const view = new DataView(bytes.buffer, bytes.byteOffset);
  const mvhd = moov.offset + 8; // mvhd is moov's first child in the emulator's files
  expect(String.fromCharCode(...bytes.subarray(mvhd + 4, mvhd + 8))).toBe('mvhd');
  return view.getUint32(mvhd + 24) / view.getUint32(mvhd + 20);
}

const urlOf = (result: { videos: unknown[] }) => (result.videos[0] as { type: 'url'; url: string }).url;

async function generate(overrides: Partial<VideoModelV3CallOptions> = {}) {
  const result = await model.doGenerate(options(overrides));
  const job: VideoJob = {
    specificationVersion: 'v3',
    provider: model.provider,
    modelId: model.modelId,
    operation: { id: (result.providerMetadata!.luma as { generationId: string }).generationId },
  };
  return { result, job };
}

describe('Luma sourceVideo and gateway operations against the emulator (MSW mode)', () => {
  it('generates 5 s, extends it from its job (5 + 5 s), restyles it from the job and from its URL (5 s)', async () => {
    const { result: first, job } = await generate({ duration: 5, resolution: '960x720' });
    expect(await fetchMp4Seconds(urlOf(first))).toBe(5);

    const extended = await model.doGenerate(options({ sourceVideo: { operation: 'extend', job } }));
    expect(await fetchMp4Seconds(urlOf(extended))).toBe(10);
    expect(emulator.jobs.list({ api: 'luma' }).at(-1)?.request).toMatchObject({
      keyframes: { frame0: { type: 'generation', id: (job.operation as { id: string }).id } },
    });

    const restyled = await luma
      .video('ray-flash-2')
      .doGenerate(options({ sourceVideo: { operation: 'video-to-video', job } }));
    expect(await fetchMp4Seconds(urlOf(restyled))).toBe(5);
    expect(emulator.jobs.list({ api: 'luma' }).at(-1)).toMatchObject({ width: 960, height: 720 });

    const fromUrl = await model.doGenerate(
      options({ sourceVideo: { operation: 'video-to-video', video: { type: 'url', url: urlOf(first) } } }),
    );
    expect(await fetchMp4Seconds(urlOf(fromUrl))).toBe(5);
    expect(emulator.requests.filter((entry) => entry.credentialLeak)).toStrictEqual([]);
  });

  it('lists page by page with the offset cursor; a listed job resumes; links and deletes', async () => {
    const { job } = await generate({ prompt: 'the newest one' });
    const id = (job.operation as { id: string }).id;

    const first = await luma.listJobs({ limit: 1 });
    expect(first.jobs).toStrictEqual([expect.objectContaining({ operation: { id }, status: 'completed' })]);
    expect(first.nextCursor).toBe('1');
    const second = await luma.listJobs({ limit: 1, after: first.nextCursor });
    expect(second.jobs[0].operation).not.toStrictEqual({ id });
    expect((await model.doStatus({ operation: first.jobs[0].operation })).status).toBe('completed');
    expect((await model.doListJobs({ status: 'failed' })).jobs).toStrictEqual([]);

    const link = (await model.doGetDownloadUrl({ operation: job.operation }))!;
    expect(link.url).toMatch(/^https:\/\/storage\.cdn-luma\.com\/dream_machine\/.+\/video_0\.mp4$/);
    expect(await fetchMp4Seconds(link.url)).toBe(5);

    await model.doDelete({ operation: job.operation });
    const gone = await model.doStatus({ operation: job.operation }).catch((error) => error);
    expect(APICallError.isInstance(gone) && gone.statusCode).toBe(404);
    await model.doDelete({ operation: job.operation });
    expect((await luma.listJobs({})).jobs.map((listed) => listed.operation)).not.toContainEqual({ id });
  });

  it('a source that is still running is refused before anything is paid for', async () => {
    const started = await model.doStart(options({ prompt: 'a tiger [emulator:stuck]' }));
    const job: VideoJob = {
      specificationVersion: 'v3',
      provider: 'luma.video',
      modelId: 'ray-2',
      operation: started.operation,
    };
    await expect(model.doStart(options({ sourceVideo: { operation: 'video-to-video', job } }))).rejects.toMatchObject({
      argument: 'sourceVideo',
    });
    // Luma itself refuses to extend an unfinished generation (400 { detail }).
    await expect(model.doStart(options({ sourceVideo: { operation: 'extend', job } }))).rejects.toMatchObject({
      statusCode: 400,
      message: expect.stringContaining('not completed'),
    });
  });
});
