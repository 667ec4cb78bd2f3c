import { stat, writeFile } from 'node:fs/promises';
import { resolve as resolvePath } from 'node:path';
import {
  cancelVideo,
  DEFAULT_MAX_CONCURRENCY,
  getVideoModelCapabilities,
  getVideoStatus,
  startVideo,
  VideoDownloadError,
  VideoJobAbortedError,
  VideoJobFailedError,
  VideoJobInterruptedError,
  VideoJobTimeoutError,
  type GenerateVideoPrompt,
  type SourceVideo,
  type SourceVideoOperation,
  type VideoJob,
} from '@videogen/core';
import { saveVideoFromJob } from '@videogen/core/node';
import type { SharedV3Warning, VideoModelV3 } from '@videogen/provider-spec';
import { DEFAULT_MAX_VIDEOS, validateVideoCount } from '@videogen/provider-utils';
import { startEmulator, type EmulatorServer } from '@videogen/emulator';
import { readImageInput, resolveResolution } from './args';
import { CliError, describeError, EXIT_CODES, isCancellation } from './errors';
import { formatBytes, formatSeconds, getJobId, safeFileNamePart } from './format';
import { readJobFile } from './job-file';
import { createMultiBar, ProgressReporter, type OutputStream } from './progress';
import { getProvider, parseModelSpec, type ProviderEntry } from './providers';
import { openTarget, type Target, type TargetOptions } from './target';
import { readSourceInput } from './source-video';

/** What a command runs with: its streams, environment and Ctrl-C signal. */
export type CommandContext = {
  stdout: OutputStream;
  stderr: OutputStream;
  env: Record<string, string | undefined>;
  /** Fires on Ctrl-C (SIGINT). */
  signal?: AbortSignal;
  /** For `-` job files. */
  stdin?: AsyncIterable<unknown>;
  /** Directory for default output files. Default: `process.cwd()`. */
  cwd?: string;
  /** An emulator already running in this process, used by `--emulate` instead of starting one. */
  emulator?: EmulatorServer;
  /** Custom fetch for every request (tests). */
  fetch?: typeof globalThis.fetch;
};

/** The default model when neither `--model` nor `VIDEOGEN_MODEL` is set. */
export const DEFAULT_MODEL = 'fal:fal-ai/veo3.1/fast';

export type GenerateOptions = TargetOptions & {
  model?: string;
  duration?: number;
  aspectRatio?: `${number}:${number}` | 'adaptive';
  resolution?: string;
  image?: string;
  lastFrame?: string;
  n?: number;
  seed?: number;
  audio?: boolean;
  out?: string;
  json?: boolean;
  quiet?: boolean;
  modelCheck?: boolean;
  maxRetries?: number;
  /**
   * Work on a video (`videogen extend` / `edit` / `remix` / `restyle`): `input` is a video file,
   * an http(s) URL or a job file. Default: none (a new video).
   */
  source?: { operation: SourceVideoOperation; input: string };
};

/** One saved video. */
export type SavedVideo = {
  provider: ProviderEntry['name'];
  modelId: string;
  job: VideoJob;
  jobId: string;
  path: string;
  bytes: number;
  /** Wall time from submission to the file being written, in ms. */
  durationMs: number;
  warnings: SharedV3Warning[];
};

/**
 * `videogen generate`: submits one job per video, prints each job as JSON
 * (with `--json`) as soon as it exists, waits with a live progress display
 * and streams each video to a file (memory does not grow with its size).
 */
