import { describe, expect, it } from 'vitest';
import { call, manualEmulator } from '../__fixtures__/helpers';
import { readMp4Boxes } from '../mp4-boxes';
import { falAppId } from './fal';

const QUEUE = 'https://queue.fal.run';
const KEY = { authorization: 'Key fal-id:fal-secret' };
const ENDPOINT = 'fal-ai/kling-video/v2.1/standard/image-to-video';

async function submit(
  emulator: Parameters<typeof call>[0],
  endpoint = ENDPOINT,
  input: unknown = { prompt: 'push in', image_url: 'https://example.com/cat.png', duration: '5' },
  query = '',
) {
  return call(emulator, 'POST', `${QUEUE}/${endpoint}${query}`, { headers: KEY, json: input });
}

describe('fal queue API', () => {
  it('submits to the full endpoint id and returns owner/app URLs (path rule C.1)', async () => {
    const { emulator } = manualEmulator();
    const response = await submit(emulator);
    expect(response.status).toBe(200);
    const body = await response.json();
    const base = `${QUEUE}/fal-ai/kling-video/requests/${body.request_id}`;
    expect(body).toStrictEqual({
      status: 'IN_QUEUE',
      request_id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      response_url: base,
      status_url: `${base}/status`,
      cancel_url: `${base}/cancel`,
      queue_position: 0,
    });
    // the full endpoint id is not a valid prefix for status
    const wrong = await call(emulator, 'GET', `${QUEUE}/${ENDPOINT}/requests/${body.request_id}/status`, {
      headers: KEY,
    });
    expect(wrong.status).toBe(404);
    expect(falAppId('workflows/acme/my-flow/v2')).toBe('workflows/acme/my-flow');
    expect(falAppId('fal-ai/veo3.1/fast')).toBe('fal-ai/veo3.1');
  });

  it('answers status 202 while IN_QUEUE/IN_PROGRESS (queue_position, logs) and 200 when COMPLETED', async () => {
    const { emulator, set } = manualEmulator();
    const first = await (await submit(emulator)).json();
    const second = await (await submit(emulator)).json();
    expect(second.queue_position).toBe(1);

    const queued = await call(emulator, 'GET', second.status_url, { headers: KEY });
    expect(queued.status).toBe(202);
    expect(await queued.json()).toMatchObject({ status: 'IN_QUEUE', queue_position: 1 });

    set(800);
    const running = await call(emulator, 'GET', `${first.status_url}?logs=1`, { headers: KEY });
    expect(running.status).toBe(202);
    const runningBody = await running.json();
    expect(runningBody.status).toBe('IN_PROGRESS');
    expect(runningBody.logs).toEqual([
      expect.objectContaining({ level: 'INFO', source: 'USER', message: 'Generating video… 0%' }),
      expect.objectContaining({ message: 'Generating video… 25%' }),
    ]);
    const noLogs = await (await call(emulator, 'GET', `${first.status_url}?logs=0`, { headers: KEY })).json();
    expect(noLogs.logs).toBeNull();

    const early = await call(emulator, 'GET', first.response_url, { headers: KEY });
    expect(early.status).toBe(400);

    set(1500);
    const completed = await call(emulator, 'GET', first.status_url, { headers: KEY });
    expect(completed.status).toBe(200);
    expect(await completed.json()).toMatchObject({
      status: 'COMPLETED',
      request_id: first.request_id,
      logs: null,
      metrics: { inference_time: 1.2 },
    });

    const result = await call(emulator, 'GET', first.response_url, { headers: KEY });
    expect(result.status).toBe(200);
    expect(result.headers.get('x-fal-request-id')).toBe(first.request_id);
    expect(result.headers.get('x-fal-billable-units')).toBe('5');
    const output = await result.json();
    expect(output).toStrictEqual({
      video: {
        url: `https://v3.fal.media/files/emulator/${first.request_id}/output.mp4`,
        content_type: 'video/mp4',
        file_name: 'output.mp4',
        file_size: expect.any(Number),
      },
    });
    // the media host is public: no key
    const file = await call(emulator, 'GET', output.video.url);
    expect(file.status).toBe(200);
    const bytes = new Uint8Array(await file.arrayBuffer());
    expect(bytes.length).toBe(output.video.file_size);
    expect(readMp4Boxes(bytes).map((box) => box.type)).toContain('mdat');
    expect(emulator.requests.at(-1)).toMatchObject({ route: 'media', credentialLeak: false });
    // a client that sends its fal key to the media host is caught
    await call(emulator, 'GET', output.video.url, { headers: KEY });
    expect(emulator.requests.at(-1)).toMatchObject({
      route: 'media',
      credentialLeak: true,
      auth: ['authorization'],
      authScheme: 'Key',
    });
    expect(JSON.stringify(emulator.requests)).not.toContain('fal-secret');
  });

  it('streams status events over SSE until COMPLETED', async () => {
    const { emulator, set } = manualEmulator({ sseIntervalMs: 2 });
    const job = await (await submit(emulator)).json();
    const response = await call(emulator, 'GET', `${job.status_url}/stream`, { headers: KEY });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/event-stream');
    const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
    let text = '';
    const readUntil = async (needle: string) => {
      while (!text.includes(needle)) {
        const { done, value } = await reader.read();
        if (done) throw new Error(`stream ended before ${needle}`);
        text += value;
      }
    };
    await readUntil('IN_QUEUE');
    set(400);
    await readUntil('IN_PROGRESS');
    set(1500);
    await readUntil('COMPLETED');
    expect((await reader.read()).done).toBe(true);
    const events = text
      .split('\n\n')
      .filter(Boolean)
      .map(
        (block) =>
          JSON.parse(
            block
              .split('\n')
              .find((line) => line.startsWith('data: '))!
              .slice(6),
          ).status,
      );
    expect(events).toEqual(['IN_QUEUE', 'IN_PROGRESS', 'COMPLETED']);
  });

  it('cancels with PUT: 202 CANCELLATION_REQUESTED, then 400 ALREADY_COMPLETED, 404 NOT_FOUND', async () => {
    const { emulator, set } = manualEmulator();
    const job = await (await submit(emulator)).json();
    expect((await call(emulator, 'POST', job.cancel_url, { headers: KEY })).status).toBe(404);
    const cancelled = await call(emulator, 'PUT', job.cancel_url, { headers: KEY });
    expect(cancelled.status).toBe(202);
    expect(await cancelled.json()).toStrictEqual({ status: 'CANCELLATION_REQUESTED' });
    expect(emulator.jobs.get(job.request_id)?.status).toBe('cancelled');
    const again = await call(emulator, 'PUT', job.cancel_url, { headers: KEY });
    expect(again.status).toBe(400);
    expect(await again.json()).toStrictEqual({ status: 'ALREADY_COMPLETED' });
    const missing = await call(
      emulator,
      'PUT',
      `${QUEUE}/fal-ai/kling-video/requests/00000000-0000-0000-0000-000000000000/cancel`,
      { headers: KEY },
    );
    expect(missing.status).toBe(404);
    expect(await missing.json()).toStrictEqual({ status: 'NOT_FOUND' });
    set(5000);
    const status = await (await call(emulator, 'GET', job.status_url, { headers: KEY })).json();
    expect(status).toMatchObject({ status: 'COMPLETED', error_type: 'request_cancelled' });
  });

  it('validates known endpoints with {detail: [{loc, msg, type}]} and accepts unknown endpoints generically', async () => {
    const { emulator } = manualEmulator();
    const invalid = await submit(emulator, ENDPOINT, { image_url: 'https://e/x.png', duration: 5 });
    expect(invalid.status).toBe(422);
    expect(await invalid.json()).toStrictEqual({
      detail: [
        {
          loc: ['body', 'prompt'],
          msg: 'Field required',
          type: 'missing',
          input: { image_url: 'https://e/x.png', duration: 5 },
        },
        {
          loc: ['body', 'duration'],
          msg: "Input should be '5' or '10'",
          type: 'literal_error',
          input: 5,
          ctx: { expected: "'5' or '10'" },
        },
      ],
    });
    const veo = await submit(emulator, 'fal-ai/veo3.1', { prompt: 'x', duration: '8' });
    expect(veo.status).toBe(422);
    expect((await veo.json()).detail[0]).toMatchObject({ loc: ['body', 'duration'], type: 'literal_error' });
    expect((await submit(emulator, 'fal-ai/veo3.1', { prompt: 'x', duration: '8s', resolution: '1080p' })).status).toBe(
      200,
    );
    expect((await submit(emulator, 'someone/brand-new-model/v9', { anything: true })).status).toBe(200);
  });

  it('requires "Authorization: Key …"', async () => {
    const { emulator } = manualEmulator({ apiKeys: { fal: ['good'] } });
    const missing = await call(emulator, 'POST', `${QUEUE}/${ENDPOINT}`, { json: {} });
    expect(missing.status).toBe(401);
    expect(await missing.json()).toHaveProperty('detail');
    expect(
      (await call(emulator, 'POST', `${QUEUE}/${ENDPOINT}`, { json: {}, headers: { authorization: 'Bearer good' } }))
        .status,
    ).toBe(401);
    expect(
      (await call(emulator, 'POST', `${QUEUE}/${ENDPOINT}`, { json: {}, headers: { authorization: 'Key bad' } }))
        .status,
    ).toBe(401);
  });

  it('surfaces failed and content-filtered requests at the result URL (status still COMPLETED)', async () => {
    const { emulator, set } = manualEmulator();
    const failed = await (
      await submit(emulator, ENDPOINT, { prompt: 'x [emulator:fail]', image_url: 'https://e/x.png' })
    ).json();
    const filtered = await (
      await submit(emulator, ENDPOINT, { prompt: 'x [emulator:filtered]', image_url: 'https://e/x.png' })
    ).json();
    set(1500);
    expect(await (await call(emulator, 'GET', failed.status_url, { headers: KEY })).json()).toMatchObject({
      status: 'COMPLETED',
      error_type: 'internal_server_error',
    });
    const a = await call(emulator, 'GET', failed.response_url, { headers: KEY });
    expect(a.status).toBe(500);
    const b = await call(emulator, 'GET', filtered.response_url, { headers: KEY });
    expect(b.status).toBe(422);
    expect((await b.json()).detail[0].type).toBe('content_policy_violation');
  });

  it('serves the webhook JWKS', async () => {
    const { emulator } = manualEmulator();
    const response = await call(emulator, 'GET', 'https://rest.alpha.fal.ai/.well-known/jwks.json');
    expect(await response.json()).toStrictEqual(emulator.webhookKeys.fal.jwks);
    expect(emulator.webhookKeys.fal.jwks.keys[0]).toMatchObject({ kty: 'OKP', crv: 'Ed25519' });
  });
});

