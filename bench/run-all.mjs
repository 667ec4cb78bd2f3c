// Runs the five benchmarks one after another, then writes RESULTS.md and
// results.png. BENCH_QUICK=1 scales sizes and durations down (a smoke run);
// BENCH_RUNS=N changes the number of runs per figure (default 5);
// BENCH_ONLY=save-video,bundle runs a subset.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { BENCH_DIR, ensureTanstack, machine, versions } from './lib/harness.mjs';
import { report } from './report.mjs';

const ALL = ['bundle', 'save-video', 'abort-latency', 'completion', 'concurrency'];
const only = process.env.BENCH_ONLY?.split(',');
const m = machine();
console.log(
  `videogen benchmarks — Node ${m.node}, ${m.cpu}, ${m.cores} cores, ${m.memoryGiB} GiB${process.env.BENCH_QUICK === '1' ? ' (quick mode)' : ''}`,
);
console.log(
  Object.entries(versions())
    .map(([name, version]) => `${name}@${version ?? 'missing'}`)
    .join(', '),
);
await ensureTanstack();
const started = Date.now();
for (const name of ALL) {
  if (only && !only.includes(name)) continue;
  console.log(`\n== ${name} ==`);
  const t = Date.now();
  const result = spawnSync(process.execPath, [join(BENCH_DIR, `${name}.mjs`)], { stdio: 'inherit' });
  console.log(`(${name}: ${((Date.now() - t) / 1000).toFixed(0)} s${result.status ? `, exit ${result.status}` : ''})`);
}
await report();
console.log(`total ${((Date.now() - started) / 1000).toFixed(0)} s`);
