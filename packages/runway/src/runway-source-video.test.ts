import {
  InvalidArgumentError,
  type VideoJob,
  type VideoModelV3CallOptions,
  type VideoModelV3SourceVideo,
} from '@videogen/provider-spec';
import { convertUint8ArrayToBase64 } from '@ai-sdk/provider-utils';
import { createCallOptions, createTestServer } from '@videogen/provider-utils/test';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createRunway } from './runway-provider';

vi.mock('./version', () => ({ VERSION: '0.0.0-test' }));

const BASE_URL = 'https://api.dev.runwayml.com';
const API_KEY = `key_${'cd'.repeat(64)}`;
const SOURCE_TASK = '11111111-2222-4333-8444-555555555555';
const NEW_TASK = '3f2a7c9e-1b4d-4e8f-a0c2-5d6e7f8a9b0c';
const SOURCE_OUTPUT = `https://runway-output.example.net/${SOURCE_TASK}.mp4?_jwt=fresh`;
const SOURCE_URL = 'https://cdn.example.com/clip.mp4';
const MP4 = new Uint8Array([0, 0, 0, 24, 102, 116, 121, 112, 105, 115, 111, 109, 0, 0, 2, 0, 105, 115, 111, 109]);
const MP4_DATA_URL = `data:video/mp4;base64,${convertUint8ArrayToBase64(MP4)}`;
const PNG = new Uint8Array([137, 80, 78, 71, 13, 10, 26, 10, 1, 2, 3]);

const succeeded = { id: SOURCE_TASK, status: 'SUCCEEDED', output: [SOURCE_OUTPUT], cost: { credits: 60 } };

const server = createTestServer({
  [`${BASE_URL}/v1/video_to_video`]: {
    response: { type: 'json-value', body: { id: NEW_TASK, estimatedCost: { credits: 75 } } },
  },
  [`${BASE_URL}/v1/tasks/:id`]: { response: { type: 'json-value', body: succeeded } },
});

const runway = createRunway({ apiKey: API_KEY });

const job: VideoJob = {
  specificationVersion: 'v3',
  provider: 'runway.video',
  modelId: 'gen4.5',
  operation: { id: SOURCE_TASK },
};

function start(
  modelId: string,
  sourceVideo: VideoModelV3SourceVideo,
  overrides: Partial<VideoModelV3CallOptions> = {},
) {
  return runway(modelId).doStart({
    ...createCallOptions({ prompt: 'Make it snow' }),
    sourceVideo,
    ...overrides,
  });
}

afterEach(() => vi.useRealTimers());

