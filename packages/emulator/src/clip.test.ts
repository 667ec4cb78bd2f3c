import { describe, expect, it } from 'vitest';
import { call, manualEmulator } from './__fixtures__/helpers';
import { readMp4Info } from './__fixtures__/mp4-info';
import { clipFor, clipSpec, labelLayout, progressBar } from './clip';
import type { Emulator } from './emulator';

type Api = 'openai' | 'google' | 'fal' | 'openrouter';

/** Creates a job through the API, completes it and downloads its video the way a client does. */
async function download(emulator: Emulator, api: Api, model: string, body: Record<string, unknown>) {
  let id: string;
  let fetchVideo: () => Promise<Response>;
  if (api === 'openai') {
    const headers = { authorization: 'Bearer sk-test' };
    const created = await call(emulator, 'POST', 'https://api.openai.com/v1/videos', {
      headers,
      json: { model, prompt: 'x', ...body },
    });
    expect(created.status).toBe(200);
    id = (await created.json()).id;
    fetchVideo = () => call(emulator, 'GET', `https://api.openai.com/v1/videos/${id}/content`, { headers });
  } else if (api === 'google') {
    const base = 'https://generativelanguage.googleapis.com/v1beta';
    const headers = { 'x-goog-api-key': 'AIza-test' };
    const created = await call(emulator, 'POST', `${base}/models/${model}:predictLongRunning`, {
      headers,
      json: { instances: [{ prompt: 'x' }], ...body },
    });
    expect(created.status).toBe(200);
    id = (await created.json()).name;
    fetchVideo = async () => {
      const operation = await (await call(emulator, 'GET', `${base}/${id}`, { headers })).json();
      const uri = operation.response.generateVideoResponse.generatedSamples[0].video.uri;
      const redirect = await call(emulator, 'GET', uri, { headers });
      return call(emulator, 'GET', redirect.headers.get('location')!);
    };
  } else if (api === 'fal') {
    const headers = { authorization: 'Key fal-test' };
    const created = await call(emulator, 'POST', `https://queue.fal.run/${model}`, {
      headers,
      json: { prompt: 'x', ...body },
    });
    expect(created.status).toBe(200);
    const submitted = await created.json();
    id = submitted.request_id;
    fetchVideo = async () => {
      const output = await (await call(emulator, 'GET', submitted.response_url, { headers })).json();
      return call(emulator, 'GET', output.video.url);
    };
  } else {
    const headers = { authorization: 'Bearer sk-or-test' };
    const created = await call(emulator, 'POST', 'https://openrouter.ai/api/v1/videos', {
      headers,
      json: { model, prompt: 'x', ...body },
    });
    expect(created.status).toBe(202);
    id = (await created.json()).id;
    fetchVideo = () => call(emulator, 'GET', `https://openrouter.ai/api/v1/videos/${id}/content?index=0`, { headers });
  }
  emulator.jobs.complete(id);
  const response = await fetchVideo();
  expect(response.status).toBe(200);
  return { id, bytes: new Uint8Array(await response.arrayBuffer()) };
}

interface Case {
  api: Api;
  model: string;
  body: Record<string, unknown>;
  width: number;
  height: number;
  seconds: number;
  fps: number;
}

