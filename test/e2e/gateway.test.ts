// Issue 24 end to end, over the emulator on 127.0.0.1, for every provider: the model catalog, job
// lists and deletion where the API has them (a clear UnsupportedFunctionalityError where it has not),
// and a download link a browser can fetch: the provider's own public URL, or a link to our own
// content endpoint signed with the server's secret.
import {
  createVideoDownloadLinkSigner,
  createVideoContentResponse,
  deleteVideo,
  getVideoDownloadUrl,
  getVideoStatus,
  listVideoModels,
  listVideos,
  startVideo,
  waitForVideo,
} from '@videogen/core';
import { createAlibaba } from '@videogen/alibaba';
import { createByteDance } from '@videogen/bytedance';
import type { EmulatorServer } from '@videogen/emulator';
import { createFal } from '@videogen/fal';
import { createGoogle } from '@videogen/google';
import { createKling } from '@videogen/kling';
import { createLuma } from '@videogen/luma';
import { createMiniMax } from '@videogen/minimax';
import { createOpenAI } from '@videogen/openai';
import { createOpenRouter } from '@videogen/openrouter';
import type { VideoModelV3, VideoProviderV3 } from '@videogen/provider-spec';
import { createReplicate } from '@videogen/replicate';
import { createRunway } from '@videogen/runway';
import { createXai } from '@videogen/xai';
import { describe, expect, it } from 'vitest';
import { API_KEY, PROVIDER_CASES, download, poll, useEmulator } from './helpers';

const PROVIDERS: Record<
  string,
  (
    server: EmulatorServer,
  ) => Pick<VideoProviderV3, 'listVideoModels' | 'listJobs'> & { video(id: string): VideoModelV3 }
> = {
  openai: (server) => createOpenAI({ apiKey: API_KEY, baseURL: server.baseURLs.openai }),
  google: (server) => createGoogle({ apiKey: API_KEY, baseURL: server.baseURLs.google }),
  fal: (server) => createFal({ apiKey: API_KEY, baseURL: server.baseURLs.fal }),
  openrouter: (server) => createOpenRouter({ apiKey: API_KEY, baseURL: server.baseURLs.openrouter }),
  alibaba: (server) => createAlibaba({ apiKey: API_KEY, baseURL: server.baseURLs.alibaba }),
  minimax: (server) => createMiniMax({ apiKey: API_KEY, baseURL: server.baseURLs.minimax }),
  bytedance: (server) => createByteDance({ apiKey: API_KEY, baseURL: server.baseURLs.bytedance }),
  runway: (server) => createRunway({ apiKey: API_KEY, baseURL: server.baseURLs.runway }),
  kling: (server) => createKling({ apiKey: API_KEY, baseURL: server.baseURLs.kling }),
  xai: (server) => createXai({ apiKey: API_KEY, baseURL: server.baseURLs.xai }),
  luma: (server) => createLuma({ apiKey: API_KEY, baseURL: server.baseURLs.luma }),
  replicate: (server) => createReplicate({ apiKey: API_KEY, baseURL: server.baseURLs.replicate }),
};

const SECRET = 'e2e-download-link-secret-0123456789abcdef';
const emulator = useEmulator();

describe.each(PROVIDER_CASES)('gateway operations over the emulator: $api', (testCase) => {
  it('lists its models with capabilities', async () => {
    const provider = PROVIDERS[testCase.api](emulator.server);
    expect(provider.listVideoModels, `${testCase.api} has listVideoModels`).toBeTypeOf('function');
    const { models, warnings } = await listVideoModels({ providers: { [testCase.api]: provider } });
    expect(warnings).toEqual([]);
    const entry = models.find((model) => model.modelId === testCase.modelId);
    expect(entry, `${testCase.api} lists ${testCase.modelId}`).toMatchObject({
      id: `${testCase.api}:${testCase.modelId}`,
      providerName: testCase.api,
    });
    expect(entry?.capabilities).toBeTypeOf('object');
  });

  it('lists, links and deletes a finished job where the API can, and says so where it cannot', async () => {
    const { server } = emulator;
    const model = testCase.model(server);
    const { job } = await startVideo({ model, prompt: 'A paper boat on a pond' });
    await waitForVideo({ model, job, poll, download });

    // Jobs: every completed job listed resumes.
    if (model.doListJobs) {
      const page = await listVideos({ model, status: 'completed', limit: 20 });
      expect(page.videos.length, `${testCase.api} lists the finished job`).toBeGreaterThan(0);
      for (const listed of page.videos.slice(0, 3)) {
        expect(listed.status).toBe('completed');
        expect((await getVideoStatus({ model, job: listed.job })).status).toBe('completed');
      }
    } else {
      await expect(listVideos({ model })).rejects.toMatchObject({ name: 'AI_UnsupportedFunctionalityError' });
    }

    // A link a browser can fetch: the provider's own, or one signed for our content endpoint.
    const signer = createVideoDownloadLinkSigner({ secret: SECRET, baseUrl: 'http://app.test/api/video/content' });
    const link = await getVideoDownloadUrl({ model, job, signer, subject: 'alice', expiresIn: 300 });
    expect(link.url).not.toContain(API_KEY);
    let response: Response;
    if (link.source === 'provider') {
      response = await fetch(link.url);
    } else {
      const verified = await signer.verify(new Request(link.url), { subject: 'alice' });
      expect(verified.valid).toBe(true);
      if (!verified.valid) return;
      expect(await signer.verify(new Request(link.url), { subject: 'bob' })).toMatchObject({ valid: false });
      response = await createVideoContentResponse({ model, job: verified.job, index: verified.index, download });
    }
    expect(response.status, `${testCase.api} link (${link.source}) serves the video`).toBe(200);
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect(new TextDecoder().decode(bytes.subarray(4, 8))).toBe('ftyp');

    // Deletion.
    if (model.doDelete) {
      await deleteVideo({ model, job });
      await expect(getVideoStatus({ model, job })).rejects.toBeDefined();
    } else {
      await expect(deleteVideo({ model, job })).rejects.toMatchObject({ name: 'AI_UnsupportedFunctionalityError' });
    }
  }, 60_000);
});
