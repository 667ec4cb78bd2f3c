import { VERSION as AI_SDK_PROVIDER_UTILS_VERSION } from '@ai-sdk/provider-utils';
import { getDefaultVideoProviders, LoadAPIKeyError } from '@videogen/provider-spec';
import { createCallOptions, createTestServer } from '@videogen/provider-utils/test';
import { afterEach, describe, expect, it, vi } from 'vitest';
import modelsFixture from './__fixtures__/openrouter-video-models.json';
import submitFixture from './__fixtures__/openrouter-video-submit.json';
import { createOpenRouter, openrouter } from './openrouter-provider';
import { OpenRouterVideoModel } from './openrouter-video-model';

vi.mock('./version', () => ({ VERSION: '0.0.0-test' }));

const BASE = 'https://openrouter.ai/api/v1';
// Node 21+ has navigator.userAgent ('Node.js/22'), which @ai-sdk/provider-utils prefers to process.version.
const RUNTIME = globalThis.navigator?.userAgent?.toLowerCase() ?? `node.js/${process.version}`;
const USER_AGENT = `videogen/openrouter/0.0.0-test ai-sdk/provider-utils/${AI_SDK_PROVIDER_UTILS_VERSION} runtime/${RUNTIME}`;

const server = createTestServer({
  [`${BASE}/videos/models`]: { response: { type: 'json-value', body: modelsFixture } },
  [`${BASE}/videos`]: { response: { type: 'json-value', status: 202, body: submitFixture } },
  'https://proxy.example/or/v1/videos/models': { response: { type: 'json-value', body: { data: [] } } },
  'https://proxy.example/or/v1/videos': { response: { type: 'json-value', status: 202, body: submitFixture } },
});

const callOptions = createCallOptions({
  prompt: 'A cat',
  providerOptions: { openrouter: { validateCapabilities: false } },
});

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('createOpenRouter', () => {
  it('creates models by the callable form, video() and videoModel()', () => {
    const provider = createOpenRouter({ apiKey: 'key' });
    for (const model of [
      provider('google/veo-3.1'),
      provider.video('google/veo-3.1'),
      provider.videoModel('google/veo-3.1'),
    ]) {
      expect(model).toBeInstanceOf(OpenRouterVideoModel);
      expect(model.modelId).toBe('google/veo-3.1');
      expect(model.provider).toBe('openrouter.video');
    }
    expect(provider.specificationVersion).toBe('v3');
  });

  it('registers the default instance as openrouter for string model ids', () => {
    expect(getDefaultVideoProviders().get('openrouter')).toBe(openrouter);
  });

  it('cannot be called with new', () => {
    const provider = createOpenRouter({ apiKey: 'key' });
    expect(() => new (provider as unknown as new (id: string) => unknown)('google/veo-3.1')).toThrow(/new keyword/);
  });

  it('sends the app attribution headers and custom headers', async () => {
    await createOpenRouter({
      apiKey: 'key',
      appUrl: 'https://myapp.example',
      appTitle: 'My App',
      appCategories: ['video-editing', 'creative'],
      headers: { 'X-Extra': 'extra' },
    })
      .video('google/veo-3.1')
      .doStart(callOptions);
    expect(server.calls[0].requestHeaders).toStrictEqual({
      authorization: 'Bearer key',
      'content-type': 'application/json',
      'http-referer': 'https://myapp.example',
      'x-openrouter-title': 'My App',
      'x-openrouter-categories': 'video-editing,creative',
      'x-extra': 'extra',
      'user-agent': USER_AGENT,
    });
  });

  it('reads OPENROUTER_API_KEY lazily, at the first request', async () => {
    const provider = createOpenRouter();
    const model = provider.video('google/veo-3.1');
    vi.stubEnv('OPENROUTER_API_KEY', 'env-key');
    await model.doStart(callOptions);
    expect(server.calls[0].requestHeaders.authorization).toBe('Bearer env-key');
  });

  it('throws LoadAPIKeyError on a request without a key, and the default instance imports fine', async () => {
    vi.stubEnv('OPENROUTER_API_KEY', undefined);
    expect(openrouter('google/veo-3.1').modelId).toBe('google/veo-3.1');
    await expect(createOpenRouter().video('google/veo-3.1').doStart(callOptions)).rejects.toSatisfy(
      LoadAPIKeyError.isInstance,
    );
    expect(server.calls).toHaveLength(0);
  });

  it('reads the key once per provider instance and builds the headers once', async () => {
    vi.stubEnv('OPENROUTER_API_KEY', 'first-key');
    const provider = createOpenRouter({ appTitle: 'My App' });
    await provider.video('google/veo-3.1').doStart(callOptions);
    vi.stubEnv('OPENROUTER_API_KEY', 'second-key');
    await provider.video('kwaivgi/kling-v3.0-std').doStart(callOptions);
    // A second instance reads the key again: nothing is shared between instances.
    await createOpenRouter({ appTitle: 'My App' }).video('google/veo-3.1').doStart(callOptions);
    expect(server.calls.map((call) => call.requestHeaders)).toStrictEqual([
      ...['first-key', 'first-key', 'second-key'].map((key) => ({
        authorization: `Bearer ${key}`,
        'content-type': 'application/json',
        'x-openrouter-title': 'My App',
        'user-agent': USER_AGENT,
      })),
    ]);
  });

  it('does not cache a missing key: a later request reads it again', async () => {
    vi.stubEnv('OPENROUTER_API_KEY', undefined);
    const model = createOpenRouter().video('google/veo-3.1');
    await expect(model.doStart(callOptions)).rejects.toSatisfy(LoadAPIKeyError.isInstance);
    vi.stubEnv('OPENROUTER_API_KEY', 'late-key');
    await model.doStart(callOptions);
    expect(server.calls).toHaveLength(1);
    expect(server.calls[0].requestHeaders.authorization).toBe('Bearer late-key');
  });

  it('uses a custom base URL without a trailing slash', async () => {
    await createOpenRouter({ apiKey: 'key', baseURL: 'https://proxy.example/or/v1/' })
      .video('google/veo-3.1')
      .doStart(callOptions);
    expect(server.calls[0].requestUrl).toBe('https://proxy.example/or/v1/videos');
  });
});

