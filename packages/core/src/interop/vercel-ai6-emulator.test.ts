import { randomUUID } from 'node:crypto';
import { createFal } from '@ai-sdk/fal';
import { createGoogleGenerativeAI } from '@ai-sdk/google';
import { APICallError as VercelAPICallError, experimental_generateVideo } from 'ai';
import { describe, expect, it, vi } from 'vitest';
import { APICallError, VideoJobFailedError } from '@videogen/provider-spec';
import { createDownload } from '../download/create-download';
import { generateVideo } from '../generate-video/generate-video';
import { startVideo } from '../jobs/start-video';
import { waitForVideo } from '../jobs/wait-for-video';
import {
  EMULATOR_KEY,
  INTEROP_PROVIDER_CASES,
  isMp4,
  redirectingFetch,
  useInteropEmulator,
  vercelStyleDownload,
} from './emulator-cases';

// `ai` 6 speaks VideoModelV3: videogen models go in as they are, and its V3 models come out.
// Real HTTP against the emulator on 127.0.0.1; never assert on durations.
vi.setConfig({ testTimeout: 60_000, hookTimeout: 30_000 });

const emulator = useInteropEmulator();
const download = createDownload({ allowPrivateNetwork: true });

describe.each(INTEROP_PROVIDER_CASES)('ai 6 <-> videogen: $api', (providerCase) => {
  it('a videogen model works in experimental_generateVideo of ai 6, the key staying at its origin', async () => {
    const prompt = `a lighthouse ${randomUUID()}`;
    const result = await experimental_generateVideo({
      model: providerCase.model(emulator.server),
      prompt,
      providerOptions: providerCase.fastPoll,
      // ai's default download refuses loopback hosts; the emulator's public files are on localhost.
      download: vercelStyleDownload,
    });
    expect(isMp4(result.video.uint8Array)).toBe(true);
    expect(result.video.mediaType).toBe('video/mp4');
    const jobs = emulator.server.emulator.jobs.list({ api: providerCase.api }).filter((job) => job.prompt === prompt);
    expect(jobs.map((job) => job.status)).toStrictEqual(['completed']);
    expect(emulator.server.emulator.requests.filter((entry) => entry.credentialLeak)).toStrictEqual([]);
  });

  it('a failed job surfaces from ai 6 with the provider reason', async () => {
    await expect(
      experimental_generateVideo({
        model: providerCase.model(emulator.server),
        prompt: `a storm [emulator:fail] ${randomUUID()}`,
        providerOptions: providerCase.fastPoll,
      }),
    ).rejects.toSatisfy((error) => VideoJobFailedError.isInstance(error) || APICallError.isInstance(error));
  });
});

describe('Vercel V3 models (ai 6 providers) in videogen, against the emulator', () => {
  const vercelCases = [
    {
      api: 'fal' as const,
      model: () =>
        createFal({
          apiKey: EMULATOR_KEY,
          fetch: redirectingFetch({ 'https://queue.fal.run': emulator.server.baseURLs.fal }),
        }).video('veo3.1/fast'),
    },
    {
      api: 'google' as const,
      model: () =>
        createGoogleGenerativeAI({ apiKey: EMULATOR_KEY, baseURL: emulator.server.baseURLs.google }).video(
          'veo-3.1-fast-generate-preview',
        ),
    },
  ];

  it.each(vercelCases)('$api: generateVideo', async ({ api, model }) => {
    const prompt = `a red kite ${randomUUID()}`;
    const result = await generateVideo({ model: model(), prompt, download, providerOptions: fastVercelPoll(api) });
    expect(isMp4(result.video.uint8Array)).toBe(true);
    const jobs = emulator.server.emulator.jobs.list({ api }).filter((job) => job.prompt === prompt);
    expect(jobs.map((job) => job.status)).toStrictEqual(['completed']);
  });

  it('a V3 model without job methods cannot be started as a job', async () => {
    await expect(startVideo({ model: vercelCases[0].model(), prompt: 'x' })).rejects.toThrow(/no job methods/);
    await expect(
      waitForVideo({
        model: vercelCases[0].model(),
        job: { specificationVersion: 'v3', provider: 'fal.video', modelId: 'veo3.1/fast', operation: {} },
      }),
    ).rejects.toThrow(/no job methods/);
  });
});

describe('errors are recognised across the two SDKs', () => {
  it('an APICallError of either SDK is one for the other (isInstance markers)', () => {
    const ours = new APICallError({ message: 'x', url: 'https://a.test', requestBodyValues: {} });
    const theirs = new VercelAPICallError({ message: 'x', url: 'https://a.test', requestBodyValues: {} });
    expect(VercelAPICallError.isInstance(ours)).toBe(true);
    expect(APICallError.isInstance(theirs)).toBe(true);
    expect(VideoJobFailedError.isInstance(theirs)).toBe(false);
  });
});

/** The Vercel providers' own polling options, so that the test does not wait their default seconds. */
function fastVercelPoll(api: 'fal' | 'google'): Record<string, { pollIntervalMs: number }> {
  return { [api]: { pollIntervalMs: 100 } };
}
