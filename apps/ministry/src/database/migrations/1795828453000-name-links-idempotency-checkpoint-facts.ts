import type { MigrationInterface, QueryRunner } from 'typeorm';
import { nameAndBirthDateKey } from '../../cases/case.rules.js';

/**
 * Case links by name plus date of birth (kind `name_dob` in ministry_case_link, under its primary
 * key like NIK and passport), `Idempotency-Key` results of the desk's POST routes, and the checkpoint
 * matches and departure delays of each case (ids, checkpoint, decision, time; no personal data).
 * Cases opened before it get their name links from the persons of their watchlist entries.
 */
export class NameLinksIdempotencyCheckpointFacts1795828453000 implements MigrationInterface {
  name = 'NameLinksIdempotencyCheckpointFacts1795828453000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `COMMENT ON COLUMN ministry_case_link.value IS 'report number, interception id, NIK, passport number, or normalised name|date of birth: personal data for nik/passport/name_dob'`,
    );
    await backfillNameLinks(q);
    await q.query(`
      CREATE TABLE ministry_idempotency_key (
        unit_id      text        NOT NULL,
        key          text        NOT NULL,
        request_hash text        NOT NULL,
        status_code  integer     NOT NULL,
        response     jsonb       NOT NULL,
        created_at   timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (unit_id, key)
      )`);
    await q.query(
      `COMMENT ON TABLE ministry_idempotency_key IS 'First result per (unit, Idempotency-Key); the request only as a hash; no personal data'`,
    );
    await q.query(`
      CREATE TABLE ministry_case_checkpoint_fact (
        event_id      uuid             PRIMARY KEY,
        case_id       uuid             NOT NULL REFERENCES ministry_case (id),
        kind          text             NOT NULL CHECK (kind IN ('match', 'delay')),
        fact_id       uuid             NOT NULL,
        checkpoint    text             NOT NULL,
        decision      text             NOT NULL,
        entry_id      uuid,
        screening_id  uuid,
        occurred_at   timestamptz      NOT NULL
      )`);
    await q.query(
      `CREATE INDEX ministry_case_checkpoint_fact_case ON ministry_case_checkpoint_fact (case_id, occurred_at)`,
    );
    await q.query(
      `COMMENT ON TABLE ministry_case_checkpoint_fact IS 'Checkpoint matches (decision refer/deny) and departure delays (decision = the delay reason) of a case; ids only, no traveller details'`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE ministry_case_checkpoint_fact`);
    await q.query(`DROP TABLE ministry_idempotency_key`);
    await q.query(`DELETE FROM ministry_case_link WHERE kind = 'name_dob'`);
    await q.query(
      `COMMENT ON COLUMN ministry_case_link.value IS 'report number, interception id, NIK or passport number: personal data for nik/passport'`,
    );
  }
}

/**
 * Name-plus-birth-date links for the persons of existing cases, from their watchlist entries (oldest
 * entry first; a key already linked stays with its case, as for new events).
 */
async function backfillNameLinks(q: QueryRunner): Promise<void> {
  const rows: Array<{ case_id: string; full_name: string; date_of_birth: string }> = await q.query(
    `SELECT case_id, person->>'fullName' AS full_name, person->>'dateOfBirth' AS date_of_birth
       FROM ministry_watchlist_entry
      WHERE case_id IS NOT NULL AND person ? 'fullName' AND person ? 'dateOfBirth'
      ORDER BY issued_at, id`,
  );
  const values: string[] = [];
  const cases: string[] = [];
  for (const row of rows) {
    const key = nameAndBirthDateKey({ fullName: row.full_name, dateOfBirth: row.date_of_birth });
    if (!key) continue;
    values.push(key);
    cases.push(row.case_id);
  }
  for (let i = 0; i < values.length; i += 1000) {
    await q.query(
      `INSERT INTO ministry_case_link (kind, value, case_id)
       SELECT 'name_dob', t.v, t.c FROM unnest($1::text[], $2::uuid[]) WITH ORDINALITY AS t(v, c, n)
         JOIN ministry_case mc ON mc.id = t.c
        ORDER BY t.n
       ON CONFLICT (kind, value) DO NOTHING`,
      [values.slice(i, i + 1000), cases.slice(i, i + 1000)],
    );
  }
}
