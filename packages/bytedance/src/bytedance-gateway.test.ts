import { APICallError, InvalidArgumentError } from '@videogen/provider-spec';
import { createTestServer } from '@videogen/provider-utils/test';
import { describe, expect, it, vi } from 'vitest';
import failedModeration from './__fixtures__/bytedance-task-failed-moderation.json';
import running from './__fixtures__/bytedance-task-running.json';
import succeeded from './__fixtures__/bytedance-task-succeeded.json';
import { createByteDance } from './bytedance-provider';

vi.mock('./version', () => ({ VERSION: '0.0.0-test' }));

const API_KEY = 'ark-TEST-distinctive-key-5c1e8a';
const TASKS = 'https://ark.ap-southeast.bytepluses.com/api/v3/contents/generations/tasks';

const server = createTestServer({
  [TASKS]: { response: { type: 'json-value', body: { items: [], total: 0 } } },
  [`${TASKS}/:id`]: { response: { type: 'json-value', body: succeeded } },
});

const provider = () => createByteDance({ apiKey: API_KEY });
const model = () => provider().video('seedance-1-5-pro-251215');

describe('doListJobs / listJobs', () => {
  it('GETs one page by page_num / page_size with the status filter, and maps each task', async () => {
    server.urls[TASKS].response = {
      type: 'json-value',
      body: {
        items: [succeeded, { ...failedModeration, id: 'cgt-2' }, { ...running, id: 'cgt-3', status: 'cancelled' }],
        total: 7,
      },
    };
    const page = await model().doListJobs({ limit: 3, after: '2', status: 'completed' });
    const call = server.calls[0];
    expect(call.requestMethod).toBe('GET');
    expect(call.requestUrl).toBe(`${TASKS}?page_num=2&page_size=3&filter.status=succeeded`);
    expect(call.requestHeaders.authorization).toBe(`Bearer ${API_KEY}`);
    // Only completed jobs are kept (the API filters; the page is checked too); 2 × 3 < 7: one more page.
    expect(page).toStrictEqual({
      jobs: [
        {
          operation: { id: succeeded.id },
          modelId: 'seedance-1-5-pro-251215',
          status: 'completed',
          providerStatus: 'succeeded',
          createdAt: new Date(succeeded.created_at * 1000),
          providerMetadata: { bytedance: { taskId: succeeded.id } },
        },
      ],
      nextCursor: '3',
    });
  });

  it('maps failed, expired and cancelled; the last page has no cursor; pending is filtered on the page', async () => {
    server.urls[TASKS].response = {
      type: 'json-value',
      body: {
        items: [
          { ...failedModeration, id: 'cgt-2' },
          { ...running, id: 'cgt-3', status: 'cancelled' },
          { ...running, id: 'cgt-4', status: 'expired' },
          { ...running, id: 'cgt-5', status: 'queued' },
        ],
        total: 4,
      },
    };
    const all = await provider().listJobs({});
    expect(server.calls[0].requestUrl).toBe(`${TASKS}?page_num=1&page_size=10`);
    expect(all.nextCursor).toBeUndefined();
    expect(all.jobs.map((job) => [job.operation, job.status, job.providerStatus, job.error?.code])).toStrictEqual([
      [{ id: 'cgt-2' }, 'failed', 'failed', 'OutputVideoSensitiveContentDetected'],
      [{ id: 'cgt-3' }, 'canceled', 'cancelled', undefined],
      [{ id: 'cgt-4' }, 'failed', 'expired', 'expired'],
      [{ id: 'cgt-5' }, 'pending', 'queued', undefined],
    ]);
    const pending = await model().doListJobs({ status: 'pending' });
    expect(server.calls[1].requestUrl).toBe(`${TASKS}?page_num=1&page_size=10`);
    expect(pending.jobs.map((job) => job.operation)).toStrictEqual([{ id: 'cgt-5' }]);
    await model().doListJobs({ status: 'canceled', limit: 500 });
    expect(server.calls[2].requestUrl).toBe(`${TASKS}?page_num=1&page_size=500&filter.status=cancelled`);
  });

  it('refuses a bad cursor or limit before any request', async () => {
    await expect(model().doListJobs({ after: 'abc' })).rejects.toBeInstanceOf(InvalidArgumentError);
    await expect(model().doListJobs({ limit: 501 })).rejects.toBeInstanceOf(InvalidArgumentError);
    expect(server.calls).toHaveLength(0);
  });

  it("a listed job's operation resumes with doStatus", async () => {
    server.urls[TASKS].response = { type: 'json-value', body: { items: [succeeded], total: 1 } };
    const [listed] = (await model().doListJobs({})).jobs;
    const status = await model().doStatus({ operation: listed.operation });
    expect(status.status).toBe('completed');
    expect(server.calls[1].requestUrl).toBe(`${TASKS}/${succeeded.id}`);
  });
});

