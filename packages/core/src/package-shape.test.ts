import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as core from './index';
import * as node from './node/index';
import * as testing from './test/index';

describe('package shape', () => {
  it('exports the public API', () => {
    for (const name of [
      'generateVideo',
      'startVideo',
      'getVideoStatus',
      'waitForVideo',
      'cancelVideo',
      'streamVideo',
      'toServerSentEventsResponse',
      'readVideoEvents',
      'createVideoContentResponse',
      'createDownload',
      'downloadVideo',
      'createVideoProviderRegistry',
      'snapDuration',
      'listVideoModels',
      'listVideos',
      'deleteVideo',
      'getVideoDownloadUrl',
      'createVideoDownloadLinkSigner',
      'DefaultGeneratedVideo',
      'VideoJobTimeoutError',
      'VideoJobAbortedError',
      'VideoDownloadError',
      'DownloadError',
      'DownloadIdleTimeoutError',
      'VERSION',
    ]) {
      expect(core, name).toHaveProperty(name);
    }
    expect(Object.keys(node).sort()).toStrictEqual(['saveVideo', 'saveVideoFromJob', 'writeVideoStream']);
    expect(testing).toHaveProperty('MockVideoModelV3');
    expect(testing).toHaveProperty('createMockJobModel');
    expect(testing).toHaveProperty('createTestServer');
  });

  it('has README, and subpath exports for ./node and ./test', () => {
    expect(existsSync(new URL('../README.md', import.meta.url))).toBe(true);
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
    expect(Object.keys(pkg.exports)).toStrictEqual(['./package.json', '.', './test', './node']);
  });

  it('keeps node: imports out of the runtime-neutral entry', async () => {
    const { readdirSync, statSync } = await import('node:fs');
    const { join } = await import('node:path');
    const root = new URL('.', import.meta.url).pathname;
    const offenders: string[] = [];
    const walk = (dir: string) => {
      for (const entry of readdirSync(dir)) {
        const path = join(dir, entry);
        if (statSync(path).isDirectory()) {
          if (!['node', '__fixtures__'].includes(entry)) walk(path);
        } else if (
          path.endsWith('.ts') &&
          !path.endsWith('.test.ts') &&
          /from ['"]node:/.test(readFileSync(path, 'utf8'))
        ) {
          offenders.push(path);
        }
      }
    };
    walk(root);
    expect(offenders).toStrictEqual([]);
  });
});

describe('snapDuration', () => {
  it('snaps to the nearest listed value (ties to the longer one) or a stepped range', () => {
    expect(core.snapDuration({ durations: [4, 8, 12] }, 7)).toBe(8);
    expect(core.snapDuration({ durations: [4, 8, 12] }, 6)).toBe(8);
    expect(core.snapDuration({ durations: [4, 8, 12] }, 100)).toBe(12);
    expect(core.snapDuration({ durations: { min: 2, max: 10, step: 2 } }, 5.2)).toBe(6);
    expect(core.snapDuration({ durations: { min: 1, max: 5 } }, 0.2)).toBe(1);
    expect(core.snapDuration({}, 7)).toBe(7);
    expect(core.snapDuration(undefined, 7)).toBe(7);
  });
});
