import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import {
  parseAspectRatio,
  parseCount,
  parseDuration,
  parseInterval,
  parseResolution,
  parseSeed,
  parseTimeout,
} from './args';
import {
  cancelCommand,
  DEFAULT_EMULATOR_PORT,
  DEFAULT_MODEL,
  emulatorCommand,
  generateCommand,
  modelsCommand,
  resumeCommand,
  statusCommand,
  type CommandContext,
  type GenerateOptions,
} from './commands';
import { SOURCE_VIDEO_COMMANDS } from './source-video';
import { PROVIDER_NAMES } from './providers';
import { describeError, EXIT_CODES } from './errors';
import type { OutputStream } from './progress';
import { VERSION } from './version';

/** How {@link runCli} talks to the world; every field has a default from `process`. */
export type RunCliOptions = Partial<CommandContext>;

/**
 * Runs the `videogen` command with `argv` (the arguments after the program
 * name) and resolves with the exit code. Never calls `process.exit` and never
 * throws: errors become a one-line message on stderr and an exit code (see
 * {@link EXIT_CODES}).
 *
 * @example
 * const code = await runCli(['generate', 'a red fox in snow', '--emulate'], { stdout, stderr, env: {} });
 */
export async function runCli(argv: readonly string[], options: RunCliOptions = {}): Promise<number> {
  const context: CommandContext = {
    stdout: options.stdout ?? process.stdout,
    stderr: options.stderr ?? process.stderr,
    env: options.env ?? process.env,
    signal: options.signal,
    stdin: options.stdin ?? (options.stdout || options.stderr ? undefined : process.stdin),
    cwd: options.cwd,
    emulator: options.emulator,
    fetch: options.fetch,
  };
  let exitCode: number = EXIT_CODES.ok;
  const program = createProgram(context, (code) => {
    exitCode = code;
  });
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      // help and --version end with code 0; usage errors were already printed by commander
      return error.exitCode === 0 ? EXIT_CODES.ok : EXIT_CODES.usage;
    }
    const { message, exitCode: code } = describeError(error);
    // Ctrl-C is the user's choice, not an error: say what happened to the job, plainly.
    context.stderr.write(code === EXIT_CODES.interrupted ? `${message}\n` : `error: ${message}\n`);
    if (context.env.VIDEOGEN_DEBUG && error instanceof Error && error.stack) context.stderr.write(`${error.stack}\n`);
    return code;
  }
}