export async function generateCommand(
  prompt: string,
  options: GenerateOptions,
  context: CommandContext,
): Promise<SavedVideo[]> {
  const source = options.source ? await readSourceInput(options.source.input, context.stdin) : undefined;
  // A video made here is worked on by the model that made it, unless --model says otherwise.
  const sourceModelSpec =
    source?.kind === 'job' ? `${getProvider(source.job.provider).name}:${source.job.modelId}` : undefined;
  const spec = options.model ?? sourceModelSpec ?? (context.env.VIDEOGEN_MODEL?.trim() || DEFAULT_MODEL);
  const { provider, modelId } = parseModelSpec(spec);
  // With a source video, core says whether the operation needs a prompt (before anything is paid for).
  if (prompt.trim() === '' && !options.image && !source) {
    throw new CliError(
      'The prompt is empty: say what the video should show, e.g. videogen generate "a red fox in snow".',
      EXIT_CODES.usage,
    );
  }
  const target = await openTarget(provider, options, context);
  let sourceTarget: Target | undefined;
  try {
    if (options.json && target.ephemeralEmulator) {
      context.stderr.write(
        `note: --emulate without a URL runs the emulator inside this command, so the job ends with it and its job file cannot be resumed. For jobs that outlive the command, start ${EMULATOR_COMMAND} in another terminal and pass --emulate ${DEFAULT_EMULATOR_URL}.\n`,
      );
    }
    if (options.modelCheck !== false)
      await provider.checkModel(modelId, target.connection, { abortSignal: context.signal });
    const model = provider.createModel(modelId, target.connection);
    const image = options.image !== undefined ? await readImageInput(options.image, '--image') : undefined;
    const lastFrame =
      options.lastFrame !== undefined ? await readImageInput(options.lastFrame, '--last-frame') : undefined;
    if (lastFrame !== undefined && image === undefined) {
      throw new CliError('--last-frame needs --image (the first frame).', EXIT_CODES.usage);
    }
    const promptValue: GenerateVideoPrompt =
      image !== undefined ? { text: prompt, image, ...(lastFrame !== undefined ? { lastFrame } : {}) } : prompt;
    let sourceVideo: SourceVideo | undefined;
    if (options.source && source?.kind === 'video') {
      sourceVideo = { operation: options.source.operation, video: source.video };
    } else if (options.source && source?.kind === 'job') {
      if (target.ephemeralEmulator) {
        throw new CliError(
          `--emulate without a URL starts a new, empty emulator that cannot know job ${getJobId(source.job)} (the emulator that made it ended with its command). Start ${EMULATOR_COMMAND} in another terminal, create the job with --emulate ${DEFAULT_EMULATOR_URL}, and pass the same --emulate ${DEFAULT_EMULATOR_URL} here.`,
          EXIT_CODES.usage,
        );
      }
      // The model that made the job, with its provider's key (or the emulator), so that core can
      // look its video up where the chosen model cannot take the job's own id.
      const jobProvider = getProvider(source.job.provider);
      if (jobProvider.name !== provider.name) sourceTarget = await openTarget(jobProvider, options, context);
      sourceVideo = {
        operation: options.source.operation,
        video: source.job,
        model: jobProvider.createModel(source.job.modelId, (sourceTarget ?? target).connection),
      };
    }

    const count = options.n ?? 1;
    if (count > 1) {
      // One job per video, so core sees n = 1 each time: the bound of n is checked here, once, before any job.
      const capabilities = await getVideoModelCapabilities(model, context.signal);
      validateVideoCount({ n: count, max: capabilities?.maxVideos ?? DEFAULT_MAX_VIDEOS, model, per: 'generation' });
    }
    const multiBar = count > 1 ? createMultiBar(context.stderr, { quiet: options.quiet }) : undefined;

    /** One video: submit (the job JSON is printed as soon as it exists), wait, stream it to its file. */
    const runOne = async (index: number, reporter: ProgressReporter): Promise<SavedVideo> => {
      const startedAt = Date.now();
      let job: VideoJob;
      let warnings: SharedV3Warning[];
      try {
        ({ job, warnings } = await startVideo({
          model,
          prompt: promptValue,
          ...(options.duration !== undefined ? { duration: options.duration } : {}),
          ...(options.aspectRatio !== undefined ? { aspectRatio: options.aspectRatio } : {}),
          ...(options.resolution !== undefined
            ? { resolution: resolveResolution(options.resolution, options.aspectRatio) }
            : {}),
          ...(options.seed !== undefined ? { seed: options.seed } : {}),
          ...(options.audio !== undefined ? { generateAudio: options.audio } : {}),
          ...(options.maxRetries !== undefined ? { maxRetries: options.maxRetries } : {}),
          ...(sourceVideo !== undefined ? { sourceVideo } : {}),
          ...(target.download ? { download: target.download } : {}),
          abortSignal: context.signal,
        }));
      } catch (error) {
        reporter.stop();
        throw error;
      }
      if (options.json) reporter.print(context.stdout, `${JSON.stringify(job)}\n`);
      for (const warning of warnings) reporter.note(`warning: ${describeWarning(warning)}`);
      reporter.onEvent({ type: 'job-created', callIndex: 0, job });
      const jobId = getJobId(job);
      const path = resolvePath(
        context.cwd ?? process.cwd(),
        options.out !== undefined
          ? numbered(options.out, index, count)
          : `${provider.name}-${safeFileNamePart(jobId)}.mp4`,
      );
      const result = await waitAndSave({
        model,
        job,
        path,
        provider,
        reporter,
        target,
        context,
        maxRetries: options.maxRetries,
      });
      reporter.note(
        `Saved ${path} (${formatBytes(result.bytes)}) from ${provider.label} job ${jobId} in ${formatSeconds(Date.now() - startedAt)}.`,
      );
      if (!options.json) reporter.print(context.stdout, `${path}\n`);
      return {
        provider: provider.name,
        modelId,
        job,
        jobId,
        path,
        bytes: result.bytes,
        durationMs: Date.now() - startedAt,
        warnings: [...warnings, ...result.warnings],
      };
    };

    if (count === 1) {
      const reporter = new ProgressReporter(context.stderr, `${provider.name}:${modelId}`, {
        quiet: options.quiet,
        signal: context.signal,
      });
      return [await runOne(0, reporter)];
    }

    // -n: the jobs run at once (at most DEFAULT_MAX_CONCURRENCY at a time), each with its own progress
    // line, file and outcome. When one fails, the jobs already submitted run on and are saved (they are
    // paid for), no further job is submitted, and the command ends with the first failure's exit code.
    // Ctrl-C aborts every job and says, per job, whether it was cancelled.
    try {
      const saved: Array<SavedVideo | undefined> = new Array(count);
      const failures: Array<{ index: number; message: string; exitCode: number }> = [];
      let next = 0;
      const worker = async () => {
        while (failures.length === 0 && !context.signal?.aborted && next < count) {
          const index = next++;
          const label = `${provider.name}:${modelId} [${index + 1}/${count}]`;
          const reporter = new ProgressReporter(context.stderr, label, {
            quiet: options.quiet,
            multiBar,
            signal: context.signal,
          });
          try {
            saved[index] = await runOne(index, reporter);
          } catch (error) {
            reporter.stop();
            const { message, exitCode } = describeError(error);
            failures.push({ index, message, exitCode });
            reporter.note(
              exitCode === EXIT_CODES.interrupted
                ? `[${index + 1}/${count}] ${message}`
                : `error: [${index + 1}/${count}] ${message}`,
            );
          }
        }
      };
      await Promise.all(Array.from({ length: Math.min(DEFAULT_MAX_CONCURRENCY, count) }, worker));
      const done = saved.filter((video): video is SavedVideo => video !== undefined);
      if (failures.length > 0 || context.signal?.aborted) {
        const interrupted = context.signal?.aborted === true;
        const exitCode = interrupted ? EXIT_CODES.interrupted : failures[0].exitCode;
        const notSaved = count - done.length;
        throw new CliError(
          `${interrupted ? 'Interrupted: ' : ''}${notSaved} of ${count} videos not saved (${done.length} saved); see the lines above for each job.`,
          exitCode,
        );
      }
      return done;
    } finally {
      if (multiBar?.isActive) {
        multiBar.update();
        multiBar.stop();
      }
    }
  } finally {
    await sourceTarget?.close();
    await target.close();
  }
}

