/**
 * `npm run chaos`: the fault suite (chaos/chaos-plans.ts FULL_PLAN) on a national stack of its own.
 * `npm run chaos -- --short` runs the e2e spec's shorter schedule instead.
 * Prints a human report, then as its last line one JSON object with the figures; exits 0 only when
 * nothing was lost, duplicated or unexpected, every replica equals the ministry, the
 * prevented-departure figure equals the workload's and the negative control was detected.
 */
import { FULL_PLAN, SHORT_PLAN } from './chaos/chaos-plans.js';
import { passed, runChaos, summaryOf } from './chaos/chaos-run.js';

const log = (line: string) => console.error(`[${new Date().toISOString().slice(11, 19)}] ${line}`);
// `--short`: the schedule of the e2e spec, for a quick look.
const result = await runChaos(process.argv.includes('--short') ? SHORT_PLAN : FULL_PLAN, log);
const ms = (v: number | null) => (v === null ? 'never (bound passed)' : `${(v / 1000).toFixed(1)} s`);
console.log(`\nFault suite (${result.plan}), ${Math.round(result.durationMs / 1000)} s`);
console.log(
  `  workload: ${result.workload.requests} requests (${result.workload.retries} retries), ${result.workload.events.length} events answered 201, screenings ${JSON.stringify(result.workload.screenings)}, ${result.workload.delays} delays`,
);
console.log(`  events committed by the producers: ${result.check.produced}`);
console.log('  faults and recovery:');
for (const fault of result.faults) {
  console.log(
    `    ${fault.kind} [${fault.target}]: ${ms(fault.recoveryMs)} (${fault.recovery})${fault.notes ? `; ${fault.notes}` : ''}`,
  );
}
console.log(
  `  settle: ${result.settled ? 'settled' : 'NOT settled'} in ${ms(result.settleMs)}; lost ${result.check.lost}, duplicated ${result.check.duplicated}, unexpected ${result.check.unexpected}`,
);
console.log(
  `  replicas equal the ministry: ${result.check.replicasEqual} (${JSON.stringify(result.check.activeEntries)})`,
);
console.log(
  `  prevented departures: ministry ${result.prevented.reported}, workload ${result.prevented.expected}`,
);
console.log(
  `  negative control (police reconciler off, ${result.control.deleted} deleted): lost ${result.control.check.lost}, detected ${result.control.detected}`,
);
for (const line of [...result.check.details, ...result.workload.failures].slice(0, 30))
  console.log(`  ! ${line}`);
console.log(JSON.stringify(summaryOf(result)));
process.exit(passed(result) ? 0 : 1);
