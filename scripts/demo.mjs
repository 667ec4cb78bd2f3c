#!/usr/bin/env node
// The offline main job: `npm run demo` builds the packages, then this script starts the
// emulator in-process and generates one video through each provider with the
// CLI's own code path (`generateCommand` of packages/cli, exactly what `videogen generate
// --emulate` runs). No keys, no network: only the providers' base URLs point at 127.0.0.1.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
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
  let story;
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
    story = await runStory(context);
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
  process.stdout.write(
    `\nEdit, extend and remix (xAI): ${story.map((step) => `${step.step} ${relative(root, step.path)} (${step.seconds.toFixed(1)} s)`).join(' -> ')}\n`,
  );
  const total = results.reduce((sum, result) => sum + result.bytes, 0);
  process.stdout.write(
    `\n${results.length} videos (${formatBytes(total)}) in ${((Date.now() - startedAt) / 1000).toFixed(1)}s. ` +
      `Next: \`npx videogen generate "your prompt" --emulate\`, or set a key and drop --emulate.\n`,
  );
}

// The three-step story of `@videogen/core`'s README (issue 21), through the CLI's `extend` and `edit`
// code path: generate a clip, extend it from its job (xAI's own video, nothing uploaded), then edit the
// longer file (sent as bytes).
async function runStory(context) {
  const model = 'xai:grok-imagine-video';
  const [first] = await generateCommand(
    'A red fox trotting through fresh snow',
    { model, duration: 3, out: join(outDir, 'story-1-generated.mp4'), emulate: true },
    context,
  );
  const jobFile = join(outDir, 'story-1-generated.json');
  await writeFile(jobFile, `${JSON.stringify(first.job)}\n`);
  const [longer] = await generateCommand(
    'The fox leaps into a snowdrift',
    {
      duration: 3,
      out: join(outDir, 'story-2-extended.mp4'),
      emulate: true,
      source: { operation: 'extend', input: jobFile },
    },
    context,
  );
  const [edited] = await generateCommand(
    'Make it night, under the northern lights',
    {
      model,
      out: join(outDir, 'story-3-edited.mp4'),
      emulate: true,
      source: { operation: 'edit', input: longer.path },
    },
    context,
  );
  const steps = [
    ['generate', first],
    ['extend', longer],
    ['edit', edited],
  ];
  return Promise.all(
    steps.map(async ([step, saved]) => {
      const bytes = new Uint8Array(await readFile(saved.path));
      readMp4Boxes(bytes);
      return { step, path: saved.path, seconds: mp4Seconds(bytes) };
    }),
  );
}

/** The length the MP4's `mvhd` box records, in seconds. */
function mp4Seconds(bytes) {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const at = Buffer.from(bytes).indexOf('mvhd');
  if (at < 0) throw new Error('no mvhd box');
  const base = at + 4;
  return bytes[base] === 1
    ? Number(view.getBigUint64(base + 24)) / view.getUint32(base + 20)
    : view.getUint32(base + 16) / view.getUint32(base + 12);
}

main().then(
  () => process.exit(0),
  (error) => {
    process.stderr.write(`demo failed: ${error?.stack ?? error}\n`);
    process.exit(1);
  },
);
