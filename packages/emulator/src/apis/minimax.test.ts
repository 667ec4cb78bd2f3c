import { describe, expect, it } from 'vitest';
import { call, manualEmulator } from '../__fixtures__/helpers';
import { readMp4Info } from '../__fixtures__/mp4-info';
import { startEmulator } from '../server';

const BASE = 'https://api.minimax.io';
const CDN = 'https://video-product.cdn.minimax.io';
const AUTH = { authorization: 'Bearer mm-test' };
const OK = { status_code: 0, status_msg: 'success' };

describe('MiniMax v1 API (Hailuo)', () => {
  it('creates, queries through Queueing/Preparing/Processing to Success, resolves the file and serves the MP4', async () => {
    const { emulator, set } = manualEmulator();
    const created = await (
      await call(emulator, 'POST', `${BASE}/v1/video_generation`, {
        headers: AUTH,
        json: { model: 'MiniMax-Hailuo-2.3', prompt: 'A fox [Push in]', duration: 10, resolution: '768P' },
      })
    ).json();
    expect(created).toStrictEqual({ task_id: expect.stringMatching(/^\d{15}$/), base_resp: OK });
    const query = async () =>
      (
        await call(emulator, 'GET', `${BASE}/v1/query/video_generation?task_id=${created.task_id}`, { headers: AUTH })
      ).json();

    expect(await query()).toStrictEqual({ task_id: created.task_id, status: 'Queueing', base_resp: OK });
    set(400);
    expect((await query()).status).toBe('Preparing');
    set(1300);
    expect((await query()).status).toBe('Processing');
    set(1500);
    const done = await query();
    expect(done).toStrictEqual({
      task_id: created.task_id,
      status: 'Success',
      file_id: expect.stringMatching(/^\d{15}$/),
      video_width: 1366,
      video_height: 768,
      base_resp: OK,
    });

    const file = await (
      await call(emulator, 'GET', `${BASE}/v1/files/retrieve?file_id=${done.file_id}`, { headers: AUTH })
    ).json();
    expect(file).toStrictEqual({
      file: {
        file_id: Number(done.file_id),
        bytes: expect.any(Number),
        created_at: expect.any(Number),
        filename: 'output_aigc.mp4',
        purpose: 'video_generation',
        download_url: expect.stringMatching(new RegExp(`^${CDN}/${created.task_id}/output\\.mp4\\?Expires=\\d+$`)),
      },
      base_resp: OK,
    });

    // The CDN needs no key; a key sent there is recorded as a leak.
    const video = await call(emulator, 'GET', file.file.download_url);
    expect(video.status).toBe(200);
    const bytes = new Uint8Array(await video.arrayBuffer());
    expect(bytes.length).toBe(file.file.bytes);
    const info = readMp4Info(bytes);
    expect([info.trackWidth, info.trackHeight]).toEqual([1366, 768]);
    expect(info.sttsSamples).toBe(10 * 24);
    expect(emulator.requests.at(-1)).toMatchObject({ api: 'minimax', route: 'storage', credentialLeak: false });
    await call(emulator, 'GET', file.file.download_url, { headers: AUTH });
    expect(emulator.requests.at(-1)?.credentialLeak).toBe(true);
  });

  it('answers auth and parameter errors with HTTP 200 and base_resp', async () => {
    const { emulator } = manualEmulator({ apiKeys: ['good'] });
    const noKey = await call(emulator, 'POST', `${BASE}/v1/video_generation`, {
      json: { model: 'T2V-01', prompt: 'x' },
    });
    expect(noKey.status).toBe(200);
    expect(await noKey.json()).toStrictEqual({
      task_id: '',
      base_resp: {
        status_code: 1004,
        status_msg: "login fail: Please carry the API secret key in the 'Authorization' field of the request header",
      },
    });
    const bad = async (json: unknown) =>
      (
        await call(emulator, 'POST', `${BASE}/v1/video_generation`, { headers: { authorization: 'Bearer good' }, json })
      ).json();
    for (const body of [
      { model: 'Nope', prompt: 'x' },
      { model: 'I2V-01', prompt: 'x' },
      { model: 'MiniMax-Hailuo-2.3', prompt: 'x', duration: 10, resolution: '1080P' },
      { model: 'MiniMax-Hailuo-02', prompt: 'x', resolution: '512P' },
      { model: 'MiniMax-Hailuo-2.3', prompt: 'x'.repeat(2001) },
      { model: 'S2V-01', prompt: 'x' },
      { model: 'MiniMax-Hailuo-2.3', prompt: 'x', last_frame_image: 'https://e.com/a.png' },
    ]) {
      expect((await bad(body)).base_resp.status_code, JSON.stringify(body)).toBe(2013);
    }
    const query = await call(emulator, 'GET', `${BASE}/v1/query/video_generation?task_id=123`, {
      headers: { authorization: 'Bearer good' },
    });
    expect(query.status).toBe(200);
    expect((await query.json()).base_resp.status_code).toBe(2013);
  });

  it('reports failures and moderation as Fail with the reason in base_resp', async () => {
    const { emulator, set } = manualEmulator();
    const ids: string[] = [];
    for (const outcome of ['failed', 'filtered'] as const) {
      emulator.jobs.next({ outcome }, { api: 'minimax' });
      const { task_id } = await (
        await call(emulator, 'POST', `${BASE}/v1/video_generation`, {
          headers: AUTH,
          json: { model: 'I2V-01', first_frame_image: 'data:image/png;base64,iVBORw0KGgo=' },
        })
      ).json();
      ids.push(task_id);
    }
    set(1500);
    const bodies = await Promise.all(
      ids.map(async (id) =>
        (await call(emulator, 'GET', `${BASE}/v1/query/video_generation?task_id=${id}`, { headers: AUTH })).json(),
      ),
    );
    expect(bodies).toStrictEqual([
      { task_id: ids[0], status: 'Fail', base_resp: { status_code: 1013, status_msg: 'video generation failed' } },
      { task_id: ids[1], status: 'Fail', base_resp: { status_code: 1027, status_msg: 'output new_sensitive' } },
    ]);
  });

  it('delivers the callback with the lower-case status (unsigned)', async () => {
    const received: Array<{ url: string; body: string }> = [];
    const { emulator, set } = manualEmulator({
      fetch: async (url, init) => {
        received.push({ url: String(url), body: String(init?.body) });
        return new Response('{}');
      },
    });
    const { task_id } = await (
      await call(emulator, 'POST', `${BASE}/v1/video_generation`, {
        headers: AUTH,
        json: { model: 'T2V-01', prompt: 'x', callback_url: 'https://hooks.example.com/mm?videogen_token=t' },
      })
    ).json();
    set(1500);
    await emulator.flushWebhooks();
    expect(received).toHaveLength(1);
    expect(received[0].url).toBe('https://hooks.example.com/mm?videogen_token=t');
    expect(JSON.parse(received[0].body)).toStrictEqual({
      task_id,
      status: 'success',
      file_id: expect.stringMatching(/^\d{15}$/),
      base_resp: OK,
    });
  });
});

