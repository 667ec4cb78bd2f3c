import { APICallError } from '@videogen/provider-spec';
import { createTestServer } from '@videogen/provider-utils/test';
import { describe, expect, it, vi } from 'vitest';
import completed from './__fixtures__/openai-video-completed.json';
import deleted from './__fixtures__/openai-video-deleted.json';
import failedModeration from './__fixtures__/openai-video-failed-moderation.json';
import remixQueued from './__fixtures__/openai-video-remix-queued.json';
import { createOpenAI } from './openai-provider';

vi.mock('./version', () => ({ VERSION: '0.0.0-test' }));
// A developer's OPENAI_BASE_URL must not redirect these tests.
vi.stubEnv('OPENAI_BASE_URL', '');

const BASE_URL = 'https://api.openai.com/v1';
const VIDEO_ID = completed.id;

const page1 = {
  object: 'list',
  data: [completed, { ...completed, id: 'video_2' }],
  first_id: VIDEO_ID,
  last_id: 'video_2',
  has_more: true,
};
const page2 = {
  object: 'list',
  data: [failedModeration],
  first_id: failedModeration.id,
  last_id: failedModeration.id,
  has_more: false,
};

const server = createTestServer({
  [`${BASE_URL}/videos`]: {
    response: ({ request }) => ({
      type: 'json-value',
      body: new URL(request.url).searchParams.get('after') === 'video_2' ? page2 : page1,
    }),
  },
  [`${BASE_URL}/videos/:id`]: {
    response: ({ request }) =>
      request.method === 'DELETE'
        ? { type: 'json-value', body: { ...deleted, id: VIDEO_ID } }
        : { type: 'json-value', body: completed },
  },
  [`${BASE_URL}/videos/:id/remix`]: { response: { type: 'json-value', body: remixQueued } },
  [`${BASE_URL}/videos/:id/content`]: {
    response: { type: 'binary', body: new Uint8Array([255, 216, 255]), headers: { 'content-type': 'image/jpeg' } },
  },
});

const provider = createOpenAI({ apiKey: 'sk-test', project: 'proj-1' });

