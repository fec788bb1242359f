import { apiCaller, waitFor, type Json } from './api-calls.js';
import { brokerAtBatamBody } from './reference-scenario.js';

export interface OutageReport {
  site: string;
  /** The broker screened at the site with its link down. */
  screening: { decision: string; millis: number };
  /** The delay recorded there during the outage was not at the ministry before the link returned. */
  delayHeldAtSite: boolean;
  /** What the site's /v1/watchlist/status said after the delay, with the link down: events waiting for the hub. */
  waitingForHubDuringOutage: number | null;
  /** Seconds from the link's return until the ministry counted the delay. */
  catchUpSeconds: number | null;
  /** How many times the ministry's figure holds the delay's event (must be 1). */
  delayCountedTimes: number;
  failures: string[];
}

/**
 * The national topology's outage (docs/contract.md §11), after the reference scenario: Batam's link to
 * the hub is cut; the broker, on the watchlist, is screened at Batam Center and still denied from
 * the site's own replica; the officer records the delay; the ministry does not have it while the link
 * is down; the link returns and the delay reaches the ministry's prevented-departures figure, once.
 */
export async function playOutage(
  urls: { ministry: string; immigration: string },
  tokensFile: string,
  setLink: (site: string, state: 'up' | 'down') => Promise<void>,
  site: string,
  log: (line: string) => void,
): Promise<OutageReport> {
  const call = apiCaller(tokensFile);
  const failures: string[] = [];
  const checkpoint = 'checkpoint:batam-center';
  const delayCount = async (eventId: string): Promise<number> => {
    const stats = await call(
      urls.ministry,
      'ministry:desk',
      'GET',
      '/v1/stats/prevented-departures?groupBy=checkpoint',
    );
    return ((stats.groups ?? []) as Json[])
      .flatMap((g) => g.eventIds as string[])
      .filter((id) => id === eventId).length;
  };

  log(`6. the link of site ${site} to the hub is cut`);
  await setLink(site, 'down');
  let report: OutageReport | undefined;
  try {
    await waitFor('the site to see its link down', async () => {
      const status = await call(urls.immigration, checkpoint, 'GET', '/v1/watchlist/status');
      return status.site?.link === 'down' ? true : undefined;
    }).catch((e: Error) => failures.push(e.message));
    log('7. the broker presents himself again at Batam Center, the site cut off');
    const started = performance.now();
    const screening = await call(urls.immigration, checkpoint, 'POST', '/v1/screenings', brokerAtBatamBody());
    const millis = Math.round((performance.now() - started) * 10) / 10;
    if (screening.decision !== 'deny')
      failures.push(`offline, the broker was ${screening.decision}, not deny`);
    const outcome = await call(
      urls.immigration,
      checkpoint,
      'POST',
      `/v1/screenings/${screening.screeningId}/outcome`,
      {
        outcome: 'departure_delayed',
        officer: 'NIP-198001012005011001',
      },
    );
    const delayEventId = String(outcome.eventId ?? '');
    if (!delayEventId) failures.push('the outcome answered no delay event id');
    // The delay must stay at the site while the link is down: give it time to leak if it could.
    await new Promise((resolve) => setTimeout(resolve, 2000));
    const during = await call(urls.immigration, checkpoint, 'GET', '/v1/watchlist/status');
    const waitingForHubDuringOutage = (during.site?.waitingForHub as number | null | undefined) ?? null;
    if (!(Number(waitingForHubDuringOutage) >= 1))
      failures.push(
        `the site reported ${waitingForHubDuringOutage} events waiting for the hub during the outage`,
      );
    const heldAtSite = (await delayCount(delayEventId)) === 0;
    if (!heldAtSite) failures.push('the ministry counted the delay while the link was down');

    log(`8. the link of site ${site} returns; the delay reaches the ministry`);
    await setLink(site, 'up');
    const back = performance.now();
    const counted = await waitFor(
      'the delay in the ministry figure',
      async () => ((await delayCount(delayEventId)) > 0 ? true : undefined),
      60_000,
    ).catch((e: Error) => (failures.push(e.message), false));
    const catchUpSeconds = counted ? Math.round((performance.now() - back) / 100) / 10 : null;
    const times = await delayCount(delayEventId);
    if (counted && times !== 1) failures.push(`the delay is counted ${times} times`);
    report = {
      site,
      screening: { decision: screening.decision, millis },
      delayHeldAtSite: heldAtSite,
      waitingForHubDuringOutage,
      catchUpSeconds,
      delayCountedTimes: times,
      failures,
    };
  } finally {
    await setLink(site, 'up');
  }
  return report;
}
