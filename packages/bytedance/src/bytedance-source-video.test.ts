import { InvalidArgumentError, type VideoJob } from '@videogen/provider-spec';
import { createCallOptions, createTestServer } from '@videogen/provider-utils/test';
import { describe, expect, it, vi } from 'vitest';
import created from './__fixtures__/bytedance-task-created.json';
import { createByteDance } from './bytedance-provider';

vi.mock('./version', () => ({ VERSION: '0.0.0-test' }));

const API_KEY = 'ark-TEST-distinctive-key-5c1e8a';
const TASKS = 'https://ark.ap-southeast.bytepluses.com/api/v3/contents/generations/tasks';
const SOURCE_URL = 'https://cdn.example.com/clip.mp4';
const MP4 = new Uint8Array([0, 0, 0, 0x18, 0x66, 0x74, 0x79, 0x70, 0x69, 0x73, 0x6f, 0x6d, 7, 7]);
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);

const server = createTestServer({ [TASKS]: { response: { type: 'json-value', body: created } } });

function model(modelId = 'dreamina-seedance-2-0-260128') {
  return createByteDance({ apiKey: API_KEY }).video(modelId);
}

function job(id: string, provider = 'bytedance.video'): VideoJob {
  return { specificationVersion: 'v3', provider, modelId: 'seedance-1-5-pro-251215', operation: { id } };
}

describe('sourceVideo capabilities', () => {
  it('Seedance 2.x extends and edits a URL; 1.5 pro remixes (renders in full) its own draft job; 1.0 has none', () => {
    const limits = {
      origins: ['url'],
      maxDuration: 15,
      maxBytes: 50 * 1024 * 1024,
      mediaTypes: ['video/mp4', 'video/quicktime'],
    };
    expect(model().capabilities.sourceVideo).toStrictEqual([
      { operation: 'extend', ...limits },
      { operation: 'edit', ...limits },
    ]);
    expect(model('dreamina-seedance-2-0-fast-260128').capabilities.sourceVideo).toHaveLength(2);
    expect(model('seedance-1-5-pro-251215').capabilities.sourceVideo).toStrictEqual([
      { operation: 'remix', origins: ['job'], requiresPrompt: false },
    ]);
    expect(model('seedance-1-0-pro-250528').capabilities.sourceVideo).toBeUndefined();
  });
});

