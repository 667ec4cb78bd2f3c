import { createEmulator, readMp4Boxes } from '@videogen/emulator';
import type { VideoJob, VideoModelV3GenerateResult } from '@videogen/provider-spec';
import { createCallOptions } from '@videogen/provider-utils/test';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOpenAI } from './openai-provider';

/** Seconds of an MP4, from its `mvhd` (version 0, as the emulator writes it). */
function mp4Seconds(bytes: Uint8Array): number {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const moov = readMp4Boxes(bytes).find((box) => box.type === 'moov');
  if (!moov) throw new Error('no moov');
  const mvhd = moov.offset + 8;
  expect(String.fromCharCode(...bytes.subarray(mvhd + 4, mvhd + 8))).toBe('mvhd');
  return view.getUint32(mvhd + 8 + 16) / view.getUint32(mvhd + 8 + 12);
}

/** The OpenAI provider against the emulator in MSW mode: OpenAI's real URLs, intercepted. */
describe('OpenAI source videos and gateway operations against the emulator (MSW mode)', () => {
  const emulator = createEmulator({ jobDurationMs: 60, queueMs: 10 });
  const server = setupServer(...emulator.mswHandlers());
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  afterAll(() => {
    server.close();
    emulator.close();
  });
  const openai = createOpenAI({ apiKey: 'sk-emulator' });
  const model = openai.video('sora-2');
  const fastPoll = { openai: { pollIntervalMs: 10 } };

  // doGenerate fetches the credentialed content itself (the video needs the key).
  async function download(result: VideoModelV3GenerateResult): Promise<Uint8Array> {
    const [video] = result.videos;
    if (video.type === 'url') throw new Error('expected the bytes');
    return video.type === 'base64' ? new Uint8Array(Buffer.from(video.data, 'base64')) : video.data;
  }

  function jobOf(result: VideoModelV3GenerateResult): VideoJob {
    return {
      specificationVersion: 'v3',
      provider: model.provider,
      modelId: model.modelId,
      operation: { videoId: result.providerMetadata?.openai.id as string },
    };
  }

  let source: VideoModelV3GenerateResult;
  let sourceBytes: Uint8Array;
  beforeAll(async () => {
    source = await model.doGenerate(
      createCallOptions({
        prompt: 'A paper boat on a pond',
        duration: 4,
        resolution: '1280x720',
        providerOptions: fastPoll,
      }),
    );
    sourceBytes = await download(source);
  });

  it('generates, then extends the job (its id, nothing uploaded): a longer MP4 of the same size', async () => {
    expect(mp4Seconds(sourceBytes)).toBe(4);
    const extended = await model.doGenerate(
      createCallOptions({
        prompt: 'The boat drifts under a bridge',
        duration: 8,
        sourceVideo: {
          operation: 'extend',
          job: jobOf(source),
          video: { type: 'file', data: sourceBytes, mediaType: 'video/mp4' },
        },
        providerOptions: fastPoll,
      }),
    );
    expect(extended.providerMetadata?.openai).toMatchObject({ seconds: '12', size: '1280x720' });
    expect(mp4Seconds(await download(extended))).toBe(12);
    const request = emulator.jobs.list({ api: 'openai' }).at(-1)?.request;
    expect(request).toStrictEqual({
      video: { id: source.providerMetadata?.openai.id },
      prompt: 'The boat drifts under a bridge',
      seconds: '8',
    });
  });

  it('edits the job and edits an uploaded file; remixes the job', async () => {
    const edited = await model.doGenerate(
      createCallOptions({
        prompt: 'Make it night',
        sourceVideo: { operation: 'edit', job: jobOf(source) },
        providerOptions: fastPoll,
      }),
    );
    expect(mp4Seconds(await download(edited))).toBe(4);

    const uploaded = await model.doGenerate(
      createCallOptions({
        prompt: 'Make it snow',
        sourceVideo: { operation: 'edit', video: { type: 'file', data: sourceBytes, mediaType: 'video/mp4' } },
        providerOptions: fastPoll,
      }),
    );
    expect(uploaded.providerMetadata?.openai).toMatchObject({ seconds: '4', size: '1280x720' });
    expect(mp4Seconds(await download(uploaded))).toBe(4);

    const remixed = await model.doGenerate(
      createCallOptions({
        prompt: 'Teal and rust',
        sourceVideo: { operation: 'remix', job: jobOf(source) },
        providerOptions: fastPoll,
      }),
    );
    expect(remixed.providerMetadata?.openai.remixedFromVideoId).toBe(source.providerMetadata?.openai.id);
    expect(mp4Seconds(await download(remixed))).toBe(4);
  });

  it("surfaces the API's 404 for a source job it does not know", async () => {
    const error = await model
      .doStart(
        createCallOptions({
          prompt: 'x',
          sourceVideo: { operation: 'edit', job: { ...jobOf(source), operation: { videoId: 'video_unknown' } } },
        }),
      )
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({ statusCode: 404 });
    expect((error as Error).message).toContain("Video with id 'video_unknown' not found.");
  });

  it('lists jobs page by page (a listed operation resumes with doStatus), deletes one, and has no public link', async () => {
    const first = await model.doListJobs({ limit: 2 });
    expect(first.jobs).toHaveLength(2);
    expect(first.nextCursor).toBe((first.jobs[1].operation as { videoId: string }).videoId);
    const second = await openai.listJobs({ limit: 100, after: first.nextCursor });
    const all = [...first.jobs, ...second.jobs];
    expect(all.map((job) => (job.operation as { videoId: string }).videoId)).toContain(
      source.providerMetadata?.openai.id,
    );
    expect(second.nextCursor).toBeUndefined();
    const status = await model.doStatus({ operation: all.at(-1)!.operation });
    expect(status.status).toBe('completed');
    expect((await model.doListJobs({ status: 'pending' })).jobs).toStrictEqual([]);

    const victim = all[0].operation;
    await model.doDelete({ operation: victim });
    await model.doDelete({ operation: victim });
    const after = await model.doListJobs({ limit: 100 });
    expect(after.jobs.map((job) => job.operation)).not.toContainEqual(victim);
    await expect(model.doStatus({ operation: victim })).rejects.toMatchObject({ statusCode: 404 });

    await expect(model.doGetDownloadUrl({ operation: all[1].operation })).resolves.toBeUndefined();
    expect(emulator.requests.filter((entry) => entry.credentialLeak)).toStrictEqual([]);
  });
});
