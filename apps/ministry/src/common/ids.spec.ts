import { describe, expect, it } from '@jest/globals';
import { addDays, deterministicUuid } from './ids.js';

describe('ids and instants', () => {
  it('derives the same UUID from the same parts, and another from other parts', () => {
    const a = deterministicUuid('entry', 'polda:riau', 'x');
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(deterministicUuid('entry', 'polda:riau', 'x')).toBe(a);
    expect(deterministicUuid('entry', 'polda:riau:x')).not.toBe(a);
  });

  it('adds days of 24 h to an instant with any offset', () => {
    expect(addDays('2025-07-05T02:40:00+07:00', 90)).toBe('2025-10-02T19:40:00.000Z');
  });

  it("clamps to the contract's last instant, so an entry derived from a late arrest still fits an event", () => {
    expect(addDays('2100-12-01T00:00:00Z', 180)).toBe('2100-12-31T23:59:59.999Z');
  });
});
