import { MultiBar, SingleBar } from 'cli-progress';
import type { VideoEvent, VideoJob } from '@videogen/core';
import { formatBytes, formatSeconds, getJobId } from './format';

/** cli-progress settings of both the single and the multi bar. */
const BAR_OPTIONS = {
  hideCursor: true,
  clearOnComplete: false,
  stopOnComplete: false,
  fps: 10,
  barsize: 24,
  noTTYOutput: false,
  // Keep the terminal's own line wrapping: notes above the bars (a long saved path) wrap instead of
  // being cut off. The bars themselves are fitted to the width in render().
  linewrap: true,
  // Redraw every line on each update: a line printed above the bars moves them down, and cli-progress
  // otherwise skips a bar whose text did not change (a finished job's), leaving a gap.
  forceRedraw: true,
} as const;

/** Where the CLI writes. `process.stdout`/`process.stderr` fit; tests pass collectors. */
export type OutputStream = {
  write(chunk: string): unknown;
  /** A terminal: the progress bar redraws in place. Otherwise one line per change. */
  isTTY?: boolean;
  columns?: number;
};

type Phase = 'submitting' | 'queued' | 'running' | 'downloading' | 'saved' | 'failed';

/** Width of the drawn bar, and the narrowest it shrinks to on a narrow terminal. */
const BAR_WIDTH = 24;
const MIN_BAR_WIDTH = 10;

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
  /** When the display of this job stopped: its time stops too. */
  private stoppedAt: number | undefined;

  constructor(
    private readonly stream: OutputStream,
    private readonly label: string,
    private readonly options: {
      quiet?: boolean;
      /** Several jobs at once on a terminal: this job's bar is one line of this display (see {@link createMultiBar}). */
      multiBar?: MultiBar;
      /** Ctrl-C: the bar stops at once and says "interrupted" (the command then says what became of the job). */
      signal?: AbortSignal;
      /** A job that already exists (`videogen resume`): nothing is submitted, the display starts waiting for it. */
      job?: VideoJob;
    } = {},
  ) {
    if (options.job) {
      this.jobId = getJobId(options.job);
      this.phase = 'queued';
    }
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
      this.line(options.job ? `${label}: waiting for job ${this.jobId}` : `${label}: submitting`);
    }
    options.signal?.addEventListener('abort', this.interrupt, { once: true });
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
    this.print(this.stream, `${message}\n`);
  }

  /**
   * Writes `text` (whole lines) to `out` without breaking the display: on a
   * terminal with live bars it goes above them; elsewhere it is written as is.
   * Used for stdout too (the saved path, `--json`), which shares the terminal.
   */
  print(out: OutputStream, text: string): void {
    const multiBar = this.options.multiBar;
    if (multiBar?.isActive && out.isTTY) {
      multiBar.log(text);
      multiBar.update();
    } else if (this.bar && !multiBar && out.isTTY) {
      this.stream.write('\r\x1b[2K');
      out.write(text);
      this.bar.update(0);
    } else {
      out.write(text);
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
    this.options.signal?.removeEventListener('abort', this.interrupt);
    this.stoppedAt ??= Date.now();
    if (this.bar) {
      this.bar.update(0);
      // a line of a MultiBar stays on screen with its last state until the display stops
      this.bar.stop();
      this.bar = undefined;
    }
  }

  /** Ctrl-C: draw the last state once, as interrupted, and stop, before anything else is printed. */
  private readonly interrupt = (): void => {
    const multiBar = this.options.multiBar;
    if (multiBar?.isActive) {
      // every line of the display renders "interrupted" (the signal is aborted), then it stops for good
      multiBar.update();
      multiBar.stop();
    }
    this.stop();
  };

  /**
   * The one-line state shown by the bar, fitted to the terminal's width: the
   * job id is shortened, then the bar, then the label, so that the status,
   * percent and time stay on the line.
   */
  render(): string {
    const elapsed = formatSeconds((this.stoppedAt ?? Date.now()) - this.startedAt);
    let percent: number | undefined;
    let state: string;
    if (this.options.signal?.aborted && this.phase !== 'saved') {
      percent = this.progress;
      state = `interrupted after ${elapsed}`;
    } else {
      switch (this.phase) {
        case 'submitting':
          state = `submitting… ${elapsed}`;
          break;
        case 'queued':
        case 'running':
          percent = this.progress;
          state = `${this.describeStatus()} ${elapsed}`;
          break;
        case 'downloading':
          percent = this.totalBytes ? (this.bytes / this.totalBytes) * 100 : undefined;
          state = `downloading ${this.describeBytes()} ${elapsed}`;
          break;
        case 'saved':
          percent = 100;
          state = `saved ${formatBytes(this.bytes)} in ${elapsed}`;
          break;
        case 'failed':
          percent = this.progress;
          state = `failed after ${elapsed}`;
          break;
      }
    }
    return fitLine({
      label: this.label,
      jobId: this.jobId,
      percent,
      state,
      width: (this.stream.columns || 80) - 1,
    });
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
  const multiBar = new MultiBar({
    ...BAR_OPTIONS,
    stream: stream as unknown as NodeJS.WritableStream,
    format: () => '',
  });
  // Lines logged above the bars may wrap and be shorter than the bars they replace: clear from the
  // top of the display down before they are written (cli-progress clears only the first line).
  let pendingLog = false;
  const log = multiBar.log.bind(multiBar);
  multiBar.log = (text: string) => {
    pendingLog = true;
    log(text);
  };
  multiBar.on('redraw-pre', () => {
    if (!pendingLog) return;
    pendingLog = false;
    stream.write('\r\x1b[J');
  });
  return multiBar;
}

function isQueued(providerStatus: string | undefined, queuePosition: number | undefined): boolean {
  if (queuePosition !== undefined) return true;
  return providerStatus !== undefined && /queue|pending|submitted/i.test(providerStatus);
}

function drawBar(percent: number | undefined, width = BAR_WIDTH): string {
  if (percent === undefined) return `[${'·'.repeat(width)}]`;
  const filled = Math.max(0, Math.min(width, Math.round((percent / 100) * width)));
  return `[${'█'.repeat(filled)}${'░'.repeat(width - filled)}]`;
}

/**
 * `label jobId [bar] state` in at most `width` characters. What gives way
 * first: the job id (shortened to its start, then left out), the bar (down
 * to {@link MIN_BAR_WIDTH}), the label (shortened); the state (status,
 * percent, time) is cut only on a terminal too narrow for it alone.
 */
export function fitLine({
  label,
  jobId,
  percent,
  state,
  width,
}: {
  label: string;
  jobId: string | undefined;
  percent: number | undefined;
  state: string;
  width: number;
}): string {
  const compose = (labelText: string, id: string | undefined, barWidth: number) =>
    [labelText, id, drawBar(percent, barWidth), state].filter((part) => part !== undefined && part !== '').join(' ');
  const candidates: Array<[string, string | undefined, number]> = [
    [label, jobId, BAR_WIDTH],
    [label, jobId && shorten(jobId, 9), BAR_WIDTH],
    [label, jobId && shorten(jobId, 9), MIN_BAR_WIDTH],
    [label, undefined, MIN_BAR_WIDTH],
  ];
  for (const [labelText, id, barWidth] of candidates) {
    const line = compose(labelText, id, barWidth);
    if (line.length <= width) return line;
  }
  // The label gives way last; the bar and the state keep what is left.
  const rest = compose('', undefined, MIN_BAR_WIDTH);
  const room = width - rest.length - 1;
  if (room >= 4) return `${shorten(label, room)} ${rest}`;
  return rest.length <= width ? rest : rest.slice(0, Math.max(0, width));
}

/** `a462ae85-1003-…` → `a462ae85…`: the start of `text` in `max` characters. */
function shorten(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, Math.max(1, max - 1))}…`;
}
