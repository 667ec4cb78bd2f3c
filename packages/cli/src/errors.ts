import {
  APICallError,
  DownloadTooLargeError,
  InvalidArgumentError,
  LoadAPIKeyError,
  NoSuchModelError,
  NoVideoGeneratedError,
  UnsupportedFunctionalityError,
  VideoDownloadError,
  VideoJobAbortedError,
  VideoJobFailedError,
  VideoJobInterruptedError,
  VideoJobTimeoutError,
} from '@videogen/provider-spec';

/**
 * Exit codes of the `videogen` command.
 *
 * | code | meaning |
 * | ---- | ------- |
 * | 0    | success |
 * | 1    | the provider or the network failed (API error; a download error after the job completed writes the job file to resume) |
 * | 2    | usage: a bad flag value, an unknown provider or model, an unreadable job file |
 * | 3    | a missing API key |
 * | 4    | the job failed at the provider (or a content filter blocked it) |
 * | 5    | the wait timed out or was interrupted; the job keeps running (resume it) |
 * | 130  | interrupted with Ctrl-C (the job was cancelled where the provider can) |
 */
export const EXIT_CODES = {
  ok: 0,
  error: 1,
  usage: 2,
  missingKey: 3,
  jobFailed: 4,
  timeout: 5,
  interrupted: 130,
} as const;

export type ExitCode = (typeof EXIT_CODES)[keyof typeof EXIT_CODES];

/** An error whose message is shown as it is (one line, no stack) with its exit code. */
export class CliError extends Error {
  readonly exitCode: number;
  constructor(message: string, exitCode: number = EXIT_CODES.error) {
    super(message);
    this.name = 'CliError';
    this.exitCode = exitCode;
  }
}

/** A one-line message and an exit code for any error a command can end with. */
export function describeError(error: unknown): { message: string; exitCode: number } {
  if (error instanceof CliError) return { message: error.message, exitCode: error.exitCode };
  if (VideoJobFailedError.isInstance(error)) {
    if (isCancellation(error)) {
      const where = error.job ? ` (${error.job.provider}, ${error.job.modelId})` : '';
      return { message: `The video job was cancelled${where}.`, exitCode: EXIT_CODES.jobFailed };
    }
    return { message: oneLine(error.message), exitCode: EXIT_CODES.jobFailed };
  }
  // The SDK's messages name SDK calls (waitForVideo({ job: error.job })); the command adds `videogen resume`.
  if (VideoJobTimeoutError.isInstance(error)) {
    const where = error.job ? ` (${error.job.provider}, ${error.job.modelId})` : '';
    return {
      message: `Timed out after ${formatWait(error.timeoutMs)} waiting for the video job${where}.`,
      exitCode: EXIT_CODES.timeout,
    };
  }
  if (VideoJobInterruptedError.isInstance(error)) {
    const cause = error.cause instanceof Error ? describeCause(error.cause) : String(error.cause);
    return {
      message: `Lost track of the video job (${error.job.provider}, ${error.job.modelId}): ${oneLine(cause)}`,
      exitCode: EXIT_CODES.timeout,
    };
  }
  if (VideoDownloadError.isInstance(error)) {
    // The SDK's own hint names SDK calls; the command adds `videogen resume`.
    const cause = error.cause instanceof Error ? describeCause(error.cause) : String(error.cause);
    return { message: `Download of the video failed: ${oneLine(cause)}`, exitCode: EXIT_CODES.error };
  }
  if (LoadAPIKeyError.isInstance(error)) return { message: oneLine(error.message), exitCode: EXIT_CODES.missingKey };
  if (
    InvalidArgumentError.isInstance(error) ||
    NoSuchModelError.isInstance(error) ||
    UnsupportedFunctionalityError.isInstance(error)
  ) {
    return { message: oneLine(error.message), exitCode: EXIT_CODES.usage };
  }
  if (APICallError.isInstance(error)) {
    const status = error.statusCode !== undefined ? ` (HTTP ${error.statusCode})` : '';
    return { message: `API error${status}: ${oneLine(error.message)}`, exitCode: EXIT_CODES.error };
  }
  if (DownloadTooLargeError.isInstance(error) || NoVideoGeneratedError.isInstance(error)) {
    return { message: oneLine(error.message), exitCode: EXIT_CODES.error };
  }
  if (VideoJobAbortedError.isInstance(error) || isAbortError(error)) {
    return { message: 'Interrupted.', exitCode: EXIT_CODES.interrupted };
  }
  if (error instanceof Error) return { message: oneLine(describeCause(error)), exitCode: EXIT_CODES.error };
  return { message: oneLine(String(error)), exitCode: EXIT_CODES.error };
}

/**
 * A failure that is a cancellation (`videogen cancel`, Ctrl-C): fal answers a
 * cancelled request with a 400 "Request was cancelled." (`error_type`
 * `request_cancelled`), which is not a failure of the generation.
 */
export function isCancellation(failure: { code?: unknown; providerMessage?: string; message?: string }): boolean {
  if (failure.code === 'cancelled' || failure.code === 'request_cancelled') return true;
  const text = failure.providerMessage ?? failure.message ?? '';
  return /\b(was|been) cancell?ed\b/i.test(text);
}

/** `90s`, `30m`, `1h30m`. */
function formatWait(ms: number): string {
  if (ms < 60_000) return `${Math.round(ms / 100) / 10}s`;
  const minutes = Math.round(ms / 60_000);
  return minutes < 60 ? `${minutes}m` : `${Math.floor(minutes / 60)}h${minutes % 60 ? `${minutes % 60}m` : ''}`;
}

export function isAbortError(error: unknown): boolean {
  return (
    typeof error === 'object' &&
    error !== null &&
    ((error as { name?: unknown }).name === 'AbortError' || (error as { name?: unknown }).name === 'TimeoutError')
  );
}

/** `fetch failed` says little: add the cause (`ECONNREFUSED …`). */
function describeCause(error: Error): string {
  const cause = (error as { cause?: unknown }).cause;
  if (cause instanceof Error && cause.message && !error.message.includes(cause.message)) {
    return `${error.message}: ${cause.message}`;
  }
  return error.message;
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').trim();
}
