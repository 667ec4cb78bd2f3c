import { getDefaultVideoProviders, LoadAPIKeyError } from '@videogen/provider-spec';
import { createCallOptions, createTestServer } from '@videogen/provider-utils/test';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { alibaba, createAlibaba } from './alibaba-provider';
import { AlibabaVideoModel } from './alibaba-video-model';

vi.mock('./version', () => ({ VERSION: '0.0.0-test' }));

const created = { output: { task_id: 't1', task_status: 'PENDING' }, request_id: 'r1' };
const server = createTestServer({
  'https://dashscope-intl.aliyuncs.com/api/v1/services/aigc/:task/video-synthesis': {
    response: { type: 'json-value', body: created },
  },
  'https://dashscope.aliyuncs.com/api/v1/services/aigc/:task/video-synthesis': {
    response: { type: 'json-value', body: created },
  },
  'https://dashscope-us.aliyuncs.com/api/v1/services/aigc/:task/video-synthesis': {
    response: { type: 'json-value', body: created },
  },
});

const options = createCallOptions();

describe('createAlibaba', () => {
  beforeEach(() => {
    vi.stubEnv('DASHSCOPE_API_KEY', '');
    vi.stubEnv('ALIBABA_API_KEY', '');
  });
  afterEach(() => vi.unstubAllEnvs());

  it('creates Wan models through video, videoModel and the call form; new throws', () => {
    const provider = createAlibaba({ apiKey: 'k' });
    for (const model of [provider('wan2.6-t2v'), provider.video('wan2.6-t2v'), provider.videoModel('wan2.6-t2v')]) {
      expect(model).toBeInstanceOf(AlibabaVideoModel);
      expect(model.provider).toBe('alibaba.video');
      expect(model.modelId).toBe('wan2.6-t2v');
    }
    expect(() => new (provider as unknown as new (id: string) => unknown)('wan2.6-t2v')).toThrow(/new keyword/);
  });

  it('registers the default instance as alibaba and reads no key on import', () => {
    expect(getDefaultVideoProviders().get('alibaba')).toBe(alibaba);
    expect(() => alibaba.video('wan2.6-t2v')).not.toThrow();
  });

  it.each([
    [{ DASHSCOPE_API_KEY: 'k1', ALIBABA_API_KEY: 'k2' }, 'k1'],
    [{ ALIBABA_API_KEY: 'k2' }, 'k2'],
  ])('reads the key from the environment in order (%o)', async (env, expected) => {
    for (const [name, value] of Object.entries(env)) vi.stubEnv(name, value);
    await createAlibaba().video('wan2.6-t2v').doStart(options);
    expect(server.calls[0].requestHeaders.authorization).toBe(`Bearer ${expected}`);
  });

  it('throws LoadAPIKeyError before any request when no key is set', async () => {
    await expect(createAlibaba().video('wan2.6-t2v').doStart(options)).rejects.toBeInstanceOf(LoadAPIKeyError);
    expect(server.calls).toHaveLength(0);
  });

  it.each([
    ['cn-beijing', 'https://dashscope.aliyuncs.com'],
    ['us-east-1', 'https://dashscope-us.aliyuncs.com'],
    ['ap-southeast-1', 'https://dashscope-intl.aliyuncs.com'],
  ] as const)('uses the %s endpoint', async (region, base) => {
    await createAlibaba({ apiKey: 'k', region }).video('wan2.6-t2v').doStart(options);
    expect(server.calls[0].requestUrl).toBe(`${base}/api/v1/services/aigc/video-generation/video-synthesis`);
  });

  it('refuses an unknown region', () => {
    expect(() => createAlibaba({ region: 'mars-1' as never })).toThrow(/Unknown DashScope region/);
  });
});
