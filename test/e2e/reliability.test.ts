import { randomUUID } from 'node:crypto';
import { access, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { generateVideo, VideoDownloadError, waitForVideo, type PollOptions } from '@videogen/core';
import { saveVideo, saveVideoFromJob } from '@videogen/core/node';
import { startEmulator, type EmulatorFault, type EmulatorServer, type FaultHandle } from '@videogen/emulator';
import type { VideoJob } from '@videogen/provider-spec';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { EXIT_CODES, runCli } from '../../packages/cli/src/index';
import { collector, download, parseMp4, parseMp4File, PROVIDER_CASES, requestsTo, useTempDir } from './helpers';

// Real HTTP against the emulator, real timers. Never assert on durations: the waits are shortened
// through poll.delay (the hook a workflow engine uses), so the schedule is followed but not waited out.
vi.setConfig({ testTimeout: 60_000, hookTimeout: 30_000 });

/** An abortable sleep of at most `capMs`, recording what the loop asked for. */
function fastPoll(capMs = 20): PollOptions & { requested: number[] } {
  const requested: number[] = [];
  return {
    requested,
    intervalMs: 100,
    timeoutMs: 45_000,
    requestTimeoutMs: 1000,
    delay: (ms, { abortSignal } = {}) => {
      requested.push(ms);
      return new Promise<void>((resolve, reject) => {
        if (abortSignal?.aborted) return reject(abortSignal.reason);
        const timer = setTimeout(resolve, Math.min(ms, capMs));
        abortSignal?.addEventListener(
          'abort',
          () => {
            clearTimeout(timer);
            reject(abortSignal.reason);
          },
          { once: true },
        );
      });
    },
  };
}

/** An emulator whose jobs finish quickly, for the whole file. */
function useFastEmulator(): { readonly server: EmulatorServer } {
  const holder: { server?: EmulatorServer } = {};
  beforeAll(async () => {
    holder.server = await startEmulator({ host: '127.0.0.1', port: 0, jobDurationMs: 300, queueMs: 50 });
  });
  beforeEach(() => {
    holder.server?.emulator.clearFaults();
  });
  afterAll(async () => {
    await holder.server?.close();
  });
  return {
    get server() {
      if (!holder.server) throw new Error('emulator not started');
      return holder.server;
    },
  };
}

const emulator = useFastEmulator();
const temp = useTempDir();

function jobsFor(api: string, prompt: string) {
  return emulator.server.emulator.jobs.list({ api: api as never }).filter((job) => job.prompt === prompt);
}

const applied = (handles: FaultHandle[]) => handles.reduce((sum, handle) => sum + handle.applied, 0);

// Issue 23, item 2: a status request is free and idempotent and the job is paid, so transient
// failures while polling are retried until the wait's own timeout.
describe.each(PROVIDER_CASES)('$api: consecutive faults while polling', (providerCase) => {
  const transientFaults: EmulatorFault[] = [
    { type: 'http-error', status: 500 },
    { type: 'rate-limit', retryAfterSeconds: 1 },
    { type: 'http-error', status: 503, retryAfterSeconds: 1 },
    { type: 'drop-connection' },
    { type: 'http-error', status: 502 },
  ];

  it.each([1, 3, 10])('%i consecutive faults on every status route: the video, one job', async (count) => {
    const handles: FaultHandle[] = [];
    for (let index = 0; index < count; index++) {
      for (const route of providerCase.statusRoutes) {
        handles.push(
          emulator.server.emulator.injectFault({
            api: providerCase.api,
            route,
            fault: transientFaults[index % transientFaults.length],
            times: 1,
          }),
        );
      }
    }
    const prompt = `A lighthouse in a storm ${randomUUID()}`;
    const poll = fastPoll();
    const result = await generateVideo({
      model: providerCase.model(emulator.server),
      prompt,
      download,
      poll,
      maxRetries: 0, // does not limit status requests
    });
    parseMp4(result.video.uint8Array);
    expect(jobsFor(providerCase.api, prompt)).toHaveLength(1);
    // The polling route of each provider took all its faults (fal's SSE stream takes one, then fal is polled).
    const pollingRoute = providerCase.statusRoutes[0];
    expect(applied(handles.filter((_, index) => index % providerCase.statusRoutes.length === 0))).toBe(count);
    expect(requestsTo(emulator.server, providerCase.api, pollingRoute).length).toBeGreaterThan(count);
  });

  it('a status request that hangs is abandoned and sent again', async () => {
    const handles = providerCase.statusRoutes.map((route) =>
      emulator.server.emulator.injectFault({
        api: providerCase.api,
        route,
        fault: { type: 'latency', ms: 30_000 },
        times: 1,
      }),
    );
    const prompt = `A tortoise ${randomUUID()}`;
    const result = await generateVideo({
      model: providerCase.model(emulator.server),
      prompt,
      download,
      poll: { ...fastPoll(), requestTimeoutMs: 300 },
    });
    parseMp4(result.video.uint8Array);
    expect(applied(handles)).toBeGreaterThanOrEqual(1);
    expect(jobsFor(providerCase.api, prompt)).toHaveLength(1);
  });

  it('a permanent answer (401) ends the wait with an error that carries the job', async () => {
    for (const route of providerCase.statusRoutes) {
      emulator.server.emulator.injectFault({
        api: providerCase.api,
        route,
        fault: { type: 'http-error', status: 401 },
      });
    }
    const prompt = `A locked door ${randomUUID()}`;
    const error = await generateVideo({
      model: providerCase.model(emulator.server),
      prompt,
      download,
      poll: fastPoll(),
    }).then(
      () => undefined,
      (caught: unknown) => caught as { job?: VideoJob; name?: string },
    );
    expect(error).toMatchObject({ name: 'VideoGen_VideoJobInterruptedError' });
    expect(jobsFor(providerCase.api, prompt)).toHaveLength(1);
    emulator.server.emulator.clearFaults();
    const resumed = await waitForVideo({
      model: providerCase.model(emulator.server),
      job: error!.job!,
      download,
      poll: fastPoll(),
    });
    parseMp4(resumed.video.uint8Array);
  });
});

// Issue 23, item 1: every error after a job was accepted carries the job.
describe.each(PROVIDER_CASES)('$api: download faults after the job completed', (providerCase) => {
  function injectOnDownload(fault: EmulatorFault, times?: number) {
    return emulator.server.emulator.injectFault({
      api: providerCase.api,
      route: providerCase.downloadRoute,
      fault,
      times,
    });
  }

  it('a 404 on a result the status just called completed is retried: the video, one job', async () => {
    const fault = injectOnDownload({ type: 'http-error', status: 404 }, 1);
    const prompt = `A late upload ${randomUUID()}`;
    const result = await generateVideo({
      model: providerCase.model(emulator.server),
      prompt,
      download,
      poll: fastPoll(),
    });
    parseMp4(result.video.uint8Array);
    expect(fault.applied).toBe(1);
    expect(jobsFor(providerCase.api, prompt)).toHaveLength(1);
  });

  it.each([
    ['503 three times', { type: 'http-error', status: 503, retryAfterSeconds: 0 } as EmulatorFault, 3],
    ['a body always truncated', { type: 'truncate' } as EmulatorFault, undefined],
    ['a connection always dropped', { type: 'drop-connection' } as EmulatorFault, undefined],
  ])(
    '%s: generateVideo throws VideoDownloadError with the job; waitForVideo resumes it',
    async (_name, fault, times) => {
      injectOnDownload(fault, times);
      const prompt = `A broken pipe ${randomUUID()}`;
      const model = providerCase.model(emulator.server);
      const error = await generateVideo({ model, prompt, download, poll: fastPoll(), maxRetries: 1 }).catch(
        (caught: unknown) => caught,
      );
      expect(VideoDownloadError.isInstance(error)).toBe(true);
      if (!VideoDownloadError.isInstance(error)) return;
      expect(error.job).toMatchObject({ provider: model.provider, modelId: model.modelId });
      expect(error.videoIndex).toBe(0);
      emulator.server.emulator.clearFaults();
      const resumed = await waitForVideo({
        model: providerCase.model(emulator.server),
        job: JSON.stringify(error.job),
        download,
      });
      parseMp4(resumed.video.uint8Array);
      expect(jobsFor(providerCase.api, prompt)).toHaveLength(1);
    },
  );

  it('saveVideo: a body always truncated throws VideoDownloadError with the job; saveVideoFromJob resumes it', async () => {
    injectOnDownload({ type: 'truncate' });
    const prompt = `A torn film ${randomUUID()}`;
    const path = join(temp.path, `torn-${providerCase.api}.mp4`);
    const error = await saveVideo({
      model: providerCase.model(emulator.server),
      prompt,
      path,
      download,
      poll: fastPoll(),
      maxRetries: 1,
    }).catch((caught: unknown) => caught);
    expect(VideoDownloadError.isInstance(error)).toBe(true);
    if (!VideoDownloadError.isInstance(error)) return;
    await expect(access(path)).rejects.toThrow(/ENOENT/);
    emulator.server.emulator.clearFaults();
    await saveVideoFromJob({
      model: providerCase.model(emulator.server),
      job: error.job!,
      path,
      download,
      poll: fastPoll(),
    });
    await parseMp4File(path);
    expect(jobsFor(providerCase.api, prompt)).toHaveLength(1);
  });
});

describe('videogen CLI: a download that fails after the job completed', () => {
  it('writes the job file, prints a `videogen resume` hint, exits non-zero; resume saves the video', async () => {
    emulator.server.emulator.injectFault({ api: 'openai', route: 'content', fault: { type: 'truncate' } });
    const prompt = `A glass bridge ${randomUUID()}`;
    const out = join(temp.path, 'bridge.mp4');
    const run = async (argv: string[]) => {
      const stdout = collector();
      const stderr = collector();
      const code = await runCli(argv, { stdout, stderr, env: {}, cwd: temp.path, emulator: emulator.server });
      return { code, stderr: stderr.text() };
    };
    const failed = await run(['generate', prompt, '--emulate', '-m', 'openai:sora-2', '-o', out, '-q']);
    expect(failed.code).toBe(EXIT_CODES.error);
    const jobFile = join(temp.path, 'bridge.job.json');
    expect(failed.stderr).toContain(`download it again with: videogen resume ${jobFile}`);
    expect(failed.stderr).not.toContain('waitForVideo');
    expect(JSON.parse(await readFile(jobFile, 'utf8'))).toMatchObject({ provider: 'openai.video', modelId: 'sora-2' });

    emulator.server.emulator.clearFaults();
    const resumed = await run(['resume', jobFile, '--emulate', '-o', out, '-q']);
    expect(resumed.code).toBe(EXIT_CODES.ok);
    await parseMp4File(out);
    expect(jobsFor('openai', prompt)).toHaveLength(1);
  });
});

// Issue 23, "Done when": random faults on submit, status and download, over all four providers.
// Every call returns the video, or throws an error that carries a job which then resumes to the
// video, or was refused before any job existed (the emulator holds none for it). Zero lost jobs.
describe('random faults over all providers', () => {
  it('200 concurrent generations: zero lost jobs, none paid twice, every carried job resumes', async () => {
    const server = emulator.server;
    const faultsByRoute = (providerCase: (typeof PROVIDER_CASES)[number]) => [
      ...[
        { type: 'rate-limit', retryAfterSeconds: 0 },
        { type: 'http-error', status: 503, retryAfterSeconds: 0 },
        { type: 'http-error', status: 500 },
        { type: 'drop-connection' },
      ].map((fault) => ({ route: providerCase.createRoute, fault: fault as EmulatorFault })),
      ...providerCase.statusRoutes.flatMap((route) =>
        [
          { type: 'http-error', status: 500 },
          { type: 'rate-limit', retryAfterSeconds: 1 },
          { type: 'drop-connection' },
          { type: 'latency', ms: 3000 }, // hangs past requestTimeoutMs
        ].map((fault) => ({ route, fault: fault as EmulatorFault })),
      ),
      ...[
        { type: 'http-error', status: 404 },
        { type: 'http-error', status: 503, retryAfterSeconds: 0 },
        { type: 'truncate' },
        { type: 'drop-connection' },
      ].map((fault) => ({ route: providerCase.downloadRoute, fault: fault as EmulatorFault })),
    ];
    // A seeded generator, so that a failing run can be repeated.
    let seed = 23;
    const random = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    let injecting = true;
    let injected = 0;
    const injector = (async () => {
      // About one fault per 15 ms while the calls run, up to 600 (enough that most calls meet one).
      while (injecting && injected < 600) {
        const providerCase = PROVIDER_CASES[Math.floor(random() * PROVIDER_CASES.length)];
        const choices = faultsByRoute(providerCase);
        const { route, fault } = choices[Math.floor(random() * choices.length)];
        server.emulator.injectFault({ api: providerCase.api, route, fault, times: 1 });
        injected++;
        await new Promise((resolve) => setTimeout(resolve, 15));
      }
    })();

    const calls = Array.from({ length: 200 }, (_, index) => {
      const providerCase = PROVIDER_CASES[index % PROVIDER_CASES.length];
      const prompt = `A random fault ${index} ${randomUUID()}`;
      const model = providerCase.model(server);
      const options = { model, prompt, download, poll: fastPoll(), maxRetries: 2 };
      const run =
        index % 5 === 0
          ? saveVideo({ ...options, path: join(temp.path, `random-${index}.mp4`) }).then(async (result) => {
              await parseMp4File(result.files[0].path);
            })
          : generateVideo(options).then((result) => {
              parseMp4(result.video.uint8Array);
            });
      return run.then(
        () => ({ providerCase, prompt, error: undefined as unknown }),
        (error: unknown) => ({ providerCase, prompt, error }),
      );
    });
    const outcomes = await Promise.all(calls);
    injecting = false;
    await injector;
    server.emulator.clearFaults();

    let succeeded = 0;
    let resumed = 0;
    let refusedBeforePaying = 0;
    const lost: string[] = [];
    for (const { providerCase, prompt, error } of outcomes) {
      const jobs = jobsFor(providerCase.api, prompt);
      expect(jobs.length, `${providerCase.api}: never paid twice`).toBeLessThanOrEqual(1);
      if (error === undefined) {
        succeeded++;
        continue;
      }
      const job = (error as { job?: VideoJob }).job;
      if (job) {
        // The job is carried: resuming it completes.
        const result = await waitForVideo({
          model: providerCase.model(server),
          job: JSON.stringify(job),
          download,
          poll: fastPoll(),
        });
        parseMp4(result.video.uint8Array);
        resumed++;
      } else if (jobs.length === 0) {
        refusedBeforePaying++;
      } else {
        lost.push(`${providerCase.api}: ${(error as Error).name}: ${(error as Error).message}`);
      }
    }
    expect(lost).toStrictEqual([]);
    expect(succeeded + resumed + refusedBeforePaying).toBe(200);
    expect(injected).toBeGreaterThan(50);
    // Visible in the test output: how the run went.
    console.info(
      `random faults: ${injected} injected; ${succeeded} returned the video, ${resumed} threw with the job and resumed, ${refusedBeforePaying} refused before any job existed, ${lost.length} lost`,
    );
  });
});
