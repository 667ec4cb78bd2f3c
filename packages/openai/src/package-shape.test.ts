import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import * as api from './index';

const packageDir = fileURLToPath(new URL('..', import.meta.url));

describe('@videogen/openai package shape', () => {
  it('exports the provider, the default instance, the model, helpers and VERSION', () => {
    expect(typeof api.createOpenAI).toBe('function');
    expect(typeof api.openai).toBe('function');
    expect(typeof api.openai.video).toBe('function');
    expect(typeof api.openai.videoModel).toBe('function');
    expect(typeof api.openai.videos.list).toBe('function');
    expect(typeof api.OpenAIVideoModel).toBe('function');
    expect(typeof api.verifyOpenAIWebhook).toBe('function');
    expect(typeof api.getOpenAIWebhookJob).toBe('function');
    expect(typeof api.getOpenAIErrorData).toBe('function');
    expect(typeof api.VERSION).toBe('string');
    expect(Object.keys(api).sort()).toStrictEqual(
      [
        'OPENAI_DEFAULT_BASE_URL',
        'OPENAI_VIDEO_MODEL_IDS',
        'OPENAI_VIDEO_SECONDS',
        'OpenAIVideoModel',
        'VERSION',
        'createOpenAI',
        'getOpenAIErrorData',
        'getOpenAIVideoModelCapabilities',
        'getOpenAIWebhookJob',
        'getOpenAIWebhookStatus',
        'isOpenAIVideoWebhookEvent',
        'openai',
        'verifyOpenAIWebhook',
      ].sort(),
    );
  });

  it('has the file set of a provider package', () => {
    for (const file of [
      'README.md',
      'CHANGELOG.md',
      'src/openai-provider.ts',
      'src/openai-config.ts',
      'src/openai-error.ts',
      'src/openai-video-model-options.ts',
      'src/openai-video-model.ts',
      'src/openai-video-request.ts',
      'src/openai-operation.ts',
      'src/openai-webhook.ts',
      'src/index.ts',
      'src/version.ts',
    ]) {
      expect(existsSync(`${packageDir}${file}`), file).toBe(true);
    }
    expect(readFileSync(`${packageDir}README.md`, 'utf8')).toContain('createOpenAI');
  });

  it('keeps the file that registers the default instance in sideEffects, so bundlers keep the registration', () => {
    const { sideEffects } = JSON.parse(readFileSync(`${packageDir}package.json`, 'utf8'));
    expect(sideEffects).toEqual(expect.arrayContaining(['./dist/index.js', './dist/index.cjs']));
    expect(readFileSync(`${packageDir}src/openai-provider.ts`, 'utf8')).toContain(
      "registerVideoProvider('openai', openai)",
    );
  });

  it('makes every request through the HTTP layer of @videogen/provider-utils', () => {
    for (const file of ['openai-videos.ts', 'openai-video-model.ts', 'openai-provider.ts', 'openai-operation.ts']) {
      const source = readFileSync(`${packageDir}src/${file}`, 'utf8');
      expect(source, file).not.toMatch(/\bfetch\(/);
      expect(source, file).not.toMatch(
        /import \{[^}]*\b(postJsonToApi|getFromApi|postFormDataToApi|deleteFromApi|postToApi)\b[^}]*\} from '@ai-sdk\/provider-utils'/,
      );
    }
  });
});
