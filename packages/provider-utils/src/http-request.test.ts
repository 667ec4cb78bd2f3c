import { afterEach, describe, expect, it, vi } from 'vitest';
import * as z from 'zod/v4/mini';
import { deleteFromApi, getFromApi, postFormDataToApi, postJsonToApi, putToApi } from './api-call';
import { fetchWithCredentials } from './fetch-with-credentials';
import { sendRequest } from './http-request';
import { isPrivateIPv4, isPrivateIPv6 } from './private-network';
import { createJsonErrorResponseHandler, createJsonResponseHandler } from './standard-schema';
import { createTestServer } from './test/test-server';
import { fileToBytes } from './video-inputs';

const KEY = 'sk-secret-key-0123456789';
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]);

const server = createTestServer({
  'https://api.example.com/v1/moved': {
    response: { type: 'redirect', status: 307, location: 'https://other.example.net/v1/landing' },
  },
  'https://api.example.com/v1/to-http': {
    response: { type: 'redirect', location: 'http://api.example.com/v1/ok' },
  },
  'https://api.example.com/v1/to-loopback': {
    response: { type: 'redirect', location: 'https://127.0.0.1:9/secret' },
  },
  'https://api.example.com/v1/see-other': {
    response: { type: 'redirect', status: 303, location: '/v1/ok' },
  },
  'https://api.example.com/v1/ok': { response: { type: 'json-value', body: { ok: true } } },
  'https://other.example.net/v1/landing': { response: { type: 'json-value', body: { ok: true } } },
  'https://cdn.example.com/frame.png': {
    response: { type: 'redirect', location: 'https://169.254.169.254/latest/meta-data' },
  },
});

const okSchema = z.object({ ok: z.boolean() });
const handlers = {
  successfulResponseHandler: createJsonResponseHandler(okSchema),
  failedResponseHandler: createJsonErrorResponseHandler({
    errorSchema: z.object({ error: z.string() }),
    errorToMessage: (error) => error.error,
  }),
};

/** Every credential header a provider or a caller may send, of any name. */
const CREDENTIALS = {
  authorization: `Bearer ${KEY}`,
  'x-api-key': KEY,
  'x-goog-api-key': KEY,
  'api-key': KEY,
  cookie: `session=${KEY}`,
  'proxy-authorization': `Basic ${KEY}`,
  'x-custom-provider-secret': KEY,
};

/**
 * A replaced `globalThis.fetch` as frameworks and instrumentation libraries install: it follows
 * redirects itself (unless asked not to), forwarding every header, as `fetch` polyfills do.
 */
