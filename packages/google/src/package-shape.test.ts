import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import * as google from './index';

const packageDir = fileURLToPath(new URL('..', import.meta.url));

describe('package shape', () => {
  it('exports the provider, the default instance, helpers and VERSION', () => {
    expect(typeof google.createGoogle).toBe('function');
    expect(typeof google.google).toBe('function');
    expect(typeof google.google.video).toBe('function');
    expect(typeof google.google.videoModel).toBe('function');
    expect(typeof google.createVertex).toBe('function');
    expect(typeof google.snapGoogleVideoDuration).toBe('function');
    expect(typeof google.verifyGoogleWebhook).toBe('function');
    expect(typeof google.getGoogleWebhookJob).toBe('function');
    expect(typeof google.getGoogleWebhookStatus).toBe('function');
    expect(typeof google.VERSION).toBe('string');
  });

  it('has the file set of a provider package', () => {
    for (const file of [
      'README.md',
      'CHANGELOG.md',
      'src/google-provider.ts',
      'src/google-config.ts',
      'src/google-error.ts',
      'src/google-video-model-options.ts',
      'src/google-video-model.ts',
      'src/google-video-request.ts',
      'src/google-operation.ts',
      'src/google-webhook.ts',
      'src/index.ts',
      'src/version.ts',
      // The extra feature: Vertex AI, sharing the files above.
      'src/vertex-provider.ts',
      'src/vertex-video-model.ts',
    ]) {
      expect(existsSync(`${packageDir}${file}`), file).toBe(true);
    }
    expect(readFileSync(`${packageDir}README.md`, 'utf8')).toContain('createGoogle');
  });
});
