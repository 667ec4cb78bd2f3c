// Proof against a client nobody here wrote: `kling-api` (npm, third party, axios + jsonwebtoken),
// unmodified, drives the emulator's Kling API over HTTPS. `kling-api` refuses a base URL that is
// not `https://`, so this test serves TLS with a self-signed certificate made by Debian's
// `openssl` and trusts it in this test process only (`https.globalAgent.options.ca`, which the
// client's axios uses; `NODE_EXTRA_CA_CERTS` is read only at process start).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { get, globalAgent } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KlingAPI, KlingAPIError } from 'kling-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readMp4Boxes } from '../mp4-boxes';
import { startEmulator, type EmulatorServer } from '../server';

const ACCESS_KEY = 'AK-interop';
const SECRET_KEY = 'SK-interop';

let server: EmulatorServer;
let cert: string;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kling-tls-'));
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-days',
      '1',
      '-subj',
      '/CN=localhost',
      '-addext',
      'subjectAltName=IP:127.0.0.1,DNS:localhost',
      '-keyout',
      join(dir, 'key.pem'),
      '-out',
      join(dir, 'cert.pem'),
    ],
    { stdio: 'ignore' },
  );
  cert = readFileSync(join(dir, 'cert.pem'), 'utf8');
  globalAgent.options.ca = cert;
  server = await startEmulator({
    tls: { key: readFileSync(join(dir, 'key.pem')), cert },
    klingSecretKeys: { [ACCESS_KEY]: SECRET_KEY },
    jobDurationMs: 400,
    queueMs: 100,
  });
});

afterAll(async () => {
  await server?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function download(url: string): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    get(url, { ca: cert }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
      response.on('error', reject);
    }).on('error', reject);
  });
}

const poll = { interval: 50, timeout: 10_000, showSpinner: false };

describe('kling-api@1.0.0 against the emulator (HTTPS)', () => {
  it('text-to-video: creates with its own JWT, waits for succeed, and the MP4 is served', async () => {
    const api = new KlingAPI({ accessKey: ACCESS_KEY, secretKey: SECRET_KEY, baseUrl: server.baseURLs.kling });
    expect(server.baseURLs.kling).toMatch(/^https:\/\/127\.0\.0\.1:\d+\/kling$/);
    const task = await api.textToVideo({
      prompt: 'A corgi surfing a wave at sunset',
      model_name: 'kling-v2-6',
      mode: 'std',
      aspect_ratio: '9:16',
      duration: '5',
      sound: 'on',
    });
    expect(task).toMatchObject({ code: 0, data: { task_status: 'submitted' } });
    const result = await api.waitForVideoResult(task.data.task_id, undefined, poll);
    expect(result.data.task_status).toBe('succeed');
    const video = result.data.task_result?.videos?.[0];
    expect(video).toMatchObject({ duration: '5' });
    const bytes = await download(video!.url);
    expect(readMp4Boxes(bytes).some((box) => box.type === 'moov')).toBe(true);
    expect(server.emulator.jobs.get(task.data.task_id)).toMatchObject({ width: 720, height: 1280, seconds: 5 });
  });

  it('image-to-video, multi-image and extend, each polled on its own path', async () => {
    const api = new KlingAPI({ accessKey: ACCESS_KEY, secretKey: SECRET_KEY, baseUrl: server.baseURLs.kling });
    const i2v = await api.imageToVideo({
      model_name: 'kling-v2-1',
      image: 'https://images.example.com/cat.png',
      prompt: 'The cat yawns',
      duration: '10',
    });
    const i2vResult = await api.waitForVideoResult(i2v.data.task_id, (id) => api.queryImageToVideoTask(id), poll);
    expect(i2vResult.data.task_status).toBe('succeed');

    const multi = await api.multiImageToVideo({
      image_list: [{ image: 'https://images.example.com/a.png' }, { image: 'https://images.example.com/b.png' }],
      prompt: 'Two friends meet',
    });
    const multiResult = await api.waitForVideoResult(
      multi.data.task_id,
      (id) => api.queryMultiImageToVideoTask(id),
      poll,
    );
    const videoId = multiResult.data.task_result?.videos?.[0]?.id;
    expect(videoId).toEqual(expect.any(String));

    const extend = await api.extendVideo({ video_id: videoId!, prompt: 'They walk away' });
    const extended = await api.waitForVideoResult(extend.data.task_id, (id) => api.queryExtendVideoTask(id), poll);
    expect(extended.data.task_status).toBe('succeed');
    // The extension is the source continued: 5 s + 4 s, a complete MP4 on the CDN.
    const extendedVideo = extended.data.task_result?.videos?.[0];
    expect(extendedVideo).toMatchObject({ duration: '9' });
    expect(readMp4Boxes(await download(extendedVideo!.url)).some((box) => box.type === 'moov')).toBe(true);
    // A video Kling never generated is refused with its own code.
    const unknown = await api.extendVideo({ video_id: 'not-a-kling-video' }).catch((e: unknown) => e);
    expect(unknown).toBeInstanceOf(KlingAPIError);
    expect(unknown).toMatchObject({ code: 1203 });
  });

  it('lists a family page by page through the client’s own signed HTTP client (kling-api has no list method)', async () => {
    const api = new KlingAPI({ accessKey: ACCESS_KEY, secretKey: SECRET_KEY, baseUrl: server.baseURLs.kling });
    const first = await api.client.get('/v1/videos/video-extend', { params: { pageNum: 1, pageSize: 1 } });
    expect(first.data).toMatchObject({ code: 0, message: 'SUCCEED', data: [{ task_status: 'succeed' }] });
    expect(first.data.data[0].task_info.parent_video).toMatchObject({ duration: '5' });
    const second = await api.client.get('/v1/videos/video-extend', { params: { pageNum: 2, pageSize: 1 } });
    expect(second.data.data).toStrictEqual([]);
    const refused = await api.client
      .get('/v1/videos/video-extend', { params: { pageNum: 1, pageSize: 501 } })
      .catch((e: { response?: { status: number; data: unknown } }) => e.response);
    expect(refused).toMatchObject({ status: 400, data: { code: 1201 } });
  });

  it('surfaces a failed task and a refused signature as KlingAPIError', async () => {
    const api = new KlingAPI({ accessKey: ACCESS_KEY, secretKey: SECRET_KEY, baseUrl: server.baseURLs.kling });
    const task = await api.textToVideo({ prompt: 'x [emulator:filtered]' });
    const failure = await api.waitForVideoResult(task.data.task_id, undefined, poll).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(KlingAPIError);
    expect((failure as Error).message).toBe('Failure to pass the risk control system');

    const wrong = new KlingAPI({ accessKey: ACCESS_KEY, secretKey: 'not-the-secret', baseUrl: server.baseURLs.kling });
    const refused = await wrong.textToVideo({ prompt: 'x' }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(KlingAPIError);
    expect(refused).toMatchObject({ code: 1000 });
  });
});
