import { describe, expect, it } from '@jest/globals';
import {
  caseKeys,
  nameAndBirthDateKey,
  normaliseFullName,
  personKeys,
  sameNameAndBirthDate,
} from './case.rules.js';

describe('case rules', () => {
  it('links by report number, interception id, NIK and passport, each key once', () => {
    const person = { fullName: 'A', nik: '1472010101900001', passportNumber: 'c1234567' };
    expect(caseKeys({ reportNumber: 'LP/1', interceptionId: 'i-1', persons: [person, person] })).toEqual([
      { kind: 'report', value: 'LP/1' },
      { kind: 'interception', value: 'i-1' },
      { kind: 'nik', value: '1472010101900001' },
      { kind: 'passport', value: 'C1234567' },
    ]);
  });

  it('a person with neither NIK, passport nor date of birth links nothing by identity', () => {
    expect(personKeys({ fullName: 'Rahmat' })).toEqual([]);
  });

  it('links a person with a date of birth by normalised name plus date of birth, besides NIK and passport', () => {
    expect(
      personKeys({ fullName: 'H. Ahmad Fauzi', dateOfBirth: '1985-03-12', passportNumber: 'B7654321' }),
    ).toEqual([
      { kind: 'passport', value: 'B7654321' },
      { kind: 'name_dob', value: 'ahmad fauzi|1985-03-12' },
    ]);
  });

  it('one name_dob key for two spellings of the same name in one event', () => {
    const keys = caseKeys({
      persons: [
        { fullName: 'Ahmad Fauzi', dateOfBirth: '1985-03-12' },
        { fullName: 'AHMAD  FAUZI', dateOfBirth: '1985-03-12' },
      ],
    });
    expect(keys).toEqual([{ kind: 'name_dob', value: 'ahmad fauzi|1985-03-12' }]);
  });
});

describe('normaliseFullName', () => {
  it('ignores case, whitespace and punctuation', () => {
    expect(normaliseFullName('  AHMAD   fauzi ')).toBe('ahmad fauzi');
    expect(normaliseFullName('Siti-Aminah')).toBe('siti aminah');
    expect(normaliseFullName('M. Rizky')).toBe('m rizky');
    expect(normaliseFullName("Ma'ruf Amin")).toBe('maruf amin');
  });

  it('removes diacritics', () => {
    expect(normaliseFullName('Rénaldi Sùbrata')).toBe('renaldi subrata');
  });

  it('removes titles before and degrees after the name', () => {
    expect(normaliseFullName('H. Ahmad Fauzi')).toBe('ahmad fauzi');
    expect(normaliseFullName('Hj. Siti Aminah')).toBe('siti aminah');
    expect(normaliseFullName('Drs. H. Bambang Sutrisno, M.Si.')).toBe('bambang sutrisno');
    expect(normaliseFullName('Ir. Joko Widodo S.Pd.')).toBe('joko widodo');
    expect(normaliseFullName('K.H. Abdul Rahman, S.H., M.H.')).toBe('abdul rahman');
    expect(normaliseFullName('Prof. Dr. Rina Wati')).toBe('rina wati');
  });

  it('keeps spelling: old and new spellings are other names for a strong match', () => {
    expect(normaliseFullName('Soeharto')).not.toBe(normaliseFullName('Suharto'));
    expect(normaliseFullName('Achmad Fauzi')).not.toBe(normaliseFullName('Ahmad Fauzi'));
  });

  it('keeps bin/binti patronymics and a single-word name', () => {
    expect(normaliseFullName('Rahmat bin Ismail')).toBe('rahmat bin ismail');
    expect(normaliseFullName('Sukarno')).toBe('sukarno');
  });

  it('is empty when only titles remain', () => {
    expect(normaliseFullName('H. Hj.')).toBe('');
  });
});

describe('strong match by name plus date of birth', () => {
  it('matches the same normalised name with the same date of birth', () => {
    expect(
      sameNameAndBirthDate(
        { fullName: 'H. Ahmad Fauzi, S.Pd.', dateOfBirth: '1985-03-12' },
        { fullName: 'AHMAD FAUZI', dateOfBirth: '1985-03-12' },
      ),
    ).toBe(true);
  });

  it('never matches on another date of birth, or without one on either side', () => {
    const a = { fullName: 'Ahmad Fauzi', dateOfBirth: '1985-03-12' };
    expect(sameNameAndBirthDate(a, { fullName: 'Ahmad Fauzi', dateOfBirth: '1985-03-13' })).toBe(false);
    expect(sameNameAndBirthDate(a, { fullName: 'Ahmad Fauzi' })).toBe(false);
    expect(sameNameAndBirthDate({ fullName: 'Ahmad Fauzi' }, { fullName: 'Ahmad Fauzi' })).toBe(false);
  });

  it('never matches another name on the same date of birth', () => {
    expect(
      sameNameAndBirthDate(
        { fullName: 'Ahmad Fauzi', dateOfBirth: '1985-03-12' },
        { fullName: 'Ahmad Fauzan', dateOfBirth: '1985-03-12' },
      ),
    ).toBe(false);
  });

  it('has no key when only titles remain of the name', () => {
    expect(nameAndBirthDateKey({ fullName: 'Hj.', dateOfBirth: '1985-03-12' })).toBeUndefined();
  });
});
