import { describe, expect, it } from '@jest/globals';
import { isCalendarDate, isDateTimeWithZone, parseInstant } from '@simpul/contracts';

describe('ISO 8601 date-time with a zone', () => {
  it.each([
    '2025-07-05T03:12:00Z',
    '2025-07-05T03:12:00.1Z',
    '2025-07-05T03:12:00.123456789Z',
    '2025-07-05T10:12:00+07:00',
    '2025-07-04T22:12:00-05:00',
    '2024-02-29T00:00:00+05:45',
    '1900-01-01T00:00:00Z',
    '1900-01-01T07:00:00+07:00',
    '2100-12-31T23:59:59Z',
    '2100-12-31T23:59:59.999999Z',
  ])('accepts %s', (text) => {
    expect(isDateTimeWithZone(text)).toBe(true);
  });

  it.each([
    '2025-07-05T03:12:00',
    '2025-07-05 03:12:00Z',
    '2025-07-05t03:12:00z',
    '2025-07-05T03:12Z',
    '2025-07-05T03:12:00+0700',
    '2025-07-05T03:12:00+07',
    '2025-07-05T24:00:00Z',
    '2025-07-05T23:60:00Z',
    '2025-07-05T23:59:60Z',
    '2025-02-29T00:00:00Z',
    '2025-13-01T00:00:00Z',
    '2025-07-05T03:12:00.Z',
    '2025-07-05T03:12:00.1234567890Z',
    '2025-07-05T03:12:00+24:00',
    '+2025-07-05T03:12:00Z',
    ' 2025-07-05T03:12:00Z',
  ])('rejects %s', (text) => {
    expect(isDateTimeWithZone(text)).toBe(false);
  });

  it('computes the instant from the offset', () => {
    expect(parseInstant('2025-07-05T10:12:00+07:00')!.epochMs).toBe(Date.UTC(2025, 6, 5, 3, 12));
    expect(parseInstant('2025-07-04T22:12:00.5-05:00')!.epochMs).toBe(Date.UTC(2025, 6, 5, 3, 12, 0, 500));
    expect(parseInstant('1900-03-01T00:00:00Z')!.year).toBe(1900);
  });
});

describe('calendar dates', () => {
  it('accept real days only', () => {
    expect(isCalendarDate('2000-02-29')).toBe(true);
    expect(isCalendarDate('1900-02-29')).toBe(false);
    expect(isCalendarDate('2025-04-31')).toBe(false);
    expect(isCalendarDate('2025-4-30')).toBe(false);
    expect(isCalendarDate('2025-04-30T00:00:00Z')).toBe(false);
    expect(isCalendarDate(20250430)).toBe(false);
  });
});

describe('the contract range of instants (1900-01-01T00:00:00Z..2100-12-31T23:59:59Z)', () => {
  it.each([
    '0001-01-01T00:00:00Z',
    '1899-12-31T23:59:59.999Z',
    '1900-01-01T06:59:59+07:00',
    '2101-01-01T00:00:00Z',
    '2100-12-31T23:59:59-00:01',
    '9999-12-01T00:00:00Z',
  ])('rejects %s, on both validation paths alike (one parser)', (text) => {
    expect(isDateTimeWithZone(text)).toBe(false);
    expect(parseInstant(text)).toBeUndefined();
  });
});
