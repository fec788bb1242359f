import { describe, expect, it } from '@jest/globals';
import { entryWarnings } from './entry-warnings.js';

describe('entryWarnings', () => {
  it('flags a one-word name with no date of birth, NIK or passport (Ani, Sukarno, Suparman)', () => {
    // Triyanto and Nurhayati are one written word each, though the screening splits the compound
    for (const fullName of ['Ani', 'SUKARNO', 'H. Suparman', 'Soekarno, S.H.', 'Triyanto', 'Nurhayati'])
      expect(entryWarnings({ fullName }, false)).toEqual(['insufficient_identification']);
  });

  it('does not flag a one-word name with an identifier, nor a name of two or more words', () => {
    expect(entryWarnings({ fullName: 'Suparman' }, true)).toEqual([]);
    expect(entryWarnings({ fullName: 'Siti Rahmawati' }, false)).toEqual([]);
    expect(entryWarnings({ fullName: 'Ani', aliases: ['Ani Suryani'] }, false)).toEqual([]);
  });
});
