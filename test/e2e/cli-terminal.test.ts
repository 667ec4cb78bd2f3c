import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseMp4File, useEmulator, useTempDir } from './helpers';

// The built `videogen` in a real pseudo-terminal (tmux) at 80, 120 and 220 columns: what a person
// sees on the screen, read back with `tmux capture-pane`. tmux comes from scripts/install-tmux.sh in CI.
vi.setConfig({ testTimeout: 60_000, hookTimeout: 30_000 });

const run = promisify(execFile);
const BIN = resolve(__dirname, '../../packages/cli/dist/bin.js');
const HEIGHT = 50;

async function hasTmux(): Promise<boolean> {
  try {
    await run('tmux', ['-V']);
    return true;
  } catch {
    return false;
  }
}

const tmuxAvailable = await hasTmux();
if (!tmuxAvailable && process.env.CI) {
  throw new Error('tmux is missing: the terminal tests of the CLI need it (bash scripts/install-tmux.sh).');
}

/** One tmux server (its own socket) with one pane running one command; the pane stays after it exits. */
class Terminal {
  private readonly socket = `videogen-test-${randomUUID().slice(0, 8)}`;

  constructor(
    readonly width: number,
    private readonly config: string,
  ) {}

  private tmux(...args: string[]) {
    return run('tmux', ['-L', this.socket, '-f', this.config, ...args]);
  }

  async start(argv: string[], cwd: string): Promise<void> {
    const command = [process.execPath, BIN, ...argv].map(shellQuote).join(' ');
    await this.tmux(
      'new-session',
      '-d',
      '-x',
      String(this.width),
      '-y',
      String(HEIGHT),
      '-c',
      cwd,
      '-s',
      'cli',
      // tmux's own record of the exit status is not always there in time: the shell prints it. Its trap
      // keeps it alive through Ctrl-C (the command still gets SIGINT, with its default handling).
      `trap : INT; env -u CI -u NO_COLOR ${command}; echo "[exit $?]"`,
    );
  }

  /** The screen, one string per row (trailing blanks dropped), as a person sees it. */
  async rows(): Promise<string[]> {
    // from the start of the history: a dead pane's "Pane is dead" line scrolls the screen up by one row
    const { stdout } = await this.tmux('capture-pane', '-p', '-S', '-', '-t', 'cli');
    return stdout.split('\n').map((row) => row.trimEnd());
  }

  /** The screen with wrapped rows joined back into the lines that were written. */
  async lines(): Promise<string[]> {
    const { stdout } = await this.tmux('capture-pane', '-p', '-J', '-S', '-', '-t', 'cli');
    return stdout.split('\n').map((row) => row.trimEnd());
  }

  async sendCtrlC(): Promise<void> {
    await this.tmux('send-keys', '-t', 'cli', 'C-c');
  }

  /** Polls the screen until `ready` holds (a condition, not a duration); fails with the screen. */
  async waitFor(ready: (rows: string[]) => boolean, what: string): Promise<string[]> {
    for (let attempt = 0; attempt < 400; attempt++) {
      const rows = await this.rows();
      if (ready(rows)) return rows;
      await new Promise((done) => setTimeout(done, 50));
    }
    throw new Error(
      `terminal (${this.width} columns): ${what} never showed; the screen:\n${(await this.rows()).join('\n')}`,
    );
  }

  /** Waits for the command to end; its exit code (printed by the shell that ran it, see {@link start}). */
  async exitCode(): Promise<number> {
    const rows = await this.waitFor((screen) => screen.some((row) => /^\[exit \d+\]$/.test(row)), 'the exit code');
    return Number(/^\[exit (\d+)\]$/.exec(rows.find((row) => /^\[exit \d+\]$/.test(row))!)![1]);
  }

  async close(): Promise<void> {
    await this.tmux('kill-server').catch(() => undefined);
  }
}

/** A row the command wrote (not blank, not tmux's "Pane is dead" notice, which may come a moment late). */
function isOutput(row: string): boolean {
  return row !== '' && !row.startsWith('Pane is dead');
}

function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

