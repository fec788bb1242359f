import { describe, expect, it } from '@jest/globals';
import {
  alertForPatrolFinding,
  patrolAlertFact,
  patrolKeys,
  patrolLockKeys,
  readPhoneQuery,
  withheldFindingFields,
} from './patrol.rules.js';

describe('patrolKeys', () => {
  it('keys phone indexes as given and companies by the register normalisation, once each', () => {
    expect(
      patrolKeys({
        phoneIndexes: ['aa', 'bb', 'aa'],
        companyNames: ['PT. Sinar  Jaya', 'SINAR JAYA', undefined, 'CV Maju'],
      }),
    ).toEqual([
      { kind: 'phone', value: 'aa' },
      { kind: 'phone', value: 'bb' },
      { kind: 'company', value: 'SINAR JAYA' },
      { kind: 'company', value: 'MAJU' },
    ]);
  });

  it('gives no key for a company name that normalises to nothing, nor for nothing', () => {
    expect(patrolKeys({ companyNames: ['(.)', ''] })).toEqual([]);
    expect(patrolKeys({})).toEqual([]);
  });

  it('locks under kinds a case link key never has', () => {
    expect(patrolLockKeys([{ kind: 'phone', value: 'aa' }])).toEqual([{ kind: 'patrol_phone', value: 'aa' }]);
  });
});

describe('alertForPatrolFinding', () => {
  it('is high, in the case region, with counts and codes only', () => {
    const alert = alertForPatrolFinding({ platform: 'tiktok', region: 'riau', activeEntries: 2 });
    expect(alert).toEqual({
      kind: 'patrol_finding',
      severity: 'high',
      region: 'riau',
      summary: 'Cyber patrol finding (tiktok) linked to this case, which has 2 active watchlist entries.',
    });
    expect(alertForPatrolFinding({ platform: 'x', region: 'kepri', activeEntries: 1 }).summary).toContain(
      '1 active watchlist entry.',
    );
  });

  it('keys one alert per finding and case', () => {
    expect(patrolAlertFact('f', 'c1')).not.toBe(patrolAlertFact('f', 'c2'));
    expect(patrolAlertFact('f', 'c1')).toBe(patrolAlertFact('f', 'c1'));
  });
});

describe('readPhoneQuery', () => {
  it('reads the Indonesian forms into E.164', () => {
    expect(readPhoneQuery('0812-3456-7890')).toEqual({ phone: '+6281234567890' });
    expect(readPhoneQuery('+6281234567890')).toEqual({ phone: '+6281234567890' });
    expect(readPhoneQuery(undefined)).toEqual({});
    expect(readPhoneQuery('')).toEqual({});
  });

  it('names the parameter and the rule, never the value', () => {
    const read = readPhoneQuery('call me 555');
    expect(read).toEqual({ problem: expect.objectContaining({ path: 'phone', rule: 'phoneNumber' }) });
    expect(JSON.stringify(read)).not.toContain('555');
    expect(readPhoneQuery(['0812', '0813'])).toEqual({
      problem: expect.objectContaining({ path: 'phone', rule: 'phoneNumber' }),
    });
  });
});

describe('withheldFindingFields', () => {
  it('names the personal fields a finding holds', () => {
    expect(withheldFindingFields({ phoneCount: 2, hasAccountHandle: true })).toEqual([
      'phoneNumbers',
      'accountHandle',
    ]);
    expect(withheldFindingFields({ phoneCount: 0, hasAccountHandle: false })).toEqual([]);
  });
});
