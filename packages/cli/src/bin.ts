import { runCli } from './cli';

// Ctrl-C: the first aborts (the job is cancelled at the provider where it can be, and the CLI
// says so); a second one exits at once.
const controller = new AbortController();
let interrupts = 0;
process.on('SIGINT', () => {
  interrupts++;
  if (interrupts > 1) {
    if (process.stderr.isTTY) process.stderr.write('\x1b[?25h\n'); // the progress bar hid the cursor
    process.exit(130);
  }
  // Abort first: the progress display stops at once (its last line says "interrupted"), so nothing
  // redraws over the lines that follow.
  controller.abort(new DOMException('Interrupted with Ctrl-C', 'AbortError'));
  process.stderr.write('Interrupting… (Ctrl-C again to quit at once)\n');
});

runCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: process.stdin,
  env: process.env,
  signal: controller.signal,
}).then(
  (code) => {
    process.exitCode = code;
    // Open sockets (keep-alive) must not keep the process alive after the work is done.
    setTimeout(() => process.exit(code), 100).unref();
  },
  (error: unknown) => {
    process.stderr.write(`error: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