export type ResumeOptions = TargetOptions & { out?: string; quiet?: boolean; maxRetries?: number };

/** `videogen resume job.json`: waits for a job started earlier and saves its video. */
export async function resumeCommand(
  jobFile: string,
  options: ResumeOptions,
  context: CommandContext,
): Promise<SavedVideo> {
  return await withJobFile(jobFile, options, context, async ({ job, provider, target, model, jobId }) => {
    const path = resolvePath(
      context.cwd ?? process.cwd(),
      options.out ?? `${provider.name}-${safeFileNamePart(jobId)}.mp4`,
    );
    const startedAt = Date.now();
    // The job exists: nothing is submitted, the display starts by waiting for it.
    const reporter = new ProgressReporter(context.stderr, `${provider.name}:${job.modelId}`, {
      quiet: options.quiet,
      signal: context.signal,
      job,
    });
    const result = await waitAndSave({
      model,
      job,
      path,
      provider,
      reporter,
      target,
      context,
      maxRetries: options.maxRetries,
    });
    context.stderr.write(`Saved ${path} (${formatBytes(result.bytes)}) from ${provider.label} job ${jobId}.\n`);
    context.stdout.write(`${path}\n`);
    return {
      provider: provider.name,
      modelId: job.modelId,
      job,
      jobId,
      path,
      bytes: result.bytes,
      durationMs: Date.now() - startedAt,
      warnings: result.warnings,
    };
  });
}

