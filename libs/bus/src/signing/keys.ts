import { Buffer } from 'node:buffer';
import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  sign,
  verify,
  type KeyObject,
} from 'node:crypto';

/** An Ed25519 key pair of one publishing unit. `privateKey` is secret: never log or commit it. */
export interface SigningKey {
  /** Registry id, sent as `Simpul-Key`. */
  keyId: string;
  privateKey: KeyObject;
  publicKey: KeyObject;
}

/** The raw 32-byte Ed25519 public key, base64url (the JWK `x` member). */
export function publicKeyToBase64url(publicKey: KeyObject): string {
  const jwk = publicKey.export({ format: 'jwk' });
  if (jwk.crv !== 'Ed25519' || typeof jwk.x !== 'string') throw new TypeError('not an Ed25519 public key');
  return jwk.x;
}

export function publicKeyFromBase64url(x: string): KeyObject {
  return createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x }, format: 'jwk' });
}

/** A key id that names the unit it was made for and a fingerprint of the public key (12 base64url chars of SHA-256). */
export function deriveKeyId(label: string, publicKey: KeyObject): string {
  const raw = Buffer.from(publicKeyToBase64url(publicKey), 'base64url');
  const fingerprint = createHash('sha256').update(raw).digest('base64url').slice(0, 12);
  const safeLabel = label
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return `${safeLabel || 'key'}.${fingerprint}`;
}

/** A new Ed25519 key pair with a key id derived from `label` (e.g. the unit id `polda:riau`). */
export function generateSigningKey(label: string): SigningKey {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return { keyId: deriveKeyId(label, publicKey), privateKey, publicKey };
}

export function privateKeyToPem(privateKey: KeyObject): string {
  return privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
}

export function privateKeyFromPem(pem: string): KeyObject {
  const key = createPrivateKey(pem);
  if (key.asymmetricKeyType !== 'ed25519') throw new TypeError('not an Ed25519 private key');
  return key;
}

/** base64url Ed25519 signature of `bytes`. */
export function signBytes(bytes: Uint8Array, privateKey: KeyObject): string {
  return sign(null, bytes, privateKey).toString('base64url');
}

/** True when `signature` (base64url) is a valid Ed25519 signature of `bytes` by `publicKey`. */
export function verifyBytes(bytes: Uint8Array, signature: string, publicKey: KeyObject): boolean {
  const raw = Buffer.from(signature, 'base64url');
  // Ed25519 signatures are exactly 64 bytes; anything else is garbage, not worth a verify.
  if (raw.length !== 64) return false;
  return verify(null, bytes, publicKey, raw);
}
