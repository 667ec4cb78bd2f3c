import {
  APICallError,
  InvalidArgumentError,
  VideoJobFailedError,
  type VideoModelV3StartOptions,
} from '@videogen/provider-spec';
import { createCallOptions, createTestServer } from '@videogen/provider-utils/test';
import { describe, expect, it, vi } from 'vitest';
import createResponse from './__fixtures__/alibaba-create.json';
import invalidApiKey from './__fixtures__/alibaba-error-invalid-api-key.json';
import failedTask from './__fixtures__/alibaba-task-failed.json';
import filteredTask from './__fixtures__/alibaba-task-filtered.json';
import runningTask from './__fixtures__/alibaba-task-running.json';
import succeededTask from './__fixtures__/alibaba-task-succeeded.json';
import { createAlibaba } from './alibaba-provider';

vi.mock('./version', () => ({ VERSION: '0.0.0-test' }));

const API_KEY = 'sk-TEST-distinctive-dashscope-key-41c2';
const BASE = 'https://dashscope-intl.aliyuncs.com';
const CREATE_URL = `${BASE}/api/v1/services/aigc/video-generation/video-synthesis`;
const KF2V_URL = `${BASE}/api/v1/services/aigc/image2video/video-synthesis`;
const TASK_ID = '5f1c2f7e-7b4e-4c1a-9d61-2a1b3c4d5e6f';
const TASK_URL = `${BASE}/api/v1/tasks/${TASK_ID}`;
const VIDEO_URL = succeededTask.output.video_url;

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
const PNG_BASE64 = 'iVBORw0KGgoBAgM=';
const MP4 = new Uint8Array([0, 0, 0, 0x18, 0x66, 0x74, 0x79, 0x70, 0x69, 0x73, 0x6f, 0x6d, 7, 7]);

const server = createTestServer({
  [`${BASE}/api/v1/services/aigc/:task/video-synthesis`]: {
    response: { type: 'json-value', body: createResponse },
  },
  [`${BASE}/api/v1/tasks/:id`]: { response: { type: 'json-value', body: runningTask } },
  [`${BASE}/api/v1/tasks/:id/cancel`]: { response: { type: 'json-value', body: { request_id: 'r-cancel' } } },
  'https://dashscope-result-sh.oss-accelerate.aliyuncs.com/*': {
    response: { type: 'binary', body: MP4, headers: { 'content-type': 'video/mp4' } },
  },
  'https://proxy.example.com/*': { response: { type: 'json-value', body: createResponse } },
});

const PROMPT = 'The lighthouse beam sweeps over a stormy sea';
const defaultOptions = createCallOptions({ prompt: PROMPT, providerOptions: { alibaba: { pollIntervalMs: 10 } } });

function createModel(modelId = 'wan2.6-t2v', settings: Parameters<typeof createAlibaba>[0] = {}) {
  return createAlibaba({ apiKey: API_KEY, ...settings }).video(modelId);
}

async function start(modelId: string, options: Partial<VideoModelV3StartOptions> = {}) {
  return createModel(modelId).doStart({ ...defaultOptions, ...options });
}

function lastBody() {
  return server.calls[server.calls.length - 1].requestBodyJson;
}

