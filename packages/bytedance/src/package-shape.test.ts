import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import * as bytedance from './index';

const packageDir = fileURLToPath(new URL('..', import.meta.url));

describe('package shape', () => {
  it('exports the provider, the default instance, helpers and VERSION', () => {
    expect(typeof bytedance.createByteDance).toBe('function');
    expect(typeof bytedance.bytedance).toBe('function');
    expect(typeof bytedance.bytedance.video).toBe('function');
    expect(typeof bytedance.verifyByteDanceWebhook).toBe('function');
    expect(typeof bytedance.VERSION).toBe('string');
  });

  it('has the file set of a provider package', () => {
    for (const file of [
      'README.md',
      'CHANGELOG.md',
      'src/bytedance-provider.ts',
      'src/bytedance-config.ts',
      'src/bytedance-error.ts',
      'src/bytedance-video-model-options.ts',
      'src/bytedance-video-model.ts',
      'src/bytedance-video-request.ts',
      'src/bytedance-operation.ts',
      'src/bytedance-webhook.ts',
      'src/index.ts',
      'src/version.ts',
    ]) {
      expect(existsSync(`${packageDir}${file}`), file).toBe(true);
    }
    expect(readFileSync(`${packageDir}README.md`, 'utf8')).toContain('createByteDance');
  });
});
