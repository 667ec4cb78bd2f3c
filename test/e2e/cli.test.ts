import { randomUUID } from 'node:crypto';
import { readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { EXIT_CODES, runCli } from '../../packages/cli/src/index';
import { collector, parseMp4File, requestsTo, useEmulator, useTempDir } from './helpers';

// Generous: real HTTP, real timers, a busy CI machine. Never assert on durations.
vi.setConfig({ testTimeout: 60_000, hookTimeout: 30_000 });

// The `videogen` command, driven in-process with runCli against the emulator over real HTTP.
describe('videogen CLI', () => {
  const emulator = useEmulator();
  const temp = useTempDir();

  async function run(
    argv: string[],
    options: { env?: Record<string, string>; signal?: AbortSignal; stdout?: ReturnType<typeof collector> } = {},
  ) {
    const stdout = options.stdout ?? collector();
    const stderr = collector();
    const code = await runCli(argv, {
      stdout,
      stderr,
      env: options.env ?? {},
      signal: options.signal,
      cwd: temp.path,
      emulator: emulator.server,
    });
    return { code, stdout: stdout.text(), stderr: stderr.text() };
  }

  function expectNoStack(text: string) {
    expect(text).not.toMatch(/^\s+at /m);
  }

  it.each([
    ['fal', 'fal:fal-ai/veo3.1/fast'],
    ['openai', 'openai:sora-2'],
    ['google', 'google:veo-3.1-fast-generate-preview'],
    ['openrouter', 'openrouter:google/veo-3.1-fast'],
  ])('generate --emulate writes a valid MP4 (%s)', async (provider, model) => {
    const out = join(temp.path, `cli-${provider}.mp4`);
    const result = await run([
      'generate',
      `a red fox in snow ${randomUUID()}`,
      '--emulate',
      '--model',
      model,
      '--out',
      out,
    ]);
    expect(result.stderr).toContain('Saved');
    expect(result.code).toBe(EXIT_CODES.ok);
    expect(result.stdout.trim()).toBe(out);
    await parseMp4File(out);
    // progress lines: the job was created and downloaded
    expect(result.stderr).toMatch(/job \S+ created/);
    expect(result.stderr).toMatch(/downloaded/);
  });

  it('generate --emulate without --out writes ./<provider>-<jobid>.mp4 in the working directory', async () => {
    const result = await run(['generate', `a lighthouse ${randomUUID()}`, '--emulate']);
    expect(result.code).toBe(EXIT_CODES.ok);
    const path = result.stdout.trim();
    expect(path.startsWith(join(temp.path, 'fal-'))).toBe(true);
    expect(path.endsWith('.mp4')).toBe(true);
    await parseMp4File(path);
  });

  it('--json prints the job as soon as it exists; Ctrl-C on OpenAI says it cannot cancel; status and resume pick it up', async () => {
    const prompt = `a slow tide [emulator:duration=4000] ${randomUUID()}`;
    const controller = new AbortController();
    // Ctrl-C as soon as the job JSON is out
    const stdout = collector((printed) => printed.includes('\n') && controller.abort());
    const out = join(temp.path, 'tide.mp4');
    const generated = await run(['generate', prompt, '--emulate', '-m', 'openai:sora-2', '--json', '--out', out], {
      signal: controller.signal,
      stdout,
    });
    expect(generated.code).toBe(EXIT_CODES.interrupted);
    expect(generated.stderr).toMatch(
      /OpenAI cannot cancel jobs; job video_\w+ keeps running, resume with: videogen resume \S+tide\.job\.json/,
    );
    expectNoStack(generated.stderr);
    const job = JSON.parse(generated.stdout.trim().split('\n')[0]);
    expect(job).toMatchObject({ specificationVersion: 'v3', provider: 'openai.video', modelId: 'sora-2' });

    const jobFile = join(temp.path, 'tide-job.json');
    await writeFile(jobFile, generated.stdout);

    const status = await run(['status', jobFile, '--emulate', '--json']);
    expect(status.code).toBe(EXIT_CODES.ok);
    expect(JSON.parse(status.stdout)).toMatchObject({ provider: 'openai', modelId: 'sora-2', status: 'pending' });

    const resumed = await run(['resume', jobFile, '--emulate', '--out', out]);
    expect(resumed.code).toBe(EXIT_CODES.ok);
    await parseMp4File(out);
    // one paid job in all of this
    expect(
      emulator.server.emulator.jobs.list({ api: 'openai' }).filter((entry) => entry.prompt === prompt),
    ).toHaveLength(1);

    const after = await run(['status', jobFile, '--emulate']);
    expect(after.stdout).toMatch(/completed/);
  });

  it('Ctrl-C on fal cancels the job at fal and says so', async () => {
    const prompt = `a long river [emulator:duration=30000] ${randomUUID()}`;
    const controller = new AbortController();
    const stdout = collector((printed) => printed.includes('\n') && controller.abort());
    const result = await run(['generate', prompt, '--emulate', '--json', '--out', join(temp.path, 'river.mp4')], {
      signal: controller.signal,
      stdout,
    });
    expect(result.code).toBe(EXIT_CODES.interrupted);
    expect(result.stderr).toMatch(/cancelled job \S+ at fal/);
    const [job] = emulator.server.emulator.jobs.list({ api: 'fal' }).filter((entry) => entry.prompt === prompt);
    expect(job.status).toBe('cancelled');
    expect(requestsTo(emulator.server, 'fal', 'cancel').filter((entry) => entry.jobId === job.id)).toHaveLength(1);
  });

  it('-n 3 runs three jobs at once: three creates, three distinct jobs, three valid numbered MP4s', async () => {
    const prompt = `a flock of birds [emulator:duration=2000] ${randomUUID()}`;
    const creates = requestsTo(emulator.server, 'fal', 'submit').length;
    const out = join(temp.path, 'birds.mp4');
    const result = await run(['generate', prompt, '--emulate', '-n', '3', '--json', '--out', out]);
    expect(result.code).toBe(EXIT_CODES.ok);
    expectNoStack(result.stderr);

    // each job's JSON on stdout, three distinct jobs
    const printed = result.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { operation: unknown; provider: string });
    expect(printed).toHaveLength(3);
    expect(printed.every((job) => job.provider === 'fal.video')).toBe(true);
    expect(new Set(printed.map((job) => JSON.stringify(job.operation))).size).toBe(3);

    // one progress line set per job, one Saved line per file
    for (const n of [1, 2, 3]) expect(result.stderr).toMatch(new RegExp(`\\[${n}/3\\]: job \\S+ created`));
    const savedPaths = [...result.stderr.matchAll(/^Saved (\S+) /gm)].map((match) => match[1]).sort();
    expect(savedPaths).toEqual([
      join(temp.path, 'birds-1.mp4'),
      join(temp.path, 'birds-2.mp4'),
      join(temp.path, 'birds-3.mp4'),
    ]);
    for (const path of savedPaths) await parseMp4File(path);

    // exactly three paid jobs, and they overlapped: the second was created before the first finished
    expect(requestsTo(emulator.server, 'fal', 'submit').length - creates).toBe(3);
    const jobs = emulator.server.emulator.jobs
      .list({ api: 'fal' })
      .filter((entry) => entry.prompt === prompt)
      .sort((a, b) => a.createdAt - b.createdAt);
    expect(jobs).toHaveLength(3);
    expect(new Set(jobs.map((job) => job.id)).size).toBe(3);
    expect(jobs.every((job) => job.status === 'completed')).toBe(true);
    expect(jobs[0].finishedAt).toBeDefined();
    expect(jobs[1].createdAt).toBeLessThan(jobs[0].finishedAt!);
    expect(jobs[2].createdAt).toBeLessThan(jobs[0].finishedAt!);
  });

  it('Ctrl-C during -n 2 on fal cancels both jobs and reports each', async () => {
    const prompt = `two long rivers [emulator:duration=30000] ${randomUUID()}`;
    const controller = new AbortController();
    // Ctrl-C once both jobs exist
    const stdout = collector((printed) => printed.split('\n').length > 2 && controller.abort());
    const result = await run(
      ['generate', prompt, '--emulate', '-n', '2', '--json', '--out', join(temp.path, 'rivers.mp4')],
      {
        signal: controller.signal,
        stdout,
      },
    );
    expect(result.code).toBe(EXIT_CODES.interrupted);
    expectNoStack(result.stderr);
    const jobs = emulator.server.emulator.jobs.list({ api: 'fal' }).filter((entry) => entry.prompt === prompt);
    expect(jobs).toHaveLength(2);
    for (const job of jobs) {
      expect(job.status).toBe('cancelled');
      expect(requestsTo(emulator.server, 'fal', 'cancel').filter((entry) => entry.jobId === job.id)).toHaveLength(1);
      expect(result.stderr).toContain(`cancelled job ${job.id} at fal`);
    }
    expect(result.stderr).toMatch(/^\[1\/2\] Interrupted: cancelled job/m);
    expect(result.stderr).toMatch(/^\[2\/2\] Interrupted: cancelled job/m);
    expect(result.stderr).toMatch(/^Interrupted: 2 of 2 videos not saved/m);
    expect(await readdir(temp.path)).not.toContain('rivers-1.mp4');
  });

  it('-n 2 with one failed job: the other is not cancelled, it is saved; exit 4', async () => {
    emulator.server.emulator.jobs.next({ outcome: 'failed', errorMessage: 'e2e: refused one of two' }, { api: 'fal' });
    const prompt = `two clouds ${randomUUID()}`;
    const result = await run(['generate', prompt, '--emulate', '-n', '2', '--out', join(temp.path, 'clouds.mp4')]);
    expect(result.code).toBe(EXIT_CODES.jobFailed);
    expectNoStack(result.stderr);
    expect(result.stderr).toMatch(/^error: \[\d\/2\] .*e2e: refused one of two/m);
    expect(result.stderr).toMatch(/^error: 1 of 2 videos not saved \(1 saved\)/m);
    const saved = result.stdout.trim().split('\n');
    expect(saved).toHaveLength(1);
    await parseMp4File(saved[0]);
    const jobs = emulator.server.emulator.jobs.list({ api: 'fal' }).filter((entry) => entry.prompt === prompt);
    expect(jobs.map((job) => job.status).sort()).toEqual(['completed', 'failed']);
  });

  it('resume reads the job from stdin with -', async () => {
    const generated = await run([
      'generate',
      `a meadow ${randomUUID()}`,
      '--emulate',
      '--json',
      '-o',
      join(temp.path, 'meadow.mp4'),
    ]);
    expect(generated.code).toBe(EXIT_CODES.ok);
    const stderr = collector();
    const stdout = collector();
    const out = join(temp.path, 'meadow-again.mp4');
    const code = await runCli(['resume', '-', '--emulate', '--out', out], {
      stdout,
      stderr,
      env: {},
      emulator: emulator.server,
      stdin: (async function* () {
        yield Buffer.from(generated.stdout);
      })(),
    });
    expect(stderr.text()).toContain('Saved');
    expect(code).toBe(EXIT_CODES.ok);
    await parseMp4File(out);
  });

  it('a failed job: exit code 4 and the provider message', async () => {
    emulator.server.emulator.jobs.next(
      { outcome: 'failed', errorMessage: 'e2e: the model refused this one' },
      { api: 'openrouter' },
    );
    const result = await run([
      'generate',
      `a storm ${randomUUID()}`,
      '--emulate',
      '-m',
      'openrouter:google/veo-3.1-fast',
      '-o',
      join(temp.path, 'failed.mp4'),
    ]);
    expect(result.code).toBe(EXIT_CODES.jobFailed);
    expect(result.stderr).toMatch(/^error: .*e2e: the model refused this one/m);
    expectNoStack(result.stderr);
    expect(await readdir(temp.path)).not.toContain('failed.mp4');
  });

  it('a wait that times out: exit 5, the job saved for resume, and resume finishes it', async () => {
    const prompt = `a glacier [emulator:duration=5000] ${randomUUID()}`;
    const out = join(temp.path, 'glacier.mp4');
    const result = await run([
      'generate',
      prompt,
      '--emulate',
      '-m',
      'google:veo-3.1-fast-generate-preview',
      '--timeout',
      '1s',
      '-o',
      out,
    ]);
    expect(result.code).toBe(EXIT_CODES.timeout);
    // a CLI command with the emulator it needs, never an SDK call
    expect(result.stderr).toMatch(
      /Job \S+ keeps running, resume with: videogen resume \S+glacier\.job\.json --emulate http:\/\/127\.0\.0\.1:\d+\n/,
    );
    expect(result.stderr).not.toMatch(/waitForVideo|error\.job/);
    expectNoStack(result.stderr);
    const resumed = await run(['resume', join(temp.path, 'glacier.job.json'), '--emulate', '-o', out]);
    expect(resumed.code).toBe(EXIT_CODES.ok);
    // nothing is submitted on resume, so nothing says so
    expect(resumed.stderr).toMatch(/^google:veo-3\.1-fast-generate-preview: waiting for job \S+\n/);
    expect(resumed.stderr).not.toMatch(/submitting|created/);
    await parseMp4File(out);
    expect(
      emulator.server.emulator.jobs.list({ api: 'google' }).filter((entry) => entry.prompt === prompt),
    ).toHaveLength(1);
  });

  it("a provider error: the provider's own message, exit 1, one line", async () => {
    emulator.server.emulator.injectFault({
      api: 'openai',
      route: 'create',
      fault: {
        type: 'http-error',
        status: 400,
        body: {
          error: {
            message: 'Your request was rejected by the e2e test.',
            type: 'invalid_request_error',
            param: null,
            code: 'e2e_rejected',
          },
        },
      },
      times: 1,
    });
    const result = await run(['generate', `a cat ${randomUUID()}`, '--emulate', '-m', 'openai:sora-2', '-q']);
    expect(result.code).toBe(EXIT_CODES.error);
    expect(result.stderr).toMatch(/^error: API error \(HTTP 400\): .*Your request was rejected by the e2e test\./m);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('missing key: names the environment variable, exit 3, no request sent', async () => {
    const before = emulator.server.emulator.requests.length;
    const result = await run(['generate', 'a cat', '--model', 'openai:sora-2'], { env: {} });
    expect(result.code).toBe(EXIT_CODES.missingKey);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toContain('OPENAI_API_KEY');
    expect(result.stderr).toContain('--emulate');
    expectNoStack(result.stderr);
    expect(emulator.server.emulator.requests.length).toBe(before);

    const google = await run(['generate', 'a cat', '--model', 'google:veo-3.1-generate-preview'], { env: {} });
    expect(google.code).toBe(EXIT_CODES.missingKey);
    expect(google.stderr).toContain('GEMINI_API_KEY');

    const fal = await run(['generate', 'a cat'], { env: {} });
    expect(fal.code).toBe(EXIT_CODES.missingKey);
    expect(fal.stderr).toContain('FAL_KEY');
  });

  it('unknown provider or model: a one-line usage error, exit 2', async () => {
    const model = await run(['generate', 'a cat', '--emulate', '--model', 'openai:gpt-4o']);
    expect(model.code).toBe(EXIT_CODES.usage);
    expect(model.stderr).toMatch(/Unknown model "gpt-4o" for openai\. Known models: sora-2/);
    expect(model.stderr.trim().split('\n')).toHaveLength(1);

    const provider = await run(['generate', 'a cat', '--emulate', '--model', 'pika:gen-1']);
    expect(provider.code).toBe(EXIT_CODES.usage);
    expect(provider.stderr).toMatch(/Unknown provider "pika"/);

    const openrouter = await run(['generate', 'a cat', '--emulate', '--model', 'openrouter:acme/not-a-model']);
    expect(openrouter.code).toBe(EXIT_CODES.usage);
    expect(openrouter.stderr).toMatch(
      /Unknown model "acme\/not-a-model" for openrouter\. Known models: google\/veo-3\.1/,
    );
    expectNoStack(provider.stderr + model.stderr + openrouter.stderr);
  });

  it('bad flag values: named, one line, exit 2, nothing sent', async () => {
    const before = emulator.server.emulator.requests.length;
    const duration = await run(['generate', 'a cat', '--emulate', '--duration', 'abc']);
    expect(duration.code).toBe(EXIT_CODES.usage);
    expect(duration.stderr).toMatch(/--duration.*'abc'.*Expected a duration in seconds/);
    expect(duration.stderr.trim().split('\n')).toHaveLength(1);

    const ratio = await run(['generate', 'a cat', '--emulate', '--aspect-ratio', 'wide']);
    expect(ratio.code).toBe(EXIT_CODES.usage);
    expect(ratio.stderr).toMatch(/--aspect-ratio/);

    const count = await run(['generate', 'a cat', '--emulate', '--n', '0']);
    expect(count.code).toBe(EXIT_CODES.usage);

    const unknown = await run(['generate', 'a cat', '--emulate', '--durration', '8']);
    expect(unknown.code).toBe(EXIT_CODES.usage);
    expect(unknown.stderr).toMatch(/unknown option '--durration'/);

    const image = await run(['generate', 'a cat', '--emulate', '--image', join(temp.path, 'no-such-image.png')]);
    expect(image.code).toBe(EXIT_CODES.usage);
    expect(image.stderr).toMatch(/^error: --image: cannot read ".*no-such-image\.png" \(no such file\)\.$/m);

    const missing = await run(['generate']);
    expect(missing.code).toBe(EXIT_CODES.usage);
    expect(missing.stderr).toMatch(/missing required argument 'prompt'/);
    expect(emulator.server.emulator.requests.length).toBe(before);
  });

  it('image-to-video with a local file and first/last frames', async () => {
    const png = Buffer.from(
      'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==',
      'base64',
    );
    const first = join(temp.path, 'first.png');
    const last = join(temp.path, 'last.png');
    await writeFile(first, png);
    await writeFile(last, png);
    const out = join(temp.path, 'frames.mp4');
    const prompt = `a door opening ${randomUUID()}`;
    const result = await run([
      'generate',
      prompt,
      '--emulate',
      '-m',
      'fal:fal-ai/veo3.1/first-last-frame-to-video',
      '-i',
      first,
      '--last-frame',
      last,
      '-o',
      out,
    ]);
    expect(result.stderr).toContain('Saved');
    expect(result.code).toBe(EXIT_CODES.ok);
    await parseMp4File(out);
    const [job] = emulator.server.emulator.jobs.list({ api: 'fal' }).filter((entry) => entry.prompt === prompt);
    expect(job.request).toMatchObject({ first_frame_url: expect.any(String), last_frame_url: expect.any(String) });
  });

  it('a value the model cannot take is refused before anything is paid for', async () => {
    const before = requestsTo(emulator.server, 'openai', 'create').length;
    const result = await run(['generate', 'a cat', '--emulate', '-m', 'openai:sora-2', '--duration', '7']);
    expect(result.code).toBe(EXIT_CODES.usage);
    expect(result.stderr).toMatch(/duration/i);
    expectNoStack(result.stderr);
    expect(requestsTo(emulator.server, 'openai', 'create').length).toBe(before);
  });

  it('models lists capabilities; openrouter from the emulator listing', async () => {
    const fal = await run(['models', 'fal']);
    expect(fal.code).toBe(EXIT_CODES.ok);
    expect(fal.stdout).toMatch(/^MODEL\s+DURATIONS/m);
    expect(fal.stdout).toMatch(/fal:fal-ai\/veo3\.1\/fast\s+4,6,8s/);

    const openai = await run(['models', 'openai', '--json']);
    const listing = JSON.parse(openai.stdout) as Array<{ modelId: string; capabilities: { durations: number[] } }>;
    expect(listing.find((entry) => entry.modelId === 'sora-2')?.capabilities.durations).toEqual([4, 8, 12, 16, 20]);

    const openrouter = await run(['models', 'openrouter', '--emulate']);
    expect(openrouter.code).toBe(EXIT_CODES.ok);
    expect(openrouter.stdout).toContain('openrouter:google/veo-3.1-fast');

    const unknown = await run(['models', 'pika']);
    expect(unknown.code).toBe(EXIT_CODES.usage);
  });

  it('--help and --version exit 0', async () => {
    const help = await run(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('generate');
    expect(help.stdout).toContain('Exit codes');
    const version = await run(['--version']);
    expect(version.code).toBe(0);
    expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });
});
