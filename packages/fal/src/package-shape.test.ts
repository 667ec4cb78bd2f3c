import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import * as index from './index';

const packageDir = fileURLToPath(new URL('..', import.meta.url));

describe('package shape', () => {
  it('exports the provider factory, the default instance, webhooks and VERSION', () => {
    expect(typeof index.createFal).toBe('function');
    expect(typeof index.fal).toBe('function');
    expect(typeof index.fal.videoModel).toBe('function');
    expect(typeof index.FalVideoModel).toBe('function');
    expect(typeof index.createFalWebhookVerifier).toBe('function');
    expect(typeof index.verifyFalWebhook).toBe('function');
    expect(typeof index.VERSION).toBe('string');
    expect(Object.keys(index).sort()).toStrictEqual(
      [
        'FAL_DEFAULT_BASE_URL',
        'FAL_GENERIC_CAPABILITIES',
        'FAL_POLL_INTERVAL_MS',
        'FAL_WEBHOOK_JWKS_URL',
        'FalVideoModel',
        'VERSION',
        'createFal',
        'createFalWebhookToJob',
        'createFalWebhookVerifier',
        'fal',
        'falEndpointCapabilities',
        'getFalEndpointCapabilities',
        'getFalWebhookJob',
        'getFalWebhookStatus',
        'getFalVideoModelCapabilities',
        'verifyFalWebhook',
      ].sort(),
    );
  });

  it('has the convention files, a README and a CHANGELOG', () => {
    for (const file of [
      'README.md',
      'CHANGELOG.md',
      'src/fal-provider.ts',
      'src/fal-config.ts',
      'src/fal-error.ts',
      'src/fal-video-model-options.ts',
      'src/fal-video-model.ts',
      'src/fal-video-request.ts',
      'src/fal-operation.ts',
      'src/fal-webhook.ts',
      'src/version.ts',
    ]) {
      expect(existsSync(`${packageDir}/${file}`), file).toBe(true);
    }
    expect(readFileSync(`${packageDir}/README.md`, 'utf8')).toContain('createFal');
  });
});
