import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import {
  generateVideo,
  getVideoStatus,
  startVideo,
  VideoJobAbortedError,
  waitForVideo,
  type VideoEvent,
} from '@videogen/core';
import { saveVideoFromJob } from '@videogen/core/node';
import { describe, expect, it, vi } from 'vitest';
import { download, parseMp4, parseMp4File, poll, PROVIDER_CASES, requestsTo, useEmulator, useTempDir } from './helpers';

// Generous: real HTTP, real timers, a busy CI machine. Never assert on durations.
vi.setConfig({ testTimeout: 60_000, hookTimeout: 30_000 });

describe.each(PROVIDER_CASES)('$api jobs: resume and cancel', (providerCase) => {
  const emulator = useEmulator();
  const temp = useTempDir();

  it('resumes a job from its JSON with a new provider instance (another "process")', async () => {
    const prompt = `A windmill in a storm ${randomUUID()}`;
    const { job } = await startVideo({ model: providerCase.model(emulator.server), prompt });
    const stored = JSON.stringify(job);
    expect(stored).not.toContain('e2e-test-key');

    // A fresh provider instance, as a worker that only has the stored JSON would build it.
    const status = await getVideoStatus({ model: providerCase.model(emulator.server), job: stored, download });
    expect(['pending', 'completed']).toContain(status.status);

    const result = await waitForVideo({
      model: providerCase.model(emulator.server),
      job: JSON.parse(stored),
      download,
      poll,
    });
    parseMp4(result.video.uint8Array);
    expect(
      emulator.server.emulator.jobs.list({ api: providerCase.api }).filter((entry) => entry.prompt === prompt),
    ).toHaveLength(1);

    // And once more, straight to a file.
    const path = join(temp.path, `resumed-${providerCase.api}.mp4`);
    await saveVideoFromJob({ model: providerCase.model(emulator.server), job: stored, path, download, poll });
    await parseMp4File(path);
  });

  it('aborting mid-job ends the call promptly and cancels where the API can', async () => {
    const prompt = `A slow sunrise [emulator:duration=30000] ${randomUUID()}`;
    const controller = new AbortController();
    const events: VideoEvent[] = [];
    const promise = generateVideo({
      model: providerCase.model(emulator.server),
      prompt,
      download,
      poll,
      abortSignal: controller.signal,
      onProgress: (event) => {
        events.push(event);
        // abort once the provider reports the job as pending
        if (event.type === 'status' && event.status === 'pending') controller.abort();
      },
    });
    const error = await promise.then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(VideoJobAbortedError.isInstance(error)).toBe(true);
    const aborted = error as VideoJobAbortedError;
    expect(aborted.name).toBe('AbortError');
    expect(aborted.job?.modelId).toBe(providerCase.modelId);

    const cancellation = await aborted.cancellation;
    const [job] = emulator.server.emulator.jobs
      .list({ api: providerCase.api })
      .filter((entry) => entry.prompt === prompt);
    if (providerCase.canCancel) {
      expect(cancellation).toBe('cancelled');
      expect(
        requestsTo(emulator.server, providerCase.api, 'cancel').filter((entry) => entry.jobId === job.id),
      ).toHaveLength(1);
      expect(emulator.server.emulator.jobs.get(job.id)?.status).toBe('cancelled');
    } else {
      expect(cancellation).toBe('unsupported');
      expect(emulator.server.emulator.jobs.get(job.id)?.status).not.toBe('cancelled');
    }
    emulator.server.emulator.jobs.complete(job.id);
  });
});
