import { InvalidArgumentError } from '@videogen/provider-spec';
import { createTestServer } from '@videogen/provider-utils/test';
import { describe, expect, it, vi } from 'vitest';
import runningTask from './__fixtures__/alibaba-task-running.json';
import succeededTask from './__fixtures__/alibaba-task-succeeded.json';
import { createAlibaba } from './alibaba-provider';

vi.mock('./version', () => ({ VERSION: '0.0.0-test' }));

const API_KEY = 'sk-TEST-distinctive-dashscope-key-41c2';
const TASKS = 'https://dashscope-intl.aliyuncs.com/api/v1/tasks';

// DashScope's documented list answer (tasks of every API: the image task is left out).
const listPage = {
  total: 3,
  data: [
    {
      api_key_id: '15xxxx',
      caller_parent_id: 'p',
      caller_uid: 'u',
      gmt_create: 1745568428109,
      model_name: 'wan2.6-t2v',
      region: 'ap-southeast-1',
      request_id: 'r1',
      start_time: 1745568428138,
      status: 'RUNNING',
      task_id: '50e2ccea-abc4-43d7-a0dc-000000000001',
      user_api_unique_key: 'apikey:v1:aigc:video-generation:video-synthesis:wan2.6-t2v',
    },
    {
      api_key_id: '15xxxx',
      gmt_create: 1745568293253,
      end_time: 1745568302481,
      model_name: 'wanx2.1-t2i-turbo',
      status: 'SUCCEEDED',
      task_id: '3c777dbc-8cc6-4d80-aa90-000000000002',
      user_api_unique_key: 'apikey:v1:aigc:text2image:image-synthesis:wanx2.1-t2i-turbo',
    },
    {
      gmt_create: 1745568200000,
      model_name: 'wanx2.1-kf2v-plus',
      status: 'FAILED',
      task_id: '3c777dbc-8cc6-4d80-aa90-000000000003',
      user_api_unique_key: 'apikey:v1:aigc:image2video:video-synthesis:wanx2.1-kf2v-plus',
    },
  ],
  total_page: 2,
  page_no: 1,
  request_id: 'f6756b7e',
  page_size: 3,
};

const server = createTestServer({
  [TASKS]: { response: { type: 'json-value', body: listPage } },
  [`${TASKS}/:id`]: { response: { type: 'json-value', body: succeededTask } },
});

const provider = () => createAlibaba({ apiKey: API_KEY });
const model = () => provider().video('wan2.6-t2v');

describe('doListJobs / listJobs', () => {
  it('GETs /api/v1/tasks by page_no / page_size with the status filter and maps the video tasks', async () => {
    const page = await model().doListJobs({ limit: 3 });
    const call = server.calls[0];
    expect(call.requestMethod).toBe('GET');
    expect(call.requestUrl).toBe(`${TASKS}?page_no=1&page_size=3`);
    expect(call.requestHeaders.authorization).toBe(`Bearer ${API_KEY}`);
    expect(page).toStrictEqual({
      jobs: [
        {
          operation: { taskId: '50e2ccea-abc4-43d7-a0dc-000000000001' },
          modelId: 'wan2.6-t2v',
          status: 'pending',
          providerStatus: 'RUNNING',
          createdAt: new Date(1745568428109),
          providerMetadata: { alibaba: { taskId: '50e2ccea-abc4-43d7-a0dc-000000000001' } },
        },
        {
          operation: { taskId: '3c777dbc-8cc6-4d80-aa90-000000000003' },
          modelId: 'wanx2.1-kf2v-plus',
          status: 'failed',
          providerStatus: 'FAILED',
          createdAt: new Date(1745568200000),
          error: { code: 'FAILED', message: 'The DashScope task failed; doStatus reports its code and message.' },
          providerMetadata: { alibaba: { taskId: '3c777dbc-8cc6-4d80-aa90-000000000003' } },
        },
      ],
      nextCursor: '2',
    });
  });

  it('sends the API status filter, filters pending on the page, and stops at the last page', async () => {
    server.urls[TASKS].response = { type: 'json-value', body: { ...listPage, page_no: 2 } };
    const completed = await provider().listJobs({ status: 'completed', after: '2' });
    expect(server.calls[0].requestUrl).toBe(`${TASKS}?page_no=2&page_size=10&status=SUCCEEDED`);
    expect(completed).toStrictEqual({ jobs: [] });
    const pending = await model().doListJobs({ status: 'pending', after: '2' });
    expect(server.calls[1].requestUrl).toBe(`${TASKS}?page_no=2&page_size=10`);
    expect(pending.jobs.map((job) => job.providerStatus)).toStrictEqual(['RUNNING']);
    await model().doListJobs({ status: 'canceled' });
    expect(server.calls[2].requestUrl).toBe(`${TASKS}?page_no=1&page_size=10&status=CANCELED`);
  });

  it('refuses a bad cursor or limit before any request', async () => {
    await expect(model().doListJobs({ after: '0' })).rejects.toBeInstanceOf(InvalidArgumentError);
    await expect(model().doListJobs({ limit: 0 })).rejects.toBeInstanceOf(InvalidArgumentError);
    expect(server.calls).toHaveLength(0);
  });

  it("a listed job's operation resumes with doStatus", async () => {
    const [listed] = (await model().doListJobs({})).jobs;
    expect((await model().doStatus({ operation: listed.operation })).status).toBe('completed');
    expect(server.calls[1].requestUrl).toBe(`${TASKS}/50e2ccea-abc4-43d7-a0dc-000000000001`);
  });
});

describe('doGetDownloadUrl', () => {
  it('returns the signed OSS video_url with its Expires as expiresAt', async () => {
    const link = await model().doGetDownloadUrl({ operation: { taskId: succeededTask.output.task_id } });
    expect(server.calls[0].requestUrl).toBe(`${TASKS}/${succeededTask.output.task_id}`);
    expect(link).toStrictEqual({
      url: succeededTask.output.video_url,
      expiresAt: new Date(1796466000 * 1000),
      mediaType: 'video/mp4',
    });
  });

  it('refuses a task without a video and an index other than 0', async () => {
    server.urls[`${TASKS}/:id`].response = { type: 'json-value', body: runningTask };
    await expect(model().doGetDownloadUrl({ operation: { taskId: 'abc' } })).rejects.toThrow(/status RUNNING/);
    await expect(model().doGetDownloadUrl({ operation: { taskId: 'abc' }, index: 2 })).rejects.toBeInstanceOf(
      InvalidArgumentError,
    );
  });
});

describe('no delete', () => {
  it('has no doDelete (DashScope deletes no tasks; they expire after 24 h)', () => {
    expect((model() as { doDelete?: unknown }).doDelete).toBeUndefined();
  });
});

describe('listVideoModels', () => {
  it('lists the known Wan ids with their capabilities (static)', async () => {
    const catalog = await provider().listVideoModels();
    expect(catalog).toHaveLength(21);
    expect(catalog.find((entry) => entry.modelId === 'wan2.7-videoedit')).toStrictEqual({
      modelId: 'wan2.7-videoedit',
      provider: 'alibaba.video',
      capabilities: provider().video('wan2.7-videoedit').capabilities,
      source: 'static',
    });
    expect(server.calls).toHaveLength(0);
  });
});
