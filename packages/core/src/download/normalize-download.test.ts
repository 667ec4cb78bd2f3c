import { describe, expect, it } from 'vitest';
import { generateVideo } from '../generate-video/generate-video';
import { createMockJobModel } from '../test';
import type { VideoDownloadOptions } from '../types';
import { readVideoBytes } from './video-stream';
import { normalizeDownload } from './normalize-download';

const MP4 = new Uint8Array([0, 0, 0, 0x18, 0x66, 0x74, 0x79, 0x70, 0x69, 0x73, 0x6f, 0x6d]);
const OTHER = new Uint8Array([1, 2, 3]);
const response = { timestamp: new Date(0), modelId: 'tiny-1', headers: undefined };

/** A download function as a Vercel AI SDK user writes it. */
function vercelStyle() {
  const urls: string[] = [];
  const download = async ({ url, abortSignal }: { url: URL; abortSignal?: AbortSignal }) => {
    urls.push(url.href);
    void abortSignal;
    return { data: MP4, mediaType: 'video/mp4' };
  };
  return { download, urls };
}

describe('normalizeDownload: the download option takes an ai-style function', () => {
  it('an ai-style function downloads public URL videos', async () => {
    const { download, urls } = vercelStyle();
    const stream = await normalizeDownload(download)!({
      video: { type: 'url', url: 'https://cdn.example.test/out.mp4', mediaType: 'video/mp4' },
    });
    expect(urls).toStrictEqual(['https://cdn.example.test/out.mp4']);
    expect(await readVideoBytes(stream)).toStrictEqual(MP4);
    expect(stream).toMatchObject({ mediaType: 'video/mp4', contentLength: MP4.byteLength });
  });

  it("videos behind the provider's key go through the model's doDownload, never to the ai-style function", async () => {
    const { download, urls } = vercelStyle();
    const model = { doDownload: async () => new Response(OTHER, { headers: { 'content-type': 'video/mp4' } }) };
    const stream = await normalizeDownload(download)!({
      video: { type: 'url', url: 'https://api.openai.test/v1/videos/1/content', mediaType: 'video/mp4' },
      model,
    });
    expect(urls).toStrictEqual([]);
    expect(await readVideoBytes(stream)).toStrictEqual(OTHER);
  });

  it('inline videos need no download', async () => {
    const { download, urls } = vercelStyle();
    const stream = await normalizeDownload(download)!({
      video: { type: 'binary', data: OTHER, mediaType: 'video/mp4' },
    });
    expect(urls).toStrictEqual([]);
    expect(await readVideoBytes(stream)).toStrictEqual(OTHER);
  });

  it("videogen's own downloader is called as it is", async () => {
    const seen: VideoDownloadOptions[] = [];
    const ours = async (options: VideoDownloadOptions) => {
      seen.push({ ...options });
      return { stream: new Response(OTHER).body!, mediaType: 'video/webm' };
    };
    const video = { type: 'url' as const, url: 'https://cdn.example.test/a.webm', mediaType: 'video/webm' };
    const stream = await normalizeDownload(ours)!({ video });
    expect(stream.mediaType).toBe('video/webm');
    expect(seen[0].video).toBe(video);
    expect('url' in seen[0]).toBe(false);
  });

  it('generateVideo accepts it as download', async () => {
    const { download, urls } = vercelStyle();
    const model = createMockJobModel({
      statuses: [
        {
          status: 'completed',
          videos: [{ type: 'url', url: 'https://cdn.example.test/out.mp4', mediaType: 'video/mp4' }],
          warnings: [],
          response,
        },
      ],
    });
    const result = await generateVideo({ model, prompt: 'x', download, poll: { intervalMs: 1 } });
    expect(result.video.uint8Array).toStrictEqual(MP4);
    expect(urls).toStrictEqual(['https://cdn.example.test/out.mp4']);
  });
});
