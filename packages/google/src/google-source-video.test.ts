import { InvalidArgumentError, type VideoJob, type VideoModelV3StartOptions } from '@videogen/provider-spec';
import { createCallOptions, createTestServer } from '@videogen/provider-utils/test';
import { describe, expect, it, vi } from 'vitest';
import runningOperation from './__fixtures__/google-video-operation-running.json';
import succeededOperation from './__fixtures__/google-video-operation-succeeded.json';
import startResponse from './__fixtures__/google-video-start.json';
import vertexSucceeded from './__fixtures__/vertex-video-operation-succeeded.json';
import { createGoogle } from './google-provider';
import { createVertex } from './vertex-provider';

vi.mock('./version', () => ({ VERSION: '0.0.0-test' }));

const API_KEY = 'AIzaTEST-distinctive-key-7f3c9e';
const BASE = 'https://generativelanguage.googleapis.com/v1beta';
const MODEL = 'veo-3.1-generate-preview';
const OPERATION_NAME = succeededOperation.name;
const FILE_URI = `${BASE}/files/3xk9q2m1abcd:download?alt=media`;
const VERTEX_BASE =
  'https://us-central1-aiplatform.googleapis.com/v1/projects/my-project/locations/us-central1/publishers/google';
const VERTEX_MODEL = 'veo-3.1-generate-001';

const MP4 = new Uint8Array([0, 0, 0, 0x18, 0x66, 0x74, 0x79, 0x70, 0x69, 0x73, 0x6f, 0x6d, 7, 7]);
const MP4_BASE64 = 'AAAAGGZ0eXBpc29tBwc=';
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);

let operationBody: unknown = succeededOperation;
let vertexOperationBody: unknown = vertexSucceeded;

const server = createTestServer({
  [`${BASE}/models/:modelAction`]: { response: { type: 'json-value', body: startResponse } },
  [`${BASE}/models/:model/operations/:id`]: { response: () => ({ type: 'json-value', body: operationBody }) },
  'https://videos.example.com/:file': {
    response: { type: 'binary', body: MP4, headers: { 'content-type': 'video/mp4' } },
  },
  [`${VERTEX_BASE}/models/:modelAction`]: {
    response: ({ request }) =>
      request.url.endsWith(':predictLongRunning')
        ? { type: 'json-value', body: { name: vertexSucceeded.name } }
        : { type: 'json-value', body: vertexOperationBody },
  },
});

const job: VideoJob = {
  specificationVersion: 'v3',
  provider: 'google.video',
  modelId: MODEL,
  operation: { name: OPERATION_NAME },
};

function google(modelId: string = MODEL) {
  return createGoogle({ apiKey: API_KEY }).video(modelId);
}

function vertex(modelId: string = VERTEX_MODEL) {
  return createVertex({ project: 'my-project', location: 'us-central1', accessToken: 'ya29.token' }).video(modelId);
}

function options(overrides: Partial<VideoModelV3StartOptions>): VideoModelV3StartOptions {
  return createCallOptions({ prompt: 'The camera pulls back', ...overrides });
}

function predictCalls() {
  return server.calls.filter((call) => call.requestUrl.includes(':predictLongRunning'));
}

async function refusal(promise: Promise<unknown>) {
  const error = await promise.catch((caught: unknown) => caught);
  expect(InvalidArgumentError.isInstance(error)).toBe(true);
  expect(predictCalls()).toHaveLength(0);
  return error as InvalidArgumentError;
}

describe('capabilities.sourceVideo', () => {
  it('declares extension (own job or a file, ≤141 s, MP4, 8 s) on Veo 3.1, nothing on Veo 3 and 2', () => {
    const extend = {
      operation: 'extend',
      origins: ['job', 'data'],
      maxDuration: 141,
      mediaTypes: ['video/mp4'],
      durations: [8],
    };
    expect(google().capabilities.sourceVideo).toStrictEqual([extend]);
    expect(google('veo-3.1-fast-generate-preview').capabilities.sourceVideo).toStrictEqual([extend]);
    expect(vertex().capabilities.sourceVideo).toStrictEqual([extend]);
    expect(google('veo-3.0-generate-001').capabilities.sourceVideo).toBeUndefined();
    expect(google('veo-2.0-generate-001').capabilities.sourceVideo).toBeUndefined();
  });
});

