import { contractSourceOwnsSubject } from '../contracts.js';
import { BusError, BusErrorCode } from '../errors.js';
import { BusHeader } from '../headers.js';
import { canonicalBytes } from './canonical.js';
import { verifyBytes } from './keys.js';
import type { KeyRegistry, RegisteredKey } from './registry.js';

/** The part of a NATS header set the verifier reads. */
export interface HeaderReader {
  get(key: string): string;
}

/** The signing key a message claims and its signature, before any cryptography. */
export interface ClaimedSignature {
  key: RegisteredKey;
  signature: string;
}

/**
 * Reads `Simpul-Key`/`Simpul-Signature` and looks the key up (refreshing the registry once on a
 * miss, so a newly onboarded unit is accepted). Throws SIGNATURE_MISSING or KEY_UNKNOWN.
 */
export function claimedSignature(headers: HeaderReader | undefined, registry: KeyRegistry): ClaimedSignature {
  const keyId = headers?.get(BusHeader.KEY) ?? '';
  const signature = headers?.get(BusHeader.SIGNATURE) ?? '';
  if (!keyId || !signature) {
    throw new BusError(BusErrorCode.SIGNATURE_MISSING, 'message carries no Simpul-Signature/Simpul-Key');
  }
  let key = registry.lookup(keyId);
  if (!key && registry.refresh) {
    registry.refresh();
    key = registry.lookup(keyId);
  }
  if (!key) {
    throw new BusError(BusErrorCode.KEY_UNKNOWN, `key ${safeId(keyId)} is not registered`, {
      keyId: safeId(keyId),
    });
  }
  return { key, signature };
}

/**
 * The second chance after the received bytes did not verify: a publisher other than Simpul's
 * relay may have sent another serialisation of the same JSON, so canonicalise (RFC 8785) and
 * verify that. Throws SIGNATURE_INVALID when this fails too.
 */
export function verifyCanonicalForm(data: Uint8Array, claimed: ClaimedSignature): RegisteredKey {
  let canonical: Uint8Array | undefined;
  try {
    canonical = canonicalBytes(JSON.parse(Buffer.from(data).toString('utf8')));
  } catch {
    canonical = undefined;
  }
  if (
    canonical &&
    !Buffer.from(canonical).equals(Buffer.from(data)) &&
    verifyBytes(canonical, claimed.signature, claimed.key.publicKey)
  ) {
    return claimed.key;
  }
  throw new BusError(
    BusErrorCode.SIGNATURE_INVALID,
    `signature by ${claimed.key.keyId} does not match the body`,
    {
      keyId: claimed.key.keyId,
    },
  );
}

/**
 * Checks `Simpul-Signature` over a message body and returns the registered key that made it.
 * Throws a BusError (SIGNATURE_MISSING, KEY_UNKNOWN, SIGNATURE_INVALID) otherwise.
 *
 * Fast path: Simpul publishers send the canonical JSON itself as the body, so the received bytes
 * are verified directly (one Ed25519 verify, no re-serialisation). Only when that fails is the
 * body parsed and canonicalised (RFC 8785) and verified again, which accepts other publishers
 * that serialised the same JSON differently. Either way the signed content is exactly what gets parsed.
 */
export function verifySignature(
  data: Uint8Array,
  headers: HeaderReader | undefined,
  registry: KeyRegistry,
): RegisteredKey {
  const claimed = claimedSignature(headers, registry);
  if (verifyBytes(data, claimed.signature, claimed.key.publicKey)) return claimed.key;
  return verifyCanonicalForm(data, claimed);
}

/**
 * The checks that need the parsed event: the key may sign for the event's `source`, the NATS
 * subject is the one the event maps to, and the source owns that subject's agency and unit token.
 */
export function authorizeEvent(
  key: RegisteredKey,
  event: { id: string; source: string; type: string },
  subject: string,
  expectedSubject: string | undefined,
): void {
  if (!key.sources.has(event.source)) {
    throw new BusError(
      BusErrorCode.KEY_NOT_AUTHORIZED,
      `key ${key.keyId} is not registered for source ${event.source} (event ${event.id})`,
    );
  }
  if (expectedSubject !== undefined && expectedSubject !== subject) {
    throw new BusError(
      BusErrorCode.SUBJECT_MISMATCH,
      `event ${event.id} of type ${event.type} belongs on ${expectedSubject}, not ${subject}`,
    );
  }
  if (!contractSourceOwnsSubject(event.source, subject)) {
    throw new BusError(
      BusErrorCode.SOURCE_NOT_OWNER,
      `source ${event.source} may not publish on ${subject} (event ${event.id})`,
    );
  }
}

/** Header values come from the network: keep what we echo into errors short and printable. */
function safeId(value: string): string {
  return value.replace(/[^A-Za-z0-9._:-]/g, '?').slice(0, 80);
}
