import { describe, expect, it } from '@jest/globals';
import { companyIdentityKey, normaliseCompanyName } from './company.rules.js';

describe('company rules', () => {
  it('a licence number identifies the company whatever its name is spelt', () => {
    expect(companyIdentityKey({ name: 'PT Sinar Jaya', licenseNumber: 'KEP.123/PPTKLN/2021' })).toBe(
      companyIdentityKey({ name: 'Sinar Jaya Mandiri', licenseNumber: 'kep.123/pptkln/2021' }),
    );
  });

  it('without a licence, the normalised name does: legal form, case, dots and spaces ignored', () => {
    expect(normaliseCompanyName('PT. Sinar  Jaya')).toBe('SINAR JAYA');
    expect(companyIdentityKey({ name: 'pt sinar jaya' })).toBe(
      companyIdentityKey({ name: 'PT. Sinar Jaya' }),
    );
    expect(companyIdentityKey({ name: 'Sinar Jaya' })).not.toBe(
      companyIdentityKey({ name: 'Sinar Jaya', licenseNumber: 'X' }),
    );
  });
});
