import { describe, expect, it } from '@jest/globals';
import { generatePrivacyKeys } from '@simpul/privacy';
import { caseKeys } from '../cases/case.rules.js';
import { PersonVault } from './person-vault.js';

const keys = generatePrivacyKeys('test');
const vault = PersonVault.fromSettings(keys.encryptionKey, keys.indexKey);
const ENTRY = '0190a000-0000-7000-8000-000000000001';
const person = {
  fullName: 'Siti Aminah',
  nik: '3201014507900001',
  passportNumber: 'C1234567',
  dateOfBirth: '1990-07-05',
  sex: 'F' as const,
};

describe('PersonVault', () => {
  it('seals an entry person: no identifier in clear, encrypted and indexed beside it; opens it back', () => {
    const sealed = vault.sealEntryPerson(person, ENTRY);
    expect(sealed.person).toEqual({ fullName: 'Siti Aminah', dateOfBirth: '1990-07-05', sex: 'F' });
    const text = JSON.stringify(sealed);
    expect(text).not.toContain(person.nik);
    expect(text).not.toContain(person.passportNumber);
    expect(sealed.nikIndex).toBe(vault.index.of('nik', person.nik));
    expect(sealed.passportIndex).toBe(vault.index.of('passport', person.passportNumber));
    expect(vault.openEntryPerson(sealed, ENTRY)).toEqual(person);
    expect(vault.openEntryPerson(sealed, ENTRY.toUpperCase())).toEqual(person);
  });

  it('a person without identifiers seals to nulls', () => {
    const sealed = vault.sealEntryPerson({ fullName: 'Agus' }, ENTRY);
    expect(sealed).toEqual({
      person: { fullName: 'Agus' },
      nikEncrypted: null,
      passportEncrypted: null,
      nikIndex: null,
      passportIndex: null,
      phoneEncrypted: null,
      phoneIndexes: null,
    });
  });

  it('seals phone numbers like a NIK: encrypted for this row, one blind index per number, restored as given', () => {
    const withPhones = { ...person, phoneNumbers: ['+6281234567890', '+6281311112222', '+6281234567890'] };
    const sealed = vault.sealEntryPerson(withPhones, ENTRY);
    expect(sealed.person).not.toHaveProperty('phoneNumbers');
    const text = JSON.stringify(sealed);
    for (const digits of ['6281234567890', '81234567890', '6281311112222'])
      expect(text).not.toContain(digits);
    expect(sealed.phoneEncrypted).toMatch(/^v1\.test\./);
    expect(sealed.phoneIndexes).toEqual([
      vault.phoneIndex('+6281234567890'),
      vault.phoneIndex('+6281311112222'),
    ]);
    expect(vault.openEntryPerson(sealed, ENTRY)).toEqual(withPhones);
    expect(() => vault.openEntryPerson(sealed, '0190a000-0000-7000-8000-000000000002')).toThrow();
  });

  it('indexes a phone number in its E.164 form, so the written forms meet', () => {
    expect(vault.phoneIndex('0812-3456-7890')).toBe(vault.phoneIndex('+6281234567890'));
    expect(vault.phoneIndex('+62 (0)812 3456 7890')).toBe(vault.phoneIndex('+6281234567890'));
    expect(vault.phoneIndex('+6281234567891')).not.toBe(vault.phoneIndex('+6281234567890'));
    // Not the NIK or name hashes of the same digits: each purpose has its own domain.
    expect(vault.phoneIndex('+6281234567890')).not.toBe(vault.index.ofText('name_dob', '+6281234567890'));
  });

  it('refuses identifiers sealed for another entry (a token moved between rows)', () => {
    const sealed = vault.sealEntryPerson(person, ENTRY);
    expect(() => vault.openEntryPerson(sealed, '0190a000-0000-7000-8000-000000000002')).toThrow();
  });

  it('stores personal link keys as blind indexes, others as given, spellings of one passport as one key', () => {
    const keys = caseKeys({ reportNumber: 'LP/1', persons: [person] });
    const stored = vault.storedLinkKeys([...keys, { kind: 'passport', value: 'c1234567' }]);
    expect(stored).toEqual([
      { kind: 'report', value: 'LP/1' },
      { kind: 'nik', value: vault.index.of('nik', person.nik) },
      { kind: 'passport', value: vault.index.of('passport', 'C1234567') },
      { kind: 'name_dob', value: vault.index.ofText('name_dob', 'siti aminah|1990-07-05') },
    ]);
    const text = JSON.stringify(stored);
    expect(text).not.toContain(person.nik);
    expect(text).not.toContain('siti');
  });
});