function redirectFollowingFetch(): typeof fetch {
  const inner = globalThis.fetch;
  const wrapped = async (input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> => {
    let url = String(input);
    for (let hop = 0; hop < 5; hop++) {
      const response = await inner(url, { ...init, redirect: 'manual' });
      const location = response.headers.get('location');
      if (init.redirect === 'manual' || location === null || response.status < 300 || response.status > 399) {
        return response;
      }
      url = new URL(location, url).href;
    }
    throw new TypeError('fetch failed');
  };
  return wrapped as typeof fetch;
}

afterEach(() => vi.unstubAllGlobals());

function crossOriginCalls() {
  return server.calls.filter((call) => !call.requestUrl.startsWith('https://api.example.com/'));
}

describe.each([
  ['the default fetch', () => undefined],
  ['a replaced globalThis.fetch that follows redirects itself', () => vi.stubGlobal('fetch', redirectFollowingFetch())],
])('credential headers with %s', (_, install) => {
  it('are sent to their origin and dropped on a redirect to another origin, from settings and per call', async () => {
    install();
    await postJsonToApi({ url: 'https://api.example.com/v1/moved', headers: CREDENTIALS, body: { a: 1 }, ...handlers });
    await getFromApi({ url: 'https://api.example.com/v1/moved', headers: CREDENTIALS, ...handlers });
    await putToApi({ url: 'https://api.example.com/v1/moved', headers: CREDENTIALS, ...handlers });
    await deleteFromApi({ url: 'https://api.example.com/v1/moved', headers: CREDENTIALS, ...handlers });
    const formData = new FormData();
    formData.append('prompt', 'a cat');
    await postFormDataToApi({ url: 'https://api.example.com/v1/moved', headers: CREDENTIALS, formData, ...handlers });
    // The credentialed download: provider key in credentialHeaders, the caller's own key in per-call headers.
    await fetchWithCredentials({
      url: 'https://api.example.com/v1/moved',
      credentialHeaders: { 'x-goog-api-key': KEY },
      credentialOrigin: 'https://api.example.com',
      headers: { ...CREDENTIALS, accept: 'video/mp4' },
    });

    const first = server.calls.filter((call) => call.requestUrl.startsWith('https://api.example.com/'));
    expect(first).toHaveLength(6);
    for (const call of first) expect(call.requestHeaders['x-goog-api-key']).toBe(KEY);
    const hops = crossOriginCalls();
    expect(hops.map((call) => call.requestMethod)).toStrictEqual(['POST', 'GET', 'PUT', 'DELETE', 'POST', 'GET']);
    for (const call of hops) {
      expect(JSON.stringify(call.requestHeaders)).not.toContain(KEY);
      expect(Object.keys(call.requestHeaders)).not.toContain('authorization');
    }
    expect(hops[5]!.requestHeaders.accept).toBe('video/mp4');
    // A 307 keeps the method and body.
    expect(hops[0]!.requestBodyJson).toStrictEqual({ a: 1 });
  });
});

describe('sendRequest', () => {
  it('refuses an https to http downgrade', async () => {
    await expect(sendRequest({ url: 'https://api.example.com/v1/to-http' })).rejects.toThrow('insecure http');
    expect(server.calls).toHaveLength(1);
  });

  it('turns a 303 after a POST into a GET without body', async () => {
    const response = await sendRequest({ url: 'https://api.example.com/v1/see-other', method: 'POST', body: '{}' });
    expect(response.status).toBe(200);
    expect(server.calls.map((call) => call.requestMethod)).toStrictEqual(['POST', 'GET']);
  });

  it('refuses a redirect from the configured origin into loopback, unless allowed', async () => {
    const error = await getFromApi({ url: 'https://api.example.com/v1/to-loopback', ...handlers }).catch((e) => e);
    expect(error.name).toBe('AI_DownloadError');
    expect(error.message).toContain('https://127.0.0.1:9/secret');
    expect(error.message).toContain('createDownload({ allowPrivateNetwork: true })');
    expect(server.calls).toHaveLength(1);
  });

  it('trusts the configured origin even on loopback (a local emulator)', async () => {
    const fetch = vi.fn(async () => Response.json({ ok: true }));
    await sendRequest({ url: 'http://127.0.0.1:4010/v1/jobs', credentialOrigin: 'http://127.0.0.1:4010', fetch });
    expect(fetch).toHaveBeenCalledTimes(1);
  });

  it('checks the addresses a host name resolves to before a guarded hop', async () => {
    const fetch = vi.fn(async () => Response.json({ ok: true }));
    const error = await sendRequest({
      url: 'https://rebound.example.org/v.mp4?sig=secret',
      credentialOrigin: null,
      fetch,
      resolveHost: async () => ['93.184.216.34', '::ffff:10.0.0.7'],
    }).catch((caught) => caught);
    expect(error.name).toBe('AI_DownloadError');
    expect(error.message).toContain('resolves to the private address ::ffff:10.0.0.7');
    expect(error.message).not.toContain('secret');
    expect(fetch).not.toHaveBeenCalled();
  });

  it('refuses a redirect to another origin when sameOriginRedirectsOnly, and follows one within it', async () => {
    const error = await sendRequest({ url: 'https://api.example.com/v1/moved', sameOriginRedirectsOnly: true }).catch(
      (caught) => caught,
    );
    expect(error.name).toBe('AI_DownloadError');
    expect(error.message).toContain('another origin (https://other.example.net)');
    expect(crossOriginCalls()).toStrictEqual([]);
    const response = await sendRequest({ url: 'https://api.example.com/v1/see-other', sameOriginRedirectsOnly: true });
    expect(response.status).toBe(200);
  });

  it('refuses a fetch that followed a redirect although asked not to', async () => {
    const followed = Response.json({ ok: true });
    Object.defineProperty(followed, 'redirected', { value: true });
    await expect(sendRequest({ url: 'https://api.example.com/v1/ok', fetch: async () => followed })).rejects.toThrow(
      'followed a redirect by itself',
    );
  });
});

describe('the private-network guard', () => {
  it.each([
    'http://127.0.0.1/v.mp4',
    'http://127.1/v.mp4',
    'http://2130706433/v.mp4',
    'http://0x7f000001/v.mp4',
    'http://10.2.3.4/v.mp4',
    'http://172.16.0.1/v.mp4',
    'http://172.31.255.255/v.mp4',
    'http://192.168.1.1/v.mp4',
    'http://169.254.169.254/latest',
    'http://0.0.0.0/v.mp4',
    'http://[::1]/v.mp4',
    'http://[::]/v.mp4',
    'http://[fd00::1]/v.mp4',
    'http://[fe80::1]/v.mp4',
    'http://[::ffff:127.0.0.1]/v.mp4',
    'http://[::ffff:a00:1]/v.mp4',
    'http://localhost:3000/v.mp4',
    'http://api.localhost/v.mp4',
    'http://printer.local/v.mp4',
  ])('refuses %s on the credentialed download path before any request', async (url) => {
    const fetch = vi.fn(async () => new Response('x'));
    const error = await fetchWithCredentials({
      url,
      credentialHeaders: { authorization: `Bearer ${KEY}` },
      credentialOrigin: 'https://api.example.com',
      fetch,
    }).catch((caught) => caught);
    expect(error.name).toBe('AI_DownloadError');
    expect(fetch).not.toHaveBeenCalled();
  });

  it('lets a credentialed download reach a private target when allowed', async () => {
    const fetch = vi.fn(async () => new Response('x'));
    await fetchWithCredentials({
      url: 'http://127.0.0.1:9/v.mp4',
      credentialHeaders: {},
      credentialOrigin: 'https://api.example.com',
      allowPrivateNetwork: true,
      fetch,
    });
    expect(fetch).toHaveBeenCalledTimes(1);
  });

  it('refuses an image input URL that redirects into the metadata service', async () => {
    const error = await fileToBytes({ type: 'url', url: 'https://cdn.example.com/frame.png' }).catch((e) => e);
    expect(error.name).toBe('AI_DownloadError');
    expect(error.message).toContain('169.254.169.254');
    expect(server.calls.map((call) => call.requestUrl)).toStrictEqual(['https://cdn.example.com/frame.png']);
  });

  it('refuses an image input URL on loopback unless allowed', async () => {
    const fetch = vi.fn(async () => new Response(PNG, { headers: { 'content-type': 'image/png' } }));
    const file = { type: 'url', url: 'http://localhost:8080/frame.png' } as const;
    await expect(fileToBytes(file, { fetch })).rejects.toMatchObject({ name: 'AI_DownloadError' });
    expect(fetch).not.toHaveBeenCalled();
    const { data } = await fileToBytes(file, { fetch, allowPrivateNetwork: true });
    expect(data).toStrictEqual(PNG);
  });

  it('classifies addresses', () => {
    expect(isPrivateIPv4('8.8.8.8')).toBe(false);
    expect(isPrivateIPv4('172.32.0.1')).toBe(false);
    expect(isPrivateIPv6('2001:4860:4860::8888')).toBe(false);
    expect(isPrivateIPv6('::ffff:8.8.8.8')).toBe(false);
    expect(isPrivateIPv6('64:ff9b::10.0.0.1')).toBe(true);
  });
});
