// Benchmark 4: 1,000 concurrent 2 s jobs in one process. Peak RSS growth and
// CPU seconds (process.cpuUsage) of the client; the emulator runs in its own
// process, so its cost is not counted.
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import { fileURLToPath } from 'node:url';
import {
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
import { API_KEY, FAL_ENDPOINT, GOOGLE_MODEL, vercel, videogen } from './lib/clients.mjs';

const SELF = fileURLToPath(import.meta.url);
const JOBS = Number(process.env.BENCH_JOBS ?? (QUICK ? 200 : 1000));
const LIBRARIES = process.env.BENCH_LIBRARIES?.split(',') ?? ['videogen', 'vercel', 'fetch-floor', 'http-floor'];
const PROVIDERS = process.env.BENCH_PROVIDERS?.split(',') ?? ['fal', 'google'];

async function child({ library, provider, baseURLs, jobs }) {
  let one;
  if (library === 'fetch-floor') {
    one = fetchFloor(provider, baseURLs, fetch);
  } else if (library === 'http-floor') {
    one = fetchFloor(provider, baseURLs, bareHttpFetch());
  } else if (library === 'videogen' || library === 'videogen-before') {
    // `videogen-before`: the same client from another checkout's build (BENCH_BEFORE_ROOT), in the same rounds.
    const vg = await videogen(baseURLs, library === 'videogen-before' ? process.env.BENCH_BEFORE_ROOT : undefined);
    const model = vg.model(provider);
    one = (prompt) => vg.core.generateVideo({ model, prompt, download: vg.download });
  } else {
    const vc = await vercel(baseURLs);
    const model = vc.model(provider);
    one = (prompt) => vc.generateVideo({ model, prompt, download: vc.download });
  }
  const tag = randomUUID();
  global.gc?.();
  const baselineRss = process.memoryUsage().rss;
  const cpuBefore = process.cpuUsage();
  const start = performance.now();
  const results = await Promise.allSettled(Array.from({ length: jobs }, (_, index) => one(`job ${index} ${tag}`)));
  const wallMs = performance.now() - start;
  const cpu = process.cpuUsage(cpuBefore);
  const failed = results.filter((result) => result.status === 'rejected');
  return {
    library,
    provider,
    jobs,
    failed: failed.length,
    firstError: failed[0]?.reason?.message?.slice(0, 200),
    wallMs,
    cpuMs: (cpu.user + cpu.system) / 1000,
    rssGrowth: Math.max(0, peakRss() - baselineRss),
  };
}

/**
 * The floor: the fewest requests a client can make for a 2 s job (submit, one
 * status/result request after 2 s, the video), with plain `fetch` and nothing
 * else (no validation, retries, abort, limits). What any fetch-based SDK pays.
 * With `bareHttpFetch`, the same over bare `node:http` keep-alive.
 */
function fetchFloor(provider, baseURLs, fetch) {
  const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
  if (provider === 'fal') {
    const headers = { authorization: `Key ${API_KEY}`, 'content-type': 'application/json' };
    return async (prompt) => {
      const submitted = await (
        await fetch(`${baseURLs.fal}/${FAL_ENDPOINT}`, { method: 'POST', headers, body: JSON.stringify({ prompt }) })
      ).json();
      for (;;) {
        await sleep(2000);
        const response = await fetch(submitted.response_url, { headers });
        const body = await response.json();
        if (response.ok) return new Uint8Array(await (await fetch(body.video.url)).arrayBuffer());
      }
    };
  }
  const headers = { 'x-goog-api-key': API_KEY, 'content-type': 'application/json' };
  return async (prompt) => {
    const { name } = await (
      await fetch(`${baseURLs.google}/models/${GOOGLE_MODEL}:predictLongRunning`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ instances: [{ prompt }], parameters: {} }),
      })
    ).json();
    let operation;
    do {
      await sleep(2000);
      operation = await (await fetch(`${baseURLs.google}/${name}`, { headers })).json();
    } while (!operation.done);
    const uri = operation.response.generateVideoResponse.generatedSamples[0].video.uri;
    const redirect = await fetch(uri, { headers, redirect: 'manual' });
    await redirect.arrayBuffer();
    return new Uint8Array(await (await fetch(redirect.headers.get('location') ?? uri)).arrayBuffer());
  };
}

/**
 * The least a fetch-shaped call can be on `node:http`: keep-alive agent, the
 * body read into one array (sized by Content-Length, so each video is held
 * once and never copied), no redirects, decoding, aborts or timeouts.
 */