describe('fal extend and video-to-video edit endpoints', () => {
  async function generate(emulator: Parameters<typeof call>[0], set: (ms: number) => void, input: unknown) {
    const { request_id } = await (await submit(emulator, 'fal-ai/veo3.1', input)).json();
    set(1500);
    const result = await (
      await call(emulator, 'GET', `${QUEUE}/fal-ai/veo3.1/requests/${request_id}`, { headers: KEY })
    ).json();
    return result.video.url as string;
  }

  it('extends a previous result by its CDN URL: the output is the input plus 7 s, in its size, a real MP4', async () => {
    const { emulator, set } = manualEmulator();
    const videoUrl = await generate(emulator, set, { prompt: 'a fox', duration: '6s', aspect_ratio: '9:16' });
    const response = await submit(emulator, 'fal-ai/veo3.1/extend-video', { prompt: 'it runs', video_url: videoUrl });
    expect(response.status).toBe(200);
    const { request_id, response_url } = await response.json();
    expect(response_url).toBe(`${QUEUE}/fal-ai/veo3.1/requests/${request_id}`);
    expect(emulator.jobs.get(request_id)).toMatchObject({ seconds: 13, width: 720, height: 1280 });
    set(3100);
    const result = await (await call(emulator, 'GET', response_url, { headers: KEY })).json();
    const file = await call(emulator, 'GET', result.video.url);
    expect(file.status).toBe(200);
    expect(readMp4Boxes(new Uint8Array(await file.arrayBuffer())).some((box) => box.type === 'moov')).toBe(true);
  });

  it('edits a video given as a data: URI (Kling O1): the output keeps its length', async () => {
    const { emulator, set } = manualEmulator();
    const videoUrl = await generate(emulator, set, { prompt: 'a fox', duration: '4s' });
    const mp4 = Buffer.from(await (await call(emulator, 'GET', videoUrl)).arrayBuffer());
    const response = await submit(emulator, 'fal-ai/kling-video/o1/video-to-video/edit', {
      prompt: 'make it snow',
      video_url: `data:video/mp4;base64,${mp4.toString('base64')}`,
      keep_audio: true,
    });
    expect(response.status).toBe(200);
    const { request_id } = await response.json();
    expect(emulator.jobs.get(request_id)).toMatchObject({ seconds: 4 });
  });

  it("answers fal's 422 detail for an unknown or unfinished source, a non-video, too long inputs, a missing video_url", async () => {
    const { emulator, set } = manualEmulator();
    const expectDetail = async (response: Response, type: string) => {
      expect(response.status).toBe(422);
      const body = await response.json();
      expect(body).toMatchObject({ detail: [{ loc: ['body', 'video_url'], type }] });
    };
    await expectDetail(
      await submit(emulator, 'fal-ai/veo3.1/extend-video', {
        prompt: 'go',
        video_url: 'https://v3.fal.media/files/emulator/00000000-0000-0000-0000-000000000000/output.mp4',
      }),
      'file_download_error',
    );
    await expectDetail(
      await submit(emulator, 'fal-ai/veo3.1/extend-video', {
        prompt: 'go',
        video_url: 'data:video/mp4;base64,iVBORw0KGgo=',
      }),
      'video_format_unsupported',
    );
    const { request_id } = await (await submit(emulator, 'fal-ai/veo3.1', { prompt: 'a fox', duration: '4s' })).json();
    await expectDetail(
      await submit(emulator, 'fal-ai/veo3.1/extend-video', {
        prompt: 'go',
        video_url: `https://v3.fal.media/files/emulator/${request_id}/output.mp4`,
      }),
      'file_download_error',
    );
    set(1500);
    const long = await (
      await submit(emulator, 'fal-ai/veo3.1/extend-video', {
        prompt: 'go',
        video_url: `https://v3.fal.media/files/emulator/${request_id}/output.mp4`,
      })
    ).json();
    set(5000);
    const longUrl = (
      await (await call(emulator, 'GET', `${QUEUE}/fal-ai/veo3.1/requests/${long.request_id}`, { headers: KEY })).json()
    ).video.url;
    await expectDetail(
      await submit(emulator, 'fal-ai/veo3.1/extend-video', { prompt: 'go', video_url: longUrl }),
      'video_duration_too_long',
    );
    const missing = await submit(emulator, 'fal-ai/kling-video/o1/video-to-video/edit', { prompt: 'snow' });
    expect(missing.status).toBe(422);
    expect(await missing.json()).toMatchObject({ detail: [{ loc: ['body', 'video_url'], type: 'missing' }] });
  });
});
