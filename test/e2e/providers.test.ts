import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { generateVideo } from '@videogen/core';
import { saveVideo } from '@videogen/core/node';
import { describe, expect, it, vi } from 'vitest';
import { download, parseMp4, parseMp4File, poll, PROVIDER_CASES, requestsTo, useEmulator, useTempDir } from './helpers';

// Generous: real HTTP, real timers, a busy CI machine. Never assert on durations.
vi.setConfig({ testTimeout: 60_000, hookTimeout: 30_000 });

// Each provider against the emulator over real HTTP on 127.0.0.1: the provider packages run
// unchanged, only their base URL points at the emulator.
describe.each(PROVIDER_CASES)('$api against the emulator', (providerCase) => {
  const emulator = useEmulator();
  const temp = useTempDir();

  it('generates a video in memory: one job, a valid MP4, no key leaked', async () => {
    const prompt = `A red fox in fresh snow ${randomUUID()}`;
    const events: string[] = [];
    const result = await generateVideo({
      model: providerCase.model(emulator.server),
      prompt,
      download,
      poll,
      onProgress: (event) => events.push(event.type),
    });

    expect(parseMp4(result.video.uint8Array)).toEqual(expect.arrayContaining(['ftyp', 'moov', 'mdat']));
    expect(result.video.mediaType).toBe('video/mp4');
    expect(result.jobs).toHaveLength(1);
    expect(result.jobs[0].modelId).toBe(providerCase.modelId);
    expect(JSON.stringify(result.jobs[0])).not.toContain('e2e-test-key');

    const jobs = emulator.server.emulator.jobs.list({ api: providerCase.api }).filter((job) => job.prompt === prompt);
    expect(jobs).toHaveLength(1);
    expect(jobs[0].status).toBe('completed');
    expect(events).toContain('job-created');
    expect(events).toContain('completed');
    expect(emulator.server.emulator.requests.filter((entry) => entry.credentialLeak)).toEqual([]);
  });

  it('saves a video to a file with saveVideo', async () => {
    const path = join(temp.path, `${providerCase.api}.mp4`);
    const before = requestsTo(emulator.server, providerCase.api, providerCase.createRoute).length;
    const result = await saveVideo({
      model: providerCase.model(emulator.server),
      prompt: `A lighthouse at dusk ${randomUUID()}`,
      path,
      download,
      poll,
    });
    expect(result.files).toHaveLength(1);
    expect(result.files[0].path).toBe(path);
    const types = await parseMp4File(path);
    expect(types[0]).toBe('ftyp');
    expect(requestsTo(emulator.server, providerCase.api, providerCase.createRoute).length - before).toBe(1);
  });
});
