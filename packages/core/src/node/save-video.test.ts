import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { APICallError, DownloadTooLargeError, VideoDownloadError } from '@videogen/provider-spec';
import { createDownload } from '../download/create-download';
import { startVideo } from '../jobs/start-video';
import { createMockJobModel, mockCompletedStatus } from '../test';
import { saveVideo, saveVideoFromJob, writeVideoStream } from './index';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'videogen-save-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const urlVideo = (name = 'v') => ({
  type: 'url' as const,
  url: `https://api.example.com/${name}`,
  mediaType: 'video/mp4',
});

function chunkedResponse(chunks: number, chunkSize: number, onPull?: (index: number) => void | Promise<void>) {
  let index = 0;
  return new Response(
    new ReadableStream<Uint8Array>({
      async pull(controller) {
        if (index >= chunks) return controller.close();
        await onPull?.(index);
        controller.enqueue(new Uint8Array(chunkSize).fill(index % 256));
        index++;
      },
    }),
  );
}

describe('saveVideo', () => {
  it('writes to a temporary name next to the path and renames when complete', async () => {
    const path = join(dir, 'out.mp4');
    const seen: string[][] = [];
    const model = createMockJobModel({
      statuses: [mockCompletedStatus([urlVideo()])],
      download: () =>
        chunkedResponse(3, 4, async (index) => {
          if (index === 2) seen.push(await readdir(dir));
        }),
    });
    const result = await saveVideo({ model, prompt: 'x', path });
    expect(seen[0]).toHaveLength(1);
    expect(seen[0][0]).toMatch(/^\.videogen-tmp-out\.mp4-[0-9a-f]{8}-\d+-[0-9a-f]{12}$/); // only the temp file while writing
    expect(await readdir(dir)).toStrictEqual(['out.mp4']);
    expect(await readFile(path)).toStrictEqual(Buffer.from([0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2]));
    expect(result.files).toStrictEqual([{ path, bytes: 12, mediaType: 'video/mp4' }]);
    expect(result.jobs).toHaveLength(1);
  });

  it('leaves no file when the download fails, and keeps an existing file untouched', async () => {
    const path = join(dir, 'out.mp4');
    await writeFile(path, 'old');
    const model = createMockJobModel({
      statuses: [mockCompletedStatus([urlVideo()])],
      download: () => chunkedResponse(10, 1024),
    });
    await expect(
      saveVideo({ model, prompt: 'x', path, download: createDownload({ maxBytes: 3000 }) }),
    ).rejects.toSatisfy(
      (error) =>
        VideoDownloadError.isInstance(error) &&
        DownloadTooLargeError.isInstance(error.cause) &&
        error.job?.operation !== undefined &&
        !error.isRetryable,
    );
    expect(await readdir(dir)).toStrictEqual(['out.mp4']);
    expect(await readFile(path, 'utf8')).toBe('old');
    expect(model.startCalls).toHaveLength(1);
  });

  it('fetches a download that broke mid-stream again, without submitting again', async () => {
    const path = join(dir, 'retry.mp4');
    let attempts = 0;
    const model = createMockJobModel({
      statuses: [mockCompletedStatus([urlVideo()])],
      download: () => {
        attempts++;
        if (attempts === 1) {
          return chunkedResponse(3, 2, (index) => {
            if (index === 1) throw Object.assign(new TypeError('terminated'), { cause: { code: 'ECONNRESET' } });
          });
        }
        return chunkedResponse(3, 2);
      },
    });
    const result = await saveVideo({ model, prompt: 'x', path });
    expect(attempts).toBe(2);
    expect(model.startCalls).toHaveLength(1);
    expect(result.files[0].bytes).toBe(6);
    expect(await readdir(dir)).toStrictEqual(['retry.mp4']);
  });

  it('saves n videos to a path function, and refuses one path for several videos', async () => {
    const model = createMockJobModel({
      statuses: [mockCompletedStatus([{ type: 'binary', data: new Uint8Array([1]), mediaType: 'video/mp4' }])],
    });
    const result = await saveVideo({ model, prompt: 'x', n: 3, path: (index) => join(dir, `v${index}.mp4`) });
    expect(result.files.map((file) => file.path)).toStrictEqual([0, 1, 2].map((index) => join(dir, `v${index}.mp4`)));
    expect((await readdir(dir)).sort()).toStrictEqual(['v0.mp4', 'v1.mp4', 'v2.mp4']);
    await expect(saveVideo({ model, prompt: 'x', n: 2, path: join(dir, 'one.mp4') })).rejects.toMatchObject({
      argument: 'path',
    });
  });

  it('streams 200 MB to disk with memory far below the video size', async () => {
    const chunkSize = 1024 * 1024;
    const chunks = 200;
    const usage = () => {
      const { heapUsed, arrayBuffers } = process.memoryUsage();
      return heapUsed + arrayBuffers;
    };
    const baseline = usage();
    let peak = baseline;
    const model = createMockJobModel({
      statuses: [mockCompletedStatus([urlVideo('big')])],
      download: () =>
        chunkedResponse(chunks, chunkSize, () => {
          peak = Math.max(peak, usage());
        }),
    });
    const path = join(dir, 'big.mp4');
    const result = await saveVideo({ model, prompt: 'x', path });
    expect(result.files[0].bytes).toBe(chunks * chunkSize);
    expect((await stat(path)).size).toBe(chunks * chunkSize);
    // A buffering implementation needs > 200 MB; garbage not yet collected varies by Node version (69 MB seen on 24).
    expect(peak - baseline).toBeLessThan(100 * 1024 * 1024);
  }, 60_000);
});

