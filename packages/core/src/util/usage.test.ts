import { describe, expect, it } from 'vitest';
import { generateVideo } from '../generate-video/generate-video';
import { getVideoStatus } from '../jobs/get-video-status';
import { startVideo } from '../jobs/start-video';
import { createMockJobModel } from '../test';
import type { VideoEvent } from '../types';
import { sumVideoUsage } from './usage';

const MP4 = new Uint8Array([0, 0, 0, 0x18, 0x66, 0x74, 0x79, 0x70]);
const response = { timestamp: new Date(0), modelId: 'tiny-1', headers: undefined };

describe('usage', () => {
  it('travels from the provider status to status events, completed events and the result (summed over calls)', async () => {
    const model = createMockJobModel({
      maxVideosPerCall: 1,
      statuses: [
        { status: 'pending', progress: 50, usage: { billedUnits: { quantity: 1, unit: 'units' } } },
        {
          status: 'completed',
          videos: [{ type: 'binary', data: MP4, mediaType: 'video/mp4' }],
          warnings: [],
          response,
          usage: { videoSeconds: 4, billedUnits: { quantity: 2, unit: 'units' }, costUsd: 0.4 },
        },
      ],
    });
    const events: VideoEvent[] = [];
    const result = await generateVideo({
      model,
      prompt: 'x',
      n: 1,
      poll: { intervalMs: 1 },
      onProgress: (event) => events.push(event),
    });
    expect(result.usage).toStrictEqual({ videoSeconds: 4, billedUnits: { quantity: 2, unit: 'units' }, costUsd: 0.4 });
    expect(
      events.filter((event) => event.type === 'status').map((event) => 'usage' in event && event.usage),
    ).toContainEqual({
      billedUnits: { quantity: 1, unit: 'units' },
    });
    expect(events.find((event) => event.type === 'completed')).toMatchObject({ usage: { videoSeconds: 4 } });
  });

  it('is undefined when no provider reports it, and on getVideoStatus when it does', async () => {
    const model = createMockJobModel({
      statuses: [
        {
          status: 'completed',
          videos: [{ type: 'binary', data: MP4, mediaType: 'video/mp4' }],
          warnings: [],
          response,
        },
      ],
    });
    const result = await generateVideo({ model, prompt: 'x', poll: { intervalMs: 1 } });
    expect(result.usage).toBeUndefined();
    const failing = createMockJobModel({
      statuses: [{ status: 'failed', error: { message: 'no' }, usage: { videoSeconds: 0, costUsd: 0.1 } }],
    });
    const { job } = await startVideo({ model: failing, prompt: 'y' });
    expect(await getVideoStatus({ model: failing, job })).toMatchObject({ status: 'failed', usage: { costUsd: 0.1 } });
  });

  it('sums only what every call reported, billed units of one unit, raw only for one call', () => {
    expect(
      sumVideoUsage([
        { videoSeconds: 4, costUsd: 0.5, billedUnits: { quantity: 1, unit: 'units' }, raw: { a: 1 } },
        undefined,
        { videoSeconds: 8, billedUnits: { quantity: 2, unit: 'units' } },
      ]),
    ).toStrictEqual({ videoSeconds: 12, billedUnits: { quantity: 3, unit: 'units' } });
    expect(
      sumVideoUsage([
        { billedUnits: { quantity: 1, unit: 'units' } },
        { billedUnits: { quantity: 2, unit: 'seconds' } },
      ]),
    ).toStrictEqual({});
    expect(sumVideoUsage([undefined])).toBeUndefined();
    expect(sumVideoUsage([{ raw: { a: 1 } }])).toStrictEqual({ raw: { a: 1 } });
  });
});