describe('sourceVideo (video-to-video and edit on POST /v1/video_to_video)', () => {
  it('restyles a URL with aleph2: the URL as videoUri, with the key and the version header', async () => {
    const result = await start('aleph2', { operation: 'video-to-video', video: { type: 'url', url: SOURCE_URL } });
    expect(server.calls).toHaveLength(1);
    const call = server.calls[0];
    expect(call.requestMethod).toBe('POST');
    expect(call.requestUrl).toBe(`${BASE_URL}/v1/video_to_video`);
    expect(call.requestHeaders.authorization).toBe(`Bearer ${API_KEY}`);
    expect(call.requestHeaders['x-runway-version']).toBe('2024-11-06');
    expect(call.requestHeaders['content-type']).toBe('application/json');
    expect(call.requestBodyJson).toStrictEqual({ model: 'aleph2', promptText: 'Make it snow', videoUri: SOURCE_URL });
    expect(result.operation).toStrictEqual({ id: NEW_TASK });
    expect(result.providerMetadata).toStrictEqual({
      runway: { taskId: NEW_TASK, endpoint: 'video_to_video', estimatedCredits: 75 },
    });
  });

  it('edits bytes with gen4_aleph as a data: URI, and bytes as base64 the same', async () => {
    await start('gen4_aleph', { operation: 'edit', video: { type: 'file', data: MP4, mediaType: 'video/mp4' } });
    await start('gen4_aleph', {
      operation: 'edit',
      video: { type: 'file', data: convertUint8ArrayToBase64(MP4), mediaType: 'video/mp4' },
    });
    expect(server.calls.map((call) => call.requestBodyJson)).toStrictEqual([
      { model: 'gen4_aleph', promptText: 'Make it snow', videoUri: MP4_DATA_URL },
      { model: 'gen4_aleph', promptText: 'Make it snow', videoUri: MP4_DATA_URL },
    ]);
  });

  it('takes a Runway job’s fresh output URL (one task request), without uploading the video beside it', async () => {
    await start('aleph2', {
      operation: 'edit',
      job,
      video: { type: 'file', data: MP4, mediaType: 'video/mp4' },
    });
    expect(server.calls.map((call) => `${call.requestMethod} ${call.requestUrl}`)).toStrictEqual([
      `GET ${BASE_URL}/v1/tasks/${SOURCE_TASK}`,
      `POST ${BASE_URL}/v1/video_to_video`,
    ]);
    expect(server.calls[1].requestBodyJson).toStrictEqual({
      model: 'aleph2',
      promptText: 'Make it snow',
      videoUri: SOURCE_OUTPUT,
    });
  });

  it('edits with aleph2 without a prompt (optional there), and warns for the duration it follows from the input', async () => {
    const result = await start(
      'aleph2',
      { operation: 'video-to-video', video: { type: 'url', url: SOURCE_URL } },
      { prompt: undefined, duration: 5 },
    );
    expect(server.calls[0].requestBodyJson).toStrictEqual({ model: 'aleph2', videoUri: SOURCE_URL });
    expect(result.warnings).toStrictEqual([expect.objectContaining({ type: 'unsupported', feature: 'duration' })]);
  });

  it('keeps providerOptions.runway.videoUri working, and refuses it together with sourceVideo', async () => {
    await runway('aleph2').doStart({
      ...createCallOptions({ prompt: 'Rain' }),
      providerOptions: { runway: { videoUri: SOURCE_URL } },
    });
    expect(server.calls[0].requestBodyJson).toStrictEqual({
      model: 'aleph2',
      promptText: 'Rain',
      videoUri: SOURCE_URL,
    });
    server.calls.length = 0;
    const error = await start(
      'aleph2',
      { operation: 'edit', video: { type: 'url', url: SOURCE_URL } },
      { providerOptions: { runway: { videoUri: SOURCE_URL } } },
    ).catch((caught: unknown) => caught);
    expect(InvalidArgumentError.isInstance(error)).toBe(true);
    expect((error as Error).message).toMatch(/not both/);
    expect(server.calls).toHaveLength(0);
  });

  it.each([
    [
      'a model without video-to-video',
      'gen4.5',
      { operation: 'video-to-video', video: { type: 'url', url: SOURCE_URL } },
      /cannot restyle \(video-to-video\) a video; it takes no source video/,
    ],
    [
      'an operation Runway has not (extend)',
      'aleph2',
      { operation: 'extend', video: { type: 'url', url: SOURCE_URL } },
      /cannot extend a video \(operations it supports: video-to-video, edit\)/,
    ],
    [
      'bytes that are not a video',
      'aleph2',
      { operation: 'edit', video: { type: 'file', data: PNG, mediaType: 'image/png' } },
      /sourceVideo is not a video: its bytes are image\/png/,
    ],
    [
      'a file over 32 MB',
      'aleph2',
      {
        operation: 'edit',
        video: {
          type: 'file',
          data: (() => {
            const big = new Uint8Array(32 * 1024 * 1024 + 1);
            big.set(MP4);
            return big;
          })(),
          mediaType: 'video/mp4',
        },
      },
      /at most 33554432 bytes; got 33554433/,
    ],
    [
      'a job of another provider without the video',
      'aleph2',
      { operation: 'edit', job: { ...job, provider: 'kling.video' } },
      /The job is from kling.video, not runway.video; pass the video itself/,
    ],
  ] as const)('refuses %s before any request', async (_label, modelId, sourceVideo, message) => {
    const error = await start(modelId, sourceVideo as VideoModelV3SourceVideo).catch((caught: unknown) => caught);
    expect(InvalidArgumentError.isInstance(error)).toBe(true);
    expect((error as Error).message).toMatch(message);
    expect(server.calls).toHaveLength(0);
  });

  it('refuses gen4_aleph without a prompt (required there)', async () => {
    const error = await start(
      'gen4_aleph',
      { operation: 'edit', video: { type: 'url', url: SOURCE_URL } },
      { prompt: undefined },
    ).catch((caught: unknown) => caught);
    expect((error as Error).message).toMatch(/needs a text prompt to edit a video/);
    expect(server.calls).toHaveLength(0);
  });

  it('refuses a job that has not succeeded, after its task request and without creating a task', async () => {
    server.urls[`${BASE_URL}/v1/tasks/:id`].response = {
      type: 'json-value',
      body: { id: SOURCE_TASK, status: 'RUNNING', progress: 0.5 },
    };
    const error = await start('aleph2', { operation: 'edit', job }).catch((caught: unknown) => caught);
    expect(InvalidArgumentError.isInstance(error)).toBe(true);
    expect((error as Error).message).toMatch(/is pending; Runway edits the output of a SUCCEEDED task/);
    expect(server.calls.map((call) => call.requestMethod)).toStrictEqual(['GET']);
  });
});

