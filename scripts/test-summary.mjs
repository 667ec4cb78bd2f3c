// Reads one or more vitest JSON reports and prints `N passed, M failed` (summed) as the last line.
// Exits non-zero when a report is missing, when a test failed, or when no test ran at all, so a
// silent or broken run never looks green. Default reports: test-results.json and test-results-ai7.json.
import { existsSync, readFileSync } from 'node:fs';

const reportPaths = process.argv.length > 2 ? process.argv.slice(2) : ['test-results.json', 'test-results-ai7.json'];
let passed = 0;
let failed = 0;
let skipped = 0;
for (const reportPath of reportPaths) {
  if (!existsSync(reportPath)) {
    console.log(`no test report at ${reportPath}`);
    failed += 1;
    continue;
  }
  const report = JSON.parse(readFileSync(reportPath, 'utf8'));
  // Files that failed to load count as failures too: they ran no test.
  const failedSuites = (report.testResults ?? []).filter(
    (file) => file.status === 'failed' && (file.assertionResults ?? []).length === 0,
  ).length;
  const reportPassed = report.numPassedTests ?? 0;
  const reportFailed = (report.numFailedTests ?? 0) + failedSuites;
  if (reportPaths.length > 1) console.log(`${reportPath}: ${reportPassed} passed, ${reportFailed} failed`);
  passed += reportPassed;
  failed += reportFailed;
  skipped += (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
}
const line = `${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`;
console.log(line);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
