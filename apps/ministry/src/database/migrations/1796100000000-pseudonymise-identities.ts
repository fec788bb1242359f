import type { Person } from '@simpul/contracts';
import type { MigrationInterface, QueryRunner } from 'typeorm';
import { PersonVault } from '../../identities/person-vault.js';

/**
 * Identifiers of persons pseudonymised at rest (Law 21/2007 art. 44, UU PDP): a watchlist entry's
 * NIK and passport number leave the `person` jsonb for encrypted columns (AES-256-GCM, bound to
 * the row) and blind-index columns (HMAC, searchable with `=`); case links by NIK, passport and
 * name plus date of birth store the keyed hash instead of the value.
 *
 * Existing rows are converted in place, in the migration's transaction, so no plaintext stays
 * behind. That needs the keys, which this migration reads from the same variables the service
 * reads (MINISTRY_PII_ENCRYPTION_KEY, MINISTRY_PII_INDEX_KEY; `npm run migration:run:ministry` and
 * the launcher run it with the service's environment): TypeORM builds migrations without
 * arguments, so the environment is the only way in. A database without such rows (every new one)
 * needs no key. With rows and no valid keys it fails and rolls back rather than keep plaintext or
 * drop data. The keys must then stay the ones the service runs with: the indexes and tokens are
 * only usable under them.
 */
