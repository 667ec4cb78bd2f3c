import { APICallError } from '@videogen/provider-spec';
import { describe, expect, it } from 'vitest';
import * as z from 'zod/v4/mini';
import { getFromApi, postJsonToApi, withDefaultUserAgent } from './api-call';
import { createJsonErrorResponseHandler, createJsonResponseHandler } from './standard-schema';
import { createTestServer } from './test/test-server';

// Node 21+ has navigator.userAgent ('Node.js/22'), which @ai-sdk/provider-utils prefers to process.version.
const RUNTIME = globalThis.navigator?.userAgent?.toLowerCase() ?? `node.js/${process.version}`;
const USER_AGENT_SUFFIX = new RegExp(
  `^ai-sdk/provider-utils/\\d+\\.\\d+\\.\\d+ runtime/${RUNTIME.replace(/\./g, '\\.')}$`,
);

const server = createTestServer({
  'https://api.example.com/v1/jobs': {
    response: { type: 'json-value', body: { id: 'job-1' }, headers: { 'x-request-id': 'r-1' } },
  },
  'https://api.example.com/v1/jobs/:id': { response: { type: 'json-value', body: { id: 'job-1', done: true } } },
  'https://api.example.com/v1/denied': {
    response: { type: 'error', status: 403, body: { error: { message: 'Key not allowed.' } } },
  },
  'https://api.example.com/v1/garbled': { response: { type: 'text', body: 'not json', status: 500 } },
  'https://api.example.com/v1/wrong-shape': { response: { type: 'json-value', body: { name: 'no id' } } },
});

const jobSchema = z.object({ id: z.string(), done: z.optional(z.boolean()) });
const failedResponseHandler = createJsonErrorResponseHandler({
  errorSchema: z.object({ error: z.object({ message: z.string() }) }),
  errorToMessage: (error) => error.error.message,
});

describe('postJsonToApi', () => {
  it('sends the JSON body with lower-cased headers, no undefined ones, and the user-agent suffix', async () => {
    const result = await postJsonToApi({
      url: 'https://api.example.com/v1/jobs',
      headers: { Authorization: 'Bearer k', 'X-Empty': undefined, 'User-Agent': 'videogen/test/1.0' },
      body: { prompt: 'a cat', n: 1 },
      successfulResponseHandler: createJsonResponseHandler(jobSchema),
      failedResponseHandler,
    });
    const call = server.calls[0];
    expect(call.requestMethod).toBe('POST');
    expect(call.requestUrl).toBe('https://api.example.com/v1/jobs');
    expect(call.requestBodyJson).toStrictEqual({ prompt: 'a cat', n: 1 });
    const { 'user-agent': userAgent, ...headers } = call.requestHeaders;
    expect(headers).toStrictEqual({ authorization: 'Bearer k', 'content-type': 'application/json' });
    expect(userAgent!.startsWith('videogen/test/1.0 ')).toBe(true);
    expect(userAgent!.slice('videogen/test/1.0 '.length)).toMatch(USER_AGENT_SUFFIX);
    expect(result.value).toStrictEqual({ id: 'job-1' });
    expect(result.responseHeaders).toMatchObject({ 'content-type': 'application/json', 'x-request-id': 'r-1' });
  });

  it('keeps a content-type the caller set', async () => {
    await postJsonToApi({
      url: 'https://api.example.com/v1/jobs',
      headers: { 'Content-Type': 'application/json; charset=utf-8' },
      body: {},
      successfulResponseHandler: createJsonResponseHandler(jobSchema),
      failedResponseHandler,
    });
    expect(server.calls[0].requestHeaders['content-type']).toBe('application/json; charset=utf-8');
  });

  it("throws the failed-response handler's error with the provider's reason", async () => {
    const error = await postJsonToApi({
      url: 'https://api.example.com/v1/denied',
      body: { prompt: 'x' },
      successfulResponseHandler: createJsonResponseHandler(jobSchema),
      failedResponseHandler,
    }).catch((caught: unknown) => caught);
    expect(APICallError.isInstance(error)).toBe(true);
    expect((error as APICallError).message).toBe('Key not allowed.');
    expect((error as APICallError).statusCode).toBe(403);
    expect((error as APICallError).requestBodyValues).toStrictEqual({ prompt: 'x' });
  });

  it('wraps an error answer the handler cannot read', async () => {
    const throwingHandler = async (): Promise<never> => {
      throw new Error('unreadable');
    };
    const error = await postJsonToApi({
      url: 'https://api.example.com/v1/garbled',
      body: {},
      successfulResponseHandler: createJsonResponseHandler(jobSchema),
      failedResponseHandler: throwingHandler,
    }).catch((caught: unknown) => caught);
    expect(APICallError.isInstance(error)).toBe(true);
    expect((error as APICallError).message).toBe('Failed to process error response');
    expect((error as APICallError).statusCode).toBe(500);
    expect(((error as APICallError).cause as Error).message).toBe('unreadable');
  });
});

