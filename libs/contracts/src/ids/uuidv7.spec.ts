import { describe, expect, it } from '@jest/globals';
import { uuidv7 } from '@simpul/contracts';

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

function timestampOf(id: string): number {
  return parseInt(id.replace(/-/g, '').slice(0, 12), 16);
}

describe('uuidv7', () => {
  it('has version 7, the RFC 9562 variant, and the 48-bit millisecond timestamp', () => {
    const ms = Date.UTC(2025, 6, 5, 3, 12, 0, 123);
    const id = uuidv7(ms);
    expect(id).toMatch(UUID_V7);
    expect(timestampOf(id)).toBe(ms);
  });

  it('is strictly increasing within one millisecond and across many calls', () => {
    const ms = Date.UTC(2030, 0, 1);
    const ids = Array.from({ length: 10_000 }, () => uuidv7(ms));
    for (let i = 1; i < ids.length; i++) expect(ids[i] > ids[i - 1]).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.every((id) => timestampOf(id) === ms)).toBe(true);
  });

  it('stays increasing when the clock steps back', () => {
    const later = Date.UTC(2031, 0, 1);
    const a = uuidv7(later);
    const b = uuidv7(later - 60_000);
    expect(b > a).toBe(true);
    expect(timestampOf(b)).toBe(later);
  });

  it('starts a fresh random sequence in a new millisecond', () => {
    const ms = Date.UTC(2032, 0, 1);
    const a = uuidv7(ms);
    const b = uuidv7(ms + 1);
    expect(timestampOf(b)).toBe(ms + 1);
    expect(b > a).toBe(true);
  });
});
