import { getDefaultVideoProviders, LoadAPIKeyError } from '@videogen/provider-spec';
import { createCallOptions, createTestServer } from '@videogen/provider-utils/test';
import { afterEach, describe, expect, it, vi } from 'vitest';
import completed from './__fixtures__/openai-video-completed.json';
import queued from './__fixtures__/openai-video-queued.json';
import { createOpenAI, openai } from './openai-provider';
import { OpenAIVideoModel } from './openai-video-model';

vi.mock('./version', () => ({ VERSION: '0.0.0-test' }));
// A developer's OPENAI_BASE_URL must not redirect these tests.
vi.stubEnv('OPENAI_BASE_URL', '');

const AZURE_BASE_URL = 'https://my-resource.openai.azure.com/openai/v1';
const GATEWAY_BASE_URL = 'https://gateway.example.com/v1/acct/openai';

const server = createTestServer({
  'https://api.openai.com/v1/videos': { response: { type: 'json-value', body: queued } },
  'https://api.openai.com/v1/videos/:id': { response: { type: 'json-value', body: completed } },
  [`${AZURE_BASE_URL}/videos`]: { response: { type: 'json-value', body: queued } },
  [`${AZURE_BASE_URL}/videos/:id`]: { response: { type: 'json-value', body: completed } },
  [`${AZURE_BASE_URL}/videos/:id/content`]: { response: { type: 'binary', body: new Uint8Array([1, 2, 3]) } },
  [`${GATEWAY_BASE_URL}/videos`]: { response: { type: 'json-value', body: queued } },
  'https://elsewhere.example.net/:path*': { response: { type: 'json-value', body: queued } },
});

const PNG_BYTES = new Uint8Array([137, 80, 78, 71, 13, 10, 26, 10, 1, 2, 3]);

const defaultOptions = createCallOptions({ prompt: 'A calico cat playing a piano on stage' });

afterEach(() => {
  vi.unstubAllEnvs();
  vi.stubEnv('OPENAI_BASE_URL', '');
});

describe('createOpenAI', () => {
  it('creates models by the callable form, video and videoModel', () => {
    const provider = createOpenAI({ apiKey: 'sk-test' });
    for (const model of [provider('sora-2'), provider.video('sora-2-pro'), provider.videoModel('any-model-id')]) {
      expect(model).toBeInstanceOf(OpenAIVideoModel);
      expect(model.provider).toBe('openai.video');
    }
    expect(provider.video('sora-2-pro').modelId).toBe('sora-2-pro');
    expect(provider.specificationVersion).toBe('v3');
  });

  it('refuses to be called with new', () => {
    const provider = createOpenAI({ apiKey: 'sk-test' });
    expect(() => new (provider as unknown as new (id: string) => unknown)('sora-2')).toThrow(/new/);
  });

  it('sends Bearer auth, organization, project, custom headers and the user agent', async () => {
    await createOpenAI({
      apiKey: 'sk-test',
      organization: 'org-1',
      project: 'proj-1',
      headers: { 'X-Custom': 'yes' },
    })
      .video('sora-2')
      .doStart({ ...defaultOptions, headers: { 'X-Per-Call': 'call' } });
    const headers = server.calls[0].requestHeaders;
    expect(headers.authorization).toBe('Bearer sk-test');
    expect(headers['openai-organization']).toBe('org-1');
    expect(headers['openai-project']).toBe('proj-1');
    expect(headers['x-custom']).toBe('yes');
    expect(headers['x-per-call']).toBe('call');
    expect(headers['user-agent']).toMatch(/^videogen\/openai\/0\.0\.0-test /);
  });

  it('lets a per-call Authorization header replace the configured one', async () => {
    await createOpenAI({ apiKey: 'sk-test' })
      .video('sora-2')
      .doStart({ ...defaultOptions, headers: { Authorization: 'Bearer sk-other' } });
    expect(server.calls[0].requestHeaders.authorization).toBe('Bearer sk-other');
  });

  it('reads OPENAI_API_KEY lazily, at the first request', async () => {
    vi.stubEnv('OPENAI_API_KEY', undefined as unknown as string);
    const provider = createOpenAI();
    const model = provider.video('sora-2');
    await expect(model.doStart({ ...defaultOptions })).rejects.toSatisfy(LoadAPIKeyError.isInstance);
    expect(server.calls).toHaveLength(0);

    vi.stubEnv('OPENAI_API_KEY', 'sk-from-env');
    await model.doStart({ ...defaultOptions });
    expect(server.calls[0].requestHeaders.authorization).toBe('Bearer sk-from-env');
  });

  it('builds the headers once per instance: the key is read at the first request, not again', async () => {
    vi.stubEnv('OPENAI_API_KEY', 'sk-first');
    const provider = createOpenAI();
    await provider.video('sora-2').doStart({ ...defaultOptions });
    vi.stubEnv('OPENAI_API_KEY', 'sk-second');
    await provider.video('sora-2-pro').doStart({ ...defaultOptions });
    await provider.videos.retrieve('video_1');
    // a new instance reads the key again: nothing is shared across instances
    await createOpenAI()
      .video('sora-2')
      .doStart({ ...defaultOptions });
    expect(server.calls.map((call) => call.requestHeaders.authorization)).toStrictEqual([
      'Bearer sk-first',
      'Bearer sk-first',
      'Bearer sk-first',
      'Bearer sk-second',
    ]);
    expect(new Set(server.calls.map((call) => call.requestHeaders['user-agent'])).size).toBe(1);
  });

  it('the default instance can be imported without a key', () => {
    expect(openai.video('sora-2').modelId).toBe('sora-2');
  });

  it('takes the base URL from OPENAI_BASE_URL when not given', async () => {
    vi.stubEnv('OPENAI_BASE_URL', `${GATEWAY_BASE_URL}/`);
    await createOpenAI({ apiKey: 'sk-test' })
      .video('sora-2')
      .doStart({ ...defaultOptions });
    expect(server.calls[0].requestUrl).toBe(`${GATEWAY_BASE_URL}/videos`);
  });

  it('strips a trailing slash from the base URL', async () => {
    await createOpenAI({ apiKey: 'sk-test', baseURL: `${GATEWAY_BASE_URL}/` })
      .video('sora-2')
      .doStart({ ...defaultOptions });
    expect(server.calls[0].requestUrl).toBe(`${GATEWAY_BASE_URL}/videos`);
  });
});

