// Benchmark 3: completion detection. For a ~20 s job, the time from the job
// completing on the emulator (its deterministic finishedAt) to the promise
// resolving, and the status requests each library made for the job.
// Each run's job lasts 20 s ± 0.8 s (19.2, 19.6, 20.0, 20.4, 20.8 s) so that
// the completion falls at a different phase of a 2 s poller every run: no
// poller gets lucky every time.
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import {
  QUICK,
  RUNS,
  childArgs,
  finishChild,
  fmt,
  median,
  printTable,
  runChild,
  startEmulatorProcess,
  writeResult,
} from './lib/harness.mjs';
import { API_KEY, GOOGLE_MODEL, tanstack, vercel, videogen } from './lib/clients.mjs';

const SELF = fileURLToPath(import.meta.url);
const BASE_MS = QUICK ? 6000 : 20_000;
const PHASES = [0.1, 0.3, 0.5, 0.7, 0.9];
const durationOf = (run) => BASE_MS - 1000 + Math.round(PHASES[run % PHASES.length] * 2000);
const VARIANTS = [
  { library: 'videogen', provider: 'fal' },
  { library: 'vercel', provider: 'fal' },
  { library: 'tanstack', provider: 'fal' },
  { library: 'fixed-2s-poller', provider: 'google' },
  { library: 'videogen', provider: 'google' },
  { library: 'vercel', provider: 'google' },
  { library: 'tanstack', provider: 'google' },
];
const STATUS_ROUTES = { fal: ['status', 'stream', 'result'], google: ['operation'] };

async function child({ library, provider, baseURLs, tag, durationMs, startAt }) {
  const prompt = `a lighthouse at dusk ${tag} [emulator:duration=${durationMs}]`;
  let go;
  if (library === 'videogen') {
    const vg = await videogen(baseURLs);
    go = () => vg.core.generateVideo({ model: vg.model(provider), prompt, download: vg.download }); // default polling
  } else if (library === 'vercel') {
    const vc = await vercel(baseURLs);
    go = () => vc.generateVideo({ model: vc.model(provider), prompt, download: vc.download }); // default polling
  } else if (library === 'tanstack') {
    const ts = await tanstack(baseURLs);
    go = () => ts.run({ provider, prompt }); // default pollingInterval (2 s)
  } else {
    // The reference: a plain loop asking every 2 s from the job's creation,
    // then downloading the video.
    go = async () => {
      const headers = { 'x-goog-api-key': API_KEY, 'content-type': 'application/json' };
      const created = await fetch(`${baseURLs.google}/models/${GOOGLE_MODEL}:predictLongRunning`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ instances: [{ prompt }], parameters: {} }),
      });
      const { name } = await created.json();
      let operation;
      do {
        await new Promise((resolve) => setTimeout(resolve, 2000));
        operation = await (await fetch(`${baseURLs.google}/${name}`, { headers })).json();
      } while (!operation.done);
      // …and then fetches the video, like the libraries do (the key only to the API's origin)
      const uri = operation.response.generateVideoResponse.generatedSamples[0].video.uri;
      const redirect = await fetch(uri, { headers, redirect: 'manual' });
      const video = await fetch(redirect.headers.get('location') ?? uri);
      await video.arrayBuffer();
    };
  }
  // Every child is loaded and idle before the first job starts, so that no
  // process start-up competes for the CPU with another's completion.
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, startAt - Date.now())));
  await go();
  return { library, provider, resolvedAt: performance.timeOrigin + performance.now() };
}

async function main() {
  const emulator = await startEmulatorProcess({ sseIntervalMs: 10 });
  const results = [];
  try {
    const launches = [];
    let slot = 0;
    const firstStart = Date.now() + 4000 + RUNS * VARIANTS.length * 250;
    for (let run = 0; run < RUNS; run++) {
      for (const variant of VARIANTS) {
        const startAt = firstStart + slot++ * 600;
        launches.push(
          (async () => {
            const tag = `bench-${randomUUID()}`;
            const durationMs = durationOf(run);
            const result = await runChild(SELF, { ...variant, baseURLs: emulator.baseURLs, tag, durationMs, startAt });
            results.push({ ...variant, run, tag, durationMs, ...result });
          })(),
        );
      }
    }
    await Promise.all(launches);
    const state = await emulator.state();
    for (const result of results) {
      const job = state.jobs.find((candidate) => candidate.prompt?.includes(result.tag));
      if (!job || result.error) continue;
      const routes = state.requests[job.id] ?? {};
      result.latencyMs = result.resolvedAt - job.finishedAt;
      result.statusRequests = STATUS_ROUTES[result.provider].reduce((sum, route) => sum + (routes[route] ?? 0), 0);
      result.routes = routes;
    }
  } finally {
    await emulator.close();
  }
  const rows = VARIANTS.map((variant) => {
    const runs = results.filter(
      (result) =>
        result.library === variant.library && result.provider === variant.provider && result.latencyMs !== undefined,
    );
    for (const run of results)
      if (run.error && run.library === variant.library && run.provider === variant.provider)
        console.log(`  ${variant.library} ${variant.provider}: ${run.error}`);
    return {
      ...variant,
      runs: runs.length,
      latencyMs: median(runs.map((run) => run.latencyMs)),
      maxLatencyMs: Math.max(...runs.map((run) => run.latencyMs)),
      statusRequests: median(runs.map((run) => run.statusRequests)),
      routes: runs[0]?.routes,
    };
  });
  const find = (library, provider) => rows.find((row) => row.library === library && row.provider === provider);
  const vgFal = find('videogen', 'fal');
  const vgGoogle = find('videogen', 'google');
  const poller = find('fixed-2s-poller', 'google');
  const checks = {
    fal: { value: vgFal.latencyMs, target: 100, pass: vgFal.latencyMs <= 100 },
    googleRequests: {
      value: vgGoogle.statusRequests,
      target: poller.statusRequests,
      pass: vgGoogle.statusRequests <= poller.statusRequests,
    },
    googleLatency: {
      value: vgGoogle.latencyMs,
      target: poller.latencyMs,
      pass: vgGoogle.latencyMs <= poller.latencyMs,
    },
  };
  printTable(
    `completion detection, ${BASE_MS / 1000} s jobs (medians of ${RUNS})`,
    ['library', 'provider', 'done → resolved', 'vs videogen', 'status requests', 'requests by route (run 1)'],
    rows.map((row) => [
      row.library,
      row.provider,
      fmt.ms(row.latencyMs),
      fmt.ratio(row.latencyMs, find('videogen', row.provider).latencyMs),
      row.statusRequests,
      JSON.stringify(row.routes ?? {}),
    ]),
  );
  console.log(
    `  targets: fal ≤ 100 ms ${checks.fal.pass ? 'PASS' : 'FAIL'}; google requests ≤ 2 s poller ${checks.googleRequests.pass ? 'PASS' : 'FAIL'}, latency ≤ 2 s poller ${checks.googleLatency.pass ? 'PASS' : 'FAIL'}`,
  );
  await writeResult('completion', {
    jobMs: BASE_MS,
    durations: Array.from({ length: RUNS }, (_, run) => durationOf(run)),
    rows,
    checks,
    runs: results,
  });
}

const args = childArgs();
if (args) finishChild(await child(args));
else await main();
