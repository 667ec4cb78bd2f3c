// Issue 21 end to end: generate a video, then extend / edit / remix / restyle it through core's
// `generateVideo({ sourceVideo })`, over the emulator on 127.0.0.1, for every provider model that
// declares `capabilities.sourceVideo`; each origin it declares is used once (the GeneratedVideo
// from the first result, the job as JSON read back from disk, and the bytes).
import { generateVideo, getVideoModelCapabilities } from '@videogen/core';
import type { EmulatorServer } from '@videogen/emulator';
import type { VideoModelV3, VideoModelV3SourceVideoCapability } from '@videogen/provider-spec';
import { describe, expect, it } from 'vitest';
import { createAlibaba } from '@videogen/alibaba';
import { createByteDance } from '@videogen/bytedance';
import { createFal } from '@videogen/fal';
import { createGoogle } from '@videogen/google';
import { createKling } from '@videogen/kling';
import { createOpenAI } from '@videogen/openai';
import { createOpenRouter } from '@videogen/openrouter';
import { createLuma } from '@videogen/luma';
import { createXai } from '@videogen/xai';
import { createReplicate } from '@videogen/replicate';
import { createRunway } from '@videogen/runway';
import { API_KEY, download, parseMp4, poll, useEmulator } from './helpers';

type SourceCase = {
  name: string;
  /** The model that makes the first video. */
  generate(server: EmulatorServer): VideoModelV3;
  /** The model that works on it (often the same). */
  source(server: EmulatorServer): VideoModelV3;
  /** A duration for the call on the source, where the API needs one (Wan's extension: the total length). */
  duration?: number;
  /** Settings of the first generation, where the operation needs a particular source (Veo: 8 s at 720p). */
  first?: { duration?: number; resolution?: `${number}x${number}` };
};

const CASES: SourceCase[] = [
  {
    name: 'replicate',
    generate: (server) =>
      createReplicate({ apiKey: API_KEY, baseURL: server.baseURLs.replicate }).video('minimax/h3-highspeed'),
    source: (server) =>
      createReplicate({ apiKey: API_KEY, baseURL: server.baseURLs.replicate }).video('minimax/h3-highspeed'),
  },
  {
    name: 'openai',
    generate: (server) => createOpenAI({ apiKey: API_KEY, baseURL: server.baseURLs.openai }).video('sora-2'),
    source: (server) => createOpenAI({ apiKey: API_KEY, baseURL: server.baseURLs.openai }).video('sora-2'),
    first: { duration: 4 },
  },
  {
    name: 'openrouter',
    generate: (server) =>
      createOpenRouter({ apiKey: API_KEY, baseURL: server.baseURLs.openrouter }).video('google/veo-3.1-fast'),
    source: (server) =>
      createOpenRouter({ apiKey: API_KEY, baseURL: server.baseURLs.openrouter }).video('google/veo-3.1-fast'),
  },
  {
    name: 'google',
    generate: (server) =>
      createGoogle({ apiKey: API_KEY, baseURL: server.baseURLs.google }).video('veo-3.1-fast-generate-preview'),
    source: (server) =>
      createGoogle({ apiKey: API_KEY, baseURL: server.baseURLs.google }).video('veo-3.1-fast-generate-preview'),
    first: { duration: 8, resolution: '1280x720' },
  },
  {
    name: 'fal (extend)',
    generate: (server) => createFal({ apiKey: API_KEY, baseURL: server.baseURLs.fal }).video('fal-ai/veo3.1/fast'),
    source: (server) =>
      createFal({ apiKey: API_KEY, baseURL: server.baseURLs.fal }).video('fal-ai/veo3.1/fast/extend-video'),
    first: { duration: 8, resolution: '1280x720' },
  },
  {
    name: 'fal (edit)',
    generate: (server) => createFal({ apiKey: API_KEY, baseURL: server.baseURLs.fal }).video('fal-ai/veo3.1/fast'),
    source: (server) =>
      createFal({ apiKey: API_KEY, baseURL: server.baseURLs.fal }).video('fal-ai/kling-video/o1/video-to-video/edit'),
    first: { duration: 8, resolution: '1280x720' },
  },
  {
    name: 'xai',
    generate: (server) => createXai({ apiKey: API_KEY, baseURL: server.baseURLs.xai }).video('grok-imagine-video'),
    source: (server) => createXai({ apiKey: API_KEY, baseURL: server.baseURLs.xai }).video('grok-imagine-video'),
  },
  {
    name: 'luma',
    generate: (server) => createLuma({ apiKey: API_KEY, baseURL: server.baseURLs.luma }).video('ray-2'),
    source: (server) => createLuma({ apiKey: API_KEY, baseURL: server.baseURLs.luma }).video('ray-2'),
  },
  {
    name: 'bytedance',
    generate: (server) =>
      createByteDance({ apiKey: API_KEY, baseURL: server.baseURLs.bytedance }).video('dreamina-seedance-2-0-260128'),
    source: (server) =>
      createByteDance({ apiKey: API_KEY, baseURL: server.baseURLs.bytedance }).video('dreamina-seedance-2-0-260128'),
  },
  {
    name: 'alibaba (edit)',
    generate: (server) => createAlibaba({ apiKey: API_KEY, baseURL: server.baseURLs.alibaba }).video('wan2.6-t2v'),
    source: (server) => createAlibaba({ apiKey: API_KEY, baseURL: server.baseURLs.alibaba }).video('wan2.7-videoedit'),
  },
  {
    name: 'alibaba (extend)',
    generate: (server) => createAlibaba({ apiKey: API_KEY, baseURL: server.baseURLs.alibaba }).video('wan2.6-t2v'),
    source: (server) => createAlibaba({ apiKey: API_KEY, baseURL: server.baseURLs.alibaba }).video('wan2.7-i2v'),
    duration: 10,
  },
  {
    name: 'kling',
    generate: (server) => createKling({ apiKey: API_KEY, baseURL: server.baseURLs.kling }).video('kling-v2-6'),
    source: (server) => createKling({ apiKey: API_KEY, baseURL: server.baseURLs.kling }).video('kling-v2-6'),
  },
  {
    name: 'runway',
    generate: (server) => createRunway({ apiKey: API_KEY, baseURL: server.baseURLs.runway }).video('gen4.5'),
    source: (server) => createRunway({ apiKey: API_KEY, baseURL: server.baseURLs.runway }).video('aleph2'),
  },
];

