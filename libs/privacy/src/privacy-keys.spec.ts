import { describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { BlindIndex, normaliseIdentifier } from './blind-index.js';
import {
  generatePrivacyKeys,
  keyFingerprint,
  parseEncryptionKeys,
  parseIndexKey,
  PrivacyKeyError,
} from './privacy-keys.js';

function errorOf(run: () => unknown): PrivacyKeyError {
  try {
    run();
  } catch (error) {
    if (error instanceof PrivacyKeyError) return error;
    throw error;
  }
  throw new Error('expected a PrivacyKeyError');
}

describe('parseEncryptionKeys', () => {
  it('takes a bare base64 key of 32 bytes, with its fingerprint as id', () => {
    const key = randomBytes(32);
    const ring = parseEncryptionKeys(key.toString('base64'));
    expect(ring.current.id).toBe(keyFingerprint(key));
    expect(ring.current.key.equals(key)).toBe(true);
    expect(parseEncryptionKeys(key.toString('base64url')).current.key.equals(key)).toBe(true);
  });

  it('takes a comma list keyId:base64 with the first as current', () => {
    const [a, b] = [randomBytes(32), randomBytes(32)];
    const ring = parseEncryptionKeys(` k2:${b.toString('base64')} , k1:${a.toString('base64')}`);
    expect(ring.current.id).toBe('k2');
    expect([...ring.all.keys()]).toEqual(['k2', 'k1']);
    expect(ring.all.get('k1')!.key.equals(a)).toBe(true);
  });

  it.each([
    ['', 'is required'],
    [undefined, 'is required'],
    [randomBytes(16).toString('base64'), 'exactly 32 bytes'],
    [randomBytes(33).toString('base64'), 'exactly 32 bytes'],
    ['not base64 at all!', 'exactly 32 bytes'],
    [`bad.id:${randomBytes(32).toString('base64')}`, 'key id must be'],
    [`k:${randomBytes(32).toString('base64')},k:${randomBytes(32).toString('base64')}`, 'distinct'],
  ])('rejects %p naming the variable and the rule, never the value', (value, rule) => {
    const error = errorOf(() => parseEncryptionKeys(value));
    expect(error.variable).toBe('MINISTRY_PII_ENCRYPTION_KEY');
    expect(error.message).toMatch(/^MINISTRY_PII_ENCRYPTION_KEY: /);
    expect(error.message).toContain(rule);
    if (value) expect(error.message).not.toContain(value.split(':').pop()!);
  });
});

describe('parseIndexKey', () => {
  it('takes the base64 of 32 or more bytes', () => {
    const key = randomBytes(48);
    expect(parseIndexKey(key.toString('base64')).equals(key)).toBe(true);
  });

  it.each([
    ['', 'is required'],
    [randomBytes(31).toString('base64'), 'at least 32 bytes'],
    ['%%%%', 'at least 32 bytes'],
  ])('rejects %p naming the variable and the rule, never the value', (value, rule) => {
    const error = errorOf(() => parseIndexKey(value, 'X_INDEX_KEY'));
    expect(error.message).toBe(
      `X_INDEX_KEY: ${rule === 'is required' ? rule : 'must be the base64 of at least 32 bytes'}`,
    );
    if (value) expect(error.message).not.toContain(value);
  });
});

describe('generatePrivacyKeys', () => {
  it('makes settings that parse', () => {
    const keys = generatePrivacyKeys('test');
    expect(parseEncryptionKeys(keys.encryptionKey).current.id).toBe('test');
    expect(parseIndexKey(keys.indexKey)).toHaveLength(32);
  });
});

describe('BlindIndex and normaliseIdentifier', () => {
  const index = new BlindIndex(randomBytes(32));

  it('normalises a NIK to its digits and a passport number to upper case with O/0 and I/1 merged', () => {
    expect(normaliseIdentifier('nik', '3201 0145-0790 0001')).toBe('3201014507900001');
    expect(normaliseIdentifier('passport', ' c12o45i7 ')).toBe('C1204517');
  });

  it('gives equal values for spellings of one identifier, different values across kinds and keys', () => {
    expect(index.of('passport', 'C12O45I7')).toBe(index.of('passport', 'c1204517'));
    expect(index.of('nik', '3201014507900001')).toMatch(/^[0-9a-f]{64}$/);
    expect(index.of('nik', '12345678')).not.toBe(index.of('passport', '12345678'));
    expect(new BlindIndex(randomBytes(32)).of('nik', '3201014507900001')).not.toBe(
      index.of('nik', '3201014507900001'),
    );
    expect(index.ofText('name_dob', 'siti aminah|1990-01-01')).not.toBe(
      index.ofText('other', 'siti aminah|1990-01-01'),
    );
  });

  it('refuses a key under 32 bytes', () => {
    expect(() => new BlindIndex(randomBytes(31))).toThrow(/at least 32 bytes/);
  });
});
