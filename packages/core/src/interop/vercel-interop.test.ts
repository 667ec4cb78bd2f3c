import { createFal } from '@ai-sdk/fal';
import { experimental_generateVideo } from 'ai';
import { describe, expect, it } from 'vitest';
import type { VideoModelV3 } from '@videogen/provider-spec';
import { fetchWithCredentials, generateVideoFromJob } from '@videogen/provider-utils';
import { createDownload } from '../download/create-download';
import { generateVideo } from '../generate-video/generate-video';
import { createTestServer } from '../test';

const MP4 = new Uint8Array([0, 0, 0, 0x18, 0x66, 0x74, 0x79, 0x70, 0x69, 0x73, 0x6f, 0x6d]);

const server = createTestServer({
  // A tiny videogen job API.
  'https://api.videogen.test/v1/jobs': { response: { type: 'json-value', body: { id: 'vid_1' } } },
  'https://api.videogen.test/v1/jobs/:id': {
    response: [
      { type: 'json-value', body: { status: 'running', progress: 20 } },
      { type: 'json-value', body: { status: 'done' } },
    ],
  },
  'https://api.videogen.test/v1/jobs/:id/content': {
    response: { type: 'binary', body: MP4, headers: { 'content-type': 'video/mp4' } },
  },
  // fal's queue API, as @ai-sdk/fal calls it.
  'https://queue.fal.run/fal-ai/luma-dream-machine': {
    response: {
      type: 'json-value',
      body: { request_id: 'req_1', response_url: 'https://queue.fal.run/fal-ai/luma-dream-machine/requests/req_1' },
    },
  },
  'https://queue.fal.run/fal-ai/luma-dream-machine/requests/req_1': {
    response: {
      type: 'json-value',
      body: {
        video: { url: 'https://v3.fal.media/files/out.mp4', content_type: 'video/mp4', width: 1280, height: 720 },
      },
    },
  },
  'https://v3.fal.media/files/out.mp4': {
    response: { type: 'binary', body: MP4, headers: { 'content-type': 'video/mp4' } },
  },
});

/** A minimal videogen model: job methods over HTTP, doGenerate built from them. */
function createTinyVideogenModel(): VideoModelV3 {
  const baseURL = 'https://api.videogen.test/v1';
  const auth = { authorization: 'Bearer vg-key' };
  const response = { timestamp: new Date(0), modelId: 'tiny-1', headers: undefined };
  const model: VideoModelV3 = {
    specificationVersion: 'v3',
    provider: 'tiny.video',
    modelId: 'tiny-1',
    maxVideosPerCall: 1,
    doGenerate: (options) => generateVideoFromJob({ model: model as never, options, poll: { intervalMs: 1 } }),
    async doStart(options) {
      const result = await fetch(`${baseURL}/jobs`, {
        method: 'POST',
        headers: { ...auth, 'content-type': 'application/json' },
        body: JSON.stringify({ prompt: options.prompt, duration: options.duration, seed: options.seed }),
        signal: options.abortSignal,
      });
      const { id } = (await result.json()) as { id: string };
      return { operation: { id }, warnings: [], response };
    },
    async doStatus({ operation, abortSignal }) {
      const { id } = operation as { id: string };
      const result = await fetch(`${baseURL}/jobs/${id}`, { headers: auth, signal: abortSignal });
      const body = (await result.json()) as { status: string; progress?: number };
      return body.status === 'done'
        ? {
            status: 'completed',
            videos: [{ type: 'url', url: `${baseURL}/jobs/${id}/content`, mediaType: 'video/mp4' }],
            warnings: [],
            response,
          }
        : { status: 'pending', progress: body.progress };
    },
    doDownload: ({ video, abortSignal }) =>
      fetchWithCredentials({ url: video.url, credentialHeaders: auth, credentialOrigin: baseURL, abortSignal }),
  };
  return model;
}

describe('interop with the Vercel AI SDK', () => {
  it('a videogen model works inside experimental_generateVideo from "ai"', async () => {
    const result = await experimental_generateVideo({
      model: createTinyVideogenModel(),
      prompt: 'a lighthouse',
      duration: 4,
      seed: 0,
    });
    expect(result.video.uint8Array).toStrictEqual(MP4);
    expect(result.video.mediaType).toBe('video/mp4');
    expect(server.calls.map((call) => `${call.requestMethod} ${call.requestUrl}`)).toStrictEqual([
      'POST https://api.videogen.test/v1/jobs',
      'GET https://api.videogen.test/v1/jobs/vid_1',
      'GET https://api.videogen.test/v1/jobs/vid_1',
      'GET https://api.videogen.test/v1/jobs/vid_1/content',
    ]);
    expect(server.calls[0].requestBodyJson).toStrictEqual({ prompt: 'a lighthouse', duration: 4, seed: 0 });
    expect(server.calls[3].requestHeaders.authorization).toBe('Bearer vg-key');
  });

  it('a Vercel V3 video model (@ai-sdk/fal) works inside videogen generateVideo', async () => {
    const model = createFal({ apiKey: 'test' }).video('luma-dream-machine');
    const events: string[] = [];
    const result = await generateVideo({
      model,
      prompt: 'a lighthouse',
      aspectRatio: '16:9',
      duration: 5,
      seed: 42,
      // msw cannot see the default public fetch's own connection pool; URL checks stay on.
      download: createDownload({ fetch: (input, init) => globalThis.fetch(input, init) }),
      onProgress: (event) => events.push(event.type),
    });
    expect(result.video.uint8Array).toStrictEqual(MP4);
    expect(result.video.mediaType).toBe('video/mp4');
    expect(result.jobs).toStrictEqual([]);
    expect(result.providerMetadata).toMatchObject({
      fal: { videos: [{ url: 'https://v3.fal.media/files/out.mp4', width: 1280 }] },
    });
    expect(events).toStrictEqual(['completed', 'download-progress']);
    expect(server.calls.map((call) => `${call.requestMethod} ${call.requestUrl}`)).toStrictEqual([
      'POST https://queue.fal.run/fal-ai/luma-dream-machine',
      'GET https://queue.fal.run/fal-ai/luma-dream-machine/requests/req_1',
      'GET https://v3.fal.media/files/out.mp4',
    ]);
    expect(server.calls[0].requestBodyJson).toStrictEqual({
      prompt: 'a lighthouse',
      aspect_ratio: '16:9',
      duration: '5s',
      seed: 42,
    });
    expect(server.calls[0].requestHeaders.authorization).toBe('Key test');
    expect(server.calls[2].requestHeaders.authorization).toBeUndefined();
  });
});
