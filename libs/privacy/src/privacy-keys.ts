import { createHash, randomBytes } from 'node:crypto';

/** One AES-256 key and the id stored in every token it encrypts, so the right key is found after a rotation. */
export interface EncryptionKey {
  id: string;
  key: Buffer;
}

/** The keys a FieldCipher knows: `current` encrypts, every one of `all` (current included) decrypts. */
export interface EncryptionKeyRing {
  current: EncryptionKey;
  all: ReadonlyMap<string, EncryptionKey>;
}

/**
 * A key setting that breaks a rule. The message names the variable and the rule, never the value:
 * a key echoed into a log is a key leaked.
 */
export class PrivacyKeyError extends Error {
  override name = 'PrivacyKeyError';
  constructor(
    readonly variable: string,
    readonly rule: string,
  ) {
    super(`${variable}: ${rule}`);
  }
}

/** Key ids go into tokens between dots: letters, digits, `_` and `-` only. */
const KEY_ID = /^[A-Za-z0-9_-]{1,32}$/;
/** Standard or URL-safe base64, padding optional (Buffer.from alone would skip bad characters silently). */
const BASE64 = /^[A-Za-z0-9+/_-]+={0,2}$/;

function decodeBase64(text: string, variable: string, rule: string): Buffer {
  if (!BASE64.test(text)) throw new PrivacyKeyError(variable, rule);
  return Buffer.from(text.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
}

/**
 * The id of a key given without one: the first 8 hex digits of its SHA-256 (a fingerprint reveals
 * nothing usable about a random 256-bit key), so the same key always gets the same id.
 */
export function keyFingerprint(key: Buffer): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 8);
}

/**
 * Parses the encryption key setting: the base64 of 32 bytes, or a comma list of `keyId:base64`
 * (or bare base64) items whose first is the current key and the others still decrypt older
 * tokens (key rotation). Throws PrivacyKeyError naming `variable` and the rule broken.
 */
export function parseEncryptionKeys(
  value: string | undefined,
  variable = 'MINISTRY_PII_ENCRYPTION_KEY',
): EncryptionKeyRing {
  const items = (value ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item.length > 0);
  if (items.length === 0) throw new PrivacyKeyError(variable, 'is required');
  const all = new Map<string, EncryptionKey>();
  for (const item of items) {
    const colon = item.indexOf(':');
    const rule = 'each key must be the base64 of exactly 32 bytes, optionally as keyId:base64';
    const key = decodeBase64(colon >= 0 ? item.slice(colon + 1) : item, variable, rule);
    if (key.length !== 32) throw new PrivacyKeyError(variable, rule);
    const id = colon >= 0 ? item.slice(0, colon) : keyFingerprint(key);
    if (!KEY_ID.test(id)) {
      throw new PrivacyKeyError(variable, 'a key id must be 1-32 letters, digits, _ or -');
    }
    if (all.has(id)) throw new PrivacyKeyError(variable, 'key ids must be distinct');
    all.set(id, { id, key });
  }
  return { current: all.values().next().value!, all };
}

/** Parses the blind-index key setting: the base64 of at least 32 bytes. */
export function parseIndexKey(value: string | undefined, variable = 'MINISTRY_PII_INDEX_KEY'): Buffer {
  const text = (value ?? '').trim();
  if (text.length === 0) throw new PrivacyKeyError(variable, 'is required');
  const rule = 'must be the base64 of at least 32 bytes';
  const key = decodeBase64(text, variable, rule);
  if (key.length < 32) throw new PrivacyKeyError(variable, rule);
  return key;
}

/** Fresh settings for both keys (launcher, tests): a `keyId:base64` encryption key and a 32-byte index key. */
export function generatePrivacyKeys(keyId = `k${Date.now().toString(36)}`): {
  encryptionKey: string;
  indexKey: string;
} {
  return {
    encryptionKey: `${keyId}:${randomBytes(32).toString('base64')}`,
    indexKey: randomBytes(32).toString('base64'),
  };
}
