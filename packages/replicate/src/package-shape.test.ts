import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import * as replicate from './index';

const packageDir = fileURLToPath(new URL('..', import.meta.url));

describe('package shape', () => {
  it('exports the provider, the default instance, helpers and VERSION', () => {
    expect(typeof replicate.createReplicate).toBe('function');
    expect(typeof replicate.replicate).toBe('function');
    expect(typeof replicate.replicate.video).toBe('function');
    expect(typeof replicate.verifyReplicateWebhook).toBe('function');
    expect(typeof replicate.VERSION).toBe('string');
  });

  it('has the file set of a provider package', () => {
    for (const file of [
      'README.md',
      'CHANGELOG.md',
      'src/replicate-provider.ts',
      'src/replicate-config.ts',
      'src/replicate-error.ts',
      'src/replicate-video-model-options.ts',
      'src/replicate-video-model.ts',
      'src/replicate-video-request.ts',
      'src/replicate-operation.ts',
      'src/replicate-webhook.ts',
      'src/index.ts',
      'src/version.ts',
    ]) {
      expect(existsSync(`${packageDir}${file}`), file).toBe(true);
    }
    expect(readFileSync(`${packageDir}README.md`, 'utf8')).toContain('createReplicate');
  });
});