describe('doDelete', () => {
  it('DELETEs the task; a task already gone (404) resolves; a refusal is thrown', async () => {
    server.urls[`${TASKS}/:id`].response = { type: 'json-value', body: {} };
    await model().doDelete({ operation: { id: 'cgt-1' } });
    expect(`${server.calls[0].requestMethod} ${server.calls[0].requestUrl}`).toBe(`DELETE ${TASKS}/cgt-1`);
    server.urls[`${TASKS}/:id`].response = {
      type: 'error',
      status: 404,
      body: JSON.stringify({ error: { code: 'ResourceNotFound', message: 'The specified task cgt-1 is not found.' } }),
    };
    await expect(model().doDelete({ operation: { id: 'cgt-1' } })).resolves.toBeUndefined();
    server.urls[`${TASKS}/:id`].response = {
      type: 'error',
      status: 400,
      body: JSON.stringify({ error: { code: 'InvalidParameter', message: 'The task cgt-1 is running.' } }),
    };
    await expect(model().doDelete({ operation: { id: 'cgt-1' } })).rejects.toSatisfy(APICallError.isInstance);
  });
});

describe('doGetDownloadUrl', () => {
  it('returns the signed video_url and its expiry (updated_at + X-Tos-Expires, 24 h)', async () => {
    const link = await model().doGetDownloadUrl({ operation: { id: succeeded.id } });
    expect(server.calls[0].requestUrl).toBe(`${TASKS}/${succeeded.id}`);
    expect(link).toStrictEqual({
      url: succeeded.content.video_url,
      expiresAt: new Date((succeeded.updated_at + 86400) * 1000),
      mediaType: 'video/mp4',
    });
  });

  it('refuses a task without a video and an index other than 0', async () => {
    server.urls[`${TASKS}/:id`].response = { type: 'json-value', body: running };
    await expect(model().doGetDownloadUrl({ operation: { id: running.id } })).rejects.toThrow(/status running/);
    await expect(model().doGetDownloadUrl({ operation: { id: running.id }, index: 1 })).rejects.toBeInstanceOf(
      InvalidArgumentError,
    );
  });
});

describe('listVideoModels', () => {
  it('lists the known Seedance ids with the capabilities their models report (static: Ark has no list)', async () => {
    const catalog = await provider().listVideoModels();
    expect(catalog.map((entry) => entry.modelId)).toContain('dreamina-seedance-2-0-260128');
    expect(catalog.map((entry) => entry.modelId)).toContain('doubao-seedance-1-5-pro-251215');
    const entry = catalog.find((item) => item.modelId === 'dreamina-seedance-2-0-260128');
    expect(entry).toStrictEqual({
      modelId: 'dreamina-seedance-2-0-260128',
      provider: 'bytedance.video',
      capabilities: provider().video('dreamina-seedance-2-0-260128').capabilities,
      source: 'static',
    });
    expect(server.calls).toHaveLength(0);
  });
});
