import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { type EmulatorServer, startEmulator } from '@videogen/emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// The packages install the way a user installs them: from their packed tarballs, into an empty
// project, with nothing from this workspace. Until the packages are published, "on its own" means
// the package's tarball plus the tarballs of the @videogen packages it depends on (what npm would
// fetch from the registry); third-party dependencies come from the npm cache (`--offline`), at the
// versions of the lock file, so the check never touches the network. Needs the build (`npm test`
// builds first).
const run = promisify(execFile);
const root = join(import.meta.dirname, '..');
const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8'));
const workspaceDirs = new Map<string, string>(
  Object.entries(lock.packages as Record<string, { name?: string }>)
    .filter(([path, entry]) => path.startsWith('packages/') && entry.name)
    .map(([path, entry]) => [entry.name as string, path]),
);
const lockedVersion = (name: string): string => lock.packages[`node_modules/${name}`].version;

/** The workspace packages `names` depend on, themselves included (dependencies only, not peers). */
function workspaceClosure(names: string[]): string[] {
  const closure = new Set<string>();
  const visit = (name: string) => {
    if (closure.has(name)) return;
    closure.add(name);
    const packageJson = JSON.parse(readFileSync(join(root, workspaceDirs.get(name) as string, 'package.json'), 'utf8'));
    for (const dependency of Object.keys(packageJson.dependencies ?? {})) {
      if (workspaceDirs.has(dependency)) visit(dependency);
    }
  };
  for (const name of names) visit(name);
  return [...closure].sort();
}

const esmProgram = `
import { createDownload, VideoDownloadError, generateVideo } from '@videogen/core';
import { createFal } from '@videogen/fal';

const fal = createFal({ baseURL: process.env.EMULATOR_FAL_URL, apiKey: 'anything' });
const options = { model: fal.video('fal-ai/veo3.1/fast'), prompt: 'A red fox in fresh snow', poll: { intervalMs: 20 } };
let refused = 'nothing';
try {
  await generateVideo(options);
} catch (error) {
  refused = VideoDownloadError.isInstance(error) ? 'VideoDownloadError' : String(error);
}
const { video } = await generateVideo({ ...options, download: createDownload({ allowPrivateNetwork: true }) });
const bytes = video.uint8Array;
console.log(JSON.stringify({ refused, mediaType: video.mediaType, box: new TextDecoder().decode(bytes.subarray(4, 8)) }));
`;

const cjsProgram = `
const { createDownload, VideoDownloadError, generateVideo } = require('@videogen/core');
const { createFal } = require('@videogen/fal');

async function main() {
  const fal = createFal({ baseURL: process.env.EMULATOR_FAL_URL, apiKey: 'anything' });
  const options = { model: fal.video('fal-ai/veo3.1/fast'), prompt: 'A red fox in fresh snow', poll: { intervalMs: 20 } };
  let refused = 'nothing';
  try {
    await generateVideo(options);
  } catch (error) {
    refused = VideoDownloadError.isInstance(error) ? 'VideoDownloadError' : String(error);
  }
  const { video } = await generateVideo({ ...options, download: createDownload({ allowPrivateNetwork: true }) });
  const bytes = video.uint8Array;
  console.log(JSON.stringify({ refused, mediaType: video.mediaType, box: new TextDecoder().decode(bytes.subarray(4, 8)) }));
}
main().catch((error) => {
  console.error(error);
  process.exit(1);
});
`;

const typedProgram = `
import { createDownload, VideoDownloadError, generateVideo, type GenerateVideoResult } from '@videogen/core';
import { createFal, type FalProvider } from '@videogen/fal';

const fal: FalProvider = createFal({ baseURL: 'http://127.0.0.1:8787/fal', apiKey: 'anything' });
export async function generate(): Promise<number> {
  try {
    const result: GenerateVideoResult = await generateVideo({
      model: fal.video('fal-ai/veo3.1/fast'),
      prompt: 'A red fox in fresh snow',
      duration: 8,
      download: createDownload({ allowPrivateNetwork: true }),
    });
    const bytes: Uint8Array = result.video.uint8Array;
    return bytes.byteLength;
  } catch (error) {
    if (VideoDownloadError.isInstance(error)) return -1;
    throw error;
  }
}
`;