describe('capabilities', () => {
  it('describes a text-to-video model with its exact sizes', () => {
    const model = createModel('wan2.6-t2v');
    expect(model.provider).toBe('alibaba.video');
    expect(model.maxVideosPerCall).toBe(1);
    expect(model.pollIntervalMs).toBe(15_000);
    expect(model.capabilities).toStrictEqual({
      maxVideosPerCall: 1,
      seed: true,
      inputUrlSchemes: ['http', 'https', 'data', 'oss'],
      imageMediaTypes: ['image/jpeg', 'image/png', 'image/bmp', 'image/webp'],
      durations: [5, 10, 15],
      resolutions: [
        '1280x720',
        '720x1280',
        '960x960',
        '1088x832',
        '832x1088',
        '1920x1080',
        '1080x1920',
        '1440x1440',
        '1632x1248',
        '1248x1632',
      ],
      aspectRatios: ['16:9', '9:16', '1:1', '4:3', '3:4'],
      imageRoles: [],
      referenceKinds: [],
      maxReferences: 0,
      requiresPrompt: true,
      maxPromptLength: 1500,
      audio: true,
    });
  });

  it('describes image, keyframe, reference and wan3 models', () => {
    expect(createModel('wan2.6-i2v-flash').capabilities).toMatchObject({
      durations: { min: 2, max: 15 },
      imageRoles: ['first_frame'],
      audio: true,
    });
    expect(createModel('wanx2.1-kf2v-plus').capabilities).toMatchObject({
      durations: [5],
      imageRoles: ['first_frame', 'last_frame'],
      audio: false,
    });
    expect(createModel('wan2.6-r2v').capabilities).toMatchObject({
      imageRoles: ['reference'],
      referenceKinds: ['image', 'video'],
      maxReferences: 5,
    });
    expect(createModel('wan2.6-r2v').capabilities.durations).toBeUndefined();
    expect(createModel('wan3.0-video').capabilities).toMatchObject({
      durations: { min: 2, max: 30 },
      aspectRatios: ['16:9', '9:16', '1:1', '4:3', '3:4'],
      imageRoles: ['first_frame', 'last_frame', 'reference'],
      referenceKinds: ['image', 'video', 'audio'],
    });
    // a dated alias takes its model's row; an unknown id only the shared basics
    expect(createModel('wan2.7-t2v-2026-06-12').capabilities).toStrictEqual(createModel('wan2.7-t2v').capabilities);
    expect(createModel('some-future-model').capabilities).toStrictEqual({
      maxVideosPerCall: 1,
      seed: true,
      inputUrlSchemes: ['http', 'https', 'data', 'oss'],
      imageMediaTypes: ['image/jpeg', 'image/png', 'image/bmp', 'image/webp'],
    });
  });
});

