/**
 * `npm run demo`: starts a whole local Simpul (see local-stack.ts; `--topology national`: the hub
 * cluster and the sites, national/national-stack.ts), plays the reference scenario of
 * docs/domain.md through the public HTTP APIs and prints a short report; on the national topology
 * it then cuts Batam's link and shows the site screening and recording on its own (play-outage.ts).
 * `--once` stops everything and exits 0 when the scenario succeeded (1 otherwise); without it the
 * services stay up until Ctrl-C.
 */
import { playOutage } from './demo/play-outage.js';
import { playScenario } from './demo/play-scenario.js';
import { startLocalStack } from './local-stack.js';
import { startNationalStack } from './national/national-stack.js';
import { runUntilSignal } from './run-until-signal.js';
import { topologyFromArgs } from './topology-choice.js';

const once = process.argv.includes('--once');

await runUntilSignal(async (log) => {
  const national = topologyFromArgs(process.argv.slice(2)) === 'national';
  const nationalStack = national ? await startNationalStack({ log }) : undefined;
  const stack = nationalStack ?? (await startLocalStack(log));
  let failed = true;
  try {
    const report = await playScenario(stack.urls, stack.tokensFile, log);
    failed = report.failures.length > 0;
    console.log('\nReference scenario (counts include earlier runs: the databases keep their data)');
    console.log(
      `  alerts raised:              ${report.alertsRaised.map((a) => `${a.kind} (${a.severity})`).join(', ') || 'none'}`,
    );
    console.log(`  entries at each checkpoint: ${report.watchlistEntriesAtCheckpoints}`);
    console.log(
      `  broker at Batam Center:     ${report.screening.decision} in ${report.screening.millis} ms (${report.screening.reasons.join(', ')})`,
    );
    console.log(`  hit seen by Polda Riau:     ${report.policeSawMatch ? 'yes' : 'no'}`);
    console.log(
      `  prevented departures, Riau: ${report.preventedDepartures.riau} (from ${report.preventedDepartures.eventIds} events)`,
    );
    const work = report.fieldWork;
    if (work) {
      console.log(
        `  broker's ad, cyber patrol:  ${work.finding.linkedToCase ? 'linked to the case' : 'NOT linked'}, alert ${work.finding.alertRaised ? 'raised' : 'missing'}, lead at Polda Riau ${work.finding.leadAtPoldaRiau ? 'yes' : 'no'}`,
      );
      console.log(
        `  rapid response team:        sent, due in ${work.dispatch.dueInMinutes} min, alert ${work.dispatch.alertAcknowledged ? 'acknowledged' : 'still open'}; reported ${work.dispatch.victimsAssisted} victims assisted`,
      );
      console.log(
        `  candidate at Batam Center:  ${work.referral.decision}; P4MI referral ${work.referral.opened ? `opened, outcome ${work.referral.outcome}` : 'NOT opened'}`,
      );
      console.log(
        `  assisted / returned home:   Riau ${work.figures.assistedRiau} / Batam Center ${work.figures.returnedHomeBatam} (${work.figures.traced ? 'traced to this run' : 'NOT traced'})`,
      );
    }
    for (const failure of report.failures) console.log(`  FAILED: ${failure}`);
    if (nationalStack) {
      const site = nationalStack.topology.sites.find((s) => s.checkpoints.includes('batam-center'))!.site;
      const outage = await playOutage(stack.urls, stack.tokensFile, nationalStack.setLink, site, log);
      failed ||= outage.failures.length > 0;
      console.log(`\nOutage of site ${site} (national topology)`);
      console.log(
        `  broker at Batam Center, link down: ${outage.screening.decision} in ${outage.screening.millis} ms`,
      );
      console.log(
        `  delay held at the site:            ${outage.delayHeldAtSite ? 'yes' : 'no'} (events waiting for the hub: ${outage.waitingForHubDuringOutage ?? '?'})`,
      );
      console.log(
        `  delay at the ministry:             ${outage.catchUpSeconds === null ? 'never' : `${outage.catchUpSeconds} s after the link returned`}, counted ${outage.delayCountedTimes} time(s)`,
      );
      for (const failure of outage.failures) console.log(`  FAILED: ${failure}`);
    }
    console.log(
      `\nAPIs: police ${stack.urls.police}/docs, ministry ${stack.urls.ministry}/docs, immigration ${stack.urls.immigration}/docs`,
    );
    console.log(`Tokens: ${stack.tokensFile}`);
    console.log(
      `Console: ${stack.consoleUrl}/ (sign in with a token from that file: ministry:desk, checkpoint:batam-center, polda:riau)`,
    );
  } catch (error) {
    console.error(`simpul: the scenario failed: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (once) {
    await stack.stop();
    process.exit(failed ? 1 : 0);
  }
  return stack;
});
