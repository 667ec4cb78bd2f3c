import { aspectRatioOfSize, matchResolutionName } from '@videogen/provider-utils';
import { describe, expect, it } from 'vitest';
import { OPENROUTER_RESOLUTION_NAMES } from './openrouter-video-model-options';
import { snapOpenRouterDuration } from './openrouter-video-models';

describe('snapOpenRouterDuration', () => {
  it('picks the nearest listed duration, ties to the longer (as core does)', () => {
    expect(snapOpenRouterDuration([4, 6, 8], 5)).toBe(6);
    expect(snapOpenRouterDuration([8, 4, 6], 7)).toBe(8);
    expect(snapOpenRouterDuration([4, 6, 8], 5.5)).toBe(6);
    expect(snapOpenRouterDuration([4, 6, 8], 20)).toBe(8);
    expect(snapOpenRouterDuration([4, 6, 8], 1)).toBe(4);
    expect(snapOpenRouterDuration([4, 6, 8], 6)).toBe(6);
  });

  it('snaps into a range by its step', () => {
    expect(snapOpenRouterDuration({ min: 3, max: 15 }, 7.4)).toBe(7);
    expect(snapOpenRouterDuration({ min: 3, max: 15 }, 16)).toBe(15);
    expect(snapOpenRouterDuration({ min: 4, max: 12, step: 4 }, 5)).toBe(4);
    expect(snapOpenRouterDuration({ min: 4, max: 12, step: 4 }, 7)).toBe(8);
  });

  it('returns the duration when nothing is listed', () => {
    expect(snapOpenRouterDuration([], 5)).toBe(5);
    expect(snapOpenRouterDuration(null, 5)).toBe(5);
  });
});

// resolutionNameForSize / aspectRatioForSize were replaced by the shared helpers with OpenRouter's names.
describe('resolution names', () => {
  it.each([
    [640, 360, '360p'],
    [854, 480, '480p'],
    [1280, 720, '720p'],
    [720, 1280, '720p'],
    [1366, 768, '768p'],
    [1920, 1080, '1080p'],
    [2560, 1440, '2K'],
    [3840, 2160, '4K'],
    [1024, 1024, undefined],
  ])('%ix%i → %s', (width, height, name) => {
    expect(matchResolutionName({ width, height }, OPENROUTER_RESOLUTION_NAMES)).toBe(name);
  });

  it('reduces sizes to aspect ratios', () => {
    expect(aspectRatioOfSize({ width: 1280, height: 720 })).toBe('16:9');
    expect(aspectRatioOfSize({ width: 1080, height: 1920 })).toBe('9:16');
    expect(aspectRatioOfSize({ width: 1024, height: 1024 })).toBe('1:1');
  });
});