describe('doStart', () => {
  it('sends text-to-video with the async header and the key only in Authorization', async () => {
    const result = await start('wan2.6-t2v', {
      resolution: '1280x720',
      duration: 10,
      seed: 12345,
      providerOptions: {
        alibaba: { negativePrompt: 'blurry', promptExtend: false, shotType: 'multi', watermark: true },
      },
    });
    expect(server.calls).toHaveLength(1);
    const call = server.calls[0];
    expect(call.requestMethod).toBe('POST');
    expect(call.requestUrl).toBe(CREATE_URL);
    const { 'user-agent': userAgent, ...headers } = call.requestHeaders;
    expect(headers).toStrictEqual({
      authorization: `Bearer ${API_KEY}`,
      'content-type': 'application/json',
      'x-dashscope-async': 'enable',
    });
    expect(userAgent).toMatch(/^videogen\/alibaba\/0\.0\.0-test( |$)/);
    expect(call.requestBodyJson).toStrictEqual({
      model: 'wan2.6-t2v',
      input: { prompt: PROMPT, negative_prompt: 'blurry' },
      parameters: {
        size: '1280*720',
        duration: 10,
        prompt_extend: false,
        shot_type: 'multi',
        watermark: true,
        seed: 12345,
      },
    });
    expect(result.operation).toStrictEqual({ taskId: TASK_ID });
    expect(result.warnings).toStrictEqual([]);
    expect(result.providerMetadata).toStrictEqual({
      alibaba: { taskId: TASK_ID, requestId: createResponse.request_id },
    });
  });

  it('sends only the prompt when nothing else is set', async () => {
    await start('wan2.6-t2v');
    expect(lastBody()).toStrictEqual({ model: 'wan2.6-t2v', input: { prompt: PROMPT }, parameters: {} });
  });

  it('picks the default tier size of an aspect ratio', async () => {
    await start('wan2.6-t2v', { aspectRatio: '9:16' });
    expect(lastBody()).toMatchObject({ parameters: { size: '1080*1920' } });
    await start('wanx2.1-t2v-turbo', { aspectRatio: '1:1' });
    expect(lastBody()).toMatchObject({ parameters: { size: '960*960' } });
  });

  it('sends the first frame of image-to-video as img_url: a URL as is, bytes as a data URI', async () => {
    await start('wan2.6-i2v-flash', {
      image: { type: 'url', url: 'https://example.com/lighthouse.png' },
      resolution: '1280x720',
      duration: 5,
      generateAudio: false,
      providerOptions: { alibaba: { template: 'flying' } },
    });
    expect(lastBody()).toStrictEqual({
      model: 'wan2.6-i2v-flash',
      input: { prompt: PROMPT, img_url: 'https://example.com/lighthouse.png', template: 'flying' },
      parameters: { resolution: '720P', duration: 5, audio: false },
    });
    await start('wan2.6-i2v', {
      frameImages: [{ frameType: 'first_frame', image: { type: 'file', data: PNG, mediaType: 'image/png' } }],
    });
    expect(lastBody()).toStrictEqual({
      model: 'wan2.6-i2v',
      input: { prompt: PROMPT, img_url: `data:image/png;base64,${PNG_BASE64}` },
      parameters: {},
    });
  });

  it('warns that image-to-video follows the image aspect ratio, and that wan2.6-i2v always has audio', async () => {
    const result = await start('wan2.6-i2v', {
      image: { type: 'url', url: 'https://example.com/a.png' },
      aspectRatio: '16:9',
      generateAudio: false,
    });
    expect(lastBody()).toMatchObject({ parameters: {} });
    expect(result.warnings.map((warning) => (warning as { feature: string }).feature)).toStrictEqual([
      'aspectRatio',
      'generateAudio',
    ]);
  });

  it('sends first and last frame of kf2v models to the image2video path', async () => {
    await start('wanx2.1-kf2v-plus', {
      frameImages: [
        { frameType: 'first_frame', image: { type: 'url', url: 'https://example.com/first.png' } },
        { frameType: 'last_frame', image: { type: 'url', url: 'https://example.com/last.png' } },
      ],
      resolution: '1280x720',
    });
    expect(server.calls[0].requestUrl).toBe(KF2V_URL);
    expect(server.calls[0].requestHeaders['x-dashscope-async']).toBe('enable');
    expect(lastBody()).toStrictEqual({
      model: 'wanx2.1-kf2v-plus',
      input: {
        prompt: PROMPT,
        first_frame_url: 'https://example.com/first.png',
        last_frame_url: 'https://example.com/last.png',
      },
      parameters: { resolution: '720P' },
    });
  });

  it('sends reference images and videos of r2v models as reference_urls', async () => {
    await start('wan2.6-r2v-flash', {
      prompt: 'character1 waves at character2',
      inputReferences: [
        { type: 'url', url: 'https://example.com/cat.png' },
        { type: 'url', url: 'https://example.com/dog.mp4' },
      ],
      resolution: '1920x1080',
      generateAudio: true,
    });
    expect(lastBody()).toStrictEqual({
      model: 'wan2.6-r2v-flash',
      input: {
        prompt: 'character1 waves at character2',
        reference_urls: ['https://example.com/cat.png', 'https://example.com/dog.mp4'],
      },
      parameters: { size: '1920*1080', audio: true },
    });
  });

  it('sends wan2.7 frames and a clip to continue (source video) as input.media with resolution and ratio', async () => {
    await start('wan2.7-i2v', {
      image: { type: 'url', url: 'https://example.com/first.png' },
      resolution: '1920x1080',
      providerOptions: {
        alibaba: { firstClipUrl: 'https://example.com/clip.mp4', drivingAudioUrl: 'https://example.com/a.mp3' },
      },
    });
    expect(lastBody()).toStrictEqual({
      model: 'wan2.7-i2v',
      input: {
        prompt: PROMPT,
        media: [
          { type: 'first_frame', url: 'https://example.com/first.png' },
          { type: 'first_clip', url: 'https://example.com/clip.mp4' },
          { type: 'driving_audio', url: 'https://example.com/a.mp3' },
        ],
      },
      parameters: { resolution: '1080P', ratio: '16:9' },
    });
  });

  it('sends the video to edit (video-to-video) of wan2.7-videoedit as input.media video, with reference images', async () => {
    await start('wan2.7-videoedit', {
      prompt: 'make it snow',
      inputReferences: [{ type: 'url', url: 'https://example.com/style.png' }],
      providerOptions: { alibaba: { videoUrl: 'https://example.com/source.mp4' } },
    });
    expect(lastBody()).toStrictEqual({
      model: 'wan2.7-videoedit',
      input: {
        prompt: 'make it snow',
        media: [
          { type: 'video', url: 'https://example.com/source.mp4' },
          { type: 'reference_image', url: 'https://example.com/style.png' },
        ],
      },
      parameters: {},
    });
  });

  it('sends wan3 references as reference_image / reference_video / reference_audio, adaptive ratio and audio toggle', async () => {
    await start('wan3.0-video', {
      inputReferences: [
        { type: 'url', url: 'https://example.com/cat.png' },
        { type: 'url', url: 'https://example.com/run.mp4' },
        { type: 'url', url: 'https://example.com/voice.wav' },
      ],
      aspectRatio: 'adaptive',
      duration: 12,
      generateAudio: false,
    });
    expect(lastBody()).toStrictEqual({
      model: 'wan3.0-video',
      input: {
        prompt: PROMPT,
        media: [
          { type: 'reference_image', url: 'https://example.com/cat.png' },
          { type: 'reference_video', url: 'https://example.com/run.mp4' },
          { type: 'reference_audio', url: 'https://example.com/voice.wav' },
        ],
      },
      parameters: { ratio: 'adaptive', duration: 12, audio: false },
    });
  });

  it('asks DashScope to resolve oss:// temporary uploads', async () => {
    await start('wan2.6-i2v', { image: { type: 'url', url: 'oss://dashscope-instant/abc/lighthouse.png' } });
    expect(server.calls[0].requestHeaders['x-dashscope-ossresourceresolve']).toBe('enable');
    expect(lastBody()).toMatchObject({ input: { img_url: 'oss://dashscope-instant/abc/lighthouse.png' } });
  });

  it('sends audio_url and the workspace header', async () => {
    await createModel('wan2.5-t2v-preview', { workspace: 'ws-123' }).doStart({
      ...defaultOptions,
      providerOptions: { alibaba: { audioUrl: 'https://example.com/track.mp3' } },
    });
    expect(server.calls[0].requestHeaders['x-dashscope-workspace']).toBe('ws-123');
    expect(lastBody()).toMatchObject({ input: { audio_url: 'https://example.com/track.mp3' } });
  });

  it('warns about a webhook URL and fps, which DashScope does not take', async () => {
    const result = await start('wan2.6-t2v', { webhookUrl: 'https://hooks.example.com/x', fps: 24 });
    expect(result.warnings).toStrictEqual([
      expect.objectContaining({ type: 'unsupported', feature: 'fps' }),
      expect.objectContaining({ type: 'unsupported', feature: 'webhookUrl' }),
    ]);
    expect(lastBody()).toStrictEqual({ model: 'wan2.6-t2v', input: { prompt: PROMPT }, parameters: {} });
  });

  it.each([
    ['a duration the model lacks', 'wan2.6-t2v', { duration: 7 }, 'duration'],
    ['a size the model lacks', 'wan2.6-t2v', { resolution: '832x480' }, 'resolution'],
    [
      'an image on a text-to-video model',
      'wan2.6-t2v',
      { image: { type: 'url', url: 'https://e.com/a.png' } },
      'image',
    ],
    ['image-to-video without an image', 'wan2.6-i2v', {}, 'image'],
    ['r2v without references', 'wan2.6-r2v', {}, 'inputReferences'],
    ['audio on a silent model', 'wan2.2-t2v-plus', { generateAudio: true }, 'generateAudio'],
    ['a seed out of range', 'wan2.6-t2v', { seed: 2147483648 }, 'seed'],
    ['two videos', 'wan2.6-t2v', { n: 2 }, 'n'],
    ['a prompt over 1500 characters', 'wan2.6-t2v', { prompt: 'x'.repeat(1501) }, 'prompt'],
    [
      'a clip to continue on a model without first_clip',
      'wan2.6-t2v',
      { providerOptions: { alibaba: { firstClipUrl: 'https://e.com/c.mp4' } } },
      'providerOptions.alibaba.firstClipUrl',
    ],
    ['wan2.7-i2v without a frame or clip', 'wan2.7-i2v', {}, 'image'],
    ['wan2.7-videoedit without a video', 'wan2.7-videoedit', {}, 'providerOptions.alibaba.videoUrl'],
    [
      'a video to edit on a model that does not edit',
      'wan2.6-i2v',
      {
        image: { type: 'url', url: 'https://e.com/a.png' },
        providerOptions: { alibaba: { videoUrl: 'https://e.com/v.mp4' } },
      },
      'providerOptions.alibaba.videoUrl',
    ],
    [
      'frames with references on wan3',
      'wan3.0-video',
      {
        image: { type: 'url', url: 'https://e.com/a.png' },
        inputReferences: [{ type: 'url', url: 'https://e.com/b.png' }],
      },
      'inputReferences',
    ],
  ] as const)('refuses %s before any request', async (_, modelId, options, argument) => {
    const error = await start(modelId, options as Partial<VideoModelV3StartOptions>).catch((caught) => caught);
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect(error.argument).toBe(argument);
    expect(server.calls).toHaveLength(0);
  });

  it('turns an error body into an APICallError with the code, without the key', async () => {
    server.urls[`${BASE}/api/v1/services/aigc/:task/video-synthesis`].response = {
      type: 'error',
      status: 401,
      body: invalidApiKey,
    };
    const error = await start('wan2.6-t2v').catch((caught) => caught);
    expect(APICallError.isInstance(error)).toBe(true);
    expect(error.statusCode).toBe(401);
    expect(error.message).toBe('InvalidApiKey: Invalid API-key provided.');
    expect(error.data).toStrictEqual(invalidApiKey);
    expect(JSON.stringify(error)).not.toContain(API_KEY);
    expect(error.message).not.toContain(API_KEY);
  });

  it('sends to the region endpoint, or to a configured base URL (which gets the key)', async () => {
    server.urls[`${BASE}/api/v1/services/aigc/:task/video-synthesis`].response = {
      type: 'json-value',
      body: createResponse,
    };
    await createModel('wan2.6-t2v', { baseURL: 'https://proxy.example.com/dashscope/' }).doStart(defaultOptions);
    expect(server.calls[0].requestUrl).toBe(
      'https://proxy.example.com/dashscope/api/v1/services/aigc/video-generation/video-synthesis',
    );
    expect(server.calls[0].requestHeaders.authorization).toBe(`Bearer ${API_KEY}`);
  });
});

