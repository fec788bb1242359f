/**
 * @simpul/privacy: pseudonymisation of personal data at rest (Law 21/2007 art. 44, UU PDP):
 * field encryption (AES-256-GCM) and keyed blind indexes (HMAC-SHA256) for searching.
 */
export { BlindIndex, normaliseIdentifier, type IdentifierKind } from './blind-index.js';
export { FieldCipher, FieldCipherError } from './field-cipher.js';
export {
  generatePrivacyKeys,
  keyFingerprint,
  parseEncryptionKeys,
  parseIndexKey,
  PrivacyKeyError,
  type EncryptionKey,
  type EncryptionKeyRing,
} from './privacy-keys.js';