const CASES: Array<[string, Case]> = [
  [
    'OpenAI defaults (720x1280, 4 s)',
    { api: 'openai', model: 'sora-2', body: {}, width: 720, height: 1280, seconds: 4, fps: 30 },
  ],
  [
    'OpenAI size and seconds',
    {
      api: 'openai',
      model: 'sora-2-pro',
      body: { size: '1792x1024', seconds: '12' },
      width: 1792,
      height: 1024,
      seconds: 12,
      fps: 30,
    },
  ],
  [
    'Gemini defaults (16:9, 720p, 8 s)',
    { api: 'google', model: 'veo-3.1-generate-preview', body: {}, width: 1280, height: 720, seconds: 8, fps: 24 },
  ],
  [
    'Gemini 9:16 1080p',
    {
      api: 'google',
      model: 'veo-3.1-generate-preview',
      body: { parameters: { aspectRatio: '9:16', resolution: '1080p', durationSeconds: 8 } },
      width: 1080,
      height: 1920,
      seconds: 8,
      fps: 24,
    },
  ],
  [
    'Gemini 4 s',
    {
      api: 'google',
      model: 'veo-3.1-fast-generate-preview',
      body: { parameters: { durationSeconds: 4 } },
      width: 1280,
      height: 720,
      seconds: 4,
      fps: 24,
    },
  ],
  [
    'Gemini 4k',
    {
      api: 'google',
      model: 'veo-3.1-generate-preview',
      body: { parameters: { resolution: '4k', durationSeconds: 8 } },
      width: 3840,
      height: 2160,
      seconds: 8,
      fps: 24,
    },
  ],
  [
    'fal Veo defaults (16:9, 720p, 8s)',
    { api: 'fal', model: 'fal-ai/veo3.1', body: {}, width: 1280, height: 720, seconds: 8, fps: 24 },
  ],
  [
    'fal Veo 9:16 1080p 4s',
    {
      api: 'fal',
      model: 'fal-ai/veo3.1/fast',
      body: { aspect_ratio: '9:16', resolution: '1080p', duration: '4s' },
      width: 1080,
      height: 1920,
      seconds: 4,
      fps: 24,
    },
  ],
  [
    'fal Kling 1:1 10',
    {
      api: 'fal',
      model: 'fal-ai/kling-video/v2.5-turbo/pro/text-to-video',
      body: { aspect_ratio: '1:1', duration: '10' },
      width: 720,
      height: 720,
      seconds: 10,
      fps: 24,
    },
  ],
  [
    'fal Hailuo 512P (default 6)',
    {
      api: 'fal',
      model: 'fal-ai/minimax/hailuo-02/standard/image-to-video',
      body: { image_url: 'https://example.com/a.png', resolution: '512P' },
      width: 910,
      height: 512,
      seconds: 6,
      fps: 24,
    },
  ],
  [
    'fal unknown endpoint with num_frames and frames_per_second',
    {
      api: 'fal',
      model: 'fal-ai/wan/v2.2-a14b/text-to-video',
      body: { num_frames: 81, frames_per_second: 16, resolution: '480p', aspect_ratio: '9:16' },
      width: 480,
      height: 854,
      seconds: 81 / 16,
      fps: 16,
    },
  ],
  [
    'OpenRouter size and duration',
    {
      api: 'openrouter',
      model: 'google/veo-3.1',
      body: { size: '1080x1920', duration: 6 },
      width: 1080,
      height: 1920,
      seconds: 6,
      fps: 24,
    },
  ],
  [
    'OpenRouter Sora aspect ratio and resolution',
    {
      api: 'openrouter',
      model: 'openai/sora-2-pro',
      body: { aspect_ratio: '9:16', resolution: '720p', duration: 12 },
      width: 720,
      height: 1280,
      seconds: 12,
      fps: 30,
    },
  ],
  [
    'OpenRouter 21:9 480p',
    {
      api: 'openrouter',
      model: 'bytedance/seedance-1-pro',
      body: { aspect_ratio: '21:9', resolution: '480p', duration: 5 },
      width: 1120,
      height: 480,
      seconds: 5,
      fps: 24,
    },
  ],
  [
    'OpenRouter default duration (the longest)',
    { api: 'openrouter', model: 'google/veo-3.1', body: {}, width: 1280, height: 720, seconds: 8, fps: 24 },
  ],
];

describe('clips match the request', () => {
  it.each(CASES)('%s', async (_name, expected) => {
    const { emulator } = manualEmulator();
    const { id, bytes } = await download(emulator, expected.api, expected.model, expected.body);
    const info = readMp4Info(bytes);
    const frames = Math.round(expected.seconds * expected.fps);

    expect(info.topLevel).toEqual(['ftyp', 'moov', 'mdat']);
    // size: track header, sample entry and the H.264 stream itself (macroblocks, cropped)
    expect([info.trackWidth, info.trackHeight]).toEqual([expected.width, expected.height]);
    expect([info.sampleEntryWidth, info.sampleEntryHeight]).toEqual([expected.width, expected.height]);
    expect([info.sps.width, info.sps.height]).toEqual([expected.width, expected.height]);
    expect([info.sps.codedWidth, info.sps.codedHeight]).toEqual([
      Math.ceil(expected.width / 16) * 16,
      Math.ceil(expected.height / 16) * 16,
    ]);
    // length and frame rate
    expect(info.sttsSamples).toBe(frames);
    expect(info.stszSamples).toBe(frames);
    expect(info.fps).toBeCloseTo(expected.fps, 6);
    expect(info.seconds).toBeCloseTo(frames / expected.fps, 6);
    expect(info.movieDuration / info.movieTimescale).toBeCloseTo(frames / expected.fps, 2);
    // one IDR picture, then P slices
    expect(info.syncSamples).toEqual([1]);
    expect(info.sampleNalTypes[0]).toEqual([5]);
    expect(info.sampleNalTypes.slice(1).every((types) => types.length === 1 && types[0] === 1)).toBe(true);

    expect(emulator.jobs.get(id)).toMatchObject({
      width: expected.width,
      height: expected.height,
      seconds: expected.seconds,
      fps: expected.fps,
      videoBytes: bytes.length,
    });
  });

  it('keeps a remix at its source’s size, length and frame rate', async () => {
    const { emulator } = manualEmulator();
    const { id } = await download(emulator, 'openai', 'sora-2', { size: '1280x720', seconds: '8' });
    const headers = { authorization: 'Bearer sk-test' };
    const remix = await (
      await call(emulator, 'POST', `https://api.openai.com/v1/videos/${id}/remix`, {
        headers,
        json: { prompt: 'y' },
      })
    ).json();
    emulator.jobs.complete(remix.id);
    const response = await call(emulator, 'GET', `https://api.openai.com/v1/videos/${remix.id}/content`, { headers });
    const info = readMp4Info(new Uint8Array(await response.arrayBuffer()));
    expect([info.trackWidth, info.trackHeight, info.sttsSamples, info.fps]).toEqual([1280, 720, 240, 30]);
  });
});

