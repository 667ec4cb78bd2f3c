import { getDefaultVideoProviders, LoadAPIKeyError } from '@videogen/provider-spec';
import { createCallOptions, createTestServer } from '@videogen/provider-utils/test';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import queuedGeneration from './__fixtures__/luma-generation-queued.json';
import { createLuma, luma } from './luma-provider';
import { LumaVideoModel } from './luma-video-model';

vi.mock('./version', () => ({ VERSION: '0.0.0-test' }));

const server = createTestServer({
  'https://api.lumalabs.ai/dream-machine/v1/generations/video': {
    response: { type: 'json-value', body: queuedGeneration, status: 201 },
  },
});

const options = createCallOptions();

describe('createLuma', () => {
  beforeEach(() => {
    vi.stubEnv('LUMA_API_KEY', '');
    vi.stubEnv('LUMAAI_API_KEY', '');
  });
  afterEach(() => vi.unstubAllEnvs());

  it('creates Ray models through video, videoModel and the call form', () => {
    const provider = createLuma({ apiKey: 'k' });
    for (const model of [provider('ray-2'), provider.video('ray-2'), provider.videoModel('ray-2')]) {
      expect(model).toBeInstanceOf(LumaVideoModel);
      expect(model.provider).toBe('luma.video');
      expect(model.modelId).toBe('ray-2');
    }
    expect(() => new (provider as unknown as new (id: string) => unknown)('ray-2')).toThrow(/new keyword/);
  });

  it('does not read the key on import or model creation', () => {
    expect(() => luma.video('ray-2')).not.toThrow();
  });

  it.each([
    [{ LUMA_API_KEY: 'k1', LUMAAI_API_KEY: 'k2' }, 'k1'],
    [{ LUMAAI_API_KEY: 'k2' }, 'k2'],
  ])('reads the key from the environment in order (%o)', async (env, expected) => {
    for (const [name, value] of Object.entries(env)) vi.stubEnv(name, value);
    await createLuma().video('ray-2').doStart(options);
    expect(server.calls[0].requestHeaders.authorization).toBe(`Bearer ${expected}`);
    expect(server.calls[0].requestUrl).not.toContain(expected);
  });

  it('throws a LoadAPIKeyError naming both variables when there is no key, before any request', async () => {
    const error = await createLuma()
      .video('ray-2')
      .doStart(options)
      .catch((error: unknown) => error);
    expect(LoadAPIKeyError.isInstance(error)).toBe(true);
    expect((error as Error).message).toMatch(/LUMA_API_KEY, LUMAAI_API_KEY/);
    expect(server.calls).toHaveLength(0);
  });

  it('sends the configured headers', async () => {
    await createLuma({ apiKey: 'k', headers: { 'x-team': 'video' } })
      .video('ray-2')
      .doStart(options);
    expect(server.calls[0].requestHeaders['x-team']).toBe('video');
  });

  it("registers the default instance as 'luma'", () => {
    expect(getDefaultVideoProviders().get('luma')).toBe(luma);
  });
});