describe('saveVideo after the job completed', () => {
  const notFound = () =>
    new APICallError({
      message: 'HTTP 404',
      url: 'https://api.example.com/v',
      requestBodyValues: undefined,
      statusCode: 404,
    });

  it('retries a 404 on a result the status just called completed, without submitting again', async () => {
    let attempts = 0;
    const model = createMockJobModel({
      statuses: [mockCompletedStatus([urlVideo()])],
      download: () => {
        attempts++;
        if (attempts === 1) throw notFound();
        return chunkedResponse(2, 2);
      },
    });
    const path = join(dir, 'late.mp4');
    const result = await saveVideo({ model, prompt: 'x', path, maxRetries: 1, poll: { intervalMs: 1 } });
    expect(attempts).toBe(2);
    expect(result.files[0].bytes).toBe(4);
    expect(model.startCalls).toHaveLength(1);
  });

  it.each([
    ['503', () => Promise.reject(Object.assign(notFound(), { statusCode: 503, isRetryable: true }))],
    [
      'a body that always breaks off',
      () =>
        chunkedResponse(3, 2, (index) => {
          if (index === 1) throw Object.assign(new TypeError('terminated'), { cause: { code: 'ECONNRESET' } });
        }),
    ],
  ])('%s: a VideoDownloadError carrying the job, resumable with saveVideoFromJob', async (_name, failing) => {
    let fail = true;
    const model = createMockJobModel({
      statuses: [mockCompletedStatus([urlVideo()])],
      download: () => (fail ? failing() : chunkedResponse(2, 2)),
    });
    const path = join(dir, 'resume.mp4');
    const error = await saveVideo({
      model,
      prompt: 'x',
      path,
      maxRetries: 0,
      download: createDownload({ maxRetries: 0 }),
      poll: { intervalMs: 1 },
    }).catch((caught: unknown) => caught);
    expect(VideoDownloadError.isInstance(error)).toBe(true);
    if (!VideoDownloadError.isInstance(error)) return;
    expect(error).toMatchObject({ videoIndex: 0, url: 'https://api.example.com/v', isRetryable: true });
    expect(error.job).toMatchObject({ provider: 'mock-provider', operation: { id: 'job-1' } });
    expect(await readdir(dir)).toStrictEqual([]);

    fail = false;
    const resumed = await saveVideoFromJob({ model, job: JSON.parse(JSON.stringify(error.job)), path });
    expect(resumed.files[0].bytes).toBe(4);
    expect(model.startCalls).toHaveLength(1);
  });
});

describe('stale temporary files', () => {
  const hostTag = createHash('sha256').update(hostname()).digest('hex').slice(0, 8);
  /** The id of a process that has exited. */
  const deadPid = () => spawnSync(process.execPath, ['-e', '']).pid;

  it('a save deletes the temporary files that killed writes to the same path left behind, and keeps live ones', async () => {
    const path = join(dir, 'out.mp4');
    const killedHere = `.videogen-tmp-out.mp4-${hostTag}-${deadPid()}-0123456789ab`;
    const oldUnknown = '.videogen-tmp-out.mp4-aaaaaaaaaaaa';
    const liveHere = `.videogen-tmp-out.mp4-${hostTag}-${process.pid}-bbbbbbbbbbbb`;
    const recentOtherHost = `.videogen-tmp-out.mp4-ffffffff-1-cccccccccccc`;
    const otherTarget = `.videogen-tmp-other.mp4-${hostTag}-${deadPid()}-dddddddddddd`;
    for (const name of [killedHere, oldUnknown, liveHere, recentOtherHost, otherTarget]) {
      await writeFile(join(dir, name), 'partial');
    }
    const twoHoursAgo = new Date(Date.now() - 2 * 60 * 60 * 1000);
    await utimes(join(dir, oldUnknown), twoHoursAgo, twoHoursAgo);

    const model = createMockJobModel({
      statuses: [mockCompletedStatus([urlVideo()])],
      download: () => chunkedResponse(1, 1),
    });
    await saveVideo({ model, prompt: 'x', path, poll: { intervalMs: 1 } });
    expect((await readdir(dir)).sort()).toStrictEqual([liveHere, recentOtherHost, otherTarget, 'out.mp4'].sort());
  });
});

describe('saveVideoFromJob', () => {
  it('finishes a stored job into a file', async () => {
    const model = createMockJobModel({
      statuses: [{ status: 'pending' }, mockCompletedStatus([urlVideo()])],
      download: () => chunkedResponse(2, 2),
    });
    const { job } = await startVideo({ model, prompt: 'x' });
    const path = join(dir, 'job.mp4');
    const result = await saveVideoFromJob({ model, job: JSON.stringify(job), path, poll: { intervalMs: 1 } });
    expect(result.jobs).toStrictEqual([job]);
    expect(await readFile(path)).toStrictEqual(Buffer.from([0, 0, 1, 1]));
  });
});

describe('writeVideoStream', () => {
  it('writes to a Writable with backpressure', async () => {
    const received: number[] = [];
    const writable = new Writable({
      highWaterMark: 1,
      write(chunk: Buffer, _encoding, callback) {
        received.push(...chunk);
        setTimeout(callback, 1);
      },
    });
    const response = chunkedResponse(3, 2);
    const written = await writeVideoStream({ stream: response.body!, mediaType: 'video/mp4' }, writable);
    expect(written).toStrictEqual({ bytes: 6, mediaType: 'video/mp4' });
    expect(received).toStrictEqual([0, 0, 1, 1, 2, 2]);
  });
});
