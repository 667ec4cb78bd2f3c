// Runs the ai 7 interop suite (test/interop-ai7) under Node 22 or later, as ai 7 requires:
// with this Node when it is 22+, otherwise with Node 22 from the npm `node` package
// (fetched once by `npm exec` into npm's cache; nothing else needs to be installed).
// Writes its vitest JSON report to test-results-ai7.json (or $VIDEOGEN_AI7_REPORT).
import { execFileSync, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const major = Number(process.versions.node.split('.')[0]);

let nodeBinary = process.execPath;
if (major < 22) {
  const printed = execFileSync('npm', ['exec', '--yes', '--package=node@22', '--', 'node', '-p', 'process.execPath'], {
    cwd: root,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  nodeBinary = printed.trim().split('\n').pop();
}

const vitest = fileURLToPath(import.meta.resolve('vitest/vitest.mjs'));
const version = execFileSync(nodeBinary, ['--version'], { encoding: 'utf8' }).trim();
console.log(`ai 7 interop suite on Node ${version}`);
const run = spawnSync(nodeBinary, [vitest, 'run', '--config', 'test/interop-ai7/vitest.config.ts'], {
  cwd: root,
  stdio: 'inherit',
});
process.exit(run.status ?? 1);
