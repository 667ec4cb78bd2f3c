// The README's test command after the build: the root vitest suite on this Node, then the
// ai 7 interop suite (test/interop-ai7) on Node 22+ (scripts/test-ai7.mjs). Both always run;
// the exit code is non-zero when either failed. Reports: test-results.json, test-results-ai7.json
// (or $VIDEOGEN_AI7_REPORT for the second); scripts/test-summary.mjs sums them.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const vitest = fileURLToPath(import.meta.resolve('vitest/vitest.mjs'));
const extraArgs = process.argv.slice(2);

const main = spawnSync(process.execPath, [vitest, 'run', ...extraArgs], { cwd: root, stdio: 'inherit' });
const ai7 = spawnSync(process.execPath, ['scripts/test-ai7.mjs'], { cwd: root, stdio: 'inherit' });
process.exit(main.status === 0 && ai7.status === 0 ? 0 : 1);
