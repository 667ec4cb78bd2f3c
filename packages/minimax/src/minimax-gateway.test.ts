import { APICallError, InvalidArgumentError } from '@videogen/provider-spec';
import { createCallOptions, createTestServer } from '@videogen/provider-utils/test';
import { describe, expect, it, vi } from 'vitest';
import { createMiniMax } from './minimax-provider';

vi.mock('./version', () => ({ VERSION: '0.0.0-test' }));

const API_KEY = 'mm-TEST-distinctive-key-41c2aa';
const BASE = 'https://api.minimax.io';
const LIST = `${BASE}/v2/query/video_generation`;
const CDN_URL = 'https://cdn.minimax-files.example/output/380417759821825.mp4?Expires=1796412610';
const H3_URL = 'https://video-product.cdn.minimax.io/inference_output/424010985738629/output.mp4';
const OK = { status_code: 0, status_msg: 'success' };

const task = (id: string, status: string, extra: Record<string, unknown> = {}) => ({
  id,
  model: 'MiniMax-H3',
  status,
  created_at: 1785125529,
  updated_at: 1785125946,
  resolution: '768P',
  duration: 5,
  ratio: '16:9',
  usage: {},
  task_type: 'generation',
  modality: 'video',
  ...extra,
});

const server = createTestServer({
  [LIST]: { response: { type: 'json-value', body: { items: [], total: 0 } } },
  [`${LIST}/:id`]: {
    response: {
      type: 'json-value',
      body: { task: task('424010985738629', 'succeeded', { content: { url: H3_URL } }) },
    },
  },
  [`${BASE}/v2/video_generation/:id`]: {
    response: { type: 'json-value', body: { task_id: '1', action: 'deleted', status: 'deleted' } },
  },
  [`${BASE}/v1/query/video_generation`]: {
    response: {
      type: 'json-value',
      body: { task_id: '380415226536193', status: 'Success', file_id: '380417759821825', base_resp: OK },
    },
  },
  [`${BASE}/v1/files/retrieve`]: {
    response: {
      type: 'json-value',
      body: { file: { file_id: 380417759821825, filename: 'output_aigc.mp4', download_url: CDN_URL }, base_resp: OK },
    },
  },
});

const provider = () => createMiniMax({ apiKey: API_KEY });
const h3 = () => provider().video('MiniMax-H3');

describe('doListJobs / listJobs (v2)', () => {
  it('GETs /v2/query/video_generation by page_num / page_size with filter.status, and maps each task', async () => {
    server.urls[LIST].response = {
      type: 'json-value',
      body: { items: [task('11', 'succeeded', { content: { url: H3_URL } })], total: 5 },
    };
    const page = await h3().doListJobs?.({ status: 'completed', limit: 2, after: '2' });
    const call = server.calls[0];
    expect(call.requestMethod).toBe('GET');
    expect(call.requestUrl).toBe(`${LIST}?page_num=2&page_size=2&filter.status=succeeded`);
    expect(call.requestHeaders.authorization).toBe(`Bearer ${API_KEY}`);
    expect(page).toStrictEqual({
      jobs: [
        {
          operation: { taskId: '11', api: 'v2' },
          modelId: 'MiniMax-H3',
          status: 'completed',
          providerStatus: 'succeeded',
          createdAt: new Date(1785125529 * 1000),
          providerMetadata: { minimax: { taskId: '11', api: 'v2' } },
        },
      ],
      nextCursor: '3',
    });
  });

  it('maps failed (content filtered), cancelled, expired and running; pending is filtered on the page', async () => {
    server.urls[LIST].response = {
      type: 'json-value',
      body: {
        items: [
          task('1', 'failed', { error: { code: '1026', message: 'video description contains sensitive content' } }),
          task('2', 'cancelled'),
          task('3', 'expired'),
          task('4', 'running'),
          task('5', 'queued'),
        ],
        total: 5,
      },
    };
    const all = await provider().listJobs({});
    expect(server.calls[0].requestUrl).toBe(`${LIST}?page_num=1&page_size=10`);
    expect(all.nextCursor).toBeUndefined();
    expect(all.jobs.map((job) => [job.operation, job.status, job.error])).toStrictEqual([
      [
        { taskId: '1', api: 'v2' },
        'failed',
        { code: '1026', message: 'video description contains sensitive content', contentFiltered: true },
      ],
      [{ taskId: '2', api: 'v2' }, 'canceled', undefined],
      [{ taskId: '3', api: 'v2' }, 'failed', { code: 'expired', message: 'The MiniMax task expired.' }],
      [{ taskId: '4', api: 'v2' }, 'pending', undefined],
      [{ taskId: '5', api: 'v2' }, 'pending', undefined],
    ]);
    const pending = await h3().doListJobs?.({ status: 'pending' });
    expect(pending?.jobs.map((job) => job.providerStatus)).toStrictEqual(['running', 'queued']);
    await h3().doListJobs?.({ status: 'canceled' });
    expect(server.calls[2].requestUrl).toBe(`${LIST}?page_num=1&page_size=10&filter.status=cancelled`);
  });

  it("a listed job's operation resumes with doStatus", async () => {
    server.urls[LIST].response = {
      type: 'json-value',
      body: { items: [task('424010985738629', 'succeeded')], total: 1 },
    };
    const listed = await provider().listJobs({});
    const status = await h3().doStatus({ operation: listed.jobs[0].operation });
    expect(status.status).toBe('completed');
    expect(server.calls[1].requestUrl).toBe(`${LIST}/424010985738629`);
  });

  it('refuses a bad cursor before any request; v1 models have no list and no delete', async () => {
    await expect(h3().doListJobs?.({ after: 'x' })).rejects.toBeInstanceOf(InvalidArgumentError);
    expect(server.calls).toHaveLength(0);
    expect(provider().video('MiniMax-Hailuo-2.3').doListJobs).toBeUndefined();
    expect(provider().video('MiniMax-Hailuo-2.3').doDelete).toBeUndefined();
  });
});

