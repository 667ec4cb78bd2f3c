// Benchmark 2: abort latency after the job is created, polling every 5 s.
// Time from abort() to the promise rejecting, and whether the job was
// cancelled at the provider (fal has a cancel endpoint; Gemini has none).
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import {
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
import { tanstack, vercel, videogen } from './lib/clients.mjs';

const SELF = fileURLToPath(import.meta.url);
const POLL_MS = 5000;
const ABORT_AFTER_MS = 1000; // after the job was created: mid-interval
const LIBRARIES = ['videogen', 'vercel', 'tanstack'];
const PROVIDERS = ['fal', 'google'];

async function child({ library, provider, baseURLs, tag }) {
  const prompt = `a slow sunrise ${tag} [emulator:duration=600000]`;
  const controller = new AbortController();
  let abortedAt;
  const onJobCreated = () => {
    setTimeout(() => {
      abortedAt = performance.now();
      controller.abort();
    }, ABORT_AFTER_MS);
  };
  let promise;
  if (library === 'videogen') {
    const vg = await videogen(baseURLs);
    promise = vg.core.generateVideo({
      model: vg.model(provider),
      prompt,
      download: vg.download,
      poll: { intervalMs: POLL_MS },
      abortSignal: controller.signal,
      onProgress: (event) => event.type === 'job-created' && onJobCreated(),
    });
  } else if (library === 'vercel') {
    const vc = await vercel(baseURLs, {
      onResponse: (url, method) => method === 'POST' && onJobCreated(),
    });
    promise = vc.generateVideo({
      model: vc.model(provider),
      prompt,
      download: vc.download,
      providerOptions: { [provider]: { pollIntervalMs: POLL_MS } },
      abortSignal: controller.signal,
    });
  } else {
    const ts = await tanstack(baseURLs);
    promise = ts.run({ provider, prompt, pollingInterval: POLL_MS, abortSignal: controller.signal, onJobCreated });
  }
  let error;
  try {
    await promise;
  } catch (caught) {
    error = caught;
  }
  const rejectedAt = performance.now();
  // give a background cancel request time to leave before the process exits
  await new Promise((resolve) => setTimeout(resolve, 500));
  return {
    library,
    provider,
    latencyMs: rejectedAt - abortedAt,
    errorName: error?.name,
    errorMessage: error?.message?.slice(0, 120),
  };
}

async function main() {
  const emulator = await startEmulatorProcess({ sseIntervalMs: 10 });
  const rows = [];
  try {
    for (const provider of PROVIDERS) {
      for (const library of LIBRARIES) {
        // one run at a time: a concurrent child starting up would steal the CPU
        const runs = [];
        for (let run = 0; run < RUNS; run++) {
          runs.push(
            await (async () => {
              const tag = `bench-${randomUUID()}`;
              const result = await runChild(SELF, { library, provider, baseURLs: emulator.baseURLs, tag });
              const state = await emulator.state();
              const job = state.jobs.find((candidate) => candidate.prompt?.includes(tag));
              result.cancelRequests = job ? (state.requests[job.id]?.cancel ?? 0) : 0;
              result.cancelledAtProvider = job?.status === 'cancelled';
              return result;
            })(),
          );
        }
        const ok = runs.filter((run) => !run.error && run.latencyMs !== undefined);
        for (const run of runs) if (run.error) console.log(`  ${library} ${provider}: ${run.error}`);
        const row = {
          library,
          provider,
          runs: ok.length,
          latencyMs: median(ok.map((run) => run.latencyMs)),
          maxLatencyMs: Math.max(...ok.map((run) => run.latencyMs)),
          errorName: ok[0]?.errorName,
          errorMessage: ok[0]?.errorMessage,
          cancelled: ok.filter((run) => run.cancelledAtProvider).length,
        };
        rows.push(row);
        console.log(
          `  ${library.padEnd(8)} ${provider.padEnd(6)}: ${fmt.ms(row.latencyMs)} (max ${fmt.ms(row.maxLatencyMs)}), ${row.errorName}, cancelled at provider ${row.cancelled}/${row.runs}`,
        );
      }
    }
  } finally {
    await emulator.close();
  }
  const find = (library, provider) => rows.find((row) => row.library === library && row.provider === provider);
  printTable(
    `abort latency, ${POLL_MS / 1000} s poll interval, abort ${ABORT_AFTER_MS} ms after the job was created (medians)`,
    ['library', 'provider', 'abort → reject', 'vs videogen', 'error', 'job cancelled'],
    rows.map((row) => [
      row.library,
      row.provider,
      fmt.ms(row.latencyMs),
      fmt.ratio(row.latencyMs, find('videogen', row.provider).latencyMs),
      row.errorName,
      `${row.cancelled}/${row.runs}`,
    ]),
  );
  const checks = Object.fromEntries(
    PROVIDERS.map((provider) => {
      const value = find('videogen', provider).maxLatencyMs;
      return [provider, { value, target: 50, pass: value <= 50 }];
    }),
  );
  console.log(
    `  target ≤ 50 ms (worst run): ${Object.entries(checks)
      .map(([key, check]) => `${key} ${check.pass ? 'PASS' : 'FAIL'}`)
      .join(', ')}`,
  );
  await writeResult('abort-latency', { pollMs: POLL_MS, abortAfterMs: ABORT_AFTER_MS, rows, checks });
}

const args = childArgs();
if (args) finishChild(await child(args));
else await main();
