import { LoadAPIKeyError } from '@videogen/provider-spec';
import { validateVideoCallOptions } from '@videogen/provider-utils';
import { createCallOptions, createTestServer } from '@videogen/provider-utils/test';
import { describe, expect, it, vi } from 'vitest';
import succeededOperation from './__fixtures__/vertex-video-operation-succeeded.json';
import { createVertex } from './vertex-provider';
import { gcsUriToHttps } from './vertex-video-model';

vi.mock('./version', () => ({ VERSION: '0.0.0-test' }));

const TOKEN = 'ya29.distinctive-token-4242';
const BASE =
  'https://us-central1-aiplatform.googleapis.com/v1/projects/my-project/locations/us-central1/publishers/google';
const MODEL = 'veo-3.1-generate-001';
const OPERATION_NAME = succeededOperation.name;
const MP4 = new Uint8Array([0, 0, 0, 0x18, 0x66, 0x74, 0x79, 0x70, 0x69, 0x73, 0x6f, 0x6d]);
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);

const server = createTestServer({
  [`${BASE}/models/:modelAction`]: {
    response: ({ request }) =>
      request.url.endsWith(':predictLongRunning')
        ? { type: 'json-value', body: { name: OPERATION_NAME } }
        : { type: 'json-value', body: { name: OPERATION_NAME, done: false } },
  },
  'https://storage.googleapis.com/my-bucket/*': {
    response: { type: 'binary', body: MP4, headers: { 'content-type': 'video/mp4' } },
  },
});

const defaultOptions = createCallOptions({
  prompt: 'A lighthouse at dusk',
  providerOptions: { vertex: { pollIntervalMs: 10 } },
});

function createBasicModel(modelId: string = MODEL) {
  return createVertex({ project: 'my-project', location: 'us-central1', accessToken: TOKEN }).video(modelId);
}

describe('createVertex', () => {
  it('builds the regional URL and sends the bearer token', async () => {
    const model = createBasicModel();
    expect(model.provider).toBe('vertex.video');
    expect(model.capabilities).toMatchObject({ seed: true, durations: [4, 6, 8], maxReferences: 3 });
    await model.doStart(defaultOptions);
    const call = server.calls[0];
    expect(call.requestUrl).toBe(`${BASE}/models/${MODEL}:predictLongRunning`);
    expect(call.requestHeaders.authorization).toBe(`Bearer ${TOKEN}`);
    expect(call.requestHeaders['x-goog-api-key']).toBeUndefined();
    expect(call.requestHeaders['user-agent']).toMatch(/^videogen\/google\/0\.0\.0-test/);
  });

  it('asks getAccessToken for every request', async () => {
    const getAccessToken = vi.fn(async () => 'fresh-token');
    const model = createVertex({ project: 'my-project', getAccessToken }).video(MODEL);
    await model.doStart(defaultOptions);
    await model.doStatus({ operation: { name: OPERATION_NAME } });
    expect(getAccessToken).toHaveBeenCalledTimes(2);
    expect(server.calls.map((call) => call.requestHeaders.authorization)).toStrictEqual([
      'Bearer fresh-token',
      'Bearer fresh-token',
    ]);
  });

  it('sends each fresh token with the custom headers, which are built once per provider', async () => {
    const tokens = ['token-1', 'token-2\n'];
    const model = createVertex({
      project: 'my-project',
      getAccessToken: () => tokens.shift()!,
      headers: { 'X-Team': 'video', 'User-Agent': 'my-app/1.0' },
    }).video(MODEL);
    await model.doStart(defaultOptions);
    await model.doStatus({ operation: { name: OPERATION_NAME } });
    expect(server.calls.map((call) => call.requestHeaders.authorization)).toStrictEqual([
      'Bearer token-1',
      'Bearer token-2',
    ]);
    for (const call of server.calls) {
      expect(call.requestHeaders['x-team']).toBe('video');
      expect(call.requestHeaders['user-agent']).toMatch(/^my-app\/1\.0 videogen\/google\/0\.0\.0-test/);
    }
  });

  it('throws a LoadAPIKeyError without a token, before any request', async () => {
    const error = await createVertex({ project: 'my-project' })
      .video(MODEL)
      .doStart(defaultOptions)
      .catch((error: unknown) => error);
    expect(LoadAPIKeyError.isInstance(error)).toBe(true);
    expect(server.calls).toHaveLength(0);
  });
});

