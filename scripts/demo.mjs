#!/usr/bin/env node
// The offline main job: `npm run demo` builds the packages, then this script starts the
// emulator in-process and generates one video through each provider with the
// CLI's own code path (`generateCommand` of packages/cli, exactly what `videogen generate
// --emulate` runs). No keys, no network: only the providers' base URLs point at 127.0.0.1.
import { mkdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { join, relative } from 'node:path';
import { startEmulator, readMp4Boxes } from '../packages/emulator/dist/index.js';
import { generateCommand, formatBytes } from '../packages/cli/dist/index.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const outDir = join(root, 'out');

const runs = [
  { provider: 'openai', model: 'openai:sora-2', prompt: 'A paper boat drifting down a rain-soaked street, cinematic' },
  { provider: 'google', model: 'google:veo-3.1-fast-generate-preview', prompt: 'A lighthouse at dusk, waves crashing' },
  { provider: 'fal', model: 'fal:fal-ai/veo3.1/fast', prompt: 'A red fox running through fresh snow' },
  {
    provider: 'openrouter',
    model: 'openrouter:google/veo-3.1-fast',
    prompt: 'A hot air balloon over a valley at sunrise',
  },
  { provider: 'alibaba', model: 'alibaba:wan2.6-t2v', prompt: 'A lantern festival over a river at night' },
  { provider: 'minimax', model: 'minimax:MiniMax-Hailuo-2.3', prompt: 'A koi pond in light rain [Push in]' },
  {
    provider: 'bytedance',
    model: 'bytedance:seedance-1-0-pro-fast-251015',
    prompt: 'A paper lantern rising over a night market',
  },
  { provider: 'runway', model: 'runway:gen4.5', prompt: 'A koi pond in the rain, slow dolly-in' },
  { provider: 'kling', model: 'kling:kling-v2-6', prompt: 'A corgi surfing a wave at sunset' },
  { provider: 'xai', model: 'xai:grok-imagine-video', prompt: 'A paper lantern drifting over a night market' },
  { provider: 'luma', model: 'luma:ray-flash-2', prompt: 'A tiger walking through snow at golden hour' },
  { provider: 'replicate', model: 'replicate:bytedance/seedance-1-lite', prompt: 'A paper crane unfolding on a desk' },
];

// Progress as plain lines (not a redrawing bar), since the jobs run at once.
const stderr = { write: (text) => process.stderr.write(text), isTTY: false };
const quietStdout = { write: () => true };

async function main() {
  const startedAt = Date.now();
  await mkdir(outDir, { recursive: true });
  const emulator = await startEmulator({ host: '127.0.0.1', port: 0 });
  process.stderr.write(`videogen demo: emulator on ${emulator.url} (no keys, no network)\n\n`);
  const context = { stdout: quietStdout, stderr, env: {}, emulator, cwd: root };
  let results;
  try {
    results = await Promise.all(
      runs.map(async (run) => {
        const [saved] = await generateCommand(
          run.prompt,
          { model: run.model, out: join(outDir, `${run.provider}.mp4`), emulate: true },
          context,
        );
        const boxes = readMp4Boxes(new Uint8Array(await readFile(saved.path)));
        return { ...saved, boxes: boxes.map((box) => box.type).join(',') };
      }),
    );
  } finally {
    await emulator.close();
  }

  const header = ['PROVIDER', 'MODEL', 'JOB ID', 'SECONDS', 'BYTES', 'FILE', 'MP4 BOXES'];
  const rows = results.map((result) => [
    result.provider,
    result.modelId,
    result.jobId,
    (result.durationMs / 1000).toFixed(1),
    String(result.bytes),
    relative(root, result.path),
    result.boxes,
  ]);
  const widths = header.map((_, column) => Math.max(...[header, ...rows].map((row) => row[column].length)));
  const line = (row) =>
    row
      .map((cell, column) => cell.padEnd(widths[column]))
      .join('  ')
      .trimEnd();
  process.stdout.write(`\n${line(header)}\n${rows.map(line).join('\n')}\n`);
  const total = results.reduce((sum, result) => sum + result.bytes, 0);
  process.stdout.write(
    `\n${results.length} videos (${formatBytes(total)}) in ${((Date.now() - startedAt) / 1000).toFixed(1)}s. ` +
      `Next: \`npx videogen generate "your prompt" --emulate\`, or set a key and drop --emulate.\n`,
  );
}

main().then(
  () => process.exit(0),
  (error) => {
    process.stderr.write(`demo failed: ${error?.stack ?? error}\n`);
    process.exit(1);
  },
);
