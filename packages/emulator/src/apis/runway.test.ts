import { describe, expect, it } from 'vitest';
import { call, manualEmulator, T0 } from '../__fixtures__/helpers';
import { readMp4Info } from '../__fixtures__/mp4-info';

const BASE = 'https://api.dev.runwayml.com';
const MEDIA = 'https://runway-output.example.net';
const HEADERS = { authorization: 'Bearer key_test', 'x-runway-version': '2024-11-06' };

describe('Runway API', () => {
  it('creates a text-to-video task, polls PENDING → RUNNING → SUCCEEDED and serves a real MP4 of the request', async () => {
    const { emulator, set } = manualEmulator();
    const response = await call(emulator, 'POST', `${BASE}/v1/text_to_video`, {
      headers: HEADERS,
      json: { model: 'gen4.5', promptText: 'a fox', ratio: '720:1280', duration: 3, seed: 5 },
    });
    expect(response.status).toBe(200);
    const created = await response.json();
    expect(created).toStrictEqual({ id: expect.stringMatching(/^[0-9a-f-]{36}$/), estimatedCost: { credits: 36 } });

    const poll = async () =>
      (await call(emulator, 'GET', `${BASE}/v1/tasks/${created.id}`, { headers: HEADERS })).json();
    expect(await poll()).toStrictEqual({
      id: created.id,
      createdAt: new Date(T0).toISOString(),
      status: 'PENDING',
      estimatedCost: { credits: 36 },
    });
    set(1000);
    expect(await poll()).toMatchObject({ status: 'RUNNING', progress: 0.5 });
    set(1500);
    const done = await poll();
    expect(done).toStrictEqual({
      id: created.id,
      createdAt: new Date(T0).toISOString(),
      status: 'SUCCEEDED',
      output: [
        expect.stringMatching(new RegExp(`^${MEDIA}/${created.id}\\.mp4\\?_jwt=[\\w-]+\\.[\\w-]+\\.[0-9a-f]+$`)),
      ],
      cost: { credits: 36 },
    });
    const video = await call(emulator, 'GET', done.output[0]);
    expect(video.status).toBe(200);
    expect(video.headers.get('content-type')).toBe('video/mp4');
    const info = readMp4Info(new Uint8Array(await video.arrayBuffer()));
    expect([info.trackWidth, info.trackHeight, info.seconds, info.fps]).toStrictEqual([720, 1280, 3, 24]);
    expect(emulator.requests.at(-1)).toMatchObject({ api: 'runway', route: 'media', credentialLeak: false });
  });

  it('checks the key and the X-Runway-Version header', async () => {
    const { emulator } = manualEmulator({ apiKeys: { runway: ['key_good'] } });
    const body = { model: 'gen4.5', promptText: 'a fox', ratio: '1280:720', duration: 5 };
    const noKey = await call(emulator, 'POST', `${BASE}/v1/text_to_video`, { json: body });
    expect(noKey.status).toBe(401);
    expect(await noKey.json()).toStrictEqual({ error: 'Invalid API key or API key not provided.' });
    const wrongKey = await call(emulator, 'POST', `${BASE}/v1/text_to_video`, { headers: HEADERS, json: body });
    expect(wrongKey.status).toBe(401);
    const noVersion = await call(emulator, 'POST', `${BASE}/v1/text_to_video`, {
      headers: { authorization: 'Bearer key_good' },
      json: body,
    });
    expect(noVersion.status).toBe(400);
    expect((await noVersion.json()).error).toMatch(/X-Runway-Version/);
  });

  it('answers 400 "Validation of body failed" with issues for values the model does not take', async () => {
    const { emulator } = manualEmulator();
    const response = await call(emulator, 'POST', `${BASE}/v1/text_to_video`, {
      headers: HEADERS,
      json: { model: 'gen4.5', promptText: 'x'.repeat(1001), ratio: '1104:832', duration: 11 },
    });
    expect(response.status).toBe(400);
    const body = await response.json();
    expect(body.error).toBe('Validation of body failed');
    expect(body.issues.map((issue: { path: string[] }) => issue.path.join('.'))).toStrictEqual([
      'promptText',
      'ratio',
      'duration',
    ]);
    const wrongEndpoint = await call(emulator, 'POST', `${BASE}/v1/text_to_video`, {
      headers: HEADERS,
      json: { model: 'gen4_turbo', promptText: 'a', ratio: '1280:720' },
    });
    expect(wrongEndpoint.status).toBe(400);
  });

  it('takes image-to-video with first and last frames and video-to-video with references', async () => {
    const { emulator } = manualEmulator();
    const i2v = await call(emulator, 'POST', `${BASE}/v1/image_to_video`, {
      headers: HEADERS,
      json: {
        model: 'veo3.1',
        ratio: '1920:1080',
        promptImage: [
          { uri: 'https://cdn.example.com/a.png', position: 'first' },
          { uri: 'data:image/png;base64,iVBORw0KGgo=', position: 'last' },
        ],
        audio: true,
      },
    });
    expect(i2v.status).toBe(200);
    const job = emulator.jobs.get((await i2v.json()).id);
    expect([job?.width, job?.height, job?.seconds]).toStrictEqual([1920, 1080, 8]);
    const lastOnGen4 = await call(emulator, 'POST', `${BASE}/v1/image_to_video`, {
      headers: HEADERS,
      json: {
        model: 'gen4_turbo',
        ratio: '1280:720',
        promptImage: [{ uri: 'https://cdn.example.com/a.png', position: 'last' }],
      },
    });
    expect(lastOnGen4.status).toBe(400);
    const v2v = await call(emulator, 'POST', `${BASE}/v1/video_to_video`, {
      headers: HEADERS,
      json: {
        model: 'gen4_aleph',
        promptText: 'snow',
        videoUri: 'https://cdn.example.com/in.mp4',
        references: [{ type: 'image', uri: 'https://cdn.example.com/s.png' }],
      },
    });
    expect(v2v.status).toBe(200);
  });

  it('video_to_video follows its input: an own output (size, length), a data: MP4 (length); a deleted source is a 400', async () => {
    const { emulator, set } = manualEmulator();
    const post = (path: string, json: unknown) =>
      call(emulator, 'POST', `${BASE}/v1/${path}`, { headers: HEADERS, json });
    const task = async (id: string) =>
      (await call(emulator, 'GET', `${BASE}/v1/tasks/${id}`, { headers: HEADERS })).json();
    const source = (
      await (await post('text_to_video', { model: 'gen4.5', promptText: 'a', ratio: '720:1280', duration: 3 })).json()
    ).id;
    set(1500);
    const sourceOutput: string = (await task(source)).output[0];
    const edit = await post('video_to_video', { model: 'aleph2', promptText: 'snow', videoUri: sourceOutput });
    expect(edit.status).toBe(200);
    const editId = (await edit.json()).id;
    expect(emulator.jobs.get(editId)).toMatchObject({ width: 720, height: 1280, seconds: 3 });
    set(3000);
    const editedFile = await call(emulator, 'GET', (await task(editId)).output[0]);
    const edited = readMp4Info(new Uint8Array(await editedFile.arrayBuffer()));
    expect([edited.trackWidth, edited.trackHeight, edited.seconds]).toStrictEqual([720, 1280, 3]);

    const bytes = new Uint8Array(await (await call(emulator, 'GET', sourceOutput)).arrayBuffer());
    const inline = await post('video_to_video', {
      model: 'aleph2',
      videoUri: `data:video/mp4;base64,${Buffer.from(bytes).toString('base64')}`,
    });
    expect(inline.status).toBe(200);
    expect(emulator.jobs.get((await inline.json()).id)).toMatchObject({ seconds: 3 });

    await call(emulator, 'DELETE', `${BASE}/v1/tasks/${source}`, { headers: HEADERS });
    const gone = await post('video_to_video', { model: 'aleph2', promptText: 'snow', videoUri: sourceOutput });
    expect(gone.status).toBe(400);
    expect(await gone.json()).toStrictEqual({
      error: 'Validation of body failed',
      issues: [{ code: 'custom', path: ['videoUri'], message: 'Failed to fetch asset: the server responded with 403' }],
      docUrl: 'https://docs.dev.runwayml.com/api',
    });
  });

  it('signs output URLs for 24 hours (a _jwt with exp): an expired URL is refused, the task gives a fresh one', async () => {
    const { emulator, set } = manualEmulator();
    const id = (
      await (
        await call(emulator, 'POST', `${BASE}/v1/text_to_video`, {
          headers: HEADERS,
          json: { model: 'veo3.1', promptText: 'a', ratio: '1280:720' },
        })
      ).json()
    ).id;
    set(5000);
    const task = async () => (await call(emulator, 'GET', `${BASE}/v1/tasks/${id}`, { headers: HEADERS })).json();
    const first: string = (await task()).output[0];
    const token = new URL(first).searchParams.get('_jwt') as string;
    const claims = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString());
    expect(claims.exp).toBe(Math.floor((T0 + 5000) / 1000) + 24 * 3600);
    expect((await call(emulator, 'GET', first)).status).toBe(200);
    set(5000 + 24 * 3600 * 1000);
    expect((await call(emulator, 'GET', first)).status).toBe(403);
    expect((await call(emulator, 'GET', (await task()).output[0])).status).toBe(200);
  });

  it('uploads through /v1/uploads and the storage POST, then takes the runway:// URI', async () => {
    const { emulator } = manualEmulator();
    const started = await (
      await call(emulator, 'POST', `${BASE}/v1/uploads`, {
        headers: HEADERS,
        json: { filename: 'a.png', type: 'ephemeral' },
      })
    ).json();
    expect(started).toStrictEqual({
      uploadUrl: `${MEDIA}/uploads`,
      fields: expect.objectContaining({ key: expect.stringMatching(/^uploads\/.+\/a\.png$/) }),
      runwayUri: `runway://${started.fields.key}`,
    });
    const unknown = await call(emulator, 'POST', `${BASE}/v1/image_to_video`, {
      headers: HEADERS,
      json: { model: 'gen4_turbo', ratio: '1280:720', promptImage: started.runwayUri },
    });
    expect(unknown.status).toBe(400);
    const form = new FormData();
    for (const [key, value] of Object.entries(started.fields)) form.append(key, value as string);
    form.append('file', new Blob([new Uint8Array([137, 80, 78, 71])], { type: 'image/png' }), 'a.png');
    const stored = await call(emulator, 'POST', started.uploadUrl, { body: form });
    expect(stored.status).toBe(204);
    const created = await call(emulator, 'POST', `${BASE}/v1/image_to_video`, {
      headers: HEADERS,
      json: { model: 'gen4_turbo', ratio: '1280:720', promptImage: started.runwayUri },
    });
    expect(created.status).toBe(200);
  });

  it('DELETE cancels a running task (CANCELLED) and deletes a finished one (404 after)', async () => {
    const { emulator, set } = manualEmulator();
    const create = async () =>
      (
        await (
          await call(emulator, 'POST', `${BASE}/v1/text_to_video`, {
            headers: HEADERS,
            json: { model: 'veo3.1', promptText: 'a', ratio: '1280:720' },
          })
        ).json()
      ).id as string;
    const running = await create();
    const deleted = await call(emulator, 'DELETE', `${BASE}/v1/tasks/${running}`, { headers: HEADERS });
    expect(deleted.status).toBe(204);
    expect(
      await (await call(emulator, 'GET', `${BASE}/v1/tasks/${running}`, { headers: HEADERS })).json(),
    ).toMatchObject({
      status: 'CANCELLED',
    });
    const finished = await create();
    set(5000);
    await call(emulator, 'DELETE', `${BASE}/v1/tasks/${finished}`, { headers: HEADERS });
    const gone = await call(emulator, 'GET', `${BASE}/v1/tasks/${finished}`, { headers: HEADERS });
    expect(gone.status).toBe(404);
    expect(await gone.json()).toStrictEqual({ error: 'Task not found.' });
  });

  it('reports failures and moderation as FAILED with failure and failureCode', async () => {
    const { emulator, set } = manualEmulator();
    const create = async (prompt: string) =>
      (
        await (
          await call(emulator, 'POST', `${BASE}/v1/text_to_video`, {
            headers: HEADERS,
            json: { model: 'gen4.5', promptText: prompt, ratio: '1280:720', duration: 5 },
          })
        ).json()
      ).id as string;
    const failed = await create('a [emulator:fail]');
    const filtered = await create('a [emulator:filtered]');
    set(2000);
    const get = async (id: string) =>
      (await call(emulator, 'GET', `${BASE}/v1/tasks/${id}`, { headers: HEADERS })).json();
    expect(await get(failed)).toMatchObject({ status: 'FAILED', failureCode: 'INTERNAL', cost: { credits: 0 } });
    expect(await get(filtered)).toMatchObject({
      status: 'FAILED',
      failure: 'Your output was flagged by our content moderation system.',
      failureCode: 'SAFETY.OUTPUT.VIDEO',
    });
  });

  it('queues tasks beyond the concurrency as THROTTLED', async () => {
    const { emulator } = manualEmulator({ queueMs: 1000, jobDurationMs: 2000 });
    const ids: string[] = [];
    for (let index = 0; index < 3; index++) {
      const response = await call(emulator, 'POST', `${BASE}/v1/text_to_video`, {
        headers: HEADERS,
        json: { model: 'gen4.5', promptText: 'a', ratio: '1280:720', duration: 5 },
      });
      ids.push((await response.json()).id);
    }
    const statuses = [];
    for (const id of ids) {
      statuses.push(
        (await (await call(emulator, 'GET', `${BASE}/v1/tasks/${id}`, { headers: HEADERS })).json()).status,
      );
    }
    expect(statuses).toStrictEqual(['PENDING', 'PENDING', 'THROTTLED']);
  });

  it('answers injected faults with its own error body', async () => {
    const { emulator } = manualEmulator();
    emulator.injectFault({
      api: 'runway',
      route: 'create',
      fault: { type: 'rate-limit', retryAfterSeconds: 2 },
      times: 1,
    });
    const response = await call(emulator, 'POST', `${BASE}/v1/text_to_video`, {
      headers: HEADERS,
      json: { model: 'gen4.5', promptText: 'a', ratio: '1280:720', duration: 5 },
    });
    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBe('2');
    expect((await response.json()).error).toMatch(/rate limit/);
  });
});