describe('doDelete', () => {
  it('sends DELETE /v1/tasks/{id} with the key, and resolves for a task that is already gone (404)', async () => {
    server.urls[`${BASE_URL}/v1/tasks/:id`].response = { type: 'empty', status: 204 };
    await runway('aleph2').doDelete({ operation: { id: SOURCE_TASK } });
    expect(server.calls[0].requestMethod).toBe('DELETE');
    expect(server.calls[0].requestUrl).toBe(`${BASE_URL}/v1/tasks/${SOURCE_TASK}`);
    expect(server.calls[0].requestHeaders.authorization).toBe(`Bearer ${API_KEY}`);
    expect(server.calls[0].requestHeaders['x-runway-version']).toBe('2024-11-06');

    server.urls[`${BASE_URL}/v1/tasks/:id`].response = {
      type: 'error',
      status: 404,
      body: JSON.stringify({ error: 'Task not found.' }),
    };
    await expect(runway('aleph2').doDelete({ operation: { id: SOURCE_TASK } })).resolves.toBeUndefined();
  });

  it('rejects with Runway’s error for anything else, and refuses a malformed operation without a request', async () => {
    server.urls[`${BASE_URL}/v1/tasks/:id`].response = {
      type: 'error',
      status: 500,
      body: JSON.stringify({ error: 'Internal server error.' }),
    };
    await expect(runway('aleph2').doDelete({ operation: { id: SOURCE_TASK } })).rejects.toMatchObject({
      statusCode: 500,
    });
    server.calls.length = 0;
    await expect(runway('aleph2').doDelete({ operation: { id: '../x' } })).rejects.toSatisfy((error) =>
      InvalidArgumentError.isInstance(error),
    );
    expect(server.calls).toHaveLength(0);
  });
});

describe('doGetDownloadUrl', () => {
  const jwt = (claims: Record<string, unknown>) =>
    `eyJhbGciOiJIUzI1NiJ9.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.c2ln`;

  it('returns the fresh signed output URL with the exp of its _jwt token', async () => {
    const url = `https://dnznrvs05pmza.cloudfront.net/out/${SOURCE_TASK}.mp4?_jwt=${jwt({ exp: 1800000000 })}`;
    server.urls[`${BASE_URL}/v1/tasks/:id`].response = {
      type: 'json-value',
      body: { ...succeeded, output: [url] },
    };
    expect(await runway('gen4.5').doGetDownloadUrl({ operation: { id: SOURCE_TASK } })).toStrictEqual({
      url,
      mediaType: 'video/mp4',
      expiresAt: new Date(1800000000 * 1000),
    });
    expect(server.calls[0].requestUrl).toBe(`${BASE_URL}/v1/tasks/${SOURCE_TASK}`);
  });

  it('without a readable token, expires 24 hours after the task was read (the short end of Runway’s 24–48 h)', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-12-01T10:00:00Z'));
    const link = await runway('gen4.5').doGetDownloadUrl({ operation: { id: SOURCE_TASK } });
    expect(link).toStrictEqual({
      url: SOURCE_OUTPUT,
      mediaType: 'video/mp4',
      expiresAt: new Date('2026-12-02T10:00:00Z'),
    });
  });

  it('refuses a task that has not succeeded and an index without output', async () => {
    await expect(runway('gen4.5').doGetDownloadUrl({ operation: { id: SOURCE_TASK }, index: 1 })).rejects.toThrow(
      /has no output at index 1/,
    );
    server.urls[`${BASE_URL}/v1/tasks/:id`].response = {
      type: 'json-value',
      body: { id: SOURCE_TASK, status: 'PENDING' },
    };
    await expect(runway('gen4.5').doGetDownloadUrl({ operation: { id: SOURCE_TASK } })).rejects.toThrow(
      /is PENDING; a download link needs a SUCCEEDED task/,
    );
  });
});

describe('listVideoModels', () => {
  it('lists the known models with the capabilities each model reports (static: Runway lists no models)', async () => {
    const catalog = await runway.listVideoModels();
    expect(catalog.map((entry) => entry.modelId)).toStrictEqual([
      'gen4.5',
      'gen4_turbo',
      'veo3.1',
      'veo3.1_fast',
      'aleph2',
      'gen3a_turbo',
      'veo3',
      'gen4_aleph',
    ]);
    const aleph2 = catalog.find((entry) => entry.modelId === 'aleph2');
    expect(aleph2).toStrictEqual({
      modelId: 'aleph2',
      provider: 'runway.video',
      capabilities: runway('aleph2').capabilities,
      source: 'static',
    });
    expect(aleph2?.capabilities.sourceVideo).toStrictEqual([
      { operation: 'video-to-video', origins: ['job', 'url', 'data'], maxBytes: 33554432, requiresPrompt: false },
      { operation: 'edit', origins: ['job', 'url', 'data'], maxBytes: 33554432, requiresPrompt: false },
    ]);
    expect(catalog.find((entry) => entry.modelId === 'gen4.5')?.capabilities.sourceVideo).toBeUndefined();
    expect(server.calls).toHaveLength(0);
  });
});
