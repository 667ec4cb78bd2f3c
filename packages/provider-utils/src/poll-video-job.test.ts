import {
  APICallError,
  VideoJobFailedError,
  VideoJobInterruptedError,
  VideoJobTimeoutError,
  type VideoJob,
  type VideoModelV3StatusResult,
} from '@videogen/provider-spec';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { pollVideoJob } from './poll-video-job';

const job: VideoJob = { specificationVersion: 'v3', provider: 'test.video', modelId: 'm', operation: { id: 'op-1' } };
const response = { timestamp: new Date(0), modelId: 'm', headers: undefined };
const completed: VideoModelV3StatusResult = {
  status: 'completed',
  videos: [{ type: 'url', url: 'https://cdn.example/v.mp4', mediaType: 'video/mp4' }],
  warnings: [],
  response,
};

function scriptedStatus(statuses: Array<VideoModelV3StatusResult | Error>) {
  let index = 0;
  return vi.fn(async () => {
    const next = statuses[Math.min(index++, statuses.length - 1)];
    if (next instanceof Error) throw next;
    return next;
  });
}

function apiError(statusCode: number, headers: Record<string, string> = {}) {
  return new APICallError({
    message: `HTTP ${statusCode}`,
    url: 'https://api.example/status',
    requestBodyValues: undefined,
    statusCode,
    responseHeaders: headers,
  });
}