describe('Azure OpenAI', () => {
  const azure = () =>
    createOpenAI({
      baseURL: AZURE_BASE_URL,
      apiKey: 'azure-key',
      apiKeyHeader: 'api-key',
      queryParams: { 'api-version': 'preview' },
    });

  it('sends the key as api-key (no Authorization) and the api-version on every URL', async () => {
    const model = azure().video('sora-2');
    const started = await model.doStart({ ...defaultOptions, duration: 4 });
    const status = await model.doStatus({ operation: started.operation });

    const [create, poll] = server.calls;
    expect(create.requestUrl).toBe(`${AZURE_BASE_URL}/videos?api-version=preview`);
    expect(create.requestHeaders['api-key']).toBe('azure-key');
    expect(create.requestHeaders.authorization).toBeUndefined();
    expect(create.requestBodyJson).toStrictEqual({ model: 'sora-2', prompt: defaultOptions.prompt, seconds: '4' });
    expect(poll.requestUrl).toBe(`${AZURE_BASE_URL}/videos/${queued.id}?api-version=preview`);
    expect(poll.requestHeaders['api-key']).toBe('azure-key');

    expect(status.status === 'completed' && status.videos).toStrictEqual([
      {
        type: 'url',
        url: `${AZURE_BASE_URL}/videos/${completed.id}/content?api-version=preview`,
        mediaType: 'video/mp4',
      },
    ]);
    expect(status.status === 'completed' && status.providerMetadata?.openai.thumbnailUrl).toBe(
      `${AZURE_BASE_URL}/videos/${completed.id}/content?api-version=preview&variant=thumbnail`,
    );
  });

  it('downloads the content with the api-key header', async () => {
    const model = azure().video('sora-2');
    const response = await model.doDownload({
      video: {
        type: 'url',
        url: `${AZURE_BASE_URL}/videos/${completed.id}/content?api-version=preview`,
        mediaType: 'video/mp4',
      },
    });
    expect(new Uint8Array(await response.arrayBuffer())).toStrictEqual(new Uint8Array([1, 2, 3]));
    expect(server.calls[0].requestHeaders['api-key']).toBe('azure-key');
    expect(server.calls[0].requestHeaders.authorization).toBeUndefined();
  });
});