describe('Gemini API: sourceVideo extend', () => {
  it("job: sends the job's file URI from the completed status's metadata, without another request", async () => {
    await google().doStart(
      options({
        sourceVideo: {
          operation: 'extend',
          job,
          providerMetadata: { google: { operationName: OPERATION_NAME, videoUris: [FILE_URI] } },
        },
      }),
    );
    expect(server.calls).toHaveLength(1);
    expect(server.calls[0].requestMethod).toBe('POST');
    expect(server.calls[0].requestUrl).toBe(`${BASE}/models/${MODEL}:predictLongRunning`);
    expect(server.calls[0].requestHeaders['x-goog-api-key']).toBe(API_KEY);
    expect(server.calls[0].requestHeaders['content-type']).toBe('application/json');
    expect(server.calls[0].requestBodyJson).toStrictEqual({
      instances: [{ prompt: 'The camera pulls back', video: { uri: FILE_URI } }],
      parameters: { durationSeconds: 8, sampleCount: 1 },
    });
  });

  it("job: reads the job's status for its file URI when no metadata is given", async () => {
    await google().doStart(options({ sourceVideo: { operation: 'extend', job } }));
    expect(server.calls.map((call) => `${call.requestMethod} ${call.requestUrl}`)).toStrictEqual([
      `GET ${BASE}/${OPERATION_NAME}`,
      `POST ${BASE}/models/${MODEL}:predictLongRunning`,
    ]);
    expect(server.calls[1].requestBodyJson).toMatchObject({ instances: [{ video: { uri: FILE_URI } }] });
  });

  it('job: uses the given video when it is the API file URI (no status request)', async () => {
    await google().doStart(
      options({
        sourceVideo: { operation: 'extend', job, video: { type: 'url', url: FILE_URI, mediaType: 'video/mp4' } },
      }),
    );
    expect(server.calls).toHaveLength(1);
    expect(server.calls[0].requestBodyJson).toMatchObject({ instances: [{ video: { uri: FILE_URI } }] });
  });

  it('data: sends bytes as encodedVideo + encoding', async () => {
    await google().doStart(
      options({ sourceVideo: { operation: 'extend', video: { type: 'file', mediaType: 'video/mp4', data: MP4 } } }),
    );
    expect(server.calls[0].requestBodyJson).toStrictEqual({
      instances: [{ prompt: 'The camera pulls back', video: { encodedVideo: MP4_BASE64, encoding: 'video/mp4' } }],
      parameters: { durationSeconds: 8, sampleCount: 1 },
    });
  });

  it('data: fetches an http(s) URL without the key and sends its bytes', async () => {
    await google().doStart(
      options({
        sourceVideo: { operation: 'extend', video: { type: 'url', url: 'https://videos.example.com/clip.mp4' } },
      }),
    );
    expect(server.calls[0].requestUrl).toBe('https://videos.example.com/clip.mp4');
    expect(server.calls[0].requestHeaders['x-goog-api-key']).toBeUndefined();
    expect(server.calls[1].requestBodyJson).toMatchObject({
      instances: [{ video: { encodedVideo: MP4_BASE64, encoding: 'video/mp4' } }],
    });
  });

  it('a job of another provider with its video: sends the video (bytes)', async () => {
    const foreign: VideoJob = { ...job, provider: 'fal.video' };
    await google().doStart(
      options({
        sourceVideo: { operation: 'extend', job: foreign, video: { type: 'file', mediaType: 'video/mp4', data: MP4 } },
      }),
    );
    expect(server.calls).toHaveLength(1);
    expect(server.calls[0].requestBodyJson).toMatchObject({ instances: [{ video: { encodedVideo: MP4_BASE64 } }] });
  });

  it('maps the extension result like any job (the extended video by its file URI)', async () => {
    const model = google();
    const started = await model.doStart(options({ sourceVideo: { operation: 'extend', job } }));
    const status = await model.doStatus({ operation: started.operation });
    expect(status).toMatchObject({
      status: 'completed',
      videos: [{ type: 'url', url: FILE_URI, mediaType: 'video/mp4' }],
    });
  });

  it.each([
    [
      'an operation Veo has not (edit)',
      MODEL,
      { operation: 'edit' as const, job },
      /cannot edit a video \(operations it supports: extend\)/,
    ],
    [
      'a model without extension',
      'veo-3.0-generate-001',
      { operation: 'extend' as const, job },
      /takes no source video/,
    ],
    [
      'a job of another provider without its video',
      MODEL,
      { operation: 'extend' as const, job: { ...job, provider: 'fal.video' } },
      /The job is from fal\.video/,
    ],
    [
      'a file that is no video',
      MODEL,
      { operation: 'extend' as const, video: { type: 'file' as const, mediaType: 'image/png', data: PNG } },
      /not a video/,
    ],
    [
      'a QuickTime file',
      MODEL,
      {
        operation: 'extend' as const,
        video: { type: 'url' as const, url: 'https://videos.example.com/a.mov', mediaType: 'video/quicktime' },
      },
      /video\/mp4; got video\/quicktime/,
    ],
  ])('refuses %s before any request', async (_name, modelId, sourceVideo, message) => {
    const error = await refusal(google(modelId).doStart(options({ sourceVideo })));
    expect(error.argument).toBe('sourceVideo');
    expect(error.message).toMatch(message);
    expect(server.calls).toHaveLength(0);
  });

  it('refuses a source video and a video in inputReferences together', async () => {
    const error = await refusal(
      google().doStart(
        options({ sourceVideo: { operation: 'extend', job }, inputReferences: [{ type: 'url', url: FILE_URI }] }),
      ),
    );
    expect(error.message).toMatch(/not both/);
  });

  it('refuses a duration other than 8 s and a resolution other than 720p when extending', async () => {
    const sourceVideo = { operation: 'extend' as const, job };
    expect((await refusal(google().doStart(options({ sourceVideo, duration: 4 })))).message).toMatch(/extension/);
    expect((await refusal(google().doStart(options({ sourceVideo, resolution: '1920x1080' })))).message).toMatch(
      /720p only/,
    );
    expect(server.calls).toHaveLength(0);
  });

  it('refuses a job that has not completed, and an index out of range, before submitting', async () => {
    operationBody = runningOperation;
    try {
      const pending = await refusal(google().doStart(options({ sourceVideo: { operation: 'extend', job } })));
      expect(pending.message).toMatch(/has not completed \(pending\)/);
    } finally {
      operationBody = succeededOperation;
    }
    const outOfRange = await refusal(
      google().doStart(options({ sourceVideo: { operation: 'extend', job, index: 1 } })),
    );
    expect(outOfRange.message).toMatch(/has 1 video\(s\); sourceVideo\.index 1 is out of range/);
  });

  it('refuses a first frame image together with a video to extend', async () => {
    const png = { type: 'file' as const, mediaType: 'image/png', data: PNG };
    const error = await refusal(google().doStart(options({ image: png, sourceVideo: { operation: 'extend', job } })));
    expect(error.message).toMatch(/no first or last frame image with a video to extend/);
  });

  it('needs a prompt to extend', async () => {
    const error = await refusal(google().doStart(options({ prompt: ' ', sourceVideo: { operation: 'extend', job } })));
    expect(error.argument).toBe('prompt');
  });

  it('keeps the provider-specific way: a video in inputReferences', async () => {
    await google().doStart(options({ inputReferences: [{ type: 'url', url: FILE_URI }] }));
    expect(server.calls[0].requestBodyJson).toMatchObject({ instances: [{ video: { uri: FILE_URI } }] });
  });
});

