import { describe, expect, it } from '@jest/globals';
import { nikBirth, nikDateDigits, rules } from '@simpul/contracts';

const { nikMatchesDateOfBirth, nikMatchesSex, nikStructure } = rules;

describe('NIK structure', () => {
  it('reads date of birth and sex from PP KK CC DDMMYY SSSS (day+40 for women)', () => {
    expect(nikBirth('1472011203850001')).toEqual({ day: 12, month: 3, yearOfCentury: 85, sex: 'M' });
    expect(nikBirth('1472034411990002')).toEqual({ day: 4, month: 11, yearOfCentury: 99, sex: 'F' });
    expect(nikDateDigits('1999-11-04', 'F')).toBe('441199');
    expect(nikDateDigits('2001-01-31', 'M')).toBe('310101');
  });

  it.each([
    ['day 00', '1472010003850001'],
    ['day 32', '1472013203850001'],
    ['day 40', '1472014003850001'],
    ['day 72', '1472017203850001'],
    ['month 13', '1472011213850001'],
    ['31 April', '1472013104850001'],
    ['a woman\u2019s 31 April (71)', '1472017104850001'],
    ['29 February 01 (1901 and 2001 are common years)', '1472012902010001'],
  ])('rejects a NIK whose date does not exist: %s', (_name, nik) => {
    expect(nikBirth(nik)).toBeUndefined();
    expect(nikStructure.check({ nik })).toBe(false);
  });

  it.each([
    ['29 February 00 (2000 is a leap year)', '1472012902000001'],
    ['29 February 96', '1472016902960001'],
    ['day 71 (a woman born on the 31st)', '1472017101900001'],
  ])('accepts a NIK whose date exists in either century: %s', (_name, nik) => {
    expect(nikStructure.check({ nik })).toBe(true);
  });

  it('leaves malformed or missing NIKs to the type and pattern checks', () => {
    for (const nik of [undefined, 1472011203850001, '123', '14720112038500011', 'x472011203850001']) {
      expect(nikStructure.check({ nik })).toBe(true);
      expect(nikMatchesSex.check({ nik, sex: 'F' })).toBe(true);
      expect(nikMatchesDateOfBirth.check({ nik, dateOfBirth: '1985-03-12' })).toBe(true);
    }
  });
});

describe('NIK agreement', () => {
  it('matches the date of birth by day, month and two-digit year', () => {
    expect(nikMatchesDateOfBirth.check({ nik: '1472011203850001', dateOfBirth: '1985-03-12' })).toBe(true);
    expect(nikMatchesDateOfBirth.check({ nik: '1472011203850001', dateOfBirth: '2085-03-12' })).toBe(true);
    expect(nikMatchesDateOfBirth.check({ nik: '1472011203850001', dateOfBirth: '1985-03-13' })).toBe(false);
    expect(nikMatchesDateOfBirth.check({ nik: '1472011203850001', dateOfBirth: '1985-04-12' })).toBe(false);
    expect(nikMatchesDateOfBirth.check({ nik: '1472011203850001', dateOfBirth: '1986-03-12' })).toBe(false);
    expect(nikMatchesDateOfBirth.check({ nik: '1472015203850001', dateOfBirth: '1985-03-12' })).toBe(true);
  });

  it('matches sex: day+40 exactly when F', () => {
    expect(nikMatchesSex.check({ nik: '1472015203850001', sex: 'F' })).toBe(true);
    expect(nikMatchesSex.check({ nik: '1472015203850001', sex: 'M' })).toBe(false);
    expect(nikMatchesSex.check({ nik: '1472011203850001', sex: 'F' })).toBe(false);
    expect(nikMatchesSex.check({ nik: '1472011203850001', sex: 'M' })).toBe(true);
  });

  it('does not judge agreement when the other field is absent or malformed', () => {
    expect(nikMatchesDateOfBirth.check({ nik: '1472011203850001' })).toBe(true);
    expect(nikMatchesDateOfBirth.check({ nik: '1472011203850001', dateOfBirth: '1985-02-30' })).toBe(true);
    expect(nikMatchesSex.check({ nik: '1472011203850001', sex: 'X' })).toBe(true);
    expect(nikMatchesDateOfBirth.check({ nik: '1472013503850001', dateOfBirth: '1985-03-12' })).toBe(true);
  });
});
