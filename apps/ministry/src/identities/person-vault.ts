import type { Person } from '@simpul/contracts';
import { BlindIndex, FieldCipher, parseEncryptionKeys, parseIndexKey } from '@simpul/privacy';
import type { CaseLinkKey } from '../cases/case.rules.js';

/** A person as the ministry stores it: identifiers encrypted and blind-indexed, everything else as is. */
export interface SealedPerson {
  /** The person without `nik` and `passportNumber` (stored as jsonb). */
  person: Person;
  nikEncrypted: string | null;
  passportEncrypted: string | null;
  nikIndex: string | null;
  passportIndex: string | null;
}

/** Where a watchlist entry's identifiers live: the AAD binds each token to its column and its row. */
export const ENTRY_NIK_AAD = 'ministry_watchlist_entry.nik_encrypted';
export const ENTRY_PASSPORT_AAD = 'ministry_watchlist_entry.passport_encrypted';

/** Link kinds whose values are personal data: stored as blind indexes, never as given. */
const PERSONAL_LINK_KINDS = new Set(['nik', 'passport', 'name_dob']);

/**
 * The one place that turns identifiers into what the ministry stores (Law 21/2007 art. 44, UU PDP):
 * NIK and passport numbers encrypted (AES-256-GCM, bound to their row) and blind-indexed (HMAC)
 * for searching; link keys of persons blind-indexed. Framework-free so the migrations use it too.
 */
export class PersonVault {
  constructor(
    private readonly cipher: FieldCipher,
    readonly index: BlindIndex,
  ) {}

  /** From the two key settings (already validated by MinistryConfig, or by the migration). */
  static fromSettings(encryptionKey: string | undefined, indexKey: string | undefined): PersonVault {
    return new PersonVault(
      new FieldCipher(parseEncryptionKeys(encryptionKey, 'MINISTRY_PII_ENCRYPTION_KEY')),
      new BlindIndex(parseIndexKey(indexKey, 'MINISTRY_PII_INDEX_KEY')),
    );
  }

  /** Splits a watchlist entry's person into what is stored in clear and the sealed identifiers. */
  sealEntryPerson(person: Person, entryId: string): SealedPerson {
    const { nik, passportNumber, ...rest } = person;
    const row = entryId.toLowerCase();
    return {
      person: rest,
      nikEncrypted: nik !== undefined ? this.cipher.encrypt(nik, `${ENTRY_NIK_AAD}:${row}`) : null,
      passportEncrypted:
        passportNumber !== undefined
          ? this.cipher.encrypt(passportNumber, `${ENTRY_PASSPORT_AAD}:${row}`)
          : null,
      nikIndex: nik !== undefined ? this.index.of('nik', nik) : null,
      passportIndex: passportNumber !== undefined ? this.index.of('passport', passportNumber) : null,
    };
  }

  /** The full person of a stored entry (identifiers decrypted), e.g. to re-publish it. */
  openEntryPerson(
    stored: { person: Person; nikEncrypted: string | null; passportEncrypted: string | null },
    entryId: string,
  ): Person {
    const row = entryId.toLowerCase();
    const person: Person = { ...stored.person };
    if (stored.nikEncrypted !== null) {
      person.nik = this.cipher.decrypt(stored.nikEncrypted, `${ENTRY_NIK_AAD}:${row}`);
    }
    if (stored.passportEncrypted !== null) {
      person.passportNumber = this.cipher.decrypt(stored.passportEncrypted, `${ENTRY_PASSPORT_AAD}:${row}`);
    }
    return person;
  }

  /**
   * Case link keys as stored: report numbers and interception ids as given; NIK and passport
   * numbers as their blind index (normalised, so spellings meet), name plus date of birth as a
   * keyed hash. Deduplicated after hashing (two spellings of one passport are one key).
   */
  storedLinkKeys(keys: readonly CaseLinkKey[]): CaseLinkKey[] {
    const out: CaseLinkKey[] = [];
    const seen = new Set<string>();
    for (const key of keys) {
      const value = !PERSONAL_LINK_KINDS.has(key.kind)
        ? key.value
        : key.kind === 'name_dob'
          ? this.index.ofText('name_dob', key.value)
          : this.index.of(key.kind as 'nik' | 'passport', key.value);
      const id = `${key.kind}\u001f${value}`;
      if (seen.has(id)) continue;
      seen.add(id);
      out.push({ kind: key.kind, value });
    }
    return out;
  }
}
