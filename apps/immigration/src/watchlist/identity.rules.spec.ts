import { describe, expect, it } from '@jest/globals';
import { identityKeys, normaliseName, normalisePassport } from './identity.rules.js';

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

  it('keys a person by NIK, passport and each name + date of birth', () => {
    expect(
      identityKeys({
        fullName: 'Budi Santoso',
        aliases: ['BUDI  santoso', 'Budi S.'],
        nik: '1472010101800001',
        passportNumber: 'CI234567',
        dateOfBirth: '1980-01-01',
      }),
    ).toEqual({
      nik: '1472010101800001',
      passport: 'C1234567',
      nameDob: ['budi santoso|1980-01-01', 'budi s|1980-01-01'],
    });
    expect(identityKeys({ fullName: 'Budi Santoso' })).toEqual({ nameDob: [] });
  });
});