describe('videoModels', () => {
  it('lists the models camel-cased, durations sorted', async () => {
    const models = await createOpenRouter({ apiKey: 'key' }).videoModels();
    expect(models.map((model) => model.id)).toStrictEqual([
      'google/veo-3.1',
      'kwaivgi/kling-v3.0-std',
      'bytedance/seedance-2.0',
    ]);
    expect(models[0]).toStrictEqual({
      id: 'google/veo-3.1',
      canonicalSlug: 'google/veo-3.1',
      name: 'Google: Veo 3.1',
      created: 1760000000,
      description: "Google's video model with native audio.",
      huggingFaceId: null,
      allowedPassthroughParameters: ['negativePrompt', 'personGeneration'],
      generateAudio: true,
      seed: true,
      supportedAspectRatios: ['16:9', '9:16'],
      supportedDurations: [4, 6, 8],
      supportedFrameImages: ['first_frame', 'last_frame'],
      supportedResolutions: ['720p', '1080p'],
      supportedSizes: ['1280x720', '720x1280', '1920x1080', '1080x1920'],
      pricingSkus: { video_seconds: '0.4' },
      creativity: null,
      upscaleFactor: null,
    });
    expect(server.calls[0].requestMethod).toBe('GET');
    expect(server.calls[0].requestHeaders).toStrictEqual({ authorization: 'Bearer key', 'user-agent': USER_AGENT });
  });

  it('works without a key and then sends no authorization', async () => {
    vi.stubEnv('OPENROUTER_API_KEY', undefined);
    const models = await createOpenRouter().videoModels();
    expect(models).toHaveLength(3);
    expect(server.calls[0].requestHeaders).toStrictEqual({ 'user-agent': USER_AGENT });
  });

  it('skips entries that do not parse', async () => {
    server.urls[`${BASE}/videos/models`].response = {
      type: 'json-value',
      body: { data: [{ name: 'no id' }, { id: 'acme/x', supported_durations: [10, 5] }] },
    };
    const models = await createOpenRouter({ apiKey: 'key' }).videoModels();
    expect(models.map((model) => [model.id, model.supportedDurations])).toStrictEqual([['acme/x', [5, 10]]]);
  });

  it('caches per instance, shares a request in flight, and refetches after the TTL or on refresh', async () => {
    let now = new Date('2026-05-01T00:00:00Z').getTime();
    const provider = createOpenRouter({
      apiKey: 'key',
      videoModelsCacheTtlMs: 60_000,
      _internal: { currentDate: () => new Date(now) },
    });
    await Promise.all([provider.videoModels(), provider.videoModels()]);
    expect(server.calls).toHaveLength(1);
    now += 59_000;
    await provider.videoModels();
    expect(server.calls).toHaveLength(1);
    now += 2_000;
    await provider.videoModels();
    expect(server.calls).toHaveLength(2);
    await provider.videoModels({ refresh: true });
    expect(server.calls).toHaveLength(3);
  });

  it('does not cache a failure', async () => {
    server.urls[`${BASE}/videos/models`].response = [
      { type: 'error', status: 500, body: { error: { code: 500, message: 'Internal error', metadata: null } } },
      { type: 'json-value', body: modelsFixture },
    ];
    const provider = createOpenRouter({ apiKey: 'key' });
    await expect(provider.videoModels()).rejects.toMatchObject({ statusCode: 500, message: 'Internal error' });
    expect(await provider.videoModels()).toHaveLength(3);
    expect(server.calls).toHaveLength(2);
  });

  it('ends a caller’s wait when its signal aborts', async () => {
    const controller = new AbortController();
    controller.abort(new Error('stop'));
    await expect(createOpenRouter({ apiKey: 'key' }).videoModels({ abortSignal: controller.signal })).rejects.toThrow(
      'stop',
    );
  });
});