/** `videogen status job.json`: asks once where a job stands. Returns the exit code. */
export async function statusCommand(
  jobFile: string,
  options: TargetOptions & { json?: boolean },
  context: CommandContext,
): Promise<number> {
  return await withJobFile(jobFile, options, context, async ({ job, provider, target, model, jobId }) => {
    const status = await getVideoStatus({ model, job, abortSignal: context.signal, download: target.download });
    if (options.json) {
      const cancelled = status.status === 'failed' && isCancellation(status.error);
      const base = { status: status.status, provider: provider.name, modelId: job.modelId, jobId, cancelled };
      const detail =
        status.status === 'pending'
          ? { providerStatus: status.providerStatus, progress: status.progress, queuePosition: status.queuePosition }
          : status.status === 'completed'
            ? {
                videos: status.videos.map((video) => ({
                  type: video.type,
                  mediaType: video.mediaType,
                  ...(video.type === 'url' && /^https?:/.test(video.url) ? { url: video.url } : {}),
                })),
              }
            : {
                error: {
                  message: status.error.providerMessage,
                  code: status.error.code,
                  contentFiltered: status.error.contentFiltered,
                },
              };
      context.stdout.write(`${JSON.stringify({ ...base, ...detail })}\n`);
    } else if (status.status === 'pending') {
      const parts = [status.providerStatus ?? 'pending'];
      if (status.progress !== undefined) parts.push(`${Math.round(status.progress)}%`);
      if (status.queuePosition !== undefined) parts.push(`queue position ${status.queuePosition}`);
      context.stdout.write(`${provider.name} job ${jobId}: ${parts.join(', ')}\n`);
    } else if (status.status === 'completed') {
      context.stdout.write(
        `${provider.name} job ${jobId}: completed (${status.videos.length} video${status.videos.length === 1 ? '' : 's'}); save it with: ${resumeCommandLine(jobFile, target)}\n`,
      );
    } else if (isCancellation(status.error)) {
      context.stdout.write(`${provider.name} job ${jobId}: cancelled\n`);
    } else {
      context.stdout.write(`${provider.name} job ${jobId}: failed: ${status.error.message}\n`);
    }
    return status.status === 'failed' ? EXIT_CODES.jobFailed : EXIT_CODES.ok;
  });
}

/** `videogen cancel job.json`. Returns the exit code. */
export async function cancelCommand(jobFile: string, options: TargetOptions, context: CommandContext): Promise<number> {
  return await withJobFile(jobFile, options, context, async ({ job, provider, target, model, jobId }) => {
    if (typeof model.doCancel !== 'function') {
      throw new CliError(
        `${provider.label} cannot cancel jobs; job ${jobId} keeps running (and is billed).`,
        EXIT_CODES.error,
      );
    }
    // A job that already ended cannot be cancelled, and providers answer that cancel with a success
    // (fal: ALREADY_COMPLETED): ask first, so the command says what really happened.
    const before = await getVideoStatus({ model, job, abortSignal: context.signal, download: target.download });
    if (before.status === 'completed') {
      context.stdout.write(
        `Job ${jobId} had already completed at ${provider.label}; nothing to cancel. Save it with: ${resumeCommandLine(jobFile, target)}\n`,
      );
      return EXIT_CODES.ok;
    }
    if (before.status === 'failed') {
      context.stdout.write(
        isCancellation(before.error)
          ? `Job ${jobId} was already cancelled at ${provider.label}.\n`
          : `Job ${jobId} had already failed at ${provider.label}; nothing to cancel.\n`,
      );
      return EXIT_CODES.ok;
    }
    await cancelVideo({ model, job, abortSignal: context.signal });
    context.stdout.write(`Cancelled job ${jobId} at ${provider.label}.\n`);
    return EXIT_CODES.ok;
  });
}

