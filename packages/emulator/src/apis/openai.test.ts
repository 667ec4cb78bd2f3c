import { describe, expect, it } from 'vitest';
import { call, manualEmulator, T0 } from '../__fixtures__/helpers';
import { readMp4Info } from '../__fixtures__/mp4-info';
import { readMp4Boxes } from '../mp4-boxes';

const BASE = 'https://api.openai.com/v1';
const AUTH = { authorization: 'Bearer sk-test' };

describe('OpenAI videos API', () => {
  it('runs the lifecycle queued -> in_progress (progress steps) -> completed with all 13 fields', async () => {
    const { emulator, set } = manualEmulator();
    const created = await call(emulator, 'POST', `${BASE}/videos`, {
      headers: AUTH,
      json: { model: 'sora-2', prompt: 'A calico cat playing a piano', seconds: '8', size: '1280x720' },
    });
    expect(created.status).toBe(200);
    expect(created.headers.get('x-request-id')).toMatch(/^req_/);
    const video = await created.json();
    expect(video).toStrictEqual({
      id: expect.stringMatching(/^video_[0-9a-f]{48}$/),
      object: 'video',
      model: 'sora-2',
      status: 'queued',
      progress: 0,
      created_at: Math.floor(T0 / 1000),
      completed_at: null,
      expires_at: null,
      prompt: 'A calico cat playing a piano',
      seconds: '8',
      size: '1280x720',
      remixed_from_video_id: null,
      error: null,
    });

    const progress: Array<[string, number]> = [];
    for (const at of [0, 299, 300, 600, 900, 1200, 1499, 1500]) {
      set(at);
      const body = await (await call(emulator, 'GET', `${BASE}/videos/${video.id}`, { headers: AUTH })).json();
      progress.push([body.status, body.progress]);
    }
    expect(progress).toStrictEqual([
      ['queued', 0],
      ['queued', 0],
      ['in_progress', 0],
      ['in_progress', 25],
      ['in_progress', 50],
      ['in_progress', 75],
      ['in_progress', 75],
      ['completed', 100],
    ]);
    const done = await (await call(emulator, 'GET', `${BASE}/videos/${video.id}`, { headers: AUTH })).json();
    expect(done.completed_at).toBe(Math.floor((T0 + 1500) / 1000));
    expect(done.expires_at).toBe(done.completed_at + 3600);

    const content = await call(emulator, 'GET', `${BASE}/videos/${video.id}/content`, { headers: AUTH });
    expect(content.status).toBe(200);
    expect(content.headers.get('content-type')).toBe('video/mp4');
    const bytes = new Uint8Array(await content.arrayBuffer());
    expect(bytes.length).toBe(Number(content.headers.get('content-length')));
    expect(readMp4Boxes(bytes).map((box) => box.type)).toEqual(['ftyp', 'moov', 'mdat']);
  });

  it('accepts multipart bodies as the SDK sends them, with flattened input_reference', async () => {
    const { emulator } = manualEmulator();
    const form = new FormData();
    form.set('prompt', 'She turns around');
    form.set('model', 'sora-2-pro');
    form.set('size', '1920x1080');
    form.set('seconds', '12');
    form.set('input_reference', new Blob([new Uint8Array([0xff, 0xd8, 0xff])], { type: 'image/jpeg' }), 'frame.jpg');
    const response = await call(emulator, 'POST', `${BASE}/videos`, { headers: AUTH, body: form });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ model: 'sora-2-pro', size: '1920x1080', seconds: '12' });

    const flattened = new FormData();
    flattened.set('prompt', 'x');
    flattened.set('input_reference[image_url]', 'https://example.com/a.png');
    const second = await call(emulator, 'POST', `${BASE}/videos`, { headers: AUTH, body: flattened });
    expect(second.status).toBe(200);
    expect(emulator.jobs.list({ api: 'openai' })[1].request).toEqual({
      prompt: 'x',
      input_reference: { image_url: 'https://example.com/a.png' },
    });
  });

  it('rejects missing and invalid keys with the OpenAI error envelope', async () => {
    const { emulator } = manualEmulator({ apiKeys: ['sk-good'] });
    const missing = await call(emulator, 'GET', `${BASE}/videos`);
    expect(missing.status).toBe(401);
    expect(await missing.json()).toMatchObject({
      error: {
        type: 'invalid_request_error',
        param: null,
        code: null,
        message: expect.stringContaining("didn't provide an API key"),
      },
    });
    const wrong = await call(emulator, 'GET', `${BASE}/videos`, { headers: { authorization: 'Bearer sk-bad' } });
    expect(wrong.status).toBe(401);
    const body = await wrong.json();
    expect(body.error.code).toBe('invalid_api_key');
    expect(JSON.stringify(body)).not.toContain('sk-bad');
    expect(
      (await call(emulator, 'GET', `${BASE}/videos`, { headers: { authorization: 'Bearer sk-good' } })).status,
    ).toBe(200);
  });

  it.each([
    [
      { prompt: 'x', seconds: '10' },
      'seconds',
      'invalid_value',
      "Invalid value: '10'. Supported values are: '4', '8', '12', '16', and '20'.",
    ],
    [{ prompt: 'x', seconds: 8 }, 'seconds', 'invalid_type', undefined],
    [{ prompt: 'x', size: '1920x1080' }, 'size', 'invalid_value', undefined],
    [{ prompt: 'x', model: 'sora-9' }, 'model', 'invalid_value', undefined],
    [{ seconds: '4' }, 'prompt', 'missing_required_parameter', "Missing required parameter: 'prompt'."],
    [
      { prompt: 'x', input_reference: { image_url: 'https://a/b.png', file_id: 'file_1' } },
      'input_reference',
      'invalid_value',
      undefined,
    ],
  ])('rejects %j with a 400 naming %s', async (body, param, code, message) => {
    const { emulator } = manualEmulator();
    const response = await call(emulator, 'POST', `${BASE}/videos`, { headers: AUTH, json: body });
    expect(response.status).toBe(400);
    const error = (await response.json()).error;
    expect(error).toMatchObject({ type: 'invalid_request_error', param, code });
    if (message) expect(error.message).toBe(message);
  });

  it('accepts the 2026 durations and sora-2-pro 1080p sizes', async () => {
    const { emulator } = manualEmulator();
    for (const seconds of ['4', '8', '12', '16', '20']) {
      const response = await call(emulator, 'POST', `${BASE}/videos`, {
        headers: AUTH,
        json: { prompt: 'x', seconds, model: 'sora-2-pro', size: '1080x1920' },
      });
      expect(response.status).toBe(200);
    }
  });

  it('paginates with limit, after, order, has_more, first_id and last_id', async () => {
    const { emulator } = manualEmulator();
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      const response = await call(emulator, 'POST', `${BASE}/videos`, {
        headers: AUTH,
        json: { prompt: `video ${i}` },
      });
      ids.push((await response.json()).id);
    }
    const page1 = await (await call(emulator, 'GET', `${BASE}/videos?limit=2`, { headers: AUTH })).json();
    expect(page1).toMatchObject({ object: 'list', first_id: ids[4], last_id: ids[3], has_more: true });
    expect(page1.data.map((video: { id: string }) => video.id)).toEqual([ids[4], ids[3]]);
    const page2 = await (
      await call(emulator, 'GET', `${BASE}/videos?limit=2&after=${page1.last_id}`, { headers: AUTH })
    ).json();
    expect(page2.data.map((video: { id: string }) => video.id)).toEqual([ids[2], ids[1]]);
    expect(page2.has_more).toBe(true);
    const page3 = await (
      await call(emulator, 'GET', `${BASE}/videos?limit=2&after=${page2.last_id}`, { headers: AUTH })
    ).json();
    expect(page3).toMatchObject({ first_id: ids[0], last_id: ids[0], has_more: false });
    const asc = await (await call(emulator, 'GET', `${BASE}/videos?order=asc&limit=100`, { headers: AUTH })).json();
    expect(asc.data.map((video: { id: string }) => video.id)).toEqual(ids);
    const empty = await (await call(emulator, 'GET', `${BASE}/videos?limit=0`, { headers: AUTH })).json();
    expect(empty).toStrictEqual({ object: 'list', data: [], first_id: null, last_id: null, has_more: true });
    expect((await call(emulator, 'GET', `${BASE}/videos?limit=101`, { headers: AUTH })).status).toBe(400);
  });

  it('deletes finished videos only, then 404s', async () => {
    const { emulator, set } = manualEmulator();
    const { id } = await (
      await call(emulator, 'POST', `${BASE}/videos`, { headers: AUTH, json: { prompt: 'x' } })
    ).json();
    expect((await call(emulator, 'DELETE', `${BASE}/videos/${id}`, { headers: AUTH })).status).toBe(400);
    set(2000);
    const deleted = await call(emulator, 'DELETE', `${BASE}/videos/${id}`, { headers: AUTH });
    expect(await deleted.json()).toStrictEqual({ id, object: 'video.deleted', deleted: true });
    const gone = await call(emulator, 'GET', `${BASE}/videos/${id}`, { headers: AUTH });
    expect(gone.status).toBe(404);
    expect((await gone.json()).error.code).toBe('video_not_found');
  });

  it('serves thumbnail (WebP) and spritesheet (JPEG) variants, and rejects unknown ones', async () => {
    const { emulator, set } = manualEmulator();
    const { id } = await (
      await call(emulator, 'POST', `${BASE}/videos`, { headers: AUTH, json: { prompt: 'x' } })
    ).json();
    const early = await call(emulator, 'GET', `${BASE}/videos/${id}/content`, { headers: AUTH });
    expect(early.status).toBe(404);
    expect((await early.json()).error.code).toBe('video_not_ready');
    set(1500);
    const thumbnail = await call(emulator, 'GET', `${BASE}/videos/${id}/content?variant=thumbnail`, { headers: AUTH });
    expect(thumbnail.headers.get('content-type')).toBe('image/webp');
    const webp = new Uint8Array(await thumbnail.arrayBuffer());
    expect(Buffer.from(webp.subarray(0, 4)).toString()).toBe('RIFF');
    expect(Buffer.from(webp.subarray(8, 12)).toString()).toBe('WEBP');
    const sprites = await call(emulator, 'GET', `${BASE}/videos/${id}/content?variant=spritesheet`, { headers: AUTH });
    expect(sprites.headers.get('content-type')).toBe('image/jpeg');
    expect([...new Uint8Array(await sprites.arrayBuffer()).subarray(0, 3)]).toEqual([0xff, 0xd8, 0xff]);
    expect((await call(emulator, 'GET', `${BASE}/videos/${id}/content?variant=gif`, { headers: AUTH })).status).toBe(
      400,
    );
    expect((await call(emulator, 'GET', `${BASE}/videos/${id}/content`)).status).toBe(401);
  });

  it('remixes completed videos only, recording remixed_from_video_id', async () => {
    const { emulator, set } = manualEmulator();
    const { id } = await (
      await call(emulator, 'POST', `${BASE}/videos`, { headers: AUTH, json: { prompt: 'x', size: '1280x720' } })
    ).json();
    expect(
      (await call(emulator, 'POST', `${BASE}/videos/${id}/remix`, { headers: AUTH, json: { prompt: 'teal' } })).status,
    ).toBe(400);
    set(1500);
    const remix = await (
      await call(emulator, 'POST', `${BASE}/videos/${id}/remix`, { headers: AUTH, json: { prompt: 'teal' } })
    ).json();
    expect(remix).toMatchObject({ status: 'queued', remixed_from_video_id: id, size: '1280x720', prompt: 'teal' });
  });

  it('reports failed and moderated jobs with error {code, message}', async () => {
    const { emulator, set } = manualEmulator();
    const failed = await (
      await call(emulator, 'POST', `${BASE}/videos`, { headers: AUTH, json: { prompt: 'x [emulator:fail]' } })
    ).json();
    const filtered = await (
      await call(emulator, 'POST', `${BASE}/videos`, { headers: AUTH, json: { prompt: 'x [emulator:filtered]' } })
    ).json();
    set(1500);
    const a = await (await call(emulator, 'GET', `${BASE}/videos/${failed.id}`, { headers: AUTH })).json();
    const b = await (await call(emulator, 'GET', `${BASE}/videos/${filtered.id}`, { headers: AUTH })).json();
    expect(a).toMatchObject({ status: 'failed', error: { code: 'video_generation_failed' } });
    expect(b).toMatchObject({ status: 'failed', error: { code: 'moderation_blocked' } });
  });

  it('has no cancel endpoint and answers unknown routes like OpenAI', async () => {
    const { emulator } = manualEmulator();
    const { id } = await (
      await call(emulator, 'POST', `${BASE}/videos`, { headers: AUTH, json: { prompt: 'x' } })
    ).json();
    const response = await call(emulator, 'POST', `${BASE}/videos/${id}/cancel`, { headers: AUTH });
    expect(response.status).toBe(404);
    expect((await response.json()).error.message).toBe(`Invalid URL (POST /v1/videos/${id}/cancel)`);
  });
});

