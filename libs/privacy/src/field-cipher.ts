import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { EncryptionKeyRing } from './privacy-keys.js';

/** Format version of a token; a new format gets a new prefix and old tokens stay readable. */
const VERSION = 'v1';
/** 96-bit IV, the size GCM is designed for; random per value, so equal values encrypt differently. */
const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * A token that cannot be decrypted: malformed, unknown key, tampered with, or bound to another
 * column. The message says which, never the value or the plaintext.
 */
export class FieldCipherError extends Error {
  override name = 'FieldCipherError';
}

/**
 * Field encryption of personal data at rest: AES-256-GCM, a random IV per value, the token
 * `v1.<keyId>.<iv>.<ciphertext>.<tag>` (base64url parts). The additional authenticated data
 * names where the value lives (e.g. `ministry_watchlist_entry.nik:<entry id>`), so a token copied
 * into another column or row fails to decrypt instead of passing as someone else's identifier.
 * Encrypts with the ring's current key; decrypts with any key of the ring (rotation).
 */
export class FieldCipher {
  constructor(private readonly keys: EncryptionKeyRing) {}

  encrypt(plaintext: string, aad: string): string {
    const { id, key } = this.keys.current;
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(boundAad(id, aad));
    const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return [VERSION, id, b64(iv), b64(ciphertext), b64(cipher.getAuthTag())].join('.');
  }

  decrypt(token: string, aad: string): string {
    const parts = token.split('.');
    if (parts.length !== 5 || parts[0] !== VERSION) throw new FieldCipherError('not a v1 field token');
    const [, id, ivText, ciphertextText, tagText] = parts as [string, string, string, string, string];
    const entry = this.keys.all.get(id);
    if (!entry) throw new FieldCipherError(`no key with the token's key id ${sanitiseId(id)}`);
    const iv = unb64(ivText);
    const tag = unb64(tagText);
    const ciphertext = unb64(ciphertextText);
    if (!iv || iv.length !== IV_BYTES || !tag || tag.length !== TAG_BYTES || !ciphertext) {
      throw new FieldCipherError('malformed field token');
    }
    try {
      const decipher = createDecipheriv('aes-256-gcm', entry.key, iv, { authTagLength: TAG_BYTES });
      decipher.setAAD(boundAad(id, aad));
      decipher.setAuthTag(tag);
      return Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString('utf8');
    } catch {
      // Node's message says nothing about the data, but keep ours fixed whatever the version says.
      throw new FieldCipherError('field token failed authentication (tampered, or bound to another column)');
    }
  }

  /** The key id a token was encrypted with (to find tokens still under an old key), or undefined. */
  static keyIdOf(token: string): string | undefined {
    const parts = token.split('.');
    return parts.length === 5 && parts[0] === VERSION ? parts[1] : undefined;
  }
}

/** The AAD also covers the version and key id, so neither can be swapped without failing the tag. */
function boundAad(keyId: string, aad: string): Buffer {
  return Buffer.from(`${VERSION}\u001f${keyId}\u001f${aad}`, 'utf8');
}

function b64(bytes: Buffer): string {
  return bytes.toString('base64url');
}

/** Strict base64url (Buffer.from skips bad characters, which would hide tampering from our checks). */
function unb64(text: string): Buffer | undefined {
  return /^[A-Za-z0-9_-]*$/.test(text) ? Buffer.from(text, 'base64url') : undefined;
}

/** A key id is not secret, but a tampered one could be anything: keep messages short and plain. */
function sanitiseId(id: string): string {
  return /^[A-Za-z0-9_-]{1,32}$/.test(id) ? id : '(invalid)';
}
