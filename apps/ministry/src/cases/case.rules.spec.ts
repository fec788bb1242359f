import { describe, expect, it } from '@jest/globals';
import { caseKeys, personKeys } from './case.rules.js';

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

  it('a person with neither NIK nor passport links nothing by identity', () => {
    expect(personKeys({ fullName: 'Rahmat' })).toEqual([]);
  });
});
