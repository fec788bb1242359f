// Prints Jest's result as one plain closing line, `tests: N passed, N failed`, so a CI reader that
// does not know Jest's own summary format can still count the tests. A test file that failed to run
// (a syntax or import error) has no tests to count, so each such file counts as one failure: the
// line never says "0 failed" while a suite is broken. Several result files (the tiers scripts/test.sh
// runs side by side) are counted as one run.
import { readFileSync } from 'node:fs';

const runs = process.argv.slice(2).map((file) => JSON.parse(readFileSync(file, 'utf8')));
const sum = (field) => runs.reduce((total, run) => total + run[field], 0);
const results = {
  numPendingTests: sum('numPendingTests'),
  numTodoTests: sum('numTodoTests'),
  numFailedTests: sum('numFailedTests'),
  numPassedTests: sum('numPassedTests'),
  numTotalTests: sum('numTotalTests'),
  testResults: runs.flatMap((run) => run.testResults),
};
const skipped = results.numPendingTests + results.numTodoTests;
const brokenSuites = results.testResults.filter(
  (suite) => suite.status === 'failed' && suite.assertionResults.every((test) => test.status !== 'failed'),
);
for (const suite of brokenSuites) console.error(`failed to run: ${suite.name}`);
const failed = results.numFailedTests + brokenSuites.length;
console.log(
  `tests: ${results.numPassedTests} passed, ${failed} failed` + (skipped > 0 ? `, ${skipped} skipped` : ''),
);
if (results.numTotalTests === 0) {
  console.error('no test ran');
  process.exit(1);
}
if (failed > 0) process.exit(1);
