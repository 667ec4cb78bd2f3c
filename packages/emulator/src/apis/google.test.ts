import { describe, expect, it } from 'vitest';
import { call, manualEmulator } from '../__fixtures__/helpers';
import { readMp4Boxes } from '../mp4-boxes';

const BASE = 'https://generativelanguage.googleapis.com/v1beta';
const KEY = { 'x-goog-api-key': 'AIza-test' };
const MODEL = 'veo-3.1-generate-preview';

function start(
  emulator: Parameters<typeof call>[0],
  body: unknown,
  model = MODEL,
  headers: Record<string, string> = KEY,
) {
  return call(emulator, 'POST', `${BASE}/models/${model}:predictLongRunning`, { headers, json: body });
}

describe('Gemini API (Veo)', () => {
  it('returns an operation, polls it to done, and serves the file through a redirect to another origin', async () => {
    const { emulator, set } = manualEmulator();
    const response = await start(emulator, {
      instances: [
        { prompt: 'A ghostly woman on a rope swing', image: { bytesBase64Encoded: 'iVBORw0K', mimeType: 'image/png' } },
      ],
      parameters: {
        aspectRatio: '9:16',
        resolution: '720p',
        durationSeconds: 8,
        personGeneration: 'allow_adult',
        sampleCount: 1,
      },
    });
    expect(response.status).toBe(200);
    const operation = await response.json();
    expect(operation).toStrictEqual({
      name: expect.stringMatching(new RegExp(`^models/${MODEL}/operations/[a-z0-9]+$`)),
    });

    set(700);
    const pending = await (await call(emulator, 'GET', `${BASE}/${operation.name}`, { headers: KEY })).json();
    expect(pending).toStrictEqual({ name: operation.name });

    set(1500);
    const done = await (await call(emulator, 'GET', `${BASE}/${operation.name}`, { headers: KEY })).json();
    expect(done).toStrictEqual({
      name: operation.name,
      done: true,
      response: {
        '@type': 'type.googleapis.com/google.ai.generativelanguage.v1beta.PredictLongRunningResponse',
        generateVideoResponse: {
          generatedSamples: [
            { video: { uri: expect.stringMatching(new RegExp(`^${BASE}/files/[a-z0-9]+:download\\?alt=media$`)) } },
          ],
        },
      },
    });
    const uri: string = done.response.generateVideoResponse.generatedSamples[0].video.uri;

    const unauthenticated = await call(emulator, 'GET', uri);
    expect(unauthenticated.status).toBe(403);

    const redirect = await call(emulator, 'GET', uri, { headers: KEY });
    expect(redirect.status).toBe(302);
    const location = redirect.headers.get('location')!;
    expect(new URL(location).origin).toBe('https://storage.googleapis.com');
    expect(location).not.toContain('AIza');

    // the storage URL is public (signed): no key needed, and a key sent there is flagged
    const file = await call(emulator, 'GET', location);
    expect(file.status).toBe(200);
    const bytes = new Uint8Array(await file.arrayBuffer());
    expect(readMp4Boxes(bytes).some((box) => box.type === 'moov')).toBe(true);
    expect(emulator.jobs.get(operation.name)).toMatchObject({ width: 720, height: 1280 });
    expect(emulator.requests.at(-1)).toMatchObject({ route: 'storage', credentialLeak: false, auth: [] });

    await call(emulator, 'GET', location, { headers: KEY });
    expect(emulator.requests.at(-1)).toMatchObject({
      route: 'storage',
      credentialLeak: true,
      auth: ['x-goog-api-key'],
    });
    expect(JSON.stringify(emulator.requests)).not.toContain('AIza-test');

    const tampered = await call(emulator, 'GET', location.replace(/X-Goog-Signature=[^&]+/, 'X-Goog-Signature=bad'));
    expect(tampered.status).toBe(403);
  });

  it('accepts the key as ?key= but never logs it', async () => {
    const { emulator } = manualEmulator();
    const response = await call(emulator, 'POST', `${BASE}/models/${MODEL}:predictLongRunning?key=AIza-secret`, {
      json: { instances: [{ prompt: 'x' }] },
    });
    expect(response.status).toBe(200);
    expect(emulator.requests[0].auth).toEqual(['query:key']);
    expect(emulator.requests[0].url).not.toContain('AIza-secret');
  });

  it('uses Google error bodies for missing (403) and invalid (400 API_KEY_INVALID) keys', async () => {
    const { emulator } = manualEmulator({ apiKeys: { google: ['good'] } });
    const missing = await start(emulator, { instances: [{ prompt: 'x' }] }, MODEL, {});
    expect(missing.status).toBe(403);
    expect((await missing.json()).error).toMatchObject({ code: 403, status: 'PERMISSION_DENIED' });
    const invalid = await start(emulator, { instances: [{ prompt: 'x' }] }, MODEL, { 'x-goog-api-key': 'bad' });
    expect(invalid.status).toBe(400);
    const body = await invalid.json();
    expect(body.error).toMatchObject({
      code: 400,
      status: 'INVALID_ARGUMENT',
      message: 'API key not valid. Please pass a valid API key.',
    });
    expect(body.error.details[0].reason).toBe('API_KEY_INVALID');
  });

  it('404s unknown models and operations', async () => {
    const { emulator } = manualEmulator();
    const unknown = await start(emulator, { instances: [{ prompt: 'x' }] }, 'veo-9');
    expect(unknown.status).toBe(404);
    expect((await unknown.json()).error).toMatchObject({ code: 404, status: 'NOT_FOUND' });
    const operation = await call(emulator, 'GET', `${BASE}/models/${MODEL}/operations/nope`, { headers: KEY });
    expect(operation.status).toBe(404);
  });

  it.each([
    [{ durationSeconds: 5 }, 'parameters.durationSeconds'],
    [{ resolution: '1080p', durationSeconds: 6 }, 'parameters.durationSeconds'],
    [{ resolution: '4k', durationSeconds: 4 }, 'parameters.durationSeconds'],
    [{ resolution: '2k' }, 'parameters.resolution'],
    [{ aspectRatio: '1:1' }, 'parameters.aspectRatio'],
    [{ sampleCount: 2 }, 'parameters.sampleCount'],
    [{ personGeneration: 'allow_adult' }, 'parameters.personGeneration'],
    [{ generateAudio: true }, 'parameters.generateAudio'],
  ])('rejects parameters %j (B.6) with 400 INVALID_ARGUMENT', async (parameters, field) => {
    const { emulator } = manualEmulator();
    const response = await start(emulator, { instances: [{ prompt: 'x' }], parameters });
    expect(response.status).toBe(400);
    const body = await response.json();
    expect(body.error).toMatchObject({ code: 400, status: 'INVALID_ARGUMENT' });
    expect(body.error.details[0].fieldViolations[0].field).toBe(field);
  });

  it('accepts durations as numbers or strings, 1080p/4k at 8 s, and inlineData images (⚠️ B.2)', async () => {
    const { emulator } = manualEmulator();
    for (const parameters of [
      { durationSeconds: '8', resolution: '1080p' },
      { durationSeconds: 8, resolution: '4k' },
      { durationSeconds: 4 },
      { durationSeconds: '6', aspectRatio: '9:16' },
    ]) {
      expect((await start(emulator, { instances: [{ prompt: 'x' }], parameters })).status).toBe(200);
    }
    const inline = await start(emulator, {
      instances: [
        {
          prompt: 'x',
          image: { inlineData: { mimeType: 'image/png', data: 'iVBORw0K' } },
          lastFrame: { bytesBase64Encoded: 'iVBOR', mimeType: 'image/png' },
        },
      ],
    });
    expect(inline.status).toBe(200);
    expect(
      (await start(emulator, { instances: [{ prompt: 'x', lastFrame: { bytesBase64Encoded: 'a' } }] })).status,
    ).toBe(400);
  });

  it('validates reference images (≤3, 8 s, lowercase or uppercase type) and Veo 2 limits', async () => {
    const { emulator } = manualEmulator();
    const image = { bytesBase64Encoded: 'iVBOR', mimeType: 'image/png' };
    const ok = await start(emulator, {
      instances: [
        {
          prompt: 'x',
          referenceImages: [
            { image, referenceType: 'asset' },
            { image, referenceType: 'ASSET' },
          ],
        },
      ],
      parameters: { durationSeconds: 8 },
    });
    expect(ok.status).toBe(200);
    const tooMany = await start(emulator, {
      instances: [{ prompt: 'x', referenceImages: [1, 2, 3, 4].map(() => ({ image, referenceType: 'asset' })) }],
    });
    expect(tooMany.status).toBe(400);
    const short = await start(emulator, {
      instances: [{ prompt: 'x', referenceImages: [{ image, referenceType: 'asset' }] }],
      parameters: { durationSeconds: 4 },
    });
    expect(short.status).toBe(400);

    const veo2 = await start(
      emulator,
      { instances: [{ prompt: 'x' }], parameters: { durationSeconds: 5, sampleCount: 2 } },
      'veo-2.0-generate-001',
    );
    expect(veo2.status).toBe(200);
    const veo2bad = await start(
      emulator,
      { instances: [{ prompt: 'x' }], parameters: { durationSeconds: 4 } },
      'veo-2.0-generate-001',
    );
    expect(veo2bad.status).toBe(400);
    const { name } = await veo2.json();
    await emulator.advance(2000);
    const done = await (await call(emulator, 'GET', `${BASE}/${name}`, { headers: KEY })).json();
    expect(done.response.generateVideoResponse.generatedSamples).toHaveLength(2);
  });

  it('reports RAI filtering and failures the way the API does', async () => {
    const { emulator, set } = manualEmulator();
    const filtered = await (await start(emulator, { instances: [{ prompt: 'x [emulator:filtered]' }] })).json();
    const failed = await (await start(emulator, { instances: [{ prompt: 'x [emulator:fail]' }] })).json();
    set(1500);
    const a = await (await call(emulator, 'GET', `${BASE}/${filtered.name}`, { headers: KEY })).json();
    expect(a.done).toBe(true);
    expect(a.response.generateVideoResponse).toStrictEqual({
      raiMediaFilteredCount: 1,
      raiMediaFilteredReasons: [expect.any(String)],
    });
    const b = await (await call(emulator, 'GET', `${BASE}/${failed.name}`, { headers: KEY })).json();
    expect(b).toStrictEqual({ name: failed.name, done: true, error: { code: 13, message: expect.any(String) } });
  });
});

