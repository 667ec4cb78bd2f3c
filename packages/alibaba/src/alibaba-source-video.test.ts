import { InvalidArgumentError, type VideoJob, type VideoModelV3StartOptions } from '@videogen/provider-spec';
import { createCallOptions, createTestServer } from '@videogen/provider-utils/test';
import { describe, expect, it, vi } from 'vitest';
import createResponse from './__fixtures__/alibaba-create.json';
import { createAlibaba } from './alibaba-provider';

vi.mock('./version', () => ({ VERSION: '0.0.0-test' }));

const API_KEY = 'sk-TEST-distinctive-dashscope-key-41c2';
const CREATE_URL = 'https://dashscope-intl.aliyuncs.com/api/v1/services/aigc/video-generation/video-synthesis';
const SOURCE_URL = 'https://dashscope-result-sh.oss-accelerate.aliyuncs.com/1d/source.mp4?Expires=1796466000';
const MP4 = new Uint8Array([0, 0, 0, 0x18, 0x66, 0x74, 0x79, 0x70, 0x69, 0x73, 0x6f, 0x6d, 7, 7]);

const server = createTestServer({ [CREATE_URL]: { response: { type: 'json-value', body: createResponse } } });

const model = (modelId: string) => createAlibaba({ apiKey: API_KEY }).video(modelId);
const job: VideoJob = {
  specificationVersion: 'v3',
  provider: 'alibaba.video',
  modelId: 'wan2.6-t2v',
  operation: { taskId: '5f1c2f7e-7b4e-4c1a-9d61-2a1b3c4d5e6f' },
};

describe('sourceVideo capabilities', () => {
  it('wan2.7-videoedit edits and wan2.7-i2v extends a video by URL; the other models take none', () => {
    expect(model('wan2.7-videoedit').capabilities.sourceVideo).toStrictEqual([
      {
        operation: 'edit',
        origins: ['url'],
        maxDuration: 10,
        maxBytes: 100 * 1024 * 1024,
        mediaTypes: ['video/mp4', 'video/quicktime'],
      },
    ]);
    expect(model('wan2.7-i2v').capabilities.sourceVideo).toStrictEqual([
      {
        operation: 'extend',
        origins: ['url'],
        maxDuration: 10,
        mediaTypes: ['video/mp4', 'video/quicktime'],
        durations: { min: 2, max: 15 },
      },
    ]);
    for (const id of ['wan2.6-t2v', 'wan2.6-i2v', 'wan2.6-r2v', 'wan2.7-r2v', 'wan3.0-video']) {
      expect(model(id).capabilities.sourceVideo, id).toBeUndefined();
    }
  });
});

describe('sourceVideo requests', () => {
  it('edit (wan2.7-videoedit): POST video-synthesis with X-DashScope-Async and the URL as the video media item', async () => {
    const result = await model('wan2.7-videoedit').doStart(
      createCallOptions({
        prompt: 'Make it snow',
        inputReferences: [{ type: 'url', url: 'https://example.com/style.png' }],
        sourceVideo: { operation: 'edit', job, video: { type: 'url', url: SOURCE_URL } },
      }),
    );
    const call = server.calls[0];
    expect(call.requestMethod).toBe('POST');
    expect(call.requestUrl).toBe(CREATE_URL);
    expect(call.requestHeaders.authorization).toBe(`Bearer ${API_KEY}`);
    expect(call.requestHeaders['x-dashscope-async']).toBe('enable');
    expect(call.requestHeaders['x-dashscope-ossresourceresolve']).toBeUndefined();
    expect(call.requestBodyJson).toStrictEqual({
      model: 'wan2.7-videoedit',
      input: {
        prompt: 'Make it snow',
        media: [
          { type: 'video', url: SOURCE_URL },
          { type: 'reference_image', url: 'https://example.com/style.png' },
        ],
      },
      parameters: {},
    });
    expect(result.operation).toStrictEqual({ taskId: createResponse.output.task_id });
  });

  it('extend (wan2.7-i2v): the URL as the first_clip media item, duration the total length', async () => {
    await model('wan2.7-i2v').doStart(
      createCallOptions({
        prompt: 'The camera keeps rising',
        duration: 10,
        resolution: '1280x720',
        sourceVideo: { operation: 'extend', video: { type: 'url', url: SOURCE_URL } },
      }),
    );
    expect(server.calls[0].requestBodyJson).toStrictEqual({
      model: 'wan2.7-i2v',
      input: { prompt: 'The camera keeps rising', media: [{ type: 'first_clip', url: SOURCE_URL }] },
      parameters: { resolution: '720P', ratio: '16:9', duration: 10 },
    });
  });

  it('refuses, before any request: the wrong operation or model, bytes, a job alone, both ways at once', async () => {
    const cases: Array<[string, Partial<VideoModelV3StartOptions>, RegExp]> = [
      [
        'wan2.6-t2v',
        { sourceVideo: { operation: 'extend', video: { type: 'url', url: SOURCE_URL } } },
        /cannot extend a video; it takes no source video/,
      ],
      [
        'wan2.7-videoedit',
        { sourceVideo: { operation: 'extend', video: { type: 'url', url: SOURCE_URL } } },
        /operations it supports: edit/,
      ],
      [
        'wan2.7-videoedit',
        { sourceVideo: { operation: 'edit', video: { type: 'file', data: MP4, mediaType: 'video/mp4' } } },
        /public http\(s\) URL; got bytes/,
      ],
      ['wan2.7-i2v', { sourceVideo: { operation: 'extend', job } }, /cannot extend from a job id/],
      [
        'wan2.7-videoedit',
        {
          sourceVideo: { operation: 'edit', video: { type: 'url', url: SOURCE_URL } },
          providerOptions: { alibaba: { videoUrl: 'https://example.com/other.mp4' } },
        },
        /not both/,
      ],
      [
        'wan2.7-i2v',
        {
          sourceVideo: { operation: 'extend', video: { type: 'url', url: SOURCE_URL } },
          providerOptions: { alibaba: { firstClipUrl: 'https://example.com/other.mp4' } },
        },
        /not both/,
      ],
      [
        'wan2.7-videoedit',
        { prompt: undefined, sourceVideo: { operation: 'edit', video: { type: 'url', url: SOURCE_URL } } },
        /needs a text prompt to edit/,
      ],
    ];
    for (const [modelId, options, message] of cases) {
      const error = await model(modelId)
        .doStart(createCallOptions({ prompt: 'p', ...options }))
        .catch((caught: unknown) => caught);
      expect(InvalidArgumentError.isInstance(error), `${message}: ${String(error)}`).toBe(true);
      expect((error as Error).message).toMatch(message);
    }
    expect(server.calls).toHaveLength(0);
  });
});
