import { describe, expect, it } from '@jest/globals';
import { ValidationFailed } from '../errors/domain-error.js';
import { eventBody, normaliseBodyPhoneNumbers, phoneNumberPaths } from './phone-numbers.js';

describe('normaliseBodyPhoneNumbers', () => {
  it('normalises the phone arrays at every path, in every item of an array', () => {
    const body = {
      polda: 'riau',
      suspects: [
        { person: { fullName: 'A', phoneNumbers: ['0812-3456-7890', '62 813 1111 2222'] } },
        { person: { fullName: 'B' } },
        { person: { fullName: 'C', phoneNumbers: ['+62 (0)812 9999 0000', 'call me'] } },
      ],
    };
    expect(normaliseBodyPhoneNumbers(body, ['suspects[].person.phoneNumbers'])).toEqual({
      polda: 'riau',
      suspects: [
        { person: { fullName: 'A', phoneNumbers: ['+6281234567890', '+6281311112222'] } },
        { person: { fullName: 'B' } },
        // Unreadable values stay as given: the contract's phoneNumber rule names them.
        { person: { fullName: 'C', phoneNumbers: ['+6281299990000', 'call me'] } },
      ],
    });
  });

  it('copies what it changes and leaves the given body alone', () => {
    const body = { phoneNumbers: ['0812 3456 7890'], url: 'https://example.test/x' };
    const out = normaliseBodyPhoneNumbers(body, ['phoneNumbers']);
    expect(out).toEqual({ phoneNumbers: ['+6281234567890'], url: 'https://example.test/x' });
    expect(body.phoneNumbers).toEqual(['0812 3456 7890']);
  });

  it('leaves shapes it does not expect for validation to report', () => {
    for (const body of [
      null,
      [1],
      'text',
      { suspects: 'x' },
      { suspects: [1, null] },
      { phoneNumbers: '0812' },
    ]) {
      expect(normaliseBodyPhoneNumbers(body, ['suspects[].person.phoneNumbers', 'phoneNumbers'])).toEqual(
        body,
      );
    }
  });

  it('keeps a __proto__ key an own property of the copy', () => {
    const body = JSON.parse(
      '{"__proto__": {"polluted": true}, "phoneNumbers": ["0812 3456 7890"]}',
    ) as object;
    const out = normaliseBodyPhoneNumbers(body, ['phoneNumbers']) as Record<string, unknown>;
    expect(Object.hasOwn(out, '__proto__')).toBe(true);
    expect((out as { polluted?: unknown }).polluted).toBeUndefined();
  });
});

describe('phoneNumberPaths', () => {
  it('reads where each event holds phone numbers from the contract', () => {
    expect(phoneNumberPaths('police.arrest.recorded.v1')).toEqual(['suspects[].person.phoneNumbers']);
    expect(phoneNumberPaths('police.departure.foiled.v1')).toEqual(['candidates[].person.phoneNumbers']);
    expect(phoneNumberPaths('ministry.watchlist.entry.issued.v1')).toEqual(['person.phoneNumbers']);
    expect(phoneNumberPaths('ministry.patrol.finding.recorded.v1')).toEqual(['phoneNumbers']);
    expect(phoneNumberPaths('ministry.watchlist.entry.revoked.v1')).toEqual([]);
  });
});

describe('eventBody', () => {
  it('trims the body and reads its phone numbers as the event type holds them', () => {
    expect(
      eventBody(
        { person: { fullName: ' Siti ', phoneNumbers: [' 0812 3456 7890 '] } },
        'ministry.watchlist.entry.issued.v1',
      ),
    ).toEqual({ person: { fullName: 'Siti', phoneNumbers: ['+6281234567890'] } });
    expect(eventBody({ phoneNumbers: ['0812-3456-7890'] }, 'ministry.patrol.finding.recorded.v1')).toEqual({
      phoneNumbers: ['+6281234567890'],
    });
    expect(() => eventBody([], 'ministry.patrol.finding.recorded.v1')).toThrow(ValidationFailed);
  });
});
