import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import * as index from './index';

const packageDir = fileURLToPath(new URL('..', import.meta.url));

describe('package shape', () => {
  it('exports the provider, the default instance, helpers and VERSION', () => {
    expect(typeof index.createOpenRouter).toBe('function');
    expect(typeof index.openrouter).toBe('function');
    expect(typeof index.openrouter.videoModel).toBe('function');
    expect(typeof index.OpenRouterVideoModel).toBe('function');
    expect(typeof index.verifyOpenRouterWebhook).toBe('function');
    expect(typeof index.signOpenRouterWebhook).toBe('function');
    expect(typeof index.snapOpenRouterDuration).toBe('function');
    expect(typeof index.VERSION).toBe('string');
    expect(Object.keys(index).sort()).toStrictEqual([
      'OPENROUTER_DEFAULT_BASE_URL',
      'OPENROUTER_DEFAULT_POLL_INTERVAL_MS',
      'OPENROUTER_DEFAULT_VIDEO_MODELS_TTL_MS',
      'OpenRouterVideoModel',
      'VERSION',
      'createOpenRouter',
      'getOpenRouterWebhookJob',
      'getOpenRouterWebhookStatus',
      'openrouter',
      'openrouterFailedResponseHandler',
      'signOpenRouterWebhook',
      'snapOpenRouterDuration',
      'verifyOpenRouterWebhook',
    ]);
  });

  it('has the file set of a provider package', () => {
    for (const file of [
      'README.md',
      'CHANGELOG.md',
      'src/openrouter-provider.ts',
      'src/openrouter-config.ts',
      'src/openrouter-error.ts',
      'src/openrouter-video-model-options.ts',
      'src/openrouter-video-model.ts',
      'src/openrouter-video-request.ts',
      'src/openrouter-operation.ts',
      'src/openrouter-webhook.ts',
      'src/version.ts',
    ]) {
      expect(existsSync(`${packageDir}/${file}`), file).toBe(true);
    }
    expect(readFileSync(`${packageDir}/README.md`, 'utf8')).toContain('createOpenRouter');
  });

  it('exports the public types', () => {
    const source = readFileSync(`${packageDir}/src/index.ts`, 'utf8');
    for (const name of [
      'OpenRouterProvider',
      'OpenRouterProviderSettings',
      'OpenRouterVideoModelOptions',
      'OpenRouterVideoModelId',
    ]) {
      expect(source).toMatch(new RegExp(`type ${name}\\b`));
    }
  });
});
