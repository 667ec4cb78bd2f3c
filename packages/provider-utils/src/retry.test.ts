import { APICallError } from '@videogen/provider-spec';
import { describe, expect, it, vi } from 'vitest';
import { getRetryAfterMs, isRetryableError, isSubmissionRetrySafe, retryRequest } from './retry';

const apiError = (statusCode: number, responseHeaders: Record<string, string> = {}) =>
  new APICallError({
    message: 'x',
    url: 'https://a.example',
    requestBodyValues: undefined,
    statusCode,
    responseHeaders,
  });

describe('getRetryAfterMs', () => {
  it('reads retry-after-ms first, then retry-after seconds, then an HTTP date', () => {
    expect(getRetryAfterMs({ 'retry-after-ms': '250', 'retry-after': '9' })).toBe(250);
    expect(getRetryAfterMs({ 'retry-after': '2' })).toBe(2000);
    expect(getRetryAfterMs({ 'retry-after': 'Thu, 01 Jan 1970 00:00:10 GMT' }, () => 4000)).toBe(6000);
    expect(getRetryAfterMs({ 'retry-after': 'soon' })).toBeUndefined();
    expect(getRetryAfterMs(new Headers({ 'Retry-After': '1' }))).toBe(1000);
    expect(getRetryAfterMs(undefined)).toBeUndefined();
  });
});

describe('isRetryableError', () => {
  it('retries 408, 409, 429 and 5xx, and network failures, but not 4xx', () => {
    expect([408, 409, 429, 500, 503].map((s) => isRetryableError(apiError(s)))).toStrictEqual([
      true,
      true,
      true,
      true,
      true,
    ]);
    expect([400, 401, 404, 422].map((s) => isRetryableError(apiError(s)))).toStrictEqual([false, false, false, false]);
    expect(isRetryableError(new TypeError('fetch failed'))).toBe(true);
    expect(isRetryableError(new DOMException('aborted', 'AbortError'))).toBe(false);
  });

  it('lets x-should-retry override the status', () => {
    expect(isRetryableError(apiError(400, { 'x-should-retry': 'true' }))).toBe(true);
    expect(isRetryableError(apiError(500, { 'x-should-retry': 'false' }))).toBe(false);
  });
});

describe('isSubmissionRetrySafe', () => {
  it('only allows re-submitting when the provider cannot have accepted the job', () => {
    expect(isSubmissionRetrySafe(apiError(429))).toBe(true);
    expect(isSubmissionRetrySafe(apiError(503))).toBe(true);
    expect(isSubmissionRetrySafe(apiError(500))).toBe(false);
    expect(isSubmissionRetrySafe(apiError(502))).toBe(false);
    const refused = new TypeError('fetch failed', {
      cause: Object.assign(new Error('connect'), { code: 'ECONNREFUSED' }),
    });
    expect(isSubmissionRetrySafe(refused)).toBe(true);
    const reset = new TypeError('fetch failed', { cause: Object.assign(new Error('reset'), { code: 'ECONNRESET' }) });
    expect(isSubmissionRetrySafe(reset)).toBe(false);
  });
});

describe('retryRequest', () => {
  it('retries with the hinted delay and stops after maxRetries', async () => {
    const sleeps: number[] = [];
    const request = vi.fn().mockRejectedValue(apiError(429, { 'retry-after-ms': '120' }));
    await expect(
      retryRequest(request, { maxRetries: 2, sleep: async (ms) => void sleeps.push(ms) }),
    ).rejects.toMatchObject({ statusCode: 429 });
    expect(request).toHaveBeenCalledTimes(3);
    expect(sleeps).toStrictEqual([120, 120]);
  });

  it('backs off exponentially without a hint', async () => {
    vi.spyOn(Math, 'random').mockReturnValue(0.5);
    const sleeps: number[] = [];
    const request = vi
      .fn()
      .mockRejectedValueOnce(apiError(500))
      .mockRejectedValueOnce(apiError(502))
      .mockResolvedValue('ok');
    await expect(
      retryRequest(request, { initialDelayMs: 100, sleep: async (ms) => void sleeps.push(ms) }),
    ).resolves.toBe('ok');
    expect(sleeps).toStrictEqual([100, 200]);
    vi.restoreAllMocks();
  });

  it('throws a non-retryable error at once', async () => {
    const request = vi.fn().mockRejectedValue(apiError(400));
    await expect(retryRequest(request, { sleep: async () => {} })).rejects.toMatchObject({ statusCode: 400 });
    expect(request).toHaveBeenCalledTimes(1);
  });
});
