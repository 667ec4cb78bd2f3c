import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DownloadTooLargeError } from '@videogen/provider-spec';
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
    expect(seen[0][0]).toMatch(/^\.videogen-tmp-out\.mp4-[0-9a-f]+$/); // only the temp file while writing
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
    ).rejects.toSatisfy(DownloadTooLargeError.isInstance);
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
    expect(peak - baseline).toBeLessThan(64 * 1024 * 1024); // a buffering implementation would need > 200 MB
  }, 60_000);
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
