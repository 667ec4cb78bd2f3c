import { describe, expect, it } from 'vitest';
import { call, manualEmulator } from '../__fixtures__/helpers';
import { readMp4Boxes } from '../mp4-boxes';
import { startEmulator } from '../server';

const BASE = 'https://api.x.ai/v1';
const AUTH = { authorization: 'Bearer xai-test' };

describe('xAI Grok Imagine video API', () => {
  it('creates a generation, answers 202 while running, then done with a public MP4 of the requested size and length', async () => {
    const { emulator, set } = manualEmulator();
    const response = await call(emulator, 'POST', `${BASE}/videos/generations`, {
      headers: AUTH,
      json: {
        model: 'grok-imagine-video',
        prompt: 'A paper lantern drifts over a night market',
        duration: 6,
        aspect_ratio: '9:16',
        resolution: '480p',
        image: { url: 'https://cdn.example.com/lantern.jpg' },
      },
    });
    expect(response.status).toBe(200);
    const { request_id: id } = await response.json();
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(emulator.jobs.get(id)).toMatchObject({ width: 480, height: 854, seconds: 6, fps: 24 });

    set(600);
    const running = await call(emulator, 'GET', `${BASE}/videos/${id}`, { headers: AUTH });
    expect(running.status).toBe(202);
    expect(await running.json()).toStrictEqual({ status: 'pending', progress: expect.any(Number) });

    set(1500);
    const done = await call(emulator, 'GET', `${BASE}/videos/${id}`, { headers: AUTH });
    expect(done.status).toBe(200);
    const body = await done.json();
    expect(body).toStrictEqual({
      status: 'done',
      model: 'grok-imagine-video',
      progress: 100,
      video: { url: `https://vidgen.x.ai/xai-vidgen-bucket/${id}.mp4`, duration: 6, respect_moderation: true },
      usage: { cost_in_usd_ticks: 3_000_000_000 },
    });
    // The video host is public: no key needed (and none is expected).
    const video = await call(emulator, 'GET', body.video.url);
    expect(video.status).toBe(200);
    expect(video.headers.get('content-type')).toBe('video/mp4');
    expect(readMp4Boxes(new Uint8Array(await video.arrayBuffer()))[0].type).toBe('ftyp');
  });

  it('edits and extends an earlier video: same geometry, extension adds its duration', async () => {
    const { emulator, set } = manualEmulator();
    const first = await (
      await call(emulator, 'POST', `${BASE}/videos/generations`, {
        headers: AUTH,
        json: { model: 'grok-imagine-video', prompt: 'a', duration: 5, aspect_ratio: '1:1' },
      })
    ).json();
    set(1500);
    const source = `https://vidgen.x.ai/xai-vidgen-bucket/${first.request_id}.mp4`;
    const edit = await (
      await call(emulator, 'POST', `${BASE}/videos/edits`, {
        headers: AUTH,
        json: { model: 'grok-imagine-video', prompt: 'make it snow', video: { url: source } },
      })
    ).json();
    expect(emulator.jobs.get(edit.request_id)).toMatchObject({ width: 720, height: 720, seconds: 5 });
    const extension = await (
      await call(emulator, 'POST', `${BASE}/videos/extensions`, {
        headers: AUTH,
        json: { model: 'grok-imagine-video', prompt: 'keep going', video: { url: source }, duration: 4 },
      })
    ).json();
    expect(emulator.jobs.get(extension.request_id)).toMatchObject({ width: 720, height: 720, seconds: 9 });
    expect(emulator.requests.map((entry) => entry.route)).toStrictEqual(['create', 'edit', 'extension']);
  });

  it('edits and extends only a source that exists and is done, within its limits; reads an inline MP4s length', async () => {
    const { emulator, set } = manualEmulator();
    const post = async (path: string, json: Record<string, unknown>) =>
      call(emulator, 'POST', `${BASE}/videos/${path}`, { headers: AUTH, json: { prompt: 'more', ...json } });
    const created = async (duration: number) =>
      (await (await post('generations', { duration })).json()).request_id as string;
    const [short, long] = [await created(1), await created(10)];
    const url = (id: string) => `https://vidgen.x.ai/xai-vidgen-bucket/${id}.mp4`;

    const early = await post('extensions', { video: { url: url(short) } });
    expect(early.status).toBe(400);
    expect(await early.json()).toStrictEqual({
      code: 'Client specified an invalid argument',
      error: `Could not download the video at video.url: ${url(short)} was not found.`,
    });
    expect((await post('edits', { video: { url: url('no-such-id') } })).status).toBe(400);
    set(1500);
    expect(await (await post('extensions', { video: { url: url(short) } })).json()).toStrictEqual({
      code: 'Client specified an invalid argument',
      error: 'The input video is 1 s long; video extensions take 2 to 15 s.',
    });
    expect((await (await post('edits', { video: { url: url(long) } })).json()).error).toBe(
      'The input video is 10 s long; video edits take at most 8.7 s.',
    );

    // An inline MP4 (the bytes of the 10 s clip): its length is read from the file.
    const bytes = new Uint8Array(await (await call(emulator, 'GET', url(long))).arrayBuffer());
    const dataUrl = `data:video/mp4;base64,${Buffer.from(bytes).toString('base64')}`;
    const extended = await (await post('extensions', { video: { url: dataUrl }, duration: 5 })).json();
    expect(emulator.jobs.get(extended.request_id)).toMatchObject({ seconds: 15, width: 1280, height: 720 });
    const notMp4 = await post('edits', { video: { url: 'data:video/mp4;base64,iVBORw0KGgo=' } });
    expect((await notMp4.json()).error).toBe('video.url must hold an .mp4 video (H.264, H.265 or AV1).');
  });

  it('refuses bad input with 400 { code, error }, and a missing or wrong key with 400', async () => {
    const { emulator } = manualEmulator({ apiKeys: { xai: ['xai-test'] } });
    const post = async (json: unknown, headers: Record<string, string> = AUTH, path = 'generations') =>
      call(emulator, 'POST', `${BASE}/videos/${path}`, { headers, json });
    const image = { url: 'https://cdn.example.com/a.png' };

    const bad = await post({ model: 'grok-imagine-video', prompt: 'x', image, reference_images: [image] });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toStrictEqual({
      code: 'Client specified an invalid argument',
      error: 'image and reference_images cannot be combined.',
    });
    expect((await post({ model: 'grok-imagine-video', prompt: 'x', duration: 16 })).status).toBe(400);
    expect((await post({ model: 'grok-imagine-video', prompt: 'x', resolution: '1080p' })).status).toBe(400);
    expect((await post({ model: 'grok-imagine-video-1.5', prompt: 'x', resolution: '1080p' })).status).toBe(200);
    expect((await post({ model: 'grok-imagine-video', prompt: 'x', aspect_ratio: 'auto' })).status).toBe(400);
    expect((await post({ model: 'grok-imagine-video', prompt: 'x', last_frame: image })).status).toBe(400);
    expect((await post({ model: 'grok-imagine-video' })).status).toBe(422);
    expect((await post({ prompt: 'x', video: image, duration: 11 }, AUTH, 'extensions')).status).toBe(400);
    expect((await post({ prompt: 'x', video: image, duration: 5 }, AUTH, 'edits')).status).toBe(400);
    expect((await post({ prompt: 'x' }, {})).status).toBe(400);
    const wrongKey = await post({ prompt: 'x' }, { authorization: 'Bearer nope' });
    expect(wrongKey.status).toBe(400);
    expect((await wrongKey.json()).error).toContain('Incorrect API key');
    const unknown = await call(emulator, 'GET', `${BASE}/videos/no-such-id`, { headers: AUTH });
    expect(unknown.status).toBe(404);
  });

  it('reports failures with a code and message, and moderation as done with respect_moderation false', async () => {
    const { emulator, set } = manualEmulator();
    const create = async (prompt: string) =>
      (await (await call(emulator, 'POST', `${BASE}/videos/generations`, { headers: AUTH, json: { prompt } })).json())
        .request_id as string;
    const failed = await create('x [emulator:fail]');
    const moderated = await create('x [emulator:filtered]');
    set(1500);
    expect(await (await call(emulator, 'GET', `${BASE}/videos/${failed}`, { headers: AUTH })).json()).toStrictEqual({
      status: 'failed',
      model: '',
      error: { code: 'internal_error', message: 'Video generation failed, please retry.' },
    });
    const blocked = await (await call(emulator, 'GET', `${BASE}/videos/${moderated}`, { headers: AUTH })).json();
    expect(blocked).toMatchObject({ status: 'done', video: { url: '', respect_moderation: false } });
    expect((await call(emulator, 'GET', `https://vidgen.x.ai/xai-vidgen-bucket/${moderated}.mp4`)).status).toBe(404);
  });

  it('answers injected faults with its own error body', async () => {
    const { emulator } = manualEmulator();
    emulator.injectFault({ api: 'xai', route: 'create', fault: { type: 'rate-limit', retryAfterSeconds: 2 } });
    const response = await call(emulator, 'POST', `${BASE}/videos/generations`, {
      headers: AUTH,
      json: { prompt: 'x' },
    });
    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBe('2');
    expect(await response.json()).toStrictEqual({
      code: 'Too Many Requests',
      error: 'Rate limit exceeded. Please retry later.',
    });
  });

  it('answers an injected 202 on the status route with no body (the running answer xAI sometimes sends)', async () => {
    const { emulator } = manualEmulator();
    const { request_id: id } = await (
      await call(emulator, 'POST', `${BASE}/videos/generations`, { headers: AUTH, json: { prompt: 'x' } })
    ).json();
    emulator.injectFault({ api: 'xai', route: 'retrieve', fault: { type: 'http-error', status: 202 }, times: 1 });
    const empty = await call(emulator, 'GET', `${BASE}/videos/${id}`, { headers: AUTH });
    expect(empty.status).toBe(202);
    expect(await empty.text()).toBe('');
  });

  it('serves the API and the video host in server mode', async () => {
    const server = await startEmulator({ jobDurationMs: 0, queueMs: 0 });
    try {
      expect(server.baseURLs.xai).toBe(`${server.url}/xai/v1`);
      const created = await fetch(`${server.baseURLs.xai}/videos/generations`, {
        method: 'POST',
        headers: { ...AUTH, 'content-type': 'application/json' },
        body: JSON.stringify({ prompt: 'x', duration: 2 }),
      });
      const { request_id: id } = await created.json();
      const done = await (await fetch(`${server.baseURLs.xai}/videos/${id}`, { headers: AUTH })).json();
      expect(done.video.url).toBe(`${server.baseURLs.xaiMedia}/${id}.mp4`);
      const video = await fetch(done.video.url);
      expect(video.status).toBe(200);
      expect((await video.arrayBuffer()).byteLength).toBeGreaterThan(100);
    } finally {
      await server.close();
    }
  });
});
