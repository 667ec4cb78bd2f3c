import { describe, expect, it } from 'vitest';
import { call, manualEmulator } from '../__fixtures__/helpers';
import { readMp4Boxes } from '../mp4-boxes';
import { startEmulator } from '../server';

const BASE = 'https://openrouter.ai/api/v1';
const AUTH = { authorization: 'Bearer sk-or-test' };

describe('OpenRouter videos API', () => {
  it('creates (202) with a relative polling_url, polls to completed and downloads with auth', async () => {
    const { emulator, set } = manualEmulator();
    const response = await call(emulator, 'POST', `${BASE}/videos`, {
      headers: AUTH,
      json: {
        model: 'google/veo-3.1',
        prompt: 'A serene mountain landscape',
        aspect_ratio: '16:9',
        duration: 8,
        resolution: '720p',
        generate_audio: true,
        frame_images: [
          { type: 'image_url', image_url: { url: 'https://example.com/first.png' }, frame_type: 'first_frame' },
        ],
        provider: { options: { 'google-vertex': { parameters: { negativePrompt: 'blurry' } } } },
      },
    });
    expect(response.status).toBe(202);
    const job = await response.json();
    expect(job).toStrictEqual({
      id: expect.stringMatching(/^gen-vid-\d+-[A-Za-z0-9]{20}$/),
      polling_url: `/api/v1/videos/${job.id}`,
      status: 'pending',
    });

    const pollingUrl = new URL(job.polling_url, 'https://openrouter.ai').toString();
    set(600);
    expect(await (await call(emulator, 'GET', pollingUrl, { headers: AUTH })).json()).toMatchObject({
      status: 'in_progress',
      generation_id: expect.any(String),
    });
    const early = await call(emulator, 'GET', `${BASE}/videos/${job.id}/content?index=0`, { headers: AUTH });
    expect(early.status).toBe(409);

    set(1500);
    const done = await (await call(emulator, 'GET', pollingUrl, { headers: AUTH })).json();
    expect(done).toStrictEqual({
      id: job.id,
      polling_url: job.polling_url,
      status: 'completed',
      generation_id: expect.stringMatching(/^gen-/),
      unsigned_urls: [`${BASE}/videos/${job.id}/content?index=0`],
      usage: { cost: 3.2, is_byok: false },
    });

    expect((await call(emulator, 'GET', done.unsigned_urls[0])).status).toBe(401);
    const content = await call(emulator, 'GET', done.unsigned_urls[0], { headers: AUTH });
    expect(content.status).toBe(200);
    expect(content.headers.get('content-type')).toBe('video/mp4');
    expect(readMp4Boxes(new Uint8Array(await content.arrayBuffer()))[0].type).toBe('ftyp');
    expect((await call(emulator, 'GET', `${BASE}/videos/${job.id}/content?index=1`, { headers: AUTH })).status).toBe(
      400,
    );
  });

  it('lists models with capabilities, without auth', async () => {
    const { emulator } = manualEmulator();
    const response = await call(emulator, 'GET', `${BASE}/videos/models`);
    expect(response.status).toBe(200);
    const { data } = await response.json();
    const veo = data.find((model: { id: string }) => model.id === 'google/veo-3.1');
    expect(veo).toMatchObject({
      canonical_slug: 'google/veo-3.1',
      supported_durations: [4, 6, 8],
      supported_resolutions: ['720p', '1080p'],
      supported_aspect_ratios: ['16:9', '9:16'],
      supported_frame_images: ['first_frame', 'last_frame'],
      generate_audio: true,
      seed: true,
      creativity: null,
      upscale_factor: null,
    });
    for (const model of data) {
      for (const key of [
        'allowed_passthrough_parameters',
        'canonical_slug',
        'created',
        'creativity',
        'generate_audio',
        'id',
        'name',
        'seed',
        'supported_aspect_ratios',
        'supported_durations',
        'supported_frame_images',
        'supported_resolutions',
        'supported_sizes',
        'upscale_factor',
      ]) {
        expect(model).toHaveProperty(key);
      }
    }
    expect(data.map((model: { id: string }) => model.id)).toContain('bytedance/seedance-1-pro');
  });

  it.each([
    [{ model: 'google/veo-3.1', prompt: 'x', duration: 10 }, 'duration'],
    [{ model: 'google/veo-3.1', prompt: 'x', resolution: '4K' }, 'resolution'],
    [{ model: 'google/veo-3.1', prompt: 'x', aspect_ratio: '1:1' }, 'aspect_ratio'],
    [{ model: 'google/veo-3.1', prompt: 'x', size: '640x480' }, 'size'],
    [
      {
        model: 'openai/sora-2-pro',
        prompt: 'x',
        frame_images: [{ type: 'image_url', image_url: { url: 'https://e/l.png' }, frame_type: 'last_frame' }],
      },
      'frame_type',
    ],
    [{ model: 'nobody/nothing', prompt: 'x' }, 'model'],
    [{ model: 'google/veo-3.1' }, 'prompt'],
  ])('rejects %j with 400 {error: {code, message, metadata}}', async (body, parameter) => {
    const { emulator } = manualEmulator();
    const response = await call(emulator, 'POST', `${BASE}/videos`, { headers: AUTH, json: body });
    expect(response.status).toBe(400);
    const error = await response.json();
    expect(error).toMatchObject({ error: { code: 400, message: expect.any(String) } });
    expect(error.error.metadata.parameter).toBe(parameter);
  });

  it('rejects missing credentials with 401 and has no cancel endpoint', async () => {
    const { emulator } = manualEmulator();
    const response = await call(emulator, 'POST', `${BASE}/videos`, { json: { model: 'google/veo-3.1', prompt: 'x' } });
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ error: { code: 401 } });
    const { id } = await (
      await call(emulator, 'POST', `${BASE}/videos`, { headers: AUTH, json: { model: 'google/veo-3.1', prompt: 'x' } })
    ).json();
    expect((await call(emulator, 'POST', `${BASE}/videos/${id}/cancel`, { headers: AUTH })).status).toBe(404);
    expect((await call(emulator, 'DELETE', `${BASE}/videos/${id}`, { headers: AUTH })).status).toBe(404);
  });

  it('reports failures with a free-form error string', async () => {
    const { emulator, set } = manualEmulator();
    const { id } = await (
      await call(emulator, 'POST', `${BASE}/videos`, {
        headers: AUTH,
        json: { model: 'google/veo-3.1', prompt: 'x [emulator:filtered]' },
      })
    ).json();
    set(1500);
    expect(await (await call(emulator, 'GET', `${BASE}/videos/${id}`, { headers: AUTH })).json()).toMatchObject({
      status: 'failed',
      error: expect.stringContaining('content policy'),
    });
  });

  it('checks previous_job_id (404 unknown, 409 not completed)', async () => {
    const { emulator, set } = manualEmulator();
    const { id } = await (
      await call(emulator, 'POST', `${BASE}/videos`, { headers: AUTH, json: { model: 'google/veo-3.1', prompt: 'x' } })
    ).json();
    const body = { model: 'google/veo-3.1', prompt: 'more', previous_job_id: id };
    expect((await call(emulator, 'POST', `${BASE}/videos`, { headers: AUTH, json: body })).status).toBe(409);
    set(1500);
    expect((await call(emulator, 'POST', `${BASE}/videos`, { headers: AUTH, json: body })).status).toBe(202);
    expect(
      (
        await call(emulator, 'POST', `${BASE}/videos`, {
          headers: AUTH,
          json: { ...body, previous_job_id: 'gen-vid-0-x' },
        })
      ).status,
    ).toBe(404);
  });

  it('extends a completed job without a prompt; a job of another model is 400 with the error body', async () => {
    const { emulator, set } = manualEmulator();
    const { id } = await (
      await call(emulator, 'POST', `${BASE}/videos`, { headers: AUTH, json: { model: 'google/veo-3.1', prompt: 'x' } })
    ).json();
    set(1500);
    const extension = await call(emulator, 'POST', `${BASE}/videos`, {
      headers: AUTH,
      json: { model: 'google/veo-3.1', previous_job_id: id, duration: 4 },
    });
    expect(extension.status).toBe(202);
    const extended = await extension.json();
    set(3000);
    const done = await (await call(emulator, 'GET', `${BASE}/videos/${extended.id}`, { headers: AUTH })).json();
    expect(done.status).toBe('completed');
    const content = await call(emulator, 'GET', done.unsigned_urls[0], { headers: AUTH });
    expect(readMp4Boxes(new Uint8Array(await content.arrayBuffer())).map((box) => box.type)).toEqual([
      'ftyp',
      'moov',
      'mdat',
    ]);
    const other = await call(emulator, 'POST', `${BASE}/videos`, {
      headers: AUTH,
      json: { model: 'google/veo-3.1-fast', prompt: 'x', previous_job_id: id },
    });
    expect(other.status).toBe(400);
    expect(await other.json()).toStrictEqual({
      error: {
        code: 400,
        message: 'previous_job_id belongs to a different model',
        metadata: { parameter: 'previous_job_id' },
      },
      user_id: 'user_emulator',
    });
    // Without a previous job a prompt (or an image) is still required.
    const bare = await call(emulator, 'POST', `${BASE}/videos`, { headers: AUTH, json: { model: 'google/veo-3.1' } });
    expect(bare.status).toBe(400);
  });

  it('serves previous_job_id in server mode over real HTTP: 202, completed, an MP4 from unsigned_urls', async () => {
    let time = Date.UTC(2026, 4, 1);
    const server = await startEmulator({ now: () => time });
    try {
      const base = server.baseURLs.openrouter;
      const post = (json: unknown) =>
        fetch(`${base}/videos`, {
          method: 'POST',
          headers: { ...AUTH, 'content-type': 'application/json' },
          body: JSON.stringify(json),
        });
      const { id } = await (await post({ model: 'google/veo-3.1', prompt: 'x', duration: 4 })).json();
      time += 2000;
      const extension = await post({ model: 'google/veo-3.1', previous_job_id: id, duration: 8 });
      expect(extension.status).toBe(202);
      const { polling_url: pollingUrl } = await extension.json();
      time += 2000;
      const done = await (await fetch(new URL(pollingUrl, base), { headers: AUTH })).json();
      expect(done.status).toBe('completed');
      const content = await fetch(done.unsigned_urls[0], { headers: AUTH });
      expect(content.headers.get('content-type')).toBe('video/mp4');
      expect(readMp4Boxes(new Uint8Array(await content.arrayBuffer())).map((box) => box.type)).toEqual([
        'ftyp',
        'moov',
        'mdat',
      ]);
      const unknown = await post({ model: 'google/veo-3.1', prompt: 'x', previous_job_id: 'gen-vid-0-nope' });
      expect(unknown.status).toBe(404);
      expect((await unknown.json()).error).toStrictEqual({
        code: 404,
        message: 'Job gen-vid-0-nope not found',
        metadata: { parameter: 'previous_job_id' },
      });
    } finally {
      await server.close();
    }
  });
});