/** Every size the emulated APIs produce. */
const SIZES: Array<[number, number]> = [
  [1280, 720],
  [720, 1280],
  [1920, 1080],
  [1080, 1920],
  [1792, 1024],
  [1024, 1792],
  [3840, 2160],
  [2160, 3840],
  [720, 720],
  [1080, 1080],
  [910, 512],
  [1366, 768],
  [854, 480],
  [480, 854],
  [640, 480],
  [480, 640],
  [1680, 720],
  [2520, 1080],
  [1120, 480],
];

describe('clip label', () => {
  it.each(SIZES)('is whole and inside a %ix%i picture', (width, height) => {
    for (const [seconds, fps] of [
      [4, 30],
      [20, 30],
      [81 / 16, 16],
      [8, 23.976],
    ]) {
      const spec = clipSpec({ width, height, seconds, fps });
      const { lines, box } = labelLayout(spec.width, spec.height, spec.label);
      expect(lines.map((line) => line.text)).toEqual(spec.label);
      expect(spec.label[0]).toBe(`${width}x${height}`);
      for (const line of lines) {
        expect(line.x).toBeGreaterThanOrEqual(0);
        expect(line.y).toBeGreaterThanOrEqual(0);
        expect(line.x + line.width).toBeLessThanOrEqual(width);
        expect(line.y + line.height).toBeLessThanOrEqual(height);
        expect(line.x).toBeGreaterThanOrEqual(box.x);
        expect(line.x + line.width).toBeLessThanOrEqual(box.x + box.width);
        // the progress bar row (the last full macroblock row) stays clear
        expect(line.y + line.height).toBeLessThanOrEqual((Math.floor(height / 16) - 1) * 16);
      }
    }
  });

  it('says the length and frame rate', () => {
    expect(clipSpec({ width: 720, height: 1280, seconds: 4, fps: 30 }).label).toEqual([
      '720x1280',
      '4s 30fps',
      'videogen emulator',
    ]);
    expect(clipSpec({ width: 854, height: 480, seconds: 81 / 16, fps: 16 }).label[1]).toBe('5.06s 16fps');
  });
});

describe('clipFor', () => {
  it('rounds sizes down to even numbers and bounds the frame size, frame rate and length', () => {
    expect(clipSpec({ width: 853, height: 481, seconds: 1, fps: 24 })).toMatchObject({ width: 852, height: 480 });
    const huge = clipSpec({ width: 100_000, height: 100_000, seconds: 1e9, fps: 1e6 });
    expect(huge.width).toBeLessThanOrEqual(8192);
    expect(Math.ceil(huge.width / 16) * Math.ceil(huge.height / 16)).toBeLessThanOrEqual(139264);
    expect(huge.fps).toBe(120);
    expect(huge.frames).toBe(600 * 120);
    expect(clipSpec({ width: Number.NaN, height: -1, seconds: 0, fps: 0 })).toMatchObject({
      width: 1280,
      height: 720,
      fps: 24,
      frames: 24,
    });
  });

  it('makes each clip once and serves the same bytes again', () => {
    const first = clipFor({ width: 1280, height: 720, seconds: 8, fps: 24 });
    expect(clipFor({ width: 1280, height: 720, seconds: 8, fps: 24 })).toBe(first);
    expect(clipFor({ width: 1280, height: 720, seconds: 4, fps: 24 })).not.toBe(first);
  });

  it('codes macroblocks only in the frames where the progress bar grows, and fills it by the last frame', () => {
    const spec = clipSpec({ width: 1280, height: 720, seconds: 8, fps: 24 });
    const clip = clipFor({ width: 1280, height: 720, seconds: 8, fps: 24 });
    const view = new DataView(clip.buffer, clip.byteOffset, clip.byteLength);
    const info = readMp4Info(clip);
    // sample sizes from stsz, through the parser's own count
    const stsz = Buffer.from(clip).indexOf('stsz');
    const sizes = Array.from({ length: info.stszSamples }, (_, i) => view.getUint32(stsz + 16 + 4 * i));
    const grows = sizes.slice(1).map((_, i) => progressBar(spec, i + 1).filled > progressBar(spec, i).filled);
    const skipOnly = Math.max(...sizes.slice(1).filter((_, i) => !grows[i]));
    expect(grows.filter(Boolean).length).toBeGreaterThan(0);
    sizes.slice(1).forEach((size, i) => {
      expect(size > skipOnly).toBe(grows[i]);
    });
    expect(progressBar(spec, 0).filled).toBe(0);
    expect(progressBar(spec, spec.frames - 1)).toEqual({ row: 44, columns: 80, filled: 80 });
  });

  it('handles fractional frame rates', () => {
    const info = readMp4Info(clipFor({ width: 640, height: 360, seconds: 2, fps: 29.97 }));
    expect(info.sttsSamples).toBe(60);
    expect(info.fps).toBeCloseTo(29.97, 6);
    expect([info.sps.width, info.sps.height, info.sps.codedHeight]).toEqual([640, 360, 368]);
  });
});
