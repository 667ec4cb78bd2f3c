import { execFile } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VideoJobFailedError } from '@videogen/provider-spec';
import { readToEnd } from '@videogen/provider-utils';
import { createHttpJobModel } from '../__fixtures__/http-job-model';
import { MockVideoModelV3, createMockJobModel, mockCompletedStatus } from '../test';
import { cancelVideo } from './cancel-video';
import { getVideoStatus } from './get-video-status';
import { startVideo } from './start-video';
import { waitForVideo } from './wait-for-video';
import { createDownload } from '../download/create-download';

/** Reads a download's web stream to its end. */
const readStreamToBytes = (stream: ReadableStream<Uint8Array>) => readToEnd(stream.getReader());

const response = { timestamp: new Date(0), modelId: 'mock-model-id', headers: undefined };

describe('startVideo', () => {
  it('returns a plain JSON job that survives JSON round trips', async () => {
    const model = createMockJobModel({
      start: () => ({
        operation: { id: 'op-1', urls: ['https://x/1'] },
        warnings: [{ type: 'unsupported', feature: 'fps' }],
        providerMetadata: { mock: { requestId: 'r1' } },
        response,
      }),
    });
    const result = await startVideo({ model, prompt: 'x', webhookUrl: 'https://example.com/hook', seed: 0 });
    expect(result).toStrictEqual({
      job: {
        specificationVersion: 'v3',
        provider: 'mock-provider',
        modelId: 'mock-model-id',
        operation: { id: 'op-1', urls: ['https://x/1'] },
      },
      warnings: [{ type: 'unsupported', feature: 'fps' }],
      providerMetadata: { mock: { requestId: 'r1' } },
      response,
    });
    expect(JSON.parse(JSON.stringify(result.job))).toStrictEqual(result.job);
    expect(model.startCalls[0]).toMatchObject({
      webhookUrl: 'https://example.com/hook',
      seed: 0,
      n: 1,
      idempotencyKey: expect.any(String),
    });
  });

  it('rejects a model without doStart, and n above maxVideosPerCall', async () => {
    const plain = new MockVideoModelV3({ doGenerate: async () => ({ videos: [], warnings: [], response }) });
    await expect(startVideo({ model: plain, prompt: 'x' })).rejects.toMatchObject({
      name: 'AI_UnsupportedFunctionalityError',
    });
    const model = createMockJobModel({ maxVideosPerCall: 2 });
    await expect(startVideo({ model, prompt: 'x', n: 3 })).rejects.toMatchObject({
      name: 'AI_InvalidArgumentError',
      argument: 'n',
    });
    expect(model.startCalls).toHaveLength(0);
  });
});

describe('getVideoStatus', () => {
  const job = {
    specificationVersion: 'v3' as const,
    provider: 'mock-provider',
    modelId: 'mock-model-id',
    operation: { id: 'job-1' },
  };

  it('reports pending with progress, queue position and the poll hint', async () => {
    const model = createMockJobModel({
      statuses: [{ status: 'pending', progress: 30, queuePosition: 4, providerStatus: 'queued', pollAfterMs: 5 }],
    });
    expect(await getVideoStatus({ model, job })).toStrictEqual({
      status: 'pending',
      job,
      progress: 30,
      queuePosition: 4,
      providerStatus: 'queued',
      pollAfterMs: 5,
    });
  });

  it('reports completed with the provider data and a download()', async () => {
    const model = createMockJobModel({
      statuses: [mockCompletedStatus([{ type: 'url', url: 'https://cdn.example.com/a.mp4', mediaType: 'video/mp4' }])],
      download: () => new Response(new Uint8Array([5, 6]), { headers: { 'content-length': '2' } }),
    });
    const status = await getVideoStatus({ model, job: JSON.stringify(job) });
    if (status.status !== 'completed') throw new Error('expected completed');
    expect(status.videos).toStrictEqual([
      { type: 'url', url: 'https://cdn.example.com/a.mp4', mediaType: 'video/mp4' },
    ]);
    expect(model.downloadCalls).toHaveLength(0); // not downloaded yet
    const videoStream = await status.download();
    expect(videoStream.mediaType).toBe('video/mp4');
    expect(videoStream.contentLength).toBe(2);
    expect(await readStreamToBytes(videoStream.stream)).toStrictEqual(new Uint8Array([5, 6]));
    await expect(status.download(1)).rejects.toMatchObject({ argument: 'index' });
  });

  it('reports failed with a typed error, without throwing', async () => {
    const model = createMockJobModel({
      statuses: [{ status: 'failed', error: { code: 'E1', message: 'bad', contentFiltered: true } }],
    });
    const status = await getVideoStatus({ model, job });
    expect(status.status).toBe('failed');
    if (status.status !== 'failed') return;
    expect(VideoJobFailedError.isInstance(status.error)).toBe(true);
    expect(status.error).toMatchObject({ code: 'E1', providerMessage: 'bad', contentFiltered: true, job });
  });

  it('refuses a job of another model with a clear error', async () => {
    const model = createMockJobModel({ modelId: 'other-model' });
    await expect(getVideoStatus({ model, job })).rejects.toThrow(
      'The job belongs to mock-provider model mock-model-id, but the model given is mock-provider model other-model.',
    );
    await expect(getVideoStatus({ model, job: '{nope' })).rejects.toMatchObject({ argument: 'job' });
    expect(model.statusCalls).toHaveLength(0);
  });
});