describe('getFromApi', () => {
  it('sends a GET with the headers and maps the answer', async () => {
    const result = await getFromApi({
      url: 'https://api.example.com/v1/jobs/job-1',
      headers: { 'x-goog-api-key': 'k' },
      successfulResponseHandler: createJsonResponseHandler(jobSchema),
      failedResponseHandler,
    });
    const call = server.calls[0];
    expect(call.requestMethod).toBe('GET');
    expect(call.requestHeaders['x-goog-api-key']).toBe('k');
    expect(call.requestHeaders['user-agent']).toMatch(USER_AGENT_SUFFIX);
    expect(result.value).toStrictEqual({ id: 'job-1', done: true });
  });

  it('passes the APICallError of an answer that does not match the schema through unchanged', async () => {
    const error = await getFromApi({
      url: 'https://api.example.com/v1/wrong-shape',
      successfulResponseHandler: createJsonResponseHandler(jobSchema),
      failedResponseHandler,
    }).catch((caught: unknown) => caught);
    expect(APICallError.isInstance(error)).toBe(true);
    expect((error as APICallError).statusCode).toBe(200);
    expect((error as APICallError).responseBody).toBe('{"name":"no id"}');
  });

  it('reports a refused connection as a retryable "Cannot connect to API" error', async () => {
    // What undici throws for a refused connection.
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' });
    const error = await getFromApi({
      url: 'http://127.0.0.1:9/v1/jobs/job-1',
      successfulResponseHandler: createJsonResponseHandler(jobSchema),
      failedResponseHandler,
      fetch: async () => {
        throw new TypeError('fetch failed', { cause: refused });
      },
    }).catch((caught: unknown) => caught);
    expect(APICallError.isInstance(error)).toBe(true);
    expect((error as APICallError).message).toBe('Cannot connect to API: connect ECONNREFUSED 127.0.0.1:9');
    expect((error as APICallError).cause).toBe(refused);
    expect((error as APICallError).isRetryable).toBe(true);
  });

  it('rejects with the abort reason', async () => {
    const reason = new Error('stopped');
    const error = await getFromApi({
      url: 'https://api.example.com/v1/jobs/job-1',
      successfulResponseHandler: createJsonResponseHandler(jobSchema),
      failedResponseHandler,
      abortSignal: AbortSignal.abort(reason),
    }).catch((caught: unknown) => caught);
    expect(error).toBe(reason);
  });
});

describe('withDefaultUserAgent', () => {
  it('lower-cases names, trims values, drops undefined and adds the suffix', () => {
    const headers = withDefaultUserAgent({ 'X-Key': ' k ', Skip: undefined });
    expect(Object.keys(headers)).toStrictEqual(['x-key', 'user-agent']);
    expect(headers['x-key']).toBe('k');
    expect(headers['user-agent']).toMatch(USER_AGENT_SUFFIX);
  });
});