describe('doStatus', () => {
  const status = (body: unknown) => {
    server.urls[`${BASE}/api/v1/tasks/:id`].response = { type: 'json-value', body };
    return createModel().doStatus({ operation: { taskId: TASK_ID } });
  };

  it('GETs the task with the key and maps PENDING, RUNNING and SUSPENDED to pending', async () => {
    expect(await status(runningTask)).toStrictEqual({ status: 'pending', providerStatus: 'RUNNING' });
    const call = server.calls[0];
    expect(call.requestMethod).toBe('GET');
    expect(call.requestUrl).toBe(TASK_URL);
    expect(call.requestHeaders.authorization).toBe(`Bearer ${API_KEY}`);
    expect(call.requestHeaders['x-dashscope-async']).toBeUndefined();
    for (const word of ['PENDING', 'SUSPENDED']) {
      expect(await status({ output: { task_id: TASK_ID, task_status: word } })).toStrictEqual({
        status: 'pending',
        providerStatus: word,
      });
    }
  });

  it('maps SUCCEEDED to the video URL with the usage DashScope reports', async () => {
    const result = await status(succeededTask);
    expect(result).toStrictEqual({
      status: 'completed',
      videos: [{ type: 'url', url: VIDEO_URL, mediaType: 'video/mp4' }],
      warnings: [],
      usage: {
        videoSeconds: 5,
        billedUnits: { quantity: 5, unit: 'seconds' },
        raw: succeededTask.usage,
      },
      providerMetadata: {
        alibaba: {
          taskId: TASK_ID,
          taskStatus: 'SUCCEEDED',
          requestId: succeededTask.request_id,
          submitTime: '2026-12-04 10:15:00.120',
          scheduledTime: '2026-12-04 10:15:02.004',
          endTime: '2026-12-04 10:17:31.877',
          origPrompt: PROMPT,
          videoUrl: VIDEO_URL,
        },
      },
      response: expect.objectContaining({ modelId: 'wan2.6-t2v' }),
    });
  });

  it('reads wan2.1 / wan2.5 usage (video_duration) and string numbers', async () => {
    const result = await status({
      output: { task_id: TASK_ID, task_status: 'SUCCEEDED', video_url: VIDEO_URL },
      usage: { video_duration: '5', video_ratio: 'standard', video_count: 1 },
    });
    expect(result).toMatchObject({ usage: { videoSeconds: 5 } });
    expect((result as { usage: object }).usage).not.toHaveProperty('billedUnits');
  });

  it('maps FAILED to DashScope code and message', async () => {
    expect(await status(failedTask)).toMatchObject({
      status: 'failed',
      error: { code: 'InvalidParameter', message: failedTask.output.message },
    });
    expect((await status(failedTask)).status === 'failed' && (await status(failedTask))).not.toHaveProperty(
      'error.contentFiltered',
    );
  });

  it('maps DataInspectionFailed to a content-filtered failure', async () => {
    expect(await status(filteredTask)).toStrictEqual({
      status: 'failed',
      error: {
        code: 'DataInspectionFailed',
        message: 'Output data may contain inappropriate content.',
        contentFiltered: true,
      },
      providerMetadata: {
        alibaba: { taskId: TASK_ID, taskStatus: 'FAILED', requestId: filteredTask.request_id },
      },
    });
  });

  it('maps CANCELED and UNKNOWN (expired) to failures', async () => {
    expect(await status({ output: { task_id: TASK_ID, task_status: 'CANCELED' } })).toMatchObject({
      status: 'failed',
      error: { code: 'CANCELED' },
    });
    expect(await status({ request_id: 'r', output: { task_id: TASK_ID, task_status: 'UNKNOWN' } })).toMatchObject({
      status: 'failed',
      error: { code: 'UNKNOWN', message: expect.stringContaining('24 hours') },
    });
  });

  it('refuses an operation that is not a DashScope task before any request', async () => {
    for (const operation of [{ name: 'x' }, { taskId: '../x' }, 'abc', null]) {
      await expect(createModel().doStatus({ operation })).rejects.toBeInstanceOf(InvalidArgumentError);
    }
    expect(server.calls).toHaveLength(0);
  });
});

