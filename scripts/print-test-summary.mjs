// Prints Jest's result as one plain closing line, `tests: N passed, N failed`, so a CI reader that
// does not know Jest's own summary format can still count the tests.
import { readFileSync } from 'node:fs';

const results = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const skipped = results.numPendingTests + results.numTodoTests;
console.log(
  `tests: ${results.numPassedTests} passed, ${results.numFailedTests} failed` +
    (skipped > 0 ? `, ${skipped} skipped` : ''),
);
if (results.numTotalTests === 0) {
  console.error('no test ran');
  process.exit(1);
}