describe('Gemini API (Veo): video extension', () => {
  async function generate(emulator: Parameters<typeof call>[0], set: (ms: number) => void, parameters = {}) {
    const operation = await (
      await start(emulator, {
        instances: [{ prompt: 'A lighthouse at dusk' }],
        parameters: { durationSeconds: 6, ...parameters },
      })
    ).json();
    set(1500);
    const done = await (await call(emulator, 'GET', `${BASE}/${operation.name}`, { headers: KEY })).json();
    return { operation, uri: done.response.generateVideoResponse.generatedSamples[0].video.uri as string };
  }

  it("extends a previous generation by its file URI: the result is the input plus 7 s, in the input's size", async () => {
    const { emulator, set } = manualEmulator();
    const { uri } = await generate(emulator, set, { aspectRatio: '9:16' });
    const response = await start(emulator, {
      instances: [{ prompt: 'The beam sweeps the sea', video: { uri } }],
      parameters: { durationSeconds: 8, sampleCount: 1 },
    });
    expect(response.status).toBe(200);
    const extension = await response.json();
    expect(emulator.jobs.get(extension.name)).toMatchObject({ seconds: 13, width: 720, height: 1280 });

    set(3000);
    const done = await (await call(emulator, 'GET', `${BASE}/${extension.name}`, { headers: KEY })).json();
    const extendedUri: string = done.response.generateVideoResponse.generatedSamples[0].video.uri;
    const redirect = await call(emulator, 'GET', extendedUri, { headers: KEY });
    const bytes = new Uint8Array(await (await call(emulator, 'GET', redirect.headers.get('location')!)).arrayBuffer());
    expect(readMp4Boxes(bytes).some((box) => box.type === 'moov')).toBe(true);
  });

  it('answers 404 NOT_FOUND for a file URI that is not a generated file, and 400 for a running one or a 1080p input', async () => {
    const { emulator, set } = manualEmulator();
    const unknown = await start(emulator, {
      instances: [{ prompt: 'Continue', video: { uri: `${BASE}/files/doesnotexist:download?alt=media` } }],
      parameters: { durationSeconds: 8 },
    });
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ error: { code: 404, status: 'NOT_FOUND' } });

    const hd = await generate(emulator, set, { resolution: '1080p', durationSeconds: 8 });
    const refused = await start(emulator, {
      instances: [{ prompt: 'Continue', video: { uri: hd.uri } }],
      parameters: { durationSeconds: 8 },
    });
    expect(refused.status).toBe(400);
    expect(await refused.json()).toMatchObject({
      error: { status: 'INVALID_ARGUMENT', message: expect.stringMatching(/720p/) },
    });
  });

  it('extends inline MP4 bytes (encodedVideo) by their own length plus 7 s, and refuses bytes that are no MP4', async () => {
    const { emulator, set } = manualEmulator();
    const { uri } = await generate(emulator, set);
    const redirect = await call(emulator, 'GET', uri, { headers: KEY });
    const mp4 = new Uint8Array(await (await call(emulator, 'GET', redirect.headers.get('location')!)).arrayBuffer());
    const extension = await (
      await start(emulator, {
        instances: [
          { prompt: 'Continue', video: { encodedVideo: Buffer.from(mp4).toString('base64'), encoding: 'video/mp4' } },
        ],
        parameters: { durationSeconds: 8 },
      })
    ).json();
    expect(emulator.jobs.get(extension.name)).toMatchObject({ seconds: 13 });

    const withImage = await start(emulator, {
      instances: [
        { prompt: 'Continue', video: { uri }, image: { bytesBase64Encoded: 'iVBORw0K', mimeType: 'image/png' } },
      ],
      parameters: { durationSeconds: 8 },
    });
    expect(withImage.status).toBe(400);

    const png = await start(emulator, {
      instances: [{ prompt: 'Continue', video: { encodedVideo: 'iVBORw0KGgo=', encoding: 'video/mp4' } }],
      parameters: { durationSeconds: 8 },
    });
    expect(png.status).toBe(400);
  });
});

