import type { Person } from '@simpul/contracts';
import type { MigrationInterface, QueryRunner } from 'typeorm';
import { PersonVault } from '../../identities/person-vault.js';

/**
 * Phone numbers are personal data like NIKs (docs/contract.md §13): a watchlist entry's
 * `phoneNumbers` leave the `person` jsonb for an encrypted column (the JSON array as one AES-256-GCM
 * token, bound to the column and row) and an array of blind indexes (HMAC of the E.164 number),
 * searchable with `= ANY` through a GIN index.
 *
 * The contract allowed `Person.phoneNumbers` one commit before this migration, so entries stored
 * in between may hold them in clear: they are sealed in place, in the migration's transaction, with
 * the keys the service runs with (MINISTRY_PII_ENCRYPTION_KEY, MINISTRY_PII_INDEX_KEY, read from the
 * environment as PseudonymiseIdentities1796100000000 explains). Without such rows no key is needed;
 * with rows and no valid keys it fails and rolls back rather than keep plaintext.
 */
export class SealPhoneNumbers1797900000001 implements MigrationInterface {
  name = 'SealPhoneNumbers1797900000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE ministry_watchlist_entry
        ADD COLUMN phone_encrypted text,
        ADD COLUMN phone_indexes   text[]`);
    await q.query(
      `CREATE INDEX ministry_watchlist_entry_phone_indexes ON ministry_watchlist_entry USING gin (phone_indexes)`,
    );
    await q.query(
      `COMMENT ON COLUMN ministry_watchlist_entry.person IS 'personal data, without nik, passportNumber and phoneNumbers (see the *_encrypted and *_index(es) columns)'`,
    );
    await q.query(
      `COMMENT ON COLUMN ministry_watchlist_entry.phone_encrypted IS 'phone numbers (JSON array of E.164), AES-256-GCM token bound to this column and row'`,
    );
    await q.query(
      `COMMENT ON COLUMN ministry_watchlist_entry.phone_indexes IS 'one blind index per phone number (HMAC-SHA256 of the E.164 form, MINISTRY_PII_INDEX_KEY)'`,
    );
    let vault: PersonVault | undefined;
    for (;;) {
      const rows: Array<{ id: string; person: Person }> = await q.query(
        `SELECT id, person FROM ministry_watchlist_entry WHERE person ? 'phoneNumbers' ORDER BY id LIMIT 500`,
      );
      if (rows.length === 0) break;
      vault ??= PersonVault.fromEnvironment();
      // Only the phone numbers move: the entry's other identifiers are already sealed.
      const sealed = rows.map((row) =>
        vault!.sealEntryPerson({ fullName: '', phoneNumbers: row.person.phoneNumbers }, row.id),
      );
      await q.query(
        `UPDATE ministry_watchlist_entry e
            SET person = e.person - 'phoneNumbers', phone_encrypted = t.pe,
                phone_indexes = ARRAY(SELECT jsonb_array_elements_text(t.pi::jsonb))
           FROM unnest($1::uuid[], $2::text[], $3::text[]) AS t(id, pe, pi)
          WHERE e.id = t.id`,
        [
          rows.map((r) => r.id),
          sealed.map((s) => s.phoneEncrypted),
          sealed.map((s) => JSON.stringify(s.phoneIndexes)),
        ],
      );
    }
  }

  async down(q: QueryRunner): Promise<void> {
    let vault: PersonVault | undefined;
    const rows: Array<{ id: string; phone_encrypted: string }> = await q.query(
      `SELECT id, phone_encrypted FROM ministry_watchlist_entry WHERE phone_encrypted IS NOT NULL`,
    );
    for (const row of rows) {
      vault ??= PersonVault.fromEnvironment();
      const { phoneNumbers } = vault.openEntryPerson(
        {
          person: { fullName: '' },
          nikEncrypted: null,
          passportEncrypted: null,
          phoneEncrypted: row.phone_encrypted,
        },
        row.id,
      );
      await q.query(
        `UPDATE ministry_watchlist_entry SET person = person || jsonb_build_object('phoneNumbers', $2::jsonb) WHERE id = $1`,
        [row.id, JSON.stringify(phoneNumbers)],
      );
    }
    await q.query(`DROP INDEX ministry_watchlist_entry_phone_indexes`);
    await q.query(
      `ALTER TABLE ministry_watchlist_entry DROP COLUMN phone_encrypted, DROP COLUMN phone_indexes`,
    );
    await q.query(
      `COMMENT ON COLUMN ministry_watchlist_entry.person IS 'personal data, without nik and passportNumber (see the *_encrypted and *_index columns)'`,
    );
  }
}
