import { randomUUID } from 'node:crypto';
import { startEmulator, type EmulatorServer } from '@videogen/emulator';
import { VideoJobFailedError } from '@videogen/provider-spec';
import { createCallOptions } from '@videogen/provider-utils/test';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createXai } from './xai-provider';

// This provider against the emulator over real HTTP on 127.0.0.1 (the shared e2e tests in test/e2e
// run it too; these cover what only xAI has: empty 202s, edits, extensions, moderation after "done").
vi.setConfig({ testTimeout: 30_000, hookTimeout: 30_000 });

let server: EmulatorServer;
beforeAll(async () => {
  server = await startEmulator({ host: '127.0.0.1', port: 0, jobDurationMs: 300, queueMs: 50 });
});
afterAll(async () => {
  await server?.close();
});

const model = () => createXai({ apiKey: 'xai-e2e-key', baseURL: server.baseURLs.xai }).video('grok-imagine-video');
const options = (extra: Record<string, unknown> = {}) =>
  createCallOptions({
    prompt: `a paper lantern ${randomUUID()}`,
    ...extra,
    providerOptions: { xai: { pollIntervalMs: 20, ...(extra.xai as object) } },
  });

const isMp4 = async (url: string) => {
  const bytes = new Uint8Array(await (await fetch(url)).arrayBuffer());
  return new TextDecoder().decode(bytes.subarray(4, 8)) === 'ftyp';
};

describe('XaiVideoModel against the emulator', () => {
  it('polls through 202s without a body, then gets the public video and the reported usage', async () => {
    server.emulator.injectFault({
      api: 'xai',
      route: 'retrieve',
      fault: { type: 'http-error', status: 202 },
      times: 2,
    });
    const result = await model().doGenerate(options({ duration: 3, resolution: '854x480' }));
    const video = result.videos[0] as { type: 'url'; url: string };
    expect(await isMp4(video.url)).toBe(true);
    expect(result.usage).toStrictEqual({ costUsd: 0.15, videoSeconds: 3, raw: { cost_in_usd_ticks: 1_500_000_000 } });
    expect(server.emulator.jobs.list({ api: 'xai' }).at(-1)).toMatchObject({ width: 854, height: 480, seconds: 3 });
    expect(server.emulator.requests.filter((entry) => entry.credentialLeak)).toStrictEqual([]);
  });

  it('edits and extends the video it made', async () => {
    const first = await model().doGenerate(options({ duration: 4, aspectRatio: '9:16' }));
    const videoUrl = (first.videos[0] as { url: string }).url;
    await model().doGenerate(options({ xai: { mode: 'edit-video', videoUrl } }));
    await model().doGenerate(options({ duration: 2, xai: { mode: 'extend-video', videoUrl } }));
    const [edit, extension] = server.emulator.jobs.list({ api: 'xai' }).slice(-2);
    expect(edit).toMatchObject({ seconds: 4, width: 720, height: 1280 });
    expect(extension).toMatchObject({ seconds: 6, width: 720, height: 1280 });
  });

  it('reports a moderated video (status done) as a content-filtered failure, and a failed job with its reason', async () => {
    const moderated = await model()
      .doGenerate(options({ prompt: 'a storm [emulator:filtered]' }))
      .catch((error) => error);
    expect(VideoJobFailedError.isInstance(moderated)).toBe(true);
    expect(moderated).toMatchObject({ contentFiltered: true, code: 'moderation_blocked' });

    const failed = await model()
      .doGenerate(options({ prompt: 'a storm [emulator:fail]' }))
      .catch((error) => error);
    expect(failed).toMatchObject({
      contentFiltered: false,
      code: 'internal_error',
      providerMessage: 'Video generation failed, please retry.',
    });
  });
});
