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
  # The whole suite in two Jest processes side by side, each one file at a time: the e2e tier, and
  # the unit tier then the int tier. Most of an int file's time is waiting (its nats-server,
  # PostgreSQL, timers), so it overlaps the e2e tier's processes on these 2-core machines; the two
  # lines take about as long (e2e a little longer). Ports handed out are reserved across the
  # processes (libs/bus/src/testing/ports.ts); every int file has its own nats-server and
  # databases. The background line's output follows the e2e tier's once both are done.
  (
    tiers=0
    "${jest[@]}" --selectProjects unit --outputFile=.simpul/test-results-unit.json || tiers=1
    "${jest[@]}" --selectProjects int --outputFile=.simpul/test-results-int.json || tiers=1
    exit "$tiers"
  ) >.simpul/test-unit-int.log 2>&1 &
  background=$!
  "${jest[@]}" --selectProjects e2e --outputFile=.simpul/test-results.json || status=$?
  wait "$background" || status=1
  cat .simpul/test-unit-int.log
  node scripts/print-test-summary.mjs .simpul/test-results.json .simpul/test-results-unit.json \
    .simpul/test-results-int.json || status=1
else
  "${jest[@]}" --outputFile=.simpul/test-results.json "$@" || status=$?
  node scripts/print-test-summary.mjs .simpul/test-results.json || status=1
fi
exit "$status"
