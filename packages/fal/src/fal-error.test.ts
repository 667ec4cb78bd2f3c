import { APICallError } from '@videogen/provider-spec';
import { createCallOptions, createTestServer } from '@videogen/provider-utils/test';
import { describe, expect, it, vi } from 'vitest';
import { falErrorMessage } from './fal-error';
import { createFal } from './fal-provider';

vi.mock('./version', () => ({ VERSION: '0.0.0-test' }));

const API_KEY = 'fal-secret-key-do-not-leak';
const SUBMIT_URL = 'https://queue.fal.run/fal-ai/veo3.1';

const server = createTestServer({ [SUBMIT_URL]: {} });

const options = createCallOptions();

async function submitError(): Promise<APICallError> {
  const error = await createFal({ apiKey: API_KEY }).video('fal-ai/veo3.1').doStart!(options).then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(APICallError.isInstance(error)).toBe(true);
  const apiError = error as APICallError;
  // The key never reaches an error: not in the message, the URL, the body or anything else.
  expect(JSON.stringify({ ...apiError, message: apiError.message })).not.toContain(API_KEY);
  expect(apiError.url).toBe(SUBMIT_URL);
  return apiError;
}

describe('fal error bodies', () => {
  it('reads validation errors { detail: [{ loc, msg, type }] }', async () => {
    server.urls[SUBMIT_URL].response = {
      type: 'error',
      status: 422,
      body: {
        detail: [
          { loc: ['body', 'prompt'], msg: 'field required', type: 'value_error.missing' },
          {
            loc: ['body', 'duration'],
            msg: "unexpected value; permitted: '4s', '6s', '8s'",
            type: 'value_error.const',
          },
        ],
      },
    };
    const error = await submitError();
    expect(error.message).toBe("prompt: field required; duration: unexpected value; permitted: '4s', '6s', '8s'");
    expect(error.statusCode).toBe(422);
    expect(error.isRetryable).toBe(false);
    expect(error.data).toMatchObject({ detail: [{ type: 'value_error.missing' }, { type: 'value_error.const' }] });
  });

  it('reads legacy { detail: "string" } bodies', async () => {
    server.urls[SUBMIT_URL].response = { type: 'error', status: 400, body: { detail: 'Prompt is too long.' } };
    const error = await submitError();
    expect(error.message).toBe('Prompt is too long.');
    expect(error.isRetryable).toBe(false);
  });

  it('reads request errors { detail, error_type } and marks 5xx retryable', async () => {
    server.urls[SUBMIT_URL].response = {
      type: 'error',
      status: 503,
      body: { detail: 'Runner scheduling failed', error_type: 'runner_scheduling_failure' },
      headers: { 'x-fal-error-type': 'runner_scheduling_failure' },
    };
    const error = await submitError();
    expect(error.message).toBe('Runner scheduling failed (runner_scheduling_failure)');
    expect(error.statusCode).toBe(503);
    expect(error.isRetryable).toBe(true);
  });

  it('takes the error type from X-Fal-Error-Type when the body has none', async () => {
    server.urls[SUBMIT_URL].response = {
      type: 'error',
      status: 504,
      body: { detail: 'Request timed out' },
      headers: { 'x-fal-error-type': 'request_timeout' },
    };
    const error = await submitError();
    expect(error.message).toBe('Request timed out (request_timeout)');
    expect(error.isRetryable).toBe(true);
  });

  it('follows X-Fal-Retryable over the status code', async () => {
    server.urls[SUBMIT_URL].response = {
      type: 'error',
      status: 503,
      body: { detail: 'The model refused this input.' },
      headers: { 'x-fal-retryable': 'false' },
    };
    expect((await submitError()).isRetryable).toBe(false);

    server.urls[SUBMIT_URL].response = {
      type: 'error',
      status: 400,
      body: { detail: 'Try again.' },
      headers: { 'X-Fal-Retryable': 'true' },
    };
    expect((await submitError()).isRetryable).toBe(true);
  });

  it('keeps a body that is not a fal error body in the message', async () => {
    server.urls[SUBMIT_URL].response = { type: 'error', status: 502, body: '<html>Bad gateway</html>' };
    const error = await submitError();
    expect(error.message).toBe('fal request failed with HTTP 502 Bad Gateway: <html>Bad gateway</html>');
    expect(error.isRetryable).toBe(true);
  });

  it('reports 401 with fal’s message and without the key', async () => {
    server.urls[SUBMIT_URL].response = {
      type: 'error',
      status: 401,
      body: { detail: `Invalid key: ${API_KEY.slice(0, 3)}…` },
    };
    const error = await submitError();
    expect(error.statusCode).toBe(401);
    expect(error.message).toBe('Invalid key: fal…');
  });
});

describe('falErrorMessage', () => {
  it('drops the body prefix of loc and keeps nested fields and indices', () => {
    expect(falErrorMessage({ detail: [{ loc: ['body', 'image_urls', 1], msg: 'invalid url', type: 'url' }] })).toBe(
      'image_urls.1: invalid url',
    );
    expect(falErrorMessage({ detail: [{ type: 'image_too_large' }] })).toBe('image_too_large');
    expect(falErrorMessage({ detail: [] })).toBe('fal returned an empty error list');
  });
});