describe('Vertex AI: sourceVideo extend', () => {
  const vertexJob: VideoJob = {
    specificationVersion: 'v3',
    provider: 'vertex.video',
    modelId: VERTEX_MODEL,
    operation: { name: vertexSucceeded.name },
  };

  it("job: sends the job's gs:// video as gcsUri (read from its status)", async () => {
    await vertex().doStart(options({ sourceVideo: { operation: 'extend', job: vertexJob } }));
    expect(server.calls.map((call) => call.requestUrl)).toStrictEqual([
      `${VERTEX_BASE}/models/${VERTEX_MODEL}:fetchPredictOperation`,
      `${VERTEX_BASE}/models/${VERTEX_MODEL}:predictLongRunning`,
    ]);
    expect(server.calls[0].requestBodyJson).toStrictEqual({ operationName: vertexSucceeded.name });
    expect(server.calls[1].requestBodyJson).toStrictEqual({
      instances: [
        {
          prompt: 'The camera pulls back',
          video: { gcsUri: 'gs://my-bucket/veo/output/sample_0.mp4', mimeType: 'video/mp4' },
        },
      ],
      parameters: { durationSeconds: 8, sampleCount: 1 },
    });
  });

  it("job: sends the job's inline video as bytesBase64Encoded", async () => {
    vertexOperationBody = {
      ...vertexSucceeded,
      response: { videos: [{ bytesBase64Encoded: MP4_BASE64, mimeType: 'video/mp4' }] },
    };
    try {
      await vertex().doStart(options({ sourceVideo: { operation: 'extend', job: vertexJob } }));
    } finally {
      vertexOperationBody = vertexSucceeded;
    }
    expect(server.calls[1].requestBodyJson).toMatchObject({
      instances: [{ video: { bytesBase64Encoded: MP4_BASE64, mimeType: 'video/mp4' } }],
    });
  });

  it('data: sends a gs:// URL by reference and bytes inline', async () => {
    await vertex().doStart(
      options({
        sourceVideo: { operation: 'extend', video: { type: 'url', url: 'gs://bucket/in.mp4', mediaType: 'video/mp4' } },
      }),
    );
    expect(server.calls[0].requestBodyJson).toMatchObject({
      instances: [{ video: { gcsUri: 'gs://bucket/in.mp4', mimeType: 'video/mp4' } }],
    });
    await vertex().doStart(
      options({ sourceVideo: { operation: 'extend', video: { type: 'file', mediaType: 'video/mp4', data: MP4 } } }),
    );
    expect(server.calls[1].requestBodyJson).toMatchObject({
      instances: [{ video: { bytesBase64Encoded: MP4_BASE64, mimeType: 'video/mp4' } }],
    });
  });
});

describe('doGetDownloadUrl', () => {
  it('is undefined: Gemini file URIs need the key, Vertex gs:// objects a token', async () => {
    await expect(google().doGetDownloadUrl({ operation: { name: OPERATION_NAME } })).resolves.toBeUndefined();
    await expect(vertex().doGetDownloadUrl({ operation: { name: vertexSucceeded.name } })).resolves.toBeUndefined();
    expect(server.calls).toHaveLength(0);
  });

  it('refuses an operation that is not this API’s', async () => {
    await expect(google().doGetDownloadUrl({ operation: { id: 'x' } })).rejects.toThrow(InvalidArgumentError);
  });
});
