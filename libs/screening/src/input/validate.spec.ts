import { describe, expect, it } from '@jest/globals';
import { checkTraveler, checkWatchlistEntry } from './validate.js';

const entry = {
  entryId: '0b9d2c1e-6a0f-4c1b-9d2e-1f3a4b5c6d7e',
  version: 1,
  legalType: 'cegah',
  action: 'deny_departure',
  person: {
    fullName: 'Budi Santoso',
    nik: '3374010203750001',
    passportNumber: 'C1234567',
    dateOfBirth: '1975-03-02',
    sex: 'M',
    nationality: 'IDN',
  },
  reason: 'x',
  issuedBy: 'y',
  decisionNumber: 'IMI-1',
  validFrom: '2025-07-05T04:00:00Z',
  validUntil: '2026-01-05T11:00:00.5+07:00',
  origin: { unit: 'polda:riau', eventId: '0193f5c2-0000-7000-8000-000000000000' },
};

describe('checkWatchlistEntry', () => {
  it('accepts issued-event data and keeps only what screening needs', () => {
    const checked = checkWatchlistEntry(entry);
    expect(checked.ok).toBe(true);
    if (checked.ok)
      expect(Object.keys(checked.value).sort()).toEqual([
        'action',
        'entryId',
        'legalType',
        'person',
        'validFrom',
        'validUntil',
        'version',
      ]);
  });

  it('names each bad field with its rule', () => {
    const checked = checkWatchlistEntry({
      ...entry,
      entryId: 'E-1',
      version: 0,
      legalType: 'ban',
      validUntil: '2025-07-01T00:00:00Z',
      person: { fullName: '', nik: 3374010203750001 },
    });
    expect(checked.ok).toBe(false);
    if (!checked.ok) {
      expect(checked.problems).toEqual([
        { field: 'entryId', rule: 'uuid' },
        { field: 'version', rule: 'integer_min_1' },
        { field: 'legalType', rule: 'one_of_legal_types' },
        { field: 'person.fullName', rule: 'string_1_120' },
        { field: 'person.nik', rule: 'string_16_digits' },
        { field: 'validUntil', rule: 'after_valid_from' },
      ]);
    }
  });

  it('rejects instants without a zone and impossible dates of birth', () => {
    expect(checkWatchlistEntry({ ...entry, validFrom: '2025-07-05 04:00' }).ok).toBe(false);
    expect(checkWatchlistEntry({ ...entry, person: { ...entry.person, dateOfBirth: '1975-02-30' } }).ok).toBe(
      false,
    );
  });
});

describe('checkTraveler', () => {
  it('accepts a NIK that disagrees with the stated birth date and sex (evidence, not a rejection)', () => {
    expect(
      checkTraveler({
        travelerId: 't',
        fullName: 'Budi',
        nik: '3374014204800001',
        dateOfBirth: '1975-03-02',
        sex: 'M',
      }).ok,
    ).toBe(true);
  });

  it('checks types and lengths', () => {
    const checked = checkTraveler({
      travelerId: '',
      fullName: 'x'.repeat(121),
      aliases: Array(11).fill('a'),
      passportNumber: '#',
      nationality: 'ID',
    });
    expect(checked.ok).toBe(false);
    if (!checked.ok)
      expect(checked.problems.map((p) => p.field)).toEqual([
        'travelerId',
        'fullName',
        'aliases',
        'passportNumber',
        'nationality',
      ]);
    expect(checkTraveler([1, 2]).ok).toBe(false);
  });
});
