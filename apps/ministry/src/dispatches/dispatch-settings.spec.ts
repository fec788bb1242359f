// The rapid response team's settings as MinistryConfig reads them from the environment.
import { describe, expect, it } from '@jest/globals';
import { ConfigError, loadConfig } from '@simpul/http';
import { generatePrivacyKeys } from '@simpul/privacy';
import { MinistryConfig } from '../config/ministry.config.js';

const keys = generatePrivacyKeys('test');
const required = {
  SIMPUL_KEYS_DIR: '/nonexistent/keys',
  TOKEN_HASHES_FILE: '/nonexistent/tokens.json',
  REFERENCE_UNITS_FILE: '/nonexistent/units.json',
  MINISTRY_PII_ENCRYPTION_KEY: keys.encryptionKey,
  MINISTRY_PII_INDEX_KEY: keys.indexKey,
};

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(MinistryConfig, { ...required, ...env });
    return [];
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
}

describe('the dispatch and SLA settings', () => {
  it('default to a 900 s acknowledgement SLA and 2 h, 12 h, 48 h, 7 days to report', () => {
    const config = loadConfig(MinistryConfig, required);
    expect(config.MINISTRY_ACK_SLA_SECONDS).toBe(900);
    expect([
      config.MINISTRY_DISPATCH_DUE_CRITICAL_SECONDS,
      config.MINISTRY_DISPATCH_DUE_HIGH_SECONDS,
      config.MINISTRY_DISPATCH_DUE_MEDIUM_SECONDS,
      config.MINISTRY_DISPATCH_DUE_LOW_SECONDS,
    ]).toEqual([7200, 43_200, 172_800, 604_800]);
  });

  it('take any whole number of seconds from 1 for the SLA', () => {
    expect(
      loadConfig(MinistryConfig, { ...required, MINISTRY_ACK_SLA_SECONDS: '1' }).MINISTRY_ACK_SLA_SECONDS,
    ).toBe(1);
    expect(
      loadConfig(MinistryConfig, { ...required, MINISTRY_ACK_SLA_SECONDS: '315360000000' })
        .MINISTRY_ACK_SLA_SECONDS,
    ).toBe(315_360_000_000);
    expect(problemsOf({ MINISTRY_ACK_SLA_SECONDS: '0' })).toEqual([
      'MINISTRY_ACK_SLA_SECONDS: fails rule min',
    ]);
    expect(problemsOf({ MINISTRY_ACK_SLA_SECONDS: '1.5' })).toEqual([
      'MINISTRY_ACK_SLA_SECONDS: fails rule isInt',
    ]);
    expect(problemsOf({ MINISTRY_ACK_SLA_SECONDS: 'soon' })).toContain(
      'MINISTRY_ACK_SLA_SECONDS: fails rule isInt',
    );
  });

  it('refuse an allowance to report below 1 s or above a year, naming the variable', () => {
    expect(problemsOf({ MINISTRY_DISPATCH_DUE_HIGH_SECONDS: '0' })).toEqual([
      'MINISTRY_DISPATCH_DUE_HIGH_SECONDS: fails rule min',
    ]);
    expect(problemsOf({ MINISTRY_DISPATCH_DUE_LOW_SECONDS: '31536001' })).toEqual([
      'MINISTRY_DISPATCH_DUE_LOW_SECONDS: fails rule max',
    ]);
    expect(
      problemsOf({
        MINISTRY_DISPATCH_DUE_CRITICAL_SECONDS: '60',
        MINISTRY_DISPATCH_DUE_MEDIUM_SECONDS: '31536000',
      }),
    ).toEqual([]);
  });
});
