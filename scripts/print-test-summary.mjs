// Prints Jest's result as one plain closing line, `tests: N passed, N failed`, so a CI reader that
// does not know Jest's own summary format can still count the tests. A test file that failed to run
// (a syntax or import error) has no tests to count, so each such file counts as one failure: the
// line never says "0 failed" while a suite is broken.
import { readFileSync } from 'node:fs';

const results = JSON.parse(readFileSync(process.argv[2], 'utf8'));
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
