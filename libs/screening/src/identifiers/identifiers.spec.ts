import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { packBirth } from '../index/entry-store.js';
import {
  BIRTH_BY_RANK,
  birthDates,
  compareBirth,
  compareBirthPacked,
  compareDates,
  nikConsistency,
  parseDateOfBirth,
  type BirthDate,
} from './birth.js';
import { nikBirth, normaliseNik } from './nik.js';
import { nationalityKey, passportKey } from './passport.js';

describe('NIK', () => {
  it('reads the date of birth and sex (day + 40 for women)', () => {
    expect(nikBirth('3374010203750001')).toEqual({ day: 2, month: 3, yearOfCentury: 75, sex: 'M' });
    expect(nikBirth('3374014203750001')).toEqual({ day: 2, month: 3, yearOfCentury: 75, sex: 'F' });
  });

  it('rejects impossible date digits and wrong shapes', () => {
    expect(nikBirth('3374013203750001')).toBeUndefined(); // day 32
    expect(nikBirth('3374010213750001')).toBeUndefined(); // month 13
    expect(nikBirth('3374013102750001')).toBeUndefined(); // 31 February
  });

  it('knows 29 February only in a year of century that is a leap year in 19YY or 20YY', () => {
    expect(nikBirth('3374012902010001')).toBeUndefined(); // 29-02-01: neither 1901 nor 2001 is a leap year
    expect(nikBirth('3374016902010001')).toBeUndefined(); // the same for a woman (day + 40)
    expect(nikBirth('3374012902000001')).toEqual({ day: 29, month: 2, yearOfCentury: 0, sex: 'M' }); // 2000
    expect(nikBirth('3374012902880001')).toEqual({ day: 29, month: 2, yearOfCentury: 88, sex: 'M' }); // 1988
  });

  it('normalises NIKs written with spaces or dots', () => {
    expect(normaliseNik('3374 0102 0375 0001')).toBe('3374010203750001');
    expect(normaliseNik('12345')).toBeUndefined();
  });

  it('checks a NIK against the stated date of birth and sex, as evidence', () => {
    expect(nikConsistency('3374010203750001', '1975-03-02', 'M')).toEqual({ dob: true, sex: true });
    expect(nikConsistency('3374010203750001', '1976-03-02', 'F')).toEqual({ dob: false, sex: false });
    expect(nikConsistency(undefined, '1976-03-02', 'F')).toEqual({ dob: true, sex: true });
  });

  it('adds the NIK date to the birth dates only when it differs from the stated one', () => {
    expect(birthDates('1975-03-02', '3374010203750001')).toHaveLength(1);
    expect(birthDates('1975-03-03', '3374010203750001')).toHaveLength(2);
    expect(birthDates(undefined, '3374010203750001')).toEqual([{ day: 2, month: 3, yearOfCentury: 75 }]);
  });
});

describe('passport numbers', () => {
  it('fold O/0 and I/1 and separators, upper case', () => {
    expect(passportKey('c 1234567')).toBe(passportKey('C1234567'));
    expect(passportKey('B0I23456')).toBe(passportKey('BO123456'));
    expect(passportKey('X12')).toBeUndefined();
  });

  it('read an absent nationality as IDN', () => {
    expect(nationalityKey(undefined)).toBe('IDN');
    expect(nationalityKey('mys')).toBe('MYS');
  });
});

describe('birth agreement', () => {
  const d = (s: string) => parseDateOfBirth(s) as BirthDate;

  it.each([
    ['1985-03-12', '1985-03-12', 'exact'],
    ['1985-03-12', '1985-12-03', 'swapped'],
    ['1985-03-12', '1985-01-01', 'year_only'],
    ['1985-03-12', '1985-12-31', 'year_only'],
    ['1985-01-01', '1985-01-01', 'year_only'],
    ['1985-03-12', '1986-03-12', 'off_by_one'],
    ['1985-03-12', '1985-07-20', 'same_year'],
    ['1985-03-12', '1990-03-12', 'conflict'],
  ])('%s vs %s is %s', (a, b, expected) => {
    expect(compareDates(d(a), d(b))).toBe(expected);
  });

  it('compares a NIK date (two-digit year) with a full date', () => {
    expect(compareBirth(birthDates(undefined, '3374010203750001'), [d('1975-03-02')])).toBe('exact');
    expect(compareBirth([], [d('1975-03-02')])).toBe('unknown');
  });

  it('packed comparison agrees with the object comparison on any dates', () => {
    const date = fc.record({
      year: fc.option(fc.integer({ min: 1920, max: 2030 }), { nil: undefined }),
      month: fc.integer({ min: 1, max: 12 }),
      day: fc.integer({ min: 1, max: 28 }),
      yy: fc.integer({ min: 0, max: 99 }),
    });
    fc.assert(
      fc.property(date, date, (a, b) => {
        const x: BirthDate = {
          day: a.day,
          month: a.month,
          year: a.year,
          yearOfCentury: a.year === undefined ? a.yy : a.year % 100,
        };
        const y: BirthDate = {
          day: b.day,
          month: b.month,
          year: b.year,
          yearOfCentury: b.year === undefined ? b.yy : b.year % 100,
        };
        expect(BIRTH_BY_RANK[compareBirthPacked(packBirth(x), packBirth(y))]).toBe(compareDates(x, y));
      }),
      { numRuns: 2000 },
    );
  });
});