function createProgram(context: CommandContext, setExitCode: (code: number) => void): Command {
  const program = new Command('videogen');
  program
    .description('Generate videos with OpenAI, Google Veo, fal and OpenRouter — or the local emulator, with no key.')
    .version(VERSION, '-v, --version')
    .exitOverride()
    .configureOutput({
      writeOut: (text) => void context.stdout.write(text),
      writeErr: (text) => void context.stderr.write(text),
    })
    .showSuggestionAfterError(true)
    .addHelpText(
      'after',
      `
Examples:
  $ videogen generate "a red fox running through snow" --emulate
  $ videogen generate "a lighthouse at dusk" --model openai:sora-2 --duration 8 --out lighthouse.mp4
  $ videogen generate "a paper boat" --model google:veo-3.1-fast-generate-preview --json > job.json
  $ videogen resume job.json --out boat.mp4
  $ videogen extend job.json "the boat drifts out to sea" --out boat-2.mp4
  $ videogen edit clip.mp4 "make it snow" --model xai:grok-imagine-video
  $ videogen models fal
  $ videogen emulator          # then, elsewhere: videogen generate "…" --emulate http://127.0.0.1:${DEFAULT_EMULATOR_PORT} --json > job.json

Keys: OPENAI_API_KEY, GEMINI_API_KEY (or GOOGLE_GENERATIVE_AI_API_KEY, GOOGLE_API_KEY), FAL_KEY, OPENROUTER_API_KEY.
Exit codes: 0 ok, 1 provider/network error, 2 usage, 3 missing key, 4 job failed, 5 timed out (resume it), 130 Ctrl-C.`,
    );

  const emulateOption = () =>
    new Option(
      '--emulate [url]',
      'use the local emulator (no key, no network); without a URL it runs inside this command and its jobs end with it; a URL uses a running `videogen emulator`',
    );
  const pollOption = () =>
    new Option('--poll-interval <time>', 'time between status requests (e.g. 2s)').argParser(parseInterval);

  /** The options of `generate`, shared by the commands that work on a video (extend, edit …). */
  const addGenerateOptions = (command: Command, { images }: { images: boolean }) => {
    const defaultModel = `$VIDEOGEN_MODEL or ${DEFAULT_MODEL}`;
    command
      .option(
        '-m, --model <provider:modelId>',
        `model, e.g. openai:sora-2, google:veo-3.1-generate-preview, fal:fal-ai/veo3.1/fast, openrouter:google/veo-3.1 (default: ${images ? defaultModel : `a job's own model, else ${defaultModel}`})`,
      )
      .option('-d, --duration <seconds>', 'duration in seconds', parseDuration)
      .option('-a, --aspect-ratio <W:H>', 'aspect ratio, e.g. 16:9 or 9:16', parseAspectRatio)
      .option('-r, --resolution <WxH>', 'resolution, e.g. 1280x720 (or 720p, 1080p, 4k)', parseResolution);
    if (images) {
      command
        .option('-i, --image <path|url>', 'start image (first frame)')
        .option('--last-frame <path|url>', 'end image (last frame), with --image');
    }
    return command
      .option(
        '-n, --n <count>',
        "number of videos, one job each, run at once (at most 4 at a time); if one fails, the others already running finish and are saved, no new one starts, and the exit code is the failure's",
        parseCount,
      )
      .option('--seed <integer>', 'seed, for models that take one', parseSeed)
      .option('--audio', 'generate audio, for models that can')
      .option('--no-audio', 'do not generate audio')
      .option('-o, --out <file>', 'output file (default: ./<provider>-<jobid>.mp4; with -n, numbered)')
      .option('--json', 'print the job as JSON on stdout as soon as it exists (for `videogen status`/`resume`)')
      .option('-t, --timeout <time>', 'longest wait for the job, e.g. 600, 90s, 10m (default 30m)', parseTimeout)
      .addOption(pollOption())
      .option(
        '--max-retries <count>',
        'retries of each request (never of a paid job)',
        (value) => parseCount(String(Number(value) + 1)) - 1,
      )
      .option('--no-model-check', 'send a model id the CLI does not know')
      .option('-q, --quiet', 'no progress display')
      .addOption(emulateOption());
  };
  const toGenerateOptions = (flags: Record<string, unknown>): GenerateOptions => ({
    model: flags.model as string | undefined,
    duration: flags.duration as number | undefined,
    aspectRatio: flags.aspectRatio as `${number}:${number}` | undefined,
    resolution: flags.resolution as string | undefined,
    image: flags.image as string | undefined,
    lastFrame: flags.lastFrame as string | undefined,
    n: flags.n as number | undefined,
    seed: flags.seed as number | undefined,
    audio: flags.audio as boolean | undefined,
    out: flags.out as string | undefined,
    json: flags.json === true,
    quiet: flags.quiet === true,
    modelCheck: flags.modelCheck !== false,
    timeoutMs: flags.timeout as number | undefined,
    pollIntervalMs: flags.pollInterval as number | undefined,
    maxRetries: flags.maxRetries as number | undefined,
    emulate: flags.emulate as boolean | string | undefined,
  });

  addGenerateOptions(
    program
      .command('generate')
      .description('generate a video and save it as an MP4')
      .argument('<prompt>', 'what the video should show'),
    { images: true },
  ).action(async (prompt: string, flags: Record<string, unknown>) => {
    await generateCommand(prompt, toGenerateOptions(flags), context);
  });

  // extend, edit, remix, restyle: generate with a source video (a file, a URL, or a job file).
  for (const [name, { operation, description }] of Object.entries(SOURCE_VIDEO_COMMANDS)) {
    addGenerateOptions(
      program
        .command(name)
        .description(`${description}, and save the result as an MP4`)
        .argument(
          '<video|job.json>',
          'a video file (MP4, MOV, WebM), an http(s) URL, or a job file from `generate --json` (- for stdin); a job is worked on by its own model unless --model says otherwise',
        )
        .argument('<prompt>', 'what to change or what happens next'),
      { images: false },
    ).action(async (input: string, prompt: string, flags: Record<string, unknown>) => {
      await generateCommand(prompt, { ...toGenerateOptions(flags), source: { operation, input } }, context);
    });
  }

  program
    .command('resume')
    .description('wait for a job printed by `generate --json` and save its video')
    .argument('<job.json>', 'the job file, or - for stdin')
    .option('-o, --out <file>', 'output file (default: ./<provider>-<jobid>.mp4)')
    .option('-t, --timeout <time>', 'longest wait for the job (default 30m)', parseTimeout)
    .addOption(pollOption())
    .option('-q, --quiet', 'no progress display')
    .addOption(emulateOption())
    .action(async (jobFile: string, flags: Record<string, unknown>) => {
      await resumeCommand(
        jobFile,
        {
          out: flags.out as string | undefined,
          quiet: flags.quiet === true,
          timeoutMs: flags.timeout as number | undefined,
          pollIntervalMs: flags.pollInterval as number | undefined,
          emulate: flags.emulate as boolean | string | undefined,
        },
        context,
      );
    });

  program
    .command('status')
    .description('ask once where a job stands (exit code 4 when it failed)')
    .argument('<job.json>', 'the job file, or - for stdin')
    .option('--json', 'print the status as JSON')
    .addOption(emulateOption())
    .action(async (jobFile: string, flags: Record<string, unknown>) => {
      setExitCode(
        await statusCommand(
          jobFile,
          { json: flags.json === true, emulate: flags.emulate as boolean | string | undefined },
          context,
        ),
      );
    });

  program
    .command('cancel')
    .description('cancel a job at the provider (where its API can)')
    .argument('<job.json>', 'the job file, or - for stdin')
    .addOption(emulateOption())
    .action(async (jobFile: string, flags: Record<string, unknown>) => {
      setExitCode(await cancelCommand(jobFile, { emulate: flags.emulate as boolean | string | undefined }, context));
    });

  program
    .command('models')
    .description('list models and what they accept')
    .argument('[provider]', `one of ${PROVIDER_NAMES.join(', ')} (default: all)`)
    .option('--json', 'print as JSON')
    .option('--refresh', 'ask APIs with a live model list again instead of the cached list')
    .addOption(emulateOption())
    .action(async (provider: string | undefined, flags: Record<string, unknown>) => {
      await modelsCommand(
        provider,
        {
          json: flags.json === true,
          refresh: flags.refresh === true,
          emulate: flags.emulate as boolean | string | undefined,
        },
        context,
      );
    });

  program
    .command('emulator')
    .description('run the local emulator until Ctrl-C, for jobs that outlive a command (--emulate <url>)')
    .option('-p, --port <port>', `port (default ${DEFAULT_EMULATOR_PORT}; 0 picks a free one)`, parsePort)
    .option('--host <host>', 'interface to listen on (default 127.0.0.1)')
    .action(async (flags: Record<string, unknown>) => {
      await emulatorCommand(
        { port: flags.port as number | undefined, host: flags.host as string | undefined },
        context,
      );
    });

  return program;
}

function parsePort(value: string): number {
  const port = Number(value);
  if (!/^\s*\d+\s*$/.test(value) || port > 65_535) {
    throw new InvalidArgumentError('Expected a port number from 0 to 65535.');
  }
  return port;
}

export type { OutputStream };