describe('core + fal installed from their packed tarballs into an empty project', () => {
  const under = ['@videogen/core', '@videogen/fal'];
  let dir: string;
  let project: string;
  let emulator: EmulatorServer;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'videogen-pack-'));
    const tarballs = join(dir, 'tarballs');
    project = join(dir, 'project');
    mkdirSync(tarballs);
    mkdirSync(project);
    const dependencies: Record<string, string> = { zod: lockedVersion('zod') };
    for (const name of workspaceClosure(under)) {
      const { stdout } = await run('npm', ['pack', '--json', '--workspace', name, '--pack-destination', tarballs], {
        cwd: root,
      });
      dependencies[name] = `file:${join(tarballs, JSON.parse(stdout)[0].filename)}`;
    }
    // Third-party packages at the lock file's versions, so that the npm cache has them.
    const overrides: Record<string, string> = {};
    for (const [path, entry] of Object.entries(lock.packages as Record<string, { version?: string; link?: boolean }>)) {
      const name = /^node_modules\/((?:@[^/]+\/)?[^/]+)$/.exec(path)?.[1];
      if (name && entry.version && !entry.link && !(name in dependencies)) overrides[name] = entry.version;
    }
    writeFileSync(
      join(project, 'package.json'),
      JSON.stringify({ name: 'pack-check', private: true, dependencies, overrides }),
    );
    await run('npm', ['install', '--offline', '--no-audit', '--no-fund', '--ignore-scripts'], { cwd: project });
    writeFileSync(join(project, 'generate.mjs'), esmProgram);
    writeFileSync(join(project, 'generate.cjs'), cjsProgram);
    writeFileSync(join(project, 'generate.ts'), typedProgram);
    emulator = await startEmulator({ jobDurationMs: 200, queueMs: 20 });
  }, 180_000);

  afterAll(async () => {
    await emulator?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('packs the @videogen packages core and fal depend on, and nothing from the workspace is linked', () => {
    expect(workspaceClosure(under)).toEqual([
      '@videogen/core',
      '@videogen/fal',
      '@videogen/provider-spec',
      '@videogen/provider-utils',
    ]);
    const installed = JSON.parse(readFileSync(join(project, 'node_modules/.package-lock.json'), 'utf8')).packages;
    expect(installed['node_modules/@videogen/core'].link).toBeUndefined();
    expect(installed['node_modules/@videogen/core'].resolved).toMatch(/videogen-core-.*\.tgz$/);
  });

  it.each([
    ['ESM', 'generate.mjs'],
    ['CommonJS', 'generate.cjs'],
  ])(
    'generates a video against the emulator from %s, and refuses its loopback download without the opt-in',
    async (_, file) => {
      const { stdout } = await run(process.execPath, [file], {
        cwd: project,
        env: { ...process.env, EMULATOR_FAL_URL: emulator.baseURLs.fal },
        timeout: 30_000,
      });
      expect(JSON.parse(stdout)).toEqual({ refused: 'VideoDownloadError', mediaType: 'video/mp4', box: 'ftyp' });
    },
    40_000,
  );

  it.each([
    ['node16', 'node16'],
    ['bundler', 'esnext'],
    ['node', 'commonjs'],
  ])(
    'type-checks with moduleResolution %s',
    async (moduleResolution, module) => {
      const tsc = join(root, 'node_modules/typescript/bin/tsc');
      const args = [
        ...['--noEmit', '--strict', '--esModuleInterop', '--skipLibCheck', 'false', '--target', 'es2022'],
        ...['--module', module, '--moduleResolution', moduleResolution],
        ...[
          '--typeRoots',
          join(root, 'node_modules/@types'),
          '--types',
          'node',
          '--pretty',
          'false',
          '--listFiles',
          'generate.ts',
        ],
      ];
      const output = await run(process.execPath, [tsc, ...args], { cwd: project }).then(
        ({ stdout }) => stdout,
        (error: { stdout: string }) => error.stdout,
      );
      // Third-party declaration files may have their own problems under old settings; ours may not.
      const ours = output
        .split('\n')
        .filter((line) => /^(generate\.ts|node_modules\/@videogen\/\S*)\(\d+,\d+\): error/.test(line));
      expect(ours).toEqual([]);
      // The check really read our declaration files (and did not stop early).
      expect(output).toMatch(/node_modules\/@videogen\/core\/dist\/index\.d\.c?ts/);
      expect(output).toMatch(/node_modules\/@videogen\/fal\/dist\/index\.d\.c?ts/);
    },
    120_000,
  );
});

describe('the bins', () => {
  const bins = ['packages/cli', 'packages/emulator'].flatMap((dir) =>
    Object.entries(JSON.parse(readFileSync(join(root, dir, 'package.json'), 'utf8')).bin as Record<string, string>).map(
      ([name, file]) => ({ name, dir, file }),
    ),
  );

  it('point at committed launchers (npm links a bin on install only if its file exists, and dist/ is built later)', () => {
    expect(bins.map(({ name, file }) => [name, file])).toEqual([
      ['videogen', 'bin/videogen.js'],
      ['videogen-emulator', 'bin/videogen-emulator.js'],
    ]);
  });

  it.each(bins)(
    '$name says to build first when dist/ is missing, and runs dist/bin.js once built',
    async ({ dir, file }) => {
      const copy = mkdtempSync(join(tmpdir(), 'videogen-bin-'));
      try {
        mkdirSync(join(copy, 'bin'));
        writeFileSync(join(copy, 'package.json'), JSON.stringify({ type: 'module' }));
        writeFileSync(join(copy, file), readFileSync(join(root, dir, file)));
        const failure = await run(process.execPath, [join(copy, file), '--help']).catch((error) => error);
        expect(failure.code).toBe(1);
        expect(failure.stderr).toMatch(/not built yet .*Run `npm run build` at the repository root first/);
        mkdirSync(join(copy, 'dist'));
        writeFileSync(join(copy, 'dist/bin.js'), 'console.log("built", process.argv.slice(2).join(" "));');
        const { stdout } = await run(process.execPath, [join(copy, file), '--help']);
        expect(stdout).toBe('built --help\n');
      } finally {
        rmSync(copy, { recursive: true, force: true });
      }
    },
  );
});

describe('publishing', () => {
  it('npm publish --dry-run succeeds for every public package, with the files it needs', async () => {
    const { stdout } = await run('npm', ['publish', '--dry-run', '--json', '--workspaces'], {
      cwd: root,
      maxBuffer: 64 << 20,
    });
    const published = JSON.parse(stdout) as Record<string, { name: string; files: { path: string }[] }>;
    const names = Object.values(published).map((entry) => entry.name);
    expect(names.sort()).toEqual([...workspaceDirs.keys()].filter((name) => !name.includes('example')).sort());
    const cli = Object.values(published).find((entry) => entry.name === 'videogen');
    expect(cli?.files.map((file) => file.path)).toEqual(expect.arrayContaining(['bin/videogen.js', 'dist/bin.js']));
  }, 120_000);
});
