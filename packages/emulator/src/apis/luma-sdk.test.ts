// Proof against a client nobody here wrote: Luma's official SDK (`lumaai`, pinned at the root),
// unmodified, drives the emulator's Dream Machine API over real HTTP.
import LumaAI from 'lumaai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readMp4Boxes } from '../mp4-boxes';
import { type EmulatorServer, startEmulator } from '../server';

const KEY = 'luma-sdk-test-key';
let time = Date.UTC(2026, 4, 1);
let server: EmulatorServer;
let client: LumaAI;

beforeAll(async () => {
  server = await startEmulator({ now: () => time, apiKeys: { luma: [KEY] } });
  client = new LumaAI({ authToken: KEY, baseURL: server.baseURLs.luma, maxRetries: 0 });
});
afterAll(() => server.close());

describe('lumaai@1.19.1 against the emulator', () => {
  it('creates (POST /generations/video), gets queued → dreaming → completed, and downloads a real MP4', async () => {
    const created = await client.generations.create({
      model: 'ray-2',
      prompt: 'A tiger walking in snow',
      aspect_ratio: '4:3',
      resolution: '720p',
      duration: '5s',
      loop: true,
      keyframes: { frame0: { type: 'image', url: 'https://cdn.example.com/tiger.jpg' } },
      concepts: [{ key: 'dolly_zoom' }],
    });
    expect(created.state).toBe('queued');
    expect(created.model).toBe('ray-2');
    expect(server.emulator.jobs.get(created.id!)).toMatchObject({ width: 960, height: 720, seconds: 5 });

    time += 700;
    expect((await client.generations.get(created.id!)).state).toBe('dreaming');
    time += 1000;
    const done = await client.generations.get(created.id!);
    expect(done.state).toBe('completed');
    expect(done.failure_reason).toBeNull();

    const video = await fetch(done.assets!.video!);
    expect(video.headers.get('content-type')).toBe('video/mp4');
    expect(readMp4Boxes(new Uint8Array(await video.arrayBuffer())).map((box) => box.type)).toContain('moov');
  });

  it('extends and interpolates completed generations (keyframes of type generation)', async () => {
    const first = await client.generations.create({ model: 'ray-flash-2', prompt: 'a tiger' });
    time += 2000;
    const extended = await client.generations.video.create({
      model: 'ray-flash-2',
      prompt: 'The tiger rolls around',
      keyframes: { frame0: { type: 'generation', id: first.id! } },
    });
    const interpolated = await client.generations.create({
      model: 'ray-2',
      prompt: 'between the two',
      keyframes: { frame0: { type: 'generation', id: first.id! }, frame1: { type: 'generation', id: first.id! } },
    });
    expect(extended.state).toBe('queued');
    expect(interpolated.request).toMatchObject({ keyframes: { frame1: { type: 'generation', id: first.id } } });
    // An extension is its source plus the new seconds; an unknown generation is a BadRequestError.
    expect(server.emulator.jobs.get(extended.id!)).toMatchObject({ seconds: 10 });
    await expect(
      client.generations.create({
        model: 'ray-2',
        prompt: 'x',
        keyframes: { frame0: { type: 'generation', id: 'nope' } },
      }),
    ).rejects.toBeInstanceOf(LumaAI.BadRequestError);
  });

  it('modifies a video (POST /generations/video/modify) at the size and length of its source', async () => {
    const source = await client.generations.create({
      model: 'ray-2',
      prompt: 'a tiger',
      resolution: '540p',
      duration: '9s',
    });
    time += 2000;
    const { assets } = await client.generations.get(source.id!);
    const modified = await client.generations.video.modify({
      generation_type: 'modify_video',
      model: 'ray-flash-2',
      media: { url: assets!.video! },
      mode: 'reimagine_2',
      prompt: 'as a watercolour',
      first_frame: { url: 'https://cdn.example.com/first.jpg' },
    });
    expect(modified.state).toBe('queued');
    expect(server.emulator.jobs.get(modified.id!)).toMatchObject({ width: 960, height: 540, seconds: 9 });
    // A video of the CDN that does not exist cannot be fetched: a BadRequestError.
    await expect(
      client.generations.video.modify({
        generation_type: 'modify_video',
        model: 'ray-2',
        media: { url: assets!.video!.replace(source.id!, 'no-such-generation') },
        mode: 'flex_1',
      }),
    ).rejects.toBeInstanceOf(LumaAI.BadRequestError);
    await expect(
      client.generations.video.modify({
        generation_type: 'modify_video',
        model: 'ray-2',
        media: { url: assets!.video! },
        mode: 'wild' as 'flex_1',
      }),
    ).rejects.toBeInstanceOf(LumaAI.BadRequestError);
  });

  it('lists page by page (limit, offset) and deletes', async () => {
    const older = await client.generations.create({ model: 'ray-2', prompt: 'older' });
    const created = await client.generations.create({ model: 'ray-2', prompt: 'to delete' });
    const list = await client.generations.list({ limit: 1 });
    expect(list.generations?.[0]?.id).toBe(created.id);
    expect(list).toMatchObject({ has_more: true, limit: 1, offset: 0 });
    const next = await client.generations.list({ limit: 1, offset: 1 });
    expect(next.generations?.[0]?.id).toBe(older.id);
    await client.generations.delete(created.id!);
    await expect(client.generations.get(created.id!)).rejects.toBeInstanceOf(LumaAI.NotFoundError);
  });

  it("maps the emulator's errors to the SDK's typed errors", async () => {
    await expect(client.generations.create({ model: 'ray-2', prompt: 'x', duration: '7s' })).rejects.toBeInstanceOf(
      LumaAI.BadRequestError,
    );
    const stranger = new LumaAI({ authToken: 'wrong', baseURL: server.baseURLs.luma, maxRetries: 0 });
    await expect(stranger.generations.create({ model: 'ray-2', prompt: 'x' })).rejects.toBeInstanceOf(
      LumaAI.AuthenticationError,
    );
    server.emulator.injectFault({ api: 'luma', route: 'create', fault: { type: 'rate-limit' }, times: 1 });
    const error = await client.generations.create({ model: 'ray-2', prompt: 'x' }).catch((error: unknown) => error);
    expect(error).toBeInstanceOf(LumaAI.RateLimitError);
    expect((error as InstanceType<typeof LumaAI.RateLimitError>).error).toStrictEqual({
      detail: 'Too many requests, please slow down',
    });
  });

  it('reports failed and moderated generations with failure_reason', async () => {
    const failed = await client.generations.create({ model: 'ray-2', prompt: 'x [emulator:filtered]' });
    time += 2000;
    expect(await client.generations.get(failed.id!)).toMatchObject({
      state: 'failed',
      failure_reason: 'Advanced moderation failed',
    });
  });
});