describe('cancelVideo', () => {
  const job = {
    specificationVersion: 'v3' as const,
    provider: 'mock-provider',
    modelId: 'mock-model-id',
    operation: { id: 'job-7' },
  };
  it('cancels at the provider', async () => {
    const model = createMockJobModel();
    await cancelVideo({ model, job });
    expect(model.cancelCalls.map((call) => call.operation)).toStrictEqual([{ id: 'job-7' }]);
  });
  it('throws UnsupportedFunctionalityError without doCancel', async () => {
    const model = createMockJobModel({ cancel: false });
    await expect(cancelVideo({ model, job })).rejects.toMatchObject({
      name: 'AI_UnsupportedFunctionalityError',
      functionality: 'cancelVideo',
    });
  });
});

describe('waitForVideo', () => {
  it('returns what generateVideo returns for a job held as JSON', async () => {
    const model = createMockJobModel({ statuses: [{ status: 'pending' }, mockCompletedStatus()] });
    const { job } = await startVideo({ model, prompt: 'x' });
    const stored = JSON.stringify(job);
    const fresh = createMockJobModel({ statuses: [{ status: 'pending', progress: 50 }, mockCompletedStatus()] });
    const result = await waitForVideo({ model: fresh, job: stored, poll: { intervalMs: 1 } });
    expect(result.video.uint8Array).toStrictEqual(new Uint8Array([0, 1, 2, 3]));
    expect(result.jobs).toStrictEqual([job]);
    expect(fresh.startCalls).toHaveLength(0);
  });

  it('does not cancel on abort when cancelOnAbort is false', async () => {
    const model = createMockJobModel({ statuses: [{ status: 'pending' }] });
    const job = {
      specificationVersion: 'v3' as const,
      provider: 'mock-provider',
      modelId: 'mock-model-id',
      operation: { id: 'j' },
    };
    const controller = new AbortController();
    const promise = waitForVideo({
      model,
      job,
      abortSignal: controller.signal,
      cancelOnAbort: false,
      poll: { intervalMs: 60_000 },
    });
    await new Promise((resolve) => setTimeout(resolve, 5));
    controller.abort();
    const error = await promise.catch((caught) => caught);
    expect(error).toMatchObject({ name: 'AbortError', job });
    expect(await error.cancellation).toBe('unsupported');
    expect(model.cancelCalls).toHaveLength(0);
  });
});

describe('a job started in one process is finished in another', () => {
  let server: Server;
  let baseURL: string;
  let workDir: string;
  let childScript: string;
  const polls = new Map<string, number>();
  const video = new Uint8Array([0, 0, 0, 0x18, 0x66, 0x74, 0x79, 0x70, 1, 2, 3]);

  beforeAll(async () => {
    server = createServer((request, reply) => {
      const url = new URL(request.url!, 'http://127.0.0.1');
      if (request.method === 'POST' && url.pathname === '/jobs') {
        const id = `job-${polls.size + 1}`;
        polls.set(id, 0);
        reply.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ id }));
        return;
      }
      const statusMatch = /^\/jobs\/([\w-]+)$/.exec(url.pathname);
      if (request.method === 'GET' && statusMatch) {
        const count = (polls.get(statusMatch[1]) ?? 0) + 1;
        polls.set(statusMatch[1], count);
        const body =
          count < 3
            ? { status: 'running', progress: count * 30 }
            : { status: 'done', video_url: `${baseURL}/videos/${statusMatch[1]}.mp4` };
        reply.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
        return;
      }
      if (request.method === 'GET' && url.pathname.startsWith('/videos/')) {
        reply.writeHead(200, { 'content-type': 'video/mp4', 'content-length': String(video.byteLength) }).end(video);
        return;
      }
      reply.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address() as { port: number };
    baseURL = `http://127.0.0.1:${address.port}`;

    // Bundle the child script with the workspace sources, so that it runs in plain Node.
    workDir = await mkdtemp(join(tmpdir(), 'videogen-core-'));
    childScript = join(workDir, 'resume-job-child.mjs');
    const packages = fileURLToPath(new URL('../../../', import.meta.url));
    await build({
      entryPoints: [fileURLToPath(new URL('../__fixtures__/resume-job-child.ts', import.meta.url))],
      outfile: childScript,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      logLevel: 'silent',
      alias: {
        '@videogen/provider-spec': join(packages, 'provider-spec/src/index.ts'),
        '@videogen/provider-utils': join(packages, 'provider-utils/src/index.ts'),
      },
    });
  }, 30_000);

  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    await rm(workDir, { recursive: true, force: true });
  });

  it('resumes from the JSON job alone', async () => {
    const { job } = await startVideo({ model: createHttpJobModel(baseURL), prompt: 'a harbour at night' });
    const jobJson = JSON.stringify(job);

    const { stdout } = await promisify(execFile)(process.execPath, [childScript, baseURL, jobJson], {
      timeout: 20_000,
    });
    const output = JSON.parse(stdout);

    expect(output.pid).not.toBe(process.pid);
    expect(output.jobs).toStrictEqual([job]);
    expect(output.mediaType).toBe('video/mp4');
    expect(Buffer.from(output.base64, 'base64')).toStrictEqual(Buffer.from(video));
    expect(output.events).toStrictEqual(['status', 'status', 'status', 'completed', 'download-progress']);
    expect(polls.get('job-1')).toBe(3);
    expect(polls.size).toBe(1); // submitted once, in this process only
  });

  it('refuses the loopback server without allowPrivateNetwork', async () => {
    const model = createHttpJobModel(baseURL);
    const { job } = await startVideo({ model, prompt: 'x' });
    await expect(waitForVideo({ model, job, poll: { intervalMs: 1 }, download: createDownload() })).rejects.toThrow(
      'URL with IP address 127.0.0.1 is not allowed',
    );
  });
});
