import type { VideoJob, VideoModelV3StatusResult } from '@videogen/provider-spec';
import { createEmulator, readMp4Boxes } from '@videogen/emulator';
import { createCallOptions } from '@videogen/provider-utils/test';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRunway } from './runway-provider';

// Source videos and gateway operations against the emulator in MSW mode (Runway's real URLs).
const emulator = createEmulator({ jobDurationMs: 60, queueMs: 10 });
const mswServer = setupServer(...emulator.mswHandlers());

beforeAll(() => mswServer.listen({ onUnhandledRequest: 'error' }));
afterAll(() => {
  mswServer.close();
  emulator.close();
});

const runway = createRunway({ apiKey: 'key_source' });

/** The length an MP4 states in its `moov/mvhd` box, in seconds, and its size from `tkhd`. */
function mp4Info(bytes: Uint8Array): { seconds: number } {
  const moov = readMp4Boxes(bytes).find((box) => box.type === 'moov');
  if (!moov) throw new Error('no moov box');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let offset = moov.offset + 8; offset < moov.offset + moov.size; offset += view.getUint32(offset)) {
    if (String.fromCharCode(...bytes.subarray(offset + 4, offset + 8)) === 'mvhd') {
      return { seconds: view.getUint32(offset + 24) / view.getUint32(offset + 20) };
    }
  }
  throw new Error('no mvhd box');
}

async function download(url: string): Promise<Uint8Array> {
  return new Uint8Array(await (await fetch(url)).arrayBuffer());
}

/** A finished gen4.5 job (3 s, portrait): started, completed by the emulator, its status read. */
async function generate(): Promise<{ job: VideoJob; status: VideoModelV3StatusResult }> {
  const model = runway('gen4.5');
  const { operation } = await model.doStart({
    ...createCallOptions({ prompt: 'A paper lantern floating up' }),
    resolution: '720x1280',
    duration: 3,
  });
  emulator.jobs.complete((operation as { id: string }).id);
  return {
    job: { specificationVersion: 'v3', provider: model.provider, modelId: model.modelId, operation },
    status: await model.doStatus({ operation }),
  };
}

describe('Runway source videos against the emulator', () => {
  it('generates a video, then restyles its job with aleph2: the fresh output URL is sent, the MP4 follows the source', async () => {
    const { job, status } = await generate();
    if (status.status !== 'completed') throw new Error(status.status);
    const result = await runway('aleph2').doGenerate({
      ...createCallOptions({ prompt: 'Make it a watercolour' }),
      sourceVideo: {
        operation: 'video-to-video',
        job,
        video: { type: 'url', url: (status.videos[0] as { url: string }).url },
      },
      providerOptions: { runway: { pollIntervalMs: 20 } },
    });
    const bytes = await download((result.videos[0] as { url: string }).url);
    expect(mp4Info(bytes).seconds).toBe(3);
    const editJob = emulator.jobs.list({ api: 'runway' }).at(-1);
    expect(editJob).toMatchObject({ model: 'aleph2', width: 720, height: 1280, seconds: 3 });
    expect(editJob?.request.videoUri).toMatch(
      new RegExp(`^https://runway-output\\.example\\.net/${(job.operation as { id: string }).id}\\.mp4\\?_jwt=`),
    );
  });

  it('edits the downloaded bytes with gen4_aleph (a data: URI), and refuses a deleted source job', async () => {
    const { job, status } = await generate();
    if (status.status !== 'completed') throw new Error(status.status);
    const source = await download((status.videos[0] as { url: string }).url);
    const edited = await runway('gen4_aleph').doGenerate({
      ...createCallOptions({ prompt: 'Add falling snow' }),
      sourceVideo: { operation: 'edit', video: { type: 'file', data: source, mediaType: 'video/mp4' } },
      providerOptions: { runway: { pollIntervalMs: 20 } },
    });
    expect(mp4Info(await download((edited.videos[0] as { url: string }).url)).seconds).toBe(3);
    expect(emulator.jobs.list({ api: 'runway' }).at(-1)?.request.videoUri).toMatch(/^data:video\/mp4;base64,AAAA/);

    await runway('gen4.5').doDelete({ operation: job.operation });
    await expect(
      runway('aleph2').doStart({ ...createCallOptions({ prompt: 'x' }), sourceVideo: { operation: 'edit', job } }),
    ).rejects.toMatchObject({ statusCode: 404 });
  });
});

describe('Runway gateway operations against the emulator', () => {
  it('doDelete deletes a finished task (404 after) and resolves when it is already gone', async () => {
    const { job } = await generate();
    const model = runway('gen4.5');
    await model.doDelete({ operation: job.operation });
    await expect(model.doStatus({ operation: job.operation })).rejects.toMatchObject({ statusCode: 404 });
    await expect(model.doDelete({ operation: job.operation })).resolves.toBeUndefined();
  });

  it('doGetDownloadUrl gives the signed output URL and its token’s expiry; it plays without the key', async () => {
    const { job } = await generate();
    const link = await runway('gen4.5').doGetDownloadUrl({ operation: job.operation });
    expect(link.url).toMatch(/^https:\/\/runway-output\.example\.net\/.+\.mp4\?_jwt=/);
    expect(link.mediaType).toBe('video/mp4');
    const token = new URL(link.url).searchParams.get('_jwt') as string;
    const { exp } = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString());
    expect(link.expiresAt).toStrictEqual(new Date(exp * 1000));
    // The emulator signs for 24 hours (Runway: 24-48 h).
    expect(exp * 1000 - Date.now()).toBeGreaterThan(23 * 3600 * 1000);
    expect(exp * 1000 - Date.now()).toBeLessThanOrEqual(24 * 3600 * 1000);
    expect(mp4Info(await download(link.url)).seconds).toBe(3);
    expect(emulator.requests.filter((entry) => entry.credentialLeak)).toStrictEqual([]);
  });
});
