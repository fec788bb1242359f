import { describe, expect, it } from '@jest/globals';
import { ackAllowanceSeconds, alertForAckSlaBreach, MAX_ACK_SLA_SECONDS } from './ack-sla.rules.js';

describe('acknowledgement SLA rules', () => {
  it('gives a critical alert the configured allowance and every other severity none', () => {
    expect(ackAllowanceSeconds({ kind: 'interception', severity: 'critical' }, 900)).toBe(900);
    expect(ackAllowanceSeconds({ kind: 'watchlist_match', severity: 'critical' }, 1)).toBe(1);
    for (const severity of ['high', 'medium', 'low'] as const) {
      expect(ackAllowanceSeconds({ kind: 'interception', severity }, 900)).toBeNull();
    }
  });

  it('gives an sla_breached alert no deadline of its own, whatever its severity', () => {
    expect(ackAllowanceSeconds({ kind: 'sla_breached', severity: 'critical' }, 900)).toBeNull();
    expect(ackAllowanceSeconds({ kind: 'sla_breached', severity: 'high' }, 900)).toBeNull();
  });

  it('caps an allowance too long for a timestamp rather than fail the alert', () => {
    expect(ackAllowanceSeconds({ kind: 'arrest', severity: 'critical' }, Number.MAX_SAFE_INTEGER)).toBe(
      MAX_ACK_SLA_SECONDS,
    );
  });

  it('raises a high sla_breached alert in the region of the breached one, naming it by id only', () => {
    const breach = alertForAckSlaBreach({
      id: '0190a000-0000-7000-8000-000000000001',
      kind: 'watchlist_match',
      region: 'soekarno-hatta',
      ackDueAt: new Date('2026-01-01T00:15:00Z'),
    });
    expect(breach).toEqual({
      kind: 'sla_breached',
      severity: 'high',
      region: 'soekarno-hatta',
      summary:
        'Critical alert 0190a000-0000-7000-8000-000000000001 (watchlist_match) was neither acknowledged nor dispatched by 2026-01-01T00:15:00.000Z.',
    });
  });
});
