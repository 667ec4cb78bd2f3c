// Benchmark 1: save a large video to a file.
// Peak RSS growth and wall time of videogen's saveVideo vs a bare fetch piped
// to a file (stream.pipeline) vs the peers (Vercel buffers the whole video;
// TanStack returns only the URL).
import { createWriteStream, existsSync } from 'node:fs';
import { rm, writeFile, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import {
  GiB,
  MiB,
  QUICK,
  RUNS,
  childArgs,
  finishChild,
  fmt,
  median,
  peakRss,
  printTable,
  runChild,
  startEmulatorProcess,
  writeResult,
} from './lib/harness.mjs';
import { API_KEY, FAL_ENDPOINT, vercel, videogen } from './lib/clients.mjs';

const SELF = fileURLToPath(import.meta.url);
const SIZES = QUICK ? [64 * MiB, 256 * MiB] : [256 * MiB, 1 * GiB];
const PEER_CAP = 4 * GiB; // a buffering peer is not run past this
// Files go to tmpfs when there is one, so that the figures measure the
// libraries and not the VM's disk write-back (BENCH_TMPDIR overrides).
const TMP = process.env.BENCH_TMPDIR ?? (existsSync('/dev/shm') ? '/dev/shm' : tmpdir());

async function child({ variant, bytes, baseURLs }) {
  const dir = await mkdtemp(join(TMP, 'videogen-bench-'));
  const path = join(dir, 'video.mp4');
  const prompt = `a red fox [emulator:bytes=${bytes}]`;
  let completedAt;
  let start;
  let baseline;
  try {
    if (variant === 'videogen') {
      const vg = await videogen(baseURLs);
      const { saveVideo } = await import('@videogen/core/node');
      baseline = process.memoryUsage().rss;
      start = performance.now();
      const { files } = await saveVideo({
        model: vg.model('fal'),
        prompt,
        path,
        download: vg.download,
        poll: { intervalMs: 200 },
        onProgress: (event) => {
          if (event.type === 'completed') completedAt = performance.now();
        },
      });
      if (files[0].bytes !== bytes) throw new Error(`wrote ${files[0].bytes} bytes`);
    } else if (variant === 'fetch') {
      // The same job over raw HTTP, then the floor: fetch piped to a file.
      baseline = process.memoryUsage().rss;
      start = performance.now();
      const headers = { authorization: `Key ${API_KEY}`, 'content-type': 'application/json' };
      const job = await (
        await fetch(`${baseURLs.fal}/${FAL_ENDPOINT}`, { method: 'POST', headers, body: JSON.stringify({ prompt }) })
      ).json();
      for (;;) {
        const status = await fetch(job.status_url, { headers });
        await status.arrayBuffer();
        if (status.status === 200) break;
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      const { video } = await (await fetch(job.response_url, { headers })).json();
      completedAt = performance.now();
      const response = await fetch(video.url);
      await pipeline(Readable.fromWeb(response.body), createWriteStream(path));
    } else if (variant === 'vercel') {
      const vc = await vercel(baseURLs, {
        onResponse: (url, method, response) => {
          if (url.includes('/requests/') && response.status === 200) completedAt = performance.now();
        },
      });
      baseline = process.memoryUsage().rss;
      start = performance.now();
      const { video } = await vc.generateVideo({
        model: vc.model('fal'),
        prompt,
        download: vc.download,
        providerOptions: { fal: { pollIntervalMs: 200 } },
      });
      await writeFile(path, video.uint8Array);
      if (video.uint8Array.byteLength !== bytes) throw new Error(`got ${video.uint8Array.byteLength} bytes`);
    }
    const end = performance.now();
    return {
      variant,
      bytes,
      wallMs: end - start,
      downloadMs: end - completedAt,
      rssGrowth: Math.max(0, peakRss() - baseline),
      cpuMs: (process.cpuUsage().user + process.cpuUsage().system) / 1000,
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function main() {
  const emulator = await startEmulatorProcess({ jobDurationMs: 300, queueMs: 50, sseIntervalMs: 10 });
  const rows = [];
  try {
    for (const bytes of SIZES) {
      for (const variant of ['fetch', 'videogen', 'vercel']) {
        if (variant === 'vercel' && bytes * 2 > PEER_CAP) {
          rows.push({ variant, bytes, skipped: `needs > ${PEER_CAP / GiB} GiB` });
          continue;
        }
        const runs = [];
        for (let run = 0; run < RUNS; run++) {
          const result = await runChild(
            SELF,
            { variant, bytes, baseURLs: emulator.baseURLs },
            { nodeArgs: ['--max-old-space-size=8192'] },
          );
          if (result.error) console.log(`  ${variant} ${fmt.mib(bytes)} run ${run}: ${result.error}`);
          runs.push(result);
        }
        const ok = runs.filter((run) => !run.error);
        rows.push({
          variant,
          bytes,
          runs: ok.length,
          errors: runs.length - ok.length,
          wallMs: median(ok.map((run) => run.wallMs)),
          downloadMs: median(ok.map((run) => run.downloadMs)),
          rssGrowth: median(ok.map((run) => run.rssGrowth)),
          maxRssGrowth: Math.max(...ok.map((run) => run.rssGrowth)),
          throughputMiBs: median(ok.map((run) => run.bytes / MiB / (run.downloadMs / 1000))),
        });
        const row = rows.at(-1);
        console.log(
          `  ${variant.padEnd(8)} ${fmt.mib(bytes).padStart(11)}: rss +${fmt.mib(row.rssGrowth)}, wall ${fmt.ms(row.wallMs)}, download ${fmt.ms(row.downloadMs)} (${row.throughputMiBs?.toFixed(0)} MiB/s)`,
        );
      }
    }
  } finally {
    await emulator.close();
  }
  const find = (variant, bytes) => rows.find((row) => row.variant === variant && row.bytes === bytes);
  const big = SIZES.at(-1);
  const small = SIZES[0];
  const vg = find('videogen', big);
  const vgSmall = find('videogen', small);
  const bare = find('fetch', big);
  const checks = {
    rssCap: {
      value: vg.rssGrowth,
      target: 64 * MiB,
      pass: vg.rssGrowth <= 64 * MiB,
      worst: vg.maxRssGrowth,
      bareFetch: bare.rssGrowth,
    },
    // "independent of size": the big video grows RSS by no more than the small one + 16 MiB of noise
    rssFlat: {
      value: vg.rssGrowth - vgSmall.rssGrowth,
      target: 16 * MiB,
      pass: vg.rssGrowth - vgSmall.rssGrowth <= 16 * MiB,
    },
    throughput: {
      value: vg.throughputMiBs / bare.throughputMiBs,
      target: 0.8,
      pass: vg.throughputMiBs / bare.throughputMiBs >= 0.8,
    },
  };
  printTable(
    'save a video to a file (medians)',
    ['library', 'size', 'peak RSS growth', 'wall', 'download', 'MiB/s', 'vs fetch'],
    rows.map((row) => [
      row.variant,
      fmt.mib(row.bytes),
      row.skipped ?? fmt.mib(row.rssGrowth),
      fmt.ms(row.wallMs),
      fmt.ms(row.downloadMs),
      row.throughputMiBs?.toFixed(0),
      fmt.ratio(row.throughputMiBs, find('fetch', row.bytes)?.throughputMiBs),
    ]),
  );
  console.log(
    `  targets: rss ≤ 64 MiB ${checks.rssCap.pass ? 'PASS' : 'FAIL'}, size-independent ${checks.rssFlat.pass ? 'PASS' : 'FAIL'}, throughput ≥ 0.8× fetch ${checks.throughput.pass ? 'PASS' : 'FAIL'}`,
  );
  await writeResult('save-video', {
    sizes: SIZES,
    rows,
    checks,
    tanstack: 'returns the video URL only; saving it is left to the caller (= the fetch row)',
  });
}

const args = childArgs();
if (args) finishChild(await child(args));
else await main();