/**
 * Reads a job file, connects to its provider (or the emulator) and runs
 * `use` with the job's model; the connection is closed afterwards.
 */
async function withJobFile<T>(
  jobFile: string,
  options: TargetOptions,
  context: CommandContext,
  use: (opened: {
    job: VideoJob;
    provider: ProviderEntry;
    target: Target;
    model: VideoModelV3;
    jobId: string;
  }) => Promise<T>,
): Promise<T> {
  const job = await readJobFile(jobFile, context.stdin);
  const provider = getProvider(job.provider);
  const target = await openTarget(provider, options, context);
  try {
    if (target.ephemeralEmulator) {
      throw new CliError(
        `--emulate without a URL starts a new, empty emulator that cannot know job ${getJobId(job)} (the emulator that made it ended with its command). Start ${EMULATOR_COMMAND} in another terminal, create the job with --emulate ${DEFAULT_EMULATOR_URL}, and pass the same --emulate ${DEFAULT_EMULATOR_URL} here.`,
        EXIT_CODES.usage,
      );
    }
    return await use({
      job,
      provider,
      target,
      model: provider.createModel(job.modelId, target.connection),
      jobId: getJobId(job),
    });
  } finally {
    await target.close();
  }
}

export type EmulatorOptions = {
  /** Default: {@link DEFAULT_EMULATOR_PORT} (8787); 0 picks a free port. */
  port?: number;
  /** Default: `127.0.0.1`. */
  host?: string;
};

/**
 * `videogen emulator`: runs the local emulator until Ctrl-C, so that jobs made
 * with `--emulate <url>` outlive the command that made them (`status`,
 * `resume`, `cancel` from another command).
 */
export async function emulatorCommand(options: EmulatorOptions, context: CommandContext): Promise<void> {
  const port = options.port ?? DEFAULT_EMULATOR_PORT;
  let server: EmulatorServer;
  try {
    server = await startEmulator({ host: options.host ?? '127.0.0.1', port });
  } catch (error) {
    if ((error as { code?: string }).code === 'EADDRINUSE') {
      throw new CliError(
        `Port ${port} is in use (another emulator?): pass --port <another>, or --port 0 for a free one.`,
        EXIT_CODES.usage,
      );
    }
    throw error;
  }
  try {
    context.stdout.write(
      `videogen emulator listening on ${server.url} (Ctrl-C stops it, and its jobs with it)\n\n` +
        `From another terminal:\n` +
        `  videogen generate "a red fox in snow" --emulate ${server.url} --json > job.json\n` +
        `  videogen status job.json --emulate ${server.url}\n` +
        `  videogen resume job.json --emulate ${server.url} --out fox.mp4\n`,
    );
    const signal = context.signal;
    if (signal && !signal.aborted) {
      await new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
    }
  } finally {
    await server.close();
  }
  context.stderr.write('Emulator stopped.\n');
}

/** `videogen models [provider]` lives in its own file. */
export { modelsCommand } from './models-command';

