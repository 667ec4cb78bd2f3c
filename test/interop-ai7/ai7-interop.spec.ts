import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createFal as createVercelFal } from '@ai-sdk/fal';
import { createGoogleGenerativeAI } from '@ai-sdk/google';
import { APICallError as VercelAPICallError, experimental_generateVideo } from 'ai';
import {
  APICallError,
  VideoJobFailedError,
  createDownload,
  generateVideo,
  startVideo,
  toVercelVideoModel,
  waitForVideo,
} from '@videogen/core';
import { createMockJobModel } from '@videogen/core/test';
import { describe, expect, it } from 'vitest';
import {
  EMULATOR_KEY,
  INTEROP_PROVIDER_CASES,
  isMp4,
  redirectingFetch,
  useInteropEmulator,
  vercelStyleDownload,
} from '../../packages/core/src/interop/emulator-cases';

// ai 7 speaks VideoModelV4. Our models go in through toVercelVideoModel, on both of its paths:
// the plain one (doGenerate) and the poll/webhook one, where ai 7 drives doStart/doStatus itself,
// downloads plain URLs without credentials and expects a failed job as { status: 'error' }.
// Real HTTP against the emulator on 127.0.0.1; never assert on durations.

const emulator = useInteropEmulator();
const poll = { intervalMs: 100, timeoutMs: 30_000 };

function requestsOfPrompt(api: string, prompt: string) {
  const ids = emulator.server.emulator.jobs
    .list({ api: api as never })
    .filter((job) => job.prompt === prompt)
    .map((job) => job.id);
  return { ids, requests: emulator.server.emulator.requests.filter((entry) => ids.includes(entry.jobId ?? '')) };
}

describe.each(INTEROP_PROVIDER_CASES)('ai 7 <- videogen: $api', (providerCase) => {
  // The emulator's Gemini storage is on localhost: the wrapper's downloads may reach it.
  const emulatorDownload = createDownload({ allowPrivateNetwork: true });
  const model = () =>
    toVercelVideoModel(providerCase.model(emulator.server), { poll: { intervalMs: 100 }, download: emulatorDownload });

  it("plain path: experimental_generateVideo calls doGenerate (the provider's own polling)", async () => {
    const prompt = `a lighthouse ${randomUUID()}`;
    const result = await experimental_generateVideo({
      model: toVercelVideoModel(providerCase.model(emulator.server), { download: emulatorDownload }),
      prompt,
      providerOptions: providerCase.fastPoll,
      download: vercelStyleDownload,
    });
    expect(isMp4(result.video.uint8Array)).toBe(true);
    expect(result.video.mediaType).toBe('video/mp4');
    const { ids } = requestsOfPrompt(providerCase.api, prompt);
    expect(ids).toHaveLength(1);
    expect(emulator.server.emulator.requests.filter((entry) => entry.credentialLeak)).toStrictEqual([]);
  });

  it("plain path with the wrapper's poll setting (doGenerate built from doStart/doStatus)", async () => {
    const result = await experimental_generateVideo({
      model: model(),
      prompt: `a dune ${randomUUID()}`,
      download: vercelStyleDownload,
    });
    expect(isMp4(result.video.uint8Array)).toBe(true);
  });

  it('poll path: ai 7 drives doStart/doStatus; the video arrives without ai 7 holding the key', async () => {
    const prompt = `a red kite ${randomUUID()}`;
    const result = await experimental_generateVideo({ model: model(), prompt, poll, download: vercelStyleDownload });
    expect(isMp4(result.video.uint8Array)).toBe(true);
    const { ids, requests } = requestsOfPrompt(providerCase.api, prompt);
    expect(ids).toHaveLength(1);
    expect(requests.filter((entry) => entry.status >= 400)).toStrictEqual([]);
    expect(emulator.server.emulator.requests.filter((entry) => entry.credentialLeak)).toStrictEqual([]);
  });

  it('poll path: a failed job ends at once as an error with the provider reason', async () => {
    const error = await experimental_generateVideo({
      model: model(),
      prompt: `a storm [emulator:fail] ${randomUUID()}`,
      poll,
      download: vercelStyleDownload,
    }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toMatch(new RegExp(`^${providerCase.model(emulator.server).provider} job failed`));
    expect((error as Error).message).not.toMatch(/timed out/);
  });

  it('poll path: a content-filtered job says so', async () => {
    const error = await experimental_generateVideo({
      model: model(),
      prompt: `a crowd [emulator:filtered] ${randomUUID()}`,
      poll,
      download: vercelStyleDownload,
    }).catch((caught: unknown) => caught);
    expect((error as Error).message).toMatch(/blocked by a content filter|failed/);
    expect((error as Error).message).not.toMatch(/timed out/);
  });
});

describe('ai 7 webhook path', () => {
  it('fal: ai 7 waits for the webhook (handleWebhookOption), then asks for the status once', async () => {
    let resolveReceived!: (value: { headers: Record<string, string>; body: never }) => void;
    const received = new Promise<{ headers: Record<string, string>; body: never }>((resolve) => {
      resolveReceived = resolve;
    });
    const receiver = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        response.end('ok');
        resolveReceived({
          headers: request.headers as Record<string, string>,
          body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as never,
        });
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
      const fal = INTEROP_PROVIDER_CASES.find((entry) => entry.api === 'fal')!;
      const prompt = `a harbour ${randomUUID()}`;
      let factoryCalls = 0;
      const result = await experimental_generateVideo({
        model: toVercelVideoModel(fal.model(emulator.server), { webhooks: true }),
        prompt,
        poll,
        webhook: async () => {
          factoryCalls++;
          return { url, received };
        },
        download: vercelStyleDownload,
      });
      expect(isMp4(result.video.uint8Array)).toBe(true);
      expect(factoryCalls).toBe(1);
      expect(emulator.server.emulator.webhookDeliveries.some((delivery) => delivery.url === url)).toBe(true);
    } finally {
      await new Promise((resolve) => receiver.close(resolve));
    }
  });

  it('a model without webhooks: ai 7 never calls the factory and polls', async () => {
    const openai = INTEROP_PROVIDER_CASES.find((entry) => entry.api === 'openai')!;
    let factoryCalls = 0;
    const result = await experimental_generateVideo({
      model: toVercelVideoModel(openai.model(emulator.server)),
      prompt: `a meadow ${randomUUID()}`,
      poll,
      webhook: async () => {
        factoryCalls++;
        return { url: 'http://127.0.0.1:1/never', received: new Promise(() => {}) };
      },
      download: vercelStyleDownload,
    });
    expect(isMp4(result.video.uint8Array)).toBe(true);
    expect(factoryCalls).toBe(0);
  });
});

