import { waitFor, type ApiCall, type Json } from './api-calls.js';
import { candidateAtBatamBody, patrolFindingBody, type ScenarioRun } from './reference-scenario.js';

type Urls = { police: string; ministry: string; immigration: string };

export interface FieldWorkReport {
  /** The patrol's ad for the Dumai route, with the broker's phone number. */
  finding: { linkedToCase: boolean; alertRaised: boolean; leadAtPoldaRiau: boolean };
  /** The rapid response team sent on the critical interception alert, and its report. */
  dispatch: { dueInMinutes: number; alertAcknowledged: boolean; victimsAssisted: number };
  /** A candidate's second attempt, at Batam Center: the P4MI post's referral and its outcome. */
  referral: { decision: string; opened: boolean; outcome: string | null };
  /** The field work's own figures (§13), and whether this run's events are behind them. */
  figures: { assistedRiau: number; returnedHomeBatam: number; traced: boolean };
}

const OFFICER = 'NIP-198507142010121002';

/**
 * The ministry's field work in the reference scenario (docs/domain.md): the cyber patrol finds the
 * broker's ad, the rapid response team goes out on the critical alert, and a candidate who tries
 * again through Batam Center is referred to the P4MI post there, which sends her home. Public HTTP
 * APIs only; failures are collected, not thrown.
 */
export async function playFieldWork(
  call: ApiCall,
  urls: Urls,
  run: ScenarioRun,
  scenario: { caseId: string; interceptionAlertId: string },
  log: (line: string) => void,
  failures: string[],
): Promise<FieldWorkReport> {
  const failed =
    <T>(fallback: T) =>
    (e: Error) => (failures.push(e.message), fallback);

  log("6. the ministry's cyber patrol records an ad for the Dumai route giving the broker's phone number");
  const finding = await call(
    urls.ministry,
    'ministry:desk',
    'POST',
    '/v1/patrol/findings',
    patrolFindingBody(run),
  );
  const linkedToCase = ((finding.caseIds ?? []) as string[]).includes(scenario.caseId);
  if (!linkedToCase) failures.push('the patrol finding is not linked to the case of the arrest');
  const alertRaised = await waitFor('the patrol_finding alert', async () => {
    const items = (await call(urls.ministry, 'ministry:desk', 'GET', '/v1/alerts')).alerts as Json[];
    return items.some((a) => a.kind === 'patrol_finding' && a.caseId === scenario.caseId) ? true : undefined;
  }).catch(failed(false));
  const leadAtPoldaRiau = await waitFor('the lead at Polda Riau', async () => {
    const leads = (await call(urls.police, 'polda:riau', 'GET', '/v1/leads')).leads as Json[];
    return leads.some((l) => l.findingId === finding.id) ? true : undefined;
  }).catch(failed(false));

  log('7. the rapid response team is sent on the critical alert and reports the victims it assisted');
  const dispatch = await call(
    urls.ministry,
    'ministry:desk',
    'POST',
    `/v1/alerts/${scenario.interceptionAlertId}/dispatch`,
    { team: 'Tim Reaksi Cepat KP2MI Riau', officer: OFFICER },
  );
  const dueInMinutes = Math.round((Date.parse(dispatch.dueBy) - Date.now()) / 60_000);
  const alertAcknowledged = await waitFor('the dispatched alert acknowledged', async () => {
    const items = (await call(urls.ministry, 'ministry:desk', 'GET', '/v1/alerts')).alerts as Json[];
    return items.some((a) => a.alertId === scenario.interceptionAlertId && a.status === 'acknowledged')
      ? true
      : undefined;
  }).catch(failed(false));
  await call(urls.ministry, 'ministry:desk', 'POST', `/v1/dispatches/${dispatch.id}/report`, {
    outcome: 'victims_assisted',
    victimsAssisted: 58,
  });

  log('8. a candidate tries again through Batam Center: referred to the P4MI post, which sends her home');
  const screening = await call(
    urls.immigration,
    'checkpoint:batam-center',
    'POST',
    '/v1/screenings',
    candidateAtBatamBody(run),
  );
  if (screening.decision !== 'refer') failures.push(`the candidate was ${screening.decision}, not refer`);
  const referral = await waitFor('the P4MI referral at Batam Center', async () => {
    const items = (await call(urls.ministry, 'ministry:desk', 'GET', '/v1/referrals?checkpoint=batam-center'))
      .referrals as Json[];
    return items.find((r) => r.screeningId === screening.screeningId);
  }).catch(failed(undefined));
  if (referral)
    await call(urls.ministry, 'ministry:desk', 'POST', `/v1/referrals/${referral.referralId}/outcome`, {
      outcome: 'returned_home',
      officer: OFFICER,
    });

  const [byPolda, byCheckpoint] = await Promise.all(
    ['polda', 'checkpoint'].map((groupBy) =>
      call(urls.ministry, 'ministry:desk', 'GET', `/v1/stats/prevented-departures?groupBy=${groupBy}`),
    ),
  );
  const group = (figure: Json | undefined, key: string) =>
    ((figure?.groups ?? []) as Json[]).find((g) => g.key === key) ?? { count: 0, eventIds: [] };
  const assisted = group(byPolda!.assisted, 'riau');
  const returnedHome = group(byCheckpoint!.returnedHome, 'batam-center');
  const traced =
    (assisted.eventIds as string[]).includes(dispatch.eventId) &&
    (referral === undefined || (returnedHome.eventIds as string[]).includes(referral.eventId));
  if (!traced) failures.push("this run's dispatch or referral is not behind the field-work figures");
  return {
    finding: { linkedToCase, alertRaised, leadAtPoldaRiau },
    dispatch: { dueInMinutes, alertAcknowledged, victimsAssisted: 58 },
    referral: {
      decision: screening.decision,
      opened: referral !== undefined,
      outcome: referral ? 'returned_home' : null,
    },
    figures: { assistedRiau: assisted.count, returnedHomeBatam: returnedHome.count, traced },
  };
}
