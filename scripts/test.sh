#!/usr/bin/env bash
# `npm test`: the whole suite, as CI runs it (.ci/run). Builds, finds or starts what the tests need
# (nats-server, PostgreSQL: deploy/local/src/ensure-test-infra.ts), lints, type-checks, then runs
# every Jest tier (unit, int, e2e) against real PostgreSQL and real nats-server processes.
# Extra arguments go to Jest.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p .simpul

node scripts/ensure-installed.mjs # npm ci on a fresh clone (README: two commands)
npm run --silent build
infra=$(node deploy/local/dist/ensure-test-infra.js)
eval "$infra"
npm run --silent lint
npm run --silent typecheck

status=0
# --forceExit: after every test has finished and its results are written, something (no handle
# that --detectOpenHandles or process._getActiveHandles can name) keeps Jest's process alive; CI
# must not wait for it. Found and left open in issue 10's closing note.
jest=(node --experimental-vm-modules node_modules/jest/bin/jest.js --forceExit --json)
if [ "$#" -eq 0 ]; then
  # The whole suite: the unit tier (no I/O, no process of its own) runs beside the int and e2e tiers,
  # which run one file at a time on these 2-core machines, so the suite takes about as long as those
  # alone. The unit run's output follows the others' once both are done.
  "${jest[@]}" --selectProjects unit --outputFile=.simpul/test-results-unit.json >.simpul/test-unit.log 2>&1 &
  unit=$!
  "${jest[@]}" --selectProjects int e2e --outputFile=.simpul/test-results.json || status=$?
  wait "$unit" || status=$?
  cat .simpul/test-unit.log
  node scripts/print-test-summary.mjs .simpul/test-results.json .simpul/test-results-unit.json || status=1
else
  "${jest[@]}" --outputFile=.simpul/test-results.json "$@" || status=$?
  node scripts/print-test-summary.mjs .simpul/test-results.json || status=1
fi
exit "$status"
