import { describe, expect, it } from '@jest/globals';
import { alertEventFrame, HEARTBEAT_FRAME } from './stream-alerts.rules.js';

describe('alertEventFrame', () => {
  it('is one SSE event: the cursor as id, event alert, the view as one line of JSON', () => {
    const view = {
      alertId: '0190a000-0000-7000-8000-000000000001',
      caseId: '0190a000-0000-7000-8000-000000000002',
      severity: 'high',
      kind: 'interception',
      region: 'riau',
      summary: 'line one\nline two',
      sourceEventIds: [],
      status: 'open',
      raisedAt: '2026-12-03T00:00:00.000Z',
      acknowledgedAt: null,
      acknowledgedBy: null,
    };
    const frame = alertEventFrame('42', view);
    expect(frame.endsWith('\n\n')).toBe(true);
    const lines = frame.slice(0, -2).split('\n');
    expect(lines.slice(0, 2)).toEqual(['id: 42', 'event: alert']);
    expect(lines).toHaveLength(3);
    expect(JSON.parse(lines[2]!.slice('data: '.length))).toEqual(view);
  });

  it('sends heartbeats as a comment line, which clients ignore', () => {
    expect(HEARTBEAT_FRAME).toMatch(/^:[^\n]*\n\n$/);
  });
});
