import { getDefaultVideoProviders, LoadAPIKeyError } from '@videogen/provider-spec';
import { createCallOptions, createTestServer } from '@videogen/provider-utils/test';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createGoogle, google } from './google-provider';
import { GoogleVideoModel } from './google-video-model';

vi.mock('./version', () => ({ VERSION: '0.0.0-test' }));

const server = createTestServer({
  'https://generativelanguage.googleapis.com/v1beta/models/:modelAction': {
    response: { type: 'json-value', body: { name: 'models/veo-3.1-generate-preview/operations/op1' } },
  },
  'https://proxy.example.com/google/models/:modelAction': {
    response: { type: 'json-value', body: { name: 'models/veo-3.1-generate-preview/operations/op1' } },
  },
});

const options = createCallOptions();

const ENV_NAMES = ['GOOGLE_GENERATIVE_AI_API_KEY', 'GEMINI_API_KEY', 'GOOGLE_API_KEY'];

describe('createGoogle', () => {
  beforeEach(() => {
    for (const name of ENV_NAMES) vi.stubEnv(name, '');
  });
  afterEach(() => vi.unstubAllEnvs());

  it('creates Veo models through video, videoModel and the call form', () => {
    const provider = createGoogle({ apiKey: 'k' });
    for (const model of [
      provider('veo-3.1-generate-preview'),
      provider.video('veo-3.1-generate-preview'),
      provider.videoModel('veo-3.1-generate-preview'),
    ]) {
      expect(model).toBeInstanceOf(GoogleVideoModel);
      expect(model.provider).toBe('google.video');
      expect(model.modelId).toBe('veo-3.1-generate-preview');
    }
  });

  it('does not read the key on import or model creation', () => {
    expect(() => google.video('veo-3.1-generate-preview')).not.toThrow();
  });

  it.each([
    [{ GOOGLE_GENERATIVE_AI_API_KEY: 'k1', GEMINI_API_KEY: 'k2', GOOGLE_API_KEY: 'k3' }, 'k1'],
    [{ GEMINI_API_KEY: 'k2', GOOGLE_API_KEY: 'k3' }, 'k2'],
    [{ GOOGLE_API_KEY: 'k3' }, 'k3'],
  ])('reads the key from the environment in order (%o)', async (env, expected) => {
    for (const [name, value] of Object.entries(env)) vi.stubEnv(name, value);
    await createGoogle().video('veo-3.1-generate-preview').doStart(options);
    expect(server.calls[0].requestHeaders['x-goog-api-key']).toBe(expected);
    expect(server.calls[0].requestHeaders.authorization).toBeUndefined();
    expect(server.calls[0].requestUrl).not.toContain('key=');
  });

  it('throws a LoadAPIKeyError naming all three variables when there is no key, before any request', async () => {
    const error = await createGoogle()
      .video('veo-3.1-generate-preview')
      .doStart(options)
      .catch((error: unknown) => error);
    expect(LoadAPIKeyError.isInstance(error)).toBe(true);
    for (const name of ENV_NAMES) expect((error as Error).message).toContain(name);
    expect(server.calls).toHaveLength(0);
  });

  it('reads the key again after a failed attempt (a missing key is not cached)', async () => {
    const model = createGoogle().video('veo-3.1-generate-preview');
    await expect(model.doStart(options)).rejects.toSatisfy((error) => LoadAPIKeyError.isInstance(error));
    vi.stubEnv('GEMINI_API_KEY', 'late-key');
    await model.doStart(options);
    await model.doStart(options);
    expect(server.calls.map((call) => call.requestHeaders['x-goog-api-key'])).toStrictEqual(['late-key', 'late-key']);
  });

  it('uses baseURL (trailing slash removed) and custom headers', async () => {
    await createGoogle({ apiKey: 'k', baseURL: 'https://proxy.example.com/google/', headers: { 'x-team': 'video' } })
      .video('veo-3.1-generate-preview')
      .doStart(options);
    expect(server.calls[0].requestUrl).toBe(
      'https://proxy.example.com/google/models/veo-3.1-generate-preview:predictLongRunning',
    );
    expect(server.calls[0].requestHeaders).toMatchObject({ 'x-goog-api-key': 'k', 'x-team': 'video' });
  });

  it('uses a custom fetch', async () => {
    const fetch = vi.fn(globalThis.fetch);
    await createGoogle({ apiKey: 'k', fetch }).video('veo-3.1-generate-preview').doStart(options);
    expect(fetch).toHaveBeenCalledTimes(1);
  });
});

describe('registry', () => {
  it("registers the default instance as 'google' when the package is imported", () => {
    expect(getDefaultVideoProviders().get('google')).toBe(google);
  });
});
