import { describe, expect, it } from 'vitest';
import { call, manualEmulator } from './__fixtures__/helpers';
import { readMp4Info } from './__fixtures__/mp4-info';
import { clipFor } from './clip';
import { createMp4Stream, parseRange } from './media';
import { readMp4Boxes } from './mp4-boxes';

const AUTH = { authorization: 'Bearer sk-or' };

async function createOpenRouterVideo(prompt: string, extra: Record<string, unknown> = {}) {
  const { emulator, set } = manualEmulator();
  const { id } = await (
    await call(emulator, 'POST', 'https://openrouter.ai/api/v1/videos', {
      headers: AUTH,
      json: { model: 'google/veo-3.1', prompt, ...extra },
    })
  ).json();
  set(1500);
  // google/veo-3.1 defaults: 1280x720, the longest duration (8 s), 24 fps
  const clip = clipFor({ width: 1280, height: 720, seconds: 8, fps: 24 });
  return { emulator, id, clip, url: `https://openrouter.ai/api/v1/videos/${id}/content?index=0` };
}

describe('media', () => {
  it('serves the clip for the job’s size and its own length when no size is asked for', async () => {
    const { emulator, url } = await createOpenRouterVideo('x', { size: '1080x1920' });
    const response = await call(emulator, 'GET', url, { headers: AUTH });
    const bytes = new Uint8Array(await response.arrayBuffer());
    const info = readMp4Info(bytes);
    expect([info.trackWidth, info.trackHeight]).toEqual([1080, 1920]);
    expect(bytes).toEqual(clipFor({ width: 1080, height: 1920, seconds: 8, fps: 24 }));
    expect(Number(response.headers.get('content-length'))).toBe(bytes.length);
  });

  it('pads to an exact large size with a trailing free box, streamed in chunks (1 GiB)', async () => {
    const size = 1024 * 1024 * 1024;
    const { emulator, url, clip } = await createOpenRouterVideo(`x [emulator:bytes=${size}]`);
    const response = await call(emulator, 'GET', url, { headers: AUTH });
    expect(response.headers.get('content-length')).toBe(String(size));
    const head = new Uint8Array(clip.length + 16);
    let received = 0;
    let largestChunk = 0;
    let nonZeroPadding = 0;
    const heapBefore = process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers;
    let heapPeak = heapBefore;
    const reader = response.body!.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (received < head.length) head.set(value.subarray(0, head.length - received), received);
      else if (received % (64 * 1024 * 256) === 0) {
        // sample the padding every 16 MiB
        nonZeroPadding += value.some((byte) => byte !== 0) ? 1 : 0;
        const usage = process.memoryUsage();
        heapPeak = Math.max(heapPeak, usage.heapUsed + usage.arrayBuffers);
      }
      received += value.length;
      largestChunk = Math.max(largestChunk, value.length);
    }
    expect(received).toBe(size);
    expect(largestChunk).toBeLessThanOrEqual(64 * 1024);
    expect(nonZeroPadding).toBe(0);
    expect(heapPeak - heapBefore).toBeLessThan(256 * 1024 * 1024);
    expect(head.subarray(0, clip.length)).toEqual(clip);
    const view = new DataView(head.buffer);
    expect(view.getUint32(clip.length)).toBe(size - clip.length);
    expect(Buffer.from(head.subarray(clip.length + 4, clip.length + 8)).toString()).toBe('free');
    expect(emulator.jobs.list()[0].videoBytes).toBe(size);
  }, 60_000);

  it('keeps the top-level boxes adding up to Content-Length for a padded file', async () => {
    const { emulator, url, clip } = await createOpenRouterVideo('x [emulator:bytes=300000]');
    const response = await call(emulator, 'GET', url, { headers: AUTH });
    const bytes = new Uint8Array(await response.arrayBuffer());
    // the padded file still carries the job's clip
    expect(bytes.subarray(0, clip.length)).toEqual(clip);
    expect(readMp4Info(bytes.subarray(0, clip.length)).sttsSamples).toBe(192);
    const boxes = readMp4Boxes(bytes);
    expect(boxes.map((box) => box.type)).toEqual(['ftyp', 'moov', 'mdat', 'free']);
    expect(boxes.reduce((sum, box) => sum + box.size, 0)).toBe(Number(response.headers.get('content-length')));
    expect(bytes.length).toBe(300000);
  });

  it('uses a 64-bit free box beyond 4 GiB', async () => {
    const clip = clipFor({ width: 1280, height: 720, seconds: 8, fps: 24 });
    const total = 5 * 1024 ** 3;
    const stream = createMp4Stream(clip, total, clip.length, clip.length + 15);
    const header = new Uint8Array(await new Response(stream).arrayBuffer());
    const view = new DataView(header.buffer);
    expect(view.getUint32(0)).toBe(1);
    expect(Buffer.from(header.subarray(4, 8)).toString()).toBe('free');
    expect(Number(view.getBigUint64(8))).toBe(total - clip.length);
  });

  it('answers Range requests with 206 and Content-Range', async () => {
    const { emulator, url, clip } = await createOpenRouterVideo('x [emulator:bytes=1000000]');
    const partial = await call(emulator, 'GET', url, { headers: { ...AUTH, range: 'bytes=100-199' } });
    expect(partial.status).toBe(206);
    expect(partial.headers.get('content-range')).toBe('bytes 100-199/1000000');
    expect(partial.headers.get('content-length')).toBe('100');
    const bytes = new Uint8Array(await partial.arrayBuffer());
    expect(bytes).toEqual(clip.subarray(100, 200));
    const suffix = await call(emulator, 'GET', url, { headers: { ...AUTH, range: 'bytes=-10' } });
    expect(suffix.headers.get('content-range')).toBe('bytes 999990-999999/1000000');
    expect((await suffix.arrayBuffer()).byteLength).toBe(10);
    const open = await call(emulator, 'GET', url, { headers: { ...AUTH, range: 'bytes=999000-' } });
    expect((await open.arrayBuffer()).byteLength).toBe(1000);
    const bad = await call(emulator, 'GET', url, { headers: { ...AUTH, range: 'bytes=2000000-' } });
    expect(bad.status).toBe(416);
    expect(parseRange('bytes=0-1,5-6', 10)).toBeUndefined();
  });
});
