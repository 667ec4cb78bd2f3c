import type { VideoModelV3 } from '@videogen/provider-spec';
import { generateVideoFromJob } from '@videogen/provider-utils';

/**
 * A tiny HTTP video model for tests: POST {baseURL}/jobs, GET
 * {baseURL}/jobs/:id, DELETE {baseURL}/jobs/:id. The operation is plain JSON,
 * so a new instance in another process can resume it.
 */
export function createHttpJobModel(baseURL: string): VideoModelV3 {
  const model: VideoModelV3 = {
    specificationVersion: 'v3',
    provider: 'http-test.video',
    modelId: 'test-model',
    maxVideosPerCall: 1,
    async doGenerate(options) {
      return await generateVideoFromJob({ model: model as never, options, poll: { intervalMs: 10 } });
    },
    async doStart(options) {
      const response = await fetch(`${baseURL}/jobs`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: 'Bearer test-key' },
        body: JSON.stringify({ prompt: options.prompt, seed: options.seed ?? null }),
        signal: options.abortSignal,
      });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      const body = (await response.json()) as { id: string };
      return {
        operation: { id: body.id },
        warnings: [],
        response: { timestamp: new Date(), modelId: 'test-model', headers: undefined },
      };
    },
    async doStatus({ operation, abortSignal }) {
      const { id } = operation as { id: string };
      const response = await fetch(`${baseURL}/jobs/${id}`, { signal: abortSignal });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      const body = (await response.json()) as { status: string; progress?: number; video_url?: string };
      if (body.status === 'done') {
        return {
          status: 'completed',
          videos: [{ type: 'url', url: body.video_url!, mediaType: 'video/mp4' }],
          warnings: [],
          response: { timestamp: new Date(), modelId: 'test-model', headers: undefined },
        };
      }
      return { status: 'pending', providerStatus: body.status, progress: body.progress };
    },
    async doCancel({ operation }) {
      const { id } = operation as { id: string };
      await fetch(`${baseURL}/jobs/${id}`, { method: 'DELETE' });
    },
  };
  return model;
}
