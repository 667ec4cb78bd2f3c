import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { call, manualEmulator } from '../__fixtures__/helpers';
import { readMp4Boxes } from '../mp4-boxes';
import { startEmulator } from '../server';

const BASE = 'https://api.lumalabs.ai/dream-machine/v1';
const KEY = { authorization: 'Bearer luma-test' };

function create(emulator: Parameters<typeof call>[0], body: unknown, path = '/generations/video', headers = KEY) {
  return call(emulator, 'POST', `${BASE}${path}`, { headers, json: body });
}

describe('Luma Dream Machine API', () => {
  it('returns the Generation on create (201), polls it queued → dreaming → completed, serves the MP4 on the public CDN', async () => {
    const { emulator, set } = manualEmulator();
    const response = await create(emulator, {
      model: 'ray-2',
      prompt: 'A tiger walking in snow',
      resolution: '540p',
      duration: '9s',
      aspect_ratio: '9:16',
    });
    expect(response.status).toBe(201);
    const created = await response.json();
    expect(created).toStrictEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      generation_type: 'video',
      state: 'queued',
      failure_reason: null,
      created_at: expect.any(String),
      assets: null,
      model: 'ray-2',
      request: {
        generation_type: 'video',
        model: 'ray-2',
        prompt: 'A tiger walking in snow',
        resolution: '540p',
        duration: '9s',
        aspect_ratio: '9:16',
      },
    });
    expect(emulator.jobs.get(created.id)).toMatchObject({ width: 540, height: 960, seconds: 9, fps: 24 });

    set(700);
    const dreaming = await (await call(emulator, 'GET', `${BASE}/generations/${created.id}`, { headers: KEY })).json();
    expect(dreaming).toMatchObject({ state: 'dreaming', assets: null });

    set(1500);
    const done = await (await call(emulator, 'GET', `${BASE}/generations/${created.id}`, { headers: KEY })).json();
    expect(done).toMatchObject({
      state: 'completed',
      assets: {
        video: `https://storage.cdn-luma.com/dream_machine/${created.id}/video_0.mp4`,
        image: `https://storage.cdn-luma.com/dream_machine/${created.id}/video_0_thumb.jpg`,
      },
    });
    const file = await call(emulator, 'GET', done.assets.video);
    expect(file.status).toBe(200);
    expect(readMp4Boxes(new Uint8Array(await file.arrayBuffer())).some((box) => box.type === 'moov')).toBe(true);
    expect(emulator.requests.at(-1)).toMatchObject({ api: 'luma', route: 'media', credentialLeak: false });
    await call(emulator, 'GET', done.assets.video, { headers: KEY });
    expect(emulator.requests.at(-1)).toMatchObject({ route: 'media', credentialLeak: true });
  });

  it('accepts the docs path POST /generations with defaults (ray-2, 720p 16:9, 5 s)', async () => {
    const { emulator } = manualEmulator();
    const response = await create(emulator, { prompt: 'an old lady laughing underwater' }, '/generations');
    expect(response.status).toBe(201);
    const { id } = await response.json();
    expect(emulator.jobs.get(id)).toMatchObject({ model: 'ray-2', width: 1280, height: 720, seconds: 5 });
  });

  it('extends, reverse-extends and interpolates only completed generations', async () => {
    const { emulator, set } = manualEmulator();
    const first = await (await create(emulator, { model: 'ray-2', prompt: 'a tiger' })).json();
    const early = await create(emulator, {
      model: 'ray-2',
      keyframes: { frame0: { type: 'generation', id: first.id } },
    });
    expect(early.status).toBe(400);
    expect(await early.json()).toStrictEqual({ detail: 'keyframes.frame0.id: generation is not completed' });
    set(2000);
    for (const keyframes of [
      { frame0: { type: 'generation', id: first.id } },
      { frame1: { type: 'generation', id: first.id } },
      { frame0: { type: 'generation', id: first.id }, frame1: { type: 'generation', id: first.id } },
      { frame0: { type: 'image', url: 'https://cdn.example.com/a.jpg' }, frame1: { type: 'generation', id: first.id } },
    ]) {
      expect((await create(emulator, { model: 'ray-2', keyframes })).status).toBe(201);
    }
    const missing = await create(emulator, { keyframes: { frame1: { type: 'generation', id: 'nope' } } });
    expect(await missing.json()).toStrictEqual({ detail: 'keyframes.frame1.id: generation not found' });
  });

  it('an extension (or reverse extension) is its source plus the new seconds at the source size; interpolation is not', async () => {
    const { emulator, set } = manualEmulator();
    const first = await (
      await create(emulator, {
        model: 'ray-2',
        prompt: 'a tiger',
        duration: '9s',
        resolution: '540p',
        aspect_ratio: '1:1',
      })
    ).json();
    set(2000);
    const made = async (keyframes: Record<string, unknown>) =>
      emulator.jobs.get((await (await create(emulator, { model: 'ray-2', prompt: 'more', keyframes })).json()).id);
    const source = { type: 'generation', id: first.id };
    expect(await made({ frame0: source })).toMatchObject({ seconds: 14, width: 540, height: 540 });
    expect(await made({ frame1: source })).toMatchObject({ seconds: 14, width: 540, height: 540 });
    expect(await made({ frame0: source, frame1: source })).toMatchObject({ seconds: 5, width: 1280, height: 720 });
  });

  it('modifies only a video of its CDN that exists and is completed (400 { detail } otherwise)', async () => {
    const { emulator, set } = manualEmulator();
    const first = await (await create(emulator, { model: 'ray-2', prompt: 'a tiger' })).json();
    const url = `https://storage.cdn-luma.com/dream_machine/${first.id}/video_0.mp4`;
    const modify = (mediaUrl: string) =>
      create(emulator, { model: 'ray-2', media: { url: mediaUrl }, mode: 'flex_1' }, '/generations/video/modify');
    const early = await modify(url);
    expect(early.status).toBe(400);
    expect(await early.json()).toStrictEqual({ detail: `media.url could not be fetched: ${url}` });
    set(2000);
    expect((await modify(url)).status).toBe(201);
    await call(emulator, 'DELETE', `${BASE}/generations/${first.id}`, { headers: KEY });
    expect((await modify(url)).status).toBe(400);
    expect((await modify('https://cdn.example.com/any.mp4')).status).toBe(201);
  });

  it('pages the list with limit and offset, newest first', async () => {
    const { emulator } = manualEmulator();
    const ids: string[] = [];
    for (const prompt of ['a', 'b', 'c']) ids.push((await (await create(emulator, { prompt })).json()).id);
    const page = async (query: string) =>
      (await call(emulator, 'GET', `${BASE}/generations?${query}`, { headers: KEY })).json();
    expect(await page('limit=2&offset=1')).toMatchObject({
      generations: [{ id: ids[1] }, { id: ids[0] }],
      has_more: false,
      limit: 2,
      offset: 1,
    });
    expect((await page('limit=0')).detail).toMatch(/limit/);
  });

  it.each([
    [{ model: 'ray-3', prompt: 'x' }, /Invalid model/],
    [{ model: 'ray-2', prompt: 'x', duration: '6s' }, /Invalid duration: 6s/],
    [{ model: 'ray-2', prompt: 'x', resolution: '2k' }, /Invalid resolution/],
    [{ model: 'ray-2', prompt: 'x', aspect_ratio: '2:1' }, /Invalid aspect_ratio/],
    [{ model: 'ray-2', keyframes: { frame0: { type: 'image', url: 'data:image/png;base64,AAAA' } } }, /http\(s\) URL/],
    [{ model: 'ray-2' }, /prompt or a keyframe/],
    [{ model: 'ray-2', prompt: 'x', callback_url: 'ftp://x' }, /callback_url/],
  ])('answers 400 with { detail } for %j', async (body, detail) => {
    const { emulator } = manualEmulator();
    const response = await create(emulator, body);
    expect(response.status).toBe(400);
    expect((await response.json()).detail).toMatch(detail);
  });

  it('checks the key, and answers unknown ids and paths with 404 { detail }', async () => {
    const { emulator } = manualEmulator({ apiKeys: { luma: ['good'] } });
    expect((await create(emulator, { prompt: 'x' }, '/generations/video', {} as typeof KEY)).status).toBe(401);
    const wrong = await create(emulator, { prompt: 'x' }, '/generations/video', { authorization: 'Bearer bad' });
    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toStrictEqual({ detail: 'Invalid API key' });
    const good = { authorization: 'Bearer good' };
    const missing = await call(emulator, 'GET', `${BASE}/generations/0000`, { headers: good });
    expect(missing.status).toBe(404);
    expect(await missing.json()).toStrictEqual({ detail: 'Generation not found' });
    expect((await call(emulator, 'GET', `${BASE}/nothing`, { headers: good })).status).toBe(404);
  });

  it('lists and deletes generations (204); a deleted one is gone', async () => {
    const { emulator, set } = manualEmulator();
    const a = await (await create(emulator, { prompt: 'a' })).json();
    const b = await (await create(emulator, { prompt: 'b' })).json();
    set(2000);
    const listed = await (await call(emulator, 'GET', `${BASE}/generations?limit=1`, { headers: KEY })).json();
    expect(listed).toMatchObject({ generations: [{ id: b.id }], count: 1, has_more: true, limit: 1, offset: 0 });
    const deleted = await call(emulator, 'DELETE', `${BASE}/generations/${a.id}`, { headers: KEY });
    expect(deleted.status).toBe(204);
    expect((await call(emulator, 'GET', `${BASE}/generations/${a.id}`, { headers: KEY })).status).toBe(404);
  });

  it('fails and moderates with failure_reason', async () => {
    const { emulator, set } = manualEmulator();
    const failed = await (await create(emulator, { prompt: 'x [emulator:fail]' })).json();
    const filtered = await (await create(emulator, { prompt: 'x [emulator:filtered]' })).json();
    set(2000);
    expect(
      await (await call(emulator, 'GET', `${BASE}/generations/${failed.id}`, { headers: KEY })).json(),
    ).toMatchObject({
      state: 'failed',
      failure_reason: 'Generation failed',
      assets: null,
    });
    expect(
      await (await call(emulator, 'GET', `${BASE}/generations/${filtered.id}`, { headers: KEY })).json(),
    ).toMatchObject({ state: 'failed', failure_reason: 'Advanced moderation failed' });
  });

  it('injects faults with Luma error bodies', async () => {
    const { emulator } = manualEmulator();
    emulator.injectFault({
      api: 'luma',
      route: 'create',
      fault: { type: 'rate-limit', retryAfterSeconds: 2 },
      times: 1,
    });
    const limited = await create(emulator, { prompt: 'x' });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('2');
    expect(await limited.json()).toStrictEqual({ detail: 'Too many requests, please slow down' });
    expect((await create(emulator, { prompt: 'x' })).status).toBe(201);
  });
});