describe('videogen <- Vercel V4 models (ai 7 providers)', () => {
  const download = createDownload({ allowPrivateNetwork: true });
  const vercelCases = [
    {
      api: 'fal' as const,
      model: () =>
        createVercelFal({
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

  it.each(vercelCases)('$api: the model is V4, and generateVideo runs it', async ({ api, model }) => {
    expect(model().specificationVersion).toBe('v4');
    const prompt = `a red fox ${randomUUID()}`;
    const result = await generateVideo({ model: model(), prompt, download, poll: { intervalMs: 100 } });
    expect(isMp4(result.video.uint8Array)).toBe(true);
    expect(result.jobs).toHaveLength(1);
    expect(requestsOfPrompt(api, prompt).ids).toHaveLength(1);
  });

  it.each(vercelCases)(
    '$api: startVideo, then waitForVideo with a fresh model (the job as JSON)',
    async ({ model }) => {
      const { job } = await startVideo({ model: model(), prompt: `a paper boat ${randomUUID()}` });
      const stored = JSON.stringify(job);
      const result = await waitForVideo({ model: model(), job: stored, download, poll: { intervalMs: 100 } });
      expect(isMp4(result.video.uint8Array)).toBe(true);
    },
  );

  it.each(vercelCases)('$api: a failed V4 job is a VideoJobFailedError in videogen', async ({ model }) => {
    const error = await generateVideo({
      model: model(),
      prompt: `a storm [emulator:fail] ${randomUUID()}`,
      download,
      poll: { intervalMs: 100 },
    }).catch((caught: unknown) => caught);
    expect(VideoJobFailedError.isInstance(error)).toBe(true);
  });
});

describe('source videos: ai 7 inputReferences -> videogen sourceVideo (issue 21)', () => {
  const MP4 = new Uint8Array([0, 0, 0, 0x18, 0x66, 0x74, 0x79, 0x70, 0x69, 0x73, 0x6f, 0x6d, 0, 0, 0, 1]);
  const restyler = () =>
    createMockJobModel({
      statuses: [
        {
          status: 'completed',
          videos: [{ type: 'binary', data: MP4, mediaType: 'video/mp4' }],
          warnings: [],
          response: { timestamp: new Date(0), modelId: 'mock-model-id', headers: undefined },
        },
      ],
      capabilities: {
        sourceVideo: [
          { operation: 'extend', origins: ['data'] },
          { operation: 'video-to-video', origins: ['data'] },
        ],
      },
    });

  it.each([
    ['plain path (doGenerate)', {}],
    ['poll path (ai 7 drives doStart/doStatus)', { poll: { intervalMs: 10 } }],
  ])('%s: a reference video reaches a videogen model that restyles videos as its source video', async (_, extra) => {
    const model = restyler();
    const result = await experimental_generateVideo({
      model: toVercelVideoModel(model),
      prompt: 'in watercolour',
      inputReferences: [{ data: MP4, mediaType: 'video/mp4' }],
      ...extra,
    });
    expect(result.video.uint8Array).toStrictEqual(MP4);
    expect(model.startCalls[0].sourceVideo).toStrictEqual({
      operation: 'video-to-video',
      video: { type: 'file', mediaType: 'video/mp4', data: MP4 },
    });
    expect(model.startCalls[0].inputReferences).toBeUndefined();
  });

  it('the operation ai 7 cannot say (extend) is named in providerOptions.videogen', async () => {
    const model = restyler();
    await experimental_generateVideo({
      model: toVercelVideoModel(model),
      prompt: 'and then it rains',
      inputReferences: [{ data: MP4, mediaType: 'video/mp4' }],
      providerOptions: { videogen: { sourceVideoOperation: 'extend' } },
    });
    expect(model.startCalls[0].sourceVideo?.operation).toBe('extend');
  });
});

describe('errors across the two SDKs (ai 7, @ai-sdk/provider 4)', () => {
  it('an APICallError of either SDK is one for the other', () => {
    const ours = new APICallError({ message: 'x', url: 'https://a.test', requestBodyValues: {} });
    const theirs = new VercelAPICallError({ message: 'x', url: 'https://a.test', requestBodyValues: {} });
    expect(VercelAPICallError.isInstance(ours)).toBe(true);
    expect(APICallError.isInstance(theirs)).toBe(true);
  });
});
