import { APICallError } from '@videogen/provider-spec';
import { describe, expect, it } from 'vitest';
import { createTestServer } from './test/test-server';
import { fetchWithCredentials } from './fetch-with-credentials';

const KEY = 'sk-secret-key-0123456789';

const server = createTestServer({
  'https://api.example.com/v1/files/:id': {
    response: { type: 'redirect', location: 'https://storage.example.net/bucket/video.mp4?sig=abc' },
  },
  'https://api.example.com/v1/same/:id': {
    response: { type: 'redirect', location: '/v1/final' },
  },
  'https://api.example.com/v1/final': {
    response: { type: 'binary', body: new Uint8Array([1, 2, 3]), headers: { 'content-type': 'video/mp4' } },
  },
  'https://storage.example.net/bucket/video.mp4': {
    response: { type: 'binary', body: new Uint8Array([9, 8, 7, 6]), headers: { 'content-type': 'video/mp4' } },
  },
  'https://api.example.com/v1/missing': {
    response: { type: 'error', status: 404, body: { error: { message: 'File not found.' } } },
  },
});

describe('fetchWithCredentials', () => {
  it('sends the key to the provider origin and follows a cross-origin redirect without it', async () => {
    const response = await fetchWithCredentials({
      url: 'https://api.example.com/v1/files/abc',
      credentialHeaders: { 'x-api-key': KEY },
      credentialOrigin: 'https://api.example.com/v1',
      headers: { accept: 'video/mp4' },
    });
    expect(new Uint8Array(await response.arrayBuffer())).toStrictEqual(new Uint8Array([9, 8, 7, 6]));
    expect(server.calls.map((call) => call.requestUrl)).toStrictEqual([
      'https://api.example.com/v1/files/abc',
      'https://storage.example.net/bucket/video.mp4?sig=abc',
    ]);
    expect(server.calls[0].requestHeaders['x-api-key']).toBe(KEY);
    expect(server.calls[1].requestHeaders['x-api-key']).toBeUndefined();
    expect(server.calls[1].requestHeaders.accept).toBe('video/mp4');
    expect(server.calls.every((call) => !call.requestUrl.includes(KEY))).toBe(true);
  });

  it('keeps the key on a same-origin redirect', async () => {
    await fetchWithCredentials({
      url: 'https://api.example.com/v1/same/1',
      credentialHeaders: { authorization: `Bearer ${KEY}` },
      credentialOrigin: 'https://api.example.com',
    });
    expect(server.calls.map((call) => call.requestHeaders.authorization)).toStrictEqual([
      `Bearer ${KEY}`,
      `Bearer ${KEY}`,
    ]);
  });

  it('never sends the key to a first URL on another origin', async () => {
    await fetchWithCredentials({
      url: 'https://storage.example.net/bucket/video.mp4',
      credentialHeaders: { authorization: `Bearer ${KEY}` },
      credentialOrigin: 'https://api.example.com',
    });
    expect(server.calls[0].requestHeaders.authorization).toBeUndefined();
  });

  it('reports an HTTP error with the provider message and no key or query', async () => {
    const error = await fetchWithCredentials({
      url: 'https://api.example.com/v1/missing?token=xyz',
      credentialHeaders: { authorization: `Bearer ${KEY}` },
      credentialOrigin: 'https://api.example.com',
    }).catch((caught) => caught);
    expect(APICallError.isInstance(error)).toBe(true);
    expect(error.statusCode).toBe(404);
    expect(error.message).toContain('File not found.');
    expect(error.url).toBe('https://api.example.com/v1/missing');
    expect(JSON.stringify({ ...error, message: error.message })).not.toContain(KEY);
  });
});