describe('credentials stay on the configured origin', () => {
  it('follows a status redirect to another origin without the key', async () => {
    server.urls[`${BASE}/api/v1/tasks/:id`].response = {
      type: 'redirect',
      location: 'https://proxy.example.com/elsewhere',
      status: 307,
    };
    server.urls['https://proxy.example.com/*'].response = { type: 'json-value', body: runningTask };
    const status = await createModel().doStatus({ operation: { taskId: TASK_ID }, headers: { 'x-tag': 't' } });
    expect(status.status).toBe('pending');
    expect(server.calls.map((call) => call.requestUrl)).toStrictEqual([
      TASK_URL,
      'https://proxy.example.com/elsewhere',
    ]);
    expect(server.calls[0].requestHeaders.authorization).toBe(`Bearer ${API_KEY}`);
    expect(server.calls[1].requestHeaders.authorization).toBeUndefined();
    expect(server.calls[1].requestHeaders['x-tag']).toBeUndefined();
  });

  it('refuses a video URL on loopback unless allowPrivateNetwork', async () => {
    const video = { type: 'url' as const, url: 'http://127.0.0.1:9/video.mp4', mediaType: 'video/mp4' };
    await expect(createModel().doDownload({ video })).rejects.toThrow(/private|loopback/i);
    expect(server.calls).toHaveLength(0);
  });
});