describe('Azure OpenAI: every request through the HTTP layer, the api-key only on its origin', () => {
  const azure = () =>
    createOpenAI({
      baseURL: AZURE_BASE_URL,
      apiKey: 'azure-key',
      apiKeyHeader: 'api-key',
      queryParams: { 'api-version': 'preview' },
    });
  const redirect = (path: string, location: string) => {
    server.urls[`${AZURE_BASE_URL}${path}`].response = { type: 'redirect', status: 307, location };
  };

  it('multipart create (a first frame as bytes): POST with the api-key; a redirect elsewhere gets no key', async () => {
    redirect('/videos', 'https://elsewhere.example.net/videos');
    await azure()
      .video('sora-2')
      .doStart({ ...defaultOptions, image: { type: 'file', mediaType: 'image/png', data: PNG_BYTES } });
    const [create, elsewhere] = server.calls;
    expect(create.requestMethod).toBe('POST');
    expect(create.requestUrl).toBe(`${AZURE_BASE_URL}/videos?api-version=preview`);
    expect(create.requestHeaders['api-key']).toBe('azure-key');
    expect(create.requestHeaders['content-type']).toMatch(/^multipart\/form-data; boundary=/);
    expect(Object.keys(await create.requestBodyMultipart()).sort()).toStrictEqual([
      'input_reference',
      'model',
      'prompt',
    ]);
    expect(elsewhere.requestMethod).toBe('POST');
    expect(elsewhere.requestUrl).toBe('https://elsewhere.example.net/videos');
    expect(elsewhere.requestHeaders['api-key']).toBeUndefined();
  });

  it('delete: DELETE with the api-key and api-version; a redirect elsewhere gets no key', async () => {
    server.urls[`${AZURE_BASE_URL}/videos/:id`].response = {
      type: 'json-value',
      body: { id: completed.id, object: 'video.deleted', deleted: true },
    };
    await azure().videos.delete(completed.id);
    const call = server.calls[0];
    expect(call.requestMethod).toBe('DELETE');
    expect(call.requestUrl).toBe(`${AZURE_BASE_URL}/videos/${completed.id}?api-version=preview`);
    expect(call.requestHeaders['api-key']).toBe('azure-key');
    expect(call.requestHeaders['user-agent']).toMatch(/^videogen\/openai\/0\.0\.0-test ai-sdk\/provider-utils\//);

    redirect('/videos/:id', `https://elsewhere.example.net/videos/${completed.id}`);
    await azure()
      .videos.delete(completed.id)
      .catch(() => {});
    const hop = server.calls[2];
    expect(hop.requestMethod).toBe('DELETE');
    expect(hop.requestUrl).toBe(`https://elsewhere.example.net/videos/${completed.id}`);
    expect(hop.requestHeaders['api-key']).toBeUndefined();
  });

  it('remix and status: the api-key goes to the Azure origin only', async () => {
    redirect('/videos/:id', `https://elsewhere.example.net/videos/${completed.id}`);
    await azure()
      .video('sora-2')
      .doStatus({ operation: { videoId: completed.id } });
    const [poll, elsewhere] = server.calls;
    expect(poll.requestHeaders['api-key']).toBe('azure-key');
    expect(elsewhere.requestUrl).toBe(`https://elsewhere.example.net/videos/${completed.id}`);
    expect(elsewhere.requestHeaders['api-key']).toBeUndefined();
  });

  it('content download: a redirect to storage gets neither the api-key nor custom headers, but Accept', async () => {
    redirect('/videos/:id/content', 'https://elsewhere.example.net/blob/video.mp4?sig=abc');
    const provider = createOpenAI({
      baseURL: AZURE_BASE_URL,
      apiKey: 'azure-key',
      apiKeyHeader: 'api-key',
      headers: { 'x-ms-tenant': 'tenant-1' },
    });
    await provider.videos
      .downloadContent({ videoId: completed.id })
      .then((response) => response.arrayBuffer())
      .catch(() => {});
    const [api, storage] = server.calls;
    expect(api.requestHeaders['api-key']).toBe('azure-key');
    expect(api.requestHeaders['x-ms-tenant']).toBe('tenant-1');
    expect(storage.requestUrl).toBe('https://elsewhere.example.net/blob/video.mp4?sig=abc');
    expect(storage.requestHeaders['api-key']).toBeUndefined();
    expect(storage.requestHeaders['x-ms-tenant']).toBeUndefined();
    expect(storage.requestHeaders.accept).toBe('application/binary');
  });
});

describe('default registry', () => {
  it("registers the default instance as 'openai'", () => {
    expect(getDefaultVideoProviders().get('openai')).toBe(openai);
  });
});

describe('gateways', () => {
  it('uses a gateway header instead of an OpenAI key when headers set the key header', async () => {
    vi.stubEnv('OPENAI_API_KEY', undefined as unknown as string);
    await createOpenAI({
      baseURL: GATEWAY_BASE_URL,
      apiKeyHeader: 'cf-aig-authorization',
      headers: { 'cf-aig-authorization': 'Bearer gateway-token' },
    })
      .video('sora-2')
      .doStart({ ...defaultOptions });
    const call = server.calls[0];
    expect(call.requestUrl).toBe(`${GATEWAY_BASE_URL}/videos`);
    expect(call.requestHeaders['cf-aig-authorization']).toBe('Bearer gateway-token');
    expect(call.requestHeaders.authorization).toBeUndefined();
  });
});