const emulator = useEmulator();

/** The emulator's MP4s record their length in the `mvhd` box; read it in seconds. */
function mp4Seconds(bytes: Uint8Array): number {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let offset = 0; offset + 8 <= bytes.length; offset++) {
    if (
      bytes[offset] === 0x6d &&
      bytes[offset + 1] === 0x76 &&
      bytes[offset + 2] === 0x68 &&
      bytes[offset + 3] === 0x64
    ) {
      const version = bytes[offset + 4];
      const base = offset + 8;
      return version === 1
        ? Number(view.getBigUint64(base + 20)) / view.getUint32(base + 16)
        : view.getUint32(base + 12) / view.getUint32(base + 8);
    }
  }
  throw new Error('no mvhd box');
}

describe.each(CASES)('source videos over the emulator: $name', (testCase) => {
  it('works on a video it generated, from every origin the model declares', async () => {
    const { server } = emulator;
    const sourceModel = testCase.source(server);
    const capabilities = await getVideoModelCapabilities(sourceModel);
    const operations: VideoModelV3SourceVideoCapability[] = capabilities?.sourceVideo ?? [];
    expect(operations.length, `${testCase.name} declares a source-video operation`).toBeGreaterThan(0);

    const first = await generateVideo({
      model: testCase.generate(server),
      prompt: 'A red kite over a beach',
      poll,
      download,
    });
    parseMp4(first.video.uint8Array);
    expect(first.video.job?.provider).toBe(sourceModel.provider);
    expect(mp4Seconds(first.video.uint8Array)).toBeGreaterThan(0);

    for (const operation of operations) {
      // A job or URL origin takes the GeneratedVideo and the job read back as JSON (core sends the job's
      // own id, or resolves it to the video's public URL); a data origin takes the bytes.
      const sources: Array<{ origin: string; video: unknown }> = [];
      if (operation.origins.includes('job') || operation.origins.includes('url')) {
        sources.push({ origin: 'GeneratedVideo', video: first.video });
        sources.push({ origin: 'job JSON', video: JSON.stringify(first.video.job) });
      }
      if (operation.origins.includes('data')) sources.push({ origin: 'bytes', video: first.video.uint8Array });
      for (const source of sources) {
        const jobsBefore = server.emulator.jobs.list().length;
        const label = `${testCase.name} ${operation.operation} from ${source.origin}`;
        const result = await generateVideo({
          model: testCase.source(server),
          prompt: 'Keep going, the kite climbs higher',
          sourceVideo: { operation: operation.operation, video: source.video as Uint8Array },
          duration: testCase.duration,
          poll,
          download,
        });
        expect(parseMp4(result.video.uint8Array), label).toContain('mdat');
        expect(server.emulator.jobs.list().length, `${label}: one new paid job`).toBe(jobsBefore + 1);
        // An extension is the source plus new seconds, or the new seconds alone, as the API returns it.
        expect(mp4Seconds(result.video.uint8Array), label).toBeGreaterThan(0);
      }
    }
  }, 120_000);

  it('refuses an operation the model does not declare before anything is paid for', async () => {
    const { server } = emulator;
    const sourceModel = testCase.source(server);
    const declared = ((await getVideoModelCapabilities(sourceModel))?.sourceVideo ?? []).map(
      (entry) => entry.operation,
    );
    const missing = (['extend', 'edit', 'remix', 'video-to-video'] as const).find(
      (operation) => !declared.includes(operation),
    );
    if (missing === undefined) return;
    const jobsBefore = server.emulator.jobs.list().length;
    await expect(
      generateVideo({
        model: sourceModel,
        prompt: 'x',
        sourceVideo: { operation: missing, video: 'https://cdn.example/clip.mp4' },
        poll,
        download,
      }),
    ).rejects.toMatchObject({ name: 'AI_InvalidArgumentError' });
    expect(server.emulator.jobs.list().length).toBe(jobsBefore);
  });
});
