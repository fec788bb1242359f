import { describe, expect, it } from '@jest/globals';
import {
  identityKeys,
  matchReasons,
  matchScore,
  normaliseName,
  normalisePassport,
} from './identity.rules.js';

describe('identity rules', () => {
  it('normalises names: case, diacritics, punctuation, whitespace', () => {
    expect(normaliseName('  Dédi   SUPRIADI, S.Pd. ')).toBe('dedi supriadi s pd');
    expect(normaliseName("Ma'ruf  bin\tAmin")).toBe('ma ruf bin amin');
  });

  it('normalises passports: O as 0, I as 1, upper case', () => {
    expect(normalisePassport('c1234567')).toBe('C1234567');
    expect(normalisePassport('CO12I4567')).toBe('C01214567');
    expect(normalisePassport('C0121456 7')).toBe(normalisePassport('CO12I4567'));
  });

  it('matches on NIK, passport, or name + date of birth, with reasons and a score', () => {
    const subject = identityKeys({
      fullName: 'Budi Santoso',
      aliases: ['Budi S'],
      nik: '1472010101800001',
      passportNumber: 'C1234567',
      dateOfBirth: '1980-01-01',
    });
    expect(matchReasons(identityKeys({ fullName: 'X', nik: '1472010101800001' }), subject)).toEqual([
      'nik_exact',
    ]);
    expect(matchReasons(identityKeys({ fullName: 'X', passportNumber: 'CI234567' }), subject)).toEqual([
      'passport_exact',
    ]);
    expect(
      matchReasons(identityKeys({ fullName: 'BUDI  santoso', dateOfBirth: '1980-01-01' }), subject),
    ).toEqual(['name_dob_exact']);
    expect(matchReasons(identityKeys({ fullName: 'Budi S.', dateOfBirth: '1980-01-01' }), subject)).toEqual([
      'name_dob_exact',
    ]);
    expect(
      matchReasons(identityKeys({ fullName: 'Budi Santoso', dateOfBirth: '1980-01-02' }), subject),
    ).toEqual([]);
    expect(matchReasons(identityKeys({ fullName: 'Budi Santoso' }), subject)).toEqual([]);
    expect(matchScore(['nik_exact', 'name_dob_exact'])).toBe(1);
    expect(matchScore(['name_dob_exact'])).toBe(0.9);
    expect(matchScore([])).toBe(0);
  });
});