describe('MiniMax v2 API (H3)', () => {
  it('creates, runs, succeeds with the URL and usage inline, and deletes', async () => {
    const { emulator, set } = manualEmulator();
    const response = await call(emulator, 'POST', `${BASE}/v2/video_generation`, {
      headers: AUTH,
      json: {
        model: 'MiniMax-H3',
        content: [{ type: 'text', text: 'A lighthouse at dusk' }],
        resolution: '768P',
        duration: 5,
        ratio: '9:16',
      },
    });
    expect(response.status).toBe(200);
    const { task_id } = await response.json();
    expect(task_id).toMatch(/^\d{15}$/);
    const query = async () =>
      (await call(emulator, 'GET', `${BASE}/v2/query/video_generation/${task_id}`, { headers: AUTH })).json();
    set(600);
    expect((await query()).task).toMatchObject({ id: task_id, status: 'running', usage: {} });
    set(1500);
    const { task } = await query();
    expect(task).toStrictEqual({
      id: task_id,
      model: 'MiniMax-H3',
      status: 'succeeded',
      created_at: expect.any(Number),
      updated_at: expect.any(Number),
      content: { url: expect.stringMatching(new RegExp(`^${CDN}/${task_id}/output\\.mp4`)) },
      resolution: '768P',
      duration: 5,
      ratio: '9:16',
      usage: { total_seconds: 5, input_seconds: 0, output_seconds: 5, input_image_count: 0 },
      task_type: 'generation',
      modality: 'video',
    });
    const info = readMp4Info(new Uint8Array(await (await call(emulator, 'GET', task.content.url)).arrayBuffer()));
    expect([info.trackWidth, info.trackHeight]).toEqual([768, 1366]);

    const deleted = await call(emulator, 'DELETE', `${BASE}/v2/video_generation/${task_id}`, { headers: AUTH });
    expect(await deleted.json()).toStrictEqual({ task_id, action: 'deleted', status: 'deleted' });
    expect(
      (await call(emulator, 'GET', `${BASE}/v2/query/video_generation/${task_id}`, { headers: AUTH })).status,
    ).toBe(400);
  });

  it('lists the v2 tasks of the last 7 days by page_num / page_size and filter.status, newest first', async () => {
    const { emulator, set } = manualEmulator();
    const ids: string[] = [];
    for (const text of ['a', 'b', 'c']) {
      const created = await call(emulator, 'POST', `${BASE}/v2/video_generation`, {
        headers: AUTH,
        json: { model: 'MiniMax-H3', content: [{ type: 'text', text }], resolution: '768P', duration: 4, ratio: '1:1' },
      });
      ids.push((await created.json()).task_id);
    }
    // v1 tasks are not in the v2 list.
    await call(emulator, 'POST', `${BASE}/v1/video_generation`, {
      headers: AUTH,
      json: { model: 'MiniMax-Hailuo-2.3', prompt: 'v1' },
    });
    set(600);
    const list = async (query: string) => {
      const response = await call(emulator, 'GET', `${BASE}/v2/query/video_generation?${query}`, { headers: AUTH });
      return { status: response.status, body: await response.json() };
    };
    const first = await list('page_num=1&page_size=2');
    expect(first.body.total).toBe(3);
    expect(first.body.items.map((task: { id: string }) => task.id)).toStrictEqual([ids[2], ids[1]]);
    expect(first.body.items[0]).toMatchObject({ model: 'MiniMax-H3', status: 'running', task_type: 'generation' });
    expect((await list('page_num=2&page_size=2')).body.items.map((task: { id: string }) => task.id)).toStrictEqual([
      ids[0],
    ]);
    expect((await list('filter.status=succeeded')).body).toStrictEqual({ items: [], total: 0 });
    expect((await list(`filter.task_ids=${ids[0]}&filter.task_ids=${ids[1]}`)).body.total).toBe(2);
    const bad = await list('page_size=0');
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatchObject({ type: 'bad_request_error' });
    set(8 * 86_400_000);
    expect((await list('')).body.total).toBe(0);
  });

  it('cancels a queued task, refuses to cancel a running one', async () => {
    const { emulator, set } = manualEmulator();
    const create = async () =>
      (
        await (
          await call(emulator, 'POST', `${BASE}/v2/video_generation`, {
            headers: AUTH,
            json: {
              model: 'MiniMax-H3',
              content: [{ type: 'text', text: 'x' }],
              resolution: '2K',
              duration: 4,
              ratio: '1:1',
            },
          })
        ).json()
      ).task_id as string;
    const queued = await create();
    expect(
      await (await call(emulator, 'DELETE', `${BASE}/v2/video_generation/${queued}`, { headers: AUTH })).json(),
    ).toStrictEqual({
      task_id: queued,
      action: 'cancelled',
      status: 'cancelled',
    });
    expect(
      (await (await call(emulator, 'GET', `${BASE}/v2/query/video_generation/${queued}`, { headers: AUTH })).json())
        .task.status,
    ).toBe('cancelled');
    const running = await create();
    set(600);
    const refused = await call(emulator, 'DELETE', `${BASE}/v2/video_generation/${running}`, { headers: AUTH });
    expect(refused.status).toBe(400);
    expect((await refused.json()).error.type).toBe('bad_request_error');
  });

  it('answers errors with real HTTP statuses and the v2 error body', async () => {
    const { emulator } = manualEmulator();
    const noKey = await call(emulator, 'POST', `${BASE}/v2/video_generation`, { json: {} });
    expect(noKey.status).toBe(401);
    expect((await noKey.json()).error.type).toBe('authorized_error');
    const noPrompt = await call(emulator, 'POST', `${BASE}/v2/video_generation`, {
      headers: AUTH,
      json: { model: 'MiniMax-H3', content: [], resolution: '768P', duration: 5, ratio: '16:9' },
    });
    expect(noPrompt.status).toBe(400);
    expect(await noPrompt.json()).toStrictEqual({
      type: 'error',
      error: {
        type: 'bad_request_error',
        message: 'invalid params, content must include a non-empty text item (prompt is required) (2013)',
        http_code: '400',
      },
      request_id: expect.any(String),
    });
    const mixed = await call(emulator, 'POST', `${BASE}/v2/video_generation`, {
      headers: AUTH,
      json: {
        model: 'MiniMax-H3',
        content: [
          { type: 'text', text: 'x' },
          { type: 'image_url', image_url: { url: 'https://e.com/a.png' }, role: 'first_frame' },
          { type: 'image_url', image_url: { url: 'https://e.com/b.png' }, role: 'reference_image' },
        ],
        resolution: '768P',
        duration: 5,
      },
    });
    expect(mixed.status).toBe(400);
  });

  it('reports moderation as failed with code 1026', async () => {
    const { emulator, set } = manualEmulator();
    emulator.jobs.next({ outcome: 'filtered' }, { api: 'minimax' });
    const { task_id } = await (
      await call(emulator, 'POST', `${BASE}/v2/video_generation`, {
        headers: AUTH,
        json: {
          model: 'MiniMax-H3',
          content: [{ type: 'text', text: 'x' }],
          resolution: '768P',
          duration: 5,
          ratio: '16:9',
        },
      })
    ).json();
    set(1500);
    const { task } = await (
      await call(emulator, 'GET', `${BASE}/v2/query/video_generation/${task_id}`, { headers: AUTH })
    ).json();
    expect(task).toMatchObject({
      status: 'failed',
      error: { code: '1026', message: 'video description contains sensitive content' },
    });
  });
});

