import { createEmulator, readMp4Boxes } from '@videogen/emulator';
import { InvalidArgumentError, type VideoJob, type VideoModelV3CallOptions } from '@videogen/provider-spec';
import { createCallOptions } from '@videogen/provider-utils/test';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createXai } from './xai-provider';

// Generate, then edit and extend through the provider-neutral `sourceVideo`, against the emulator
// in MSW mode (xAI's real URLs, intercepted), checking the MP4s that come back.
const emulator = createEmulator({ jobDurationMs: 60, queueMs: 10 });
const server = setupServer(...emulator.mswHandlers());
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => {
  server.close();
  emulator.close();
});

const model = createXai({ apiKey: 'xai-msw-key' }).video('grok-imagine-video');
const options = (overrides: Partial<VideoModelV3CallOptions>) =>
  createCallOptions({
    prompt: 'A paper lantern drifts over a night market',
    ...overrides,
    providerOptions: { xai: { pollIntervalMs: 20 } },
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

describe('xAI sourceVideo against the emulator (MSW mode)', () => {
  it('generates 4 s, extends it by 3 s from its job (7 s), edits it from the job alone (4 s), extends its bytes', async () => {
    const first = await model.doGenerate(options({ duration: 4, aspectRatio: '9:16' }));
    expect(await fetchMp4Seconds(urlOf(first))).toBe(4);
    const job: VideoJob = {
      specificationVersion: 'v3',
      provider: model.provider,
      modelId: model.modelId,
      operation: { requestId: (first.providerMetadata!.xai as { requestId: string }).requestId },
    };

    const extended = await model.doGenerate(
      options({ duration: 3, sourceVideo: { operation: 'extend', job, video: first.videos[0] as never } }),
    );
    expect(await fetchMp4Seconds(urlOf(extended))).toBe(7);

    // Only the job: its video URL is looked up, nothing is uploaded.
    const edited = await model.doGenerate(options({ sourceVideo: { operation: 'edit', job } }));
    expect(await fetchMp4Seconds(urlOf(edited))).toBe(4);
    expect(emulator.jobs.list({ api: 'xai' }).at(-1)).toMatchObject({ width: 720, height: 1280, seconds: 4 });

    // The bytes, sent inline.
    const bytes = new Uint8Array(await (await fetch(urlOf(first))).arrayBuffer());
    const fromBytes = await model.doGenerate(
      options({
        duration: 2,
        sourceVideo: { operation: 'extend', video: { type: 'file', data: bytes, mediaType: 'video/mp4' } },
      }),
    );
    expect(await fetchMp4Seconds(urlOf(fromBytes))).toBe(6);

    const routes = emulator.requests
      .map((entry) => entry.route)
      .filter((route) => route === 'edit' || route === 'extension');
    expect(routes).toStrictEqual(['extension', 'edit', 'extension']);
    expect(emulator.requests.filter((entry) => entry.credentialLeak)).toStrictEqual([]);
  });

  it('an edit of a 10 s video is refused by the emulator as by xAI (the limit is documented, not checked locally)', async () => {
    const long = await model.doGenerate(options({ duration: 10 }));
    const error = await model
      .doGenerate(options({ sourceVideo: { operation: 'edit', video: { type: 'url', url: urlOf(long) } } }))
      .catch((caught) => caught);
    expect(error).toMatchObject({ statusCode: 400, message: expect.stringContaining('at most 8.7 s') });
  });

  it('refuses grok-imagine-video-1.5 before any request', async () => {
    const before = emulator.requests.length;
    await expect(
      createXai({ apiKey: 'xai-msw-key' })
        .video('grok-imagine-video-1.5')
        .doStart(
          options({
            sourceVideo: { operation: 'extend', video: { type: 'url', url: 'https://cdn.example.com/a.mp4' } },
          }),
        ),
    ).rejects.toBeInstanceOf(InvalidArgumentError);
    expect(emulator.requests.length).toBe(before);
  });

  it('doGetDownloadUrl gives the public video URL, which plays without the key', async () => {
    const started = await model.doStart(options({ duration: 2 }));
    let status = await model.doStatus({ operation: started.operation });
    while (status.status === 'pending') {
      await new Promise((resolve) => setTimeout(resolve, 20));
      status = await model.doStatus({ operation: started.operation });
    }
    const link = (await model.doGetDownloadUrl({ operation: started.operation }))!;
    expect(link).toStrictEqual({ url: urlOf(status as never), mediaType: 'video/mp4' });
    expect(await fetchMp4Seconds(link.url)).toBe(2);
    const media = emulator.requests.filter((entry) => entry.route === 'media').at(-1);
    expect(media?.auth).toStrictEqual([]);
  });
});
