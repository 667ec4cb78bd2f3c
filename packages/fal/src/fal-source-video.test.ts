import { InvalidArgumentError, type VideoJob, type VideoModelV3StartOptions } from '@videogen/provider-spec';
import { createCallOptions, createTestServer } from '@videogen/provider-utils/test';
import { describe, expect, it, vi } from 'vitest';
import resultFixture from './__fixtures__/fal-video-result.json';
import statusCompletedFixture from './__fixtures__/fal-video-status-completed.json';
import statusInQueueFixture from './__fixtures__/fal-video-status-in-queue.json';
import submitFixture from './__fixtures__/fal-video-submit.json';
import { createFal } from './fal-provider';
import type { FalVideoModel } from './fal-video-model';

vi.mock('./version', () => ({ VERSION: '0.0.0-test' }));

const BASE = 'https://queue.fal.run';
const API_KEY = 'fal-test-key-0123456789';
const REQUEST_ID = submitFixture.request_id;
const EXTEND = 'fal-ai/veo3.1/extend-video';
const EDIT = 'fal-ai/kling-video/o1/video-to-video/edit';
const SOURCE_URL = 'https://v3.fal.media/files/rabbit/source.mp4';
const MP4 = new Uint8Array([0, 0, 0, 0x18, 0x66, 0x74, 0x79, 0x70, 0x69, 0x73, 0x6f, 0x6d, 7, 7]);
const MP4_BASE64 = 'AAAAGGZ0eXBpc29tBwc=';
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);

let statusBody: unknown = statusCompletedFixture;

const server = createTestServer({
  [`${BASE}/:owner/:app/requests/:id/status`]: {
    response: () => ({
      type: 'json-value',
      status: statusBody === statusCompletedFixture ? 200 : 202,
      body: statusBody,
    }),
  },
  [`${BASE}/:owner/:app/requests/:id`]: { response: { type: 'json-value', body: resultFixture } },
  [`${BASE}/*`]: { response: { type: 'json-value', body: submitFixture } },
});

function model(endpointId: string = EXTEND) {
  return createFal({ apiKey: API_KEY }).video(endpointId) as FalVideoModel;
}

function options(overrides: Partial<VideoModelV3StartOptions>): VideoModelV3StartOptions {
  return createCallOptions({ prompt: 'The fox turns and runs into the forest', ...overrides });
}

const falJob: VideoJob = {
  specificationVersion: 'v3',
  provider: 'fal.video',
  modelId: 'fal-ai/veo3.1',
  operation: { requestId: REQUEST_ID, endpointId: 'fal-ai/veo3.1' },
};

async function refusal(promise: Promise<unknown>) {
  const error = await promise.catch((caught: unknown) => caught);
  expect(InvalidArgumentError.isInstance(error)).toBe(true);
  expect(server.calls).toHaveLength(0);
  return error as InvalidArgumentError;
}

describe('capabilities.sourceVideo', () => {
  it('declares extend on the Veo 3.1 extend endpoints and edit on Kling O1 video-to-video edit', () => {
    expect(model(EXTEND).capabilities).toMatchObject({
      durations: [7],
      aspectRatios: ['16:9', '9:16'],
      sourceVideo: [{ operation: 'extend', origins: ['url', 'data'], maxDuration: 8, durations: [7] }],
    });
    expect(model('fal-ai/veo3.1/fast/extend-video').capabilities.sourceVideo).toStrictEqual(
      model(EXTEND).capabilities.sourceVideo,
    );
    expect(model(EDIT).capabilities.sourceVideo).toStrictEqual([
      {
        operation: 'edit',
        origins: ['url', 'data'],
        maxDuration: 10,
        maxBytes: 200 * 1024 * 1024,
        mediaTypes: ['video/mp4', 'video/quicktime'],
      },
    ]);
    expect(model('fal-ai/kling-video/o1/standard/video-to-video/edit').capabilities.sourceVideo).toHaveLength(1);
    expect(model('fal-ai/veo3.1').capabilities.sourceVideo).toBeUndefined();
  });
});