/** Waits for a job and streams its video to `path`; on Ctrl-C, timeout or interruption, says what happened to the job. */
async function waitAndSave({
  model,
  job,
  path,
  provider,
  reporter,
  target,
  context,
  maxRetries,
}: {
  model: VideoModelV3;
  job: VideoJob;
  path: string;
  provider: ProviderEntry;
  reporter: ProgressReporter;
  target: Target;
  context: CommandContext;
  maxRetries?: number;
}): Promise<{ bytes: number; warnings: SharedV3Warning[] }> {
  try {
    const result = await saveVideoFromJob({
      model,
      job,
      path,
      poll: target.poll,
      ...(target.download ? { download: target.download } : {}),
      ...(maxRetries !== undefined ? { maxRetries } : {}),
      onProgress: reporter.onEvent,
      abortSignal: context.signal,
    });
    const bytes = result.files[0]?.bytes ?? (await stat(path)).size;
    reporter.saved(bytes);
    return { bytes, warnings: result.warnings };
  } catch (error) {
    reporter.stop();
    const jobId = getJobId(job);
    if (VideoJobAbortedError.isInstance(error) || context.signal?.aborted) {
      const cancellation = VideoJobAbortedError.isInstance(error)
        ? await Promise.race([
            error.cancellation,
            new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), 15_000).unref()),
          ])
        : 'not-requested';
      if (cancellation === 'cancelled') {
        throw new CliError(`Interrupted: cancelled job ${jobId} at ${provider.label}.`, EXIT_CODES.interrupted);
      }
      const jobFile = await saveJobFile(job, path);
      const why =
        cancellation === 'unsupported'
          ? `${provider.label} cannot cancel jobs`
          : cancellation === 'failed'
            ? `cancelling at ${provider.label} failed`
            : cancellation === 'timeout'
              ? `${provider.label} did not confirm the cancel in time`
              : 'the job was not cancelled';
      throw new CliError(
        `Interrupted: ${why}; ${jobHint({ jobId, jobFile, target, state: 'keeps running', verb: 'resume' })}`,
        EXIT_CODES.interrupted,
      );
    }
    if (VideoJobTimeoutError.isInstance(error) || VideoJobInterruptedError.isInstance(error)) {
      const jobFile = await saveJobFile(job, path);
      const { message } = describeError(error);
      throw new CliError(
        `${message} ${capitalize(jobHint({ jobId, jobFile, target, state: 'keeps running', verb: 'resume' }))}`,
        EXIT_CODES.timeout,
      );
    }
    if (VideoJobFailedError.isInstance(error)) throw error;
    // Any other failure after the job was accepted (a download that kept failing, a full disk …):
    // the job is paid, so keep it resumable.
    const jobFile = await saveJobFile(job, path);
    const { message, exitCode } = describeError(error);
    throw new CliError(
      VideoDownloadError.isInstance(error)
        ? `${message} ${capitalize(jobHint({ jobId, jobFile, target, state: 'is complete and paid', verb: 'download it again' }))}`
        : `${message} ${capitalize(jobHint({ jobId, jobFile, target, state: 'was accepted', verb: 'resume it' }))}`,
      exitCode,
    );
  }
}

/** How to start the emulator so that its jobs outlive a command. */
const EMULATOR_COMMAND = '`videogen emulator`';
/** Where `videogen emulator` listens by default. */
export const DEFAULT_EMULATOR_PORT = 8787;
const DEFAULT_EMULATOR_URL = `http://127.0.0.1:${DEFAULT_EMULATOR_PORT}`;

/** `videogen resume job.json`, with the `--emulate <url>` of the emulator the job was made on. */
function resumeCommandLine(jobFile: string, target: Target): string {
  return `videogen resume ${jobFile}${target.emulatorURL ? ` --emulate ${target.emulatorURL}` : ''}`;
}

/**
 * `job <id> <state>, <verb> with: videogen resume job.json [--emulate <url>]`;
 * for an emulator started inside this command, that the job ended with it.
 */
function jobHint({
  jobId,
  jobFile,
  target,
  state,
  verb,
}: {
  jobId: string;
  jobFile: string;
  target: Target;
  state: string;
  verb: string;
}): string {
  if (target.ephemeralEmulator) {
    return `job ${jobId} ended with the emulator this command started, so it cannot be resumed (to keep emulated jobs, start ${EMULATOR_COMMAND} in another terminal and use --emulate ${DEFAULT_EMULATOR_URL}).`;
  }
  return `job ${jobId} ${state}, ${verb} with: ${resumeCommandLine(jobFile, target)}`;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Writes the job next to the video (`x.mp4` → `x.job.json`) so it can be resumed. */
async function saveJobFile(job: VideoJob, videoPath: string): Promise<string> {
  const file = videoPath.replace(/\.[^./\\]*$/, '') + '.job.json';
  try {
    await writeFile(file, `${JSON.stringify(job)}\n`);
    return file;
  } catch {
    return `<(echo '${JSON.stringify(job)}')`;
  }
}

function numbered(path: string, index: number, count: number): string {
  if (count === 1) return path;
  const match = /^(.*?)(\.[^./\\]*)?$/.exec(path)!;
  return `${match[1]}-${index + 1}${match[2] ?? ''}`;
}

function describeWarning(warning: SharedV3Warning): string {
  const record = warning as Record<string, unknown>;
  if (record.type === 'unsupported') {
    return `${String(record.feature)} is not supported${record.details ? `: ${String(record.details)}` : ''}`;
  }
  return String(record.message ?? record.details ?? JSON.stringify(warning));
}
