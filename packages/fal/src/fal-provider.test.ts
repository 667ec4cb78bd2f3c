import { getDefaultVideoProviders, LoadAPIKeyError, NoSuchModelError } from '@videogen/provider-spec';
import { createCallOptions, createTestServer } from '@videogen/provider-utils/test';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createFal, fal } from './fal-provider';
import { FalVideoModel } from './fal-video-model';
import submitFixture from './__fixtures__/fal-video-submit.json';

vi.mock('./version', () => ({ VERSION: '0.0.0-test' }));

const server = createTestServer({
  'https://queue.fal.run/*': { response: { type: 'json-value', body: submitFixture } },
  'https://proxy.example/api/fal/*': { response: { type: 'json-value', body: submitFixture } },
});

const options = createCallOptions();

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('default registry', () => {
  it("registers the default instance as 'fal' when the package is imported", () => {
    expect(getDefaultVideoProviders().get('fal')).toBe(fal);
    expect(getDefaultVideoProviders().get('fal')?.videoModel('fal-ai/veo3.1/fast')).toBeInstanceOf(FalVideoModel);
  });
});

describe('createFal', () => {
  it('returns FalVideoModel instances through videoModel, video and the call form', () => {
    const provider = createFal({ apiKey: 'k' });
    for (const model of [
      provider.videoModel('fal-ai/veo3.1'),
      provider.video('fal-ai/veo3.1'),
      provider('fal-ai/veo3.1'),
    ]) {
      expect(model).toBeInstanceOf(FalVideoModel);
      expect(model.provider).toBe('fal.video');
      expect(model.modelId).toBe('fal-ai/veo3.1');
    }
    expect(provider.specificationVersion).toBe('v3');
  });

  it('accepts any endpoint id: other owners, workflows/ and comfy/, and the legacy number-app form', () => {
    const provider = createFal({ apiKey: 'k' });
    expect(provider.video('someone/custom-app/v2/run').modelId).toBe('someone/custom-app/v2/run');
    expect(provider.video('workflows/acme/flow').modelId).toBe('workflows/acme/flow');
    expect(provider.video('comfy/acme/graph').modelId).toBe('comfy/acme/graph');
    expect(provider.video('12345-my-app').modelId).toBe('12345/my-app');
  });

  it('rejects ids that are not endpoint ids', () => {
    const provider = createFal({ apiKey: 'k' });
    for (const id of [
      'veo3',
      '',
      'fal-ai/../admin',
      'fal-ai/veo3.1?x=1',
      '/fal-ai/veo3',
      'fal-ai//veo3',
      'fal ai/veo',
    ]) {
      expect(() => provider.video(id)).toThrow(NoSuchModelError);
    }
  });

  it('does not read the key until a request is made', () => {
    vi.stubEnv('FAL_KEY', '');
    vi.stubEnv('FAL_API_KEY', '');
    expect(() => fal.video('fal-ai/veo3.1')).not.toThrow();
  });

  it('loads the key from FAL_KEY, then FAL_API_KEY, at request time', async () => {
    vi.stubEnv('FAL_KEY', 'from-fal-key');
    vi.stubEnv('FAL_API_KEY', 'from-fal-api-key');
    await createFal().video('fal-ai/veo3.1').doStart!(options);
    vi.stubEnv('FAL_KEY', '');
    await createFal().video('fal-ai/veo3.1').doStart!(options);
    expect(server.calls.map((call) => call.requestHeaders.authorization)).toStrictEqual([
      'Key from-fal-key',
      'Key from-fal-api-key',
    ]);
  });

  it('throws LoadAPIKeyError without any key, before sending anything', async () => {
    vi.stubEnv('FAL_KEY', '');
    vi.stubEnv('FAL_API_KEY', '');
    await expect(createFal().video('fal-ai/veo3.1').doStart!(options)).rejects.toSatisfy((error: unknown) =>
      LoadAPIKeyError.isInstance(error),
    );
    expect(server.calls).toHaveLength(0);
  });

  it('builds the headers once per instance, on the first request; a missing key is looked up again', async () => {
    vi.stubEnv('FAL_KEY', '');
    vi.stubEnv('FAL_API_KEY', '');
    const settings = { headers: { 'x-app': 'one' } };
    const model = createFal(settings).video('fal-ai/veo3.1');
    await expect(model.doStart!(options)).rejects.toSatisfy((error: unknown) => LoadAPIKeyError.isInstance(error));
    vi.stubEnv('FAL_KEY', 'first-key');
    await model.doStart!(options);
    vi.stubEnv('FAL_KEY', 'second-key');
    settings.headers['x-app'] = 'two';
    await model.doStart!(options);
    // A new instance reads the environment again.
    await createFal().video('fal-ai/veo3.1').doStart!(options);
    expect(server.calls.map((call) => [call.requestHeaders.authorization, call.requestHeaders['x-app']])).toStrictEqual(
      [
        ['Key first-key', 'one'],
        ['Key first-key', 'one'],
        ['Key second-key', undefined],
      ],
    );
    expect(server.calls[1].requestHeaders['user-agent']).toMatch(
      /^videogen\/fal\/0\.0\.0-test ai-sdk\/provider-utils\//,
    );
  });

  it('keeps two instances with different keys apart, also when used concurrently', async () => {
    const first = createFal({ apiKey: 'key-one' }).video('fal-ai/veo3.1');
    const second = createFal({ apiKey: 'key-two', headers: { 'x-tenant': 'two' } }).video('fal-ai/veo3.1');
    await Promise.all([first.doStart!(options), second.doStart!(options), first.doStart!(options)]);
    const seen = server.calls.map(
      (call) => `${call.requestHeaders.authorization}|${call.requestHeaders['x-tenant'] ?? ''}`,
    );
    expect(seen.sort()).toStrictEqual(['Key key-one|', 'Key key-one|', 'Key key-two|two']);
  });

  it('uses a custom base URL (trailing slash removed), headers and fetch', async () => {
    const fetch = vi.fn(globalThis.fetch);
    const model = createFal({
      apiKey: 'k',
      baseURL: 'https://proxy.example/api/fal/',
      headers: { 'x-app': 'demo' },
      fetch,
    }).video('fal-ai/veo3.1');
    const { operation } = await model.doStart!(options);
    expect(server.calls[0].requestUrl).toBe('https://proxy.example/api/fal/fal-ai/veo3.1');
    expect(server.calls[0].requestHeaders['x-app']).toBe('demo');
    expect(fetch).toHaveBeenCalledTimes(1);
    // The queue answered with queue.fal.run URLs: not this origin, so they are not kept.
    expect(operation).toStrictEqual({ requestId: submitFixture.request_id, endpointId: 'fal-ai/veo3.1' });
  });
});
