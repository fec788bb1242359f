// The launcher's ministry keys: generated once into the state directory (0600), reused after.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generatePrivacyKeys, parseEncryptionKeys, parseIndexKey } from '@simpul/privacy';
import { ensurePrivacyKeys } from './privacy-keys.js';

let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'simpul-privacy-keys-'));
  // Jest gives each test file its own process.env.
  process.env.SIMPUL_STATE_DIR = dir;
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('ensurePrivacyKeys', () => {
  it('generates valid keys once into privacy-keys.json (0600) and reuses them', () => {
    const first = ensurePrivacyKeys({});
    expect(parseEncryptionKeys(first.MINISTRY_PII_ENCRYPTION_KEY).current.key).toHaveLength(32);
    expect(parseIndexKey(first.MINISTRY_PII_INDEX_KEY)).toHaveLength(32);
    expect(statSync(join(dir, 'privacy-keys.json')).mode & 0o777).toBe(0o600);
    expect(ensurePrivacyKeys({})).toEqual(first);
  });

  it('takes the keys of the environment when both are set', () => {
    const given = generatePrivacyKeys('given');
    expect(
      ensurePrivacyKeys({
        MINISTRY_PII_ENCRYPTION_KEY: given.encryptionKey,
        MINISTRY_PII_INDEX_KEY: given.indexKey,
      }),
    ).toEqual({ MINISTRY_PII_ENCRYPTION_KEY: given.encryptionKey, MINISTRY_PII_INDEX_KEY: given.indexKey });
  });

  it('stops on a damaged file, naming the file and the rule, not the value', () => {
    writeFileSync(
      join(dir, 'privacy-keys.json'),
      JSON.stringify({ MINISTRY_PII_ENCRYPTION_KEY: 'c2hvcnQ=', MINISTRY_PII_INDEX_KEY: 'x' }),
    );
    expect(() => ensurePrivacyKeys({})).toThrow(
      /privacy-keys\.json: MINISTRY_PII_ENCRYPTION_KEY: each key must be/,
    );
    expect(() => ensurePrivacyKeys({})).not.toThrow(/c2hvcnQ/);
  });
});