export class PseudonymiseIdentities1796100000000 implements MigrationInterface {
  name = 'PseudonymiseIdentities1796100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE ministry_watchlist_entry
        ADD COLUMN nik_encrypted      text,
        ADD COLUMN passport_encrypted text,
        ADD COLUMN nik_index          text,
        ADD COLUMN passport_index     text`);
    await q.query(
      `CREATE INDEX ministry_watchlist_entry_nik_index ON ministry_watchlist_entry (nik_index) WHERE nik_index IS NOT NULL`,
    );
    await q.query(
      `CREATE INDEX ministry_watchlist_entry_passport_index ON ministry_watchlist_entry (passport_index) WHERE passport_index IS NOT NULL`,
    );
    await q.query(
      `COMMENT ON COLUMN ministry_watchlist_entry.person IS 'personal data, without nik and passportNumber (see the *_encrypted and *_index columns)'`,
    );
    for (const [column, comment] of [
      [
        'nik_encrypted',
        'NIK, AES-256-GCM token v1.<keyId>.<iv>.<ciphertext>.<tag> bound to this column and row',
      ],
      ['passport_encrypted', 'passport number, AES-256-GCM token bound to this column and row'],
      ['nik_index', 'NIK blind index (HMAC-SHA256, MINISTRY_PII_INDEX_KEY)'],
      ['passport_index', 'passport number blind index (HMAC-SHA256, MINISTRY_PII_INDEX_KEY)'],
    ] as const) {
      await q.query(`COMMENT ON COLUMN ministry_watchlist_entry.${column} IS '${comment}'`);
    }
    await q.query(
      `COMMENT ON COLUMN ministry_case_link.value IS 'report number or interception id as given; for nik, passport and name_dob a keyed blind index (HMAC-SHA256), never the identifier'`,
    );
    await sealEntryPersons(q);
    await hashPersonalLinks(q);
  }

  async down(q: QueryRunner): Promise<void> {
    await openEntryPersons(q);
    // A keyed hash cannot be turned back into the identifier: these links go (the cases keep their
    // report and interception links; new events link by person again from then on).
    await q.query(`DELETE FROM ministry_case_link WHERE kind IN ('nik', 'passport', 'name_dob')`);
    await q.query(
      `COMMENT ON COLUMN ministry_case_link.value IS 'report number, interception id, NIK, passport number, or normalised name|date of birth: personal data for nik/passport/name_dob'`,
    );
    await q.query(`COMMENT ON COLUMN ministry_watchlist_entry.person IS 'personal data'`);
    await q.query(`DROP INDEX ministry_watchlist_entry_passport_index`);
    await q.query(`DROP INDEX ministry_watchlist_entry_nik_index`);
    await q.query(`
      ALTER TABLE ministry_watchlist_entry
        DROP COLUMN nik_encrypted, DROP COLUMN passport_encrypted, DROP COLUMN nik_index, DROP COLUMN passport_index`);
  }
}

/** The vault from the environment; only called when there are rows to convert. */
function vaultFromEnvironment(): PersonVault {
  // Errors name the variable and the rule (PrivacyKeyError), never the value.
  return PersonVault.fromSettings(
    process.env.MINISTRY_PII_ENCRYPTION_KEY,
    process.env.MINISTRY_PII_INDEX_KEY,
  );
}

const BATCH = 500;

/** Every entry whose person still holds a NIK or passport number: sealed, in batches. */
async function sealEntryPersons(q: QueryRunner): Promise<void> {
  let vault: PersonVault | undefined;
  for (;;) {
    const rows: Array<{ id: string; person: Person }> = await q.query(
      `SELECT id, person FROM ministry_watchlist_entry WHERE person ? 'nik' OR person ? 'passportNumber'
        ORDER BY id LIMIT ${BATCH}`,
    );
    if (rows.length === 0) return;
    vault ??= vaultFromEnvironment();
    const sealed = rows.map((row) => vault!.sealEntryPerson(row.person, row.id));
    await q.query(
      `UPDATE ministry_watchlist_entry e
          SET person = t.person::jsonb, nik_encrypted = t.ne, passport_encrypted = t.pe, nik_index = t.ni,
              passport_index = t.pi
         FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[])
           AS t(id, person, ne, pe, ni, pi)
        WHERE e.id = t.id`,
      [
        rows.map((r) => r.id),
        sealed.map((s) => JSON.stringify(s.person)),
        sealed.map((s) => s.nikEncrypted),
        sealed.map((s) => s.passportEncrypted),
        sealed.map((s) => s.nikIndex),
        sealed.map((s) => s.passportIndex),
      ],
    );
  }
}

/**
 * Links by NIK, passport and name plus date of birth rewritten as blind indexes. Two old values
 * can meet in one index (passport O/0, I/1 spellings): the link of the oldest case wins, as the
 * first link wins for new events.
 */
async function hashPersonalLinks(q: QueryRunner): Promise<void> {
  const rows: Array<{ kind: string; value: string; case_id: string }> = await q.query(
    `SELECT l.kind, l.value, l.case_id FROM ministry_case_link l JOIN ministry_case c ON c.id = l.case_id
      WHERE l.kind IN ('nik', 'passport', 'name_dob') ORDER BY c.opened_at, c.id, l.kind, l.value`,
  );
  if (rows.length === 0) return;
  const vault = vaultFromEnvironment();
  const hashed = rows.map((row) => ({
    kind: row.kind,
    value: vault.storedLinkKeys([{ kind: row.kind as 'nik', value: row.value }])[0]!.value,
    caseId: row.case_id,
  }));
  await q.query(`DELETE FROM ministry_case_link WHERE kind IN ('nik', 'passport', 'name_dob')`);
  for (let i = 0; i < hashed.length; i += 1000) {
    const batch = hashed.slice(i, i + 1000);
    await q.query(
      `INSERT INTO ministry_case_link (kind, value, case_id)
       SELECT t.k, t.v, t.c FROM unnest($1::text[], $2::text[], $3::uuid[]) WITH ORDINALITY AS t(k, v, c, n)
        ORDER BY t.n
       ON CONFLICT (kind, value) DO NOTHING`,
      [batch.map((h) => h.kind), batch.map((h) => h.value), batch.map((h) => h.caseId)],
    );
  }
}

/** Down: identifiers decrypted back into `person` (needs the keys when such rows exist). */
async function openEntryPersons(q: QueryRunner): Promise<void> {
  const rows: Array<{
    id: string;
    person: Person;
    nik_encrypted: string | null;
    passport_encrypted: string | null;
  }> = await q.query(
    `SELECT id, person, nik_encrypted, passport_encrypted FROM ministry_watchlist_entry
        WHERE nik_encrypted IS NOT NULL OR passport_encrypted IS NOT NULL`,
  );
  if (rows.length === 0) return;
  const vault = vaultFromEnvironment();
  for (let i = 0; i < rows.length; i += BATCH) {
    const batch = rows.slice(i, i + BATCH);
    const persons = batch.map((row) =>
      vault.openEntryPerson(
        { person: row.person, nikEncrypted: row.nik_encrypted, passportEncrypted: row.passport_encrypted },
        row.id,
      ),
    );
    await q.query(
      `UPDATE ministry_watchlist_entry e SET person = t.person::jsonb
         FROM unnest($1::uuid[], $2::text[]) AS t(id, person) WHERE e.id = t.id`,
      [batch.map((r) => r.id), persons.map((p) => JSON.stringify(p))],
    );
  }
}