describe('doStart (Vertex wire format)', () => {
  it('sends seed, generateAudio, fps and Vertex options, and images as bytes or gcsUri', async () => {
    const result = await createBasicModel().doStart({
      ...defaultOptions,
      seed: 0,
      generateAudio: false,
      fps: 24,
      duration: 6,
      aspectRatio: '9:16',
      image: { type: 'file', mediaType: 'image/png', data: PNG },
      frameImages: [{ frameType: 'last_frame', image: { type: 'url', url: 'gs://my-bucket/last.jpg' } }],
      providerOptions: {
        vertex: { storageUri: 'gs://my-bucket/veo/', compressionQuality: 'optimized', negativePrompt: 'blur' },
      },
      webhookUrl: 'https://hooks.example.com/veo',
    });
    expect(server.calls[0].requestBodyJson).toStrictEqual({
      instances: [
        {
          prompt: 'A lighthouse at dusk',
          image: { bytesBase64Encoded: 'iVBORw0KGgoBAgM=', mimeType: 'image/png' },
          lastFrame: { gcsUri: 'gs://my-bucket/last.jpg', mimeType: 'image/jpeg' },
        },
      ],
      parameters: {
        seed: 0,
        generateAudio: false,
        fps: 24,
        aspectRatio: '9:16',
        durationSeconds: 6,
        negativePrompt: 'blur',
        sampleCount: 1,
        storageUri: 'gs://my-bucket/veo/',
        compressionQuality: 'optimized',
      },
    });
    expect(result.operation).toStrictEqual({ name: OPERATION_NAME });
    expect(result.warnings).toStrictEqual([
      { type: 'unsupported', feature: 'webhookUrl', details: expect.stringContaining('Pub/Sub') },
    ]);
  });

  it('extends a gs:// video and validates like the Gemini API', async () => {
    await createBasicModel().doStart({
      ...defaultOptions,
      inputReferences: [{ type: 'url', url: 'gs://my-bucket/veo/sample_0.mp4' }],
    });
    expect(server.calls[0].requestBodyJson.instances[0].video).toStrictEqual({
      gcsUri: 'gs://my-bucket/veo/sample_0.mp4',
      mimeType: 'video/mp4',
    });
    await expect(createBasicModel().doStart({ ...defaultOptions, duration: 5 })).rejects.toMatchObject({
      argument: 'duration',
    });
    await expect(createBasicModel().doStart({ ...defaultOptions, seed: -1 })).rejects.toMatchObject({
      argument: 'seed',
    });
    expect(server.calls).toHaveLength(1);
  });
});

describe('gs:// inputs', () => {
  it('declares gs:// among its input URL schemes, so a gs:// input passes the checks core runs and reaches the request', async () => {
    const model = createBasicModel();
    expect(model.capabilities.inputUrlSchemes).toStrictEqual(['http', 'https', 'data', 'gs']);
    expect(createBasicModel('veo-9-experimental').capabilities).toStrictEqual({
      seed: true,
      inputUrlSchemes: ['http', 'https', 'data', 'gs'],
    });
    const options = { ...defaultOptions, image: { type: 'url', url: 'gs://my-bucket/first.png' } as const };
    // What core's generateVideo runs before it calls the model (validate-options.ts).
    expect(validateVideoCallOptions(model.capabilities, options, model)).toStrictEqual([]);
    await model.doStart(options);
    expect(server.calls).toHaveLength(1);
    expect(server.calls[0].requestBodyJson.instances[0].image).toStrictEqual({
      gcsUri: 'gs://my-bucket/first.png',
      mimeType: 'image/png',
    });
  });

  it('still refuses other schemes before any request', async () => {
    await expect(
      createBasicModel().doStart({ ...defaultOptions, image: { type: 'url', url: 'ftp://host/first.png' } }),
    ).rejects.toMatchObject({ argument: 'image', message: expect.stringContaining('gs:') });
    expect(server.calls).toHaveLength(0);
  });

  it('polls every 10 s by default and reports no usage', async () => {
    expect(createBasicModel().pollIntervalMs).toBe(10_000);
    const status = await createBasicModel().doStatus({ operation: { name: OPERATION_NAME } });
    expect(status).toStrictEqual({ status: 'pending', providerStatus: 'running' });
  });
});