function bareHttpFetch() {
  const agent = new http.Agent({ keepAlive: true, maxFreeSockets: Infinity });
  return (url, { method = 'GET', headers = {}, body } = {}) =>
    new Promise((resolve, reject) => {
      const request = http.request(url, { method, headers, agent }, (response) => {
        const length = Number(response.headers['content-length']);
        let bytes = Number.isSafeInteger(length) ? new Uint8Array(length) : undefined;
        let offset = 0;
        const chunks = [];
        response.on('data', (chunk) => {
          if (bytes) {
            bytes.set(chunk, offset);
            offset += chunk.length;
          } else {
            chunks.push(chunk);
          }
        });
        response.on('error', reject);
        response.on('end', () => {
          bytes ??= new Uint8Array(Buffer.concat(chunks));
          const status = response.statusCode;
          resolve({
            ok: status >= 200 && status < 300,
            status,
            headers: { get: (name) => response.headers[name] ?? null },
            json: async () =>
              JSON.parse(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8')),
            arrayBuffer: async () => bytes.buffer,
          });
        });
      });
      request.on('error', reject);
      request.end(body);
    });
}

async function main() {
  const emulator = await startEmulatorProcess({ jobDurationMs: 2000, queueMs: 300 });
  const rows = [];
  try {
    for (const provider of PROVIDERS) {
      // Libraries take turns within each round, so that a change in the machine's load over the
      // minutes of a benchmark falls on all of them alike (not on whichever ran last).
      const runsByLibrary = new Map(LIBRARIES.map((library) => [library, []]));
      for (let run = 0; run < RUNS; run++) {
        for (const library of LIBRARIES) {
          const result = await runChild(SELF, { library, provider, baseURLs: emulator.baseURLs, jobs: JOBS });
          if (result.error || result.failed)
            console.log(`  ${library} ${provider}: ${result.error ?? `${result.failed} failed: ${result.firstError}`}`);
          runsByLibrary.get(library).push(result);
          await emulator.clear();
        }
      }
      for (const library of LIBRARIES) {
        const ok = runsByLibrary.get(library).filter((run) => !run.error);
        const row = {
          library,
          provider,
          runs: ok.length,
          failedJobs: ok.reduce((sum, run) => sum + run.failed, 0),
          cpuMs: median(ok.map((run) => run.cpuMs)),
          rssGrowth: median(ok.map((run) => run.rssGrowth)),
          wallMs: median(ok.map((run) => run.wallMs)),
        };
        rows.push(row);
        console.log(
          `  ${library.padEnd(8)} ${provider.padEnd(6)}: cpu ${fmt.ms(row.cpuMs)}, rss +${fmt.mib(row.rssGrowth)}, wall ${fmt.ms(row.wallMs)}, failed jobs ${row.failedJobs}`,
        );
      }
    }
  } finally {
    await emulator.close();
  }
  const find = (library, provider) => rows.find((row) => row.library === library && row.provider === provider);
  printTable(
    `${JOBS} concurrent 2 s jobs in one process (medians of ${RUNS})`,
    ['library', 'provider', 'CPU', 'vs Vercel', 'peak RSS growth', 'vs Vercel', 'wall'],
    rows.map((row) => [
      row.library,
      row.provider,
      fmt.ms(row.cpuMs),
      fmt.ratio(row.cpuMs, find('vercel', row.provider).cpuMs),
      fmt.mib(row.rssGrowth),
      fmt.ratio(row.rssGrowth, find('vercel', row.provider).rssGrowth),
      fmt.ms(row.wallMs),
    ]),
  );
  const checks = {};
  for (const provider of PROVIDERS) {
    const vg = find('videogen', provider);
    const vc = find('vercel', provider);
    checks[`${provider}Cpu`] = { value: vg.cpuMs / vc.cpuMs, target: 0.5, pass: vg.cpuMs <= vc.cpuMs / 2 };
    checks[`${provider}Rss`] = {
      value: vg.rssGrowth / vc.rssGrowth,
      target: 0.5,
      pass: vg.rssGrowth <= vc.rssGrowth / 2,
    };
  }
  console.log(
    `  targets (≤ 0.5× Vercel): ${Object.entries(checks)
      .map(([key, check]) => `${key} ${check.value.toFixed(2)} ${check.pass ? 'PASS' : 'FAIL'}`)
      .join(', ')}`,
  );
  // A before/after run (BENCH_BEFORE_ROOT) is kept apart from the benchmark's own result.
  await writeResult(process.env.BENCH_BEFORE_ROOT ? 'concurrency-before-after' : 'concurrency', {
    jobs: JOBS,
    rows,
    checks,
  });
}

const args = childArgs();
if (args) finishChild(await child(args));
else await main();
