import { describe, expect, it } from '@jest/globals';
import { nikBirth } from './nik.js';

describe('nikBirth', () => {
  it('reads the date digits, with 40 added to the day for women', () => {
    expect(nikBirth('3374010203750001')).toEqual({ day: 2, month: 3, yearOfCentury: 75, sex: 'M' });
    expect(nikBirth('3374014203750001')).toEqual({ day: 2, month: 3, yearOfCentury: 75, sex: 'F' });
  });

  it('refuses 29 February in a year of century that is a leap year in neither 19YY nor 20YY', () => {
    expect(nikBirth('3374012902010001')).toBeUndefined(); // 1901 and 2001
    expect(nikBirth('3374016902010001')).toBeUndefined();
    expect(nikBirth('3374012902000001')).toMatchObject({ day: 29, month: 2 }); // 2000
    expect(nikBirth('3374012902880001')).toMatchObject({ day: 29, month: 2 }); // 1988
  });
});
