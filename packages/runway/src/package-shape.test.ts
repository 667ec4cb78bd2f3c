import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import * as runway from './index';

const packageDir = fileURLToPath(new URL('..', import.meta.url));

describe('package shape', () => {
  it('exports the provider, the default instance, helpers and VERSION', () => {
    expect(typeof runway.createRunway).toBe('function');
    expect(typeof runway.runway).toBe('function');
    expect(typeof runway.runway.video).toBe('function');
    expect(typeof runway.runway.videoModel).toBe('function');
    expect(typeof runway.getRunwayVideoModelCapabilities).toBe('function');
    expect(runway.RUNWAY_SENDS_WEBHOOKS).toBe(false);
    expect(typeof runway.VERSION).toBe('string');
  });

  it('has the file set of a provider package', () => {
    for (const file of [
      'README.md',
      'CHANGELOG.md',
      'src/runway-provider.ts',
      'src/runway-config.ts',
      'src/runway-error.ts',
      'src/runway-video-model-options.ts',
      'src/runway-video-model.ts',
      'src/runway-video-request.ts',
      'src/runway-operation.ts',
      'src/runway-webhook.ts',
      'src/index.ts',
      'src/version.ts',
    ]) {
      expect(existsSync(`${packageDir}${file}`), file).toBe(true);
    }
    expect(readFileSync(`${packageDir}README.md`, 'utf8')).toContain('createRunway');
  });
});