describe('doCancel', () => {
  it('POSTs the cancel path with the key', async () => {
    await createModel().doCancel({ operation: { taskId: TASK_ID } });
    expect(server.calls).toHaveLength(1);
    expect(server.calls[0].requestMethod).toBe('POST');
    expect(server.calls[0].requestUrl).toBe(`${TASK_URL}/cancel`);
    expect(server.calls[0].requestHeaders.authorization).toBe(`Bearer ${API_KEY}`);
  });

  it('reports a task that can no longer be canceled as an APICallError', async () => {
    server.urls[`${BASE}/api/v1/tasks/:id/cancel`].response = {
      type: 'error',
      status: 400,
      body: {
        code: 'UnsupportedOperation',
        message: 'Failed to cancel the task, please confirm task status is PENDING',
      },
    };
    const error = await createModel()
      .doCancel({ operation: { taskId: TASK_ID } })
      .catch((caught) => caught);
    expect(APICallError.isInstance(error)).toBe(true);
    expect(error.message).toMatch(/^UnsupportedOperation: Failed to cancel/);
  });
});

describe('doGenerate', () => {
  it('submits, polls and downloads: the key goes to DashScope, not to the OSS video URL', async () => {
    server.urls[`${BASE}/api/v1/tasks/:id`].response = [
      { type: 'json-value', body: runningTask },
      { type: 'json-value', body: succeededTask },
    ];
    const result = await createModel().doGenerate(defaultOptions);
    expect(server.calls.map((call) => `${call.requestMethod} ${call.requestUrl}`)).toStrictEqual([
      `POST ${CREATE_URL}`,
      `GET ${TASK_URL}`,
      `GET ${TASK_URL}`,
      `GET ${VIDEO_URL}`,
    ]);
    const download = server.calls[3];
    expect(download.requestHeaders.authorization).toBeUndefined();
    expect(JSON.stringify(download.requestHeaders)).not.toContain(API_KEY);
    expect(result.videos).toStrictEqual([{ type: 'binary', data: MP4, mediaType: 'video/mp4' }]);
    expect(result.usage).toMatchObject({ videoSeconds: 5 });
  });

  it('throws VideoJobFailedError with contentFiltered for a moderated task', async () => {
    server.urls[`${BASE}/api/v1/tasks/:id`].response = { type: 'json-value', body: filteredTask };
    const error = await createModel()
      .doGenerate(defaultOptions)
      .catch((caught) => caught);
    expect(error).toBeInstanceOf(VideoJobFailedError);
    expect(error.contentFiltered).toBe(true);
    expect(error.message).toContain('inappropriate content');
  });
});
