import { createEmulator } from '@videogen/emulator';
import type { VideoJob } from '@videogen/provider-spec';
import { createCallOptions } from '@videogen/provider-utils/test';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFal } from './fal-provider';
import type { FalVideoModel } from './fal-video-model';

// The provider against the emulator in MSW mode (fal's real queue and CDN URLs): generate a clip,
// then extend it (Veo 3.1 extend-video) and edit it (Kling O1 video-to-video edit) through sourceVideo.
const emulator = createEmulator({ jobDurationMs: 60, queueMs: 10 });
const mswServer = setupServer(...emulator.mswHandlers());

beforeAll(() => mswServer.listen({ onUnhandledRequest: 'error' }));
afterAll(() => {
  mswServer.close();
  emulator.close();
});

const fal = createFal({ apiKey: 'fal-emulator:key' });
const poll = { fal: { pollIntervalMs: 20 } };

/** The length of an MP4 in seconds, from its `mvhd` box (version 0). */
function mp4Seconds(bytes: Uint8Array): number {
  const at = Buffer.from(bytes).indexOf('mvhd');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return view.getUint32(at + 20) / view.getUint32(at + 16);
}

async function fetchBytes(url: string): Promise<Uint8Array> {
  const response = await fetch(url);
  expect(response.status).toBe(200);
  return new Uint8Array(await response.arrayBuffer());
}

/** Generates a clip on fal-ai/veo3.1; its job, public URL and bytes. */
async function generate(duration: number) {
  const model = fal.video('fal-ai/veo3.1') as FalVideoModel;
  const started = await model.doStart(
    createCallOptions({ prompt: 'A red fox in fresh snow', duration, providerOptions: poll }),
  );
  const job: VideoJob = {
    specificationVersion: 'v3',
    provider: model.provider,
    modelId: model.modelId,
    operation: started.operation,
  };
  for (;;) {
    const status = await model.doStatus({ operation: started.operation });
    if (status.status === 'completed') {
      const url = (status.videos[0] as { url: string }).url;
      return { job, url };
    }
    if (status.status !== 'pending') throw new Error(`job ended ${status.status}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

function videoUrl(result: { videos: unknown[] }): string {
  const video = result.videos[0] as { type: string; url: string };
  expect(video.type).toBe('url');
  return video.url;
}

describe('fal source videos against the emulator (MSW mode)', () => {
  it('extends a generated clip by its job and URL (Veo 3.1 extend-video): the clip plus 7 s', async () => {
    const first = await generate(6);
    const extended = await fal.video('fal-ai/veo3.1/extend-video').doGenerate(
      createCallOptions({
        prompt: 'The fox turns and runs into the forest',
        sourceVideo: { operation: 'extend', job: first.job, video: { type: 'url', url: first.url } },
        providerOptions: poll,
      }),
    );
    const bytes = await fetchBytes(videoUrl(extended));
    expect(new TextDecoder().decode(bytes.slice(4, 8))).toBe('ftyp');
    expect(mp4Seconds(bytes)).toBeCloseTo(13, 1);
    expect(emulator.jobs.list({ api: 'fal' }).at(-1)?.request).toMatchObject({ video_url: first.url });
  });

  it('edits a clip given as bytes (Kling O1 edit, a data: URI): as long as the clip', async () => {
    const first = await generate(4);
    const edited = await fal.video('fal-ai/kling-video/o1/video-to-video/edit').doGenerate(
      createCallOptions({
        prompt: 'Make it snow harder',
        sourceVideo: {
          operation: 'edit',
          video: { type: 'file', mediaType: 'video/mp4', data: await fetchBytes(first.url) },
        },
        providerOptions: poll,
      }),
    );
    expect(mp4Seconds(await fetchBytes(videoUrl(edited)))).toBeCloseTo(4, 1);
  });

  it("fal's 422 for a source that does not exist reaches the caller", async () => {
    await expect(
      (fal.video('fal-ai/veo3.1/extend-video') as FalVideoModel).doStart(
        createCallOptions({
          prompt: 'Continue',
          sourceVideo: {
            operation: 'extend',
            video: {
              type: 'url',
              url: 'https://v3.fal.media/files/emulator/00000000-0000-0000-0000-000000000000/output.mp4',
            },
          },
        }),
      ),
    ).rejects.toMatchObject({ statusCode: 422 });
  });

  it("doGetDownloadUrl returns the result's public CDN URL, fetchable without the key", async () => {
    const first = await generate(4);
    const model = fal.video('fal-ai/veo3.1') as FalVideoModel;
    const link = await model.doGetDownloadUrl({ operation: first.job.operation });
    expect(link).toStrictEqual({ url: first.url, mediaType: 'video/mp4' });
    const before = emulator.requests.length;
    expect(mp4Seconds(await fetchBytes(link!.url))).toBeCloseTo(4, 1);
    expect(emulator.requests.slice(before)).toMatchObject([{ route: 'media', auth: [] }]);
  });
});
