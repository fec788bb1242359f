import { describe, expect, it } from '@jest/globals';
import { normalisePhoneNumber, normalisePhoneNumbers } from '@simpul/contracts';

describe('normalisePhoneNumber', () => {
  it.each([
    ['0812-3456-7890', '+6281234567890'],
    ['0812 3456 7890', '+6281234567890'],
    ['081234567890', '+6281234567890'],
    ['6281234567890', '+6281234567890'],
    ['+62 812 3456 7890', '+6281234567890'],
    ['+62 (0)812-3456-7890', '+6281234567890'],
    ['0062 812 3456 7890', '+6281234567890'],
    ['(0761) 123456', '+62761123456'],
    ['81234567890', '+6281234567890'],
    ['+60 12-345 6789', '+60123456789'],
    ['0060123456789', '+60123456789'],
  ])('reads %s as %s', (written, e164) => {
    expect(normalisePhoneNumber(written)).toBe(e164);
  });

  it.each([
    ['empty', ''],
    ['letters', '0812-ABCD-7890'],
    ['too short', '0812'],
    ['too long', '+62812345678901234'],
    ['a country code of 0', '+0812345678'],
    ['a bare number that is not a mobile', '1234567'],
    ['a plus in the middle', '0812+34567890'],
  ])('refuses %s', (_name, written) => {
    expect(normalisePhoneNumber(written)).toBeUndefined();
  });

  it('normalises a list and leaves what it cannot read for validation to report', () => {
    expect(normalisePhoneNumbers(['0812-3456-7890', 'call me', 7])).toEqual(['+6281234567890', 'call me', 7]);
    expect(normalisePhoneNumbers('0812')).toBe('0812');
    expect(normalisePhoneNumbers(undefined)).toBeUndefined();
  });
});
