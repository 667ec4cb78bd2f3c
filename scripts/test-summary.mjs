// Reads vitest's JSON report and prints `N passed, M failed` as the last line.
// Exits non-zero when the report is missing, when a test failed, or when no
// test ran at all, so a silent or broken run never looks green.
import { existsSync, readFileSync } from 'node:fs';

const reportPath = process.argv[2] ?? 'test-results.json';
if (!existsSync(reportPath)) {
  console.log(`no test report at ${reportPath}`);
  console.log('0 passed, 1 failed');
  process.exit(1);
}
const report = JSON.parse(readFileSync(reportPath, 'utf8'));
const passed = report.numPassedTests ?? 0;
// Files that failed to load count as failures too: they ran no test.
const failedSuites = (report.testResults ?? []).filter(
  (file) => file.status === 'failed' && (file.assertionResults ?? []).length === 0,
).length;
const failed = (report.numFailedTests ?? 0) + failedSuites;
const skipped = (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
const line = `${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`;
console.log(line);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