describe('extend (fal-ai/veo3.1/extend-video)', () => {
  it('url: sends video_url as given, to the full endpoint id', async () => {
    const result = await model().doStart(
      options({
        duration: 7,
        aspectRatio: 'adaptive',
        sourceVideo: { operation: 'extend', video: { type: 'url', url: SOURCE_URL } },
      }),
    );
    expect(server.calls).toHaveLength(1);
    const call = server.calls[0];
    expect(call.requestMethod).toBe('POST');
    expect(call.requestUrl).toBe(`${BASE}/${EXTEND}`);
    expect(call.requestHeaders.authorization).toBe(`Key ${API_KEY}`);
    expect(call.requestHeaders['content-type']).toBe('application/json');
    expect(call.requestHeaders['x-fal-queue-priority']).toBe('normal');
    expect(call.requestBodyJson).toStrictEqual({
      prompt: 'The fox turns and runs into the forest',
      video_url: SOURCE_URL,
      duration: '7s',
      aspect_ratio: 'auto',
    });
    expect(result.operation).toMatchObject({ requestId: REQUEST_ID, endpointId: EXTEND });
  });

  it('data: sends bytes as a data: URI in video_url', async () => {
    await model().doStart(
      options({ sourceVideo: { operation: 'extend', video: { type: 'file', mediaType: 'video/mp4', data: MP4 } } }),
    );
    expect(server.calls[0].requestBodyJson).toStrictEqual({
      prompt: 'The fox turns and runs into the forest',
      video_url: `data:video/mp4;base64,${MP4_BASE64}`,
    });
  });

  it("a fal job with its video: sends the video's URL (fal's endpoints take no request id)", async () => {
    await model().doStart(
      options({ sourceVideo: { operation: 'extend', job: falJob, video: { type: 'url', url: SOURCE_URL } } }),
    );
    expect(server.calls[0].requestBodyJson).toMatchObject({ video_url: SOURCE_URL });
  });

  it('keeps the provider-specific way: providerOptions.fal.input.video_url', async () => {
    await model().doStart(options({ providerOptions: { fal: { input: { video_url: SOURCE_URL } } } }));
    expect(server.calls[0].requestBodyJson).toStrictEqual({
      prompt: 'The fox turns and runs into the forest',
      video_url: SOURCE_URL,
    });
  });

  it('maps the result (the extended video)', async () => {
    const m = model();
    const started = await m.doStart(
      options({ sourceVideo: { operation: 'extend', video: { type: 'url', url: SOURCE_URL } } }),
    );
    const status = await m.doStatus({ operation: started.operation });
    expect(status).toMatchObject({ status: 'completed', videos: [{ type: 'url', url: resultFixture.video.url }] });
  });
});

describe('edit (fal-ai/kling-video/o1/video-to-video/edit)', () => {
  it('sends video_url and reference images as image_urls', async () => {
    await model(EDIT).doStart(
      options({
        prompt: 'Make it snow, in the style of @Image1',
        sourceVideo: { operation: 'edit', video: { type: 'url', url: SOURCE_URL, mediaType: 'video/mp4' } },
        inputReferences: [{ type: 'url', url: 'https://images.example.com/style.png', mediaType: 'image/png' }],
      }),
    );
    expect(server.calls[0].requestUrl).toBe(`${BASE}/${EDIT}`);
    expect(server.calls[0].requestBodyJson).toStrictEqual({
      prompt: 'Make it snow, in the style of @Image1',
      image_urls: ['https://images.example.com/style.png'],
      video_url: SOURCE_URL,
    });
  });

  it('takes a QuickTime file as a data: URI', async () => {
    const mov = new Uint8Array([0, 0, 0, 0x14, 0x66, 0x74, 0x79, 0x70, 0x71, 0x74, 0x20, 0x20, 0, 0]);
    await model(EDIT).doStart(
      options({ sourceVideo: { operation: 'edit', video: { type: 'file', mediaType: 'video/quicktime', data: mov } } }),
    );
    expect(server.calls[0].requestBodyJson.video_url).toMatch(/^data:video\/quicktime;base64,/);
  });
});