describe.skipIf(!tmuxAvailable)('videogen in a terminal (tmux)', () => {
  const emulator = useEmulator();
  const temp = useTempDir();
  const terminals: Terminal[] = [];

  afterEach(async () => {
    await Promise.all(terminals.splice(0).map((terminal) => terminal.close()));
  });

  async function open(width: number): Promise<Terminal> {
    const config = join(temp.path, 'tmux.conf');
    // Keep the pane (and its screen) after the command exits; no status line; a screen cleared from
    // its top-left corner is cleared, not scrolled into the history (tmux's own habit, no terminal's).
    // The history then holds only the row that the "Pane is dead" line scrolls off.
    await writeFile(
      config,
      'set -g remain-on-exit on\nset -g status off\nset -g history-limit 1000\nsetw -g scroll-on-clear off\n',
    );
    const terminal = new Terminal(width, config);
    terminals.push(terminal);
    return terminal;
  }

  /** Every row fits the width; a bar row never wraps into the next one. */
  function expectFits(rows: string[], width: number) {
    for (const row of rows) expect(row.length).toBeLessThanOrEqual(width);
  }

  describe.each([80, 120, 220])('%i columns', (width) => {
    it('one job with a long job id: status, percent and time stay on the line; the saved path is whole', async () => {
      const terminal = await open(width);
      const out = join(temp.path, `single-${width}.mp4`);
      // OpenAI's job ids are long (video_ and 40 hex digits); its status has a percent
      const prompt = `a lighthouse [emulator:duration=3000] [emulator:steps=6] ${randomUUID()}`;
      await terminal.start(
        ['generate', prompt, '-m', 'openai:sora-2', '--emulate', emulator.server.url, '-o', out],
        temp.path,
      );
      const bar = /^openai:sora-2 .*\[[█░]+\] in_progress \d+% \d+\.\ds$/;
      const running = await terminal.waitFor((rows) => rows.some((row) => bar.test(row)), 'a bar with a percent');
      expectFits(running, width);
      expect(await terminal.exitCode()).toBe(0);
      const rows = await terminal.rows();
      expectFits(rows, width);
      const barRows = rows.filter((row) => row.startsWith('openai:sora-2'));
      expect(barRows).toHaveLength(1);
      expect(barRows[0]).toMatch(/\[█+\] saved \d+(\.\d)? KB in \d+\.\ds$/);
      const lines = await terminal.lines();
      expect(lines).toContain(out); // stdout: the path, whole, on its own line
      expect(lines.some((line) => line.startsWith(`Saved ${out} (`))).toBe(true);
      await parseMp4File(out);
    });

    it('-n 3: one bar per job, each saved path whole on its own line, no old bars left behind', async () => {
      const terminal = await open(width);
      const out = join(temp.path, `many-${width}.mp4`);
      const prompt = `a red fox [emulator:duration=1500] ${randomUUID()}`;
      await terminal.start(['generate', prompt, '--emulate', emulator.server.url, '-n', '3', '-o', out], temp.path);
      expect(await terminal.exitCode()).toBe(0);
      const rows = await terminal.rows();
      expectFits(rows, width);
      const barRows = rows.filter((row) => /^fal:fal-ai\/veo3\.1\/fast \[\d\/3\]/.test(row));
      expect(barRows.map((row) => row.slice(0, 29)).sort()).toStrictEqual([
        'fal:fal-ai/veo3.1/fast [1/3] ',
        'fal:fal-ai/veo3.1/fast [2/3] ',
        'fal:fal-ai/veo3.1/fast [3/3] ',
      ]);
      for (const row of barRows) expect(row).toMatch(/\[█+\] saved \d+(\.\d)? KB in \d+\.\ds$/);
      // the bars are the last thing on screen, below every line printed while they ran
      const lastBar = rows.findLastIndex((row) => barRows.includes(row));
      expect(rows.slice(lastBar + 1).filter(isOutput)).toStrictEqual(['[exit 0]']);
      const lines = await terminal.lines();
      for (const index of [1, 2, 3]) {
        const path = join(temp.path, `many-${width}-${index}.mp4`);
        expect(lines).toContain(path);
        expect(lines.some((line) => line.startsWith(`Saved ${path} (`))).toBe(true);
        await parseMp4File(path);
      }
      // nothing was pasted onto a bar
      expect(rows.filter((row) => row.includes('[') && row.includes(temp.path))).toStrictEqual([]);
    });

    it('Ctrl-C: the bar stops at once as "interrupted" (not "failed") and nothing redraws over the messages', async () => {
      const terminal = await open(width);
      const prompt = `a slow tide [emulator:duration=30000] ${randomUUID()}`;
      await terminal.start(
        ['generate', prompt, '--emulate', emulator.server.url, '-o', join(temp.path, 'tide.mp4')],
        temp.path,
      );
      await terminal.waitFor((rows) => rows.some((row) => /^fal:\S+ \S+ \[/.test(row)), 'the job on the bar');
      await terminal.sendCtrlC();
      expect(await terminal.exitCode()).toBe(130);
      const rows = (await terminal.rows()).filter(isOutput);
      expectFits(rows, width);
      const lines = (await terminal.lines()).filter(isOutput);
      const barIndex = lines.findIndex((line) => line.startsWith('fal:'));
      expect(lines[barIndex]).toMatch(/ interrupted after \d+\.\ds$/);
      expect(lines.join('\n')).not.toMatch(/failed/);
      // below the bar: the messages, whole, and no bar drawn again
      expect(lines.slice(barIndex + 1)).toStrictEqual([
        expect.stringMatching(/^(\^C)?Interrupting… \(Ctrl-C again to quit at once\)$/),
        expect.stringMatching(/^Interrupted: cancelled job [\w-]+ at fal\.$/),
        '[exit 130]',
      ]);
      const job = emulator.server.emulator.jobs.list({ api: 'fal' }).find((entry) => entry.prompt === prompt);
      expect(job?.status).toBe('cancelled');
    });
  });
});
