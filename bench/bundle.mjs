// Benchmark 5: bundle size (esbuild, minified, gzipped) and cold import time
// (a fresh `node` process, median of runs) of a script that imports
// generateVideo and the fal provider.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { BENCH_DIR, QUICK, fmt, median, printTable, writeResult } from './lib/harness.mjs';

const IMPORT_RUNS = QUICK ? 5 : 11;
const ENTRIES = {
  videogen: `import { generateVideo } from '@videogen/core';\nimport { createFal } from '@videogen/fal';\nexport const used = [generateVideo, createFal];`,
  vercel: `import { experimental_generateVideo } from 'ai';\nimport { createFal } from '@ai-sdk/fal';\nexport const used = [experimental_generateVideo, createFal];`,
  tanstack: `import { generateVideo } from '@tanstack/ai';\nimport { falVideo } from '@tanstack/ai-fal';\nexport const used = [generateVideo, falVideo];`,
};

async function main() {
  const rows = [];
  for (const [library, source] of Object.entries(ENTRIES)) {
    // entries live where their imports resolve (TanStack in its isolated install)
    const dir = library === 'tanstack' ? join(BENCH_DIR, 'peers/tanstack') : BENCH_DIR;
    const entry = join(dir, `.bundle-entry-${library}.mjs`);
    const timed = join(dir, `.import-${library}.mjs`);
    await writeFile(entry, source);
    await writeFile(timed, `${source}\nprocess.stdout.write(String(performance.now()));\n`);
    try {
      const result = await build({
        entryPoints: [entry],
        bundle: true,
        minify: true,
        format: 'esm',
        platform: 'node',
        target: 'node20',
        write: false,
        metafile: true,
        logLevel: 'silent',
      });
      const bytes = result.outputFiles[0].contents;
      const gzip = gzipSync(bytes, { level: 9 }).byteLength;
      const times = [];
      for (let run = 0; run < IMPORT_RUNS; run++) {
        const child = spawnSync(process.execPath, [timed], { encoding: 'utf8' });
        times.push(Number(child.stdout));
      }
      // the floor: node starting and running an empty module
      rows.push({
        library,
        minified: bytes.byteLength,
        gzip,
        importMs: median(times),
        inputs: Object.keys(result.metafile.inputs).length,
      });
    } finally {
      await rm(entry, { force: true });
      await rm(timed, { force: true });
    }
  }
  const emptyTimes = [];
  const empty = join(BENCH_DIR, '.import-empty.mjs');
  await writeFile(empty, 'process.stdout.write(String(performance.now()));\n');
  for (let run = 0; run < IMPORT_RUNS; run++)
    emptyTimes.push(Number(spawnSync(process.execPath, [empty], { encoding: 'utf8' }).stdout));
  await rm(empty, { force: true });
  const nodeMs = median(emptyTimes);
  for (const row of rows) row.importOverMs = row.importMs - nodeMs;

  const find = (library) => rows.find((row) => row.library === library);
  const vg = find('videogen');
  const vc = find('vercel');
  printTable(
    'generateVideo + fal provider: bundle (esbuild --minify, gzip -9) and cold import (median)',
    [
      'library',
      'minified',
      'gzipped',
      'vs Vercel',
      'modules',
      'import (node start → imported)',
      'minus empty node',
      'vs Vercel',
    ],
    rows.map((row) => [
      row.library,
      `${(row.minified / 1024).toFixed(1)} KiB`,
      `${(row.gzip / 1024).toFixed(1)} KiB`,
      fmt.ratio(row.gzip, vc.gzip),
      row.inputs,
      fmt.ms(row.importMs),
      fmt.ms(row.importOverMs),
      fmt.ratio(row.importOverMs, vc.importOverMs),
    ]),
  );
  const checks = {
    bundle: { value: vg.gzip / vc.gzip, target: 0.25, pass: vg.gzip <= vc.gzip / 4 },
    import: { value: vg.importOverMs / vc.importOverMs, target: 0.25, pass: vg.importOverMs <= vc.importOverMs / 4 },
  };
  console.log(
    `  empty node process: ${fmt.ms(nodeMs)}; targets (≤ 0.25× Vercel): bundle ${checks.bundle.value.toFixed(2)} ${checks.bundle.pass ? 'PASS' : 'FAIL'}, import ${checks.import.value.toFixed(2)} ${checks.import.pass ? 'PASS' : 'FAIL'}`,
  );
  await writeResult('bundle', { rows, nodeMs, checks });
}

await main();
