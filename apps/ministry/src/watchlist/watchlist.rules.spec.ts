import { describe, expect, it } from '@jest/globals';
import { buildEvent, MINISTRY_SOURCE, MINISTRY_WATCHLIST_ENTRY_ISSUED_V1 } from '@simpul/contracts';
import { FIXTURE_IDS, validFixture } from '@simpul/contracts/testing';
import {
  checkpointPerson,
  entriesForArrest,
  entriesForFoiledDeparture,
  entryStatusAt,
  nextVersion,
} from './watchlist.rules.js';

const policy = { dpoDays: 180, advisoryDays: 180 };

describe('watchlist rules', () => {
  it('suspects at large become dpo/deny_departure, the others advisory/refer, with the police origin', () => {
    const event = validFixture('police.arrest.recorded.v1');
    const entries = entriesForArrest(event.data, event.id, policy);
    expect(entries.map((e) => [e.legalType, e.action])).toEqual([
      ['dpo', 'deny_departure'],
      ['advisory', 'refer'],
      ['advisory', 'refer'],
    ]);
    expect(entries[0]!.origin).toEqual({
      unit: 'polda:riau',
      eventId: event.id,
      personId: FIXTURE_IDS.brokerSuspect,
    });
    expect(entries[0]!.validFrom).toBe(event.data.occurredAt);
    expect(Date.parse(entries[0]!.validUntil) - Date.parse(event.data.occurredAt)).toBe(180 * 86_400_000);
  });

  it('candidates become protective/refer for exactly the 90 days the contract allows', () => {
    const event = validFixture('police.departure.foiled.v1');
    const entries = entriesForFoiledDeparture(event.data, event.id);
    expect(entries).toHaveLength(event.data.candidates.length);
    for (const entry of entries) {
      expect([entry.legalType, entry.action]).toEqual(['protective', 'refer']);
      expect(Date.parse(entry.validUntil) - Date.parse(entry.validFrom)).toBe(90 * 86_400_000);
      // The entry is valid under the contract (protectiveMaxDuration included).
      expect(() =>
        buildEvent(
          MINISTRY_WATCHLIST_ENTRY_ISSUED_V1,
          { entryId: FIXTURE_IDS.entryId, version: 1, issuedBy: 'KP2MI', ...entry },
          { source: MINISTRY_SOURCE },
        ),
      ).not.toThrow();
    }
  });

  it("a protective entry's reason is a fixed phrase: nothing of the police narrative, place, route or persons", () => {
    const event = validFixture('police.departure.foiled.v1');
    const data = {
      ...event.data,
      location: { name: 'Pelabuhan Tikus Sungai Dumai, rumah Pak Ahmad', regency: 'Dumai', province: 'Riau' },
      placementCompany: { name: 'PT Sinar Jaya Mandiri', licenseNumber: 'KEP-123/PPTKIS/2019' },
    };
    const entries = entriesForFoiledDeparture(data, event.id);
    const fixed = `Prospective worker stopped before a non-procedural departure (polda ${data.polda}); refer to P4MI.`;
    for (const entry of entries) expect(entry.reason).toBe(fixed);
    const reasons = entries.map((e) => e.reason).join(' ');
    for (const text of [
      'Pelabuhan',
      'Ahmad',
      'PT Sinar',
      data.route.destinationCountry,
      ...data.candidates.map((c) => c.person.fullName),
    ]) {
      expect(reasons).not.toContain(text);
    }
    // And the candidate's `minor` flag (specific data under UU PDP) does not travel with the entry.
    for (const entry of entries) expect(JSON.stringify(entry)).not.toContain('minor');
  });

  it('only the Person fields a checkpoint needs leave the ministry', () => {
    const person = {
      fullName: 'Siti',
      aliases: ['S'],
      nik: '1472014411990002',
      passportNumber: 'C1234567',
      dateOfBirth: '1999-11-04',
      sex: 'F' as const,
      nationality: 'IDN',
      phone: '0812',
    };
    expect(Object.keys(checkpointPerson(person as never)).sort()).toEqual(
      ['aliases', 'dateOfBirth', 'fullName', 'nationality', 'nik', 'passportNumber', 'sex'].sort(),
    );
  });

  it('entries past validUntil read as expired; revoked stays revoked', () => {
    const now = new Date('2026-01-01T00:00:00Z');
    expect(entryStatusAt('active', '2025-12-31T23:59:59Z', now)).toBe('expired');
    expect(entryStatusAt('active', '2026-01-02T00:00:00Z', now)).toBe('active');
    expect(entryStatusAt('revoked', '2026-01-02T00:00:00Z', now)).toBe('revoked');
  });

  it('a revocation or re-issue always carries a higher version', () => {
    expect(nextVersion(1)).toBe(2);
    expect(nextVersion(7)).toBeGreaterThan(7);
  });
});