describe('MiniMax faults and server mode', () => {
  it('injects an HTTP error with both error bodies, and a v1 error inside HTTP 200', async () => {
    const { emulator } = manualEmulator();
    emulator.injectFault({ api: 'minimax', route: 'create', fault: { type: 'rate-limit' }, times: 1 });
    const limited = await call(emulator, 'POST', `${BASE}/v1/video_generation`, {
      headers: AUTH,
      json: { model: 'T2V-01', prompt: 'x' },
    });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('1');
    expect(await limited.json()).toMatchObject({
      error: { type: 'rate_limit_error' },
      base_resp: { status_code: 1002 },
    });
    emulator.injectFault({
      api: 'minimax',
      route: 'status',
      fault: {
        type: 'http-error',
        status: 200,
        body: { base_resp: { status_code: 1002, status_msg: 'rate limit exceeded(RPM)' } },
      },
      times: 1,
    });
    const inBody = await call(emulator, 'GET', `${BASE}/v1/query/video_generation?task_id=1`, { headers: AUTH });
    expect(inBody.status).toBe(200);
    expect((await inBody.json()).base_resp.status_code).toBe(1002);
  });

  it('serves the API and the CDN on two origins over real HTTP', async () => {
    const server = await startEmulator({ host: '127.0.0.1', port: 0, jobDurationMs: 50, queueMs: 10 });
    try {
      expect(server.baseURLs.minimax).toBe(`${server.url}/minimax`);
      expect(new URL(server.baseURLs.minimaxStorage).origin).not.toBe(new URL(server.baseURLs.minimax).origin);
      const { task_id } = await (
        await fetch(`${server.baseURLs.minimax}/v1/video_generation`, {
          method: 'POST',
          headers: { ...AUTH, 'content-type': 'application/json' },
          body: JSON.stringify({ model: 'T2V-01', prompt: 'x' }),
        })
      ).json();
      server.emulator.jobs.complete(task_id);
      const { file_id } = await (
        await fetch(`${server.baseURLs.minimax}/v1/query/video_generation?task_id=${task_id}`, { headers: AUTH })
      ).json();
      const { file } = await (
        await fetch(`${server.baseURLs.minimax}/v1/files/retrieve?file_id=${file_id}`, { headers: AUTH })
      ).json();
      expect(file.download_url.startsWith(server.baseURLs.minimaxStorage)).toBe(true);
      const video = await fetch(file.download_url);
      expect(video.headers.get('content-type')).toBe('video/mp4');
      expect(readMp4Info(new Uint8Array(await video.arrayBuffer())).trackHeight).toBe(720);
    } finally {
      await server.close();
    }
  });
});
