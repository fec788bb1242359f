import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { playScenario } from '../../deploy/local/src/demo/play-scenario.js';
import { startTestSystem, type TestSystem } from '../support/local-system.js';

// docs/domain.md's reference scenario, black box: only the public HTTP APIs of three service processes.
let system: TestSystem;

beforeAll(async () => {
  system = await startTestSystem('scenario');
}, 120_000);
afterAll(() => system?.stop(), 30_000);

describe('the reference scenario', () => {
  it('turns a Riau interception and arrest into alerts, checkpoint entries, a deny at Batam and a hit for the Polda', async () => {
    const report = await playScenario(system.stack.urls, system.stack.tokensFile, () => undefined);

    expect(report.failures).toEqual([]);
    expect(report.alertsRaised).toEqual(
      expect.arrayContaining([
        { kind: 'interception', severity: 'critical' },
        { kind: 'arrest', severity: 'high' },
      ]),
    );
    // 58 protective entries for the candidates and one per suspect (dpo or advisory).
    expect(report.watchlistEntriesAtCheckpoints).toBe(58 + 11);
    expect(report.screening.decision).toBe('deny');
    expect(report.policeSawMatch).toBe(true);
    expect(report.preventedDepartures).toEqual({ riau: 58, eventIds: 1 });
    // Steps 6-8, the ministry's field work (docs/contract.md §13): the broker's ad meets the arrest
    // through his phone number written two ways, the team goes out on the critical alert, and a
    // candidate trying again at Batam Center is referred to the P4MI post there and sent home.
    expect(report.fieldWork).toEqual({
      finding: { linkedToCase: true, alertRaised: true, leadAtPoldaRiau: true },
      dispatch: { dueInMinutes: 120, alertAcknowledged: true, victimsAssisted: 58 },
      referral: { decision: 'refer', opened: true, outcome: 'returned_home' },
      figures: { assistedRiau: 58, returnedHomeBatam: 1, traced: true },
    });
  }, 90_000);
});
