import { describe, expect, it } from '@jest/globals';
import type { Alert } from '../../api/types';
import { mergeAlert } from './AlertFeed';

const alert = (alertId: string, raisedAt: string, changes: Partial<Alert> = {}): Alert => ({
  alertId,
  caseId: `case-${alertId}`,
  severity: 'high',
  kind: 'broker_rearrested',
  region: 'kepri',
  summary: 'a summary',
  sourceEventIds: [],
  status: 'open',
  raisedAt,
  acknowledgedAt: null,
  acknowledgedBy: null,
  ...changes,
});

describe('the alert feed', () => {
  it('keeps alerts newest first, whatever order they arrive in', () => {
    let alerts: Alert[] = [];
    alerts = mergeAlert(alerts, alert('b', '2026-12-03T10:00:00.000Z'));
    alerts = mergeAlert(alerts, alert('a', '2026-12-03T09:00:00.000Z'));
    alerts = mergeAlert(alerts, alert('c', '2026-12-03T11:00:00.000Z'));
    expect(alerts.map((a) => a.alertId)).toEqual(['c', 'b', 'a']);
  });

  it('replaces an alert by its later version (acknowledged), in its place, once', () => {
    const before = [alert('c', '2026-12-03T11:00:00.000Z'), alert('b', '2026-12-03T10:00:00.000Z')];
    const acknowledged = alert('b', '2026-12-03T10:00:00.000Z', {
      status: 'acknowledged',
      acknowledgedAt: '2026-12-03T12:00:00.000Z',
      acknowledgedBy: '198701012010011001',
    });
    const after = mergeAlert(before, acknowledged);
    expect(after.map((a) => [a.alertId, a.status])).toEqual([
      ['c', 'open'],
      ['b', 'acknowledged'],
    ]);
    // The list shown before is left as it was (React state is replaced, never changed).
    expect(before[1]!.status).toBe('open');
  });

  it('shows an alert sent again (a resumed stream) once', () => {
    const once = mergeAlert([], alert('a', '2026-12-03T09:00:00.000Z'));
    expect(mergeAlert(once, alert('a', '2026-12-03T09:00:00.000Z'))).toHaveLength(1);
  });
});