describe('OpenAI video edits and extensions', () => {
  async function completedVideo(emulator: ReturnType<typeof manualEmulator>['emulator'], seconds = '8') {
    const created = await call(emulator, 'POST', `${BASE}/videos`, {
      headers: AUTH,
      json: { prompt: 'A paper boat', seconds, size: '1280x720' },
    });
    return (await created.json()).id as string;
  }

  async function contentInfo(emulator: ReturnType<typeof manualEmulator>['emulator'], id: string) {
    const content = await call(emulator, 'GET', `${BASE}/videos/${id}/content`, { headers: AUTH });
    expect(content.status).toBe(200);
    const bytes = new Uint8Array(await content.arrayBuffer());
    return { bytes, info: readMp4Info(bytes) };
  }

  it('edits a completed video by id (same size and length) and extends it (seconds = stitched total)', async () => {
    const { emulator, set } = manualEmulator();
    const source = await completedVideo(emulator);
    set(2000);
    const edit = await call(emulator, 'POST', `${BASE}/videos/edits`, {
      headers: AUTH,
      json: { video: { id: source }, prompt: 'Make it night' },
    });
    expect(edit.status).toBe(200);
    const edited = await edit.json();
    expect(edited).toMatchObject({
      object: 'video',
      model: 'sora-2',
      status: 'queued',
      seconds: '8',
      size: '1280x720',
    });
    const extension = await call(emulator, 'POST', `${BASE}/videos/extensions`, {
      headers: AUTH,
      json: { video: { id: source }, prompt: 'The boat sails on', seconds: '4' },
    });
    expect(extension.status).toBe(200);
    const extended = await extension.json();
    expect(extended).toMatchObject({ status: 'queued', seconds: '12', size: '1280x720' });
    set(4000);
    const { info: sourceInfo } = await contentInfo(emulator, source);
    const { info: editInfo } = await contentInfo(emulator, edited.id);
    const { info: extendedInfo } = await contentInfo(emulator, extended.id);
    expect([editInfo.sps.width, editInfo.sps.height, editInfo.seconds]).toStrictEqual([1280, 720, sourceInfo.seconds]);
    expect(extendedInfo.seconds).toBeGreaterThan(sourceInfo.seconds);
    expect(extendedInfo.seconds).toBe(12);
  });

  it('takes an uploaded MP4 (multipart video) and reads its size and length', async () => {
    const { emulator, set } = manualEmulator();
    const source = await completedVideo(emulator, '4');
    set(2000);
    const { bytes } = await contentInfo(emulator, source);
    const form = new FormData();
    form.append('prompt', 'Continue');
    form.append('seconds', '8');
    form.append('video', new Blob([bytes], { type: 'video/mp4' }), 'video.mp4');
    const response = await call(emulator, 'POST', `${BASE}/videos/extensions`, { headers: AUTH, body: form });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ model: 'sora-2', seconds: '12', size: '1280x720' });

    const bad = new FormData();
    bad.append('prompt', 'Edit');
    bad.append('video', new Blob([new Uint8Array([137, 80, 78, 71])], { type: 'image/png' }), 'a.png');
    const refused = await call(emulator, 'POST', `${BASE}/videos/edits`, { headers: AUTH, body: bad });
    expect(refused.status).toBe(400);
    expect((await refused.json()).error).toMatchObject({ param: 'video', code: 'invalid_value' });
  });

  it('answers 404 for an unknown source id, 400 for a running one, a missing video or a bad length', async () => {
    const { emulator, set } = manualEmulator();
    const missing = await call(emulator, 'POST', `${BASE}/videos/edits`, {
      headers: AUTH,
      json: { video: { id: 'video_nope' }, prompt: 'x' },
    });
    expect(missing.status).toBe(404);
    expect(await missing.json()).toStrictEqual({
      error: {
        message: "Video with id 'video_nope' not found.",
        type: 'invalid_request_error',
        param: 'video_id',
        code: 'video_not_found',
      },
    });
    const source = await completedVideo(emulator, '20');
    const running = await call(emulator, 'POST', `${BASE}/videos/extensions`, {
      headers: AUTH,
      json: { video: { id: source }, prompt: 'x' },
    });
    expect(running.status).toBe(400);
    set(2000);
    const post = (path: string, json: unknown) =>
      call(emulator, 'POST', `${BASE}/videos/${path}`, { headers: AUTH, json });
    expect((await post('edits', { prompt: 'x' })).status).toBe(400);
    expect((await post('edits', { video: { id: source } })).status).toBe(400);
    expect((await post('extensions', { video: { id: source }, prompt: 'x', seconds: '5' })).status).toBe(400);
    expect((await post('edits', { video: { id: source }, prompt: 'x', seconds: '4' })).status).toBe(400);
    // 20 + 20 + … : a video can be extended to at most 120 s.
    let id = source;
    for (let total = 40; total <= 120; total += 20) {
      const next = await (await post('extensions', { video: { id }, prompt: 'x', seconds: '20' })).json();
      expect(next.seconds).toBe(String(total));
      set(2000 + total * 100);
      id = next.id;
    }
    const tooLong = await post('extensions', { video: { id }, prompt: 'x', seconds: '4' });
    expect(tooLong.status).toBe(400);
    expect((await tooLong.json()).error.message).toMatch(/at most 120 seconds/);
    expect((await call(emulator, 'POST', `${BASE}/videos/edits`, { json: { prompt: 'x' } })).status).toBe(401);
  });
});
