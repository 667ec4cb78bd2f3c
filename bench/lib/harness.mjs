// Shared plumbing of the benchmarks: the emulator process, fresh child
// processes per run, medians, machine description and result files.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execFileSync } from 'node:child_process';

export const BENCH_DIR = join(dirname(fileURLToPath(import.meta.url)), '..');
export const QUICK = process.env.BENCH_QUICK === '1';
export const RUNS = Number(process.env.BENCH_RUNS ?? 5);
export const MiB = 1024 * 1024;
export const GiB = 1024 * MiB;

/** Starts the emulator in a separate process. */
export async function startEmulatorProcess(options = {}) {
  const child = spawn(process.execPath, [join(BENCH_DIR, 'lib/emulator-process.mjs'), JSON.stringify(options)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let buffer = '';
  child.stdout.setEncoding('utf8');
  const info = await new Promise((resolve, reject) => {
    child.stdout.on('data', (chunk) => {
      buffer += chunk;
      const newline = buffer.indexOf('\n');
      if (newline >= 0) resolve(JSON.parse(buffer.slice(0, newline)));
    });
    child.on('exit', (code) => reject(new Error(`emulator exited with ${code}`)));
  });
  return {
    ...info,
    pid: child.pid,
    async state() {
      return (await fetch(`${info.control}/state`)).json();
    },
    async clear() {
      await fetch(`${info.control}/clear`, { method: 'POST' });
    },
    async close() {
      child.kill('SIGTERM');
      await once(child, 'exit');
    },
  };
}

/**
 * Runs `node <file> --child <json>` in a fresh process and returns the JSON
 * object it prints on its last stdout line.
 */
export async function runChild(file, args, { nodeArgs = [], env = {} } = {}) {
  const child = spawn(process.execPath, [...nodeArgs, file, '--child', JSON.stringify(args)], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...env },
  });
  let out = '';
  let err = '';
  child.stdout.setEncoding('utf8').on('data', (chunk) => (out += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk) => (err += chunk));
  const [code] = await once(child, 'exit');
  const lines = out.trim().split('\n');
  try {
    const result = JSON.parse(lines.at(-1));
    return result;
  } catch {
    return { error: `child exited with ${code}: ${(err || out).trim().split('\n').slice(-5).join(' | ')}` };
  }
}

/** In a child: the parsed `--child` argument, or undefined in the parent. */
export function childArgs() {
  const index = process.argv.indexOf('--child');
  return index >= 0 ? JSON.parse(process.argv[index + 1]) : undefined;
}

/** In a child: prints the result and exits (handles that keep the loop alive are ignored). */
export function finishChild(result) {
  process.stdout.write(`\n${JSON.stringify(result)}\n`, () => process.exit(0));
}

export function median(values) {
  const sorted = values.filter((value) => typeof value === 'number' && Number.isFinite(value)).sort((a, b) => a - b);
  if (sorted.length === 0) return undefined;
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** Peak RSS of this process so far, in bytes (Linux getrusage ru_maxrss). */
export function peakRss() {
  return process.resourceUsage().maxRSS * 1024;
}

export function machine() {
  const cpu = os.cpus()[0]?.model ?? 'unknown';
  return {
    node: process.version,
    cpu: cpu.trim(),
    cores: os.cpus().length,
    memoryGiB: Math.round((os.totalmem() / GiB) * 10) / 10,
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
    date: new Date().toISOString(),
  };
}

export function versions() {
  const read = (path) => {
    try {
      return execFileSync(process.execPath, ['-p', `require(${JSON.stringify(path)}).version`], {
        cwd: BENCH_DIR,
        encoding: 'utf8',
      }).trim();
    } catch {
      return undefined;
    }
  };
  return {
    '@videogen/core': read('@videogen/core/package.json'),
    ai: read('ai/package.json'),
    '@ai-sdk/fal': read('@ai-sdk/fal/package.json'),
    '@ai-sdk/google': read('@ai-sdk/google/package.json'),
    '@tanstack/ai': read('./peers/tanstack/node_modules/@tanstack/ai/package.json'),
    '@tanstack/ai-fal': read('./peers/tanstack/node_modules/@tanstack/ai-fal/package.json'),
    '@tanstack/ai-gemini': read('./peers/tanstack/node_modules/@tanstack/ai-gemini/package.json'),
  };
}

export async function writeResult(name, data) {
  await mkdir(join(BENCH_DIR, 'results'), { recursive: true });
  const file = join(BENCH_DIR, 'results', `${name}.json`);
  await writeFile(file, `${JSON.stringify({ name, quick: QUICK, machine: machine(), ...data }, null, 2)}\n`);
  return file;
}

export const fmt = {
  ms: (value) => (value === undefined ? 'n/a' : `${value < 10 ? value.toFixed(1) : Math.round(value)} ms`),
  mib: (bytes) => (bytes === undefined ? 'n/a' : `${(bytes / MiB).toFixed(1)} MiB`),
  ratio: (a, b) => (a === undefined || b === undefined || b === 0 ? 'n/a' : `${(a / b).toFixed(2)}×`),
};

/** Prints a small aligned table to stdout. */
export function printTable(title, header, rows) {
  const all = [header, ...rows].map((row) => row.map((cell) => String(cell ?? '')));
  const widths = header.map((_, index) => Math.max(...all.map((row) => row[index].length)));
  console.log(`\n${title}`);
  for (const [index, row] of all.entries()) {
    console.log(`  ${row.map((cell, column) => cell.padEnd(widths[column])).join('  ')}`);
    if (index === 0) console.log(`  ${widths.map((width) => '-'.repeat(width)).join('  ')}`);
  }
}

/** Ensures the isolated TanStack install exists (see peers/tanstack/package.json). */
export async function ensureTanstack() {
  const { existsSync } = await import('node:fs');
  const dir = join(BENCH_DIR, 'peers/tanstack');
  if (existsSync(join(dir, 'node_modules/@tanstack/ai-fal'))) return true;
  console.log('installing TanStack AI into bench/peers/tanstack (npm ci) …');
  try {
    execFileSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: dir, stdio: 'inherit' });
    return true;
  } catch {
    console.log('TanStack AI could not be installed; its rows are skipped.');
    return false;
  }
}