describe('doDelete (v2)', () => {
  it("DELETEs the task; a task already gone ('invalid task_id') resolves; a refusal is thrown", async () => {
    await h3().doDelete?.({ operation: { taskId: '7', api: 'v2' } });
    expect(`${server.calls[0].requestMethod} ${server.calls[0].requestUrl}`).toBe(
      `DELETE ${BASE}/v2/video_generation/7`,
    );
    const v2Error = (message: string) => ({
      type: 'error' as const,
      status: 400,
      body: JSON.stringify({
        type: 'error',
        error: { type: 'bad_request_error', message, http_code: '400' },
        request_id: 'r',
      }),
    });
    server.urls[`${BASE}/v2/video_generation/:id`].response = v2Error('invalid task_id (2013)');
    await expect(h3().doDelete?.({ operation: { taskId: '7', api: 'v2' } })).resolves.toBeUndefined();
    server.urls[`${BASE}/v2/video_generation/:id`].response = v2Error(
      'task in status running cannot be cancelled (2013)',
    );
    await expect(h3().doDelete?.({ operation: { taskId: '7', api: 'v2' } })).rejects.toSatisfy(APICallError.isInstance);
  });
});

describe('doGetDownloadUrl', () => {
  it('v1: the files/retrieve download_url (public CDN), its Expires as expiresAt', async () => {
    const link = await provider()
      .video('MiniMax-Hailuo-2.3')
      .doGetDownloadUrl({ operation: { taskId: '380415226536193', api: 'v1' } });
    expect(server.calls.map((call) => call.requestUrl)).toStrictEqual([
      `${BASE}/v1/query/video_generation?task_id=380415226536193`,
      `${BASE}/v1/files/retrieve?file_id=380417759821825`,
    ]);
    expect(link).toStrictEqual({ url: CDN_URL, expiresAt: new Date(1796412610 * 1000), mediaType: 'video/mp4' });
  });

  it('v2: content.url (no documented expiry); a task without a video is refused', async () => {
    expect(await h3().doGetDownloadUrl({ operation: { taskId: '424010985738629', api: 'v2' } })).toStrictEqual({
      url: H3_URL,
      mediaType: 'video/mp4',
    });
    server.urls[`${LIST}/:id`].response = { type: 'json-value', body: { task: task('9', 'running') } };
    await expect(h3().doGetDownloadUrl({ operation: { taskId: '9', api: 'v2' } })).rejects.toThrow(
      'The MiniMax task has no video yet: it is still running.',
    );
  });
});

describe('source videos', () => {
  it('no MiniMax model declares a source-video operation, and a sourceVideo call is refused before any request', async () => {
    for (const id of ['MiniMax-Hailuo-2.3', 'MiniMax-Hailuo-02', 'MiniMax-H3']) {
      expect(provider().video(id).capabilities.sourceVideo).toBeUndefined();
    }
    await expect(
      h3().doStart(
        createCallOptions({
          prompt: 'p',
          sourceVideo: { operation: 'extend', video: { type: 'url', url: 'https://example.com/a.mp4' } },
        }),
      ),
    ).rejects.toThrow(/cannot extend a video; it takes no source video/);
    expect(server.calls).toHaveLength(0);
  });
});

describe('listVideoModels', () => {
  it('lists the known ids with their capabilities (static)', async () => {
    const catalog = await provider().listVideoModels();
    expect(catalog.map((entry) => entry.modelId)).toContain('MiniMax-H3');
    expect(catalog.find((entry) => entry.modelId === 'MiniMax-Hailuo-02')).toStrictEqual({
      modelId: 'MiniMax-Hailuo-02',
      provider: 'minimax.video',
      capabilities: provider().video('MiniMax-Hailuo-02').capabilities,
      source: 'static',
    });
  });
});