describe('pollVideoJob', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.restoreAllMocks();
  });

  it('polls at the interval until completed and reports every status', async () => {
    const doStatus = scriptedStatus([
      { status: 'pending', providerStatus: 'queued', queuePosition: 2 },
      { status: 'pending', providerStatus: 'in_progress', progress: 40 },
      completed,
    ]);
    const seen: VideoModelV3StatusResult[] = [];
    const promise = pollVideoJob({
      model: { doStatus },
      job,
      poll: { intervalMs: 1000 },
      onStatus: (s) => seen.push(s),
    });

    await vi.advanceTimersByTimeAsync(0);
    expect(doStatus).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(999);
    expect(doStatus).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(doStatus).toHaveBeenCalledTimes(2);
    await vi.advanceTimersByTimeAsync(1000);
    await expect(promise).resolves.toBe(completed);
    expect(doStatus).toHaveBeenCalledTimes(3);
    expect((doStatus.mock.calls[0] as unknown[])[0]).toMatchObject({ operation: { id: 'op-1' } });
    expect(seen.map((s) => s.status)).toStrictEqual(['pending', 'pending', 'completed']);
  });

  it('counts the interval from the start of the previous request, so slow answers do not delay later polls', async () => {
    // Each status request takes 300 ms to answer.
    const answers = [{ status: 'pending' } as const, { status: 'pending' } as const, completed];
    let index = 0;
    const sentAt: number[] = [];
    const doStatus = vi.fn(() => {
      sentAt.push(Date.now());
      return new Promise<VideoModelV3StatusResult>((resolve) => setTimeout(() => resolve(answers[index++]), 300));
    });
    const start = Date.now();
    const promise = pollVideoJob({ model: { doStatus }, job, poll: { intervalMs: 1000 }, justStarted: true });
    await vi.advanceTimersByTimeAsync(3300);
    await expect(promise).resolves.toBe(completed);
    // Requests start at 1000, 2000 and 3000 ms: one interval apart, never sooner, and not 1300 apart.
    expect(sentAt.map((at) => at - start)).toStrictEqual([1000, 2000, 3000]);
  });

  it('asks at once when a request took longer than the interval, and never has two in flight', async () => {
    let inFlight = 0;
    let maxInFlight = 0;
    const answers = [{ status: 'pending' } as const, completed];
    let index = 0;
    const sentAt: number[] = [];
    const doStatus = vi.fn(() => {
      sentAt.push(Date.now());
      maxInFlight = Math.max(maxInFlight, ++inFlight);
      return new Promise<VideoModelV3StatusResult>((resolve) =>
        setTimeout(() => {
          inFlight--;
          resolve(answers[index++]);
        }, 1500),
      );
    });
    const start = Date.now();
    const promise = pollVideoJob({ model: { doStatus }, job, poll: { intervalMs: 1000 } });
    await vi.advanceTimersByTimeAsync(3001);
    await expect(promise).resolves.toBe(completed);
    // At once: the loop only yields one timer tick (1 ms under fake timers) so that other timers can run.
    expect(sentAt.map((at) => at - start)).toStrictEqual([0, 1501]);
    expect(maxInFlight).toBe(1);
  });

  it('after a retried status request, waits one interval from the last attempt', async () => {
    const doStatus = scriptedStatus([apiError(429, { 'retry-after': '3' }), { status: 'pending' }, completed]);
    const promise = pollVideoJob({ model: { doStatus }, job, poll: { intervalMs: 1000 } });
    await vi.advanceTimersByTimeAsync(3000);
    expect(doStatus).toHaveBeenCalledTimes(2); // the retry, 3 s after the 429
    await vi.advanceTimersByTimeAsync(999);
    expect(doStatus).toHaveBeenCalledTimes(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(doStatus).toHaveBeenCalledTimes(3);
    await expect(promise).resolves.toBe(completed);
  });

  it('waits one interval before the first status request of a job submitted just now', async () => {
    const doStatus = scriptedStatus([{ status: 'pending' }, completed]);
    const promise = pollVideoJob({ model: { doStatus }, job, poll: { intervalMs: 1000 }, justStarted: true });
    await vi.advanceTimersByTimeAsync(999);
    expect(doStatus).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(doStatus).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1000);
    await expect(promise).resolves.toBe(completed);
    expect(doStatus).toHaveBeenCalledTimes(2);
  });

  it('asks for the status of a resumed job at once (justStarted not set)', async () => {
    const doStatus = scriptedStatus([completed]);
    const promise = pollVideoJob({ model: { doStatus }, job, poll: { intervalMs: 1000 } });
    await vi.advanceTimersByTimeAsync(0);
    expect(doStatus).toHaveBeenCalledTimes(1);
    await expect(promise).resolves.toBe(completed);
  });

  it('honours the provider poll hint instead of the interval', async () => {
    const doStatus = scriptedStatus([{ status: 'pending', pollAfterMs: 5000 }, completed]);
    const promise = pollVideoJob({ model: { doStatus }, job, poll: { intervalMs: 100 } });
    await vi.advanceTimersByTimeAsync(4999);
    expect(doStatus).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1);
    await expect(promise).resolves.toBe(completed);
  });

  it('retries a failed status request after Retry-After without touching the job otherwise', async () => {
    const doStatus = scriptedStatus([apiError(429, { 'retry-after': '3' }), completed]);
    const promise = pollVideoJob({ model: { doStatus }, job, poll: { intervalMs: 100 } });
    await vi.advanceTimersByTimeAsync(2999);
    expect(doStatus).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1);
    await expect(promise).resolves.toBe(completed);
    expect(doStatus).toHaveBeenCalledTimes(2);
  });

  it.each([1, 3, 10])(
    'survives %i consecutive transient failures (5xx, 429, network, malformed), never faster than the interval',
    async (count) => {
      const kinds = [
        () => apiError(500),
        () => apiError(503),
        () => apiError(429),
        () => new TypeError('fetch failed'),
        () =>
          new APICallError({
            message: 'Invalid JSON response',
            url: 'https://api.example/status',
            requestBodyValues: undefined,
            statusCode: 200,
            isRetryable: false,
          }),
        () => new SyntaxError('Unexpected end of JSON input'),
      ];
      const faults = Array.from({ length: count }, (_, index) => kinds[index % kinds.length]());
      const doStatus = scriptedStatus([...faults, completed]);
      const sleeps: number[] = [];
      const promise = pollVideoJob({
        model: { doStatus },
        job,
        poll: {
          intervalMs: 1000,
          delay: async (ms) => {
            sleeps.push(ms);
          },
        },
      });
      await expect(promise).resolves.toBe(completed);
      expect(doStatus).toHaveBeenCalledTimes(count + 1);
      // After each failure: at least one interval, backing off (doubling) after the first.
      expect(sleeps).toHaveLength(count);
      for (const [index, ms] of sleeps.entries()) {
        expect(ms).toBeGreaterThanOrEqual(Math.min(1000 * 2 ** index, 60_000));
      }
    },
  );

  it('honours Retry-After on a failed status request when it is longer than the backoff', async () => {
    const doStatus = scriptedStatus([apiError(503, { 'retry-after': '7' }), completed]);
    const sleeps: number[] = [];
    const promise = pollVideoJob({
      model: { doStatus },
      job,
      poll: { intervalMs: 100, delay: async (ms) => void sleeps.push(ms) },
    });
    await expect(promise).resolves.toBe(completed);
    expect(sleeps).toStrictEqual([7000]);
  });

  it('keeps retrying transient failures until the wait times out; the timeout carries the job and the last failure', async () => {
    const doStatus = scriptedStatus([apiError(500)]);
    const promise = pollVideoJob({ model: { doStatus }, job, maxRetries: 1, poll: { timeoutMs: 120_000 } });
    const assertion = expect(promise).rejects.toSatisfy(
      (error) =>
        VideoJobTimeoutError.isInstance(error) &&
        error.job === job &&
        APICallError.isInstance(error.cause) &&
        error.cause.statusCode === 500,
    );
    await vi.advanceTimersByTimeAsync(120_000);
    await assertion;
    expect(doStatus.mock.calls.length).toBeGreaterThan(3);
  });

  it('abandons a hung status request after requestTimeoutMs and asks again', async () => {
    let calls = 0;
    const doStatus = vi.fn(() => {
      calls++;
      // The first request never answers (and ignores its signal).
      return calls === 1 ? new Promise<VideoModelV3StatusResult>(() => {}) : Promise.resolve(completed);
    });
    const promise = pollVideoJob({ model: { doStatus }, job, poll: { intervalMs: 1000, requestTimeoutMs: 5000 } });
    await vi.advanceTimersByTimeAsync(4999);
    expect(doStatus).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1 + 1000);
    await expect(promise).resolves.toBe(completed);
    expect(doStatus).toHaveBeenCalledTimes(2);
  });

  it.each([401, 403, 404])('ends the wait on a permanent %i with an error that carries the job', async (statusCode) => {
    const doStatus = scriptedStatus([apiError(500), apiError(statusCode)]);
    const promise = pollVideoJob({ model: { doStatus }, job, poll: { delay: async () => {} } });
    await expect(promise).rejects.toSatisfy(
      (error) =>
        VideoJobInterruptedError.isInstance(error) &&
        error.job === job &&
        APICallError.isInstance(error.cause) &&
        error.cause.statusCode === statusCode,
    );
    expect(doStatus).toHaveBeenCalledTimes(2);
  });

  it("uses the model's pollIntervalMs when the caller sets no interval, and the caller's interval over it", async () => {
    const sleeps: number[] = [];
    const delay = async (ms: number) => void sleeps.push(ms);
    const model = { doStatus: scriptedStatus([{ status: 'pending' }, completed]), pollIntervalMs: 700 };
    await pollVideoJob({ model, job, poll: { delay }, justStarted: true, now: () => 0 });
    expect(sleeps).toStrictEqual([700, 700]);
    sleeps.length = 0;
    const model2 = { doStatus: scriptedStatus([{ status: 'pending' }, completed]), pollIntervalMs: 700 };
    await pollVideoJob({ model: model2, job, poll: { delay, intervalMs: 50 }, justStarted: true, now: () => 0 });
    expect(sleeps).toStrictEqual([50, 50]);
  });

  it("starts a long model interval at 2 s for the first 30 s of the wait, then keeps the model's pace", async () => {
    const sleeps: number[] = [];
    let clock = 0;
    const delay = async (ms: number) => {
      sleeps.push(ms);
      clock += ms;
    };
    const pending: VideoModelV3StatusResult = { status: 'pending' };
    const model = {
      doStatus: scriptedStatus([...Array<VideoModelV3StatusResult>(17).fill(pending), completed]),
      pollIntervalMs: 10_000,
    };
    await pollVideoJob({ model, job, poll: { delay }, justStarted: true, now: () => clock });
    // 2 s until the wait is 30 s old (15 polls), then the model's 10 s.
    expect(sleeps).toStrictEqual([...Array<number>(15).fill(2000), 10_000, 10_000, 10_000]);
    // A caller's interval is used from the start, and a model interval under 2 s is never raised.
    sleeps.length = 0;
    clock = 0;
    const model2 = { doStatus: scriptedStatus([pending, completed]), pollIntervalMs: 10_000 };
    await pollVideoJob({ model: model2, job, poll: { delay, intervalMs: 5000 }, justStarted: true, now: () => clock });
    expect(sleeps).toStrictEqual([5000, 5000]);
  });

  it('turns a failed job into VideoJobFailedError with the provider reason', async () => {
    const doStatus = scriptedStatus([
      {
        status: 'failed',
        error: { code: 'moderation_blocked', message: 'Blocked by moderation.', contentFiltered: true },
      },
    ]);
    await expect(pollVideoJob({ model: { doStatus }, job })).rejects.toSatisfy(
      (error) =>
        VideoJobFailedError.isInstance(error) &&
        error.code === 'moderation_blocked' &&
        error.contentFiltered &&
        error.providerMessage === 'Blocked by moderation.' &&
        error.job === job,
    );
  });

  it('times out with the job, leaving it resumable', async () => {
    const doStatus = scriptedStatus([{ status: 'pending' }]);
    const promise = pollVideoJob({ model: { doStatus }, job, poll: { intervalMs: 1000, timeoutMs: 3500 } });
    const assertion = expect(promise).rejects.toSatisfy(
      (error) => VideoJobTimeoutError.isInstance(error) && error.job === job && error.timeoutMs === 3500,
    );
    await vi.advanceTimersByTimeAsync(3500);
    await assertion;
    expect(doStatus).toHaveBeenCalledTimes(4);
  });

  it('ends a sleep at once when the caller aborts', async () => {
    const doStatus = scriptedStatus([{ status: 'pending' }]);
    const controller = new AbortController();
    const promise = pollVideoJob({
      model: { doStatus },
      job,
      poll: { intervalMs: 5000 },
      abortSignal: controller.signal,
    });
    await vi.advanceTimersByTimeAsync(10);
    const reason = new DOMException('stop', 'AbortError');
    controller.abort(reason);
    // No timer has to elapse for the rejection.
    await expect(promise).rejects.toBe(reason);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('uses a custom delay so that a workflow engine owns the waiting', async () => {
    const doStatus = scriptedStatus([{ status: 'pending' }, { status: 'pending' }, completed]);
    const waits: number[] = [];
    const result = await pollVideoJob({
      model: { doStatus },
      job,
      poll: {
        intervalMs: 7000,
        delay: async (ms) => {
          waits.push(ms);
        },
      },
    });
    expect(result).toBe(completed);
    expect(waits).toStrictEqual([7000, 7000]);
  });

  it('uses the watch stream and falls back to polling when it breaks', async () => {
    const doStatus = scriptedStatus([completed]);
    async function* doWatch(): AsyncGenerator<VideoModelV3StatusResult> {
      yield { status: 'pending', queuePosition: 1 };
      throw new TypeError('stream broke');
    }
    const seen: VideoModelV3StatusResult[] = [];
    const promise = pollVideoJob({
      model: { doStatus, doWatch },
      job,
      poll: { intervalMs: 200 },
      onStatus: (s) => seen.push(s),
    });
    await vi.advanceTimersByTimeAsync(200);
    await expect(promise).resolves.toBe(completed);
    expect(seen[0]).toStrictEqual({ status: 'pending', queuePosition: 1 });
    expect(doStatus).toHaveBeenCalledTimes(1);
  });

  it('closes a watch stream that goes quiet for requestTimeoutMs and polls instead', async () => {
    const doStatus = scriptedStatus([completed]);
    async function* doWatch(): AsyncGenerator<VideoModelV3StatusResult> {
      yield { status: 'pending' };
      await new Promise(() => {}); // hangs, and ignores its signal
    }
    const promise = pollVideoJob({
      model: { doStatus, doWatch },
      job,
      poll: { intervalMs: 200, requestTimeoutMs: 5000 },
    });
    await vi.advanceTimersByTimeAsync(4999);
    expect(doStatus).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1 + 200);
    await expect(promise).resolves.toBe(completed);
    expect(doStatus).toHaveBeenCalledTimes(1);
  });

  it.each([1, 3, 10])('survives a broken watch stream followed by %i failed status requests', async (count) => {
    const doStatus = scriptedStatus([...Array.from({ length: count }, () => apiError(503)), completed]);
    async function* doWatch(): AsyncGenerator<VideoModelV3StatusResult> {
      yield* [];
      throw apiError(502);
    }
    const promise = pollVideoJob({
      model: { doStatus, doWatch },
      job,
      poll: { intervalMs: 200, delay: async () => {} },
    });
    await expect(promise).resolves.toBe(completed);
    expect(doStatus).toHaveBeenCalledTimes(count + 1);
  });

  it('completes from the watch stream without polling', async () => {
    const doStatus = vi.fn();
    async function* doWatch(): AsyncGenerator<VideoModelV3StatusResult> {
      yield { status: 'pending' };
      yield completed;
    }
    await expect(pollVideoJob({ model: { doStatus, doWatch }, job })).resolves.toBe(completed);
    expect(doStatus).not.toHaveBeenCalled();
  });

  it('wakes up early when a webhook arrives', async () => {
    const doStatus = scriptedStatus([{ status: 'pending' }, completed]);
    let arrive!: () => void;
    const received = new Promise<void>((resolve) => (arrive = resolve));
    const promise = pollVideoJob({ model: { doStatus }, job, poll: { intervalMs: 60_000 }, wakeUp: () => received });
    await vi.advanceTimersByTimeAsync(100);
    expect(doStatus).toHaveBeenCalledTimes(1);
    arrive();
    await vi.advanceTimersByTimeAsync(0);
    await expect(promise).resolves.toBe(completed);
    expect(doStatus).toHaveBeenCalledTimes(2);
  });

  it('polls on the fallback interval until the webhook arrives, even when a status request outlasts the interval', async () => {
    const answers: VideoModelV3StatusResult[] = [
      { status: 'pending' },
      { status: 'pending' },
      { status: 'pending' },
      completed,
    ];
    let index = 0;
    const sentAt: number[] = [];
    // Each status request takes 3 s: longer than the 1 s interval.
    const doStatus = vi.fn(() => {
      sentAt.push(Date.now());
      return new Promise<VideoModelV3StatusResult>((resolve) => setTimeout(() => resolve(answers[index++]), 3000));
    });
    let arrive!: () => void;
    const received = new Promise<void>((resolve) => (arrive = resolve));
    const start = Date.now();
    const promise = pollVideoJob({
      model: { doStatus },
      job,
      poll: { intervalMs: 1000 },
      wakeUp: () => received,
      wakeUpFallbackIntervalMs: 60_000,
    });
    await vi.advanceTimersByTimeAsync(59_999);
    expect(sentAt.map((at) => at - start)).toStrictEqual([0]); // not again at 3 s
    await vi.advanceTimersByTimeAsync(1);
    expect(sentAt.map((at) => at - start)).toStrictEqual([0, 60_000]);
    arrive(); // arrives while the second request is in flight: the next one goes out when it ends
    await vi.advanceTimersByTimeAsync(3000);
    expect(sentAt.map((at) => at - start)).toStrictEqual([0, 60_000, 63_000]);
    // Woken once: from now on the plain interval, counted from the previous request's start (already
    // passed, so at once: one timer tick, 1 ms under fake timers).
    await vi.advanceTimersByTimeAsync(3001);
    expect(sentAt.map((at) => at - start)).toStrictEqual([0, 60_000, 63_000, 66_001]);
    await vi.advanceTimersByTimeAsync(3000);
    await expect(promise).resolves.toBe(completed);
  });

  it('times out even when every status is due at once and answered at once', async () => {
    vi.useRealTimers();
    const doStatus = vi.fn(async (): Promise<VideoModelV3StatusResult> => ({ status: 'pending' }));
    const error = await pollVideoJob({ model: { doStatus }, job, poll: { intervalMs: 0, timeoutMs: 50 } }).catch(
      (caught) => caught,
    );
    expect(VideoJobTimeoutError.isInstance(error)).toBe(true);
    expect(error.job).toBe(job);
  });
});
