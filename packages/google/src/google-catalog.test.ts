import { createTestServer } from '@videogen/provider-utils/test';
import { describe, expect, it, vi } from 'vitest';
import { createGoogle } from './google-provider';
import { createVertex } from './vertex-provider';

vi.mock('./version', () => ({ VERSION: '0.0.0-test' }));

const API_KEY = 'AIzaTEST-distinctive-key-7f3c9e';
const BASE = 'https://generativelanguage.googleapis.com/v1beta';

const page1 = {
  models: [
    {
      name: 'models/gemini-2.5-flash',
      displayName: 'Gemini 2.5 Flash',
      supportedGenerationMethods: ['generateContent'],
    },
    {
      name: 'models/veo-3.1-generate-preview',
      displayName: 'Veo 3.1',
      supportedGenerationMethods: ['predictLongRunning'],
    },
  ],
  nextPageToken: 'next-page',
};
const page2 = {
  models: [{ name: 'models/veo-4-experimental', supportedGenerationMethods: ['predictLongRunning'] }],
};

const server = createTestServer({
  [`${BASE}/models`]: {
    response: ({ request }) => ({
      type: 'json-value',
      body: new URL(request.url).searchParams.get('pageToken') === 'next-page' ? page2 : page1,
    }),
  },
});

describe('google.listVideoModels (live: GET /v1beta/models)', () => {
  it('reads every page with the key in the header, keeps the predictLongRunning models, maps them', async () => {
    const google = createGoogle({ apiKey: API_KEY });
    const catalog = await google.listVideoModels();
    expect(server.calls.map((call) => `${call.requestMethod} ${call.requestUrl}`)).toStrictEqual([
      `GET ${BASE}/models?pageSize=1000`,
      `GET ${BASE}/models?pageSize=1000&pageToken=next-page`,
    ]);
    expect(server.calls[0].requestHeaders['x-goog-api-key']).toBe(API_KEY);
    expect(server.calls[0].requestUrl).not.toContain(API_KEY);
    expect(catalog).toStrictEqual([
      {
        modelId: 'veo-3.1-generate-preview',
        provider: 'google.video',
        name: 'Veo 3.1',
        capabilities: google.video('veo-3.1-generate-preview').capabilities,
        source: 'live',
      },
      { modelId: 'veo-4-experimental', provider: 'google.video', capabilities: { seed: false }, source: 'live' },
    ]);
  });

  it('caches the list per provider instance; refresh: true asks again', async () => {
    const google = createGoogle({ apiKey: API_KEY });
    await google.listVideoModels();
    await google.listVideoModels();
    expect(server.calls).toHaveLength(2);
    await google.listVideoModels({ refresh: true });
    expect(server.calls).toHaveLength(4);
  });

  it("passes Google's error on (and does not cache it)", async () => {
    server.urls[`${BASE}/models`].response = {
      type: 'json-value',
      status: 403,
      body: { error: { code: 403, message: 'Permission denied.', status: 'PERMISSION_DENIED' } },
    };
    const google = createGoogle({ apiKey: API_KEY });
    await expect(google.listVideoModels()).rejects.toMatchObject({ statusCode: 403 });
  });
});

describe('vertex.listVideoModels (static)', () => {
  it('lists the known Vertex ids with their capabilities, without a request or a token', async () => {
    const vertex = createVertex({ project: 'p' });
    const catalog = await vertex.listVideoModels();
    expect(catalog.map((entry) => entry.modelId)).toContain('veo-3.1-generate-001');
    expect(catalog.find((entry) => entry.modelId === 'veo-3.1-generate-001')).toStrictEqual({
      modelId: 'veo-3.1-generate-001',
      provider: 'vertex.video',
      capabilities: vertex.video('veo-3.1-generate-001').capabilities,
      source: 'static',
    });
    expect(server.calls).toHaveLength(0);
  });
});
