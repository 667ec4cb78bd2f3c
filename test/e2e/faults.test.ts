import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { generateVideo } from '@videogen/core';
import { saveVideo } from '@videogen/core/node';
import type { EmulatorFault, EmulatorRoute } from '@videogen/emulator';
import { describe, expect, it, vi } from 'vitest';
import { download, parseMp4, parseMp4File, poll, PROVIDER_CASES, requestsTo, useEmulator, useTempDir } from './helpers';

// Generous: real HTTP, real timers, a busy CI machine. Never assert on durations.
vi.setConfig({ testTimeout: 60_000, hookTimeout: 30_000 });

// Faults injected at the emulator's HTTP layer. Whatever happens, a paid job is submitted
// exactly once: only the submission that the API rejected before accepting (429) is repeated.
describe.each(PROVIDER_CASES)('$api with faults', (providerCase) => {
  const emulator = useEmulator();
  const temp = useTempDir();

  /** Runs generateVideo with a unique prompt and returns the result and the jobs the emulator created. */
  async function generate() {
    const prompt = `A paper boat ${randomUUID()}`;
    const result = await generateVideo({
      model: providerCase.model(emulator.server),
      prompt,
      download,
      poll,
      maxRetries: 3,
    });
    const jobs = emulator.server.emulator.jobs.list({ api: providerCase.api }).filter((job) => job.prompt === prompt);
    return { result, jobs };
  }

  function injectOnStatus(fault: EmulatorFault, times: number) {
    return providerCase.statusRoutes.map((route: EmulatorRoute) =>
      emulator.server.emulator.injectFault({ api: providerCase.api, route, fault, times }),
    );
  }

  it('429 with Retry-After on submit: retried, one job created', async () => {
    const fault = emulator.server.emulator.injectFault({
      api: providerCase.api,
      route: providerCase.createRoute,
      fault: { type: 'rate-limit', retryAfterSeconds: 1 },
      times: 1,
    });
    const before = requestsTo(emulator.server, providerCase.api, providerCase.createRoute);
    const { result, jobs } = await generate();
    parseMp4(result.video.uint8Array);
    expect(fault.applied).toBe(1);
    expect(jobs).toHaveLength(1);
    const creates = requestsTo(emulator.server, providerCase.api, providerCase.createRoute).slice(before.length);
    expect(creates.map((entry) => entry.status)).toEqual([429, expect.any(Number)]);
    expect(creates[1].status).toBeLessThan(300);
  });

  it('429 with Retry-After on status: the poll is retried, never the job', async () => {
    const faults = injectOnStatus({ type: 'rate-limit', retryAfterSeconds: 1 }, 1);
    const { result, jobs } = await generate();
    parseMp4(result.video.uint8Array);
    expect(faults.reduce((sum, fault) => sum + fault.applied, 0)).toBeGreaterThanOrEqual(1);
    expect(jobs).toHaveLength(1);
  });

  it('503 on status: retried, one job', async () => {
    const faults = injectOnStatus({ type: 'http-error', status: 503, retryAfterSeconds: 0 }, 2);
    const { result, jobs } = await generate();
    parseMp4(result.video.uint8Array);
    expect(faults.reduce((sum, fault) => sum + fault.applied, 0)).toBeGreaterThanOrEqual(1);
    expect(jobs).toHaveLength(1);
  });

  it('500 on status: retried, one job', async () => {
    const faults = injectOnStatus({ type: 'http-error', status: 500 }, 1);
    const { result, jobs } = await generate();
    parseMp4(result.video.uint8Array);
    expect(faults.reduce((sum, fault) => sum + fault.applied, 0)).toBeGreaterThanOrEqual(1);
    expect(jobs).toHaveLength(1);
  });

  it('dropped connection on status: retried, one job', async () => {
    const faults = injectOnStatus({ type: 'drop-connection' }, 2);
    const { result, jobs } = await generate();
    parseMp4(result.video.uint8Array);
    expect(faults.reduce((sum, fault) => sum + fault.applied, 0)).toBeGreaterThanOrEqual(1);
    expect(jobs).toHaveLength(1);
  });

  it('truncated download (in memory): retried to a complete MP4, or a clear error; one job', async () => {
    const fault = emulator.server.emulator.injectFault({
      api: providerCase.api,
      route: providerCase.downloadRoute,
      fault: { type: 'truncate' },
      times: 1,
    });
    const prompt = `A hot air balloon ${randomUUID()}`;
    const outcome = await generateVideo({
      model: providerCase.model(emulator.server),
      prompt,
      download,
      poll,
      maxRetries: 3,
    }).then(
      (result) => ({ ok: true as const, result }),
      (error: unknown) => ({ ok: false as const, error }),
    );
    expect(fault.applied).toBe(1);
    if (outcome.ok) {
      parseMp4(outcome.result.video.uint8Array); // never a short file passed off as a video
    } else {
      expect(String((outcome.error as Error).message)).toMatch(
        /terminated|closed|socket|incomplete|premature|length|truncat/i,
      );
    }
    expect(
      emulator.server.emulator.jobs.list({ api: providerCase.api }).filter((job) => job.prompt === prompt),
    ).toHaveLength(1);
  });

  it('truncated download (to a file): a complete MP4 or a clear error and no partial file; one job', async () => {
    const fault = emulator.server.emulator.injectFault({
      api: providerCase.api,
      route: providerCase.downloadRoute,
      fault: { type: 'truncate' },
      times: 1,
    });
    const prompt = `A city at night ${randomUUID()}`;
    const path = join(temp.path, `truncated-${providerCase.api}.mp4`);
    const outcome = await saveVideo({
      model: providerCase.model(emulator.server),
      prompt,
      path,
      download,
      poll,
      maxRetries: 3,
    }).then(
      () => ({ ok: true as const }),
      (error: unknown) => ({ ok: false as const, error }),
    );
    expect(fault.applied).toBe(1);
    if (outcome.ok) {
      await parseMp4File(path);
    } else {
      expect(String((outcome.error as Error).message)).toMatch(
        /terminated|closed|socket|incomplete|premature|length|truncat/i,
      );
      await expect(parseMp4File(path)).rejects.toThrow(/ENOENT/);
    }
    expect(
      emulator.server.emulator.jobs.list({ api: providerCase.api }).filter((job) => job.prompt === prompt),
    ).toHaveLength(1);
  });
});
