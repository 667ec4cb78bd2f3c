// Proof against a client nobody here wrote: `@ai-sdk/bytedance` 1.0.29 (the Vercel AI SDK's
// Seedance provider; ByteDance publishes no Node SDK for Ark), unmodified, over real HTTP
// against the emulator on 127.0.0.1.
import { createByteDance } from '@ai-sdk/bytedance';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readMp4Info } from '../__fixtures__/mp4-info';
import { type EmulatorServer, startEmulator } from '../server';

const PNG_DATA_URL =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=';

let server: EmulatorServer;
beforeAll(async () => {
  server = await startEmulator({ jobDurationMs: 300, queueMs: 50, apiKeys: { bytedance: ['ark-proof-key'] } });
});
afterAll(() => server.close());

function model(modelId: string, apiKey = 'ark-proof-key') {
  return createByteDance({ apiKey, baseURL: server.baseURLs.bytedance }).video(modelId);
}

const call = {
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
} as const;

describe('@ai-sdk/bytedance 1.0.29 against the emulator', () => {
  it('text-to-video: creates, polls to succeeded, and the video_url is a real MP4 of the requested size', async () => {
    const result = await model('seedance-1-0-pro-250528').doGenerate({
      ...call,
      prompt: 'A paper boat drifts across a rain puddle',
      aspectRatio: '9:16',
      resolution: '1280x720',
      duration: 3,
      seed: 11,
      providerOptions: { bytedance: { pollIntervalMs: 50, watermark: false } },
    } as never);
    expect(result.videos).toHaveLength(1);
    const video = result.videos[0] as { type: 'url'; url: string; mediaType: string };
    expect(video.mediaType).toBe('video/mp4');
    expect(new URL(video.url).hostname).toBe('localhost');
    expect(result.providerMetadata?.bytedance).toMatchObject({
      taskId: expect.stringMatching(/^cgt-/),
      usage: { completion_tokens: expect.any(Number) },
    });
    const bytes = new Uint8Array(await (await fetch(video.url)).arrayBuffer());
    const info = readMp4Info(bytes);
    expect([info.trackWidth, info.trackHeight, info.seconds]).toStrictEqual([720, 1280, 3]);
    const [job] = server.emulator.jobs
      .list({ api: 'bytedance' })
      .filter((entry) => entry.prompt?.startsWith('A paper boat'));
    expect(job.request).toMatchObject({
      model: 'seedance-1-0-pro-250528',
      ratio: '9:16',
      resolution: '720p',
      duration: 3,
      seed: 11,
    });
  });

  it('image-to-video with first and last frames (Seedance 1.5 pro, audio off, last frame returned)', async () => {
    const result = await model('seedance-1-5-pro-251215').doGenerate({
      ...call,
      prompt: 'The frames, animated',
      frameImages: [
        { frameType: 'first_frame', image: { type: 'url', url: PNG_DATA_URL } },
        { frameType: 'last_frame', image: { type: 'url', url: PNG_DATA_URL } },
      ],
      generateAudio: false,
      providerOptions: { bytedance: { pollIntervalMs: 50, returnLastFrame: true } },
    } as never);
    expect(result.videos).toHaveLength(1);
    const [job] = server.emulator.jobs
      .list({ api: 'bytedance' })
      .filter((entry) => entry.prompt === 'The frames, animated');
    expect(job.request).toMatchObject({
      content: [
        { type: 'text' },
        { type: 'image_url', role: 'first_frame' },
        { type: 'image_url', role: 'last_frame' },
      ],
      generate_audio: false,
      return_last_frame: true,
    });
  });

  it('a single image without a role is taken as the first frame', async () => {
    const result = await model('seedance-1-0-pro-fast-251015').doGenerate({
      ...call,
      prompt: 'One image',
      image: { type: 'url', url: PNG_DATA_URL },
      providerOptions: { bytedance: { pollIntervalMs: 50 } },
    } as never);
    expect(result.videos).toHaveLength(1);
  });

  it('extends its own earlier video (Seedance 2.0 referenceVideos → video_url reference_video): a real, longer MP4', async () => {
    const first = await model('dreamina-seedance-2-0-fast-260128').doGenerate({
      ...call,
      prompt: 'A kite on a beach',
      duration: 4,
      providerOptions: { bytedance: { pollIntervalMs: 50 } },
    } as never);
    const sourceUrl = (first.videos[0] as { url: string }).url;
    const extended = await model('dreamina-seedance-2-0-fast-260128').doGenerate({
      ...call,
      prompt: 'Extend video 1: the kite climbs into the clouds',
      duration: 8,
      providerOptions: { bytedance: { pollIntervalMs: 50, referenceVideos: [sourceUrl] } },
    } as never);
    const url = (extended.videos[0] as { url: string }).url;
    const info = readMp4Info(new Uint8Array(await (await fetch(url)).arrayBuffer()));
    expect(info.seconds).toBe(8);
    const [job] = server.emulator.jobs
      .list({ api: 'bytedance' })
      .filter((entry) => entry.prompt?.startsWith('Extend video 1: the kite'));
    expect(job.request).toMatchObject({
      content: [{ type: 'text' }, { type: 'video_url', video_url: { url: sourceUrl }, role: 'reference_video' }],
    });
    // A source link of a task that does not exist: the client reports the API's 400.
    await expect(
      model('dreamina-seedance-2-0-fast-260128').doGenerate({
        ...call,
        prompt: 'Extend video 1',
        providerOptions: {
          bytedance: {
            pollIntervalMs: 50,
            referenceVideos: [sourceUrl.replace(/cgt-[^/]+/, 'cgt-20260101000000-nope0')],
          },
        },
      } as never),
    ).rejects.toMatchObject({ statusCode: 400 });
  });

  it('a moderated task ends the client with the failure; a bad key is a 401 it reports', async () => {
    await expect(
      model('seedance-1-0-pro-250528').doGenerate({
        ...call,
        prompt: 'blocked [emulator:filtered]',
        providerOptions: { bytedance: { pollIntervalMs: 50 } },
      } as never),
    ).rejects.toThrow(/Video generation failed: .*"status":"failed"/);
    await expect(
      model('seedance-1-0-pro-250528', 'wrong-key').doGenerate({
        ...call,
        prompt: 'x',
        providerOptions: {},
      } as never),
    ).rejects.toMatchObject({ statusCode: 401, message: expect.stringMatching(/missing or invalid/) });
  });
});
