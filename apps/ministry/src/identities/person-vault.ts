import { normalisePhoneNumber, type Person } from '@simpul/contracts';
import { BlindIndex, FieldCipher, parseEncryptionKeys, parseIndexKey } from '@simpul/privacy';
import type { CaseLinkKey } from '../cases/case.rules.js';

/** A person as the ministry stores it: identifiers encrypted and blind-indexed, everything else as is. */
export interface SealedPerson {
  /** The person without `nik`, `passportNumber` and `phoneNumbers` (stored as jsonb). */
  person: Person;
  nikEncrypted: string | null;
  passportEncrypted: string | null;
  nikIndex: string | null;
  passportIndex: string | null;
  /** The phone numbers as one token (the JSON array, so a re-publish restores them as given). */
  phoneEncrypted: string | null;
  /** One blind index per distinct phone number (phoneIndex), for `= ANY` searches. */
  phoneIndexes: string[] | null;
}

/** What openEntryPerson needs of a stored entry. */
export interface StoredEntryPerson {
  person: Person;
  nikEncrypted: string | null;
  passportEncrypted: string | null;
  /** Absent for rows read by code older than the phone columns (the pseudonymisation migration). */
  phoneEncrypted?: string | null;
}

/** Where a watchlist entry's identifiers live: the AAD binds each token to its column and its row. */
export const ENTRY_NIK_AAD = 'ministry_watchlist_entry.nik_encrypted';
export const ENTRY_PASSPORT_AAD = 'ministry_watchlist_entry.passport_encrypted';
export const ENTRY_PHONE_AAD = 'ministry_watchlist_entry.phone_encrypted';

/** Link kinds whose values are personal data: stored as blind indexes, never as given. */
const PERSONAL_LINK_KINDS = new Set(['nik', 'passport', 'name_dob']);

/**
 * The one place that turns identifiers into what the ministry stores (Law 21/2007 art. 44, UU PDP):
 * NIK and passport numbers and phone numbers encrypted (AES-256-GCM, bound to their row) and
 * blind-indexed (HMAC) for searching; link keys of persons blind-indexed. Framework-free so the
 * migrations use it too.
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

  /**
   * From the service's variables (MINISTRY_PII_ENCRYPTION_KEY, MINISTRY_PII_INDEX_KEY): for the
   * migrations that seal rows in place, which TypeORM builds without arguments. Errors name the
   * variable and the rule (PrivacyKeyError), never the value.
   */
  static fromEnvironment(env: NodeJS.ProcessEnv = process.env): PersonVault {
    return PersonVault.fromSettings(env.MINISTRY_PII_ENCRYPTION_KEY, env.MINISTRY_PII_INDEX_KEY);
  }

  /** Splits a watchlist entry's person into what is stored in clear and the sealed identifiers. */
  sealEntryPerson(person: Person, entryId: string): SealedPerson {
    const { nik, passportNumber, phoneNumbers, ...rest } = person;
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
      phoneEncrypted:
        phoneNumbers !== undefined
          ? this.cipher.encrypt(JSON.stringify(phoneNumbers), `${ENTRY_PHONE_AAD}:${row}`)
          : null,
      phoneIndexes: phoneNumbers !== undefined ? this.phoneIndexes(phoneNumbers) : null,
    };
  }

  /** The full person of a stored entry (identifiers decrypted), e.g. to re-publish it. */
  openEntryPerson(stored: StoredEntryPerson, entryId: string): Person {
    const row = entryId.toLowerCase();
    const person: Person = { ...stored.person };
    if (stored.nikEncrypted !== null) {
      person.nik = this.cipher.decrypt(stored.nikEncrypted, `${ENTRY_NIK_AAD}:${row}`);
    }
    if (stored.passportEncrypted !== null) {
      person.passportNumber = this.cipher.decrypt(stored.passportEncrypted, `${ENTRY_PASSPORT_AAD}:${row}`);
    }
    if (stored.phoneEncrypted) {
      const token = this.cipher.decrypt(stored.phoneEncrypted, `${ENTRY_PHONE_AAD}:${row}`);
      person.phoneNumbers = JSON.parse(token) as string[];
    }
    return person;
  }

  /**
   * The blind index of a phone number, wherever the ministry stores or searches one (entries,
   * patrol findings, `?phone=`): read into E.164 first, so `0812-3456-7890` finds `+6281234567890`.
   */
  phoneIndex(phoneNumber: string): string {
    return this.index.ofText('phone', normalisePhoneNumber(phoneNumber) ?? phoneNumber);
  }

  /** The distinct blind indexes of `phoneNumbers`, in their order. */
  phoneIndexes(phoneNumbers: readonly string[]): string[] {
    return [...new Set(phoneNumbers.map((p) => this.phoneIndex(p)))];
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

  /**
   * A personal field stored outside a person (a patrol finding's account handle or phone numbers):
   * encrypted, bound to `column` (`table.column`) and its row, like an entry's identifiers.
   */
  sealField(plaintext: string, column: string, rowId: string): string {
    return this.cipher.encrypt(plaintext, `${column}:${rowId.toLowerCase()}`);
  }

  /** What sealField sealed, read back under the same column and row (FieldCipherError otherwise). */
  openField(token: string, column: string, rowId: string): string {
    return this.cipher.decrypt(token, `${column}:${rowId.toLowerCase()}`);
  }
}
