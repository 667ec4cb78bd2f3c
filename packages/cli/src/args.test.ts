import { describe, expect, it } from 'vitest';
import {
  parseAspectRatio,
  parseCount,
  parseDuration,
  parseResolution,
  parseSeed,
  parseTimeout,
  resolveResolution,
} from './args';

describe('flag parsers', () => {
  it('duration: seconds > 0, with an optional s', () => {
    expect(parseDuration('8')).toBe(8);
    expect(parseDuration('8s')).toBe(8);
    expect(parseDuration('2.5')).toBe(2.5);
    for (const bad of ['abc', '0', '-4', '', '8m'])
      expect(() => parseDuration(bad), bad).toThrow(/duration in seconds/);
  });

  it('aspect ratio: W:H or adaptive', () => {
    expect(parseAspectRatio('16:9')).toBe('16:9');
    expect(parseAspectRatio('auto')).toBe('adaptive');
    for (const bad of ['wide', '16x9', '0:9', '16:']) expect(() => parseAspectRatio(bad), bad).toThrow(/W:H/);
  });

  it('resolution: WxH or a name oriented by the aspect ratio', () => {
    expect(parseResolution('1280x720')).toBe('1280x720');
    expect(parseResolution('1080P')).toBe('1080p');
    expect(() => parseResolution('big')).toThrow(/WxH/);
    expect(resolveResolution('720p', undefined)).toBe('1280x720');
    expect(resolveResolution('720p', '9:16')).toBe('720x1280');
    expect(resolveResolution('4k', '16:9')).toBe('3840x2160');
    expect(resolveResolution('1080p', '1:1')).toBe('1080x1080');
    expect(resolveResolution('1792x1024', '9:16')).toBe('1792x1024');
    expect(resolveResolution(undefined, '9:16')).toBeUndefined();
    // Any name with a short side, as the providers label them (shared with provider-utils).
    expect(parseResolution('768P')).toBe('768p');
    expect(parseResolution('2K')).toBe('2k');
    expect(parseResolution('1920 × 1080')).toBe('1920x1080');
    expect(() => parseResolution('0x720')).toThrow(/WxH/);
    expect(resolveResolution('768p', '9:16')).toBe('768x1366');
    expect(resolveResolution('480p', 'adaptive')).toBe('854x480');
  });

  it('count, seed, timeout', () => {
    expect(parseCount('3')).toBe(3);
    for (const bad of ['0', '1.5', 'two', '-1']) expect(() => parseCount(bad), bad).toThrow(/whole number/);
    expect(parseSeed('0')).toBe(0);
    expect(parseSeed('-7')).toBe(-7);
    expect(() => parseSeed('1.5')).toThrow(/integer/);
    expect(parseTimeout('90')).toBe(90_000);
    expect(parseTimeout('90s')).toBe(90_000);
    expect(parseTimeout('10m')).toBe(600_000);
    expect(parseTimeout('1h')).toBe(3_600_000);
    expect(parseTimeout('500ms')).toBe(500);
    expect(() => parseTimeout('soon')).toThrow(/time greater than 0/);
  });
});
