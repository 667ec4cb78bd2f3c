import { MultiBar, SingleBar } from 'cli-progress';
import type { VideoEvent } from '@videogen/core';
import { formatBytes, formatSeconds, getJobId } from './format';

/** cli-progress settings of both the single and the multi bar. */
const BAR_OPTIONS = {
  hideCursor: true,
  clearOnComplete: false,
  stopOnComplete: false,
  fps: 10,
  barsize: 24,
  noTTYOutput: false,
} as const;

/** Where the CLI writes. `process.stdout`/`process.stderr` fit; tests pass collectors. */
export type OutputStream = {
  write(chunk: string): unknown;
  /** A terminal: the progress bar redraws in place. Otherwise one line per change. */
  isTTY?: boolean;
  columns?: number;
};

type Phase = 'submitting' | 'queued' | 'running' | 'downloading' | 'saved' | 'failed';

/**
 * Renders the progress events of one generation on stderr: a live bar on a
 * terminal (status, provider progress, queue position, download bytes), one
 * line per change elsewhere (logs, CI, tests).
 */
export class ProgressReporter {
  private readonly startedAt = Date.now();
  private phase: Phase = 'submitting';
  private providerStatus: string | undefined;
  private progress: number | undefined;
  private queuePosition: number | undefined;
  private bytes = 0;
  private totalBytes: number | undefined;
  private jobId: string | undefined;
  private bar: SingleBar | undefined;
  private lastLine: string | undefined;
  private lastDownloadQuarter = -1;

  constructor(
    private readonly stream: OutputStream,
    private readonly label: string,
    private readonly options: {
      quiet?: boolean;
      /** Several jobs at once on a terminal: this job's bar is one line of this display (see {@link createMultiBar}). */
      multiBar?: MultiBar;
    } = {},
  ) {
    if (stream.isTTY && !options.quiet && options.multiBar) {
      this.bar = options.multiBar.create(100, 0, {}, { format: () => this.render() });
    } else if (stream.isTTY && !options.quiet) {
      // the bar itself is drawn in render()
      this.bar = new SingleBar({
        ...BAR_OPTIONS,
        stream: stream as unknown as NodeJS.WritableStream,
        format: () => this.render(),
      });
      this.bar.start(100, 0);
    } else {
      this.line(`${label}: submitting`);
    }
  }

  /** Feeds one core progress event (`onProgress`). */
  readonly onEvent = (event: VideoEvent): void => {
    switch (event.type) {
      case 'job-created':
        this.jobId = getJobId(event.job);
        this.phase = 'queued';
        this.line(`${this.label}: job ${this.jobId} created`);
        break;
      case 'status':
        if (event.job && !this.jobId) this.jobId = getJobId(event.job);
        if (event.status === 'pending') {
          this.providerStatus = event.providerStatus;
          this.progress = event.progress;
          this.queuePosition = event.queuePosition;
          this.phase = isQueued(event.providerStatus, event.queuePosition) ? 'queued' : 'running';
          this.line(`${this.label}: ${this.describeStatus()}`);
        } else if (event.status === 'failed') {
          this.phase = 'failed';
        }
        break;
      case 'completed':
        this.phase = 'downloading';
        this.progress = 100;
        this.line(`${this.label}: completed at the provider, downloading`);
        break;
      case 'download-progress': {
        this.phase = 'downloading';
        this.bytes = event.bytes;
        this.totalBytes = event.totalBytes;
        const quarter = event.totalBytes ? Math.floor((event.bytes / event.totalBytes) * 4) : -1;
        if (quarter > this.lastDownloadQuarter) {
          this.lastDownloadQuarter = quarter;
          this.line(`${this.label}: downloaded ${this.describeBytes()}`);
        }
        break;
      }
      case 'error':
        this.phase = 'failed';
        break;
    }
    this.bar?.update(0);
  };

  /** Prints a message above the bar (or as a line). */
  note(message: string): void {
    if (this.options.multiBar?.isActive) {
      this.options.multiBar.log(`${message}\n`);
    } else if (this.bar) {
      this.stream.write('\r\x1b[2K');
      this.stream.write(`${message}\n`);
      this.bar.update(0);
    } else {
      this.stream.write(`${message}\n`);
    }
  }

  /** Marks the video as written and stops the bar. */
  saved(bytes: number): void {
    this.phase = 'saved';
    this.bytes = bytes;
    this.totalBytes = bytes;
    this.stop();
  }

  /** Stops redrawing (leaves the last state on screen). */
  stop(): void {
    if (this.bar) {
      this.bar.update(0);
      // a line of a MultiBar stays on screen with its last state until the display stops
      this.bar.stop();
      this.bar = undefined;
    }
  }

  /** The one-line state shown by the bar. */
  render(): string {
    const elapsed = formatSeconds(Date.now() - this.startedAt);
    const job = this.jobId ? ` ${this.jobId}` : '';
    switch (this.phase) {
      case 'submitting':
        return `${this.label} ${drawBar(undefined)} submitting… ${elapsed}`;
      case 'queued':
      case 'running':
        return `${this.label}${job} ${drawBar(this.progress)} ${this.describeStatus()} ${elapsed}`;
      case 'downloading': {
        const fraction = this.totalBytes ? (this.bytes / this.totalBytes) * 100 : undefined;
        return `${this.label}${job} ${drawBar(fraction)} downloading ${this.describeBytes()} ${elapsed}`;
      }
      case 'saved':
        return `${this.label}${job} ${drawBar(100)} saved ${formatBytes(this.bytes)} in ${elapsed}`;
      case 'failed':
        return `${this.label}${job} ${drawBar(this.progress)} failed after ${elapsed}`;
    }
  }

  private describeStatus(): string {
    const parts = [this.providerStatus ?? (this.phase === 'queued' ? 'queued' : 'in progress')];
    if (this.progress !== undefined) parts.push(`${Math.round(this.progress)}%`);
    if (this.queuePosition !== undefined) parts.push(`queue position ${this.queuePosition}`);
    return parts.join(' ');
  }

  private describeBytes(): string {
    return this.totalBytes ? `${formatBytes(this.bytes)} / ${formatBytes(this.totalBytes)}` : formatBytes(this.bytes);
  }

  /** Non-TTY: one line per change (repeated states are skipped). */
  private line(text: string): void {
    if (this.bar || this.options.quiet || text === this.lastLine) return;
    this.lastLine = text;
    this.stream.write(`${text}\n`);
  }
}

/**
 * The shared display of `generate -n`: one bar per job, redrawn in place on a
 * terminal. Undefined when `stream` is not a terminal or with `--quiet` (each
 * job then writes its own labelled lines). Stop it when every job is done.
 */
export function createMultiBar(stream: OutputStream, options: { quiet?: boolean } = {}): MultiBar | undefined {
  if (!stream.isTTY || options.quiet) return undefined;
  return new MultiBar({ ...BAR_OPTIONS, stream: stream as unknown as NodeJS.WritableStream, format: () => '' });
}

function isQueued(providerStatus: string | undefined, queuePosition: number | undefined): boolean {
  if (queuePosition !== undefined) return true;
  return providerStatus !== undefined && /queue|pending|submitted/i.test(providerStatus);
}

function drawBar(percent: number | undefined, width = 24): string {
  if (percent === undefined) return `[${'·'.repeat(width)}]`;
  const filled = Math.max(0, Math.min(width, Math.round((percent / 100) * width)));
  return `[${'█'.repeat(filled)}${'░'.repeat(width - filled)}]`;
}
