import { getDefaultVideoProviders, InvalidArgumentError, LoadAPIKeyError } from '@videogen/provider-spec';
import { createCallOptions, createTestServer } from '@videogen/provider-utils/test';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { BYTEDANCE_BASE_URLS, bytedance, createByteDance } from './bytedance-provider';
import { ByteDanceVideoModel } from './bytedance-video-model';

const server = createTestServer({
  'https://ark.ap-southeast.bytepluses.com/api/v3/contents/generations/tasks': {
    response: { type: 'json-value', body: { id: 'cgt-1' } },
  },
});

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('createByteDance', () => {
  it('makes video models through the call, videoModel and video', () => {
    const provider = createByteDance({ apiKey: 'k' });
    for (const model of [
      provider('seedance-1-0-pro-250528'),
      provider.videoModel('seedance-1-0-pro-250528'),
      provider.video('seedance-1-0-pro-250528'),
    ]) {
      expect(model).toBeInstanceOf(ByteDanceVideoModel);
      expect(model.modelId).toBe('seedance-1-0-pro-250528');
    }
    expect(provider.specificationVersion).toBe('v3');
  });

  it('cannot be called with new', () => {
    const provider = createByteDance({ apiKey: 'k' });
    expect(() => new (provider as unknown as new (id: string) => unknown)('x')).toThrow(/new keyword/);
  });

  it('knows the two regions that run Seedance and refuses another', () => {
    expect(BYTEDANCE_BASE_URLS).toStrictEqual({
      'ap-southeast': 'https://ark.ap-southeast.bytepluses.com/api/v3',
      'cn-beijing': 'https://ark.cn-beijing.volces.com/api/v3',
    });
    expect(() => createByteDance({ region: 'eu-west' as never })).toThrow(InvalidArgumentError);
  });

  it('reads ARK_API_KEY at the first request, and a missing key is a LoadAPIKeyError before any request', async () => {
    vi.stubEnv('ARK_API_KEY', '');
    const model = createByteDance().video('seedance-1-0-pro-250528');
    await expect(model.doStart(createCallOptions({ prompt: 'x' }))).rejects.toBeInstanceOf(LoadAPIKeyError);
    expect(server.calls).toHaveLength(0);
    vi.stubEnv('ARK_API_KEY', 'ark-from-env');
    await createByteDance()
      .video('seedance-1-0-pro-250528')
      .doStart(createCallOptions({ prompt: 'x' }));
    expect(server.calls[0].requestHeaders.authorization).toBe('Bearer ark-from-env');
  });

  it('registers the default instance as bytedance', () => {
    expect(getDefaultVideoProviders().get('bytedance')).toBe(bytedance);
  });
});
