import { randomUUID } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { EXIT_CODES, runCli } from '../../packages/cli/src/index';
import { collector, parseMp4File, requestsTo, useEmulator, useTempDir } from './helpers';

vi.setConfig({ testTimeout: 60_000, hookTimeout: 30_000 });

// Input checks before anything is paid for, what `cancel`/`status` say about a cancelled job, and the
// emulator flow in which a job outlives the command that made it (`videogen emulator` + --emulate <url>).
describe('videogen CLI: checks, cancelled jobs, a running emulator', () => {
  const emulator = useEmulator();
  const temp = useTempDir();

  async function run(
    argv: string[],
    options: { signal?: AbortSignal; stdout?: ReturnType<typeof collector>; inProcess?: boolean } = {},
  ) {
    const stdout = options.stdout ?? collector();
    const stderr = collector();
    const code = await runCli(argv, {
      stdout,
      stderr,
      env: {},
      signal: options.signal,
      cwd: temp.path,
      // inProcess: no emulator is passed in, so `--emulate` starts one inside the command
      ...(options.inProcess ? {} : { emulator: emulator.server }),
    });
    return { code, stdout: stdout.text(), stderr: stderr.text() };
  }

  it('an OpenAI model id OpenAI does not have (sora-9) is a usage error, exit 2, before any request', async () => {
    const before = emulator.server.emulator.requests.length;
    const result = await run(['generate', 'a cat', '--emulate', '-m', 'openai:sora-9']);
    expect(result.code).toBe(EXIT_CODES.usage);
    expect(result.stderr).toMatch(/^error: Unknown model "sora-9" for openai\. Known models: sora-2, sora-2-pro/);
    expect(result.stderr).toContain('--no-model-check');
    expect(emulator.server.emulator.requests.length).toBe(before);

    const google = await run(['generate', 'a cat', '--emulate', '-m', 'google:veo-9']);
    expect(google.code).toBe(EXIT_CODES.usage);
    expect(emulator.server.emulator.requests.length).toBe(before);
  });

  it('--image with a file that is not an image (a job file, a video) is a usage error, exit 2, nothing sent', async () => {
    const jobFile = join(temp.path, 'not-an-image.json');
    await writeFile(jobFile, '{"specificationVersion":"v3","provider":"fal.video","modelId":"x","operation":{}}\n');
    const mp4 = join(temp.path, 'clip.mp4');
    expect((await run(['generate', 'a clip', '--emulate', '-q', '-o', mp4])).code).toBe(EXIT_CODES.ok);

    const before = emulator.server.emulator.requests.length;
    const json = await run(['generate', 'a door opening', '--emulate', '--image', jobFile]);
    expect(json.code).toBe(EXIT_CODES.usage);
    expect(json.stderr).toBe(
      `error: --image: "${jobFile}" is not an image; expected an image file (PNG, JPEG, WebP, GIF …) or an http(s) URL.\n`,
    );
    const video = await run(['generate', 'a door opening', '--emulate', '--image', mp4]);
    expect(video.code).toBe(EXIT_CODES.usage);
    expect(video.stderr).toContain(`--image: "${mp4}" is a video/mp4 file; expected an image file`);
    const last = await run(['generate', 'a door opening', '--emulate', '--image', mp4, '--last-frame', jobFile]);
    expect(last.code).toBe(EXIT_CODES.usage);
    expect(emulator.server.emulator.requests.length).toBe(before);
  });

  it("every model id in the OpenRouter README's examples is in the emulator's listing and generates", async () => {
    const readme = await readFile(resolve(__dirname, '../../packages/openrouter/README.md'), 'utf8');
    const ids = new Set<string>();
    for (const match of readme.matchAll(/openrouter\.video\('([^']+)'\)/g)) ids.add(match[1]);
    // the prose list: (`google/veo-3.1`, `bytedance/seedance-2.0`, …)
    const prose = /The model ids in `OpenRouterVideoModelId` \(([^)]*)\)/.exec(readme);
    expect(prose).not.toBeNull();
    for (const match of prose![1].matchAll(/`([\w.-]+\/[\w.-]+)`/g)) ids.add(match[1]);
    expect(ids.size).toBeGreaterThanOrEqual(4);
    for (const id of ids) {
      const result = await run(['generate', `a city at night ${randomUUID()}`, '--emulate', '-m', `openrouter:${id}`]);
      expect({ id, code: result.code, stderr: result.code === 0 ? '' : result.stderr }).toStrictEqual({
        id,
        code: EXIT_CODES.ok,
        stderr: '',
      });
      await parseMp4File(result.stdout.trim());
    }
  });

  it('a cancelled fal job: status says cancelled, a second cancel says it already was, resume says cancelled', async () => {
    const controller = new AbortController();
    // Ctrl-C as soon as the job is printed: the CLI cancels it at fal
    const stdout = collector((printed) => printed.includes('\n') && controller.abort());
    const prompt = `a long river [emulator:duration=30000] ${randomUUID()}`;
    const generated = await run(['generate', prompt, '--emulate', '--json', '-q'], {
      signal: controller.signal,
      stdout,
    });
    expect(generated.code).toBe(EXIT_CODES.interrupted);
    const jobFile = join(temp.path, 'river.json');
    await writeFile(jobFile, generated.stdout);
    const [job] = emulator.server.emulator.jobs.list({ api: 'fal' }).filter((entry) => entry.prompt === prompt);
    expect(job.status).toBe('cancelled');

    const status = await run(['status', jobFile, '--emulate']);
    expect(status.stdout).toBe(`fal job ${job.id}: cancelled\n`);
    expect(status.code).toBe(EXIT_CODES.jobFailed);
    const statusJson = await run(['status', jobFile, '--emulate', '--json']);
    expect(JSON.parse(statusJson.stdout)).toMatchObject({ status: 'failed', cancelled: true });

    const cancels = requestsTo(emulator.server, 'fal', 'cancel').length;
    const again = await run(['cancel', jobFile, '--emulate']);
    expect(again.code).toBe(EXIT_CODES.ok);
    expect(again.stdout).toBe(`Job ${job.id} was already cancelled at fal.\n`);
    expect(requestsTo(emulator.server, 'fal', 'cancel').length).toBe(cancels);

    const resumed = await run(['resume', jobFile, '--emulate', '-q']);
    expect(resumed.code).toBe(EXIT_CODES.jobFailed);
    expect(resumed.stderr).toBe('error: The video job was cancelled (fal.video, fal-ai/veo3.1/fast).\n');
  });

  it('cancel on a completed job says so and cancels nothing', async () => {
    const jobFile = join(temp.path, 'done.json');
    const made = await run(['generate', `a quick one ${randomUUID()}`, '--emulate', '--json', '-q']);
    expect(made.code).toBe(EXIT_CODES.ok);
    await writeFile(jobFile, made.stdout);
    const cancels = requestsTo(emulator.server, 'fal', 'cancel').length;
    const cancel = await run(['cancel', jobFile, '--emulate']);
    expect(cancel.code).toBe(EXIT_CODES.ok);
    expect(cancel.stdout).toMatch(
      new RegExp(
        `^Job \\S+ had already completed at fal; nothing to cancel\\. Save it with: videogen resume ${escapeRegExp(jobFile)} --emulate http://127\\.0\\.0\\.1:\\d+\\n$`,
      ),
    );
    expect(requestsTo(emulator.server, 'fal', 'cancel').length).toBe(cancels);
  });

  it('generate --json --emulate (emulator inside the command) says its job file cannot be resumed; resume --emulate refuses, exit 2', async () => {
    const made = await run(['generate', `a red fox ${randomUUID()}`, '--emulate', '--json', '-q'], { inProcess: true });
    expect(made.code).toBe(EXIT_CODES.ok);
    expect(made.stderr).toContain('note: --emulate without a URL runs the emulator inside this command');
    expect(made.stderr).toContain(
      'start `videogen emulator` in another terminal and pass --emulate http://127.0.0.1:8787',
    );
    const jobFile = join(temp.path, 'fox.json');
    await writeFile(jobFile, made.stdout.split('\n')[0]);
    const resumed = await run(['resume', jobFile, '--emulate'], { inProcess: true });
    expect(resumed.code).toBe(EXIT_CODES.usage);
    expect(resumed.stderr).toMatch(
      /^error: --emulate without a URL starts a new, empty emulator that cannot know job \S+/,
    );
  });

  it('the README flow: `videogen emulator`, generate --json --emulate <url> > job.json, then resume in another command', async () => {
    const stop = new AbortController();
    const emulatorOut = collector();
    const running = run(['emulator', '--port', '0'], { signal: stop.signal, stdout: emulatorOut, inProcess: true });
    try {
      const url = await new Promise<string>((found) => {
        const check = () => {
          const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(emulatorOut.text());
          if (match) found(match[1]);
          else setTimeout(check, 20);
        };
        check();
      });
      expect(emulatorOut.text()).toContain(`videogen resume job.json --emulate ${url}`);
      const made = await run(
        ['generate', `a paper boat [emulator:duration=1500] ${randomUUID()}`, '--emulate', url, '--json', '-q'],
        {
          inProcess: true,
        },
      );
      expect(made.code).toBe(EXIT_CODES.ok);
      expect(made.stderr).not.toContain('note:');
      const jobFile = join(temp.path, 'boat.json');
      await writeFile(jobFile, made.stdout.split('\n')[0]);
      const out = join(temp.path, 'boat.mp4');
      const resumed = await run(['resume', jobFile, '--emulate', url, '-o', out], { inProcess: true });
      expect(resumed.code).toBe(EXIT_CODES.ok);
      expect(resumed.stdout).toBe(`${out}\n`);
      await parseMp4File(out);
    } finally {
      stop.abort();
    }
    const stopped = await running;
    expect(stopped.code).toBe(EXIT_CODES.ok);
    expect(stopped.stderr).toBe('Emulator stopped.\n');
  });
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