describe('openai.videos', () => {
  it('retrieve: GET /videos/{id}', async () => {
    const video = await provider.videos.retrieve(VIDEO_ID);
    expect(video).toStrictEqual(completed);
    expect(server.calls[0].requestMethod).toBe('GET');
    expect(server.calls[0].requestUrl).toBe(`${BASE_URL}/videos/${VIDEO_ID}`);
    expect(server.calls[0].requestHeaders.authorization).toBe('Bearer sk-test');
    expect(server.calls[0].requestHeaders['openai-project']).toBe('proj-1');
  });

  it('retrieve: passes fields it does not know through', async () => {
    const future = { ...completed, future_field: { quality: 'high' }, error: null };
    server.urls[`${BASE_URL}/videos/:id`].response = { type: 'json-value', body: future };
    expect(await provider.videos.retrieve(VIDEO_ID)).toStrictEqual(future);
  });

  it('delete: DELETE /videos/{id}', async () => {
    const result = await provider.videos.delete(VIDEO_ID);
    expect(result).toStrictEqual({ id: VIDEO_ID, object: 'video.deleted', deleted: true });
    expect(server.calls[0].requestMethod).toBe('DELETE');
    expect(server.calls[0].requestUrl).toBe(`${BASE_URL}/videos/${VIDEO_ID}`);
    expect(server.calls[0].requestHeaders.authorization).toBe('Bearer sk-test');
    expect(server.calls[0].requestHeaders['user-agent']).toMatch(/^videogen\/openai\/0\.0\.0-test/);
  });

  it('delete: an error envelope becomes an APICallError', async () => {
    server.urls[`${BASE_URL}/videos/:id`].response = {
      type: 'error',
      status: 400,
      body: {
        error: {
          message: 'Video is still in progress and cannot be deleted.',
          type: 'invalid_request_error',
          param: null,
          code: null,
        },
      },
      headers: { 'x-request-id': 'req_del' },
    };
    await expect(provider.videos.delete(VIDEO_ID)).rejects.toSatisfy(
      (error: unknown) =>
        APICallError.isInstance(error) &&
        error.statusCode === 400 &&
        error.message === 'Video is still in progress and cannot be deleted. (request id: req_del)',
    );
  });

  it('list: one page with limit, after and order', async () => {
    const page = await provider.videos.list({ limit: 2, order: 'asc', after: 'video_0' });
    expect(page).toStrictEqual(page1);
    expect(server.calls).toHaveLength(1);
    expect(server.calls[0].requestQuery).toStrictEqual({ limit: '2', order: 'asc', after: 'video_0' });
  });

  it('list: iterates every video over two pages with after = last_id', async () => {
    const ids: string[] = [];
    for await (const video of provider.videos.list({ limit: 2 })) ids.push(video.id);
    expect(ids).toStrictEqual([VIDEO_ID, 'video_2', failedModeration.id]);
    expect(server.calls.map((call) => call.requestQuery)).toStrictEqual([
      { limit: '2' },
      { limit: '2', after: 'video_2' },
    ]);
  });

  it('remix: POST /videos/{id}/remix and a job to wait for', async () => {
    const result = await provider.videos.remix({
      videoId: VIDEO_ID,
      prompt: 'Shift the color palette to teal, sand, and rust, with a warm backlight.',
      idempotencyKey: 'remix-1',
    });
    const call = server.calls[0];
    expect(call.requestMethod).toBe('POST');
    expect(call.requestUrl).toBe(`${BASE_URL}/videos/${VIDEO_ID}/remix`);
    expect(call.requestHeaders['content-type']).toBe('application/json');
    expect(call.requestHeaders['idempotency-key']).toBe('remix-1');
    expect(call.requestBodyJson).toStrictEqual({
      prompt: 'Shift the color palette to teal, sand, and rust, with a warm backlight.',
    });
    expect(result.video.remixed_from_video_id).toBe(VIDEO_ID);
    expect(result.job).toStrictEqual({
      specificationVersion: 'v3',
      provider: 'openai.video',
      modelId: 'sora-2',
      operation: { videoId: 'video_remix456' },
    });

    // The job works with a model's doStatus.
    const status = await provider.video(result.job.modelId).doStatus({ operation: result.job.operation });
    expect(status.status).toBe('completed');
    expect(server.calls[1].requestUrl).toBe(`${BASE_URL}/videos/video_remix456`);
  });

  it('downloadContent: a variant with credentials and Accept: application/binary', async () => {
    const response = await provider.videos.downloadContent({ videoId: VIDEO_ID, variant: 'spritesheet' });
    expect(response.headers.get('content-type')).toBe('image/jpeg');
    expect(new Uint8Array(await response.arrayBuffer())).toStrictEqual(new Uint8Array([255, 216, 255]));
    const call = server.calls[0];
    expect(call.requestUrl).toBe(`${BASE_URL}/videos/${VIDEO_ID}/content?variant=spritesheet`);
    expect(call.requestHeaders.authorization).toBe('Bearer sk-test');
    expect(call.requestHeaders.accept).toBe('application/binary');
  });

  it('contentUrl and job', () => {
    expect(provider.videos.contentUrl(VIDEO_ID)).toBe(`${BASE_URL}/videos/${VIDEO_ID}/content`);
    expect(provider.videos.contentUrl(VIDEO_ID, 'thumbnail')).toBe(
      `${BASE_URL}/videos/${VIDEO_ID}/content?variant=thumbnail`,
    );
    expect(provider.videos.job('video_x', { modelId: 'sora-2-pro' })).toStrictEqual({
      specificationVersion: 'v3',
      provider: 'openai.video',
      modelId: 'sora-2-pro',
      operation: { videoId: 'video_x' },
    });
  });
});