describe('doStatus / doGenerate (Vertex)', () => {
  it('polls with fetchPredictOperation and downloads gs:// videos with the token only to storage', async () => {
    server.urls[`${BASE}/models/:modelAction`].response = ({ request, callNumber }) =>
      request.url.endsWith(':predictLongRunning')
        ? { type: 'json-value', body: { name: OPERATION_NAME } }
        : callNumber < 2
          ? { type: 'json-value', body: { name: OPERATION_NAME } }
          : { type: 'json-value', body: succeededOperation };

    const result = await createBasicModel().doGenerate(defaultOptions);
    expect(server.calls.map((call) => `${call.requestMethod} ${call.requestUrl}`)).toStrictEqual([
      `POST ${BASE}/models/${MODEL}:predictLongRunning`,
      `POST ${BASE}/models/${MODEL}:fetchPredictOperation`,
      `POST ${BASE}/models/${MODEL}:fetchPredictOperation`,
      'GET https://storage.googleapis.com/my-bucket/veo/output/sample_0.mp4',
    ]);
    expect(server.calls[1].requestBodyJson).toStrictEqual({ operationName: OPERATION_NAME });
    expect(server.calls[3].requestHeaders.authorization).toBe(`Bearer ${TOKEN}`);
    expect(result.videos).toStrictEqual([{ type: 'binary', data: MP4, mediaType: 'video/mp4' }]);
    expect(result.providerMetadata).toStrictEqual({
      vertex: { operationName: OPERATION_NAME, videoUris: ['gs://my-bucket/veo/output/sample_0.mp4'] },
    });
  });

  it('maps bytes and filtering under response (no generateVideoResponse wrapper)', async () => {
    server.urls[`${BASE}/models/:modelAction`].response = {
      type: 'json-value',
      body: {
        name: OPERATION_NAME,
        done: true,
        response: { videos: [{ bytesBase64Encoded: 'AAAA', mimeType: 'video/mp4' }], raiMediaFilteredCount: 1 },
      },
    };
    expect(await createBasicModel().doStatus({ operation: { name: OPERATION_NAME } })).toMatchObject({
      status: 'completed',
      videos: [{ type: 'base64', data: 'AAAA', mediaType: 'video/mp4' }],
      warnings: [{ type: 'other' }],
    });

    server.urls[`${BASE}/models/:modelAction`].response = {
      type: 'json-value',
      body: {
        name: OPERATION_NAME,
        done: true,
        response: { raiMediaFilteredCount: 1, raiMediaFilteredReasons: ['Unsafe content.'] },
      },
    };
    expect(await createBasicModel().doStatus({ operation: { name: OPERATION_NAME } })).toMatchObject({
      status: 'failed',
      error: { message: 'Unsafe content.', contentFiltered: true },
    });
  });

  it('rejects a Gemini API operation', async () => {
    await expect(
      createBasicModel().doStatus({ operation: { name: 'models/veo-3.1-generate-preview/operations/x' } }),
    ).rejects.toMatchObject({ argument: 'operation' });
  });
});

describe('gcsUriToHttps', () => {
  it('maps gs:// to storage.googleapis.com, encoding each segment', () => {
    expect(gcsUriToHttps('gs://b/dir/a b.mp4')).toBe('https://storage.googleapis.com/b/dir/a%20b.mp4');
    expect(gcsUriToHttps('https://x.example/v.mp4')).toBe('https://x.example/v.mp4');
  });
});