describe('sourceVideo requests', () => {
  it.each(['extend', 'edit'] as const)(
    '%s: POST /contents/generations/tasks with the URL as video 1 (video_url, role reference_video)',
    async (operation) => {
      const result = await model().doStart(
        createCallOptions({
          prompt: 'Extend video 1: the boat sails into the sunset',
          duration: 5,
          sourceVideo: { operation, video: { type: 'url', url: SOURCE_URL } },
        }),
      );
      expect(server.calls).toHaveLength(1);
      const call = server.calls[0];
      expect(call.requestMethod).toBe('POST');
      expect(call.requestUrl).toBe(TASKS);
      expect(call.requestHeaders.authorization).toBe(`Bearer ${API_KEY}`);
      expect(call.requestHeaders['content-type']).toBe('application/json');
      expect(call.requestBodyJson).toStrictEqual({
        model: 'dreamina-seedance-2-0-260128',
        content: [
          { type: 'text', text: 'Extend video 1: the boat sails into the sunset' },
          { type: 'video_url', video_url: { url: SOURCE_URL }, role: 'reference_video' },
        ],
        duration: 5,
      });
      expect(result.operation).toStrictEqual({ id: created.id });
    },
  );

  it('uses the URL when core passes both the job and its video, and puts the source before other references', async () => {
    await model().doStart(
      createCallOptions({
        prompt: 'In video 1, make it snow; keep the style of image 1',
        inputReferences: [{ type: 'url', url: 'https://cdn.example.com/style.png', mediaType: 'image/png' }],
        sourceVideo: { operation: 'edit', job: job('cgt-1'), video: { type: 'url', url: SOURCE_URL } },
      }),
    );
    expect(server.calls[0].requestBodyJson).toMatchObject({
      content: [
        { type: 'text' },
        { type: 'video_url', video_url: { url: SOURCE_URL }, role: 'reference_video' },
        { type: 'image_url', image_url: { url: 'https://cdn.example.com/style.png' }, role: 'reference_image' },
      ],
    });
  });

  it('remix on Seedance 1.5 pro: the draft job id as a draft_task item, no prompt needed', async () => {
    await model('seedance-1-5-pro-251215').doStart(
      createCallOptions({ prompt: undefined, sourceVideo: { operation: 'remix', job: job('cgt-20261204-draft1') } }),
    );
    expect(server.calls[0].requestBodyJson).toStrictEqual({
      model: 'seedance-1-5-pro-251215',
      content: [{ type: 'draft_task', draft_task: { id: 'cgt-20261204-draft1' } }],
    });
  });

  it('refuses, before any request: an operation the model lacks, bytes, another provider job, frames, both draft ways', async () => {
    const refusals: Array<[string, Parameters<ReturnType<typeof model>['doStart']>[0], RegExp]> = [
      [
        'seedance-1-0-pro-250528',
        createCallOptions({
          prompt: 'p',
          sourceVideo: { operation: 'extend', video: { type: 'url', url: SOURCE_URL } },
        }),
        /cannot extend a video; it takes no source video/,
      ],
      [
        'dreamina-seedance-2-0-260128',
        createCallOptions({
          prompt: 'p',
          sourceVideo: { operation: 'video-to-video', video: { type: 'url', url: SOURCE_URL } },
        }),
        /operations it supports: extend, edit/,
      ],
      [
        'dreamina-seedance-2-0-260128',
        createCallOptions({
          prompt: 'p',
          sourceVideo: { operation: 'extend', video: { type: 'file', data: MP4, mediaType: 'video/mp4' } },
        }),
        /public http\(s\) URL; got bytes/,
      ],
      [
        'dreamina-seedance-2-0-260128',
        createCallOptions({ prompt: 'p', sourceVideo: { operation: 'extend', job: job('cgt-1') } }),
        /cannot extend from a job id/,
      ],
      [
        'seedance-1-5-pro-251215',
        createCallOptions({ sourceVideo: { operation: 'remix', job: job('x', 'luma.video') } }),
        /The job is from luma\.video/,
      ],
      [
        'dreamina-seedance-2-0-260128',
        createCallOptions({
          prompt: 'p',
          image: { type: 'file', data: PNG, mediaType: 'image/png' },
          sourceVideo: { operation: 'extend', video: { type: 'url', url: SOURCE_URL } },
        }),
        /not with a first or last frame/,
      ],
      [
        'dreamina-seedance-2-0-260128',
        createCallOptions({
          prompt: undefined,
          sourceVideo: { operation: 'edit', video: { type: 'url', url: SOURCE_URL } },
        }),
        /needs a text prompt to edit/,
      ],
      [
        'seedance-1-5-pro-251215',
        createCallOptions({
          sourceVideo: { operation: 'remix', job: job('cgt-1') },
          providerOptions: { bytedance: { draftTaskId: 'cgt-2' } },
        }),
        /not both/,
      ],
      [
        'dreamina-seedance-2-0-260128',
        createCallOptions({
          prompt: 'p',
          sourceVideo: { operation: 'extend', video: { type: 'url', url: 'data:video/webm;base64,GkXfow==' } },
        }),
        /got a data: URL/,
      ],
    ];
    for (const [modelId, options, message] of refusals) {
      const error = await model(modelId)
        .doStart(options)
        .catch((caught: unknown) => caught);
      expect(InvalidArgumentError.isInstance(error), `${message}: ${String(error)}`).toBe(true);
      expect((error as Error).message).toMatch(message);
    }
    expect(server.calls).toHaveLength(0);
  });
});
