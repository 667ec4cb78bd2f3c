import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import * as kling from './index';

const packageDir = fileURLToPath(new URL('..', import.meta.url));

describe('package shape', () => {
  it('exports the provider, the default instance, helpers and VERSION', () => {
    expect(typeof kling.createKling).toBe('function');
    expect(typeof kling.kling).toBe('function');
    expect(typeof kling.kling.video).toBe('function');
    expect(typeof kling.kling.videoModel).toBe('function');
    expect(typeof kling.verifyKlingWebhook).toBe('function');
    expect(typeof kling.signKlingJwt).toBe('function');
    expect(typeof kling.VERSION).toBe('string');
  });

  it('has the file set of a provider package', () => {
    for (const file of [
      'README.md',
      'CHANGELOG.md',
      'src/kling-provider.ts',
      'src/kling-config.ts',
      'src/kling-error.ts',
      'src/kling-video-model-options.ts',
      'src/kling-video-model.ts',
      'src/kling-video-request.ts',
      'src/kling-operation.ts',
      'src/kling-webhook.ts',
      'src/index.ts',
      'src/version.ts',
      // The extra feature: the JWT signing of the access/secret key pair.
      'src/kling-auth.ts',
    ]) {
      expect(existsSync(`${packageDir}${file}`), file).toBe(true);
    }
    expect(readFileSync(`${packageDir}README.md`, 'utf8')).toContain('createKling');
  });
});
