// Replays the shell commands of every README, as written, in README order, and reports each one.
//
// Commands come from the ```bash / ```sh blocks of every README.md. Each line is one command (a
// line ending in `\` continues on the next); comment-only lines are sample output and are not run.
// The state is the one the root README describes: a clone after `npm ci` and `npm run demo` (or
// `npm run build`), so run it after a build. Each README's commands run in a fresh scratch folder
// inside the repository (`.videogen-tmp-readme-*`, so `npx videogen` resolves to the workspace's
// own bin, not the registry), one after the other, with `bash -c`, each with a timeout.
//
// A marker comment on the line before a block says how to treat it:
//   <!-- check-commands: needs-keys -->   not run: it talks to the real, paid APIs
//   <!-- check-commands: skip (why) -->   not run, for the reason given (e.g. a synopsis)
//   <!-- check-commands: server -->       the block's last command serves until stopped: it is
//                                         started, must listen on the port the block names (in the
//                                         command or in the output shown below it), then is stopped
//   <!-- check-commands: cwd=<dir> -->    run in <dir> (relative to the repository root)
// Markers combine: `<!-- check-commands: server cwd=examples/react-progress -->`.
// A command's own trailing comment is read too: `# exit 4` expects exit code 4, and a comment that
// says "Ctrl-C" gets a SIGINT once the command has shown progress, and must exit with 130.
// A trailing `&` starts the command in the background (it must listen on its `--port`); it is
// stopped after the README's last command. `npm ci` and `npm test` are not replayed: .ci/run runs
// them itself, and this check runs inside `npm test`.
//
// Usage: node scripts/check-readme-commands.mjs [README.md …] [--json]
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { listMarkdownFiles, repoRoot } from './check-doc-links.mjs';

const commandTimeoutMs = 120_000;
const coveredByCi = new Set(['npm ci', 'npm test']);

