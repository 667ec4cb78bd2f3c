import { describe, expect, it } from 'vitest';
import {
  getGoogleVideoDurations,
  getGoogleVideoModelCapabilities,
  parseGoogleResolution,
  snapGoogleVideoDuration,
} from './google-video-model-options';

describe('snapGoogleVideoDuration', () => {
  it('snaps to the nearest allowed duration, ties to the longer one', () => {
    expect(snapGoogleVideoDuration('veo-3.1-generate-preview', 1)).toBe(4);
    expect(snapGoogleVideoDuration('veo-3.1-generate-preview', 5)).toBe(6);
    expect(snapGoogleVideoDuration('veo-3.1-generate-preview', 6.9)).toBe(6);
    expect(snapGoogleVideoDuration('veo-3.1-generate-preview', 7)).toBe(8);
    expect(snapGoogleVideoDuration('veo-3.1-generate-preview', 30)).toBe(8);
    expect(snapGoogleVideoDuration('veo-2.0-generate-001', 4)).toBe(5);
  });

  it('applies the 8-second rule for 1080p, 4k, references and extension', () => {
    expect(snapGoogleVideoDuration('veo-3.1-generate-preview', 4, { resolution: '1080p' })).toBe(8);
    expect(snapGoogleVideoDuration('veo-3.1-generate-preview', 4, { resolution: '3840x2160' })).toBe(8);
    expect(snapGoogleVideoDuration('veo-3.1-generate-preview', 4, { resolution: '720p' })).toBe(4);
    expect(snapGoogleVideoDuration('veo-3.1-generate-preview', 4, { referenceImages: true })).toBe(8);
    expect(snapGoogleVideoDuration('veo-3.1-generate-preview', 4, { extension: true })).toBe(8);
    expect(getGoogleVideoDurations('veo-3.1-generate-preview', { resolution: '1920x1080' })).toStrictEqual([8]);
  });

  it('leaves a duration of an unknown model as it is', () => {
    expect(snapGoogleVideoDuration('veo-9', 7)).toBe(7);
    expect(getGoogleVideoDurations('veo-9')).toBeUndefined();
  });
});

describe('getGoogleVideoModelCapabilities', () => {
  it('knows listed ids and matches families by prefix', () => {
    expect(getGoogleVideoModelCapabilities('veo-3.1-fast-generate-preview')?.family).toBe('veo-3.1');
    expect(getGoogleVideoModelCapabilities('veo-3.1-lite-generate-001')?.resolutions).toStrictEqual(['720p', '1080p']);
    expect(getGoogleVideoModelCapabilities('veo-3.1-generate-002')?.family).toBe('veo-3.1');
    expect(getGoogleVideoModelCapabilities('veo-3.0-generate-preview')?.maxReferenceImages).toBe(0);
    expect(getGoogleVideoModelCapabilities('models/veo-2.0-generate-001')?.maxVideosPerCall).toBe(2);
    expect(getGoogleVideoModelCapabilities('veo-3.2-generate-preview')).toBeUndefined();
  });
});

describe('parseGoogleResolution', () => {
  it('maps WxH and names', () => {
    expect(parseGoogleResolution('1920x1080')).toStrictEqual({ resolution: '1080p', aspectRatio: '16:9' });
    expect(parseGoogleResolution('720x1280')).toStrictEqual({ resolution: '720p', aspectRatio: '9:16' });
    expect(parseGoogleResolution('2160x3840')).toStrictEqual({ resolution: '4k', aspectRatio: '9:16' });
    expect(parseGoogleResolution('4K')).toStrictEqual({ resolution: '4k' });
    expect(parseGoogleResolution('1080p')).toStrictEqual({ resolution: '1080p' });
    expect(parseGoogleResolution('1024x1024')).toBeUndefined();
  });
});
