import { apiCaller, waitFor, type Json } from './api-calls.js';
import { playFieldWork, type FieldWorkReport } from './play-field-work.js';
import {
  arrestBody,
  brokerAtBatamBody,
  foiledDepartureBody,
  type ScenarioRun,
} from './reference-scenario.js';

type Urls = { police: string; ministry: string; immigration: string };

export interface ScenarioReport {
  interceptionId: string;
  arrestId: string;
  alertsRaised: { severity: string; kind: string }[];
  watchlistEntriesAtCheckpoints: number;
  screening: { decision: string; matches: number; reasons: string[]; millis: number };
  policeSawMatch: boolean;
  preventedDepartures: { riau: number; eventIds: number };
  /** Steps 6-8: the cyber patrol, the rapid response team, the P4MI post (undefined if not reached). */
  fieldWork?: FieldWorkReport;
  failures: string[];
}

/**
 * Plays docs/domain.md's reference scenario against running services through their public HTTP APIs
 * only, and reports what each agency saw. Failures are collected, not thrown, so the report says
 * everything that went wrong.
 */
export async function playScenario(
  urls: Urls,
  tokensFile: string,
  log: (line: string) => void,
): Promise<ScenarioReport> {
  const call = apiCaller(tokensFile);
  const failures: string[] = [];
  const run: ScenarioRun = {
    runId: String(Date.now() % 1_000_000),
    occurredAt: new Date(Date.now() - 7 * 86_400_000),
  };

  log('1. Polda Riau records the foiled departure at Dumai (58 candidates) and the arrest of 11 suspects');
  const interception = await call(
    urls.police,
    'polda:riau',
    'POST',
    '/v1/interceptions',
    foiledDepartureBody(run),
  );
  const arrest = await call(
    urls.police,
    'polda:riau',
    'POST',
    '/v1/arrests',
    arrestBody(run, interception.id),
  );

  log('2. the ministry links a case, raises alerts, issues watchlist entries');
  const alerts = await waitFor('ministry alerts for the interception', async () => {
    const items = (await call(urls.ministry, 'ministry:desk', 'GET', '/v1/alerts')).alerts as Json[];
    const ours = items.filter((a) =>
      (a.sourceEventIds ?? []).some((id: string) => id === interception.eventId || id === arrest.eventId),
    );
    return ours.length >= 2 ? ours : undefined;
  }).catch((e: Error) => (failures.push(e.message), [] as Json[]));

  log('3. every checkpoint replica receives the entries');
  const expectedEntries = 58 + 11;
  const status = await waitFor('the watchlist entries at the checkpoints', async () => {
    const s = await call(urls.immigration, 'checkpoint:batam-center', 'GET', '/v1/watchlist/status');
    return s.entries >= expectedEntries ? s : undefined;
  }).catch((e: Error) => (failures.push(e.message), { entries: 0 } as Json));

  log('4. a week later the broker, under an old spelling of his name, is screened at Batam Center');
  const started = performance.now();
  const screening = await call(
    urls.immigration,
    'checkpoint:batam-center',
    'POST',
    '/v1/screenings',
    brokerAtBatamBody(),
  );
  const millis = performance.now() - started;
  if (screening.decision !== 'deny') failures.push(`the broker was ${screening.decision}, not deny`);
  await call(
    urls.immigration,
    'checkpoint:batam-center',
    'POST',
    `/v1/screenings/${screening.screeningId}/outcome`,
    {
      outcome: 'departure_delayed',
      officer: 'NIP-198001012005011001',
    },
  );

  log('5. Polda Riau receives the hit; the ministry counts the prevented departures');
  const policeSawMatch = await waitFor('the match at Polda Riau', async () => {
    const items = (await call(urls.police, 'polda:riau', 'GET', '/v1/matches')).matches as Json[];
    return items.some((m) => m.screeningId === screening.screeningId) ? true : undefined;
  }).catch((e: Error) => (failures.push(e.message), false));
  const stats = await call(
    urls.ministry,
    'ministry:desk',
    'GET',
    '/v1/stats/prevented-departures?groupBy=polda',
  );
  const riau = ((stats.groups ?? []) as Json[]).find((g) => g.key === 'riau') ?? {
    prevented: 0,
    eventIds: [],
  };
  if (!(riau.eventIds as string[]).includes(interception.eventId))
    failures.push('the interception is not in the Riau figure');

  const interceptionAlert = alerts.find((a) => a.kind === 'interception');
  const fieldWork = interceptionAlert
    ? await playFieldWork(
        call,
        urls,
        run,
        { caseId: interceptionAlert.caseId, interceptionAlertId: interceptionAlert.alertId },
        log,
        failures,
      ).catch((e: Error) => (failures.push(`the field work: ${e.message}`), undefined))
    : undefined;

  return {
    interceptionId: interception.id,
    arrestId: arrest.id,
    alertsRaised: alerts.map((a) => ({ severity: a.severity, kind: a.kind })),
    watchlistEntriesAtCheckpoints: status.entries,
    screening: {
      decision: screening.decision,
      matches: (screening.matches ?? []).length,
      reasons: [
        ...new Set(((screening.matches ?? []) as Json[]).flatMap((m) => m.reasons ?? [])),
      ] as string[],
      millis: Math.round(millis * 10) / 10,
    },
    policeSawMatch,
    preventedDepartures: { riau: riau.prevented, eventIds: (riau.eventIds as string[]).length },
    fieldWork,
    failures,
  };
}
