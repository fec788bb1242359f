import { describe, expect, it } from '@jest/globals';
import { SHORT_PLAN } from '../../deploy/local/src/chaos/chaos-plans.js';
import { runChaos, summaryOf } from '../../deploy/local/src/chaos/chaos-run.js';

// The fault suite's short schedule (`npm run chaos` runs the full one): the national stack on its
// own PostgreSQL, state and ports; a workload over HTTP while the POLICE stream's leader is killed,
// the ministry is killed, Batam's link is cut and police reports are deleted from POLICE behind the
// producer's back; then the checker, per event id, and the negative control (the reconciler off:
// the checker must find the deleted reports lost).
describe('fault suite, short schedule', () => {
  it('loses, duplicates and invents nothing, the replicas equal the ministry, and the control is caught', async () => {
    const result = await runChaos(SHORT_PLAN, () => undefined);
    const summary = summaryOf(result);
    expect({
      lost: summary.lost,
      duplicated: summary.duplicated,
      unexpected: summary.unexpected,
      replicas_equal: summary.replicas_equal,
      prevented_equal: summary.prevented_equal,
      control_detected: summary.control_detected,
      workload_failures: result.workload.failures,
      unrecovered: result.faults.filter((f) => f.recoveryMs === null).map((f) => f.kind),
      details: result.check.details,
    }).toEqual({
      lost: 0,
      duplicated: 0,
      unexpected: 0,
      replicas_equal: true,
      prevented_equal: true,
      control_detected: true,
      workload_failures: [],
      unrecovered: [],
      details: [],
    });
    // The workload did run through the faults, and the control lost what it deleted.
    expect(result.faults.map((f) => f.kind)).toEqual(
      expect.arrayContaining(['kill -9 POLICE stream leader', 'kill -9 service', 'site link cut 16 s']),
    );
    expect(result.check.produced).toBeGreaterThan(0);
    expect(result.control.check.lost).toBeGreaterThanOrEqual(result.control.deleted);
  }, 240_000);
});
