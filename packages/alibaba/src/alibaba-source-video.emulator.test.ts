import type { VideoJob, VideoModelV3CallOptions } from '@videogen/provider-spec';
import { createEmulator } from '@videogen/emulator';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAlibaba } from './alibaba-provider';

// Wan against the emulator in MSW mode (DashScope's real URLs, intercepted):
// generate, then extend (wan2.7-i2v first_clip) and edit (wan2.7-videoedit) that video; the gateway operations.
const emulator = createEmulator({ jobDurationMs: 60, queueMs: 10 });
const server = setupServer(...emulator.mswHandlers());
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => {
  server.close();
  emulator.close();
});

const alibaba = createAlibaba({ apiKey: 'sk-msw-key' });

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
  providerOptions: { alibaba: { pollIntervalMs: 20 } },
};

/** Length in seconds of an MP4 (its mvhd box). */
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

/** The signed OSS link of a result (doGenerate returns the bytes; the link is in the provider metadata). */
const urlOf = (result: { providerMetadata?: Record<string, Record<string, unknown>> }) =>
  String(result.providerMetadata?.alibaba?.videoUrl);

describe('Wan source videos against the emulator', () => {
  it('generates a clip, extends it (wan2.7-i2v) to a longer MP4, then edits that (wan2.7-videoedit)', async () => {
    const model = alibaba.video('wan2.6-t2v');
    const first = await model.doGenerate({ ...call, prompt: 'A paper kite over dunes', resolution: '1280x720' });
    const job: VideoJob = {
      specificationVersion: 'v3',
      provider: model.provider,
      modelId: model.modelId,
      operation: { taskId: String(first.providerMetadata?.alibaba?.taskId) },
    };
    expect(await mp4Seconds(urlOf(first))).toBe(5);

    const extended = await alibaba.video('wan2.7-i2v').doGenerate({
      ...call,
      prompt: 'The kite climbs into the clouds',
      duration: 9,
      resolution: '1280x720',
      sourceVideo: { operation: 'extend', job, video: { type: 'url', url: urlOf(first) } },
    });
    expect(await mp4Seconds(urlOf(extended))).toBe(9);

    const edited = await alibaba.video('wan2.7-videoedit').doGenerate({
      ...call,
      prompt: 'Make it snow',
      sourceVideo: { operation: 'edit', video: { type: 'url', url: urlOf(first) } },
    });
    expect(await mp4Seconds(urlOf(edited))).toBe(5);
  });

  it("DashScope's 400 for a source link of a task that does not exist", async () => {
    await expect(
      alibaba.video('wan2.7-videoedit').doStart({
        ...call,
        prompt: 'Make it snow',
        sourceVideo: {
          operation: 'edit',
          video: { type: 'url', url: 'https://dashscope-result-sh.oss-accelerate.aliyuncs.com/nope.mp4' },
        },
      }),
    ).rejects.toMatchObject({ statusCode: 400, message: expect.stringContaining('download') });
  });
});

describe('Wan gateway operations against the emulator', () => {
  it('lists the tasks by page and status; a listed job resumes; the OSS download link', async () => {
    const model = alibaba.video('wan2.6-t2v');
    const done = await model.doGenerate({ ...call, prompt: 'listed' });
    const completed = await alibaba.listJobs({ status: 'completed', limit: 1 });
    expect(completed.jobs).toHaveLength(1);
    expect(completed.jobs[0].status).toBe('completed');
    expect(completed.nextCursor).toBe('2');
    const next = await model.doListJobs({ status: 'completed', limit: 1, after: completed.nextCursor });
    expect(next.jobs[0].operation).not.toStrictEqual(completed.jobs[0].operation);
    const status = await model.doStatus({ operation: completed.jobs[0].operation });
    expect(status.status).toBe('completed');
    const link = await model.doGetDownloadUrl({ operation: completed.jobs[0].operation });
    // The same object (DashScope re-signs the link on each query: its Expires may move on).
    expect(link?.url.split('?')[0]).toBe(urlOf(done).split('?')[0]);
    expect(link?.expiresAt?.getTime()).toBeGreaterThan(Date.now() + 23 * 3600_000);
    expect(await mp4Seconds(link?.url as string)).toBe(5);
  });

  it('lists the static catalog', async () => {
    const catalog = await alibaba.listVideoModels();
    expect(catalog.find((entry) => entry.modelId === 'wan2.7-i2v')?.capabilities.sourceVideo?.[0].operation).toBe(
      'extend',
    );
  });
});
