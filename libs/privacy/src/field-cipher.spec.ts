import { describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { FieldCipher, FieldCipherError } from './field-cipher.js';
import { parseEncryptionKeys } from './privacy-keys.js';

const NIK = '3201014507900001';
const AAD = 'ministry_watchlist_entry.nik:0190a000-0000-7000-8000-000000000001';

function ring(...items: string[]) {
  return parseEncryptionKeys(items.join(','));
}
const keyA = `a:${randomBytes(32).toString('base64')}`;
const keyB = `b:${randomBytes(32).toString('base64')}`;

/** Replaces part `index` of a token by `replace(part)`. */
function tamper(token: string, index: number, replace: (part: string) => string): string {
  const parts = token.split('.');
  parts[index] = replace(parts[index]!);
  return parts.join('.');
}

/** Flips the first bit of a base64url part (keeping it valid base64url of the same length). */
function flip(part: string): string {
  const bytes = Buffer.from(part, 'base64url');
  if (bytes.length === 0) return 'AA';
  bytes[0] = bytes[0]! ^ 0x01;
  return bytes.toString('base64url');
}

describe('FieldCipher', () => {
  const cipher = new FieldCipher(ring(keyA));

  it('round-trips a value; the token is v1.<keyId>.<iv>.<ciphertext>.<tag> and never holds the plaintext', () => {
    const token = cipher.encrypt(NIK, AAD);
    expect(token).toMatch(/^v1\.a\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{22}$/);
    expect(token).not.toContain(NIK);
    expect(cipher.decrypt(token, AAD)).toBe(NIK);
    expect(cipher.decrypt(cipher.encrypt('', AAD), AAD)).toBe('');
    expect(cipher.decrypt(cipher.encrypt('Sití Ñ 漢字', AAD), AAD)).toBe('Sití Ñ 漢字');
  });

  it('encrypts equal values differently (random IV per value)', () => {
    expect(cipher.encrypt(NIK, AAD)).not.toBe(cipher.encrypt(NIK, AAD));
  });

  it.each([
    ['version', 0, () => 'v2'],
    ['key id', 1, () => 'zz'],
    ['iv', 2, flip],
    ['ciphertext', 3, flip],
    ['tag', 4, flip],
  ])('rejects a token whose %s was changed, without the plaintext in the error', (_part, index, replace) => {
    const token = tamper(cipher.encrypt(NIK, AAD), index as number, replace as (p: string) => string);
    let error: unknown;
    try {
      cipher.decrypt(token, AAD);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(FieldCipherError);
    expect((error as Error).message).not.toContain(NIK);
  });

  it('rejects malformed tokens (wrong part count, bad characters, short iv or tag)', () => {
    const token = cipher.encrypt(NIK, AAD);
    for (const bad of [
      'v1.a.x',
      `${token}.extra`,
      tamper(token, 2, (p) => `${p.slice(0, -1)}!`),
      tamper(token, 2, (p) => p.slice(0, 8)),
      tamper(token, 4, (p) => p.slice(0, 8)),
      '',
    ]) {
      expect(() => cipher.decrypt(bad, AAD)).toThrow(FieldCipherError);
    }
  });

  it('rejects a token moved to another column or row (wrong AAD)', () => {
    const token = cipher.encrypt(NIK, AAD);
    expect(() =>
      cipher.decrypt(token, 'ministry_watchlist_entry.passport:0190a000-0000-7000-8000-000000000001'),
    ).toThrow(FieldCipherError);
    expect(() =>
      cipher.decrypt(token, 'ministry_watchlist_entry.nik:0190a000-0000-7000-8000-000000000002'),
    ).toThrow(FieldCipherError);
  });

  it('rotates: encrypts with the first key, decrypts tokens of every listed key, not of a dropped one', () => {
    const old = new FieldCipher(ring(keyA));
    const rotated = new FieldCipher(ring(keyB, keyA));
    const oldToken = old.encrypt(NIK, AAD);
    const newToken = rotated.encrypt(NIK, AAD);
    expect(FieldCipher.keyIdOf(oldToken)).toBe('a');
    expect(FieldCipher.keyIdOf(newToken)).toBe('b');
    expect(rotated.decrypt(oldToken, AAD)).toBe(NIK);
    expect(rotated.decrypt(newToken, AAD)).toBe(NIK);
    expect(() => old.decrypt(newToken, AAD)).toThrow(/no key with the token's key id b/);
  });

  it('does not decrypt with another key under the same id', () => {
    const other = new FieldCipher(ring(`a:${randomBytes(32).toString('base64')}`));
    expect(() => other.decrypt(cipher.encrypt(NIK, AAD), AAD)).toThrow(FieldCipherError);
  });
});