/** The shell blocks of a README with their markers: `{ line, markers, commands: [{ line, text }] }`. */
export function shellBlocks(markdown) {
  const lines = markdown.split('\n');
  const blocks = [];
  for (let index = 0; index < lines.length; index++) {
    const fence = /^(\s*)(`{3,})(bash|sh|shell)\s*$/.exec(lines[index]);
    if (!fence) continue;
    let previous = index - 1;
    while (previous >= 0 && lines[previous].trim() === '') previous--;
    const marker = /<!--\s*check-commands:\s*(.*?)\s*-->/.exec(lines[previous] ?? '')?.[1] ?? '';
    const markers = { needsKeys: false, skip: undefined, server: false, cwd: undefined };
    for (const token of marker.match(/\([^)]*\)|\S+/g) ?? []) {
      if (token === 'needs-keys') markers.needsKeys = true;
      else if (token === 'skip') markers.skip = '';
      else if (token.startsWith('(') && markers.skip !== undefined) markers.skip = token.slice(1, -1);
      else if (token === 'server') markers.server = true;
      else if (token.startsWith('cwd=')) markers.cwd = token.slice(4);
      else throw new Error(`unknown check-commands marker "${token}" before line ${index + 1}`);
    }
    const commands = [];
    let pending;
    let body = '';
    for (index++; index < lines.length && !lines[index].trimStart().startsWith(fence[2]); index++) {
      const text = lines[index].slice(fence[1].length);
      body += `${text}\n`;
      if (pending) {
        pending.text += `\n${text}`;
      } else if (text.trim() !== '' && !text.trimStart().startsWith('#')) {
        pending = { line: index + 1, text };
      }
      if (pending && !pending.text.endsWith('\\')) {
        commands.push(pending);
        pending = undefined;
      }
    }
    blocks.push({ line: commands[0]?.line ?? index, markers, commands, body });
  }
  return blocks;
}

/** What a command line expects, read from its trailing comment and its shape. */
export function expectationsOf(text) {
  const comment = /\s#\s(.*)$/.exec(text.replace(/"[^"]*"|'[^']*'/g, (quoted) => '_'.repeat(quoted.length)))?.[1] ?? '';
  const exitCode = /\bexit (\d+)\b/.exec(comment)?.[1];
  const interrupt = /ctrl-c/i.test(comment) && !/any time after/i.test(comment);
  const background = /&\s*(#.*)?$/.test(text.replace(/&&/g, ''));
  const port = /--port[ =](\d+)|-p (\d+)|127\.0\.0\.1:(\d+)/.exec(text)?.slice(1).find(Boolean);
  return { exitCode: interrupt ? 130 : Number(exitCode ?? 0), interrupt, background, port: port && Number(port) };
}

function portOpen(port) {
  return new Promise((resolvePort) => {
    const socket = connect({ port, host: '127.0.0.1' });
    socket.once('connect', () => {
      socket.destroy();
      resolvePort(true);
    });
    socket.once('error', () => resolvePort(false));
  });
}

async function waitForPort(port, child, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && child.exitCode === null) {
    if (await portOpen(port)) return true;
    await new Promise((wake) => setTimeout(wake, 200));
  }
  return false;
}

/** The environment of a person's shell: no test runner variables (this check may run inside vitest). */
function userEnvironment() {
  const env = { ...process.env, NO_COLOR: '1' };
  for (const name of Object.keys(env)) {
    if (name.startsWith('VITEST') || name === 'NODE_ENV' || name === 'TEST' || name === 'FORCE_COLOR') delete env[name];
  }
  return env;
}

function start(text, cwd) {
  const child = spawn('bash', ['-c', text.replace(/&\s*(#.*)?$/, '')], {
    cwd,
    detached: true, // its own process group, so that the whole command can be stopped
    stdio: ['ignore', 'pipe', 'pipe'],
    env: userEnvironment(),
  });
  child.output = '';
  child.stdout.on('data', (chunk) => (child.output += chunk));
  child.stderr.on('data', (chunk) => (child.output += chunk));
  child.done = new Promise((resolveExit) => child.on('close', (code, signal) => resolveExit(code ?? signal)));
  return child;
}

function stop(child, signal = 'SIGINT') {
  try {
    process.kill(-child.pid, signal);
  } catch {
    // already gone
  }
}

async function runCommand(text, cwd, background) {
  const expected = expectationsOf(text);
  if (expected.port && expected.background && (await portOpen(expected.port))) {
    return { ok: undefined, detail: `port ${expected.port} is in use by another process` };
  }
  const child = start(text, cwd);
  if (expected.background) {
    const listening = expected.port ? await waitForPort(expected.port, child, 30_000) : true;
    background.push(child);
    return { ok: listening, detail: listening ? 'started in the background' : `nothing listens on ${expected.port}` };
  }
  const timer = setTimeout(() => stop(child, 'SIGKILL'), commandTimeoutMs);
  if (expected.interrupt) {
    // Like a person: press Ctrl-C once the command is visibly under way.
    const interruptWhenBusy = () => {
      if (child.output.length > 0) stop(child, 'SIGINT');
      else setTimeout(interruptWhenBusy, 100);
    };
    setTimeout(interruptWhenBusy, 500);
  }
  const code = await child.done;
  clearTimeout(timer);
  // A command killed by SIGINT exits with 130 in a shell (128 + 2).
  const ok = code === expected.exitCode || (code === 'SIGINT' && expected.exitCode === 130);
  return { ok, detail: `exit ${code}${ok ? '' : ` (expected ${expected.exitCode})\n${child.output.slice(-2000)}`}` };
}

async function runServer(text, cwd, body) {
  const port = expectationsOf(text).port ?? expectationsOf(body.replace(/\n/g, ' ')).port;
  if (!port) return { ok: false, detail: 'a server block must name its port (--port N or 127.0.0.1:N)' };
  if (await portOpen(port)) return { ok: undefined, detail: `port ${port} is in use by another process` };
  const child = start(text, cwd);
  const listening = await waitForPort(port, child, 60_000);
  stop(child, 'SIGINT');
  const timer = setTimeout(() => stop(child, 'SIGKILL'), 10_000);
  const code = await child.done;
  clearTimeout(timer);
  const ok = listening && [0, 130, 'SIGINT'].includes(code);
  return {
    ok,
    detail: `${listening ? `listened on ${port}` : `never listened on ${port}`}, then exit ${code}${ok ? '' : `\n${child.output.slice(-2000)}`}`,
  };
}

/** Why a command is not run, from its block's markers (undefined: it is run). */
export function skipReason(block, text) {
  if (block.markers.needsKeys) return 'needs real API keys';
  if (block.markers.skip !== undefined) return block.markers.skip;
  if (coveredByCi.has(text.replace(/\s+#.*$/, '').trim())) return 'run by .ci/run itself';
  // `npm install @videogen/core …` is a user's project installing from the registry: run here, npm would
  // walk up to this repository's package.json and rewrite it (and reach the network).
  const [manager, verb, ...args] = text
    .replace(/\s+#.*$/, '')
    .trim()
    .split(/\s+/);
  if (
    /^(npm|pnpm|yarn|bun)$/.test(manager) &&
    /^(install|i|add)$/.test(verb) &&
    args.some((arg) => !arg.startsWith('-'))
  ) {
    return "installs published packages into a user's project (the repository's own are linked)";
  }
  return undefined;
}

/** Runs the commands of one README; returns `[{ readme, line, command, status, detail }]`. */
export async function checkReadme(readme) {
  const results = [];
  const scratch = mkdtempSync(join(repoRoot, '.videogen-tmp-readme-'));
  const background = [];
  try {
    for (const block of shellBlocks(readFileSync(readme, 'utf8'))) {
      const cwd = block.markers.cwd ? resolve(repoRoot, block.markers.cwd) : scratch;
      for (const { line, text } of block.commands) {
        const result = { readme: relative(repoRoot, readme), line, command: text };
        const reason = skipReason(block, text);
        if (reason !== undefined) results.push({ ...result, status: 'skipped', detail: reason });
        else {
          const isServer = block.markers.server && line === block.commands.at(-1).line;
          const { ok, detail } = isServer
            ? await runServer(text, cwd, block.body)
            : await runCommand(text, cwd, background);
          results.push({ ...result, status: ok === undefined ? 'skipped' : ok ? 'passed' : 'failed', detail });
        }
      }
    }
  } finally {
    for (const child of background) stop(child, 'SIGTERM');
    const killTimer = setTimeout(() => {
      for (const child of background) stop(child, 'SIGKILL');
    }, 10_000);
    await Promise.all(background.map((child) => child.done));
    clearTimeout(killTimer);
    rmSync(scratch, { recursive: true, force: true });
  }
  return results;
}

export function listReadmes() {
  // The root README first: its commands (the build) come first for a new user too.
  return listMarkdownFiles()
    .filter((file) => basename(file) === 'README.md')
    .sort((a, b) =>
      dirname(a) === repoRoot.replace(/\/$/, '')
        ? -1
        : dirname(b) === repoRoot.replace(/\/$/, '')
          ? 1
          : a.localeCompare(b),
    );
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const readmes = args.filter((arg) => !arg.startsWith('--')).map((file) => resolve(file));
  const results = [];
  for (const readme of readmes.length > 0 ? readmes : listReadmes()) {
    for (const result of await checkReadme(readme)) {
      results.push(result);
      if (!args.includes('--json'))
        console.log(
          `${result.status.padEnd(7)} ${result.readme}:${result.line}: ${result.command}  (${result.detail})`,
        );
    }
  }
  if (args.includes('--json')) console.log(JSON.stringify(results, null, 2));
  const failed = results.filter((result) => result.status === 'failed').length;
  console.log(
    `${results.filter((result) => result.status === 'passed').length} commands passed, ${failed} failed, ${results.filter((result) => result.status === 'skipped').length} skipped`,
  );
  process.exit(failed > 0 ? 1 : 0);
}