describe('Luma callbacks and server mode', () => {
  it('POSTs the Generation object (unsigned) to callback_url when the job ends, over real HTTP', async () => {
    const received: Array<{ url: string; body: string; headers: Record<string, unknown> }> = [];
    const hooks: Server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => {
        body += chunk;
      });
      req.on('end', () => {
        received.push({ url: req.url ?? '', body, headers: req.headers });
        res.writeHead(200).end();
      });
    });
    await new Promise<void>((resolve) => hooks.listen(0, '127.0.0.1', resolve));
    const hookUrl = `http://127.0.0.1:${(hooks.address() as AddressInfo).port}/luma?videogen_token=s3cret`;
    let time = Date.UTC(2026, 4, 1);
    const server = await startEmulator({ now: () => time });
    try {
      const response = await fetch(`${server.baseURLs.luma}/generations/video`, {
        method: 'POST',
        headers: { ...KEY, 'content-type': 'application/json' },
        body: JSON.stringify({ model: 'ray-flash-2', prompt: 'a tiger', callback_url: hookUrl }),
      });
      const { id } = await response.json();
      await server.emulator.flushWebhooks();
      expect(received).toHaveLength(0);
      time += 2000;
      await server.emulator.flushWebhooks();
      expect(received).toHaveLength(1);
      expect(received[0].url).toBe('/luma?videogen_token=s3cret');
      const generation = JSON.parse(received[0].body);
      expect(generation).toMatchObject({
        id,
        state: 'completed',
        assets: { video: expect.stringContaining('/luma-cdn/') },
      });
      const video = await fetch(generation.assets.video);
      expect(video.status).toBe(200);
      expect(video.headers.get('content-type')).toBe('video/mp4');
      expect(new URL(generation.assets.video).hostname).toBe('localhost');
    } finally {
      await server.close();
      await new Promise<void>((resolve) => hooks.close(() => resolve()));
    }
  });
});