describe('Gemini API: model list', () => {
  it('pages GET /models with pageSize and an opaque pageToken; Veo models support predictLongRunning', async () => {
    const { emulator } = manualEmulator();
    const first = await call(emulator, 'GET', `${BASE}/models?pageSize=3`, { headers: KEY });
    expect(first.status).toBe(200);
    const page1 = await first.json();
    expect(page1.models).toHaveLength(3);
    expect(page1.nextPageToken).toEqual(expect.any(String));
    const rest = await (
      await call(emulator, 'GET', `${BASE}/models?pageSize=1000&pageToken=${page1.nextPageToken}`, { headers: KEY })
    ).json();
    expect(rest.nextPageToken).toBeUndefined();
    const all = [...page1.models, ...rest.models];
    expect(
      all.filter((model) => model.supportedGenerationMethods.includes('predictLongRunning')).map((model) => model.name),
    ).toStrictEqual(Object.keys((await import('./google')).GOOGLE_MODELS).map((id) => `models/${id}`));
    expect(all.find((model) => model.name === 'models/veo-3.1-generate-preview')).toMatchObject({
      displayName: 'Veo 3.1',
    });

    expect((await call(emulator, 'GET', `${BASE}/models?pageToken=garbage`, { headers: KEY })).status).toBe(400);
    expect((await call(emulator, 'GET', `${BASE}/models`)).status).toBe(403);
  });
});
