import { randomUUID } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { collector, jobsOf, parseMp4File, requestsTo, useEmulator, useTempDir } from '../../../test/e2e/helpers';
import { EXIT_CODES, runCli } from './index';

// Generous: real HTTP, real timers, a busy CI machine. Never assert on durations.
vi.setConfig({ testTimeout: 60_000, hookTimeout: 30_000 });

describe('videogen extend / edit / remix / restyle', () => {
  const emulator = useEmulator();
  const temp = useTempDir();

  async function run(argv: string[]) {
    const stdout = collector();
    const stderr = collector();
    const code = await runCli(argv, { stdout, stderr, env: {}, cwd: temp.path, emulator: emulator.server });
    return { code, stdout: stdout.text(), stderr: stderr.text() };
  }

  it('generate, extend its job (the same model, the video by its URL), then edit the result file', async () => {
    const first = join(temp.path, 'fox.mp4');
    const firstPrompt = `a red fox in snow ${randomUUID()}`;
    const generated = await run([
      'generate',
      firstPrompt,
      '--emulate',
      '-m',
      'xai:grok-imagine-video',
      '-d',
      '3',
      '--json',
      '-o',
      first,
    ]);
    expect(generated.code, generated.stderr).toBe(EXIT_CODES.ok);
    const jobFile = join(temp.path, 'fox.job.json');
    await writeFile(jobFile, generated.stdout.split('\n')[0]);

    // extend job.json: no --model, so the job's own model; xAI takes the video by its public URL.
    const extended = join(temp.path, 'fox-2.mp4');
    const extendPrompt = `the fox leaps into a drift ${randomUUID()}`;
    const extension = await run(['extend', jobFile, extendPrompt, '-d', '3', '--emulate', '-o', extended]);
    expect(extension.code, extension.stderr).toBe(EXIT_CODES.ok);
    expect(extension.stdout.trim()).toBe(extended);
    await parseMp4File(extended);
    const [extendJob] = jobsOf(emulator.server, 'xai').filter((job) => job.prompt === extendPrompt);
    expect(requestsTo(emulator.server, 'xai', 'extension')).toHaveLength(1);
    expect(extendJob).toBeDefined();
    // The video of the job, by the URL xAI serves it from: nothing was downloaded or uploaded.
    const [sourceJob] = jobsOf(emulator.server, 'xai').filter((job) => job.prompt === firstPrompt);
    expect(extendJob.request.video).toStrictEqual({
      url: expect.stringMatching(
        new RegExp(`^http://(127\\.0\\.0\\.1|localhost):\\d+/xai-media/${sourceJob.id}\\.mp4$`),
      ),
    });

    // edit the saved file: the bytes go up as a data: URL.
    const edited = join(temp.path, 'fox-3.mp4');
    const editPrompt = `make it night ${randomUUID()}`;
    const edit = await run(['edit', extended, editPrompt, '--emulate', '-m', 'xai:grok-imagine-video', '-o', edited]);
    expect(edit.code, edit.stderr).toBe(EXIT_CODES.ok);
    await parseMp4File(edited);
    const [editJob] = jobsOf(emulator.server, 'xai').filter((job) => job.prompt === editPrompt);
    expect((editJob.request.video as { url: string }).url).toMatch(/^data:video\/mp4;base64,AAAA/);
  });

  it("extends another provider's job: the job's model finds its video, which goes to xAI", async () => {
    const falPrompt = `a paper boat ${randomUUID()}`;
    const generated = await run(['generate', falPrompt, '--emulate', '-m', 'fal:fal-ai/veo3.1/fast', '--json']);
    expect(generated.code, generated.stderr).toBe(EXIT_CODES.ok);
    const jobFile = join(temp.path, 'boat.job.json');
    await writeFile(jobFile, generated.stdout.split('\n')[0]);
    const extendPrompt = `the boat sails away ${randomUUID()}`;
    const out = join(temp.path, 'boat-2.mp4');
    const extension = await run([
      'extend',
      jobFile,
      extendPrompt,
      '--emulate',
      '-m',
      'xai:grok-imagine-video',
      '-o',
      out,
    ]);
    expect(extension.code, extension.stderr).toBe(EXIT_CODES.ok);
    await parseMp4File(out);
    const [extendJob] = jobsOf(emulator.server, 'xai').filter((job) => job.prompt === extendPrompt);
    const video = (extendJob.request.video as { url: string }).url;
    // fal's video is public (the fal model has no doDownload): its URL reaches xAI; nothing is downloaded.
    expect(video).toMatch(/^http:\/\/(127\.0\.0\.1|localhost):\d+\//);
    expect(emulator.server.emulator.requests.filter((entry) => entry.credentialLeak)).toStrictEqual([]);
  });

  it('refuses, before anything is paid for: an operation the model lacks, a model without source videos, a file that is no video', async () => {
    const clip = join(temp.path, 'clip.mp4');
    const made = await run([
      'generate',
      `a kite ${randomUUID()}`,
      '--emulate',
      '-m',
      'xai:grok-imagine-video',
      '-o',
      clip,
    ]);
    expect(made.code, made.stderr).toBe(EXIT_CODES.ok);
    const creates = () => jobsOf(emulator.server, 'xai').length + jobsOf(emulator.server, 'fal').length;
    const before = creates();

    const remix = await run(['remix', clip, 'x', '--emulate', '-m', 'xai:grok-imagine-video']);
    expect(remix.code).toBe(EXIT_CODES.usage);
    expect(remix.stderr).toContain(
      'xai.video model grok-imagine-video cannot remix a video (operations it supports: edit, extend).',
    );

    const fal = await run(['restyle', clip, 'in watercolour', '--emulate', '-m', 'fal:fal-ai/veo3.1/fast']);
    expect(fal.code).toBe(EXIT_CODES.usage);
    expect(fal.stderr).toContain('cannot restyle (video-to-video) a video; it takes no source video.');

    const notes = join(temp.path, 'notes.txt');
    await writeFile(notes, 'hello');
    const text = await run(['extend', notes, 'x', '--emulate', '-m', 'xai:grok-imagine-video']);
    expect(text.code).toBe(EXIT_CODES.usage);
    expect(text.stderr.trim()).toBe(
      `error: "${notes}" is no video; expected a video file (MP4, MOV, WebM), a job file from \`videogen generate --json\`, or an http(s) URL.`,
    );
    expect(creates()).toBe(before);
  });
});
