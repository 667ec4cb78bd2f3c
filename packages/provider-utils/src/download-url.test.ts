import { describe, expect, it } from 'vitest';
import { getCompletedVideo } from './download-url';

const video = { type: 'url' as const, url: 'https://cdn.example/v.mp4', mediaType: 'video/mp4' };
const completed = {
  status: 'completed' as const,
  videos: [video],
  warnings: [],
  response: { timestamp: new Date(0), modelId: 'm', headers: undefined },
};

describe('getCompletedVideo', () => {
  it('returns the video of a completed job, and names the job, state or index otherwise', () => {
    expect(getCompletedVideo(completed, { job: 'The job j1' })).toBe(video);
    expect(() => getCompletedVideo({ status: 'pending' }, { job: 'The job j1' })).toThrow(
      'The job j1 has no video yet: it is still running.',
    );
    expect(() => getCompletedVideo({ status: 'failed', error: { message: 'x' } }, { job: 'The job j1' })).toThrow(
      'The job j1 has no video yet: it failed.',
    );
    expect(() => getCompletedVideo(completed, { job: 'The job j1', index: 1 })).toThrow(
      'The job j1 has 1 video(s); index 1 does not exist.',
    );
  });
});