describe('refusals before anything is paid for', () => {
  it.each([
    [
      'a text-to-video endpoint',
      'fal-ai/veo3.1',
      { operation: 'extend' as const, video: { type: 'url' as const, url: SOURCE_URL } },
      /takes no source video/,
    ],
    [
      'an unknown endpoint (use providerOptions.fal.input)',
      'fal-ai/some/new-model',
      { operation: 'extend' as const, video: { type: 'url' as const, url: SOURCE_URL } },
      /takes no source video/,
    ],
    [
      'an operation the endpoint has not',
      EXTEND,
      { operation: 'edit' as const, video: { type: 'url' as const, url: SOURCE_URL } },
      /cannot edit a video \(operations it supports: extend\)/,
    ],
    ['a job without its video', EXTEND, { operation: 'extend' as const, job: falJob }, /cannot extend from a job id/],
    [
      'bytes that are no video',
      EXTEND,
      { operation: 'extend' as const, video: { type: 'file' as const, mediaType: 'image/png', data: PNG } },
      /not a video/,
    ],
    [
      'a WebM file where MP4 / QuickTime are taken',
      EDIT,
      {
        operation: 'edit' as const,
        video: { type: 'url' as const, url: 'https://x.example.com/a.webm', mediaType: 'video/webm' },
      },
      /video\/mp4, video\/quicktime; got video\/webm/,
    ],
  ])('refuses %s', async (_name, endpointId, sourceVideo, message) => {
    const error = await refusal(model(endpointId).doStart(options({ sourceVideo })));
    expect(error.argument).toBe('sourceVideo');
    expect(error.message).toMatch(message);
  });

  it('refuses sourceVideo together with providerOptions.fal.input.video_url', async () => {
    const error = await refusal(
      model().doStart(
        options({
          sourceVideo: { operation: 'extend', video: { type: 'url', url: SOURCE_URL } },
          providerOptions: { fal: { input: { video_url: SOURCE_URL } } },
        }),
      ),
    );
    expect(error.message).toMatch(/not both/);
  });

  it('refuses an extend endpoint without a source video', async () => {
    const error = await refusal(model().doStart(options({})));
    expect(error.message).toMatch(/works on a video: pass sourceVideo \{ operation: 'extend'/);
  });

  it('refuses a duration the extension does not add (7 s only)', async () => {
    const error = await refusal(
      model().doStart(
        options({ duration: 8, sourceVideo: { operation: 'extend', video: { type: 'url', url: SOURCE_URL } } }),
      ),
    );
    expect(error.argument).toBe('duration');
  });

  it('refuses an edit without a prompt', async () => {
    const error = await refusal(
      model(EDIT).doStart(
        options({ prompt: '', sourceVideo: { operation: 'edit', video: { type: 'url', url: SOURCE_URL } } }),
      ),
    );
    expect(error.argument).toBe('prompt');
  });
});

describe('doGetDownloadUrl', () => {
  it("returns the result's public CDN URL, read with the key from the queue only", async () => {
    const link = await model().doGetDownloadUrl({ operation: { requestId: REQUEST_ID, endpointId: EXTEND } });
    expect(link).toStrictEqual({ url: resultFixture.video.url, mediaType: 'video/mp4' });
    expect(server.calls.map((call) => `${call.requestMethod} ${call.requestUrl}`)).toStrictEqual([
      `GET ${BASE}/fal-ai/veo3.1/requests/${REQUEST_ID}/status?logs=0`,
      `GET ${BASE}/fal-ai/veo3.1/requests/${REQUEST_ID}`,
    ]);
  });

  it('refuses a request that has not completed, and an index out of range', async () => {
    statusBody = statusInQueueFixture;
    try {
      await expect(
        model().doGetDownloadUrl({ operation: { requestId: REQUEST_ID, endpointId: EXTEND } }),
      ).rejects.toThrow('The fal request has no video yet: it is still running.');
    } finally {
      statusBody = statusCompletedFixture;
    }
    await expect(
      model().doGetDownloadUrl({ operation: { requestId: REQUEST_ID, endpointId: EXTEND }, index: 1 }),
    ).rejects.toThrow('The fal request has 1 video(s); index 1 does not exist.');
  });
});

describe('listVideoModels', () => {
  it("lists the package's endpoint table with each model's capabilities (static: fal's queue API lists none)", async () => {
    const catalog = await createFal({ apiKey: API_KEY }).listVideoModels();
    expect(catalog.every((entry) => entry.provider === 'fal.video' && entry.source === 'static')).toBe(true);
    expect(catalog.find((entry) => entry.modelId === EXTEND)).toStrictEqual({
      modelId: EXTEND,
      provider: 'fal.video',
      capabilities: model(EXTEND).capabilities,
      source: 'static',
    });
    expect(catalog.map((entry) => entry.modelId)).toContain('fal-ai/kling-video/v2.6/pro/image-to-video');
    expect(server.calls).toHaveLength(0);
  });
});
